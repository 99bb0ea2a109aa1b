//! Dates: deadlines follow the city's calendar (Europe/Paris), not UTC, around both midnights
//! and both daylight-saving changes; dates are shown in the reader's language and time zone;
//! the account's language follows it to a new browser.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role, error::AppError, stages::follow_up::ApplicationFile,
    stages::types::OfferInput,
};
use reqwest::Client;

const PASSWORD: &str = "correct horse battery";

/// The start of a `<time>` element as pages render it (hydration markers may follow the words).
fn time_tag(iso: &str, words: &str) -> String {
    format!(r#"<time datetime="{iso}">{words}"#)
}

fn at(utc: &str) -> jiff::Timestamp {
    utc.parse().expect("RFC 3339 instant")
}

/// An app with a DEVE agent (signed in) and its service.
async fn with_agent() -> (TestApp, Client, i64) {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    (app, agent, service)
}

/// A published offer whose last day to apply is `deadline`.
async fn offer_closing(app: &TestApp, agent: &Client, service: i64, deadline: &str) -> String {
    let id = app
        .publish_offer(agent, service, &format!("Stage jusqu'au {deadline}"))
        .await;
    sqlx::query("UPDATE offers SET deadline = $1 WHERE id = $2")
        .bind(deadline)
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("deadline set");
    id.to_string()
}

async fn apply(app: &TestApp, candidate: &Client, offer: &str) -> (u16, Result<i64, AppError>) {
    app.call_json::<i64>(
        candidate,
        "stages/apply",
        &[("offer_id", offer), ("cover_letter", "Je suis motivée.")],
    )
    .await
}

#[tokio::test]
async fn applications_close_at_midnight_in_paris_not_at_utc_midnight() {
    let (app, agent, service) = with_agent().await;
    let clock = app.state.clock.clone();
    // (last day, last second still open, first second closed), in UTC.
    let cases = [
        // Winter (UTC+1): Paris midnight is 23:00 UTC, while the UTC date is still the last day.
        ("2027-01-31", "2027-01-31T22:59:59Z", "2027-01-31T23:00:00Z"),
        // Summer (UTC+2).
        ("2027-06-14", "2027-06-14T21:59:59Z", "2027-06-14T22:00:00Z"),
        // Last Sunday of March: the day began at UTC+1 and ends at UTC+2.
        ("2027-03-28", "2027-03-28T21:59:59Z", "2027-03-28T22:00:00Z"),
        // Last Sunday of October: the day began at UTC+2 and ends at UTC+1.
        ("2026-10-25", "2026-10-25T22:59:59Z", "2026-10-25T23:00:00Z"),
    ];
    for (index, (deadline, open, closed)) in cases.into_iter().enumerate() {
        let offer = offer_closing(&app, &agent, service, deadline).await;
        let early = format!("early{index}@example.org");
        let late = format!("late{index}@example.org");
        let early = app.sign_up(&early, PASSWORD).await;
        let late = app.sign_up(&late, PASSWORD).await;
        clock.set(at(open));
        let (status, applied) = apply(&app, &early, &offer).await;
        assert_eq!(status, 200, "{deadline}: refused at {open}: {applied:?}");
        clock.set(at(closed));
        let (status, refused) = apply(&app, &late, &offer).await;
        assert_eq!(
            (status, refused.expect_err("closed")),
            (409, AppError::Conflict("error-offer-closed".into())),
            "{deadline}: accepted at {closed}"
        );
    }
    // UTC midnight is not a boundary: at 00:30 UTC on the day after (01:30 in Paris) it is closed too.
    let offer = offer_closing(&app, &agent, service, "2027-01-31").await;
    clock.set(at("2027-02-01T00:30:00Z"));
    let candidate = app.sign_up("after@example.org", PASSWORD).await;
    assert_eq!(apply(&app, &candidate, &offer).await.0, 409);
}

fn offer_form(service: i64, metier: i64, deadline: &str) -> Vec<(String, String)> {
    let input = OfferInput {
        service_id: service.to_string(),
        metier_id: metier.to_string(),
        title: "Stage au fil des jours".into(),
        description: "Missions variées.".into(),
        education_level: "bac3".into(),
        discipline: "Paysage".into(),
        duration_weeks: "8".into(),
        start_month: "2027-06".into(),
        deadline: deadline.into(),
        places: "1".into(),
        address: "1 rue X".into(),
        arrondissement: "4".into(),
        remote_days: "0".into(),
        contact_name: "Agathe".into(),
        contact_email: "agathe@paris.fr".into(),
        ..Default::default()
    };
    let value = serde_json::to_value(&input).expect("json");
    value
        .as_object()
        .expect("object")
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|v| (format!("offer[{k}]"), v.to_string())))
        .collect()
}

