//! The storage interface on its S3 backend, against a real S3-compatible server on this
//! machine: `PARVIS_TEST_S3=http://127.0.0.1:<port>` names one that is running (any bucket it
//! accepts is created by a plain `PUT`), else the test starts moto's server (`moto_server`, from
//! PyPI's `moto[server]`) when it is on `PATH`. Without either, each test says so and passes
//! without checking anything: the configuration parsing is checked by the unit tests. The
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
    assert!(created.status().is_success(), "bucket: {}", created.status());
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
        response.headers()["content-length"].to_str().expect("length"),
        cv.len().to_string()
    );
    assert_eq!(response.bytes().await.expect("body").to_vec(), cv);
    assert_eq!(
        app.state.storage.list("cv").await.expect("list").len(),
        1,
        "the CV is an object of the bucket"
    );
}
