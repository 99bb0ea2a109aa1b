//! Live events: a candidate hears of their own applications only, agents of those they
//! manage; on PostgreSQL also across two server processes.

mod common;

use common::TestApp;
use parvis::accounts::types::Role;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";

/// Reads server-sent events until one of kind "application" arrives; returns its data line.
async fn next_application_event(response: &mut reqwest::Response) -> Option<String> {
    let mut buffer = String::new();
    let read = async {
        while let Ok(Some(chunk)) = response.chunk().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                if block.contains("event: application") {
                    return block.lines().find_map(|l| l.strip_prefix("data: ").map(str::to_string));
                }
            }
        }
        None
    };
    tokio::time::timeout(Duration::from_secs(10), read).await.ok().flatten()
}

async fn offer_with_agent(app: &TestApp, base: &str) -> (i64, reqwest::Client) {
    let data = parvis::reference::server::store::load(&app.state.db).await.expect("reference");
    let deve = data.directions.iter().find(|d| d.code == "DEVE").expect("DEVE");
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(deve.services[0].id)).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let (service, metier) = (deve.services[0].id.to_string(), data.families[0].metiers[0].id.to_string());
    let fields = [
        ("offer[service_id]", service.as_str()),
        ("offer[metier_id]", metier.as_str()),
        ("offer[title]", "Stage en direct"),
        ("offer[description]", "Missions."),
        ("offer[profile]", ""),
        ("offer[education_level]", "bac"),
        ("offer[discipline]", "Tout"),
        ("offer[duration_weeks]", "4"),
        ("offer[start_month]", "2099-03"),
        ("offer[deadline]", "2099-01-31"),
        ("offer[places]", "1"),
        ("offer[address]", "1 rue X"),
        ("offer[arrondissement]", "4"),
        ("offer[remote_days]", "0"),
        ("offer[contact_name]", "A"),
        ("offer[contact_email]", "a@paris.fr"),
    ];
    let id = agent.post(format!("{base}/api/stages/save_offer")).form(&fields).send().await.expect("save").json::<i64>().await.expect("id");
    let published = agent.post(format!("{base}/api/stages/offer_state")).form(&[("id", id.to_string().as_str()), ("state", "published")]).send().await.expect("publish");
    assert_eq!(published.status(), 200);
    (id, agent)
}

#[tokio::test]
async fn each_subscriber_hears_only_what_they_may_see() {
    let app = TestApp::spawn().await;
    let (offer, agent) = offer_with_agent(&app, &app.base).await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let bob = app.sign_up("bob@example.org", PASSWORD).await;
    assert_eq!(app.client().get(app.url("/stages/evenements")).send().await.expect("get").status(), 401);

    let mut ada_events = ada.get(app.url("/stages/evenements")).send().await.expect("subscribe");
    let mut bob_events = bob.get(app.url("/stages/evenements")).send().await.expect("subscribe");
    let mut agent_events = agent.get(app.url("/stages/evenements")).send().await.expect("subscribe");
    assert_eq!(ada_events.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("text/event-stream"));

    let (_, ada_application) = app.call_json::<i64>(&ada, "stages/apply", &[("offer_id", &offer.to_string()), ("cover_letter", "Motivée.")]).await;
    let ada_application = ada_application.expect("applied");
    let seen = next_application_event(&mut agent_events).await.expect("the agent hears of the new application");
    assert!(seen.contains(&format!("\"application\":{ada_application}")) && seen.contains("received"), "{seen}");

    app.call_json::<()>(&agent, "stages/move_application", &[("id", &ada_application.to_string()), ("state", "interview")]).await.1.expect("moved");
    let first_for_ada = next_application_event(&mut ada_events).await.expect("ada hears of her application");
    assert!(first_for_ada.contains(&format!("\"application\":{ada_application}")) && first_for_ada.contains("received"), "{first_for_ada}");
    let second_for_ada = next_application_event(&mut ada_events).await.expect("ada hears of the move");
    assert!(second_for_ada.contains("interview"), "{second_for_ada}");

    // Bob heard nothing of Ada's application: the first event he gets is about his own.
    let (_, bob_application) = app.call_json::<i64>(&bob, "stages/apply", &[("offer_id", &offer.to_string()), ("cover_letter", "Motivé.")]).await;
    let bob_application = bob_application.expect("applied");
    let first_for_bob = next_application_event(&mut bob_events).await.expect("bob hears of his own");
    assert!(first_for_bob.contains(&format!("\"application\":{bob_application}")), "bob got {first_for_bob}");
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
    let ada_on_other = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let signed = ada_on_other.post(format!("{other_base}/api/accounts/sign_in")).form(&[("email", "ada@example.org"), ("password", PASSWORD)]).send().await.expect("sign in");
    assert_eq!(signed.status(), 200);
    let mut events = ada_on_other.get(format!("{other_base}/stages/evenements")).send().await.expect("subscribe");
    let (_, application) = app.call_json::<i64>(&ada, "stages/apply", &[("offer_id", &offer.to_string()), ("cover_letter", "Motivée.")]).await;
    let application = application.expect("applied");
    app.call_json::<()>(&agent, "stages/move_application", &[("id", &application.to_string()), ("state", "interview")]).await.1.expect("moved");
    let heard = next_application_event(&mut events).await.expect("the other process relays the application");
    assert!(heard.contains(&format!("\"application\":{application}")) && heard.contains("received"), "{heard}");
    let moved = next_application_event(&mut events).await.expect("the other process relays the move");
    assert!(moved.contains("interview"), "{moved}");
}
