//! What operators rely on: health and readiness, the metrics endpoint, a graceful shutdown on
//! SIGTERM, backup and restore, and the copy of a SQLite installation into PostgreSQL. Over
//! real HTTP, on the real binary where signals and commands are concerned; once on SQLite,
//! once on PostgreSQL.

mod common;

use common::{
    binary::{self, drop_database, eventually, fresh_database, Server},
    on_postgres, TestApp,
};
use std::{
    io::{Read, Write},
    time::Duration,
};

const PASSWORD: &str = "correct horse battery";

async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn health_checks_the_database_and_its_migrations_and_readiness_ends_with_the_shutdown() {
    // Connections are still accepted for five seconds after the shutdown begins.
    let app = TestApp::spawn_with(|c| c.shutdown.drain_seconds = 5).await;
    assert_eq!(get(&app.url("/healthz")).await, (200, "ok\n".into()));
    assert_eq!(get(&app.url("/readyz")).await, (200, "ok\n".into()));

    // A migration this binary does not carry: a newer binary migrated the database.
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99999999, 'future', TRUE, $1, 0)")
        .bind(vec![1_u8, 2, 3])
        .execute(&app.state.db.pool)
        .await
        .expect("a future migration");
    let (status, body) = get(&app.url("/healthz")).await;
    assert_eq!(status, 503);
    assert!(
        body.contains("99999999") && body.contains("newer"),
        "{body}"
    );
    assert_eq!(get(&app.url("/readyz")).await.0, 503);
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 99999999")
        .execute(&app.state.db.pool)
        .await
        .expect("deleted");
    // One this binary carries, missing: the database is behind.
    let last: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("last");
    sqlx::query("UPDATE _sqlx_migrations SET success = FALSE WHERE version = $1")
        .bind(last)
        .execute(&app.state.db.pool)
        .await
        .expect("marked failed");
    let (status, body) = get(&app.url("/healthz")).await;
    assert_eq!(
        (status, body),
        (503, format!("schema: migration {last} failed\n"))
    );
    sqlx::query("UPDATE _sqlx_migrations SET success = TRUE WHERE version = $1")
        .bind(last)
        .execute(&app.state.db.pool)
        .await
        .expect("restored");
    assert_eq!(get(&app.url("/healthz")).await.0, 200);

    // The shutdown begins: not ready, still alive.
    app.state.shutdown.begin();
    assert_eq!(
        get(&app.url("/readyz")).await,
        (503, "shutting down\n".into())
    );
    assert_eq!(get(&app.url("/healthz")).await.0, 200);

    // The database gone: not healthy.
    app.state.db.pool.close().await;
    assert_eq!(
        get(&app.url("/healthz")).await,
        (503, "database unreachable\n".into())
    );
}

/// The value of the series `name{labels}` in a Prometheus text exposition, summed over the
/// series that carry these labels and rounded (counts and gauges of whole things); 0 if absent.
fn sample(exposition: &str, name: &str, labels: &[(&str, &str)]) -> i64 {
    exposition
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' '))
        .filter(|(series, _)| {
            series.split('{').next() == Some(name)
                && labels
                    .iter()
                    .all(|(k, v)| series.contains(&format!("{k}=\"{v}\"")))
        })
        .filter_map(|(_, value)| value.parse::<f64>().ok())
        .sum::<f64>()
        .round() as i64
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_jobs_by_state_and_live_connections() {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let metrics_url = format!("http://{}/metrics", listener.local_addr().expect("address"));
    tokio::spawn(parvis::server::metrics::serve(listener, app.state.clone()));

    let healthz = [("method", "GET"), ("route", "/healthz"), ("status", "200")];
    let (status, before) = get(&metrics_url).await;
    assert_eq!(status, 200, "{before}");
    for _ in 0..3 {
        assert_eq!(get(&app.url("/healthz")).await.0, 200);
    }
    get(&app.url("/stages/offres/987654")).await;
    sqlx::query("INSERT INTO jobs (kind, payload, state, attempts, run_at, created_at, last_error) VALUES ('test.gone', '{}', 'failed', 8, 0, 0, 'refused')")
        .execute(&app.state.db.pool)
        .await
        .expect("a failed job");
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let _stream = ada
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("live stream");

    let (_, after) = get(&metrics_url).await;
    assert_eq!(
        sample(&after, "parvis_http_requests_total", &healthz)
            - sample(&before, "parvis_http_requests_total", &healthz),
        3,
        "{after}"
    );
    assert!(
        sample(
            &after,
            "parvis_http_requests_total",
            &[("route", "/stages/offres/{id}")]
        ) >= 1,
        "labelled by route pattern: {after}"
    );
    assert!(!after.contains("987654"), "never by raw path");
    assert!(
        sample(
            &after,
            "parvis_http_request_duration_seconds_count",
            &[("route", "/healthz")]
        ) >= 3,
        "{after}"
    );
    assert_eq!(
        sample(
            &after,
            "parvis_jobs",
            &[("kind", "test.gone"), ("state", "failed")]
        ),
        1,
        "{after}"
    );
    assert!(
        after.contains("parvis_jobs{kind=\"accounts.reset_mail\",state=\"queued\"}"),
        "every registered kind, even at zero: {after}"
    );
    assert!(
        sample(&after, "parvis_live_connections", &[]) >= 1,
        "{after}"
    );
    // Not on the public listener.
    assert_ne!(get(&app.url("/metrics")).await.0, 200);
}

