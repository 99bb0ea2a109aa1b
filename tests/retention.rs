//! Retention (`[retention]`): each rule on a clock the test moves — just before its period
//! nothing goes, just after it goes (rows and files) —, the inactive account's warning mail
//! (once, in the owner's language; a sign-in keeps the account), the dashboard's figures
//! unchanged when the people behind them go, and counts (never contents) in the log. Once on
//! SQLite, once on PostgreSQL.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    server::{config::PeriodUnit, retention::after},
    stages::dashboard::Dashboard,
};
use sqlx::Row;

const PASSWORD: &str = "correct horse battery";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get::<i64, _>(0)
}

async fn scalar(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query(sql)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .get::<i64, _>(0)
}

/// Sets the application's clock to `seconds`.
fn set_clock(app: &TestApp, seconds: i64) {
    app.state
        .clock
        .set(jiff::Timestamp::from_second(seconds).expect("instant"));
}

/// `amount` `unit`s after `seconds`, as the rules count them (the city's calendar months).
fn plus(app: &TestApp, seconds: i64, amount: u32, unit: PeriodUnit) -> i64 {
    after(seconds, &app.state.clock, amount, unit)
}

/// An app with a published DEVE offer, its agent, and candidates ada, bob, carl, dora and eve.
async fn with_offer() -> (TestApp, i64) {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    for name in ["ada", "bob", "carl", "dora", "eve"] {
        app.sign_up(&format!("{name}@example.org"), PASSWORD).await;
    }
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await;
    (app, offer)
}

/// `who` applies to `offer` with `letter`; the application's id.
async fn apply(app: &TestApp, who: &str, offer: i64, letter: &str) -> (reqwest::Client, i64) {
    let client = app.sign_in(&format!("{who}@example.org"), PASSWORD).await;
    let (status, id) = app
        .call_json::<i64>(
            &client,
            "stages/apply",
            &[("offer_id", &offer.to_string()), ("cover_letter", letter)],
        )
        .await;
    assert_eq!(status, 200, "{who} applies");
    (client, id.expect("applied"))
}

async fn post_ok(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) {
    let response = app.call(client, endpoint, form).await;
    assert_eq!(response.status(), 200, "{endpoint} {form:?}");
}

/// The applications of the usual scene: ada declined (with the agent's answer and a private
/// note), bob accepted, carl waiting, dora withdrawn, eve declined but written to since.
struct Scene {
    app: TestApp,
    agent: reqwest::Client,
    ada: i64,
    bob: i64,
    carl: i64,
    dora: i64,
    eve: i64,
}

async fn scene() -> Scene {
    let (app, offer) = with_offer().await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let (_, ada) = apply(&app, "ada", offer, "Lettre d'Ada, très personnelle.").await;
    let (_, bob) = apply(&app, "bob", offer, "Lettre de Bob.").await;
    let (_, carl) = apply(&app, "carl", offer, "Lettre de Carl.").await;
    let (dora_client, dora) = apply(&app, "dora", offer, "Lettre de Dora.").await;
    let (_, eve) = apply(&app, "eve", offer, "Lettre d'Eve.").await;
    for (id, state) in [(ada, "declined"), (bob, "accepted"), (eve, "declined")] {
        post_ok(
            &app,
            &agent,
            "stages/move_application",
            &[
                ("id", &id.to_string()),
                ("state", state),
                ("message", "Notre réponse."),
            ],
        )
        .await;
    }
    post_ok(
        &app,
        &agent,
        "stages/application_note",
        &[("id", &ada.to_string()), ("body", "Note privée sur Ada.")],
    )
    .await;
    post_ok(
        &app,
        &dora_client,
        "stages/withdraw",
        &[("id", &dora.to_string())],
    )
    .await;
    // Eve's file had a message ten days after the decision: its last move is that message.
    sqlx::query("UPDATE application_messages SET at = at + 864000 WHERE application_id = $1")
        .bind(eve)
        .execute(&app.state.db.pool)
        .await
        .expect("later message");
    app.settle_jobs().await;
    Scene {
        app,
        agent,
        ada,
        bob,
        carl,
        dora,
        eve,
    }
}

