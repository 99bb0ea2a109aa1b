//! The Espaces part of the benchmark (a module of bench_stages.rs): seeds 1,000 public spaces
//! with their members, 100,000 files (100 documents a space, each file in the storage),
//! 30,000 activity lines and 200,000 forum posts (20 threads of 10 posts a space), and 5,000
//! events in one space's calendar, then prints p50/p95 of a space's home, its documents and a
//! forum thread rendered through the router, and of that space's iCalendar feed; then the
//! 5 MB and 50 MB transfers through HTTP of espaces_transfer.rs.

use super::{bench_espaces_transfer::run_transfers, report};
use parvis::server::{db::Db, state::AppState};
use sqlx::Row;
use std::time::Instant;
use tower::ServiceExt;

pub const SPACES: i64 = 1_000;
const MEMBERS_PER_SPACE: i64 = 8;
const PEOPLE: i64 = 2_000;
const ACTIVITY_PER_SPACE: i64 = 30;
const THREADS_PER_SPACE: i64 = 20;
const POSTS_PER_THREAD: i64 = 10;
const EVENTS: i64 = 5_000;
const DOCUMENTS_PER_SPACE: i64 = 100;

/// The first bench space's id, seeding them when missing.
pub async fn seed(state: &AppState) -> Result<i64, Box<dyn std::error::Error>> {
    let db = &state.db;
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
            let category: i64 = sqlx::query(
                "INSERT INTO forum_categories (space_id, name, created_at) VALUES ($1, '', 0) RETURNING id",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
            for t in 0..THREADS_PER_SPACE {
                let thread: i64 = sqlx::query(
                    "INSERT INTO forum_threads (space_id, category_id, author_id, title, created_at, last_post_at) \
                     VALUES ($1, $2, $3, $4, 0, 0) RETURNING id",
                )
                .bind(id)
                .bind(category)
                .bind(first_person + (s * 7) % PEOPLE)
                .bind(format!("Retour d'expérience {t} : végétaliser les cours"))
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
                for p in 0..POSTS_PER_THREAD {
                    let body = format!("Réponse {p} : **les essais** de la saison ont montré que les *plantations* tiennent mieux avec un paillage.");
                    sqlx::query(
                        "INSERT INTO forum_posts (thread_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(thread)
                    .bind(first_person + (s * 7 + (p % MEMBERS_PER_SPACE) * 13) % PEOPLE)
                    .bind(&body)
                    .bind(parvis::server::markdown::render(&body))
                    .bind(1_700_000_000 + p * 60)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            seed_documents(&mut tx, id, first_person + s % PEOPLE).await?;
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
        seed_files(state).await?;
        super::analyze(db).await?;
        println!(
            "  seeded {SPACES} spaces, {} members, {} files, {} activity lines, {} forum posts in {:.1} s",
            SPACES * MEMBERS_PER_SPACE,
            SPACES * DOCUMENTS_PER_SPACE,
            SPACES * ACTIVITY_PER_SPACE,
            SPACES * THREADS_PER_SPACE * POSTS_PER_THREAD,
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

/// The bench documents' storage key for document `name` of space `space`.
fn document_key(space: i64, name: &str) -> String {
    format!("espaces/{space}/documents/bench-{name}")
}

/// [`DOCUMENTS_PER_SPACE`] documents at the top of space `id`, one version each, by `author`.
async fn seed_documents(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    author: i64,
) -> Result<(), sqlx::Error> {
    let names: Vec<String> = (0..DOCUMENTS_PER_SPACE)
        .map(|d| format!("compte-rendu-{d}.pdf"))
        .collect();
    let files: Vec<String> = names
        .iter()
        .map(|n| format!("({id}, '{}', {FILE_BYTES}, 'application/pdf', 0)", document_key(id, n)))
        .collect();
    sqlx::query(&format!(
        "INSERT INTO space_document_files (space_id, storage_key, size, content_type, created_at) VALUES {}",
        files.join(",")
    ))
    .execute(&mut **tx)
    .await?;
    let documents: Vec<String> = names
        .iter()
        .map(|n| format!("({id}, '{n}', '{n}', {author}, 0, 0)"))
        .collect();
    sqlx::query(&format!(
        "INSERT INTO space_documents (space_id, name, name_key, created_by, created_at, updated_at) VALUES {}",
        documents.join(",")
    ))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO space_document_versions (document_id, number, file_id, original_name, uploaded_by, uploaded_at) \
         SELECT d.id, 1, f.id, d.name, d.created_by, 0 FROM space_documents d \
         JOIN space_document_files f ON f.space_id = d.space_id AND f.storage_key = $2 || d.name \
         WHERE d.space_id = $1",
    )
    .bind(id)
    .bind(document_key(id, ""))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The size of each seeded file, in bytes.
const FILE_BYTES: usize = 2_000;

/// Writes every seeded document's file into the storage, 32 at a time.
async fn seed_files(state: &AppState) -> Result<(), Box<dyn std::error::Error>> {
    use futures_util::StreamExt;
    let keys: Vec<String> = sqlx::query("SELECT storage_key FROM space_document_files WHERE storage_key LIKE '%/bench-%'")
        .fetch_all(&state.db.pool)
        .await?
        .iter()
        .map(|row| row.try_get("storage_key"))
        .collect::<Result<_, _>>()?;
    let mut body = b"%PDF-1.7\n".to_vec();
    body.resize(FILE_BYTES, b' ');
    let body = bytes::Bytes::from(body);
    let written = futures_util::stream::iter(keys)
        .map(|key| {
            let body = body.clone();
            async move {
                let key = parvis::server::storage::StorageKey::new(key)?;
                state.storage.put_bytes(&key, body).await?;
                Ok::<_, Box<dyn std::error::Error>>(())
            }
        })
        .buffer_unordered(32)
        .collect::<Vec<_>>()
        .await;
    written.into_iter().collect::<Result<Vec<()>, _>>()?;
    Ok(())
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

/// 5,000 events in space `space` (one in ten weekly for a year), and a member's private feed
/// token; the token.
async fn seed_events(db: &Db, space: i64) -> Result<String, Box<dyn std::error::Error>> {
    use parvis::espaces::{
        calendar_types::EventForm,
        server::{calendar_rules, calendar_store},
    };
    let zone = jiff::tz::TimeZone::get("Europe/Paris")?;
    let mut tx = db.pool.begin().await?;
    for e in 0..EVENTS {
        let day = jiff::civil::date(2026, 1, 1).checked_add(jiff::Span::new().days(e % 700))?;
        let form = EventForm {
            title: format!("Réunion {e}, point d'étape; ordre du jour"),
            start_date: day.to_string(),
            start_time: "10:00".into(),
            end_date: day.to_string(),
            end_time: "11:30".into(),
            place: "Salle 3, Hôtel de Ville".into(),
            description: "Compte rendu à partager.\nDeuxième ligne.".into(),
            recurrence: if e % 10 == 0 {
                "weekly".into()
            } else {
                String::new()
            },
            count: if e % 10 == 0 {
                "52".into()
            } else {
                String::new()
            },
            ..Default::default()
        };
        let checked = calendar_rules::check(&form).map_err(|e| format!("{e:?}"))?;
        calendar_store::insert(&mut tx, space, &checked, &zone, None, 0).await?;
    }
    tx.commit().await?;
    let member: i64 = sqlx::query("SELECT user_id FROM space_members WHERE space_id = $1 LIMIT 1")
        .bind(space)
        .fetch_one(&db.pool)
        .await?
        .try_get("user_id")?;
    Ok(calendar_store::new_feed(db, space, member, 0).await?)
}

pub async fn run(app: &axum::Router, state: &AppState) -> Result<(), Box<dyn std::error::Error>> {
    let db = &state.db;
    let first = seed(state).await?;
    pages(app, "space home (feed of 30), through router", 200, |i| {
        format!("/espaces/{}", first + (i as i64 * 97) % SPACES)
    })
    .await?;
    pages(app, "space documents (100 files), through router", 200, |i| {
        format!("/espaces/{}/documents", first + (i as i64 * 89) % SPACES)
    })
    .await?;
    let first_thread: i64 =
        sqlx::query("SELECT MIN(t.id) AS n FROM forum_threads t WHERE t.space_id = $1")
            .bind(first)
            .fetch_one(&db.pool)
            .await?
            .try_get("n")?;
    // Threads of the first spaces are consecutive: thread k is in space first + k / 20.
    pages(app, "forum thread (10 posts), through router", 200, |i| {
        let k = (i as i64 * 997) % (SPACES * THREADS_PER_SPACE);
        format!(
            "/espaces/{}/forum/{}",
            first + k / THREADS_PER_SPACE,
            first_thread + k
        )
    })
    .await?;
    let token = seed_events(db, first).await?;
    pages(
        app,
        "iCalendar feed of 5,000 events, through router",
        30,
        |_| format!("/espaces/agenda/{token}.ics"),
    )
    .await?;
    super::settle(db).await?;
    transfers(app, state, first + 1).await
}

/// The 50 MB transfers alone (`PARVIS_BENCH_PARTS=transfers`), in one new space: the figures
/// that depend on nothing seeded, measured in a minute.
pub async fn run_transfers_alone(
    app: &axum::Router,
    state: &AppState,
) -> Result<(), Box<dyn std::error::Error>> {
    let db = &state.db;
    let creator: i64 = sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, created_at, locale) \
         VALUES ('bench-transfers@example.org', 'Transferts', 'x', 0, 'fr') RETURNING id",
    )
    .fetch_one(&db.pool)
    .await?
    .try_get("id")?;
    let space: i64 = sqlx::query(
        "INSERT INTO spaces (name, description, template, visibility, time_zone, created_by, created_at, updated_at) \
         VALUES ('Espace transferts', '', 'project', 'private', 'Europe/Paris', $1, 0, 0) RETURNING id",
    )
    .bind(creator)
    .fetch_one(&db.pool)
    .await?
    .try_get("id")?;
    sqlx::query("INSERT INTO space_modules (space_id, module) VALUES ($1, 'documents')")
        .bind(space)
        .execute(&db.pool)
        .await?;
    transfers(app, state, space).await
}

/// Serves `app` on a free local port (the transfers go through a real socket) and measures
/// the uploads and downloads into space `space`.
async fn transfers(
    app: &axum::Router,
    state: &AppState,
    space: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(parvis::server::router::serve(
        listener,
        app.clone(),
        state.shutdown.clone(),
        state.config.shutdown.clone(),
    ));
    for (mb, upload, download) in run_transfers(&base, state, space).await? {
        println!("  server peak memory, {mb} MB file: upload +{upload:.1} MB, download +{download:.1} MB");
    }
    Ok(())
}
