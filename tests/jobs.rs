//! Durable background work (`server::jobs`): every mail is a job claimed by one worker of one
//! process, periodic rounds run once per period across processes, a process killed after
//! claiming a job leaves it to be retried, and a failing mail relay leaves the job retrying,
//! listed for site admins, then sent. Once on SQLite, once on PostgreSQL.

mod common;

use common::{
    binary::{drop_database, eventually, fresh_database, sign_up, Server},
    settle_jobs, TestApp,
};
use parvis::{
    accounts::jobs_api::TroubledJob,
    accounts::types::Role,
    server::config::{MailTransport, SmtpSecurity},
};
use sqlx::Row;
use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

const PASSWORD: &str = "correct horse battery";

async fn count(pool: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(pool)
        .await
        .expect("count")
        .get::<i64, _>(0)
}

/// Waits until both the alert and the digest rounds ran again at least three seconds (three
/// one-second periods) from now, whichever process claimed them.
async fn three_more_periods(pool: &sqlx::AnyPool) {
    let since = parvis::server::db::now();
    eventually(20, "three more periods of each round", || {
        let pool = pool.clone();
        async move {
            sqlx::query("SELECT COUNT(*) AS n FROM periodic_rounds WHERE name IN ('stages.alerts', 'innovation.digest') AND last_run_at >= $1")
                .bind(since + 3)
                .fetch_one(&pool)
                .await
                .expect("rounds")
                .get::<i64, _>("n")
                == 2
        }
    })
    .await;
}

#[tokio::test]
async fn two_processes_send_each_alert_and_each_digest_once() {
    let app = TestApp::spawn_with(|c| {
        c.alerts.every_seconds = 1;
        c.digest.every_seconds = 1;
        c.jobs.poll_millis = 100;
    })
    .await;
    let (second, _second_state) = app.spawn_beside().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let ada = app.sign_up_named("ada@example.org", "Ada", PASSWORD).await;

    // A saved search with a new offer (published through the second process), and a
    // notification for the digest about a real, visible thread.
    app.call_json::<()>(&ada, "stages/save_search", &[("query[q]", "jardins")])
        .await
        .1
        .expect("saved");
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    app.publish_offer_on(&second, &agent, service, "Jardins suspendus")
        .await;
    let field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[0]
        .id
        .to_string();
    let thread = app
        .call_json::<i64>(
            &ada,
            "innovation/thread_start",
            &[
                ("thread[title]", "Cours oasis"),
                ("thread[body]", "Qui les a essayées ?"),
                ("thread[fields][0]", &field),
            ],
        )
        .await
        .1
        .expect("thread");
    let ada_id = parvis::accounts::server::store::by_email(&app.state.db, "ada@example.org")
        .await
        .expect("query")
        .expect("account")
        .id;
    sqlx::query("INSERT INTO notifications (user_id, kind, actor, subject, link, at, item_kind, item_id) VALUES ($1, 'mention', 'Zoé', 'Cours oasis', $2, $3, 'thread', $4)")
        .bind(ada_id)
        .bind(format!("/innovation/discussions/{thread}"))
        .bind(parvis::server::db::now())
        .bind(thread)
        .execute(&app.state.db.pool)
        .await
        .expect("notification");

    let alert = app
        .mail_containing(&["To: ada@example.org", "Jardins suspendus"])
        .await;
    let digest = app
        .mail_containing(&["To: ada@example.org", "Cours oasis"])
        .await;
    for mail in [&alert, &digest] {
        assert!(
            mail.contains("Message-ID: <job-"),
            "each mail carries its job's Message-ID: {mail}"
        );
    }
    // Let both processes claim several more periods of each round, then count.
    let pool = app.state.db.pool.clone();
    three_more_periods(&pool).await;
    settle_jobs(&app.state).await;
    let outbox = app.outbox();
    assert_eq!(
        outbox
            .iter()
            .filter(|m| m.contains("Jardins suspendus"))
            .count(),
        1,
        "one alert mail across both processes"
    );
    assert_eq!(
        outbox.iter().filter(|m| m.contains("Cours oasis")).count(),
        1,
        "one digest across both processes"
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'stages.alert'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'innovation.digest'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM jobs WHERE state <> 'done'").await,
        0
    );
}