#[tokio::test]
async fn a_deadline_of_yesterday_is_refused_just_after_paris_midnight() {
    let (app, agent, service) = with_agent().await;
    let data = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference");
    let metier = data.families[0].metiers[0].id;
    let save = |deadline: &str| {
        let form = offer_form(service, metier, deadline);
        let agent = agent.clone();
        let url = app.url("/api/stages/save_offer");
        async move {
            let response = agent.post(url).form(&form).send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.text().await.expect("body"))
        }
    };
    // 00:30 on 1 February in Paris; still 31 January in UTC.
    app.state.clock.set(at("2027-01-31T23:30:00Z"));
    let (status, body) = save("2027-01-31").await;
    assert_eq!(status, 422, "{body}");
    let error: AppError = serde_json::from_str(&body).expect("error");
    assert_eq!(error.field_key("deadline"), Some("field-deadline-past"));
    assert_eq!(
        save("2027-02-01").await.0,
        200,
        "today in Paris is still open"
    );
    // One second before Paris midnight, the 31st is still today.
    app.state.clock.set(at("2027-01-31T22:59:59Z"));
    assert_eq!(save("2027-01-31").await.0, 200);

    // Publishing checks the same day: an offer whose last day ended in Paris is not published.
    let id = app.publish_offer(&agent, service, "Stage à publier").await;
    sqlx::query("UPDATE offers SET state = 'draft', deadline = '2027-01-31' WHERE id = $1")
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("draft");
    app.state.clock.set(at("2027-01-31T23:00:00Z"));
    let published = app
        .call_json::<()>(
            &agent,
            "stages/offer_state",
            &[("id", &id.to_string()), ("state", "published")],
        )
        .await;
    assert_eq!(
        (
            published.0,
            published
                .1
                .expect_err("closed")
                .field_key("deadline")
                .map(str::to_string)
        ),
        (422, Some("field-deadline-past".to_string()))
    );
}

