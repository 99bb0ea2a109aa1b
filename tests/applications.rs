//! Applications and CVs: candidates apply and follow; agents of the offer, and only they, see
//! and move them.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    stages::application::{ApplicationState, CandidateDesk, ReceivedApplication},
};
use sqlx::Row;

const PASSWORD: &str = "correct horse battery";

/// An app with a published DEVE offer, its agent, another direction's agent and two candidates.
async fn with_offer(cv_max_bytes: usize) -> (TestApp, i64) {
    let app = TestApp::spawn_with(|c| c.limits.cv_max_bytes = cv_max_bytes).await;
    let data = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    let deve = data
        .directions
        .iter()
        .find(|d| d.code == "DEVE")
        .expect("DEVE");
    let dvd = data
        .directions
        .iter()
        .find(|d| d.code == "DVD")
        .expect("DVD");
    for (email, service) in [
        ("agent@example.org", deve.services[0].id),
        ("other.agent@example.org", dvd.services[0].id),
    ] {
        app.sign_up(email, PASSWORD).await;
        app.grant(email, Role::HostAgent, Some(service)).await;
    }
    app.sign_up("ada@example.org", PASSWORD).await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let id = app
        .publish_offer(&agent, deve.services[0].id, "Stage jardins partagés")
        .await;
    (app, id)
}

#[tokio::test]
async fn a_candidate_applies_once_and_follows_the_pipeline() {
    let (app, offer) = with_offer(1_000_000).await;
    let offer_id = offer.to_string();
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;

    let (status, error) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[("offer_id", &offer_id), ("cover_letter", "   ")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("empty").field_key("cover_letter")),
        (422, Some("field-required"))
    );
    let (status, application) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer_id),
                ("cover_letter", "Je suis motivée."),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let application = application.expect("applied").to_string();
    let (status, error) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[("offer_id", &offer_id), ("cover_letter", "Encore.")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("twice")),
        (409, AppError::Conflict("error-already-applied".into()))
    );
    let (status, _) = app
        .call_json::<i64>(
            &app.client(),
            "stages/apply",
            &[("offer_id", &offer_id), ("cover_letter", "x")],
        )
        .await;
    assert_eq!(status, 401);

    let (status, received) = app
        .call_json::<Vec<ReceivedApplication>>(
            &agent,
            "stages/offer_applications",
            &[("offer_id", &offer_id)],
        )
        .await;
    assert_eq!(status, 200);
    let received = received.expect("list");
    assert_eq!(
        (
            received.len(),
            received[0].candidate_email.as_str(),
            received[0].state
        ),
        (1, "ada@example.org", ApplicationState::Received)
    );
    assert_eq!(
        app.call_json::<Vec<ReceivedApplication>>(
            &other,
            "stages/offer_applications",
            &[("offer_id", &offer_id)]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.call_json::<Vec<ReceivedApplication>>(
            &ada,
            "stages/offer_applications",
            &[("offer_id", &offer_id)]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.call_json::<()>(
            &other,
            "stages/move_application",
            &[("id", &application), ("state", "interview")]
        )
        .await
        .0,
        404,
        "not theirs: as if it did not exist"
    );

    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &application), ("state", "interview")]
        )
        .await
        .0,
        200
    );
    let (_, desk) = app
        .call_json::<CandidateDesk>(&ada, "stages/my_applications", &[])
        .await;
    assert_eq!(
        desk.expect("desk").applications[0].state,
        ApplicationState::Interview
    );
    let row = sqlx::query("SELECT first_answer_at, (SELECT COUNT(*) FROM application_events e WHERE e.application_id = a.id) AS events FROM applications a")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    assert!(
        row.try_get::<Option<i64>, _>("first_answer_at")
            .expect("col")
            .is_some(),
        "the first agent move is the first answer"
    );
    assert_eq!(
        row.try_get::<i64, _>("events").expect("events"),
        2,
        "every change is recorded with who made it"
    );

    let (status, error) = app
        .call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &application), ("state", "received")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("back")),
        (409, AppError::Conflict("error-application-move".into()))
    );
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    assert_eq!(
        app.call_json::<()>(&bob, "stages/withdraw", &[("id", &application)])
            .await
            .0,
        404,
        "not bob's"
    );
    assert_eq!(
        app.call_json::<()>(&ada, "stages/withdraw", &[("id", &application)])
            .await
            .0,
        200
    );
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &application), ("state", "accepted")]
        )
        .await
        .0,
        409,
        "withdrawn is final"
    );
}

