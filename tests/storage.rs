//! The storage interface on its S3 backend, against a real S3-compatible server on this
//! machine: `PARVIS_TEST_S3=http://127.0.0.1:<port>` names one that is running (any bucket it
//! accepts is created by a plain `PUT`), else the test starts moto's server (`moto_server`, from
//! `PyPI`'s `moto[server]`, which `scripts/setup --browser` installs) when it is on `PATH`.
//! Without either, each test fails under `PARVIS_REQUIRE_S3=1` (as `scripts/test` sets), else
//! says "SKIPPED" and checks nothing. The
//! local backend's tests are unit tests (`src/server/storage/tests.rs`).

mod common;

use common::TestApp;
use parvis::server::{
    config::{StorageBackend, StorageConfig},
    storage::{conformance, Storage},
};
use std::process::{Child, Command, Stdio};

const PASSWORD: &str = "correct horse battery";

/// An S3 server for one test: its address, and the process when the test started it.
struct S3Server {
    endpoint: String,
    process: Option<Child>,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        if let Some(process) = &mut self.process {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}

/// The S3 server to test against, or `None` (said on stderr) when there is none.
async fn s3_server() -> Option<S3Server> {
    if let Ok(endpoint) = std::env::var("PARVIS_TEST_S3") {
        return Some(S3Server {
            endpoint,
            process: None,
        });
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let Ok(process) = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        // `scripts/test` requires it (setup installs moto): a skipped test checks nothing.
        assert!(
            std::env::var("PARVIS_REQUIRE_S3").as_deref() != Ok("1"),
            "no S3 server: moto_server is not on PATH and PARVIS_TEST_S3 is unset (PARVIS_REQUIRE_S3=1)"
        );
        eprintln!("SKIPPED: no S3 server (set PARVIS_TEST_S3, or install moto[server])");
        return None;
    };
    let server = S3Server {
        endpoint: format!("http://127.0.0.1:{port}"),
        process: Some(process),
    };
    for _ in 0..150 {
        if reqwest::get(&server.endpoint).await.is_ok() {
            return Some(server);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("moto_server did not answer on {}", server.endpoint);
}

/// A new bucket on `server`, and the configuration naming it (credentials in the
/// environment, as in production).
async fn bucket(server: &S3Server) -> StorageConfig {
    let name = format!("parvis-{}", uuid::Uuid::new_v4().simple());
    let created = reqwest::Client::new()
        .put(format!("{}/{name}", server.endpoint))
        .send()
        .await
        .expect("bucket request");
    assert!(
        created.status().is_success(),
        "bucket: {}",
        created.status()
    );
    // Each test runs in its own process (nextest): the variables are this test's.
    std::env::set_var("AWS_ACCESS_KEY_ID", "parvis-test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "parvis-test-secret");
    StorageConfig {
        backend: StorageBackend::S3,
        bucket: name,
        endpoint: server.endpoint.clone(),
        region: "us-east-1".into(),
    }
}

#[tokio::test]
async fn the_s3_backend_does_what_the_local_one_does() {
    let Some(server) = s3_server().await else {
        return;
    };
    let scratch = tempfile::tempdir().expect("dir");
    let storage = Storage::from_config(&bucket(&server).await, scratch.path()).expect("S3 storage");
    assert!(storage.local_root().is_none());
    conformance::round_trip(&storage).await;
    conformance::interrupted_uploads_leave_nothing(&storage).await;
}

#[tokio::test]
async fn cvs_go_to_the_object_store_and_come_back() {
    let Some(server) = s3_server().await else {
        return;
    };
    let config = bucket(&server).await;
    let app = TestApp::spawn_with(|c| c.storage = config).await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let cv = b"%PDF-1.7\n% Ada's CV in the bucket\n%%EOF\n".to_vec();
    assert!(app.upload_cv(&ada, cv.clone()).await.ends_with("cv=ok"));
    assert!(
        !app.dir.path().join("cv").exists(),
        "nothing written on the local disk"
    );
    let id = parvis::accounts::server::store::by_email(&app.state.db, "ada@example.org")
        .await
        .expect("query")
        .expect("ada")
        .id;
    let response = ada
        .get(app.url(&format!("/stages/cv/{id}")))
        .send()
        .await
        .expect("download");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-length"]
            .to_str()
            .expect("length"),
        cv.len().to_string()
    );
    assert_eq!(response.bytes().await.expect("body").to_vec(), cv);
    assert_eq!(
        app.state.storage.list("cv").await.expect("list").len(),
        1,
        "the CV is an object of the bucket"
    );
}

/// The session cookie of a new account, read from the sign-up's `Set-Cookie`.
async fn session_cookie(app: &TestApp, email: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let response = app
        .call(
            &client,
            "accounts/sign_up",
            &[
                ("email", email),
                ("display_name", "Ada"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&app.state.config.session.cookie_name))
        .expect("a session cookie");
    cookie.split(';').next().expect("name=value").to_string()
}

#[tokio::test]
async fn a_cv_upload_cut_by_the_client_leaves_no_object_and_the_round_sweeps_leftovers() {
    use tokio::io::AsyncWriteExt;
    let app = TestApp::spawn_with(|c| {
        c.limits.cv_max_bytes = 40 << 20;
        c.limits.max_body_bytes = 50 << 20;
    })
    .await;
    let cookie = session_cookie(&app, "ada@example.org").await;
    // A multipart body announced at 30 MB, cut after 12 MB (past two parts).
    let head = "--cut\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n\
                Content-Type: application/pdf\r\n\r\n%PDF-1.7\n";
    let address = app.base.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    let request = format!(
        "POST /stages/cv HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=cut\r\nContent-Length: {}\r\n\r\n{head}",
        30 << 20
    );
    socket.write_all(request.as_bytes()).await.expect("head");
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..12 {
        socket.write_all(&chunk).await.expect("part of the body");
    }
    socket.flush().await.expect("flush");
    let cv_folder = app.dir.path().join("cv");
    let on_disk = || -> Vec<String> {
        std::fs::read_dir(&cv_folder)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    // Past one part, the upload is a staged file on the disk, not yet an object.
    let mut staged = false;
    for _ in 0..200 {
        if on_disk().iter().any(|name| name.contains('#')) {
            staged = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        staged,
        "the upload is streamed to a staged file: {:?}",
        on_disk()
    );
    assert!(app.state.storage.list("cv").await.expect("list").is_empty());
    drop(socket);

    // The handler sees the body end early and aborts the upload: no object, no staged file,
    // no profile naming a CV.
    let mut left = on_disk();
    for _ in 0..200 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        left = on_disk();
    }
    assert!(left.is_empty(), "left on disk: {left:?}");
    assert!(app.state.storage.list("cv").await.expect("list").is_empty());
    let named: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM candidate_profiles WHERE cv_file IS NOT NULL")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(named, 0);

    // What a crash would leave (a staged upload, a work file) goes with the round, once a
    // day old by the application's clock.
    std::fs::create_dir_all(&cv_folder).expect("folder");
    std::fs::write(cv_folder.join("1-ab.pdf#1"), b"%PDF-").expect("staged");
    let scratch = app.state.storage.scratch_dir().await.expect("scratch");
    std::fs::write(scratch.join("2-cd.zip.partial"), b"PK").expect("work file");
    let round = parvis::server::storage::sweep::round();
    (round.run)(app.state.clone()).await.expect("round");
    assert!(
        cv_folder.join("1-ab.pdf#1").exists(),
        "an hour-old upload may be under way"
    );
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(25))
        .expect("later");
    app.state.clock.set(later);
    (round.run)(app.state.clone()).await.expect("round");
    assert!(!cv_folder.join("1-ab.pdf#1").exists());
    assert!(!scratch.join("2-cd.zip.partial").exists());
    let registered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM periodic_rounds WHERE name = 'storage.sweep'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(registered, 1, "the worker runs the round");
}
