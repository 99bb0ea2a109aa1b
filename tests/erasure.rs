//! Deleting one's account (`accounts::server::erasure`): every column holding an account id
//! is handled (read from the engine's catalogue), what goes goes, what stays shows
//! "Ancien membre", pending applications are withdrawn with the direction's mail, every
//! session ends, the confirmation link is single-use and expires, a wrong password changes
//! nothing and counts toward the sign-in throttling, the address signs up again, and the last
//! site administrator is refused.

mod common;

use common::{fiches, TestApp};
use parvis::{
    accounts::{
        server::erasure::{self, ErasureReason, Handling, HANDLED},
        types::{CurrentUser, Role, FORMER_MEMBER},
    },
    error::AppError,
};
use sqlx::Row;
use std::collections::BTreeSet;

const PASSWORD: &str = fiches::PASSWORD;

/// Columns named like this hold an account id, whether or not a foreign key says so.
fn names_an_account(column: &str) -> bool {
    matches!(
        column,
        "user_id"
            | "account_id"
            | "author_id"
            | "owner"
            | "owner_id"
            | "candidate_id"
            | "member_id"
            | "actor_id"
            | "editor_id"
            | "agent_id"
            | "sender_id"
            | "recipient_id"
    ) || column.ends_with("_user_id")
        || column.ends_with("_by")
}

