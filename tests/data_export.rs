//! "My data" (GDPR right of access and portability): every column of the schema that points at
//! an account is exported or excluded with a reason (read from the engine's own catalogue, so
//! a new table holding an account's id fails here until it is placed in
//! `accounts::server::data_export::coverage`); a candidate's archive holds her account, CV,
//! applications, messages and the agents' notes, and nothing of anyone else; the link works
//! only for its signed-in owner and until it expires, and the expired archive is deleted.

mod common;

use common::TestApp;
use parvis::{
    accounts::{
        data_export::DataExportStatus,
        server::data_export::{
            coverage::{exported_files, Handling, COVERAGE},
            delete_expired_exports,
        },
        types::Role,
    },
    error::AppError,
};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

const PASSWORD: &str = "correct horse battery";

/// (table, column) of every column, and every single-column foreign key
/// (table, column) → (table, column), as the running database's catalogue says.
type Catalogue = (
    BTreeSet<(String, String)>,
    BTreeMap<(String, String), (String, String)>,
);

async fn catalogue(app: &TestApp) -> Catalogue {
    let pool = &app.state.db.pool;
    let (columns_sql, keys_sql) = if common::on_postgres() {
        (
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
            "SELECT kcu.table_name::text AS t, kcu.column_name::text AS c, ccu.table_name::text AS rt, ccu.column_name::text AS rc \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'",
        )
    } else {
        (
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            "SELECT m.name AS t, p.\"from\" AS c, p.\"table\" AS rt, p.\"to\" AS rc FROM sqlite_master m, pragma_foreign_key_list(m.name) p \
             WHERE m.type = 'table'",
        )
    };
    let columns = sqlx::query(columns_sql)
        .fetch_all(pool)
        .await
        .expect("columns")
        .iter()
        .map(|r| (r.get::<String, _>("t"), r.get::<String, _>("c")))
        .collect();
    let keys = sqlx::query(keys_sql)
        .fetch_all(pool)
        .await
        .expect("foreign keys")
        .iter()
        .map(|r| {
            (
                (r.get::<String, _>("t"), r.get::<String, _>("c")),
                (r.get::<String, _>("rt"), r.get::<String, _>("rc")),
            )
        })
        .collect();
    (columns, keys)
}

/// A column named as pointing at a person, foreign key or not.
fn named_for_a_person(column: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "user",
        "author",
        "actor",
        "editor",
        "owner",
        "sender",
        "recipient",
        "candidate",
        "member",
        "account",
    ];
    column == "email"
        || column.ends_with("_by")
        || column
            .strip_suffix("_id")
            .is_some_and(|who| PEOPLE.contains(&who))
}

