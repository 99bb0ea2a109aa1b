//! Following up: saved searches with mail alerts and feeds, messages between candidate and
//! agents, private notes, answer templates, and the agents a direction admin chooses for its
//! pool of spontaneous applications. Each refusal is tested with the one who must be refused.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    stages::{
        application::{ApplicationState, ReceivedApplication},
        follow_up::{ApplicationFile, DirectionTemplates, PoolDesk},
        saved_search::SavedSearch,
    },
};
use sqlx::Row;

const PASSWORD: &str = "correct horse battery";

/// A DEVE agent with a published offer, a DVD agent, a DEVE direction admin and two candidates.
async fn desk(adjust: impl FnOnce(&mut parvis::server::config::Config)) -> (TestApp, i64) {
    let app = TestApp::spawn_with(adjust).await;
    let (deve, deve_service) = app.direction("DEVE").await;
    let (_, dvd_service) = app.direction("DVD").await;
    for (email, role, scope) in [
        ("agent@example.org", Role::HostAgent, deve_service),
        ("other.agent@example.org", Role::HostAgent, dvd_service),
        ("admin@example.org", Role::DirectionAdmin, deve),
    ] {
        app.sign_up(email, PASSWORD).await;
        app.grant(email, role, Some(scope)).await;
    }
    app.sign_up("ada@example.org", PASSWORD).await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let offer = app
        .publish_offer(&agent, deve_service, "Stage jardins partagés")
        .await;
    (app, offer)
}