fn outbox(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir.join("outbox"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_process_killed_after_claiming_a_job_leaves_it_to_be_retried_after_restart() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, postgres) = fresh_database(dir.path()).await;

    // The first process kills itself (SIGKILL) as soon as it has claimed the reset mail.
    let mut first = Server::start(
        &database,
        dir.path(),
        &[(
            parvis::server::jobs::worker::CRASH_AFTER_CLAIM,
            "accounts.reset_mail",
        )],
    )
    .await;
    let client = sign_up(&first.base, "eve@example.org", "Eve", PASSWORD).await;
    let asked = client
        .post(format!("{}/api/accounts/request_reset", first.base))
        .form(&[("email", "eve@example.org")])
        .send()
        .await
        .expect("reset");
    assert_eq!(
        asked.status(),
        200,
        "the request is answered: the mail is queued, not sent inline"
    );
    let mut status = None;
    eventually(15, "the first process died", || {
        status = first.child.try_wait().expect("wait");
        std::future::ready(status.is_some())
    })
    .await;
    assert_eq!(
        status.and_then(|s| s.signal()),
        Some(9),
        "killed by SIGKILL"
    );

    let db = parvis::server::db::Db::connect(&database, 2)
        .await
        .expect("database");
    let row = sqlx::query(
        "SELECT id, state, attempts, locked_by FROM jobs WHERE kind = 'accounts.reset_mail'",
    )
    .fetch_one(&db.pool)
    .await
    .expect("the job was recorded");
    let job: i64 = row.get("id");
    assert_eq!(
        (row.get::<String, _>("state"), row.get::<i64, _>("attempts")),
        ("running".to_string(), 1),
        "claimed, then its process died"
    );
    assert!(row.get::<Option<String>, _>("locked_by").is_some());
    assert!(
        outbox(dir.path()).is_empty(),
        "nothing was sent before the crash"
    );

    // After a restart, the expired lease lets the new process claim it again and send it.
    let _second = Server::start(&database, dir.path(), &[]).await;
    let mut mails = Vec::new();
    eventually(20, "the mail went out after the restart", || {
        mails = outbox(dir.path());
        std::future::ready(!mails.is_empty())
    })
    .await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(
        mails[0].contains("To: eve@example.org")
            && mails[0].contains("/compte/reinitialiser?jeton"),
        "{}",
        mails[0]
    );
    assert!(
        mails[0].contains(&format!(
            "Message-ID: <job-{job}.accounts.reset_mail@127.0.0.1>"
        )),
        "{}",
        mails[0]
    );
    eventually(10, "the job marked done", || {
        let pool = db.pool.clone();
        async move {
            count(
                &pool,
                "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts = 2",
            )
            .await
                == 1
        }
    })
    .await;
    db.pool.close().await;
    drop(_second);
    drop(first);
    drop_database(postgres).await;
}

#[tokio::test]
async fn two_server_binaries_on_one_database_send_each_alert_and_each_digest_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, postgres) = fresh_database(dir.path()).await;
    let every = [
        ("PARVIS_ALERTS__EVERY_SECONDS", "1"),
        ("PARVIS_DIGEST__EVERY_SECONDS", "1"),
    ];
    let first = Server::start(&database, dir.path(), &every).await;
    let second = Server::start(&database, dir.path(), &every).await;
    let db = parvis::server::db::Db::connect(&database, 2)
        .await
        .expect("database");
    let post = |client: &reqwest::Client, base: &str, endpoint: &str, form: &[(&str, &str)]| {
        let request = client.post(format!("{base}/api/{endpoint}")).form(form);
        async move { request.send().await.expect("request") }
    };
    let (ada, agent) = (
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client"),
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client"),
    );
    for (client, email, name) in [
        (&ada, "ada@example.org", "Ada"),
        (&agent, "agent@example.org", "Agathe"),
    ] {
        assert!(post(
            client,
            &first.base,
            "accounts/sign_up",
            &[
                ("email", email),
                ("display_name", name),
                ("password", PASSWORD)
            ]
        )
        .await
        .status()
        .is_success());
    }
    let reference = parvis::reference::server::store::load(&db)
        .await
        .expect("reference");
    let deve = reference
        .directions
        .iter()
        .find(|d| d.code == "DEVE")
        .expect("DEVE");
    let agent_id = parvis::accounts::server::store::by_email(&db, "agent@example.org")
        .await
        .expect("query")
        .expect("agent")
        .id;
    parvis::accounts::server::store::grant(
        &db,
        agent_id,
        Role::HostAgent,
        Some(deve.services[0].id),
        agent_id,
    )
    .await
    .expect("grant");

    // Ada saves a search on the first process; the agent publishes on the second; a member's
    // notification waits for the digest.
    assert_eq!(
        post(
            &ada,
            &first.base,
            "stages/save_search",
            &[("query[q]", "jardins")]
        )
        .await
        .status(),
        200
    );
    let form = common::offer_fields(
        deve.services[0].id,
        reference.families[0].metiers[0].id,
        "Jardins suspendus",
        "Missions variées.",
    );
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = post(&agent, &second.base, "stages/save_offer", &fields).await;
    assert_eq!(saved.status(), 200);
    let offer: i64 = saved.json().await.expect("id");
    assert_eq!(
        post(
            &agent,
            &second.base,
            "stages/offer_state",
            &[("id", &offer.to_string()), ("state", "published")]
        )
        .await
        .status(),
        200
    );
    let field = reference.fields[0].id.to_string();
    let thread: i64 = post(
        &ada,
        &first.base,
        "innovation/thread_start",
        &[
            ("thread[title]", "Cours oasis"),
            ("thread[body]", "Qui les a essayées ?"),
            ("thread[fields][0]", &field),
        ],
    )
    .await
    .json()
    .await
    .expect("thread");
    let ada_id = parvis::accounts::server::store::by_email(&db, "ada@example.org")
        .await
        .expect("query")
        .expect("ada")
        .id;
    sqlx::query("INSERT INTO notifications (user_id, kind, actor, subject, link, at, item_kind, item_id) VALUES ($1, 'mention', 'Zoé', 'Cours oasis', $2, $3, 'thread', $4)")
        .bind(ada_id)
        .bind(format!("/innovation/discussions/{thread}"))
        .bind(parvis::server::db::now())
        .bind(thread)
        .execute(&db.pool)
        .await
        .expect("notification");

    let mut mails = Vec::new();
    eventually(30, "the alert and the digest", || {
        mails = outbox(dir.path());
        std::future::ready(
            mails.iter().any(|m| m.contains("Jardins suspendus"))
                && mails.iter().any(|m| m.contains("Cours oasis")),
        )
    })
    .await;
    // Both processes keep claiming rounds for a few more periods; nothing goes out twice.
    three_more_periods(&db.pool).await;
    eventually(10, "no job left to do", || {
        let pool = db.pool.clone();
        async move { count(&pool, "SELECT COUNT(*) FROM jobs WHERE state <> 'done'").await == 0 }
    })
    .await;
    let mails = outbox(dir.path());
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.contains("Jardins suspendus"))
            .count(),
        1,
        "one alert mail from two processes"
    );
    assert_eq!(
        mails.iter().filter(|m| m.contains("Cours oasis")).count(),
        1,
        "one digest from two processes"
    );
    db.pool.close().await;
    drop((first, second));
    drop_database(postgres).await;
}