#[tokio::test]
async fn a_closed_offer_takes_no_application() {
    let (app, offer) = with_offer(1_000_000).await;
    sqlx::query("UPDATE offers SET deadline = '2000-01-01' WHERE id = $1")
        .bind(offer)
        .execute(&app.state.db.pool)
        .await
        .expect("update");
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let (status, error) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Motivée."),
            ],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("closed")),
        (409, AppError::Conflict("error-offer-closed".into()))
    );
}

#[tokio::test]
async fn cvs_are_checked_by_content_and_shown_only_to_the_right_people() {
    let (app, offer) = with_offer(2_000).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    assert!(app
        .upload_cv(&ada, b"MZ\x90\x00 not a pdf at all".to_vec())
        .await
        .ends_with("cv=field-cv-not-pdf"));
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(5_000, b' ');
    assert!(app
        .upload_cv(&ada, big)
        .await
        .ends_with("cv=field-cv-too-big"));
    assert!(app
        .upload_cv(&ada, b"%PDF-1.7\n%%EOF\n".to_vec())
        .await
        .ends_with("cv=ok"));
    let ada_id = parvis::accounts::server::store::by_email(&app.state.db, "ada@example.org")
        .await
        .expect("q")
        .expect("ada")
        .id;
    let stored: Vec<_> = std::fs::read_dir(app.dir.path().join("cv"))
        .expect("cv folder")
        .collect();
    assert_eq!(stored.len(), 1, "one file, outside the public folder");

    let cv_url = app.url(&format!("/stages/cv/{ada_id}"));
    let own = ada.get(&cv_url).send().await.expect("get");
    assert_eq!(own.status(), 200);
    assert_eq!(
        own.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert_eq!(
        app.client()
            .get(&cv_url)
            .send()
            .await
            .expect("get")
            .status(),
        401
    );
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    assert_eq!(
        agent.get(&cv_url).send().await.expect("get").status(),
        404,
        "no application yet"
    );
    assert_eq!(bob.get(&cv_url).send().await.expect("get").status(), 404);

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
    assert_eq!(
        agent.get(&cv_url).send().await.expect("get").status(),
        200,
        "the agent of the offer she applied to"
    );
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;
    assert_eq!(
        other.get(&cv_url).send().await.expect("get").status(),
        404,
        "another direction's agent"
    );
}

#[tokio::test]
async fn notices_go_to_the_contact_and_to_the_candidate_in_their_language() {
    let (app, offer) = with_offer(1_000_000).await;
    // Eve reads the site in English: her mails are in English.
    let eve = app.client();
    eve.post(app.url("/langue"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("switch");
    let response = app
        .call(
            &eve,
            "accounts/sign_up",
            &[
                ("email", "eve@example.org"),
                ("display_name", "Eve"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;

    let ada_application = app
        .call_json::<i64>(
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
    let eve_application = app
        .call_json::<i64>(
            &eve,
            "stages/apply",
            &[("offer_id", &offer.to_string()), ("cover_letter", "Keen.")],
        )
        .await
        .1
        .expect("applied");
    app.mail_containing(&["To: agathe@paris.fr", "Nouvelle candidature"])
        .await;

    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &ada_application.to_string()), ("state", "interview")]
        )
        .await
        .0,
        200
    );
    app.mail_containing(&["To: ada@example.org", "Entretien"])
        .await;

    // Filling the offer expires Eve's pending application; she is told, in English.
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &offer.to_string()), ("state", "filled")]
        )
        .await
        .0,
        200
    );
    app.mail_containing(&["To: eve@example.org", "Your application", "Expired"])
        .await;
    let state: String = sqlx::query("SELECT state FROM applications WHERE id = $1")
        .bind(eve_application)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row")
        .try_get("state")
        .expect("state");
    assert_eq!(state, "expired");
}

