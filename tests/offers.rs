//! Stages offers: who creates, edits, publishes and sees them; validation; safe Markdown.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    stages::{
        search::SearchResults,
        types::{OfferState, OfferView},
    },
};

const PASSWORD: &str = "correct horse battery";

struct Desk {
    app: TestApp,
    deve_service: i64,
    other_service: i64,
}

async fn desk() -> Desk {
    let app = TestApp::spawn().await;
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
    let (deve_service, other_service) = (deve.services[0].id, dvd.services[0].id);
    for (email, role, scope) in [
        ("agent@example.org", Role::HostAgent, Some(deve_service)),
        (
            "other.agent@example.org",
            Role::HostAgent,
            Some(other_service),
        ),
        ("chief@example.org", Role::DirectionAdmin, Some(deve.id)),
    ] {
        app.sign_up(email, PASSWORD).await;
        app.grant(email, role, scope).await;
    }
    app.sign_up("candidate@example.org", PASSWORD).await;
    Desk {
        app,
        deve_service,
        other_service,
    }
}

fn offer_form(service: i64, metier: i64, title: &str, description: &str) -> Vec<(String, String)> {
    [
        ("service_id", service.to_string()),
        ("metier_id", metier.to_string()),
        ("title", title.to_string()),
        ("description", description.to_string()),
        ("profile", "Curieux, rigoureux.".to_string()),
        ("education_level", "bac3".to_string()),
        ("discipline", "Écologie".to_string()),
        ("duration_weeks", "12".to_string()),
        ("start_month", "2099-03".to_string()),
        ("deadline", "2099-01-31".to_string()),
        ("places", "2".to_string()),
        ("address", "103 avenue de France".to_string()),
        ("arrondissement", "13".to_string()),
        ("remote_days", "1".to_string()),
        ("contact_name", "Agathe".to_string()),
        ("contact_email", "agathe@paris.fr".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (format!("offer[{k}]"), v))
    .collect()
}

async fn any_metier(app: &TestApp) -> i64 {
    parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .families[0]
        .metiers[0]
        .id
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    id: Option<i64>,
    form: &[(String, String)],
) -> (u16, Result<i64, AppError>) {
    let mut fields: Vec<(&str, &str)> =
        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let id_text = id.map(|i| i.to_string()).unwrap_or_default();
    if id.is_some() {
        fields.push(("id", &id_text));
    }
    app.call_json::<i64>(client, "stages/save_offer", &fields)
        .await
}

#[tokio::test]
async fn an_agent_drafts_and_publishes_and_visitors_see_only_published_offers() {
    let Desk {
        app, deve_service, ..
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let visitor = app.client();

    let (status, id) = save(
        &app,
        &agent,
        None,
        &offer_form(
            deve_service,
            metier,
            "Stage biodiversité",
            "Inventaire des **mares**.",
        ),
    )
    .await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("created");
    let (status, _) = app
        .call_json::<OfferView>(&visitor, "stages/offer", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 404, "a draft is invisible to visitors");
    let (_, page) = app
        .call_json::<SearchResults>(&visitor, "stages/search", &[])
        .await;
    assert_eq!(page.expect("page").total, 0);

    let (status, _) = app
        .call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "filled")],
        )
        .await;
    assert_eq!(status, 409, "a draft cannot be filled");
    let (status, _) = app
        .call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "published")],
        )
        .await;
    assert_eq!(status, 200);

    let (_, page) = app
        .call_json::<SearchResults>(&visitor, "stages/search", &[])
        .await;
    let page = page.expect("page");
    assert_eq!((page.total, page.offers[0].id), (1, id));
    let (status, view) = app
        .call_json::<OfferView>(&visitor, "stages/offer", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 200);
    let view = view.expect("view");
    assert!(view.open && !view.manageable && view.input.is_none());
    assert!(
        view.contact_email.is_empty(),
        "the contact's address stays with the managers"
    );
    assert!(view.paid, "12 weeks: paid by law");
    assert!(view.description_html.contains("<strong>mares</strong>"));
    let html = visitor
        .get(app.url(&format!("/stages/offres/{id}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Stage biodiversité") && html.contains("\"@type\":\"JobPosting\""));

    // Past its deadline an offer stops taking applications by itself.
    // (Written straight to the database, so the search index is told as the app would tell it.)
    sqlx::query("UPDATE offers SET deadline = '2000-01-01' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("update");
    parvis::stages::server::offer_index::OfferIndex::of(&app.state)
        .expect("registered")
        .reload(&app.state.db, id)
        .await
        .expect("index");
    let (_, view) = app
        .call_json::<OfferView>(&visitor, "stages/offer", &[("id", &id.to_string())])
        .await;
    assert!(!view.expect("view").open);
    let (_, page) = app
        .call_json::<SearchResults>(&visitor, "stages/search", &[])
        .await;
    assert_eq!(page.expect("page").total, 0);
}

#[tokio::test]
async fn only_the_offers_managers_may_create_edit_or_move_them() {
    let Desk {
        app,
        deve_service,
        other_service,
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let other = app.sign_in("other.agent@example.org", PASSWORD).await;
    let chief = app.sign_in("chief@example.org", PASSWORD).await;
    let candidate = app.sign_in("candidate@example.org", PASSWORD).await;

    let form = offer_form(deve_service, metier, "Stage plan climat", "Missions.");
    assert_eq!(save(&app, &candidate, None, &form).await.0, 403);
    assert_eq!(save(&app, &app.client(), None, &form).await.0, 401);
    assert_eq!(
        save(
            &app,
            &agent,
            None,
            &offer_form(other_service, metier, "Ailleurs", "Missions.")
        )
        .await
        .0,
        403,
        "not their service"
    );

    let id = save(&app, &agent, None, &form).await.1.expect("created");
    assert_eq!(
        save(
            &app,
            &other,
            Some(id),
            &offer_form(other_service, metier, "Reprise", "Missions.")
        )
        .await
        .0,
        404,
        "another direction's draft does not exist for them"
    );
    let (status, _) = app
        .call_json::<()>(
            &other,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "published")],
        )
        .await;
    assert_eq!(
        status, 404,
        "another direction's draft does not exist for them"
    );
    let (status, _) = app
        .call_json::<OfferView>(&other, "stages/offer", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 404);

    // The direction admin manages every offer of the direction.
    let (status, view) = app
        .call_json::<OfferView>(&chief, "stages/offer", &[("id", &id.to_string())])
        .await;
    assert_eq!(status, 200);
    assert!(view.expect("view").manageable);
    assert_eq!(
        save(
            &app,
            &chief,
            Some(id),
            &offer_form(
                deve_service,
                metier,
                "Stage plan climat (révisé)",
                "Missions."
            )
        )
        .await
        .0,
        200
    );
    let (_, managed) = app
        .call_json::<Vec<parvis::stages::types::OfferSummary>>(&chief, "stages/managed", &[])
        .await;
    assert_eq!(
        managed.expect("list")[0].title,
        "Stage plan climat (révisé)"
    );
    let (status, _) = app
        .call_json::<Vec<parvis::stages::types::OfferSummary>>(&candidate, "stages/managed", &[])
        .await;
    assert_eq!(status, 403);

    let (status, _) = app
        .call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "archived")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, error) = save(&app, &agent, Some(id), &form).await;
    assert_eq!(
        (status, error.expect_err("archived")),
        (409, AppError::Conflict("error-offer-archived".into()))
    );
}