async fn job_state(app: &TestApp, id: i64) -> (String, i64) {
    let row = sqlx::query("SELECT state, attempts FROM jobs WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("job");
    (row.get("state"), row.get("attempts"))
}

async fn latest_job(app: &TestApp) -> i64 {
    count(
        &app.state.db.pool,
        "SELECT MAX(id) FROM jobs WHERE kind = 'accounts.reset_mail'",
    )
    .await
}

#[tokio::test]
async fn a_failing_relay_leaves_the_job_retrying_and_listed_then_sent() {
    let accepting = Arc::new(AtomicBool::new(false));
    let (port, mut received) = common::smtp::fake_smtp_server(accepting.clone()).await;
    let app = TestApp::spawn_with(|c| {
        c.mail.transport = MailTransport::Smtp;
        c.mail.smtp_host = "127.0.0.1".into();
        c.mail.smtp_port = port;
        c.mail.smtp_security = SmtpSecurity::None;
        c.jobs.poll_millis = 100;
        c.jobs.retry_base_seconds = 1;
        c.jobs.max_attempts = 3;
    })
    .await;
    app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::SiteAdmin, None).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let eve = app.sign_up("eve@example.org", PASSWORD).await;

    // Refused twice: the job waits for its next attempt, and the admin page lists it.
    assert_eq!(
        app.call_json::<()>(
            &app.client(),
            "accounts/request_reset",
            &[("email", "eve@example.org")]
        )
        .await
        .0,
        200
    );
    let job = latest_job(&app).await;
    eventually(15, "two refused attempts", || async {
        job_state(&app, job).await == ("queued".into(), 2)
    })
    .await;
    let (_, listed) = app
        .call_json::<Vec<TroubledJob>>(&admin, "admin/jobs", &[])
        .await;
    let listed = listed.expect("listed");
    let entry = listed
        .iter()
        .find(|j| j.id == job)
        .expect("the retrying job is listed");
    assert_eq!(
        (entry.kind.as_str(), entry.state.as_str(), entry.attempts),
        ("accounts.reset_mail", "queued", 2)
    );
    assert!(entry.last_error.contains("451"), "{}", entry.last_error);
    let html = app.page_html(&admin, "/admin/travaux").await;
    assert!(
        html.contains("accounts.reset_mail")
            && html.contains("try again later")
            && html.contains(&format!("data-job=\"{job}\"")),
        "{html}"
    );

    // The relay answers again: the next attempt sends it, by itself.
    accepting.store(true, Ordering::SeqCst);
    let message = tokio::time::timeout(Duration::from_secs(15), received.recv())
        .await
        .expect("sent within 15 s")
        .expect("message");
    assert!(
        message.contains("To: eve@example.org")
            && message.contains(&format!(
                "Message-ID: <job-{job}.accounts.reset_mail@127.0.0.1>"
            )),
        "{message}"
    );
    eventually(10, "the job done", || async {
        job_state(&app, job).await == ("done".into(), 3)
    })
    .await;

    // Refused three times: failed for good, listed as such, and only a site admin may retry it.
    accepting.store(false, Ordering::SeqCst);
    assert_eq!(
        app.call_json::<()>(
            &app.client(),
            "accounts/request_reset",
            &[("email", "eve@example.org")]
        )
        .await
        .0,
        200
    );
    let second = latest_job(&app).await;
    assert_ne!(second, job);
    eventually(20, "three refused attempts", || async {
        job_state(&app, second).await == ("failed".into(), 3)
    })
    .await;
    let html = app.page_html(&admin, "/admin/travaux").await;
    assert!(
        html.contains(&format!("data-job=\"{second}\" data-state=\"failed\""))
            && !html.contains(&format!("data-job=\"{job}\"")),
        "{html}"
    );
    assert_eq!(
        app.call_json::<Vec<TroubledJob>>(&eve, "admin/jobs", &[])
            .await
            .0,
        403
    );
    assert_eq!(
        app.call_json::<()>(&eve, "admin/retry_job", &[("id", &second.to_string())])
            .await
            .0,
        403
    );
    assert_eq!(
        app.call_json::<()>(
            &app.client(),
            "admin/retry_job",
            &[("id", &second.to_string())]
        )
        .await
        .0,
        401
    );
    assert_eq!(
        job_state(&app, second).await,
        ("failed".into(), 3),
        "refused retries change nothing"
    );
    assert!(received.try_recv().is_err(), "nothing sent while refused");

    // The admin retries it from the page, without JavaScript, once the relay answers.
    accepting.store(true, Ordering::SeqCst);
    let landed = app
        .post_plain_form(
            &admin,
            "/admin/travaux",
            "admin/retry_job",
            &[("id", &second.to_string())],
        )
        .await;
    assert!(
        landed.location.ends_with("/admin/travaux"),
        "{}",
        landed.location
    );
    let message = tokio::time::timeout(Duration::from_secs(15), received.recv())
        .await
        .expect("sent within 15 s")
        .expect("message");
    assert!(
        message.contains(&format!(
            "Message-ID: <job-{second}.accounts.reset_mail@127.0.0.1>"
        )),
        "{message}"
    );
    eventually(10, "the retried job done", || async {
        job_state(&app, second).await.0 == "done"
    })
    .await;
    assert_eq!(
        app.call_json::<()>(&admin, "admin/retry_job", &[("id", &second.to_string())])
            .await
            .0,
        404,
        "a done job is not retried"
    );
}

