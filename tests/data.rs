//! Migrations and reference data, on whichever backend the run uses.

mod common;

use common::TestApp;
use sqlx::Row;

#[tokio::test]
async fn migrations_apply_and_reference_data_is_loaded_once() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    assert_eq!(
        db.backend == parvis::server::db::Backend::Postgres,
        common::on_postgres()
    );
    let data = parvis::reference::server::store::load(db)
        .await
        .expect("reference");
    assert_eq!(data.directions.len(), 28);
    assert!(
        data.directions.iter().all(|d| !d.services.is_empty()),
        "every direction has services"
    );
    assert!(
        data.metier_count() >= 290,
        "{} métiers",
        data.metier_count()
    );
    assert!(data.families.len() >= 20);
    assert!(data.fields.len() >= 15);

    // Running migrations and the seed again changes nothing.
    db.migrate().await.expect("migrations are idempotent");
    parvis::reference::server::seed::ensure(db)
        .await
        .expect("seed again");
    let again = parvis::reference::server::store::load(db)
        .await
        .expect("reference");
    assert_eq!(again, data);
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users")
        .fetch_one(&db.pool)
        .await
        .expect("count")
        .try_get("n")
        .expect("n");
    assert_eq!(n, 0, "no demo accounts unless asked");
}

#[tokio::test]
async fn demo_data_loads_one_account_per_role_when_enabled() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let admin = app
        .sign_in("admin@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let (_, me) = app
        .call_json::<Option<parvis::accounts::types::CurrentUser>>(&admin, "accounts/me", &[])
        .await;
    assert!(me
        .expect("me")
        .expect("signed in")
        .has(parvis::accounts::types::Role::SiteAdmin));
    let agent = parvis::accounts::server::store::by_email(&app.state.db, "agent@parvis.localhost")
        .await
        .expect("q")
        .expect("agent");
    let roles = parvis::accounts::server::store::roles(&app.state.db, agent.id)
        .await
        .expect("roles");
    let host = roles
        .iter()
        .find(|g| g.role == parvis::accounts::types::Role::HostAgent)
        .expect("host agent");
    assert_eq!(
        host.direction.as_ref().map(|d| d.name.as_str()),
        Some("Direction des espaces verts et de l'environnement")
    );
}