async fn exists(app: &TestApp, id: i64) -> bool {
    scalar(app, "SELECT COUNT(*) FROM applications WHERE id = $1", id).await == 1
}

/// Rows of `table` that belong to application `id`.
async fn rows_of(app: &TestApp, table: &str, id: i64) -> i64 {
    scalar(
        app,
        &format!("SELECT COUNT(*) FROM {table} WHERE application_id = $1"),
        id,
    )
    .await
}

/// The latest move of applications `ids`.
async fn last_move(app: &TestApp, ids: &[i64]) -> i64 {
    let mut latest = 0;
    for id in ids {
        latest = latest.max(
            scalar(
                app,
                "SELECT updated_at FROM applications WHERE id = $1",
                *id,
            )
            .await,
        );
    }
    latest
}

async fn run_stages(app: &TestApp) -> parvis::stages::server::retention::Report {
    parvis::stages::server::retention::run(&app.state)
        .await
        .expect("stages retention")
}

#[tokio::test]
async fn applications_not_accepted_go_after_their_period_with_their_messages_notes_and_history() {
    let Scene {
        app,
        ada,
        bob,
        carl,
        dora,
        eve,
        ..
    } = scene().await;
    assert!(rows_of(&app, "application_messages", ada).await >= 1);
    assert_eq!(rows_of(&app, "application_notes", ada).await, 1);
    assert!(rows_of(&app, "application_events", ada).await >= 2);
    let end = plus(
        &app,
        last_move(&app, &[ada, dora]).await,
        24,
        PeriodUnit::Months,
    );

    set_clock(&app, end - 60);
    let report = run_stages(&app).await;
    assert_eq!(
        report.applications.applications, 0,
        "a minute before: {report:?}"
    );
    for id in [ada, bob, carl, dora, eve] {
        assert!(
            exists(&app, id).await,
            "application {id} kept a minute before"
        );
    }

    set_clock(&app, end + 60);
    let report = run_stages(&app).await;
    assert_eq!(report.applications.applications, 2, "{report:?}");
    assert_eq!(report.applications.notes, 1, "{report:?}");
    assert!(
        report.applications.messages >= 1 && report.applications.events >= 4,
        "{report:?}"
    );
    assert_eq!(report.accepted.applications, 0, "{report:?}");
    for id in [ada, dora] {
        assert!(!exists(&app, id).await, "application {id} deleted");
        for table in [
            "application_messages",
            "application_notes",
            "application_events",
        ] {
            assert_eq!(rows_of(&app, table, id).await, 0, "{table} of {id}");
        }
    }
    assert!(exists(&app, bob).await, "accepted: its own, longer period");
    assert!(exists(&app, carl).await, "waiting: never");
    assert!(
        exists(&app, eve).await,
        "written to since: counts from the message"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM application_figures").await,
        2,
        "the anonymous figures of both stay"
    );

    // Eve's period runs from her last message; a second pass finds nothing more before it.
    let eve_end = plus(
        &app,
        scalar(
            &app,
            "SELECT MAX(at) FROM application_messages WHERE application_id = $1",
            eve,
        )
        .await,
        24,
        PeriodUnit::Months,
    );
    set_clock(&app, eve_end - 60);
    assert_eq!(run_stages(&app).await.applications.applications, 0);
    set_clock(&app, eve_end + 60);
    assert_eq!(run_stages(&app).await.applications.applications, 1);
    assert!(!exists(&app, eve).await);
}

