//! The pages every French public site publishes: the legal notice, the privacy notice, the
//! cookie notice and the accessibility statement, in French and in English, from the
//! configuration; the footer's links to them; and the cookie notice kept true: every cookie
//! the site sets while a visitor, a candidate, a member, an agent and an editor use it is the
//! notice's list, no more and no less.

mod common;

use common::{fiches, TestApp};
use parvis::{
    accounts::types::Role,
    i18n::{Locale, LANG_COOKIE, LANG_COOKIE_DAYS},
    legal::types::COOKIES,
    server::config::Config,
};
use reqwest::{
    cookie::{CookieStore, Jar},
    header::HeaderValue,
    Client,
};
use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
};

const PASSWORD: &str = "correct horse battery";

/// Values no default holds, so a page showing them read the configuration.
fn configure(config: &mut Config) {
    config.legal.publisher_name = "Ville de Lutèce".into();
    config.legal.publisher_address = "4 place du Parvis, 75004 Lutèce".into();
    config.legal.publisher_email = "ecrire@lutece.example".into();
    config.legal.director = "Dame Géneviève, maire".into();
    config.legal.host_name = "Nuage Municipal SCOP".into();
    config.legal.host_address = "8 quai des Serveurs, 69000 Lugdunum".into();
    config.legal.dpo_name = "Service de la protection des données".into();
    config.legal.dpo_email = "dpo@lutece.example".into();
    config.legal.accessibility_email = "a11y@lutece.example".into();
    config.legal.accessibility_form_url = "https://lutece.example/contact-accessibilite".into();
    config.legal.accessibility_audit_date = "2027-01-15".into();
    config.retention.applications_months = 19;
    config.retention.sign_in_failures_hours = 1;
    config.retention.data_exports_days = 3;
    config.session.cookie_name = "lutece_session".into();
    config.session.idle_hours = 77;
}

/// The page at `path` read in `locale` (the language cookie a browser would send).
async fn page(app: &TestApp, path: &str, locale: Locale) -> scraper::Html {
    let response = Client::new()
        .get(app.url(path))
        .header("cookie", format!("{LANG_COOKIE}={}", locale.code()))
        .send()
        .await
        .expect("page loaded");
    assert_eq!(response.status(), 200, "{path} in {locale:?}");
    scraper::Html::parse_document(&response.text().await.expect("body"))
}

/// The text of everything `css` selects in `html`, one string per element.
fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn main_text(html: &scraper::Html) -> String {
    texts(html, "main").join(" ")
}