#[tokio::test]
async fn dates_are_shown_in_the_readers_language_and_time_zone() {
    let (app, agent, service) = with_agent().await;
    let offer = offer_closing(&app, &agent, service, "2099-02-01").await;
    // Pages: the start month and the last day in words, the machine form in `datetime`.
    let page = |client: Client| {
        let url = app.url(&format!("/stages/offres/{offer}"));
        async move {
            client
                .get(url)
                .send()
                .await
                .expect("page")
                .text()
                .await
                .expect("html")
        }
    };
    let french = page(app.client()).await;
    assert!(
        french.contains(&time_tag("2099-03", "mars 2099")),
        "{french}"
    );
    assert!(french.contains(&time_tag("2099-02-01", "1er février 2099")));
    assert!(!french.contains(">2099-03<"), "no database date left");
    let english_reader = app.client();
    english_reader
        .post(app.url("/langue"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("switch");
    let english = page(english_reader).await;
    assert!(
        english.contains(&time_tag("2099-03", "March 2099"))
            && english.contains(&time_tag("2099-02-01", "1 February 2099")),
        "{english}"
    );
    // The list and its start-month facet.
    let list = app
        .client()
        .get(app.url("/stages"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("html");
    assert!(
        list.contains("mars 2099") && list.contains("1er février 2099"),
        "{list}"
    );
    // The feed's words are French in the city's zone; its machine dates stay ISO.
    let feed = app
        .client()
        .get(app.url("/stages/flux.atom"))
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("xml");
    assert!(
        feed.contains("à partir de mars 2099 — candidater avant le 1er février 2099"),
        "{feed}"
    );

    // Instants: an application received at 03:37 UTC on 30 November 2026.
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let (_, application) = apply(&app, &ada, &offer).await;
    let application = application.expect("applied");
    let received = at("2026-11-30T03:37:00Z").as_second();
    sqlx::query("UPDATE applications SET created_at = $1 WHERE id = $2")
        .bind(received)
        .bind(application)
        .execute(&app.state.db.pool)
        .await
        .expect("dated");
    let file = |client: Client| {
        let id = application.to_string();
        let app = &app;
        async move {
            let (status, file) = app
                .call_json::<ApplicationFile>(&client, "stages/application_file", &[("id", &id)])
                .await;
            assert_eq!(status, 200);
            file.expect("file").created_at
        }
    };
    let shown = file(ada.clone()).await;
    assert_eq!(
        (shown.iso.as_str(), shown.text.as_str()),
        ("2026-11-30T03:37:00Z", "30 novembre 2026 à 04 h 37"),
        "the city's zone by default"
    );
    let html = ada
        .get(app.url(&format!("/stages/candidatures/{application}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(&time_tag(
            "2026-11-30T03:37:00Z",
            "30 novembre 2026 à 04 h 37"
        )),
        "{html}"
    );

    // The account chooses its zone; an unknown name is refused on the field.
    let (status, refused) = app
        .call_json::<()>(
            &ada,
            "accounts/set_time_zone",
            &[("time_zone", "Mars/Olympus_Mons")],
        )
        .await;
    assert_eq!(
        (
            status,
            refused
                .expect_err("unknown")
                .field_key("time_zone")
                .map(str::to_string)
        ),
        (422, Some("field-time-zone".to_string()))
    );
    assert_eq!(
        app.call_json::<()>(
            &ada,
            "accounts/set_time_zone",
            &[("time_zone", "America/Montreal")]
        )
        .await
        .0,
        200
    );
    assert_eq!(file(ada.clone()).await.text, "29 novembre 2026 à 22 h 37");
    ada.post(app.url("/langue"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("switch");
    assert_eq!(file(ada.clone()).await.text, "29 November 2026 at 22:37");
    // The agent keeps the city's zone.
    assert_eq!(file(agent.clone()).await.text, "30 novembre 2026 à 04 h 37");
    // Back to the city's.
    assert_eq!(
        app.call_json::<()>(&ada, "accounts/set_time_zone", &[("time_zone", "")])
            .await
            .0,
        200
    );
    assert_eq!(file(ada.clone()).await.text, "30 November 2026 at 04:37");
}

#[tokio::test]
async fn the_accounts_language_follows_it_to_a_new_browser() {
    let app = TestApp::spawn().await;
    let first = app.sign_up("ada@example.org", PASSWORD).await;
    first
        .post(app.url("/langue"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("switch");

    // A fresh browser, no language cookie: signing in (as the hydrated page does) brings English.
    let fresh = app.client();
    let signed_in = app
        .call(
            &fresh,
            "accounts/sign_in",
            &[("email", "ada@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed_in.status(), 200);
    let cookies: Vec<String> = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("parvis_lang=en;")),
        "{cookies:?}"
    );
    let html = fresh
        .get(app.url("/compte"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(r#"<html lang="en""#) && html.contains("My account"),
        "{html}"
    );

    // The same without JavaScript (a plain form post), from a browser that was reading French.
    let plain = app.client();
    plain
        .post(app.url("/langue"))
        .form(&[("lang", "fr")])
        .send()
        .await
        .expect("switch");
    let posted = plain
        .post(app.url("/api/accounts/sign_in"))
        .header("Accept", "text/html")
        .form(&[("email", "ada@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let html = plain
        .get(app.url("/compte"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(r#"<html lang="en""#),
        "the account's language replaces the browser's"
    );

    // Choosing French on the site is stored: the next new browser gets French.
    plain
        .post(app.url("/langue"))
        .form(&[("lang", "fr")])
        .send()
        .await
        .expect("switch");
    let another = app.sign_in("ada@example.org", PASSWORD).await;
    let html = another
        .get(app.url("/compte"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(r#"<html lang="fr""#) && html.contains("Mon compte"),
        "{html}"
    );
}

#[tokio::test]
async fn mails_show_dates_in_the_recipients_language_and_time_zone() {
    let (app, agent, service) = with_agent().await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    ada.post(app.url("/langue"))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("switch");
    assert_eq!(
        app.call_json::<()>(
            &ada,
            "accounts/set_time_zone",
            &[("time_zone", "Asia/Tokyo")]
        )
        .await
        .0,
        200
    );

    // A search alert lists each new offer with its last day, in words.
    app.call_json::<()>(&ada, "stages/save_search", &[("query[q]", "jardins")])
        .await
        .1
        .expect("saved");
    app.publish_offer(&agent, service, "Jardins suspendus")
        .await;
    parvis::stages::server::alerts::round(&app.state)
        .await
        .expect("alert round");
    let mail = app
        .mail_containing(&["ada@example.org", "Jardins suspendus"])
        .await;
    assert!(mail.contains("Apply before 31 January 2099"), "{mail}");

    // The digest gives each notification's time in the member's zone (Tokyo: UTC+9).
    let account = parvis::accounts::server::store::by_email(&app.state.db, "ada@example.org")
        .await
        .expect("query")
        .expect("account");
    // It tells of a real, visible thread: the digest mails only what its reader may see.
    let field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[0]
        .id
        .to_string();
    let thread = app
        .call_json::<i64>(
            &ada,
            "innovation/thread_start",
            &[
                ("thread[title]", "Cours oasis"),
                ("thread[body]", "Qui les a essayées ?"),
                ("thread[fields][0]", &field),
            ],
        )
        .await
        .1
        .expect("thread");
    sqlx::query("INSERT INTO notifications (user_id, kind, actor, subject, link, at, item_kind, item_id) VALUES ($1, 'mention', 'Zoé', 'Cours oasis', $2, $3, 'thread', $4)")
        .bind(account.id)
        .bind(format!("/innovation/discussions/{thread}"))
        .bind(at("2026-11-30T03:37:00Z").as_second())
        .bind(thread)
        .execute(&app.state.db.pool)
        .await
        .expect("notification");
    parvis::innovation::server::digest::round(&app.state)
        .await
        .expect("digest round");
    let mail = app
        .mail_containing(&["ada@example.org", "Cours oasis"])
        .await;
    assert!(mail.contains("30 November 2026 at 12:37"), "{mail}");
}