/// Reads an HTTP/1.1 answer from `stream` to its end (the server closes it).
fn read_to_end(mut stream: std::net::TcpStream) -> String {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn sigterm_turns_unready_then_finishes_requests_ends_live_streams_and_exits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, postgres) = fresh_database(dir.path()).await;
    let mut server = Server::start(
        &database,
        dir.path(),
        &[
            ("PARVIS_SHUTDOWN__DRAIN_SECONDS", "2"),
            ("PARVIS_SHUTDOWN__GRACE_SECONDS", "20"),
        ],
    )
    .await;
    let client = binary::sign_up(&server.base, "ada@example.org", "Ada", PASSWORD).await;
    let mut live = client
        .get(format!("{}/stages/evenements", server.base))
        .send()
        .await
        .expect("live stream");
    assert_eq!(live.status(), 200);

    // A slow request: its headers and half its body sent before the signal.
    let body = "email=bob%40example.org&display_name=Bob&password=correct+horse+battery";
    let (first_half, second_half) = body.split_at(body.len() / 2);
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        slow,
        "POST /api/accounts/sign_up HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first_half}",
        server.port,
        body.len()
    )
    .expect("first half");
    slow.flush().expect("flush");
    tokio::time::sleep(Duration::from_millis(300)).await;

    server.terminate();
    let readyz = format!("{}/readyz", server.base);
    eventually(2, "readiness turns 503", || {
        let readyz = readyz.clone();
        async move { get(&readyz).await.0 == 503 }
    })
    .await;
    assert_eq!(
        get(&format!("{}/healthz", server.base)).await.0,
        200,
        "still alive"
    );

    // After the drain: no new connection, the live stream ends with a reconnect hint.
    let health = format!("{}/healthz", server.base);
    eventually(5, "the listener closes after the drain", || {
        let health = health.clone();
        async move { reqwest::get(&health).await.is_err() }
    })
    .await;
    let mut received = String::new();
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while let Ok(Some(chunk)) = live.chunk().await {
            received.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(ended.is_ok(), "the live stream ended: {received}");
    assert!(
        received.contains("retry:") && received.contains(": server restarting"),
        "{received}"
    );
    assert!(
        server.child.try_wait().expect("wait").is_none(),
        "the process waits for the request in flight"
    );

    // The request in flight completes.
    slow.write_all(second_half.as_bytes()).expect("second half");
    let answer = tokio::task::spawn_blocking(move || read_to_end(slow))
        .await
        .expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let status = server.exited_within(10).await.expect("the process exited");
    assert!(status.success(), "{status:?}");

    let db = parvis::server::db::Db::connect(&database, 1)
        .await
        .expect("database");
    assert!(
        parvis::accounts::server::store::by_email(&db, "bob@example.org")
            .await
            .expect("read")
            .is_some(),
        "the slow sign-up was saved"
    );
    db.pool.close().await;
    drop_database(postgres).await;
}