#[tokio::test]
async fn each_page_shows_the_configuration_in_both_languages() {
    let app = TestApp::spawn_with(configure).await;
    for locale in Locale::ALL {
        let notice = page(&app, "/mentions-legales", locale).await;
        assert_eq!(texts(&notice, "h1"), [locale.t("legal-notice-title")]);
        let text = main_text(&notice);
        for value in [
            "Ville de Lutèce",
            "4 place du Parvis, 75004 Lutèce",
            "ecrire@lutece.example",
            "Dame Géneviève, maire",
            "Nuage Municipal SCOP",
            "8 quai des Serveurs, 69000 Lugdunum",
        ] {
            assert!(
                text.contains(value),
                "{locale:?} legal notice lacks {value}: {text}"
            );
        }
        assert!(
            !text.contains("Exemple"),
            "an example value is left: {text}"
        );
        assert!(text.contains(&locale.t("legal-host")));

        let privacy = page(&app, "/confidentialite", locale).await;
        assert_eq!(texts(&privacy, "h1"), [locale.t("privacy-title")]);
        let text = main_text(&privacy);
        for value in [
            "Ville de Lutèce",
            "Service de la protection des données",
            "dpo@lutece.example",
            "6(1)(e)",
            "CNIL",
        ] {
            assert!(
                text.contains(value),
                "{locale:?} privacy notice lacks {value}"
            );
        }
        let account_link = scraper::Selector::parse("main a[href='/compte']").expect("selector");
        assert_eq!(
            privacy.select(&account_link).count(),
            1,
            "the rights lead to /compte"
        );

        let cookies = page(&app, "/cookies", locale).await;
        assert_eq!(texts(&cookies, "h1"), [locale.t("cookies-title")]);
        let session = texts(&cookies, "tr[data-cookie='lutece_session']");
        assert_eq!(session.len(), 1, "the configured session cookie is listed");
        assert!(
            session[0]
                .contains(&locale.t_with("cookies-lifetime-session", &[("hours", "77".into())])),
            "{session:?}"
        );
        assert_eq!(
            texts(&cookies, "tr[data-cookie]").len(),
            COOKIES.len(),
            "one row per cookie"
        );
        assert!(texts(&cookies, "tr[data-cookie='parvis_session']").is_empty());

        let statement = page(&app, "/accessibilite", locale).await;
        assert_eq!(texts(&statement, "h1"), [locale.t("accessibility-title")]);
        let text = main_text(&statement);
        let audit_date = if locale == Locale::En {
            "15 January 2027"
        } else {
            "15 janvier 2027"
        };
        for value in [
            "Ville de Lutèce",
            "a11y@lutece.example",
            "https://lutece.example/contact-accessibilite",
            audit_date,
            "Libre réponse 71120",
            "75342 Paris CEDEX 07",
            &locale.t("accessibility-state-value"),
        ] {
            assert!(text.contains(value), "{locale:?} statement lacks {value}");
        }
        let remaining = parvis::legal::server::remaining().expect("results file");
        assert_eq!(
            texts(&statement, "main li[data-rule]").len(),
            remaining.len()
        );
        if remaining.is_empty() {
            assert!(text.contains(&locale.t("accessibility-results-none")));
        }
    }
}

#[tokio::test]
async fn the_privacy_notice_lists_every_retention_rule_with_its_configured_length() {
    let app = TestApp::spawn_with(configure).await;
    let rules = app.state.config.retention.rules();
    for locale in Locale::ALL {
        let privacy = page(&app, "/confidentialite", locale).await;
        assert_eq!(texts(&privacy, "tr[data-rule]").len(), rules.len());
        for rule in &rules {
            let row = texts(&privacy, &format!("tr[data-rule='{}']", rule.key));
            assert_eq!(row.len(), 1, "{} listed once", rule.key);
            let unit = match (rule.unit, locale) {
                (parvis::server::config::PeriodUnit::Months, Locale::Fr) => "mois",
                (parvis::server::config::PeriodUnit::Months, Locale::En) => "month",
                (parvis::server::config::PeriodUnit::Days, Locale::Fr) => "jour",
                (parvis::server::config::PeriodUnit::Days, Locale::En) => "day",
                (parvis::server::config::PeriodUnit::Hours, Locale::Fr) => "heure",
                (parvis::server::config::PeriodUnit::Hours, Locale::En) => "hour",
            };
            let length = format!("{} {unit}", rule.amount);
            assert!(
                row[0].contains(&length),
                "{locale:?} {}: {length} in {row:?}",
                rule.key
            );
            for key in [
                format!("retention-{}", rule.key),
                format!("retention-{}-why", rule.key),
            ] {
                let words = locale.t(&key);
                assert!(!words.is_empty() && words != key, "{key} is translated");
                assert!(
                    row[0].contains(&words),
                    "{locale:?} row {} shows {key}",
                    rule.key
                );
            }
        }
        let applications = texts(&privacy, "tr[data-rule='applications_months']");
        let expected = if locale == Locale::En {
            "19 months"
        } else {
            "19 mois"
        };
        assert!(applications[0].contains(expected), "{applications:?}");
        let failures = texts(&privacy, "tr[data-rule='sign_in_failures_hours']");
        let expected = if locale == Locale::En {
            "1 hour"
        } else {
            "1 heure"
        };
        assert!(
            failures[0].contains(expected) && !failures[0].contains("heures"),
            "{failures:?}"
        );
    }
}