#[tokio::test]
async fn a_saved_search_mails_new_matching_offers_once_and_has_its_feed() {
    let (app, _) = desk(|c| c.alerts.every_seconds = 1).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let (_, service) = app.direction("DEVE").await;

    assert_eq!(
        app.call_json::<()>(
            &app.client(),
            "stages/save_search",
            &[("query[q]", "jardin")]
        )
        .await
        .0,
        401
    );
    let (status, _) = app
        .call_json::<()>(
            &ada,
            "stages/save_search",
            &[("query[q]", "jardin"), ("query[tri]", "recent")],
        )
        .await;
    assert_eq!(status, 200);
    // Saving it again keeps one.
    app.call_json::<()>(&ada, "stages/save_search", &[("query[q]", "jardin")])
        .await
        .1
        .expect("saved again");
    let (_, saved) = app
        .call_json::<Vec<SavedSearch>>(&ada, "stages/saved_searches", &[])
        .await;
    let saved = saved.expect("list");
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].query.q.as_deref(), saved[0].query.tri.as_deref()),
        (Some("jardin"), None),
        "criteria only, not the order"
    );

    // The offer published before the search was saved is not news; these are.
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    app.publish_offer(&agent, service, "Jardins suspendus")
        .await;
    app.publish_offer(&agent, service, "Voirie et trottoirs")
        .await;
    let mail = app
        .mail_containing(&["ada@example.org", "Jardins suspendus"])
        .await;
    assert!(
        !mail.contains("Voirie") && !mail.contains("Stage jardins partag"),
        "only new matching offers: {mail}"
    );
    // The next rounds do not repeat it.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(
        app.outbox()
            .iter()
            .filter(|m| m.contains("Jardins suspendus") && m.contains("ada@example.org"))
            .count(),
        1
    );

    // The search's own feed.
    let xml = app
        .client()
        .get(app.url("/stages/flux.atom?q=jardins"))
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("xml");
    assert!(
        xml.contains("Jardins suspendus")
            && xml.contains("Stage jardins partag")
            && !xml.contains("Voirie"),
        "{xml}"
    );
    assert!(
        xml.contains("/stages/flux.atom?q=jardins"),
        "the feed names itself"
    );

    // Only its owner deletes it.
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let id = saved[0].id.to_string();
    assert_eq!(
        app.call_json::<()>(&bob, "stages/delete_saved_search", &[("id", &id)])
            .await
            .0,
        404
    );
    assert_eq!(
        app.call_json::<()>(&ada, "stages/delete_saved_search", &[("id", &id)])
            .await
            .0,
        200
    );
    assert!(app
        .call_json::<Vec<SavedSearch>>(&ada, "stages/saved_searches", &[])
        .await
        .1
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn candidate_and_agents_exchange_messages_and_notes_stay_private() {
    let (app, offer) = desk(|_| {}).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;
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
    let id = application.expect("applied").to_string();

    // Nobody outside the application reads or writes in it; they learn nothing of it.
    for stranger in [&bob, &other] {
        assert_eq!(
            app.call_json::<ApplicationFile>(stranger, "stages/application_file", &[("id", &id)])
                .await
                .0,
            404
        );
        assert_eq!(
            app.call_json::<()>(
                stranger,
                "stages/application_message",
                &[("id", &id), ("body", "Bonjour")]
            )
            .await
            .0,
            404
        );
    }
    assert_eq!(
        app.call_json::<()>(
            &app.client(),
            "stages/application_message",
            &[("id", &id), ("body", "Bonjour")]
        )
        .await
        .0,
        401
    );
    let (status, error) = app
        .call_json::<()>(
            &agent,
            "stages/application_message",
            &[("id", &id), ("body", "  ")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("empty").field_key("body")),
        (422, Some("field-required"))
    );

    app.call_json::<()>(
        &agent,
        "stages/application_message",
        &[("id", &id), ("body", "Pouvez-vous venir mardi ?")],
    )
    .await
    .1
    .expect("sent");
    app.mail_containing(&["ada@example.org", &format!("/stages/candidatures/{id}")])
        .await;
    app.call_json::<()>(
        &ada,
        "stages/application_message",
        &[("id", &id), ("body", "Oui, avec plaisir.")],
    )
    .await
    .1
    .expect("reply");
    app.mail_containing(&["agathe@paris.fr", "Nouveau message"])
        .await;
    app.call_json::<()>(
        &agent,
        "stages/application_note",
        &[("id", &id), ("body", "Très bon dossier.")],
    )
    .await
    .1
    .expect("note");
    assert_eq!(
        app.call_json::<()>(
            &ada,
            "stages/application_note",
            &[("id", &id), ("body", "Je me note.")]
        )
        .await
        .0,
        404
    );

    let seen_by_ada = app
        .call_json::<ApplicationFile>(&ada, "stages/application_file", &[("id", &id)])
        .await
        .1
        .expect("file");
    assert!(
        seen_by_ada.mine && seen_by_ada.staff.is_none(),
        "the candidate gets no agent side"
    );
    assert_eq!(
        seen_by_ada
            .messages
            .iter()
            .map(|m| (m.from_candidate, m.body.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (false, "Pouvez-vous venir mardi ?"),
            (true, "Oui, avec plaisir.")
        ]
    );
    let raw = ada
        .post(app.url("/api/stages/application_file"))
        .form(&[("id", id.as_str())])
        .send()
        .await
        .expect("file")
        .text()
        .await
        .expect("body");
    assert!(
        !raw.contains("Très bon dossier"),
        "notes never reach the candidate"
    );

    let seen_by_agent = app
        .call_json::<ApplicationFile>(&agent, "stages/application_file", &[("id", &id)])
        .await
        .1
        .expect("file");
    let staff = seen_by_agent.staff.expect("agent side");
    assert_eq!(
        (staff.notes.len(), staff.candidate_email.as_str()),
        (1, "ada@example.org")
    );
    assert_eq!(seen_by_agent.history.len(), 1);
    // The agent's first message is the first answer (the dashboard measures from it).
    let first: Option<i64> = sqlx::query("SELECT first_answer_at FROM applications WHERE id = $1")
        .bind(id.parse::<i64>().expect("id"))
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row")
        .try_get("first_answer_at")
        .expect("column");
    assert!(first.is_some());
}

#[tokio::test]
async fn decisions_carry_the_directions_answer_and_only_its_admins_edit_it() {
    let (app, offer) = desk(|_| {}).await;
    let (deve, _) = app.direction("DEVE").await;
    let (dvd, _) = app.direction("DVD").await;
    let (ada, bob) = (
        app.sign_in("ada@example.org", PASSWORD).await,
        app.sign_in("bob@example.org", PASSWORD).await,
    );
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;

    let templates = app
        .call_json::<Vec<DirectionTemplates>>(&admin, "stages/answer_templates", &[])
        .await
        .1
        .expect("templates");
    assert_eq!(
        templates.iter().map(|t| t.direction.id).collect::<Vec<_>>(),
        vec![deve],
        "an admin sees their direction only"
    );
    assert!(
        !templates[0].declined.is_empty(),
        "a default answer is offered"
    );
    assert_eq!(
        app.call_json::<Vec<DirectionTemplates>>(&agent, "stages/answer_templates", &[])
            .await
            .0,
        403
    );
    let body = "Merci. Nous avons retenu un autre profil pour ce stage. DEVE-42";
    assert_eq!(
        app.call_json::<()>(
            &admin,
            "stages/save_answer_template",
            &[
                ("direction_id", &dvd.to_string()),
                ("state", "declined"),
                ("body", body)
            ]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.call_json::<()>(
            &admin,
            "stages/save_answer_template",
            &[
                ("direction_id", &deve.to_string()),
                ("state", "interview"),
                ("body", body)
            ]
        )
        .await
        .0,
        422
    );
    app.call_json::<()>(
        &admin,
        "stages/save_answer_template",
        &[
            ("direction_id", &deve.to_string()),
            ("state", "declined"),
            ("body", body),
        ],
    )
    .await
    .1
    .expect("saved");

    let apply = |who: &reqwest::Client| {
        let who = who.clone();
        let app = &app;
        async move {
            app.call_json::<i64>(
                &who,
                "stages/apply",
                &[
                    ("offer_id", &offer.to_string()),
                    ("cover_letter", "Motivé·e."),
                ],
            )
            .await
            .1
            .expect("applied")
            .to_string()
        }
    };
    let (ada_application, bob_application) = (apply(&ada).await, apply(&bob).await);

    // Declined with no message: the direction's template goes.
    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[("id", &ada_application), ("state", "declined")],
    )
    .await
    .1
    .expect("declined");
    let file = app
        .call_json::<ApplicationFile>(&ada, "stages/application_file", &[("id", &ada_application)])
        .await
        .1
        .expect("file");
    assert_eq!(
        (file.state, file.messages.last().map(|m| m.body.as_str())),
        (ApplicationState::Declined, Some(body))
    );
    app.mail_containing(&["ada@example.org", "DEVE-42"]).await;

    // Accepted with the agent's own words; a too-long answer is refused and changes nothing.
    let long = "x".repeat(6_000);
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "stages/move_application",
            &[
                ("id", &bob_application),
                ("state", "accepted"),
                ("message", &long),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let file = app
        .call_json::<ApplicationFile>(&bob, "stages/application_file", &[("id", &bob_application)])
        .await
        .1
        .expect("file");
    assert_eq!(
        (file.state, file.messages.len()),
        (ApplicationState::Received, 0),
        "nothing half-saved"
    );
    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[
            ("id", &bob_application),
            ("state", "accepted"),
            ("message", "Bienvenue lundi 9 h !"),
        ],
    )
    .await
    .1
    .expect("accepted");
    app.mail_containing(&["bob@example.org", "Bienvenue lundi 9 h"])
        .await;
}

#[tokio::test]
async fn a_direction_admin_chooses_the_agents_of_its_pool() {
    let (app, _) = desk(|_| {}).await;
    let (deve, _) = app.direction("DEVE").await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let (status, _) = app
        .call_json::<usize>(
            &ada,
            "stages/apply_spontaneously",
            &[
                ("directions[0]", &deve.to_string()),
                ("cover_letter", "Je me propose."),
            ],
        )
        .await;
    assert_eq!(status, 200);

    // The service's agent does not see the pool until the admin chooses them.
    assert_eq!(
        app.call_json::<Vec<ReceivedApplication>>(&agent, "stages/pool", &[])
            .await
            .0,
        403
    );
    let desks = app
        .call_json::<Vec<PoolDesk>>(&admin, "stages/pool_handlers", &[])
        .await
        .1
        .expect("desks");
    let agent_id = desks[0]
        .candidates
        .iter()
        .find(|a| a.name == "Test User")
        .expect("the DEVE agent may be chosen")
        .id;
    let other_id =
        parvis::accounts::server::store::by_email(&app.state.db, "other.agent@example.org")
            .await
            .expect("query")
            .expect("account")
            .id;
    let (status, error) = app
        .call_json::<()>(
            &admin,
            "stages/add_pool_handler",
            &[
                ("direction_id", &deve.to_string()),
                ("user_id", &other_id.to_string()),
            ],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("not DEVE").field_key("user_id")),
        (422, Some("error-not-direction-agent"))
    );
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/add_pool_handler",
            &[
                ("direction_id", &deve.to_string()),
                ("user_id", &agent_id.to_string())
            ]
        )
        .await
        .0,
        403
    );
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
    .expect("added");

    let pool = app
        .call_json::<Vec<ReceivedApplication>>(&agent, "stages/pool", &[])
        .await
        .1
        .expect("pool");
    assert_eq!(pool.len(), 1);
    let id = pool[0].id.to_string();
    app.call_json::<()>(
        &agent,
        "stages/move_application",
        &[("id", &id), ("state", "in_review")],
    )
    .await
    .1
    .expect("the handler moves it");

    app.call_json::<()>(
        &admin,
        "stages/remove_pool_handler",
        &[
            ("direction_id", &deve.to_string()),
            ("user_id", &agent_id.to_string()),
        ],
    )
    .await
    .1
    .expect("removed");
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &id), ("state", "interview")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        app.call_json::<ApplicationFile>(&agent, "stages/application_file", &[("id", &id)])
            .await
            .0,
        404
    );
    let _ = AppError::NotFound;
}