#[tokio::test]
async fn accepted_applications_are_anonymised_after_their_period_and_waiting_ones_stay() {
    let Scene { app, bob, carl, .. } = scene().await;
    let end = plus(&app, last_move(&app, &[bob]).await, 60, PeriodUnit::Months);

    set_clock(&app, end - 60);
    assert_eq!(run_stages(&app).await.accepted.applications, 0);
    assert!(exists(&app, bob).await);

    set_clock(&app, end + 60);
    let report = run_stages(&app).await;
    assert_eq!(report.accepted.applications, 1, "{report:?}");
    assert!(report.accepted.messages >= 1, "{report:?}");
    assert!(!exists(&app, bob).await, "nothing left that names bob");
    assert_eq!(rows_of(&app, "application_messages", bob).await, 0);
    assert_eq!(rows_of(&app, "application_events", bob).await, 0);
    let kept = sqlx::query(
        "SELECT state, first_answer_at FROM application_figures WHERE application_id = $1",
    )
    .bind(bob)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("bob's figures");
    assert_eq!(kept.get::<String, _>("state"), "accepted");
    assert!(kept.get::<Option<i64>, _>("first_answer_at").is_some());
    assert!(
        exists(&app, carl).await,
        "a waiting application is never deleted by age"
    );
}

async fn dashboard(app: &TestApp, agent: &reqwest::Client) -> Dashboard {
    let (status, dashboard) = app
        .call_json::<Dashboard>(agent, "stages/dashboard", &[])
        .await;
    assert_eq!(status, 200);
    dashboard.expect("dashboard")
}

#[tokio::test]
async fn the_dashboards_figures_do_not_change_when_the_people_behind_them_go() {
    let Scene {
        app,
        agent,
        ada,
        bob,
        carl,
        ..
    } = scene().await;
    // Answer times of their own: ada answered after two hours, bob after a day.
    for (id, wait) in [(ada, 7200), (bob, 86_400)] {
        sqlx::query("UPDATE applications SET created_at = first_answer_at - $1 WHERE id = $2")
            .bind(wait)
            .bind(id)
            .execute(&app.state.db.pool)
            .await
            .expect("answer time");
    }
    let before = dashboard(&app, &agent).await;
    let deve = before
        .by_direction
        .iter()
        .find(|d| d.unit == "DEVE")
        .expect("DEVE");
    assert_eq!((deve.answered, deve.waiting), (3, 2), "{deve:?}");
    let figures = |d: &Dashboard| {
        (
            d.offers.clone(),
            d.by_direction.clone(),
            d.by_service.clone(),
            d.spontaneous_waiting,
        )
    };

    // Every finished application past both periods: deleted, or anonymised.
    let end = plus(&app, last_move(&app, &[bob]).await, 61, PeriodUnit::Months);
    set_clock(&app, end);
    let report = run_stages(&app).await;
    assert_eq!(
        (
            report.applications.applications,
            report.accepted.applications
        ),
        (3, 1),
        "{report:?}"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM applications").await,
        1,
        "carl's is left"
    );
    let after_retention = dashboard(&app, &agent).await;
    assert_eq!(figures(&after_retention), figures(&before));

    // The export lists only applications that exist, with their candidates.
    let csv = agent
        .get(app.url("/stages/export.csv"))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("csv");
    assert!(
        csv.contains("carl@example.org") && !csv.contains("ada@example.org"),
        "{csv}"
    );

    // Carl deletes his account: his waiting application is withdrawn and anonymised, the
    // answer times and counts per direction and service stay.
    let carl_id = count(
        &app,
        "SELECT id FROM users WHERE email = 'carl@example.org'",
    )
    .await;
    parvis::accounts::server::erasure::erase_account(
        &app.state,
        carl_id,
        parvis::accounts::server::erasure::ErasureReason::OwnRequest,
    )
    .await
    .expect("carl's account erased");
    let after_erasure = dashboard(&app, &agent).await;
    assert_eq!(
        (&after_erasure.by_direction, &after_erasure.by_service),
        (&before.by_direction, &before.by_service)
    );

    // Even a row deleted outright (the tombstone, and his application by cascade) leaves the
    // figures as they were.
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(carl_id)
        .execute(&app.state.db.pool)
        .await
        .expect("row deleted");
    assert!(!exists(&app, carl).await);
    assert_eq!(
        figures(&dashboard(&app, &agent).await),
        figures(&after_erasure)
    );
}