#[tokio::test]
async fn the_footer_links_to_the_four_pages_in_both_languages() {
    let app = TestApp::spawn().await;
    for locale in Locale::ALL {
        for path in ["/", "/stages", "/compte/connexion", "/confidentialite"] {
            let html = page(&app, path, locale).await;
            let links: Vec<(String, String)> = {
                let selector = scraper::Selector::parse("footer a").expect("selector");
                html.select(&selector)
                    .map(|a| {
                        (
                            a.value().attr("href").unwrap_or_default().to_string(),
                            a.text().collect::<String>(),
                        )
                    })
                    .collect()
            };
            assert_eq!(
                links,
                [
                    (
                        "/mentions-legales".to_string(),
                        locale.t("legal-notice-title")
                    ),
                    ("/confidentialite".to_string(), locale.t("privacy-title")),
                    ("/cookies".to_string(), locale.t("cookies-title")),
                    (
                        "/accessibilite".to_string(),
                        locale.t("footer-accessibility")
                    ),
                ],
                "{path} in {locale:?}"
            );
            let footer = texts(&html, "footer").join(" ");
            assert!(!footer.contains("audit RGAA à venir") && !footer.contains("to come"));
        }
    }
    assert_eq!(
        Locale::Fr.t("footer-accessibility"),
        "Accessibilité : non conforme"
    );
}

/// Every `Set-Cookie` value the recording clients received.
type Seen = Arc<Mutex<Vec<String>>>;

/// One client's cookie jar, which also writes down every `Set-Cookie` it is given.
struct Recorder {
    jar: Jar,
    seen: Seen,
}

impl CookieStore for Recorder {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, url: &reqwest::Url) {
        let headers: Vec<HeaderValue> = headers.cloned().collect();
        self.seen.lock().expect("recorder").extend(
            headers
                .iter()
                .map(|h| h.to_str().unwrap_or("(not text)").to_string()),
        );
        self.jar.set_cookies(&mut headers.iter(), url);
    }

    fn cookies(&self, url: &reqwest::Url) -> Option<HeaderValue> {
        self.jar.cookies(url)
    }
}