#[tokio::test]
async fn spontaneous_applications_land_in_each_directions_pool() {
    let (app, _) = with_offer(1_000_000).await;
    let data = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    let id_of = |code: &str| {
        data.directions
            .iter()
            .find(|d| d.code == code)
            .expect("direction")
            .id
    };
    let (deve, dvd, dac) = (
        id_of("DEVE").to_string(),
        id_of("DVD").to_string(),
        id_of("DAC").to_string(),
    );
    app.sign_up("chief@example.org", PASSWORD).await;
    app.grant(
        "chief@example.org",
        Role::DirectionAdmin,
        Some(id_of("DEVE")),
    )
    .await;
    let chief = app.sign_in("chief@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;

    let (status, error) = app
        .call_json::<usize>(
            &ada,
            "stages/apply_spontaneously",
            &[("cover_letter", "Bonjour.")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("none").field_key("directions")),
        (422, Some("field-directions-count"))
    );
    // Checkboxes send indexed names with gaps (unchecked boxes send nothing).
    let family = data.families[0].id.to_string();
    let (status, count) = app
        .call_json::<usize>(
            &ada,
            "stages/apply_spontaneously",
            &[
                ("directions[2]", &deve),
                ("directions[7]", &dvd),
                ("family_id", &family),
                ("cover_letter", "Bonjour."),
            ],
        )
        .await;
    assert_eq!((status, count.expect("sent")), (200, 2));
    let (status, error) = app
        .call_json::<usize>(
            &ada,
            "stages/apply_spontaneously",
            &[
                ("directions[0]", &dac),
                ("directions[1]", &deve),
                ("cover_letter", "Encore."),
            ],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("dup")),
        (
            409,
            AppError::Conflict("error-already-applied-direction".into())
        )
    );
    let dac_count: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM applications WHERE direction_id = $1")
            .bind(id_of("DAC"))
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count")
            .try_get("n")
            .expect("n");
    assert_eq!(dac_count, 0, "all or none");

    let (status, pool) = app
        .call_json::<Vec<ReceivedApplication>>(&chief, "stages/pool", &[])
        .await;
    assert_eq!(status, 200);
    let pool = pool.expect("pool");
    assert_eq!(pool.len(), 1, "only DEVE's share of Ada's two applications");
    assert_eq!(
        app.call_json::<Vec<ReceivedApplication>>(&agent, "stages/pool", &[])
            .await
            .0,
        403,
        "host agents have no pool"
    );
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &pool[0].id.to_string()), ("state", "in_review")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        app.call_json::<()>(
            &chief,
            "stages/move_application",
            &[("id", &pool[0].id.to_string()), ("state", "in_review")]
        )
        .await
        .0,
        200
    );
    let (_, desk) = app
        .call_json::<CandidateDesk>(&ada, "stages/my_applications", &[])
        .await;
    let desk = desk.expect("desk");
    assert_eq!(
        desk.applications
            .iter()
            .filter(|a| a.offer_id.is_none())
            .count(),
        2
    );
    assert!(desk
        .applications
        .iter()
        .any(|a| a.offer_id.is_none() && a.state == ApplicationState::InReview));
}