#[tokio::test]
async fn bad_offers_are_refused_field_by_field_and_nothing_is_saved() {
    let Desk {
        app, deve_service, ..
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let mut form = offer_form(deve_service, metier, "Sta", "");
    for (key, value) in form.iter_mut() {
        match key.as_str() {
            "offer[deadline]" => *value = "2099-05-01".into(),
            "offer[duration_weeks]" => *value = "deux".into(),
            "offer[arrondissement]" => *value = "25".into(),
            _ => {}
        }
    }
    let (status, error) = save(&app, &agent, None, &form).await;
    assert_eq!(status, 422);
    let error = error.expect_err("invalid");
    assert_eq!(error.field_key("title"), Some("field-offer-title"));
    assert_eq!(
        error.field_key("description"),
        Some("field-offer-description")
    );
    assert_eq!(
        error.field_key("deadline"),
        Some("field-deadline-after-start")
    );
    assert_eq!(
        error.field_key("duration_weeks"),
        Some("field-offer-duration")
    );
    assert_eq!(
        error.field_key("arrondissement"),
        Some("field-arrondissement")
    );
    let unknown = offer_form(deve_service, 999_999, "Stage correct", "Missions.");
    let (status, error) = save(&app, &agent, None, &unknown).await;
    assert_eq!(
        (
            status,
            error.expect_err("unknown métier").field_key("metier_id")
        ),
        (422, Some("field-unknown"))
    );
    let (_, managed) = app
        .call_json::<Vec<parvis::stages::types::OfferSummary>>(&agent, "stages/managed", &[])
        .await;
    assert!(managed.expect("list").is_empty(), "nothing half-saved");
}

#[tokio::test]
async fn offer_text_is_rendered_without_scripts() {
    let Desk {
        app, deve_service, ..
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let id = save(&app, &agent, None, &offer_form(deve_service, metier, "Stage sûr", "Bonjour <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"))
        .await
        .1
        .expect("saved");
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "published")]
        )
        .await
        .0,
        200
    );
    let html = app
        .client()
        .get(app.url(&format!("/stages/offres/{id}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        !html.contains("<script>alert")
            && !html.contains("javascript:alert")
            && !html.contains("onerror"),
        "unsafe markup reached the page"
    );
    assert_eq!(OfferState::parse("published"), Some(OfferState::Published));
}

#[tokio::test]
async fn the_atom_feed_lists_open_offers_only() {
    let Desk {
        app, deve_service, ..
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let published = save(
        &app,
        &agent,
        None,
        &offer_form(deve_service, metier, "Stage <publié> & ouvert", "Missions."),
    )
    .await
    .1
    .expect("saved");
    assert_eq!(
        app.call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &published.to_string()), ("state", "published")]
        )
        .await
        .0,
        200
    );
    save(
        &app,
        &agent,
        None,
        &offer_form(
            deve_service,
            metier,
            "Stage resté en brouillon",
            "Missions.",
        ),
    )
    .await
    .1
    .expect("saved");

    let response = app
        .client()
        .get(app.url("/stages/flux.atom"))
        .send()
        .await
        .expect("feed");
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/atom+xml")));
    let xml = response.text().await.expect("xml");
    assert!(
        xml.contains("<title>Stage &lt;publié&gt; &amp; ouvert</title>"),
        "{xml}"
    );
    assert!(xml.contains(&format!("{}/stages/offres/{published}", app.base)));
    assert!(!xml.contains("brouillon"), "drafts stay out of the feed");
    assert_eq!(xml.matches("<entry>").count(), 1);
}

