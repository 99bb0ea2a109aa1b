//! The Espaces part of the benchmark (a module of bench_stages.rs): seeds 1,000 spaces with
//! their members and 30,000 activity lines, then prints p50/p95 of a space's home rendered
//! through the router (the space, its modules and its activity feed).

use super::report;
use parvis::server::db::Db;
use sqlx::Row;
use std::time::Instant;
use tower::ServiceExt;

pub const SPACES: i64 = 1_000;
const MEMBERS_PER_SPACE: i64 = 8;
const PEOPLE: i64 = 2_000;
const ACTIVITY_PER_SPACE: i64 = 30;

/// The first bench space's id, seeding them when missing.
pub async fn seed(db: &Db) -> Result<i64, Box<dyn std::error::Error>> {
    let existing: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM spaces WHERE name LIKE 'Espace bench %'")
            .fetch_one(&db.pool)
            .await?
            .try_get("n")?;
    if existing < SPACES {
        let start = Instant::now();
        let mut tx = db.pool.begin().await?;
        for p in 0..PEOPLE {
            sqlx::query(
                "INSERT INTO users (email, display_name, password_hash, created_at, locale) VALUES ($1, $2, 'x', 0, 'fr')",
            )
            .bind(format!("bench-espaces-{p}@example.org"))
            .bind(format!("Membre {p}"))
            .execute(&mut *tx)
            .await?;
        }
        let first_person: i64 =
            sqlx::query("SELECT MIN(id) AS n FROM users WHERE email LIKE 'bench-espaces-%'")
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
        for s in 0..SPACES {
            let id: i64 = sqlx::query(
                "INSERT INTO spaces (name, description, template, visibility, time_zone, created_by, created_at, updated_at) \
                 VALUES ($1, 'Un espace de travail partagé.', 'network', 'public', 'Europe/Paris', $2, 0, 0) RETURNING id",
            )
            .bind(format!("Espace bench {s}"))
            .bind(first_person + s % PEOPLE)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
            for module in ["documents", "forum", "calendar"] {
                sqlx::query("INSERT INTO space_modules (space_id, module) VALUES ($1, $2)")
                    .bind(id)
                    .bind(module)
                    .execute(&mut *tx)
                    .await?;
            }
            for m in 0..MEMBERS_PER_SPACE {
                sqlx::query(
                    "INSERT INTO space_members (space_id, user_id, role, joined_at) VALUES ($1, $2, $3, 0)",
                )
                .bind(id)
                .bind(first_person + (s * 7 + m * 13) % PEOPLE)
                .bind(if m == 0 { "animator" } else { "contributor" })
                .execute(&mut *tx)
                .await?;
            }
            for a in 0..ACTIVITY_PER_SPACE {
                sqlx::query(
                    "INSERT INTO space_activity (space_id, actor_id, module, action, subject, link, created_at) \
                     VALUES ($1, $2, 'documents', 'activity-document-uploaded', $3, $4, $5)",
                )
                .bind(id)
                .bind(first_person + (s * 7 + (a % MEMBERS_PER_SPACE) * 13) % PEOPLE)
                .bind(format!("rapport-{a}.pdf"))
                .bind(format!("/espaces/{id}"))
                .bind(1_700_000_000 + a * 3600)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        super::analyze(db).await?;
        println!(
            "  seeded {SPACES} spaces, {} members, {} activity lines in {:.1} s",
            SPACES * MEMBERS_PER_SPACE,
            SPACES * ACTIVITY_PER_SPACE,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(
        sqlx::query("SELECT MIN(id) AS n FROM spaces WHERE name LIKE 'Espace bench %'")
            .fetch_one(&db.pool)
            .await?
            .try_get("n")?,
    )
}

/// p50/p95 of `samples` GETs of the paths `path(i)` through the router, bodies read whole.
pub async fn pages(
    app: &axum::Router,
    name: &str,
    samples: usize,
    path: impl Fn(usize) -> String,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(samples);
    for i in 0..samples {
        let request = axum::http::Request::get(path(i)).body(axum::body::Body::empty())?;
        let start = Instant::now();
        let response = app.clone().oneshot(request).await?;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        times.push(start.elapsed());
        if !status.is_success() {
            return Err(format!("{name}: {} answered {status}", path(i)).into());
        }
        std::hint::black_box(bytes);
    }
    report(name, times);
    Ok(())
}

pub async fn run(app: &axum::Router, db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let first = seed(db).await?;
    pages(app, "space home (feed of 30), through router", 200, |i| {
        format!("/espaces/{}", first + (i as i64 * 97) % SPACES)
    })
    .await
}