/// A browser-like client (its own cookie jar) whose every received cookie goes into `seen`.
fn recording(seen: &Seen) -> Client {
    Client::builder()
        .cookie_provider(Arc::new(Recorder {
            jar: Jar::default(),
            seen: seen.clone(),
        }))
        .redirect(reqwest::redirect::Policy::none())
        .read_timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn ok(response: reqwest::Response, what: &str) {
    let status = response.status();
    assert!(
        status.is_success() || status.is_redirection(),
        "{what}: {status}"
    );
}

async fn get(app: &TestApp, client: &Client, path: &str) {
    ok(client.get(app.url(path)).send().await.expect("get"), path).await;
}

async fn sign_up(app: &TestApp, recorder: &Seen, email: &str) -> Client {
    let client = recording(recorder);
    ok(
        app.call(
            &client,
            "accounts/sign_up",
            &[
                ("email", email),
                ("display_name", "Camille Test"),
                ("password", PASSWORD),
            ],
        )
        .await,
        "sign-up",
    )
    .await;
    client
}

async fn sign_in(app: &TestApp, recorder: &Seen, email: &str) -> Client {
    let client = recording(recorder);
    ok(
        app.call(
            &client,
            "accounts/sign_in",
            &[("email", email), ("password", PASSWORD)],
        )
        .await,
        "sign-in",
    )
    .await;
    client
}

#[tokio::test]
async fn every_cookie_the_site_sets_is_in_the_cookie_notice() {
    let app = TestApp::spawn_with(configure).await;
    let recorder = Seen::default();

    // Staff set the scene: an agent publishes an offer, an editor publishes a member's fiche.
    let (_, service) = app.direction("DEVE").await;
    sign_up(&app, &recorder, "agent@example.org").await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = sign_in(&app, &recorder, "agent@example.org").await;
    let offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await;
    get(&app, &agent, &format!("/stages/offres/{offer}")).await;
    sign_up(&app, &recorder, "editor@example.org").await;
    app.grant("editor@example.org", Role::Editor, None).await;
    let editor = sign_in(&app, &recorder, "editor@example.org").await;
    let author = sign_up(&app, &recorder, "author@example.org").await;
    let field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[1]
        .id;
    let fiche = fiches::save(
        &app,
        &author,
        None,
        &fiches::form(
            field,
            "Budget participatif",
            "Le budget participatif laisse les habitants proposer puis choisir par vote des projets d'investissement pour leur quartier.",
        ),
    )
    .await
    .1
    .expect("fiche saved");
    fiches::submit_and_publish(&app, &author, &editor, fiche).await;

    // A visitor reads, searches, switches language, and has a form refused without JavaScript.
    let visitor = recording(&recorder);
    for path in [
        "/".to_string(),
        "/stages?q=jardins".to_string(),
        format!("/stages/offres/{offer}"),
        "/innovation".to_string(),
        format!("/innovation/fiches/{fiche}"),
        "/cookies".to_string(),
        "/stages/flux.atom".to_string(),
    ] {
        get(&app, &visitor, &path).await;
    }
    ok(
        visitor
            .post(app.url("/langue"))
            .form(&[("lang", "en"), ("next", "/stages")])
            .send()
            .await
            .expect("language switch"),
        "language switch",
    )
    .await;
    get(&app, &visitor, "/stages").await;
    let refused = app
        .post_plain_form(
            &visitor,
            "/compte/connexion",
            "accounts/sign_in",
            &[("email", "nobody@example.org"), ("password", "wrong")],
        )
        .await;
    assert!(
        refused.location.contains("__err"),
        "refused: {}",
        refused.location
    );

    // A candidate signs up, signs out, signs in again, applies and reads her pages.
    let candidate = sign_up(&app, &recorder, "ada@example.org").await;
    ok(
        app.call(&candidate, "accounts/sign_out", &[]).await,
        "sign-out",
    )
    .await;
    let candidate = sign_in(&app, &recorder, "ada@example.org").await;
    let (status, _) = app
        .call_json::<i64>(
            &candidate,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Je suis motivée."),
            ],
        )
        .await;
    assert_eq!(status, 200, "applied");
    for path in ["/stages/candidatures", "/compte", "/stages/alertes"] {
        get(&app, &candidate, path).await;
    }
    ok(
        app.call(&candidate, "accounts/sign_out", &[]).await,
        "sign-out",
    )
    .await;

    // A member comments on the fiche and reads her notifications.
    let member = sign_up(&app, &recorder, "zoe@example.org").await;
    let (status, _) = app
        .call_json::<i64>(
            &member,
            "innovation/comment",
            &[
                ("fiche", &fiche.to_string()),
                ("body", "Merci pour ce retour."),
            ],
        )
        .await;
    assert_eq!(status, 200, "commented");
    get(&app, &member, "/innovation/notifications").await;
    ok(
        app.call(&member, "accounts/sign_out", &[]).await,
        "sign-out",
    )
    .await;

    let seen = recorder.lock().expect("recorder").clone();
    let names: BTreeSet<String> = seen
        .iter()
        .filter_map(|c| c.split_once('=').map(|(name, _)| name.trim().to_string()))
        .collect();
    let listed: BTreeSet<String> = COOKIES
        .iter()
        .map(|c| c.name_with(&app.state.config.session.cookie_name))
        .collect();
    assert_eq!(names, listed, "cookies set: {seen:#?}");
    // The language cookie lasts as long as the notice says.
    let max_age = format!("Max-Age={}", LANG_COOKIE_DAYS * 86_400);
    assert!(
        seen.iter()
            .filter(|c| c.starts_with(&format!("{LANG_COOKIE}=")))
            .all(|c| c.contains(&max_age)),
        "{seen:#?}"
    );
    // The session cookie is HttpOnly, never readable by scripts (its removal at sign-out,
    // empty and expired, carries no flags).
    assert!(
        seen.iter()
            .filter(|c| c.starts_with("lutece_session=") && !c.starts_with("lutece_session=;"))
            .all(|c| c.contains("HttpOnly")),
        "{seen:#?}"
    );
}
