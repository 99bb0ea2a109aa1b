//! Stages benchmark: seeds 100,000 published offers and 300,000 applications, then prints the
//! p50/p95 of a full search (results and facet counts), of the offer page rendered through the
//! real router, and of the apply action, measured inside the server process.
//!
//! `scripts/bench` runs it on SQLite and, when reachable, on PostgreSQL. The Innovation part
//! (20,000 fiches, 200,000 comments) is in parts/innovation.rs.
//!
//! The Espaces part (1,000 spaces) is in parts/espaces.rs.
//!
//! `PARVIS_BENCH_PARTS=innovation` (or `stages`, `espaces`; `transfers`: Espaces' file transfers
//! alone, in one new space) measures one part alone. Unless
//! `PARVIS_BENCH_LOAD=0`, it first starts a copy of itself (`--busy-loop`) that keeps
//! one core busy for the whole run, so figures are measured under the same load from run to
//! run; the child is killed at the end. It prints each figure as it goes, then all of them
//! as a Markdown table.

#[path = "parts/bench_common.rs"]
mod bench_common;
#[path = "parts/espaces.rs"]
mod bench_espaces;
#[path = "parts/espaces_transfer.rs"]
mod bench_espaces_transfer;
#[path = "parts/innovation.rs"]
mod bench_innovation;

use parvis::{
    app_server,
    server::{config::Config, db::Db, text},
    stages::{
        search::SearchQuery,
        server::{applications, search},
    },
};
use sqlx::Row;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const OFFERS: i64 = 100_000;
const APPLICATIONS: i64 = 300_000;
const CANDIDATES: i64 = 10_000;

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at =
        |p: usize| samples[((p * samples.len()).div_ceil(100)).max(1) - 1].as_secs_f64() * 1000.0;
    (at(50), at(95))
}

/// Every figure so far: (backend, operation, p50 ms, p95 ms).
static FIGURES: std::sync::Mutex<Vec<(String, String, f64, f64)>> =
    std::sync::Mutex::new(Vec::new());
/// The backend being measured.
static BACKEND: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Prints the p50/p95 of `samples` for `name`, and keeps them for the final table.
fn report(name: &str, samples: Vec<Duration>) {
    let (p50, p95) = percentiles(samples);
    println!("  {name:<42} p50 {p50:>8.1} ms   p95 {p95:>8.1} ms");
    let backend = BACKEND.lock().map(|b| b.clone()).unwrap_or_default();
    if let Ok(mut figures) = FIGURES.lock() {
        figures.push((backend, name.to_string(), p50, p95));
    }
}

/// A child process spinning on one core until killed: the background load.
struct BusyLoop(std::process::Child);

impl BusyLoop {
    fn start() -> std::io::Result<BusyLoop> {
        Ok(BusyLoop(
            std::process::Command::new(std::env::current_exe()?)
                .arg("--busy-loop")
                .spawn()?,
        ))
    }
}

impl Drop for BusyLoop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The Markdown table of every figure: one row per operation, one column per backend.
fn table() -> String {
    let figures = FIGURES.lock().map(|f| f.clone()).unwrap_or_default();
    let mut backends: Vec<String> = Vec::new();
    let mut operations: Vec<String> = Vec::new();
    for (backend, operation, _, _) in &figures {
        if !backends.contains(backend) {
            backends.push(backend.clone());
        }
        if !operations.contains(operation) {
            operations.push(operation.clone());
        }
    }
    let mut out = format!(
        "| operation | {} |\n|---|{}\n",
        backends
            .iter()
            .map(|b| format!("{b} p50 / p95"))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(backends.len())
    );
    for operation in &operations {
        let cells: Vec<String> = backends
            .iter()
            .map(|b| {
                figures
                    .iter()
                    .find(|(fb, fo, _, _)| fb == b && fo == operation)
                    .map_or("–".to_string(), |(_, _, p50, p95)| {
                        format!("{p50:.1} / {p95:.1} ms")
                    })
            })
            .collect();
        out.push_str(&format!("| {operation} | {} |\n", cells.join(" | ")));
    }
    out
}