/// Uploads a small PDF as `client`'s CV.
async fn upload_cv(app: &TestApp, client: &reqwest::Client) {
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4 retention test".to_vec())
        .file_name("cv.pdf")
        .mime_str("application/pdf")
        .expect("mime");
    let response = client
        .post(app.url("/stages/cv"))
        .multipart(reqwest::multipart::Form::new().part("cv", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), 303);
}

fn cv_files(app: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(app.dir.path().join("cv"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_cv_file_goes_once_no_profile_names_it() {
    let (app, _) = with_offer().await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    upload_cv(&app, &ada).await;
    upload_cv(&app, &bob).await;
    std::fs::write(
        app.dir.path().join("cv").join("0-left-over.pdf"),
        b"%PDF-1.4",
    )
    .expect("a file no profile names");
    let ada_file: String =
        sqlx::query_scalar("SELECT p.cv_file FROM candidate_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'ada@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("ada's CV");
    // Bob's account goes (its profile with it): his file is named by nothing any more.
    sqlx::query("DELETE FROM users WHERE email = 'bob@example.org'")
        .execute(&app.state.db.pool)
        .await
        .expect("account deleted");
    assert_eq!(cv_files(&app).len(), 3);

    let now = parvis::server::db::now();
    set_clock(&app, now + 23 * 3600);
    assert_eq!(
        run_stages(&app).await.cv_files,
        0,
        "a file under a day old may be an upload"
    );
    assert_eq!(cv_files(&app).len(), 3);

    set_clock(&app, now + 25 * 3600);
    assert_eq!(run_stages(&app).await.cv_files, 2);
    assert_eq!(cv_files(&app), vec![ada_file], "the named CV stays");
}

async fn run_accounts(app: &TestApp) -> parvis::accounts::server::retention::Report {
    parvis::accounts::server::retention::run(&app.state)
        .await
        .expect("accounts retention")
}

/// The warning mails in the outbox (the only mails with a sign-in link).
fn inactivity_mails(app: &TestApp) -> Vec<String> {
    app.outbox()
        .into_iter()
        .map(|m| m.replace("=\r\n", ""))
        .filter(|m| m.contains("/compte/connexion"))
        .collect()
}

#[tokio::test]
async fn an_inactive_account_is_warned_once_in_its_language_and_a_sign_in_keeps_it() {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    for name in ["ada", "bob", "agent"] {
        app.sign_up(&format!("{name}@example.org"), PASSWORD).await;
    }
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    sqlx::query("UPDATE users SET locale = 'en' WHERE email = 'bob@example.org'")
        .execute(&app.state.db.pool)
        .await
        .expect("bob reads English");
    let seen = count(&app, "SELECT MAX(last_seen_at) FROM users").await;
    assert!(
        seen >= count(&app, "SELECT MAX(created_at) FROM users").await,
        "an account is seen at its creation"
    );
    let end = plus(&app, seen, 36, PeriodUnit::Months);
    let warn_from = end - 30 * 86_400;

    set_clock(&app, warn_from - 60);
    assert_eq!(
        run_accounts(&app).await.warned,
        0,
        "a minute before the warning"
    );
    app.settle_jobs().await;
    assert!(inactivity_mails(&app).is_empty());

    set_clock(&app, warn_from + 60);
    let report = run_accounts(&app).await;
    assert_eq!(
        (report.warned, report.deleted),
        (2, 0),
        "ada and bob, not the agent"
    );
    app.settle_jobs().await;
    let french = app
        .mail_containing(&["To: ada@example.org", "votre compte et ce qu'il contient"])
        .await;
    assert!(french.contains("/compte/connexion"), "{french}");
    app.mail_containing(&["To: bob@example.org", "your account and what it holds"])
        .await;
    assert_eq!(run_accounts(&app).await.warned, 0, "once");
    app.settle_jobs().await;
    assert_eq!(inactivity_mails(&app).len(), 2, "one mail each");
    assert!(!inactivity_mails(&app)
        .iter()
        .any(|m| m.contains("agent@example.org")));

    // Bob signs in: his account starts again, his warning no longer holds.
    app.sign_in("bob@example.org", PASSWORD).await;
    let bob_seen = count(
        &app,
        "SELECT last_seen_at FROM users WHERE email = 'bob@example.org'",
    )
    .await;
    assert_eq!(bob_seen, warn_from + 60, "seen on the application's clock");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users WHERE email = 'bob@example.org' AND inactivity_warned_at IS NULL").await,
        1
    );

    set_clock(&app, end - 60);
    assert_eq!(
        run_accounts(&app).await.deleted,
        0,
        "a minute before the end"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 3);

    set_clock(&app, end + 60);
    let report = run_accounts(&app).await;
    assert_eq!(report.warned, 0, "bob is not inactive again yet");
    let left: Vec<String> = sqlx::query_scalar("SELECT email FROM users ORDER BY email")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("accounts");
    assert_eq!(report.deleted, 1, "ada, warned a month ago: {report:?}");
    assert!(
        !left.contains(&"ada@example.org".to_string()),
        "ada's account is erased: {left:?}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM users WHERE erased_at IS NOT NULL"
        )
        .await,
        1,
        "as by its owner: a tombstone without name or address"
    );
    assert!(
        left.contains(&"bob@example.org".to_string()),
        "signed in: kept"
    );
    assert!(
        left.contains(&"agent@example.org".to_string()),
        "staff: kept"
    );
    assert_eq!(
        run_accounts(&app).await.deleted,
        0,
        "an erased account is not erased again"
    );
}

#[tokio::test]
async fn an_account_already_inactive_gets_its_full_warning_period() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.org", PASSWORD).await;
    // Inactive for four years already (as when the rule first runs on old accounts).
    let now = parvis::server::db::now();
    sqlx::query("UPDATE users SET last_seen_at = $1")
        .bind(now - 4 * 365 * 86_400)
        .execute(&app.state.db.pool)
        .await
        .expect("old account");
    set_clock(&app, now);
    let report = run_accounts(&app).await;
    assert_eq!(
        (report.warned, report.deleted),
        (1, 0),
        "warned, not deleted at once"
    );
    set_clock(&app, now + 30 * 86_400 - 60);
    assert_eq!(
        run_accounts(&app).await.deleted,
        0,
        "not before its warning period ran"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 1);
}

#[tokio::test]
async fn short_lived_records_go_after_their_periods() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.org", PASSWORD).await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let ada = count(&app, "SELECT id FROM users WHERE email = 'ada@example.org'").await;
    // Each round is registered (the worker ran each at start).
    for round in [
        "accounts.retention",
        "stages.retention",
        "innovation.retention",
        "housekeeping",
    ] {
        assert_eq!(
            count(
                &app,
                &format!("SELECT COUNT(*) FROM periodic_rounds WHERE name = '{round}'")
            )
            .await,
            1,
            "{round}"
        );
    }

    // A failed sign-in, and a reset link mailed (its token is made when the mail goes).
    let visitor = app.client();
    let refused = app
        .call(
            &visitor,
            "accounts/sign_in",
            &[("email", "ada@example.org"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(refused.status(), 401);
    post_ok(
        &app,
        &visitor,
        "accounts/request_reset",
        &[("email", "bob@example.org")],
    )
    .await;
    app.settle_jobs().await;
    let failed_at = count(&app, "SELECT MAX(at) FROM login_failures").await;
    let expires_at = count(&app, "SELECT MAX(expires_at) FROM password_resets").await;
    let done_at = count(&app, "SELECT MAX(done_at) FROM jobs WHERE state = 'done'").await;
    assert!(failed_at > 0 && expires_at > 0 && done_at > 0);

    // Innovation's records, written as their features write them.
    let now = parvis::server::db::now();
    for sql in [
        "INSERT INTO moderation_log (item_kind, item_id, action, editor_id, reason, at) VALUES ('comment', 1, 'hide', $1, 'spam', $2)",
        "INSERT INTO member_contacts (sender_id, recipient_id, at) VALUES ($1, $1, $2)",
        "INSERT INTO notifications (user_id, kind, actor, subject, link, at, read_at) VALUES ($1, 'mention', 'Bob', 'Fiche', '/innovation/fiches/1', $2, $2)",
        "INSERT INTO notifications (user_id, kind, actor, subject, link, at, read_at) VALUES ($1, 'mention', 'Bob', 'Fiche', '/innovation/fiches/2', $2, NULL)",
    ] {
        sqlx::query(sql)
            .bind(ada)
            .bind(now)
            .execute(&app.state.db.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    // Hours: failed sign-ins, spent reset tokens.
    set_clock(&app, failed_at.min(expires_at) + 24 * 3600 - 60);
    let report = run_accounts(&app).await;
    assert_eq!((report.sign_in_failures, report.reset_tokens), (0, 0));
    set_clock(&app, failed_at.max(expires_at) + 24 * 3600 + 60);
    let report = run_accounts(&app).await;
    assert_eq!((report.sign_in_failures, report.reset_tokens), (1, 1));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM login_failures").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM password_resets").await, 0);

    // Days: finished jobs (the housekeeping's one mechanism).
    let jobs = count(&app, "SELECT COUNT(*) FROM jobs WHERE state = 'done'").await;
    set_clock(&app, done_at + 30 * 86_400 - 60);
    parvis::server::jobs::housekeeping::run(app.state.clone())
        .await
        .expect("housekeeping");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM jobs WHERE state = 'done'").await,
        jobs
    );
    set_clock(&app, done_at + 30 * 86_400 + 60);
    parvis::server::jobs::housekeeping::run(app.state.clone())
        .await
        .expect("housekeeping");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM jobs WHERE state = 'done'").await,
        0
    );

    // Months: the moderation log, members' messages, read notifications (unread ones stay).
    let end = plus(&app, now, 12, PeriodUnit::Months);
    set_clock(&app, end - 60);
    let report = parvis::innovation::server::retention::run(&app.state)
        .await
        .expect("innovation retention");
    assert_eq!(
        (
            report.moderation_log,
            report.member_messages,
            report.read_notifications
        ),
        (0, 0, 0)
    );
    set_clock(&app, end + 60);
    let report = parvis::innovation::server::retention::run(&app.state)
        .await
        .expect("innovation retention");
    assert_eq!(
        (
            report.moderation_log,
            report.member_messages,
            report.read_notifications
        ),
        (1, 1, 1)
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM moderation_log").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM member_contacts").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL"
        )
        .await,
        1,
        "an unread notification is not past any period"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM notifications").await, 1);
}