#[tokio::test]
async fn a_site_admin_edits_reference_data_with_clear_refusals() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let admin = app
        .sign_in("admin@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let data = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    let deve = data
        .directions
        .iter()
        .find(|d| d.code == "DEVE")
        .expect("DEVE")
        .id
        .to_string();
    let (status, _) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[
                ("kind", "service"),
                ("parent_id", &deve),
                ("name", "Service des mares"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, result) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[
                ("kind", "service"),
                ("parent_id", &deve),
                ("name", "Service des mares"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("dup").field_key("name"),
        Some("field-taken")
    );
    let (status, result) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[("kind", "direction"), ("code", "A B"), ("name", "")],
        )
        .await;
    assert_eq!(status, 422);
    let error = result.expect_err("invalid");
    assert_eq!(error.field_key("code"), Some("field-code-invalid"));
    assert_eq!(error.field_key("name"), Some("field-required"));
    let after = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    assert_eq!(after.directions.len(), 28, "nothing half-saved");
    assert!(after
        .directions
        .iter()
        .any(|d| d.services.iter().any(|s| s.name == "Service des mares")));
}

#[tokio::test]
async fn demo_offers_cover_the_directions_in_every_state() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let rows = sqlx::query(
        "SELECT state, COUNT(*) AS n, COUNT(DISTINCT direction_id) AS d FROM offers GROUP BY state",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("count");
    let count = |state: &str| {
        rows.iter()
            .find(|r| r.try_get::<String, _>("state").ok().as_deref() == Some(state))
            .map(|r| r.try_get::<i64, _>("n").expect("n"))
            .unwrap_or(0)
    };
    let total: i64 = ["draft", "published", "filled", "closed"]
        .iter()
        .map(|s| count(s))
        .sum();
    assert!(total >= 200, "{total} demo offers");
    assert!(
        count("published") > total / 2
            && count("draft") > 0
            && count("filled") > 0
            && count("closed") > 0
    );
    let (_, page) = app
        .call_json::<parvis::stages::search::SearchResults>(&app.client(), "stages/search", &[])
        .await;
    let page = page.expect("page");
    assert_eq!(
        page.total,
        count("published"),
        "every published demo offer is open"
    );
    assert_eq!(page.offers.len(), 20);
}

#[tokio::test]
async fn demo_applications_cover_every_state_with_cvs_the_agent_can_read() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let states: Vec<String> = sqlx::query("SELECT DISTINCT state FROM applications")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("states")
        .into_iter()
        .map(|r| r.try_get("state").expect("state"))
        .collect();
    for state in [
        "received",
        "in_review",
        "interview",
        "accepted",
        "declined",
        "withdrawn",
        "expired",
    ] {
        assert!(
            states.iter().any(|s| s == state),
            "no demo application is {state}: {states:?}"
        );
    }
    let spontaneous: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM applications WHERE offer_id IS NULL")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("n")
            .try_get("n")
            .expect("n");
    assert!(spontaneous > 0, "the pool has demo applications");
    // The agent reads a candidate's CV, a real PDF.
    let agent = app
        .sign_in("agent@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let candidate: i64 = sqlx::query("SELECT user_id FROM candidate_profiles ORDER BY user_id")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("cv")
        .try_get("user_id")
        .expect("id");
    let cv = agent
        .get(app.url(&format!("/stages/cv/{candidate}")))
        .send()
        .await
        .expect("cv");
    assert_eq!(cv.status(), 200);
    assert!(cv.bytes().await.expect("bytes").starts_with(b"%PDF-"));
}

#[tokio::test]
async fn the_demo_innovation_catalogue_is_published_through_review() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let catalogue = app
        .call_json::<parvis::innovation::browse::BrowseResults>(
            &app.client(),
            "innovation/browse",
            &[],
        )
        .await
        .1
        .expect("catalogue");
    assert!(catalogue.total >= 30, "{} demo fiches", catalogue.total);
    assert!(
        catalogue.countries.len() >= 10,
        "cities from around the world: {:?}",
        catalogue.countries
    );
    let reviews: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM fiche_reviews WHERE action = 'publish'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("n")
            .try_get("n")
            .expect("n");
    assert_eq!(reviews, catalogue.total, "each went through an editor");
    let comments: i64 = sqlx::query("SELECT COUNT(*) AS n FROM fiche_comments")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("n")
        .try_get("n")
        .expect("n");
    assert!(comments > 0);
    let threads = app
        .call_json::<parvis::innovation::threads::ThreadList>(
            &app.client(),
            "innovation/threads",
            &[],
        )
        .await
        .1
        .expect("threads");
    assert!(
        threads.total >= 3 && threads.threads.iter().all(|t| t.replies > 0),
        "threads with replies: {:?}",
        threads.threads
    );
    let translated = catalogue
        .fiches
        .iter()
        .find(|f| f.language == "en" && f.title == "Large-scale public bike sharing")
        .expect("the demo translation");
    let page = app
        .call_json::<parvis::innovation::community::FichePageData>(
            &app.client(),
            "innovation/page",
            &[("id", &translated.id.to_string())],
        )
        .await
        .1
        .expect("page");
    assert_eq!(
        page.translations
            .iter()
            .map(|t| t.language.as_str())
            .collect::<Vec<_>>(),
        vec!["fr"]
    );
    assert!(
        !page.related.is_empty()
            && page
                .related
                .iter()
                .all(|r| r.fiche != page.translations[0].fiche),
        "related, its own original left out: {:?}",
        page.related
    );
}

/// A direction has two unique keys, its code and its name: a refusal names the field whose
/// key it hit, by constraint name on PostgreSQL and by the columns SQLite reports.
#[tokio::test]
async fn a_refused_direction_names_the_unique_key_it_hit() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let admin = app
        .sign_in("admin@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let (status, result) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[
                ("kind", "direction"),
                ("code", "DEVE"),
                ("name", "Direction des mares"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let error = result.expect_err("code taken");
    assert_eq!(
        (error.field_key("code"), error.field_key("name")),
        (Some("field-taken"), None)
    );
    let deve = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .directions
        .into_iter()
        .find(|d| d.code == "DEVE")
        .expect("DEVE");
    let (status, result) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[
                ("kind", "direction"),
                ("code", "MARES"),
                ("name", deve.name.as_str()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let error = result.expect_err("name taken");
    assert_eq!(
        (error.field_key("code"), error.field_key("name")),
        (None, Some("field-taken"))
    );
    let (status, _) = app
        .call_json::<i64>(
            &admin,
            "reference/save",
            &[
                ("kind", "direction"),
                ("code", "MARES"),
                ("name", "Direction des mares"),
            ],
        )
        .await;
    assert_eq!(status, 200, "neither key taken");
    let after = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    assert_eq!(after.directions.len(), 29, "only the last one saved");
}
