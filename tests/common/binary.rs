//! The server binary itself, run as a child process: what tests of more than one process, of
//! signals and of the operator's commands need.

use std::{path::Path, process::Child, time::Duration};

/// Polls `check` every 50 ms for up to `seconds`; panics with `what` if it never holds.
pub async fn eventually<F, Fut>(seconds: u64, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
    while tokio::time::Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not within {seconds} s: {what}");
}

/// The `PARVIS_…` settings of a server binary on `database` with its data in `dir`
/// (fast job polling, short leases and retries).
pub fn settings(database: &str, dir: &Path) -> Vec<(String, String)> {
    [
        ("PARVIS_SERVER__DATA_DIR", dir.display().to_string()),
        (
            "PARVIS_SERVER__SITE_ROOT",
            dir.join("site").display().to_string(),
        ),
        ("PARVIS_DATABASE__URL", database.to_string()),
        ("PARVIS_DATABASE__MAX_CONNECTIONS", "4".into()),
        ("PARVIS_JOBS__POLL_MILLIS", "100".into()),
        ("PARVIS_JOBS__LEASE_SECONDS", "2".into()),
        ("PARVIS_JOBS__RETRY_BASE_SECONDS", "1".into()),
        ("RUST_LOG", "warn".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Runs one of the binary's commands (`backup`, `restore`, `copy-to-postgres`…) on
/// `database` and `dir`, to its end: (success, standard output and error).
pub fn command(database: &str, dir: &Path, args: &[&str]) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parvis"))
        .current_dir(dir)
        .envs(settings(database, dir))
        .env_remove(parvis::app_server::cli::CONFIG_VARIABLE)
        .args(args)
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// Signs up `email` (named `name`) on the server at `base`; its client, signed in.
pub async fn sign_up(base: &str, email: &str, name: &str, password: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let signed = client
        .post(format!("{base}/api/accounts/sign_up"))
        .form(&[
            ("email", email),
            ("display_name", name),
            ("password", password),
        ])
        .send()
        .await
        .expect("sign-up");
    assert!(signed.status().is_success(), "{}", signed.status());
    client
}

/// The server binary, run as a child process on `database` with its data in `dir`.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub port: u16,
}

impl Server {
    /// Starts it with `more` `PARVIS_…` settings (or test hooks) and waits until `/healthz`
    /// answers 200.
    pub async fn start(database: &str, dir: &Path, more: &[(&str, &str)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("free port")
            .local_addr()
            .expect("addr")
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_parvis"))
            .current_dir(dir)
            .envs(settings(database, dir))
            .env("PARVIS_SERVER__ADDRESS", format!("127.0.0.1:{port}"))
            .env("PARVIS_SERVER__PUBLIC_URL", &base)
            .env_remove(parvis::server::jobs::worker::CRASH_AFTER_CLAIM)
            .env_remove(parvis::app_server::cli::CONFIG_VARIABLE)
            .envs(more.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("server binary starts");
        let server = Server { child, base, port };
        let client = reqwest::Client::new();
        let health = format!("{}/healthz", server.base);
        eventually(60, "the server binary answers", || {
            let (client, health) = (client.clone(), health.clone());
            async move {
                client
                    .get(&health)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success())
            }
        })
        .await;
        server
    }

    /// Sends SIGTERM, as an orchestrator stopping the process does.
    pub fn terminate(&self) {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
    }

    /// Stops it as an orchestrator would (SIGTERM) and waits for its exit.
    pub async fn stop(mut self) {
        self.terminate();
        let status = self.exited_within(30).await.expect("stopped on SIGTERM");
        assert!(status.success(), "{status:?}");
    }

    /// Waits up to `seconds` for the process to exit; its status.
    pub async fn exited_within(&mut self, seconds: u64) -> Option<std::process::ExitStatus> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        while tokio::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh database for server binaries: (URL, PostgreSQL database name to drop after).
pub async fn fresh_database(dir: &Path) -> (String, Option<String>) {
    if super::on_postgres() {
        let (url, name) = super::fresh_postgres_database().await;
        (url, Some(name))
    } else {
        (format!("sqlite://{}/parvis.db", dir.display()), None)
    }
}

pub async fn drop_database(postgres: Option<String>) {
    if let Some(name) = postgres {
        use sqlx::{Connection, Executor};
        if let Ok(mut conn) =
            sqlx::PgConnection::connect(&format!("{}/postgres", super::postgres_server())).await
        {
            let _ = conn
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
        }
    }
}