#[tokio::test]
async fn search_understands_french_words_filters_and_counts() {
    let Desk {
        app, deve_service, ..
    } = desk().await;
    let metier = any_metier(&app).await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let mut ids = Vec::new();
    for (title, weeks, arrondissement) in [
        ("Jardins écologiques partagés", "12", "12"),
        ("Inventaire des arbres", "6", "20"),
        ("Stage communication", "4", ""),
    ] {
        let mut form = offer_form(deve_service, metier, title, "Missions variées.");
        for (key, value) in form.iter_mut() {
            match key.as_str() {
                "offer[duration_weeks]" => *value = weeks.into(),
                "offer[arrondissement]" => *value = arrondissement.into(),
                _ => {}
            }
        }
        let id = save(&app, &agent, None, &form).await.1.expect("saved");
        assert_eq!(
            app.call_json::<()>(
                &agent,
                "stages/offer_state",
                &[("id", &id.to_string()), ("state", "published")]
            )
            .await
            .0,
            200
        );
        ids.push(id);
    }
    save(
        &app,
        &agent,
        None,
        &offer_form(deve_service, metier, "Jardin en brouillon", "Missions."),
    )
    .await
    .1
    .expect("draft");
    let visitor = app.client();
    let search = |pairs: Vec<(&'static str, &'static str)>| {
        let visitor = visitor.clone();
        let app = &app;
        async move {
            let fields: Vec<(String, String)> = pairs
                .into_iter()
                .map(|(k, v)| (format!("query[{k}]"), v.to_string()))
                .collect();
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let (status, results) = app
                .call_json::<SearchResults>(&visitor, "stages/search", &fields)
                .await;
            assert_eq!(status, 200);
            results.expect("results")
        }
    };

    // Accents and plurals do not defeat the search; drafts never show.
    let found = search(vec![("q", "jardin ecologique")]).await;
    assert_eq!(
        found.offers.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![ids[0]]
    );
    assert_eq!(search(vec![("q", "ARBRE")]).await.offers[0].id, ids[1]);
    assert_eq!(
        search(vec![("q", "jardin")]).await.total,
        1,
        "the draft is not found"
    );
    // Filters, and the facet counts that go with them.
    let short = search(vec![("duree_max", "8")]).await;
    assert_eq!(short.total, 2);
    let paid = search(vec![("gratifie", "1")]).await;
    assert_eq!(paid.total, 1, "only the 12-week internship is paid by law");
    assert_eq!(
        paid.paid
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect::<Vec<_>>(),
        vec![("0", 2), ("1", 1)],
        "the paid facet ignores its own filter"
    );
    assert_eq!(
        search(vec![("arrondissement", "20")]).await.offers[0].id,
        ids[1]
    );
    assert_eq!(search(vec![("direction", "DEVE")]).await.total, 3);
    assert_eq!(
        search(vec![("sauf_direction", "DEVE")]).await.total,
        0,
        "excluding a value"
    );
    assert_eq!(
        search(vec![("direction", "DEVE")]).await.directions,
        vec![parvis::stages::search::Facet {
            value: "DEVE".into(),
            label: "DEVE".into(),
            count: 3
        }]
    );
    assert_eq!(
        search(vec![("duree_min", "8")])
            .await
            .offers
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>(),
        vec![ids[0]],
        "a duration range"
    );
    let starting = search(vec![("debut", "2099-03")]).await;
    assert_eq!(
        (
            starting.total,
            starting
                .starts
                .iter()
                .map(|f| (f.value.as_str(), f.count))
                .collect::<Vec<_>>()
        ),
        (3, vec![("2099-03", 3)])
    );
    assert_eq!(
        search(vec![("debut", "2099-04")]).await.total,
        0,
        "none starts from April"
    );
    // A métier, within its family: the métier facet lists the family's métiers found.
    let data = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    let family: &'static str = Box::leak(data.families[0].id.to_string().into_boxed_str());
    let metier_text: &'static str = Box::leak(metier.to_string().into_boxed_str());
    let other_metier: &'static str =
        Box::leak(data.families[0].metiers[1].id.to_string().into_boxed_str());
    let by_family = search(vec![("famille", family)]).await;
    assert_eq!(
        by_family
            .metiers
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect::<Vec<_>>(),
        vec![(metier_text, 3)]
    );
    assert!(
        search(vec![]).await.metiers.is_empty(),
        "métiers are listed once a family is chosen"
    );
    assert_eq!(
        search(vec![("famille", family), ("metier", metier_text)])
            .await
            .total,
        3
    );
    assert_eq!(
        search(vec![("famille", family), ("metier", other_metier)])
            .await
            .total,
        0
    );
    // Sorting by deadline, and pages.
    assert_eq!(search(vec![("tri", "echeance")]).await.offers.len(), 3);
    assert!(search(vec![("page", "2")]).await.offers.is_empty());
    // The same search works as a plain page, without JavaScript.
    let html = visitor
        .get(app.url("/stages?q=arbres"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("Inventaire des arbres") && !html.contains("Jardins écologiques partagés")
    );
}