#[tokio::test]
async fn sigterm_lets_the_running_job_finish_before_the_process_exits() {
    use std::sync::{atomic::AtomicBool, Arc};
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, postgres) = fresh_database(dir.path()).await;
    // A relay that takes three seconds to accept each mail.
    let (port, mut received) =
        common::smtp::slow_smtp_server(Arc::new(AtomicBool::new(true)), Duration::from_secs(3))
            .await;
    let port = port.to_string();
    let mut server = Server::start(
        &database,
        dir.path(),
        &[
            ("PARVIS_MAIL__TRANSPORT", "smtp"),
            ("PARVIS_MAIL__SMTP_HOST", "127.0.0.1"),
            ("PARVIS_MAIL__SMTP_PORT", &port),
            ("PARVIS_MAIL__SMTP_SECURITY", "none"),
            ("PARVIS_JOBS__LEASE_SECONDS", "60"),
            ("PARVIS_SHUTDOWN__GRACE_SECONDS", "20"),
        ],
    )
    .await;
    let client = binary::sign_up(&server.base, "eve@example.org", "Eve", PASSWORD).await;
    let asked = client
        .post(format!("{}/api/accounts/request_reset", server.base))
        .form(&[("email", "eve@example.org")])
        .send()
        .await
        .expect("reset asked");
    assert!(asked.status().is_success(), "{}", asked.status());
    // The reset mail's job is running: the relay has its message and has not answered yet.
    tokio::time::timeout(Duration::from_secs(15), received.recv())
        .await
        .expect("the mail reached the relay")
        .expect("a message");

    server.terminate();
    let status = server.exited_within(15).await.expect("the process exited");
    assert!(status.success(), "{status:?}");
    let db = parvis::server::db::Db::connect(&database, 1)
        .await
        .expect("database");
    let states: Vec<String> =
        sqlx::query_scalar("SELECT state FROM jobs WHERE kind = 'accounts.reset_mail'")
            .fetch_all(&db.pool)
            .await
            .expect("jobs");
    assert_eq!(states, ["done"], "the job finished before the exit");
    db.pool.close().await;
    drop_database(postgres).await;
}

async fn sign_up_on(base: &str, email: &str) {
    binary::sign_up(base, email, "Someone", PASSWORD).await;
}

async fn signs_in(base: &str, email: &str, password: &str) -> bool {
    reqwest::Client::new()
        .post(format!("{base}/api/accounts/sign_in"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("sign-in")
        .status()
        .is_success()
}

fn pg_dump_present() -> bool {
    std::process::Command::new("pg_dump")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_the_database_and_the_uploads() {
    if on_postgres() && !pg_dump_present() {
        eprintln!("SKIPPED: pg_dump is not on this machine");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, postgres) = fresh_database(dir.path()).await;
    let server = Server::start(&database, dir.path(), &[]).await;
    sign_up_on(&server.base, "ada@example.org").await;
    let images = dir.path().join("images");
    std::fs::create_dir_all(&images).expect("images");
    std::fs::write(images.join("kept.png"), b"before").expect("upload");

    let saved = dir.path().join("..").join(format!(
        "{}-backup",
        dir.path()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("parvis")
    ));
    let saved_arg = saved.display().to_string();
    let (ok, said) = binary::command(&database, dir.path(), &["backup", &saved_arg]);
    assert!(ok, "{said}");
    assert!(saved.join("parvis-backup.json").is_file(), "{said}");
    assert!(saved.join("data/images/kept.png").is_file(), "{said}");
    assert!(
        !saved.join("data/parvis.db").exists(),
        "the live SQLite file is not copied as a file"
    );
    let (ok, said) = binary::command(&database, dir.path(), &["backup", &saved_arg]);
    assert!(!ok && said.contains("not empty"), "{said}");

    // Changes after the backup.
    sign_up_on(&server.base, "bob@example.org").await;
    std::fs::write(images.join("kept.png"), b"changed").expect("changed");
    std::fs::write(images.join("later.png"), b"later").expect("later");
    server.stop().await;

    let (ok, said) = binary::command(&database, dir.path(), &["restore", &saved_arg]);
    assert!(ok, "{said}");
    assert_eq!(
        std::fs::read(images.join("kept.png")).expect("kept"),
        b"before"
    );
    assert!(!images.join("later.png").exists(), "the folder as it was");
    let server = Server::start(&database, dir.path(), &[]).await;
    assert!(signs_in(&server.base, "ada@example.org", PASSWORD).await);
    assert!(
        !signs_in(&server.base, "bob@example.org", PASSWORD).await,
        "signed up after the backup"
    );
    sign_up_on(&server.base, "carol@example.org").await;
    drop(server);
    let _ = std::fs::remove_dir_all(&saved);
    drop_database(postgres).await;
}

/// Each table's row count (the migrations' own table left out), on any backend.
async fn row_counts(db: &parvis::server::db::Db, tables: &[String]) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&db.pool)
            .await
            .expect("count");
        counts.push((table.clone(), n));
    }
    counts
}