/// `table.column` of every integer column that references `users` or is named like an
/// account id, from the catalogue of the engine the test runs on.
async fn account_columns(app: &TestApp) -> BTreeSet<String> {
    let pool = &app.state.db.pool;
    let mut out = BTreeSet::new();
    if common::on_postgres() {
        let references = sqlx::query(
            "SELECT kcu.table_name::text AS t, kcu.column_name::text AS c \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND ccu.table_name = 'users'",
        )
        .fetch_all(pool)
        .await
        .expect("foreign keys");
        for row in references {
            out.insert(format!(
                "{}.{}",
                row.get::<String, _>("t"),
                row.get::<String, _>("c")
            ));
        }
        let columns = sqlx::query(
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%' AND data_type IN ('bigint', 'integer')",
        )
        .fetch_all(pool)
        .await
        .expect("columns");
        for row in columns {
            let column: String = row.get("c");
            if names_an_account(&column) {
                out.insert(format!("{}.{column}", row.get::<String, _>("t")));
            }
        }
    } else {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .expect("tables");
        for table in tables {
            let keys = sqlx::query(
                "SELECT \"from\" AS c, \"table\" AS r FROM pragma_foreign_key_list($1)",
            )
            .bind(&table)
            .fetch_all(pool)
            .await
            .expect("foreign keys");
            for key in keys {
                if key.get::<String, _>("r") == "users" {
                    out.insert(format!("{table}.{}", key.get::<String, _>("c")));
                }
            }
            let columns = sqlx::query("SELECT name, type FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("columns");
            for column in columns {
                let (name, kind): (String, String) = (column.get("name"), column.get("type"));
                if names_an_account(&name) && kind.to_uppercase().contains("INT") {
                    out.insert(format!("{table}.{name}"));
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn every_column_holding_an_account_id_is_handled_by_the_erasure() {
    let app = TestApp::spawn().await;
    let found = account_columns(&app).await;
    assert!(
        found.contains("applications.candidate_id") && found.contains("fiche_comments.author_id"),
        "the catalogue was read: {found:?}"
    );
    let listed: BTreeSet<String> = HANDLED
        .iter()
        .map(|h| format!("{}.{}", h.table, h.column))
        .collect();
    let missing: Vec<&String> = found.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "columns holding an account id that accounts::server::erasure::HANDLED does not list \
         (say whether the erasure deletes, anonymises or keeps them, and do it): {missing:?}"
    );
    // Nothing listed that the schema no longer has (the non-id columns included).
    for handled in HANDLED {
        let exists = sqlx::query(&format!(
            "SELECT {} FROM {} WHERE 1 = 0",
            handled.column, handled.table
        ))
        .fetch_all(&app.state.db.pool)
        .await;
        assert!(
            exists.is_ok(),
            "{}.{} is listed but does not exist",
            handled.table,
            handled.column
        );
        if let Handling::Kept(why) = handled.handling {
            assert!(
                !why.is_empty(),
                "{}.{} is kept without a reason",
                handled.table,
                handled.column
            );
        }
    }
}

/// Asks for the erasure of the account signed in on `client` and returns the mailed token.
async fn ask(app: &TestApp, client: &reqwest::Client, email: &str, remove: bool) -> String {
    let mut form = vec![("password", PASSWORD)];
    if remove {
        form.push(("remove_contributions", "1"));
    }
    let (status, sent_to) = app
        .call_json::<String>(client, "accounts/request_erasure", &form)
        .await;
    assert_eq!((status, sent_to.expect("asked")), (200, email.to_string()));
    app.settle_jobs().await;
    let mail = app
        .mail_containing(&["/compte/supprimer?jeton", &format!("To: {email}")])
        .await
        .replace("=3D", "=");
    let link = regex::Regex::new(r"jeton=([0-9a-f]{64})").expect("regex");
    link.captures(&mail).expect("link in the mail")[1].to_string()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    parvis::accounts::server::store::by_email(&app.state.db, email)
        .await
        .expect("query")
        .expect("account")
        .id
}

#[tokio::test]
async fn an_erased_account_loses_what_goes_and_leaves_what_stays_under_ancien_membre() {
    let (app, field) = fiches::newsroom().await;
    let fiche = fiches::published_fiche(&app, field).await;
    let fiche_text = fiche.to_string();
    let (deve, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    app.sign_up("chief@example.org", PASSWORD).await;
    app.grant("chief@example.org", Role::DirectionAdmin, Some(deve))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let pending_offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await;
    let decided_offer = app.publish_offer(&agent, service, "Stage compost").await;

    let zoe = app
        .sign_up_named("zoe@example.org", "Zoé Martin", PASSWORD)
        .await;
    let zoe_id = account_id(&app, "zoe@example.org").await;
    let other_browser = app.sign_in("zoe@example.org", PASSWORD).await;
    let other = app.sign_in("other@example.org", PASSWORD).await;

    // Stages: a CV, a pending application, a decided one with messages, a spontaneous one.
    let cv = reqwest::multipart::Part::bytes(b"%PDF-1.7\n%%EOF\n".to_vec())
        .file_name("cv.pdf")
        .mime_str("application/pdf")
        .expect("mime");
    let uploaded = zoe
        .post(app.url("/stages/cv"))
        .multipart(reqwest::multipart::Form::new().part("cv", cv))
        .send()
        .await
        .expect("upload");
    assert!(uploaded.status().is_redirection());
    let pending: i64 = app
        .call_json(
            &zoe,
            "stages/apply",
            &[
                ("offer_id", &pending_offer.to_string()),
                ("cover_letter", "Je suis Zoé, motivée."),
            ],
        )
        .await
        .1
        .expect("applied");
    let decided: i64 = app
        .call_json(
            &zoe,
            "stages/apply",
            &[
                ("offer_id", &decided_offer.to_string()),
                ("cover_letter", "Zoé encore."),
            ],
        )
        .await
        .1
        .expect("applied");
    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[
            ("id", &decided.to_string()),
            ("state", "declined"),
            ("message", "Merci Zoé."),
        ],
    )
    .await
    .1
    .expect("declined");
    app.call_json::<usize>(
        &zoe,
        "stages/apply_spontaneously",
        &[
            ("directions[0]", &deve.to_string()),
            ("cover_letter", "Spontanée."),
        ],
    )
    .await
    .1
    .expect("spontaneous");
    app.call_json::<()>(&zoe, "stages/save_search", &[("query[q]", "jardins")])
        .await
        .1
        .expect("saved search");
    let answered_before: i64 = count(
        &app,
        "SELECT COUNT(*) FROM applications WHERE first_answer_at IS NOT NULL AND direction_id = $1",
        deve,
    )
    .await;

    // Innovation: a comment, a thread with someone else's reply, a follow, no digest, a draft.
    app.call_json::<i64>(
        &zoe,
        "innovation/comment",
        &[("fiche", &fiche_text), ("body", "Très utile, merci.")],
    )
    .await
    .1
    .expect("commented");
    let thread: i64 = app
        .call_json(
            &zoe,
            "innovation/thread_start",
            &[
                ("thread[title]", "Budget des écoles"),
                ("thread[body]", "Qui l'a essayé ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    app.call_json::<i64>(
        &other,
        "innovation/thread_reply",
        &[("thread", &thread.to_string()), ("body", "Nous, à Lyon.")],
    )
    .await
    .1
    .expect("reply");
    app.call_json::<()>(&zoe, "innovation/digest", &[("on", "false")])
        .await
        .1
        .expect("digest off");
    fiches::save(
        &app,
        &zoe,
        None,
        &fiches::form(
            field,
            "Brouillon de Zoé",
            "Un brouillon jamais publié, seulement pour moi, assez long pour être valable ici.",
        ),
    )
    .await
    .1
    .expect("draft");
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM follows WHERE user_id = $1",
            zoe_id
        )
        .await
            > 0,
        "she follows what she wrote"
    );
    // A wrong sign-in of hers on record.
    let _ = app
        .call(
            &app.client(),
            "accounts/sign_in",
            &[
                ("email", "zoe@example.org"),
                ("password", "not hers at all"),
            ],
        )
        .await;
    app.settle_jobs().await;

    let token = ask(&app, &zoe, "zoe@example.org", false).await;
    // What is mailed from here on (the confirmation link, sent before, greets her by name).
    let mails_before = app.outbox().len();
    // The link's page reads the request without using it; the erasure needs the POST.
    let (status, remove) = app
        .call_json::<bool>(&app.client(), "accounts/erasure_link", &[("token", &token)])
        .await;
    assert_eq!((status, remove.expect("link")), (200, false));
    let page = zoe
        .get(app.url(&format!("/compte/supprimer?jeton={token}")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert!(
        parvis::accounts::server::store::by_email(&app.state.db, "zoe@example.org")
            .await
            .expect("query")
            .is_some(),
        "opening the link deletes nothing"
    );
    let (status, _) = app
        .call_json::<()>(&zoe, "accounts/confirm_erasure", &[("token", &token)])
        .await;
    assert_eq!(status, 200);

    // Signed out here and in the other browser.
    for client in [&zoe, &other_browser] {
        let (_, me) = app
            .call_json::<Option<CurrentUser>>(client, "accounts/me", &[])
            .await;
        assert!(
            me.expect("me").is_none(),
            "every session of the account ended"
        );
    }
    // What goes.
    for (what, sql) in [
        ("candidate profile", "SELECT COUNT(*) FROM candidate_profiles WHERE user_id = $1"),
        ("member profile", "SELECT COUNT(*) FROM member_profiles WHERE user_id = $1"),
        ("saved searches", "SELECT COUNT(*) FROM saved_searches WHERE user_id = $1"),
        ("follows", "SELECT COUNT(*) FROM follows WHERE user_id = $1"),
        ("notifications", "SELECT COUNT(*) FROM notifications WHERE user_id = $1"),
        ("digest opt-out", "SELECT COUNT(*) FROM digest_optouts WHERE user_id = $1"),
        ("role grants", "SELECT COUNT(*) FROM role_grants WHERE user_id = $1"),
        ("erasure tokens", "SELECT COUNT(*) FROM erasure_requests WHERE user_id = $1"),
        ("draft fiches", "SELECT COUNT(*) FROM fiches WHERE author_id = $1 AND published_revision_id IS NULL"),
        ("letters", "SELECT COUNT(*) FROM applications WHERE candidate_id = $1 AND cover_letter <> ''"),
        ("messages", "SELECT COUNT(*) FROM application_messages WHERE application_id IN (SELECT id FROM applications WHERE candidate_id = $1)"),
        ("pending applications", "SELECT COUNT(*) FROM applications WHERE candidate_id = $1 AND state IN ('received', 'in_review', 'interview')"),
        ("name or address", "SELECT COUNT(*) FROM users WHERE id = $1 AND (email LIKE '%zoe%' OR display_name LIKE '%Zo%' OR password_hash <> '' OR erased_at IS NULL)"),
    ] {
        assert_eq!(count(&app, sql, zoe_id).await, 0, "{what} should be gone");
    }
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE data LIKE $1")
        .bind(format!("%\"user_id\":{zoe_id}%"))
        .fetch_one(&app.state.db.pool)
        .await
        .expect("sessions");
    assert_eq!(sessions, 0, "her session records are deleted");
    let failures: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE email = 'zoe@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("failures");
    assert_eq!(failures, 0, "her sign-in failures are gone");
    let cv_files = std::fs::read_dir(app.dir.path().join("cv"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(cv_files, 0, "the CV file is deleted");

    // What stays: the decided application, anonymised, and the figures.
    let state: String = sqlx::query_scalar("SELECT state FROM applications WHERE id = $1")
        .bind(decided)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("decided stays");
    assert_eq!(state, "declined");
    let withdrawn: String = sqlx::query_scalar("SELECT state FROM applications WHERE id = $1")
        .bind(pending)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("pending stays, withdrawn");
    assert_eq!(withdrawn, "withdrawn");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM applications WHERE first_answer_at IS NOT NULL AND direction_id = $1", deve).await,
        answered_before,
        "the direction's answer figures hold"
    );
    // Comments and threads under "Ancien membre", on the page, in the feeds and open data.
    for path in [
        format!("/innovation/fiches/{fiche}"),
        format!("/innovation/fiches/{fiche}/commentaires.atom"),
        format!("/innovation/discussions/{thread}"),
        "/innovation/discussions.atom".to_string(),
    ] {
        let body = other
            .get(app.url(&path))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        assert!(
            body.contains(FORMER_MEMBER),
            "{path} shows the former member"
        );
        assert!(!body.contains("Zoé Martin"), "{path} still names her");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM thread_replies WHERE thread_id = $1",
            thread
        )
        .await,
        1,
        "others' replies stay"
    );

    // The direction hears of both withdrawals (the offer's contact, the spontaneous pool); she
    // gets a final mail; no mail names her.
    app.settle_jobs().await;
    let mails: Vec<String> = app
        .outbox()
        .split_off(mails_before)
        .into_iter()
        .map(|m| m.replace("=\r\n", ""))
        .collect();
    let withdrawn_mails: Vec<&String> = mails
        .iter()
        .filter(|m| m.contains("la personne a supprim"))
        .collect();
    assert_eq!(withdrawn_mails.len(), 2, "{mails:?}");
    assert!(withdrawn_mails
        .iter()
        .any(|m| m.contains("agathe@paris.fr")));
    assert!(withdrawn_mails
        .iter()
        .any(|m| m.contains("chief@example.org")));
    assert!(
        mails.iter().all(|m| !m.contains("Martin")),
        "a mail sent after the erasure names her"
    );
    app.mail_containing(&["To: zoe@example.org", "Votre compte Parvis a"])
        .await;

    // The address is free again; the old password opens nothing.
    let (status, _) = app
        .call_json::<serde_json::Value>(
            &app.client(),
            "accounts/sign_in",
            &[("email", "zoe@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 401, "the erased account cannot sign in");
    let again = app
        .sign_up_named("zoe@example.org", "Zoé Martin", "a brand new password")
        .await;
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&again, "accounts/me", &[])
        .await;
    let me = me.expect("me").expect("signed up again");
    assert_ne!(me.id, zoe_id, "a new account, not the old one");
    // The link cannot be used twice.
    let (status, error) = app
        .call_json::<()>(
            &app.client(),
            "accounts/confirm_erasure",
            &[("token", &token)],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("used")),
        (409, AppError::Conflict("error-erasure-link-invalid".into()))
    );
}

#[tokio::test]
async fn contributions_go_too_when_asked_and_published_fiches_stay() {
    let (app, field) = fiches::newsroom().await;
    let fiche = fiches::published_fiche(&app, field).await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let other = app.sign_in("other@example.org", PASSWORD).await;
    let author_id = account_id(&app, "author@example.org").await;
    app.call_json::<i64>(
        &author,
        "innovation/comment",
        &[("fiche", &fiche.to_string()), ("body", "Mon commentaire.")],
    )
    .await
    .1
    .expect("commented");
    let thread: i64 = app
        .call_json(
            &author,
            "innovation/thread_start",
            &[
                ("thread[title]", "Ma question"),
                ("thread[body]", "Qui sait ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    app.call_json::<i64>(
        &other,
        "innovation/thread_reply",
        &[("thread", &thread.to_string()), ("body", "Moi.")],
    )
    .await
    .1
    .expect("reply");
    let other_thread: i64 = app
        .call_json(
            &other,
            "innovation/thread_start",
            &[
                ("thread[title]", "Autre question"),
                ("thread[body]", "Et vous ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    app.call_json::<i64>(
        &author,
        "innovation/thread_reply",
        &[
            ("thread", &other_thread.to_string()),
            ("body", "Ma réponse."),
        ],
    )
    .await
    .1
    .expect("reply");

    let token = ask(&app, &author, "author@example.org", true).await;
    let (status, remove) = app
        .call_json::<bool>(&app.client(), "accounts/erasure_link", &[("token", &token)])
        .await;
    assert_eq!((status, remove.expect("link")), (200, true));
    // Confirmed from another browser, not signed in: the mail is the proof.
    let (status, _) = app
        .call_json::<()>(
            &app.client(),
            "accounts/confirm_erasure",
            &[("token", &token)],
        )
        .await;
    assert_eq!(status, 200);
    for (what, sql) in [
        (
            "comments",
            "SELECT COUNT(*) FROM fiche_comments WHERE author_id = $1",
        ),
        (
            "threads",
            "SELECT COUNT(*) FROM threads WHERE author_id = $1",
        ),
        (
            "replies",
            "SELECT COUNT(*) FROM thread_replies WHERE author_id = $1",
        ),
    ] {
        assert_eq!(
            count(&app, sql, author_id).await,
            0,
            "{what} should be gone"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM threads WHERE id = $1",
            other_thread
        )
        .await,
        1,
        "others' threads stay"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM fiches WHERE author_id = $1 AND published_revision_id IS NOT NULL", author_id).await, 1, "the published fiche stays");
    let page = other
        .get(app.url(&format!("/innovation/fiches/{fiche}")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains(FORMER_MEMBER) && !html.contains("Mon commentaire"));
}

#[tokio::test]
async fn a_wrong_password_changes_nothing_and_counts_toward_the_sign_in_limit() {
    let app = TestApp::spawn().await;
    let eve = app.sign_up("eve@example.org", PASSWORD).await;
    let limit = app.state.config.security.login_failures_per_account;
    for _ in 0..limit {
        let (status, error) = app
            .call_json::<String>(
                &eve,
                "accounts/request_erasure",
                &[("password", "not my password")],
            )
            .await;
        assert_eq!(
            (status, error.expect_err("wrong").field_key("password")),
            (422, Some("field-password-wrong"))
        );
    }
    let (status, error) = app
        .call_json::<String>(&eve, "accounts/request_erasure", &[("password", PASSWORD)])
        .await;
    assert_eq!(
        (status, error.expect_err("throttled")),
        (429, AppError::RateLimited)
    );
    let (status, _) = app
        .call_json::<serde_json::Value>(
            &app.client(),
            "accounts/sign_in",
            &[("email", "eve@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 429, "the same failures throttle sign-in");
    app.settle_jobs().await;
    assert!(app.outbox().is_empty(), "no link was mailed");
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&eve, "accounts/me", &[])
        .await;
    assert!(
        me.expect("me").is_some(),
        "still signed in, nothing changed"
    );
    assert_eq!(
        app.call_json::<String>(
            &app.client(),
            "accounts/request_erasure",
            &[("password", PASSWORD)]
        )
        .await
        .0,
        401
    );
}

#[tokio::test]
async fn the_link_expires() {
    let app = TestApp::spawn().await;
    let eve = app.sign_up("eve@example.org", PASSWORD).await;
    let token = ask(&app, &eve, "eve@example.org", false).await;
    let minutes = app.state.config.erasure.confirm_minutes;
    let later = app.state.clock.now_seconds() + minutes * 60 + 1;
    app.state
        .clock
        .set(jiff::Timestamp::from_second(later).expect("time"));
    for endpoint in ["accounts/erasure_link", "accounts/confirm_erasure"] {
        let (status, error) = app
            .call_json::<serde_json::Value>(&eve, endpoint, &[("token", &token)])
            .await;
        assert_eq!(
            (status, error.expect_err("expired")),
            (409, AppError::Conflict("error-erasure-link-invalid".into()))
        );
    }
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&eve, "accounts/me", &[])
        .await;
    assert!(me.expect("me").is_some(), "the account is still there");
}

#[tokio::test]
async fn the_last_site_admin_cannot_erase_itself() {
    let app = TestApp::spawn().await;
    let root = app.sign_up("root@example.org", PASSWORD).await;
    app.grant("root@example.org", Role::SiteAdmin, None).await;
    let root_id = account_id(&app, "root@example.org").await;
    let (status, error) = app
        .call_json::<String>(&root, "accounts/request_erasure", &[("password", PASSWORD)])
        .await;
    assert_eq!(
        (status, error.expect_err("last")),
        (
            409,
            AppError::Conflict("error-erasure-last-site-admin".into())
        )
    );
    assert!(matches!(
        erasure::erase_account(&app.state, root_id, ErasureReason::Inactive).await,
        Err(erasure::ErasureError::LastSiteAdmin)
    ));
    // With a second site admin, the first may go; the retention round's call works alike.
    app.sign_up("second@example.org", PASSWORD).await;
    app.grant("second@example.org", Role::SiteAdmin, None).await;
    let report = erasure::erase_account(&app.state, root_id, ErasureReason::Inactive)
        .await
        .expect("erased");
    assert!(report.role_grants >= 3, "{report:?}");
    assert!(report.sessions >= 1, "{report:?}");
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&root, "accounts/me", &[])
        .await;
    assert!(me.expect("me").is_none());
    assert!(matches!(
        erasure::erase_account(&app.state, root_id, ErasureReason::Inactive).await,
        Err(erasure::ErasureError::NotFound)
    ));
    app.settle_jobs().await;
    assert!(
        app.outbox().iter().all(|m| !m.contains("root@example.org")),
        "an erasure for inactivity sends no mail of its own"
    );
}
