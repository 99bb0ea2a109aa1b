//! Live events: a candidate hears of their own applications only, agents of those they
//! manage; on PostgreSQL also across two server processes.

mod common;

use common::TestApp;
use parvis::accounts::types::Role;
use sqlx::Row;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";

/// Reads server-sent events until one of kind "application" arrives; returns its data line.
async fn next_application_event(response: &mut reqwest::Response) -> Option<String> {
    application_event_within(response, Duration::from_secs(10)).await
}

/// The data line of the next "application" event arriving within `wait`, if any.
async fn application_event_within(
    response: &mut reqwest::Response,
    wait: Duration,
) -> Option<String> {
    common::sse::event_within(response, "application", wait).await
}

/// True when the server ends the stream within `wait` (whatever it sent before).
async fn stream_ends_within(response: &mut reqwest::Response, wait: Duration) -> bool {
    let drain = async { while let Ok(Some(_)) = response.chunk().await {} };
    tokio::time::timeout(wait, drain).await.is_ok()
}

async fn offer_with_agent(app: &TestApp, base: &str) -> (i64, reqwest::Client) {
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    (
        app.publish_offer_on(base, &agent, service, "Stage en direct")
            .await,
        agent,
    )
}

#[tokio::test]
async fn each_subscriber_hears_only_what_they_may_see() {
    let app = TestApp::spawn().await;
    let (offer, agent) = offer_with_agent(&app, &app.base).await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let bob = app.sign_up("bob@example.org", PASSWORD).await;
    assert_eq!(
        app.client()
            .get(app.url("/stages/evenements"))
            .send()
            .await
            .expect("get")
            .status(),
        401
    );

    let mut ada_events = ada
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    let mut bob_events = bob
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    let mut agent_events = agent
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    assert_eq!(
        ada_events
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/event-stream")
    );

    let (_, ada_application) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Motivée."),
            ],
        )
        .await;
    let ada_application = ada_application.expect("applied");
    let seen = next_application_event(&mut agent_events)
        .await
        .expect("the agent hears of the new application");
    assert!(
        seen.contains(&format!("\"application\":{ada_application}")) && seen.contains("received"),
        "{seen}"
    );

    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[("id", &ada_application.to_string()), ("state", "interview")],
    )
    .await
    .1
    .expect("moved");
    let first_for_ada = next_application_event(&mut ada_events)
        .await
        .expect("ada hears of her application");
    assert!(
        first_for_ada.contains(&format!("\"application\":{ada_application}"))
            && first_for_ada.contains("received"),
        "{first_for_ada}"
    );
    let second_for_ada = next_application_event(&mut ada_events)
        .await
        .expect("ada hears of the move");
    assert!(second_for_ada.contains("interview"), "{second_for_ada}");

    // Bob heard nothing of Ada's application: the first event he gets is about his own.
    let (_, bob_application) = app
        .call_json::<i64>(
            &bob,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Motivé."),
            ],
        )
        .await;
    let bob_application = bob_application.expect("applied");
    let first_for_bob = next_application_event(&mut bob_events)
        .await
        .expect("bob hears of his own");
    assert!(
        first_for_bob.contains(&format!("\"application\":{bob_application}")),
        "bob got {first_for_bob}"
    );
}