#[tokio::test]
async fn a_spontaneous_application_mails_the_directions_pool_and_each_notice_is_one_job() {
    let app = TestApp::spawn().await;
    let (deve, service) = app.direction("DEVE").await;
    app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::DirectionAdmin, Some(deve))
        .await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let agent_id = parvis::accounts::server::store::by_email(&app.state.db, "agent@example.org")
        .await
        .expect("query")
        .expect("agent")
        .id;
    app.call_json::<()>(
        &admin,
        "stages/add_pool_handler",
        &[
            ("direction_id", &deve.to_string()),
            ("user_id", &agent_id.to_string()),
        ],
    )
    .await
    .1
    .expect("handler added");
    let ada = app
        .sign_up_named("ada@example.org", "Ada Lovelace", PASSWORD)
        .await;
    let (status, count_sent) = app
        .call_json::<usize>(
            &ada,
            "stages/apply_spontaneously",
            &[
                ("directions[0]", &deve.to_string()),
                ("cover_letter", "Curieuse de tout."),
            ],
        )
        .await;
    assert_eq!((status, count_sent.expect("sent")), (200, 1));
    let mail = app.mail_containing(&["Ada Lovelace", "spontan"]).await;
    assert!(
        mail.contains("admin@example.org") && mail.contains("agent@example.org"),
        "the direction's admin and its pool handler: {mail}"
    );
    assert!(mail.contains("Message-ID: <job-"), "{mail}");
    settle_jobs(&app.state).await;
    assert_eq!(
        count(
            &app.state.db.pool,
            "SELECT COUNT(*) FROM jobs WHERE kind = 'stages.notice' AND state = 'done'"
        )
        .await,
        1
    );
}