#[tokio::test]
async fn the_dashboard_measures_answer_times_within_the_managers_scope() {
    let (app, offer) = with_offer(1_000_000).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;
    let first = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[("offer_id", &offer.to_string()), ("cover_letter", "A.")],
        )
        .await
        .1
        .expect("applied");
    app.call_json::<i64>(
        &bob,
        "stages/apply",
        &[("offer_id", &offer.to_string()), ("cover_letter", "B.")],
    )
    .await
    .1
    .expect("applied");
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/move_application",
            &[("id", &first.to_string()), ("state", "declined")]
        )
        .await
        .0,
        200
    );
    // Ada waited exactly two hours for her answer.
    sqlx::query("UPDATE applications SET created_at = first_answer_at - 7200 WHERE id = $1")
        .bind(first)
        .execute(&app.state.db.pool)
        .await
        .expect("update");

    let (status, dashboard) = app
        .call_json::<parvis::stages::dashboard::Dashboard>(&agent, "stages/dashboard", &[])
        .await;
    assert_eq!(status, 200);
    let dashboard = dashboard.expect("dashboard");
    let deve = dashboard
        .by_direction
        .iter()
        .find(|d| d.unit == "DEVE")
        .expect("DEVE figures");
    assert_eq!(
        (
            deve.answered,
            deve.waiting,
            deve.median_seconds,
            deve.p90_seconds
        ),
        (1, 1, Some(7200), Some(7200))
    );
    assert_eq!(dashboard.offers.len(), 1);
    let declined = ApplicationState::ALL
        .iter()
        .position(|s| *s == ApplicationState::Declined)
        .expect("index");
    assert_eq!(
        (
            dashboard.offers[0].counts[0],
            dashboard.offers[0].counts[declined]
        ),
        (1, 1)
    );

    let (_, elsewhere) = app
        .call_json::<parvis::stages::dashboard::Dashboard>(&other, "stages/dashboard", &[])
        .await;
    assert!(
        elsewhere.expect("dashboard").by_direction.is_empty(),
        "another direction's agent sees none of it"
    );
    assert_eq!(
        app.call_json::<parvis::stages::dashboard::Dashboard>(&ada, "stages/dashboard", &[])
            .await
            .0,
        403
    );

    let csv = agent
        .get(app.url("/stages/export.csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("csv");
    assert!(text.starts_with("candidature,offre,intitulé"), "{text}");
    assert_eq!(
        text.lines().count(),
        3,
        "header and two applications: {text}"
    );
    assert!(text.contains("ada@example.org") && text.contains("declined"));
    assert_eq!(
        ada.get(app.url("/stages/export.csv"))
            .send()
            .await
            .expect("export")
            .status(),
        403
    );
    assert_eq!(
        other
            .get(app.url("/stages/export.csv"))
            .send()
            .await
            .expect("export")
            .text()
            .await
            .expect("csv")
            .lines()
            .count(),
        1,
        "header only"
    );
}

#[tokio::test]
async fn a_candidates_profile_is_checked_and_read_by_the_offers_agents() {
    let (app, offer) = with_offer(1_000_000).await;
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;
    let (status, error) = app
        .call_json::<()>(
            &ada,
            "stages/candidate_profile",
            &[
                ("profile[school]", "Sciences Po"),
                ("profile[phone]", "call me"),
                ("profile[education_level]", "bac5"),
            ],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("bad phone").field_key("phone")),
        (422, Some("field-phone"))
    );
    let desk = app
        .call_json::<CandidateDesk>(&ada, "stages/my_applications", &[])
        .await
        .1
        .expect("desk");
    assert!(desk.profile.is_empty(), "nothing half-saved");
    let profile = [
        ("profile[school]", " Sciences Po "),
        ("profile[discipline]", "Urbanisme"),
        ("profile[education_level]", "bac5"),
        ("profile[phone]", "06 12 34 56 78"),
        ("profile[presentation]", "J'aime les villes."),
    ];
    app.call_json::<()>(&ada, "stages/candidate_profile", &profile)
        .await
        .1
        .expect("saved");
    assert_eq!(
        app.call_json::<CandidateDesk>(&ada, "stages/my_applications", &[])
            .await
            .1
            .expect("desk")
            .profile
            .school,
        "Sciences Po"
    );
    assert_eq!(
        app.call_json::<()>(&app.client(), "stages/candidate_profile", &profile)
            .await
            .0,
        401
    );

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
    let received = app
        .call_json::<Vec<ReceivedApplication>>(
            &agent,
            "stages/offer_applications",
            &[("offer_id", &offer.to_string())],
        )
        .await
        .1
        .expect("list");
    assert_eq!(
        (
            received[0].profile.discipline.as_str(),
            received[0].profile.phone.as_str()
        ),
        ("Urbanisme", "06 12 34 56 78")
    );
    assert_eq!(
        app.call_json::<Vec<ReceivedApplication>>(
            &other,
            "stages/offer_applications",
            &[("offer_id", &offer.to_string())]
        )
        .await
        .0,
        403
    );
}
