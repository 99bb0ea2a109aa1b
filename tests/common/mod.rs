//! The real application on a fresh database, served over real HTTP on a free port.
//!
//! `PARVIS_TEST_BACKEND=postgres` runs the suite on PostgreSQL (a new database per test on
//! the server named by `PARVIS_TEST_POSTGRES`, default postgres://postgres@127.0.0.1:5432);
//! anything else runs it on a temporary SQLite file.

#![allow(dead_code)]

pub mod binary;
pub mod fiches;
pub mod hostile;
pub mod plain_forms;
pub mod smtp;
pub mod sse;
pub mod yjs;

use parvis::server::{config::Config, router, state::AppState};
use reqwest::{Client, Response};
use serde::de::DeserializeOwned;
use sqlx::{Connection, Executor};

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

pub fn on_postgres() -> bool {
    std::env::var("PARVIS_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

pub fn postgres_server() -> String {
    std::env::var("PARVIS_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A new, empty PostgreSQL database: (its URL, its name).
pub async fn fresh_postgres_database() -> (String, String) {
    let name = format!("parvis_test_{}", uuid::Uuid::new_v4().simple());
    let admin = format!("{}/postgres", postgres_server());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("PostgreSQL reachable for the postgres test run");
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    (format!("{}/{name}", postgres_server()), name)
}

/// Serves `app` on `listener` as the binary does, in the background.
fn serve(listener: tokio::net::TcpListener, app: axum::Router, state: &AppState) {
    tokio::spawn(router::serve(
        listener,
        app,
        state.shutdown.clone(),
        state.config.shutdown.clone(),
    ));
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// Starts the app; `adjust` may change the configuration first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        parvis::server::logs::init(parvis::server::config::LogFormat::Text);
        let dir = tempfile::tempdir().expect("temp dir");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let postgres = if on_postgres() {
            Some(fresh_postgres_database().await)
        } else {
            None
        };
        let mut config = Config::default();
        config.server.address = address;
        config.server.public_url = format!("http://{address}").parse().expect("url");
        config.server.data_dir = dir.path().to_path_buf();
        config.server.site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/target/site").into();
        config.database.url = match &postgres {
            Some((url, _)) => url.clone(),
            None => format!("sqlite://{}/parvis.db", dir.path().display()),
        };
        config.database.max_connections = 4;
        adjust(&mut config);
        let (app, state) = parvis::app_server::build(config).await.expect("app builds");
        serve(listener, app, &state);
        TestApp {
            base: format!("http://{address}"),
            state,
            dir,
            postgres,
        }
    }

    /// A second server process on the same database and folders (what several app servers
    /// behind one load balancer share).
    pub async fn spawn_beside(&self) -> (String, AppState) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let mut config = (*self.state.config).clone();
        config.server.address = address;
        let (app, state) = parvis::app_server::build(config)
            .await
            .expect("second app builds");
        serve(listener, app, &state);
        (format!("http://{address}"), state)
    }

    /// A browser-like client with its own cookie jar. A read that waits more than 30 s fails
    /// the test with the request's URL (the server-sent events' keep-alive comes every 15 s):
    /// the open fault of a request never answered (README, development notes) must name itself.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .read_timeout(std::time::Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function the way the hydrated page does.
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls and decodes the JSON answer (success or `AppError`).
    pub async fn call_json<T: DeserializeOwned>(
        &self,
        client: &Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, Result<T, parvis::error::AppError>) {
        let response = self.call(client, endpoint, form).await;
        let status = response.status().as_u16();
        let body = response.text().await.expect("body");
        let decoded = if (200..300).contains(&status) {
            Ok(serde_json::from_str(&body).unwrap_or_else(|e| panic!("bad JSON {body}: {e}")))
        } else {
            Err(serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("bad error JSON {body}: {e}")))
        };
        (status, decoded)
    }

    /// Signs up a new account (candidate and member) and returns its signed-in client.
    pub async fn sign_up(&self, email: &str, password: &str) -> Client {
        self.sign_up_named(email, "Test User", password).await
    }

    /// Signs up a new account with display name `name` and returns its signed-in client.
    pub async fn sign_up_named(&self, email: &str, name: &str, password: &str) -> Client {
        let client = self.client();
        let response = self
            .call(
                &client,
                "accounts/sign_up",
                &[
                    ("email", email),
                    ("display_name", name),
                    ("password", password),
                ],
            )
            .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-up failed: {}",
            response.status()
        );
        client
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Client {
        let client = self.client();
        let response = self
            .call(
                &client,
                "accounts/sign_in",
                &[("email", email), ("password", password)],
            )
            .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-in failed: {}",
            response.status()
        );
        client
    }

    /// Signs `email` in and returns its session cookie as a `Cookie` header's value (for
    /// clients other than reqwest: a WebSocket, curl).
    pub async fn session_cookie(&self, email: &str, password: &str) -> String {
        let response = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
            .post(self.url("/api/accounts/sign_in"))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .expect("sign-in");
        let cookie = response
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .collect::<Vec<_>>()
            .join("; ");
        assert!(
            !cookie.is_empty(),
            "sign-in answered {} without a session",
            response.status()
        );
        cookie
    }

    /// The id of the account of `email` (which must exist).
    pub async fn user_id(&self, email: &str) -> i64 {
        parvis::accounts::server::store::by_email(&self.state.db, email)
            .await
            .expect("query")
            .expect("account")
            .id
    }

    /// Makes `email`'s account a member of space `space` with `role` directly in the database
    /// (what an accepted invitation does); its account id.
    pub async fn add_space_member(
        &self,
        space: i64,
        email: &str,
        role: parvis::espaces::types::SpaceRole,
    ) -> i64 {
        let id = self.user_id(email).await;
        sqlx::query(
            "INSERT INTO space_members (space_id, user_id, role, joined_at) VALUES ($1, $2, $3, 0)",
        )
        .bind(space)
        .bind(id)
        .bind(role.code())
        .execute(&self.state.db.pool)
        .await
        .expect("member added");
        id
    }

    /// Saves space `space`'s settings as `client` (one of its animators): named `name`,
    /// private, using only `modules` (codes: "documents", "forum"…); asserts they were taken.
    pub async fn set_space_modules(
        &self,
        client: &reqwest::Client,
        space: i64,
        name: &str,
        modules: &[&str],
    ) {
        let mut form = vec![
            ("id".to_string(), space.to_string()),
            ("settings[name]".to_string(), name.to_string()),
            ("settings[visibility]".to_string(), "private".to_string()),
        ];
        for (i, module) in modules.iter().enumerate() {
            form.push((format!("settings[modules][{i}]"), module.to_string()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let response = self.call(client, "espaces/save_settings", &form).await;
        assert_eq!(response.status(), 200, "settings saved");
    }

    /// Grants `role` (with `scope` "d:<id>"/"s:<id>") directly in the database.
    pub async fn grant(
        &self,
        email: &str,
        role: parvis::accounts::types::Role,
        scope_id: Option<i64>,
    ) {
        let account = parvis::accounts::server::store::by_email(&self.state.db, email)
            .await
            .expect("query")
            .expect("account exists");
        parvis::accounts::server::store::grant(
            &self.state.db,
            account.id,
            role,
            scope_id,
            account.id,
        )
        .await
        .expect("grant");
    }

    /// Uploads `bytes` as `client`'s CV (the plain multipart form); the redirect's location,
    /// which ends with the outcome (`cv=ok`, `cv=field-cv-not-pdf`…).
    pub async fn upload_cv(&self, client: &Client, bytes: Vec<u8>) -> String {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("cv.pdf")
            .mime_str("application/pdf")
            .expect("mime");
        let response = client
            .post(self.url("/stages/cv"))
            .multipart(reqwest::multipart::Form::new().part("cv", part))
            .send()
            .await
            .expect("upload");
        assert_eq!(response.status(), 303);
        response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// Waits (up to 10 s) until the outbox holds a message containing every one of `needles`.
    pub async fn mail_containing(&self, needles: &[&str]) -> String {
        for _ in 0..100 {
            if let Some(mail) = self
                .outbox()
                .into_iter()
                .map(|m| m.replace("=\r\n", ""))
                .find(|m| needles.iter().all(|n| m.contains(n)))
            {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no mail containing {needles:?} in {:?}", self.outbox());
    }

    /// Runs the background jobs due now and waits (up to 10 s) until none is queued and due or
    /// running in any process on this database: what a test does before it reads the outbox
    /// for mail that must, or must not, have been sent.
    pub async fn settle_jobs(&self) {
        settle_jobs(&self.state).await;
    }

    /// Messages written to the development outbox so far.
    pub fn outbox(&self) -> Vec<String> {
        let dir = self.dir.path().join("outbox");
        let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .map(|e| {
                        (
                            e.metadata()
                                .and_then(|m| m.modified())
                                .unwrap_or(std::time::UNIX_EPOCH),
                            std::fs::read_to_string(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        mails.sort_by_key(|(t, _)| *t);
        mails.into_iter().map(|(_, m)| m).collect()
    }
}

impl TestApp {
    /// The id of direction `code` and of its first service.
    pub async fn direction(&self, code: &str) -> (i64, i64) {
        let data = parvis::reference::server::store::load(&self.state.db)
            .await
            .expect("reference");
        let direction = data
            .directions
            .iter()
            .find(|d| d.code == code)
            .expect("direction");
        (direction.id, direction.services[0].id)
    }

    /// Saves a draft offer of `service` titled `title` through `agent` on server `base` (this
    /// app's own address, or another process's); returns its id.
    pub async fn save_offer_on(
        &self,
        base: &str,
        agent: &Client,
        service: i64,
        title: &str,
    ) -> i64 {
        let data = parvis::reference::server::store::load(&self.state.db)
            .await
            .expect("reference");
        let form = offer_fields(
            service,
            data.families[0].metiers[0].id,
            title,
            "Missions variées.",
        );
        let fields: Vec<(&str, &str)> =
            form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let saved = agent
            .post(format!("{base}/api/stages/save_offer"))
            .form(&fields)
            .send()
            .await
            .expect("save");
        assert_eq!(saved.status(), 200, "offer not saved");
        saved.json::<i64>().await.expect("id")
    }

    /// Saves and publishes an offer of `service` titled `title` through `agent` on server
    /// `base` (this app's own address, or another process's); returns its id.
    pub async fn publish_offer_on(
        &self,
        base: &str,
        agent: &Client,
        service: i64,
        title: &str,
    ) -> i64 {
        let id = self.save_offer_on(base, agent, service, title).await;
        let published = agent
            .post(format!("{base}/api/stages/offer_state"))
            .form(&[("id", id.to_string().as_str()), ("state", "published")])
            .send()
            .await
            .expect("publish");
        assert_eq!(published.status(), 200, "offer not published");
        id
    }

    /// A valid offer form of `service` titled `title` (the first métier), as `offer[…]` fields.
    pub async fn offer_form(&self, service: i64, title: &str) -> Vec<(String, String)> {
        let data = parvis::reference::server::store::load(&self.state.db)
            .await
            .expect("reference");
        offer_fields(
            service,
            data.families[0].metiers[0].id,
            title,
            "Missions variées.",
        )
    }

    pub async fn publish_offer(&self, agent: &Client, service: i64, title: &str) -> i64 {
        self.publish_offer_on(&self.base, agent, service, title)
            .await
    }
}

/// The form of a valid offer (`offer[…]` fields, as the page posts them) of `service` and
/// `metier`: 8 weeks (unpaid), deadline 2099-01-31, 4th arrondissement.
pub fn offer_fields(
    service: i64,
    metier: i64,
    title: &str,
    description: &str,
) -> Vec<(String, String)> {
    [
        ("service_id", service.to_string()),
        ("metier_id", metier.to_string()),
        ("title", title.to_string()),
        ("description", description.to_string()),
        ("profile", String::new()),
        ("education_level", "bac3".into()),
        ("discipline", "Paysage".into()),
        ("duration_weeks", "8".into()),
        ("start_month", "2099-03".into()),
        ("deadline", "2099-01-31".into()),
        ("places", "1".into()),
        ("address", "1 rue X".into()),
        ("arrondissement", "4".into()),
        ("remote_days", "0".into()),
        ("contact_name", "Agathe".into()),
        ("contact_email", "agathe@paris.fr".into()),
    ]
    .into_iter()
    .map(|(key, value)| (format!("offer[{key}]"), value))
    .collect()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((_, name)) = self.postgres.take() {
            // Best effort: drop the test database from a separate thread with its own runtime.
            let admin = format!("{}/postgres", postgres_server());
            let _ = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ = conn
                            .execute(
                                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                            )
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// [`TestApp::settle_jobs`] for any process's state.
pub async fn settle_jobs(state: &AppState) {
    use sqlx::Row;
    for _ in 0..200 {
        parvis::server::jobs::worker::run_due(state)
            .await
            .expect("jobs run");
        let busy: i64 = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE (state = 'queued' AND run_at <= $1) OR state = 'running'")
            .bind(parvis::server::db::now())
            .fetch_one(&state.db.pool)
            .await
            .expect("jobs counted")
            .get("n");
        if busy == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("background jobs still due or running after 10 s");
}