async fn seed(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM offers")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if existing >= OFFERS {
        return Ok(());
    }
    let reference = parvis::reference::server::store::load(db).await?;
    let services: Vec<(i64, i64, String)> = reference
        .directions
        .iter()
        .flat_map(|d| d.services.iter().map(move |s| (d.id, s.id, s.name.clone())))
        .collect();
    let metiers: Vec<(i64, String)> = reference
        .families
        .iter()
        .flat_map(|f| f.metiers.iter().map(|m| (m.id, m.name.clone())))
        .collect();
    let words = [
        "stage",
        "jardin",
        "communication",
        "données",
        "urbanisme",
        "climat",
        "école",
        "culture",
        "social",
        "numérique",
        "voirie",
        "santé",
    ];
    let start = Instant::now();
    let mut tx = db.pool.begin().await?;
    for batch in 0..(OFFERS / 500) {
        let mut sql = String::from(
            "INSERT INTO offers (direction_id, service_id, metier_id, title, description_md, description_html, profile_md, profile_html, education_level, discipline, \
             duration_weeks, start_month, deadline, places, address, arrondissement, remote_days, paid, contact_name, contact_email, state, created_at, updated_at, \
             published_at, search_terms, title_terms) VALUES ",
        );
        for i in 0..500 {
            let n = batch * 500 + i;
            let (direction, service, service_name) = &services[(n as usize * 7) % services.len()];
            let (metier, metier_name) = &metiers[(n as usize * 13) % metiers.len()];
            let word = words[n as usize % words.len()];
            let title = format!("Stage {word} {metier_name} n°{n}");
            let description = format!("Missions de {word} au sein du service {service_name}.");
            let level = ["bac", "bac2", "bac3", "bac5", "doctorat"][n as usize % 5];
            let weeks = [4, 8, 12, 16, 24][n as usize % 5];
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "({direction}, {service}, {metier}, '{}', '{}', '<p>{}</p>', '', '', '{level}', 'Discipline', {weeks}, '2099-03', '2099-01-{:02}', 1, 'Adresse', {}, {}, {}, \
                 'Contact', 'contact@paris.fr', 'published', 0, 0, {n}, '{}', '{}')",
                title.replace('\'', "''"),
                description.replace('\'', "''"),
                description.replace('\'', "''"),
                1 + n % 28,
                1 + n % 20,
                n % 3,
                i64::from(weeks > 8),
                text::stored(&format!("{title} {description} {metier_name} {service_name}")).replace('\'', "''"),
                text::stored(&title).replace('\'', "''"),
            ));
        }
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    for batch in 0..(CANDIDATES / 500) {
        let rows: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    "('bench{}@example.org', 'Candidat {}', 'x', 0, 'fr')",
                    batch * 500 + i,
                    batch * 500 + i
                )
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO users (email, display_name, password_hash, created_at, locale) VALUES {}",
            rows.join(",")
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let first_offer: i64 = sqlx::query("SELECT MIN(id) AS n FROM offers")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    let first_user: i64 = sqlx::query("SELECT MIN(id) AS n FROM users WHERE email LIKE 'bench%'")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    let mut tx = db.pool.begin().await?;
    for batch in 0..(APPLICATIONS / 1000) {
        let rows: Vec<String> = (0..1000)
            .map(|i| {
                let n = batch * 1000 + i;
                let offer = first_offer + (n * 7919) % OFFERS;
                let candidate = first_user + n % CANDIDATES;
                let direction = services[((offer - first_offer) as usize * 7) % services.len()].0;
                let state =
                    ["received", "in_review", "interview", "accepted", "declined"][n as usize % 5];
                format!("({offer}, {direction}, {candidate}, 'Lettre', '{state}', {n}, {n})")
            })
            .collect();
        sqlx::query(&format!(
            "INSERT INTO applications (offer_id, direction_id, candidate_id, cover_letter, state, created_at, updated_at) VALUES {} ON CONFLICT DO NOTHING",
            rows.join(",")
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    println!(
        "  seeded {OFFERS} offers, {APPLICATIONS} applications in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// On PostgreSQL, what autovacuum does to a live database (statistics, vacuum), done right
/// after the bulk load: otherwise the planner guesses, and autovacuum runs during the
/// measurements. SQLite gathers no statistics unless asked, and the application never asks.
pub async fn analyze(db: &Db) -> Result<(), sqlx::Error> {
    if db.backend == parvis::server::db::Backend::Postgres {
        sqlx::query("VACUUM ANALYZE").execute(&db.pool).await?;
    }
    Ok(())
}

/// Writes back what the seeding left dirty (PostgreSQL's `CHECKPOINT`, SQLite's WAL folded
/// into the database file), then `sync`s the disk: a measured transfer ends with `sync`,
/// which must wait for that transfer's writes only, not for the seeding's.
pub async fn settle(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let flush = match db.backend {
        parvis::server::db::Backend::Postgres => "CHECKPOINT",
        parvis::server::db::Backend::Sqlite => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    sqlx::query(flush).execute(&db.pool).await?;
    if !std::process::Command::new("sync").status()?.success() {
        return Err("sync failed".into());
    }
    Ok(())
}

async fn run(label: &str, url: String) -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile_dir();
    let mut config = Config::default();
    config.server.data_dir = dir.clone();
    config.database.url = url;
    let (app, state) = app_server::build(config).await?;
    println!("{label}");
    if let Ok(mut backend) = BACKEND.lock() {
        *backend = label.to_string();
    }
    if !part_chosen("stages") {
        return other_parts(&app, &state).await;
    }
    seed(&state.db).await?;
    analyze(&state.db).await?;
    let offer_index = parvis::stages::server::offer_index::OfferIndex::of(&state)?;
    let start = Instant::now();
    offer_index.rebuild(&state.db).await?;
    println!(
        "  search index of {} published offers built in {:.2} s, about {:.0} MB",
        offer_index.len(),
        start.elapsed().as_secs_f64(),
        offer_index.approx_bytes() as f64 / 1e6
    );
    let today = "2026-11-28";
    let dates = parvis::server::human_dates::HumanDates::new(
        parvis::i18n::Locale::Fr,
        state.clock.zone().clone(),
    );
    let queries: Vec<SearchQuery> = vec![
        SearchQuery::default(),
        SearchQuery {
            q: Some("stage".into()),
            ..Default::default()
        },
        SearchQuery {
            q: Some("jardins".into()),
            ..Default::default()
        },
        SearchQuery {
            q: Some("stage".into()),
            direction: Some("DEVE".into()),
            ..Default::default()
        },
        SearchQuery {
            direction: Some("DVD".into()),
            niveau: Some("bac3".into()),
            duree_max: Some("12".into()),
            ..Default::default()
        },
        SearchQuery {
            q: Some("communication climat".into()),
            tri: Some("echeance".into()),
            ..Default::default()
        },
    ];
    for (name, chosen) in [
        ("search, words only", vec![1, 2]),
        ("search, filters (with or without words)", vec![0, 3, 4, 5]),
    ] {
        let mut samples = Vec::new();
        for _ in 0..50 {
            for index in &chosen {
                let start = Instant::now();
                let results =
                    search::search(offer_index, &state.db, &queries[*index], today, &dates).await?;
                samples.push(start.elapsed());
                std::hint::black_box(results);
            }
        }
        report(name, samples);
    }
    let first_offer: i64 = sqlx::query("SELECT MIN(id) AS n FROM offers")
        .fetch_one(&state.db.pool)
        .await?
        .try_get("n")?;
    let mut samples = Vec::new();
    for i in 0..100 {
        let request = axum::http::Request::get(format!(
            "/stages/offres/{}",
            first_offer + (i * 997) % OFFERS
        ))
        .body(axum::body::Body::empty())?;
        let start = Instant::now();
        let response = app.clone().oneshot(request).await?;
        let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        samples.push(start.elapsed());
    }
    report("offer page, rendered through the router", samples);
    let mut samples = Vec::new();
    let first_user: i64 = sqlx::query("SELECT MIN(id) AS n FROM users WHERE email LIKE 'bench%'")
        .fetch_one(&state.db.pool)
        .await?
        .try_get("n")?;
    for i in 0..200 {
        let (offer, candidate) = (
            first_offer + (i * 31 + 5) % OFFERS,
            first_user + (i * 17 + 3) % CANDIDATES,
        );
        let start = Instant::now();
        let mut tx = state.db.pool.begin().await?;
        if applications::apply(&mut tx, offer, 1, candidate, "Lettre")
            .await
            .is_ok()
        {
            tx.commit().await?;
        }
        samples.push(start.elapsed());
    }
    report("apply (insert + history, one transaction)", samples);
    other_parts(&app, &state).await
}

/// The parts after Stages': Innovation's, then Espaces', each when chosen.
async fn other_parts(
    app: &axum::Router,
    state: &parvis::server::state::AppState,
) -> Result<(), Box<dyn std::error::Error>> {
    if part_chosen("innovation") {
        bench_innovation::run(app, &state.db).await?;
    }
    if part_chosen("espaces") {
        bench_espaces::run(app, state).await?;
    } else if part_chosen("transfers") {
        bench_espaces::run_transfers_alone(app, state).await?;
    }
    Ok(())
}

/// Whether `PARVIS_BENCH_PARTS` (comma-separated: `stages`, `innovation`, `espaces`; all when unset;
/// `transfers`: Espaces' file transfers alone)
/// names `part`: one part alone measures in minutes while a change is tried.
fn part_chosen(part: &str) -> bool {
    std::env::var("PARVIS_BENCH_PARTS")
        .map_or(true, |parts| parts.split(',').any(|p| p.trim() == part))
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("parvis-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() == Some("--busy-loop") {
        let mut n: u64 = 0;
        loop {
            n = std::hint::black_box(n.wrapping_add(1));
        }
    }
    let _load = match std::env::var("PARVIS_BENCH_LOAD").as_deref() {
        Ok("0") => {
            println!("no background load (PARVIS_BENCH_LOAD=0)");
            None
        }
        _ => {
            let load = BusyLoop::start()?;
            println!(
                "background load: process {} keeps one core busy ({} cores here)",
                load.0.id(),
                std::thread::available_parallelism().map_or(0, |n| n.get())
            );
            Some(load)
        }
    };
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(measure())?;
    println!("\n{}", table());
    Ok(())
}

async fn measure() -> Result<(), Box<dyn std::error::Error>> {
    let sqlite = tempfile_dir().join("bench.db");
    run(
        "SQLite (embedded, WAL)",
        format!("sqlite://{}", sqlite.display()),
    )
    .await?;
    if let Ok(server) = std::env::var("PARVIS_BENCH_POSTGRES") {
        let admin = format!("{server}/postgres");
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await?;
        sqlx::Executor::execute(
            &mut conn,
            "DROP DATABASE IF EXISTS parvis_bench WITH (FORCE)",
        )
        .await?;
        sqlx::Executor::execute(&mut conn, "CREATE DATABASE parvis_bench").await?;
        run("PostgreSQL", format!("{server}/parvis_bench")).await?;
    } else {
        println!("PostgreSQL: skipped (set PARVIS_BENCH_POSTGRES, e.g. postgres://postgres@127.0.0.1:5432)");
    }
    Ok(())
}
