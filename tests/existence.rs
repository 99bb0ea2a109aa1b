//! Existence leaks (issue 10, finding 14): whatever belongs to someone else and the caller may
//! not see answers exactly as what does not exist (404), through `AppError::not_yours`; 403
//! is kept for an action refused on something public (a published offer). Each route is asked
//! by other candidates, another direction's agent and a visitor, for the real resource and for
//! an id that does not exist: the two answers must be the same.

mod common;

use common::{
    fiches::{form, save},
    TestApp,
};
use parvis::{
    accounts::types::Role,
    stages::{application::ApplicationState, saved_search::SavedSearch},
};

const PASSWORD: &str = "correct horse battery";
const MISSING: &str = "987654";

struct World {
    app: TestApp,
    /// Ada's application, CV owner id, saved search; the DEVE draft and published offers;
    /// Ada's fiche draft.
    application: String,
    ada_id: String,
    saved: String,
    draft_offer: String,
    published_offer: String,
    fiche: String,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let (_, deve) = app.direction("DEVE").await;
    let (_, dvd) = app.direction("DVD").await;
    for (email, service) in [
        ("agent@example.org", deve),
        ("other.agent@example.org", dvd),
    ] {
        app.sign_up(email, PASSWORD).await;
        app.grant(email, Role::HostAgent, Some(service)).await;
    }
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let published_offer = app
        .publish_offer(&agent, deve, "Stage jardins partagés")
        .await
        .to_string();
    let draft_offer = app
        .save_offer_on(&app.base, &agent, deve, "Brouillon")
        .await
        .to_string();
    let reference = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");

    let part = reqwest::multipart::Part::bytes(b"%PDF-1.7\n%%EOF\n".to_vec())
        .file_name("cv.pdf")
        .mime_str("application/pdf")
        .expect("mime");
    ada.post(app.url("/stages/cv"))
        .multipart(reqwest::multipart::Form::new().part("cv", part))
        .send()
        .await
        .expect("upload");
    let application = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[("offer_id", &published_offer), ("cover_letter", "Motivée.")],
        )
        .await
        .1
        .expect("applied")
        .to_string();
    app.call_json::<()>(
        &ada,
        "stages/application_message",
        &[("id", &application), ("body", "Bonjour")],
    )
    .await
    .1
    .expect("message");
    app.call_json::<()>(&ada, "stages/save_search", &[("query[q]", "jardin")])
        .await
        .1
        .expect("saved");
    let saved = app
        .call_json::<Vec<SavedSearch>>(&ada, "stages/saved_searches", &[])
        .await
        .1
        .expect("list")[0]
        .id
        .to_string();
    let field = reference.fields[1].id;
    let fiche = save(
        &app,
        &ada,
        None,
        &form(
            field,
            "Budget participatif",
            "Les habitants proposent puis votent des projets pour leur quartier.",
        ),
    )
    .await
    .1
    .expect("fiche")
    .to_string();
    let ada_id = parvis::accounts::server::store::by_email(&app.state.db, "ada@example.org")
        .await
        .expect("query")
        .expect("ada")
        .id
        .to_string();
    World {
        app,
        application,
        ada_id,
        saved,
        draft_offer,
        published_offer,
        fiche,
    }
}