/// Collects what the logger writes.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_rule_logs_its_counts_and_never_contents() {
    let Scene { app, ada, dora, .. } = scene().await;
    let end = plus(
        &app,
        last_move(&app, &[ada, dora]).await,
        24,
        PeriodUnit::Months,
    );
    set_clock(&app, end + 60);
    let captured = Captured::default();
    let sink = captured.clone();
    let report = {
        let _logging = tracing::subscriber::set_default(parvis::server::logs::subscriber(
            parvis::server::config::LogFormat::Json,
            move || sink.clone(),
        ));
        run_stages(&app).await
    };
    let written = String::from_utf8_lossy(&captured.0.lock().expect("log").clone()).into_owned();
    let lines: Vec<serde_json::Value> = written
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|l: &serde_json::Value| l["fields"]["message"] == "retention")
        .collect();
    let of = |rule: &str| {
        lines
            .iter()
            .find(|l| l["fields"]["rule"] == rule)
            .unwrap_or_else(|| panic!("no line for {rule} in {written}"))
            .clone()
    };
    let applications = of("applications_months");
    assert_eq!(applications["fields"]["count"], 2);
    assert_eq!(report.applications.applications, 2);
    assert!(applications["fields"]["detail"]
        .as_str()
        .is_some_and(|d| d.contains("notes=1")));
    assert_eq!(of("accepted_applications_months")["fields"]["count"], 0);
    assert_eq!(of("cv_files")["fields"]["count"], 0);
    for content in [
        "Lettre d'Ada",
        "Note privée",
        "Notre réponse",
        "@example.org",
    ] {
        assert!(!written.contains(content), "{content} logged: {written}");
    }
}