#[tokio::test]
async fn a_sqlite_installation_with_demo_data_copies_into_a_fresh_postgresql_database() {
    if !on_postgres() {
        eprintln!(
            "SKIPPED on the SQLite run: the copy needs PostgreSQL (PARVIS_TEST_BACKEND=postgres)"
        );
        return;
    }
    // The demo data of a SQLite installation, loaded by the app's own loader, then the server
    // stopped.
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}/parvis.db", dir.path().display());
    Server::start(&sqlite, dir.path(), &[("PARVIS_DEMO__ENABLED", "true")])
        .await
        .stop()
        .await;

    // A wiki page moved under a page made after it, in a later batch of the copy (a row
    // naming a later one of its own table).
    {
        let source = parvis::server::db::Db::connect(&sqlite, 1)
            .await
            .expect("sqlite");
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2600) \
             INSERT INTO wiki_pages (space_id, title, title_key, position, created_at, updated_at) \
             SELECT (SELECT MIN(id) FROM spaces), 'Copie ' || i, 'copie ' || i, i, 0, 0 FROM n",
        )
        .execute(&source.pool)
        .await
        .expect("pages");
        sqlx::query(
            "UPDATE wiki_pages SET parent_id = (SELECT MAX(id) FROM wiki_pages) \
             WHERE id = (SELECT MIN(id) FROM wiki_pages)",
        )
        .execute(&source.pool)
        .await
        .expect("moved");
        source.pool.close().await;
    }
    let (target, name) = common::fresh_postgres_database().await;
    let (ok, said) = binary::command(&sqlite, dir.path(), &["copy-to-postgres", &target]);
    assert!(ok, "{said}");
    assert!(said.contains("rows in"), "{said}");
    let (ok, said) = binary::command(&sqlite, dir.path(), &["copy-to-postgres", &target]);
    assert!(
        !ok && said.contains("not empty"),
        "a second copy is refused: {said}"
    );

    let source = parvis::server::db::Db::connect(&sqlite, 1)
        .await
        .expect("sqlite");
    let copy = parvis::server::db::Db::connect(&target, 1)
        .await
        .expect("postgres");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(&copy.pool)
    .await
    .expect("tables");
    assert!(tables.len() > 30, "{tables:?}");
    let counts = row_counts(&source, &tables).await;
    assert_eq!(row_counts(&copy, &tables).await, counts);
    let offers = counts
        .iter()
        .find(|(t, _)| t == "offers")
        .map_or(0, |c| c.1);
    assert!(offers > 100, "the demo offers were copied: {counts:?}");
    source.pool.close().await;
    copy.pool.close().await;

    // The app on PostgreSQL: a demo account signs in, new rows take new ids.
    let server = Server::start(&target, dir.path(), &[]).await;
    assert!(
        signs_in(
            &server.base,
            "admin@parvis.localhost",
            parvis::seed::DEMO_PASSWORD
        )
        .await
    );
    sign_up_on(&server.base, "new@example.org").await;
    drop(server);
    drop_database(Some(name)).await;
}