/// The status of a server-function call.
async fn status(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> u16 {
    app.call(who, endpoint, form).await.status().as_u16()
}

/// The status of `endpoint` called with `key` = `id` and the `rest` of its fields.
async fn ask(
    app: &TestApp,
    who: &reqwest::Client,
    endpoint: &str,
    key: &str,
    id: &str,
    rest: &[(&str, &str)],
) -> u16 {
    let mut form = vec![(key, id)];
    form.extend(rest.iter().copied());
    status(app, who, endpoint, &form).await
}

#[tokio::test]
async fn what_is_not_yours_answers_like_what_does_not_exist() {
    let w = world().await;
    let app = &w.app;
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let other_agent = app.sign_in("other.agent@example.org", PASSWORD).await;
    let visitor = app.client();

    // Server functions on one resource: (endpoint, the resource's id field, its id, other fields).
    let calls: Vec<(&str, &str, &str, Vec<(&str, &str)>)> = vec![
        ("stages/application_file", "id", &w.application, vec![]),
        (
            "stages/application_message",
            "id",
            &w.application,
            vec![("body", "Bonjour")],
        ),
        (
            "stages/application_note",
            "id",
            &w.application,
            vec![("body", "Note")],
        ),
        ("stages/withdraw", "id", &w.application, vec![]),
        (
            "stages/move_application",
            "id",
            &w.application,
            vec![("state", "interview")],
        ),
        ("stages/delete_saved_search", "id", &w.saved, vec![]),
        ("stages/offer", "id", &w.draft_offer, vec![]),
        (
            "stages/offer_state",
            "id",
            &w.draft_offer,
            vec![("state", "published")],
        ),
        (
            "stages/offer_applications",
            "offer_id",
            &w.draft_offer,
            vec![],
        ),
        ("innovation/desk", "id", &w.fiche, vec![]),
        ("innovation/submit", "id", &w.fiche, vec![]),
        ("innovation/translation", "id", &w.fiche, vec![]),
        (
            "innovation/diff",
            "id",
            &w.fiche,
            vec![("from", "1"), ("to", "1")],
        ),
    ];
    for (who, name, visitor) in [
        (&bob, "another candidate", false),
        (&other_agent, "another direction's agent", false),
        (&visitor, "a visitor", true),
    ] {
        for (endpoint, key, id, rest) in &calls {
            let (real, missing) = (
                ask(app, who, endpoint, key, id, rest).await,
                ask(app, who, endpoint, key, MISSING, rest).await,
            );
            assert_eq!(
                real, missing,
                "{endpoint} as {name}: the real one answers {real}, a missing one {missing}"
            );
            // A visitor is asked to sign in first (or, for an offer, told it is not there).
            assert!(
                if visitor {
                    [401, 404].contains(&real)
                } else {
                    real == 404
                },
                "{endpoint} as {name}: {real}"
            );
        }
    }

    // Routes of their own: the CV, and an image for someone else's fiche.
    for (who, name, expected) in [
        (&bob, "another candidate", 404),
        (&other_agent, "another direction's agent", 404),
        (&visitor, "a visitor", 401),
    ] {
        let cv = |owner: &str| who.get(app.url(&format!("/stages/cv/{owner}"))).send();
        let (real, missing) = (
            cv(&w.ada_id).await.expect("cv").status().as_u16(),
            cv(MISSING).await.expect("cv").status().as_u16(),
        );
        assert_eq!((real, missing), (expected, expected), "CV as {name}");
    }
    let image = |fiche: &str| {
        let part = reqwest::multipart::Part::bytes(b"\x89PNG\r\n\x1a\n....".to_vec())
            .file_name("a.png")
            .mime_str("image/png")
            .expect("mime");
        bob.post(app.url("/innovation/images"))
            .multipart(
                reqwest::multipart::Form::new()
                    .text("fiche", fiche.to_string())
                    .part("image", part),
            )
            .send()
    };
    assert_eq!(
        (
            image(&w.fiche).await.expect("upload").status().as_u16(),
            image(MISSING).await.expect("upload").status().as_u16()
        ),
        (404, 404)
    );

    // Public things: a published offer is seen by all, acting on it is refused (403).
    assert_eq!(
        status(
            app,
            &other_agent,
            "stages/offer_applications",
            &[("offer_id", &w.published_offer)]
        )
        .await,
        403
    );
    assert_eq!(
        status(
            app,
            &other_agent,
            "stages/offer_state",
            &[("id", &w.published_offer), ("state", "closed")]
        )
        .await,
        403
    );
    assert_eq!(
        status(app, &bob, "stages/offer", &[("id", &w.published_offer)]).await,
        200
    );

    // The owners still reach everything.
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    assert_eq!(
        status(
            app,
            &ada,
            "stages/application_file",
            &[("id", &w.application)]
        )
        .await,
        200
    );
    assert_eq!(
        ada.get(app.url(&format!("/stages/cv/{}", w.ada_id)))
            .send()
            .await
            .expect("cv")
            .status(),
        200
    );
    assert_eq!(
        status(app, &ada, "innovation/desk", &[("id", &w.fiche)]).await,
        200
    );
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    assert_eq!(
        status(
            app,
            &agent,
            "stages/move_application",
            &[
                ("id", &w.application),
                ("state", ApplicationState::InReview.code())
            ]
        )
        .await,
        200
    );
}