#[tokio::test]
async fn on_postgresql_events_cross_server_processes() {
    if !common::on_postgres() {
        eprintln!("SKIPPED on SQLite: one embedded database is served by one process");
        return;
    }
    let app = TestApp::spawn().await;
    let (other_base, _other_state) = app.spawn_beside().await;
    let (offer, agent) = offer_with_agent(&app, &app.base).await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    // Ada listens on the second process; the agent acts on the first.
    let ada_on_other = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let signed = ada_on_other
        .post(format!("{other_base}/api/accounts/sign_in"))
        .form(&[("email", "ada@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert_eq!(signed.status(), 200);
    let mut events = ada_on_other
        .get(format!("{other_base}/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    let (_, application) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Motivée."),
            ],
        )
        .await;
    let application = application.expect("applied");
    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[("id", &application.to_string()), ("state", "interview")],
    )
    .await
    .1
    .expect("moved");
    let heard = next_application_event(&mut events)
        .await
        .expect("the other process relays the application");
    assert!(
        heard.contains(&format!("\"application\":{application}")) && heard.contains("received"),
        "{heard}"
    );
    let moved = next_application_event(&mut events)
        .await
        .expect("the other process relays the move");
    assert!(moved.contains("interview"), "{moved}");
}

#[tokio::test]
async fn on_postgresql_the_search_index_follows_offers_published_on_another_process() {
    if !common::on_postgres() {
        eprintln!("SKIPPED on SQLite: one embedded database is served by one process");
        return;
    }
    let app = TestApp::spawn().await;
    let (other_base, other_state) = app.spawn_beside().await;
    let (offer, _) = offer_with_agent(&app, &app.base).await;
    let query = parvis::stages::search::SearchQuery {
        q: Some("direct".into()),
        ..Default::default()
    };
    let today = other_state.clock.today_iso();
    let mut found = Vec::new();
    for _ in 0..100 {
        found = parvis::stages::server::offer_index::OfferIndex::of(&other_state)
            .expect("registered")
            .search(&query, &today, 20)
            .ids;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        found,
        vec![offer],
        "the other process's index has the new offer"
    );
    // And through its HTTP search, as a visitor sees it.
    let answer = reqwest::Client::new()
        .post(format!("{other_base}/api/stages/search"))
        .form(&[("query[q]", "direct")])
        .send()
        .await
        .expect("search");
    let results: parvis::stages::search::SearchResults = answer.json().await.expect("results");
    assert_eq!(
        results.offers.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![offer]
    );
}

/// A role revoked by an admin (through the admin server function) stops the events it
/// showed on a connection already open, without the browser reconnecting; on PostgreSQL the
/// connection is held by another server process than the one that revoked.
#[tokio::test]
async fn a_revoked_role_stops_its_events_on_an_open_connection() {
    let app = TestApp::spawn().await;
    let listening_base = if common::on_postgres() {
        app.spawn_beside().await.0
    } else {
        app.base.clone()
    };
    let (offer, agent) = offer_with_agent(&app, &app.base).await;
    app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::SiteAdmin, None).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let bob = app.sign_up("bob@example.org", PASSWORD).await;
    let mut agent_events = agent
        .get(format!("{listening_base}/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    assert_eq!(agent_events.status(), 200);

    app.call_json::<i64>(
        &ada,
        "stages/apply",
        &[
            ("offer_id", &offer.to_string()),
            ("cover_letter", "Motivée."),
        ],
    )
    .await
    .1
    .expect("applied");
    next_application_event(&mut agent_events)
        .await
        .expect("the agent hears of Ada's application while she is an agent");

    let agent_id = parvis::accounts::server::store::by_email(&app.state.db, "agent@example.org")
        .await
        .expect("query")
        .expect("agent")
        .id;
    let grants = parvis::accounts::server::store::roles(&app.state.db, agent_id)
        .await
        .expect("grants");
    let grant = grants
        .iter()
        .find(|g| g.role == Role::HostAgent)
        .expect("host agent grant")
        .id;
    app.call_json::<()>(
        &admin,
        "admin/revoke",
        &[
            ("user_id", &agent_id.to_string()),
            ("grant_id", &grant.to_string()),
        ],
    )
    .await
    .1
    .expect("revoked");

    app.call_json::<i64>(
        &bob,
        "stages/apply",
        &[
            ("offer_id", &offer.to_string()),
            ("cover_letter", "Motivé."),
        ],
    )
    .await
    .1
    .expect("applied");
    let heard = application_event_within(&mut agent_events, Duration::from_secs(4)).await;
    assert_eq!(
        heard, None,
        "a former agent still hears of applications to the service"
    );
}

/// A session ended elsewhere (its record deleted: signed out in another tab, removed by an
/// operator) ends the stream within seconds, though nothing was published.
#[tokio::test]
async fn a_removed_session_ends_its_stream_within_seconds() {
    let app = TestApp::spawn().await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    // Ada's is the only session so far.
    let ada_session: String = sqlx::query("SELECT id FROM sessions")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("one session")
        .try_get("id")
        .expect("id");
    let bob = app.sign_up("bob@example.org", PASSWORD).await;
    let mut ada_events = ada
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    let mut bob_events = bob
        .get(app.url("/stages/evenements"))
        .send()
        .await
        .expect("subscribe");
    assert_eq!(ada_events.status(), 200);
    assert!(
        !stream_ends_within(&mut ada_events, Duration::from_secs(1)).await,
        "the stream stays open while the session lives"
    );

    let deleted = sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(&ada_session)
        .execute(&app.state.db.pool)
        .await
        .expect("delete");
    assert_eq!(deleted.rows_affected(), 1, "Ada's one session removed");
    let started = std::time::Instant::now();
    assert!(
        stream_ends_within(&mut ada_events, Duration::from_secs(10)).await,
        "the stream of an ended session goes on"
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "ended after {:?}",
        started.elapsed()
    );
    assert!(
        !stream_ends_within(&mut bob_events, Duration::from_millis(500)).await,
        "Bob's session lives on, and so does his stream"
    );
}

#[tokio::test]
async fn on_postgresql_the_catalogue_index_follows_fiches_published_on_another_process() {
    if !common::on_postgres() {
        eprintln!("SKIPPED on SQLite: one embedded database is served by one process");
        return;
    }
    let (app, field) = common::fiches::newsroom().await;
    let (_, other_state) = app.spawn_beside().await;
    let query = parvis::innovation::browse::BrowseQuery {
        q: Some("participatif".into()),
        ..Default::default()
    };
    let index =
        parvis::innovation::server::fiche_index::FicheIndex::of(&other_state).expect("registered");
    assert_eq!(index.browse(&query, 20).total, 0, "nothing published yet");
    let fiche = common::fiches::published_fiche(&app, field).await;
    let mut found = Vec::new();
    for _ in 0..100 {
        found = index.browse(&query, 20).ids;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        found,
        vec![fiche],
        "the other process's index has the new fiche"
    );
}