/// Every column that points at an account: a foreign key to `users`, a foreign key to a column
/// that does (a member's fields point at the member's profile), or a person's name for it.
fn pointing_at_accounts((columns, keys): &Catalogue) -> BTreeSet<(String, String)> {
    let mut found: BTreeSet<(String, String)> = columns
        .iter()
        .filter(|(table, column)| table != "users" && named_for_a_person(column))
        .cloned()
        .collect();
    loop {
        let more: Vec<(String, String)> = keys
            .iter()
            .filter(|(from, to)| !found.contains(*from) && (to.0 == "users" || found.contains(*to)))
            .map(|(from, _)| from.clone())
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

#[tokio::test]
async fn every_column_pointing_at_an_account_is_exported_or_excluded_with_a_reason() {
    let app = TestApp::spawn().await;
    let catalogue = catalogue(&app).await;
    let pointing = pointing_at_accounts(&catalogue);
    // The catalogue was read, and each of the three ways of pointing is recognised.
    for known in [
        ("applications", "candidate_id"), // a foreign key to users
        ("member_fields", "user_id"),     // a foreign key to member_profiles.user_id
        ("login_failures", "email"),      // no foreign key: the address typed
        ("data_exports", "user_id"),
    ] {
        assert!(
            pointing.contains(&(known.0.to_string(), known.1.to_string())),
            "{known:?} not found among {pointing:?}"
        );
    }
    let listed: BTreeSet<(String, String)> = COVERAGE
        .iter()
        .map(|c| (c.table.to_string(), c.column.to_string()))
        .collect();
    let missing: Vec<String> = pointing
        .difference(&listed)
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "columns pointing at an account, neither exported nor excluded with a reason: add each \
         to accounts::server::data_export::coverage::COVERAGE (and its data to the archive)"
    );
    let stale: Vec<String> = listed
        .difference(&catalogue.0)
        .map(|(t, c)| format!("{t}.{c}"))
        .collect();
    assert_eq!(
        stale,
        Vec::<String>::new(),
        "listed columns the schema does not have"
    );
}

/// Ada and Bob, candidates with a CV each, applied to the offer of a DEVE agent, who wrote to
/// Ada and noted both applications.
async fn candidates() -> (TestApp, reqwest::Client, reqwest::Client, Vec<u8>, Vec<u8>) {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await
        .to_string();
    let ada = app
        .sign_up_named("ada@example.org", "Ada Lovelace", PASSWORD)
        .await;
    let bob = app
        .sign_up_named("bob@example.org", "Bob Marley", PASSWORD)
        .await;
    let ada_cv = b"%PDF-1.4\n% Ada's own CV\n".to_vec();
    let bob_cv = b"%PDF-1.4\n% Bob's own CV\n".to_vec();
    for (client, cv, letter, note) in [
        (&ada, &ada_cv, "Lettre d'Ada", "Très bon dossier d'Ada."),
        (&bob, &bob_cv, "Lettre de Bob", "Note sur Bob."),
    ] {
        assert!(app.upload_cv(client, cv.clone()).await.ends_with("cv=ok"));
        let id = app
            .call_json::<i64>(
                client,
                "stages/apply",
                &[("offer_id", &offer), ("cover_letter", letter)],
            )
            .await
            .1
            .expect("applied")
            .to_string();
        app.call_json::<()>(
            &agent,
            "stages/application_note",
            &[("id", &id), ("body", note)],
        )
        .await
        .1
        .expect("note");
        if letter.contains("Ada") {
            app.call_json::<()>(
                &agent,
                "stages/application_message",
                &[("id", &id), ("body", "Pouvez-vous venir mardi ?")],
            )
            .await
            .1
            .expect("message");
            app.call_json::<()>(
                client,
                "stages/application_message",
                &[("id", &id), ("body", "Oui, avec plaisir.")],
            )
            .await
            .1
            .expect("reply");
        }
    }
    (app, ada, bob, ada_cv, bob_cv)
}

async fn status(app: &TestApp, client: &reqwest::Client) -> DataExportStatus {
    app.call_json::<DataExportStatus>(client, "accounts/data_export", &[])
        .await
        .1
        .expect("status")
}

/// The link of the last "my data" mail to `email`.
async fn mailed_link(app: &TestApp, email: &str) -> String {
    let mail = app.mail_containing(&[email, "/compte/donnees/"]).await;
    let start = mail.rfind("/compte/donnees/").expect("link");
    let token: String = mail[start + "/compte/donnees/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{mail}");
    format!("/compte/donnees/{token}")
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_candidates_archive_holds_her_data_only_for_her_until_it_expires() {
    let (app, ada, bob, ada_cv, bob_cv) = candidates().await;
    assert_eq!(status(&app, &ada).await, DataExportStatus::None);
    assert_eq!(
        app.call_json::<()>(&app.client(), "accounts/request_data_export", &[])
            .await
            .0,
        401
    );
    // One request at a time: while one is being prepared (here a request whose job has not
    // run), another is refused.
    let ada_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'ada@example.org'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("ada");
    sqlx::query(
        "INSERT INTO data_exports (user_id, state, requested_at) VALUES ($1, 'preparing', $2)",
    )
    .bind(ada_id)
    .bind(parvis::server::db::now())
    .execute(&app.state.db.pool)
    .await
    .expect("a request being prepared");
    assert!(status(&app, &ada).await.preparing());
    let second = app
        .call_json::<()>(&ada, "accounts/request_data_export", &[])
        .await;
    assert_eq!(
        (second.0, second.1.expect_err("refused")),
        (
            409,
            AppError::Conflict("data-export-preparing-already".into())
        )
    );
    sqlx::query("DELETE FROM data_exports")
        .execute(&app.state.db.pool)
        .await
        .expect("cleared");
    app.call_json::<()>(&ada, "accounts/request_data_export", &[])
        .await
        .1
        .expect("asked");
    app.settle_jobs().await;
    let DataExportStatus::Ready { until, .. } = status(&app, &ada).await else {
        panic!("the archive is ready");
    };
    assert!(!until.text.is_empty());
    let link = mailed_link(&app, "ada@example.org").await;

    // The token alone is not enough: a visitor signs in first, another account learns nothing.
    let visitor = app.client().get(app.url(&link)).send().await.expect("get");
    assert_eq!(visitor.status(), 303);
    assert_eq!(
        location(&visitor),
        format!("/compte/connexion?suite={link}")
    );
    let refused = bob.get(app.url(&link)).send().await.expect("get");
    assert_eq!(
        (refused.status().as_u16(), location(&refused)),
        (303, "/compte?donnees=inconnu#mes-donnees".to_string())
    );
    let unknown = ada
        .get(app.url(&format!("/compte/donnees/{}", "0".repeat(64))))
        .send()
        .await
        .expect("get");
    assert_eq!(location(&unknown), "/compte?donnees=inconnu#mes-donnees");
    let page = ada
        .get(app.url("/compte?donnees=inconnu"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .expect("html")
        .contains("pas valable pour ce compte"));

    // The owner downloads it.
    let download = ada.get(app.url(&link)).send().await.expect("download");
    assert_eq!(download.status(), 200);
    let header = |name: &str| {
        download
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "application/zip");
    assert!(header("content-disposition").starts_with("attachment; filename=\"parvis-mes-donnees-"));
    assert_eq!(header("cache-control"), "private, no-store");
    let bytes = download.bytes().await.expect("bytes");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP");
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read");
        entries.insert(entry.name().to_string(), content);
    }
    let mut expected: Vec<&str> = exported_files();
    expected.extend(["README.txt", "files/cv.pdf"]);
    expected.sort_unstable();
    assert_eq!(
        entries.keys().map(String::as_str).collect::<Vec<_>>(),
        expected,
        "a file per exported kind, the README and the CV"
    );
    assert_eq!(entries["files/cv.pdf"], ada_cv, "the CV's own bytes");
    let json = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&entries[name]).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    assert_eq!(json("account.json")["account"]["email"], "ada@example.org");
    let applications = json("applications.json");
    let application = &applications[0];
    assert_eq!(applications.as_array().map(Vec::len), Some(1));
    assert_eq!(application["cover_letter"], "Lettre d'Ada");
    assert_eq!(application["offer_title"], "Stage jardins partagés");
    assert_eq!(
        application["agents_notes"][0]["body"],
        "Très bon dossier d'Ada."
    );
    let messages: Vec<&str> = application["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        messages,
        ["Pouvez-vous venir mardi ?", "Oui, avec plaisir."]
    );
    assert_eq!(application["history"][0]["to_state"], "received");
    assert!(
        application["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')),
        "instants as RFC 3339: {application}"
    );
    let readme = String::from_utf8_lossy(&entries["README.txt"]).to_string();
    assert!(readme.contains("applications.json") && readme.contains("notes privées des agents"));
    // Nothing of Bob's.
    for (name, content) in &entries {
        let text = String::from_utf8_lossy(content);
        for his in [
            "bob@example.org",
            "Bob Marley",
            "Lettre de Bob",
            "Note sur Bob",
        ] {
            assert!(!text.contains(his), "{his} in {name}");
        }
        assert!(
            !content
                .windows(bob_cv.len())
                .any(|w| w == bob_cv.as_slice()),
            "Bob's CV in {name}"
        );
    }

    // After its lifetime the link stops working, and the round deletes file and row.
    let days = i64::from(app.state.config.retention.data_exports_days);
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * days + 1))
        .expect("later");
    app.state.clock.set(later);
    let expired = ada.get(app.url(&link)).send().await.expect("get");
    assert_eq!(location(&expired), "/compte?donnees=expire#mes-donnees");
    assert!(matches!(
        status(&app, &ada).await,
        DataExportStatus::Expired { .. }
    ));
    let folder = app.dir.path().join("exports");
    assert_eq!(std::fs::read_dir(&folder).expect("folder").count(), 1);
    assert_eq!(
        delete_expired_exports(&app.state).await.expect("deleted"),
        1
    );
    assert_eq!(
        std::fs::read_dir(&folder).expect("folder").count(),
        0,
        "the archive file is deleted"
    );
    assert_eq!(status(&app, &ada).await, DataExportStatus::None);
    assert_eq!(
        location(&ada.get(app.url(&link)).send().await.expect("get")),
        "/compte?donnees=inconnu#mes-donnees"
    );
    // A new request may follow.
    app.call_json::<()>(&ada, "accounts/request_data_export", &[])
        .await
        .1
        .expect("asked again");
    // The handling list says why for each exclusion (a reason, not a placeholder).
    assert!(COVERAGE.iter().all(|c| match c.handling {
        Handling::Excluded(reason) => reason.len() > 20,
        Handling::Exported(files) => !files.is_empty(),
    }));
}
