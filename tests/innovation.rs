//! Innovation fiches: the author drafts and submits, an editor reviews with the independence
//! warnings, readers see only what was published, and the catalogue filters on it.

mod common;

use common::fiches::{form, newsroom, published_fiche, save, PASSWORD};
use parvis::innovation::{
    browse::BrowseResults,
    types::{DiffLine, FicheDesk, FicheState, FicheView},
};

#[tokio::test]
async fn a_fiche_goes_through_review_with_its_warnings_before_readers_see_it() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let other = app.sign_in("other@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let visitor = app.client();

    let (status, error) = save(&app, &author, None, &[("fiche[title]".into(), "x".into())]).await;
    let error = error.expect_err("incomplete");
    assert_eq!(
        (
            status,
            error.field_key("title"),
            error.field_key("interests")
        ),
        (
            422,
            Some("fiche-field-title"),
            Some("fiche-field-interests")
        )
    );
    let body = "La solution Vélibre, **leader du marché**, se loue sur [le site](https://velibre.com/offre). <script>alert(1)</script> Elle couvre toute la ville.";
    let id = save(
        &app,
        &author,
        None,
        &form(field, "Vélos en libre-service", body),
    )
    .await
    .1
    .expect("saved");
    let id_text = id.to_string();

    // Drafts are the author's: other members and visitors learn nothing of them.
    assert_eq!(
        app.call_json::<FicheDesk>(&other, "innovation/desk", &[("id", &id_text)])
            .await
            .0,
        404
    );
    assert_eq!(
        app.call_json::<FicheView>(&visitor, "innovation/fiche", &[("id", &id_text)])
            .await
            .0,
        404
    );
    assert_eq!(
        save(
            &app,
            &other,
            Some(id),
            &form(field, "Vélos détournés", body)
        )
        .await
        .0,
        404
    );
    assert_eq!(
        app.call_json::<()>(&other, "innovation/submit", &[("id", &id_text)])
            .await
            .0,
        404
    );

    app.call_json::<()>(&author, "innovation/submit", &[("id", &id_text)])
        .await
        .1
        .expect("submitted");
    assert_eq!(
        save(
            &app,
            &author,
            Some(id),
            &form(field, "Vélos en libre-service", body)
        )
        .await
        .0,
        409,
        "locked while under review"
    );
    assert_eq!(
        app.call_json::<()>(
            &author,
            "innovation/review",
            &[("id", &id_text), ("action", "publish")]
        )
        .await
        .0,
        403,
        "only editors publish"
    );

    // The editor sees the warnings and must acknowledge them to publish.
    let desk = app
        .call_json::<FicheDesk>(&editor, "innovation/desk", &[("id", &id_text)])
        .await
        .1
        .expect("desk");
    let kinds: Vec<&str> = desk.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert!(
        kinds.contains(&"link") && kinds.contains(&"superlative"),
        "{kinds:?}"
    );
    let (status, error) = app
        .call_json::<()>(
            &editor,
            "innovation/review",
            &[("id", &id_text), ("action", "publish")],
        )
        .await;
    assert_eq!(
        (
            status,
            error.expect_err("unacknowledged").field_key("acknowledge")
        ),
        (422, Some("review-acknowledge-required"))
    );
    assert_eq!(
        app.call_json::<()>(
            &editor,
            "innovation/review",
            &[("id", &id_text), ("action", "request_changes")]
        )
        .await
        .0,
        422,
        "a comment is required"
    );
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[
            ("id", &id_text),
            ("action", "request_changes"),
            ("comment", "Retirez le lien commercial et le superlatif."),
        ],
    )
    .await
    .1
    .expect("changes asked");

    // The author changes the text and submits again: a second revision, with a diff.
    let desk = app
        .call_json::<FicheDesk>(&author, "innovation/desk", &[("id", &id_text)])
        .await
        .1
        .expect("desk");
    assert_eq!(
        (desk.state, desk.reviews.len()),
        (FicheState::ChangesRequested, 1)
    );
    let cleaner = "Le service de vélos partagés couvre toute la ville avec 1 400 stations, selon le bilan publié par la ville. <script>alert(1)</script>";
    save(
        &app,
        &author,
        Some(id),
        &form(field, "Vélos en libre-service", cleaner),
    )
    .await
    .1
    .expect("changed");
    app.call_json::<()>(&author, "innovation/submit", &[("id", &id_text)])
        .await
        .1
        .expect("resubmitted");
    let desk = app
        .call_json::<FicheDesk>(&editor, "innovation/desk", &[("id", &id_text)])
        .await
        .1
        .expect("desk");
    assert_eq!(desk.revisions.len(), 2);
    let (first, second) = (
        desk.revisions[0].id.to_string(),
        desk.revisions[1].id.to_string(),
    );
    let diff = app
        .call_json::<Vec<DiffLine>>(
            &editor,
            "innovation/diff",
            &[("id", &id_text), ("from", &first), ("to", &second)],
        )
        .await
        .1
        .expect("diff");
    assert!(diff
        .iter()
        .any(|l| l.kind == "removed" && l.text.contains("leader du marché")));
    assert!(diff
        .iter()
        .any(|l| l.kind == "added" && l.text.contains("1 400 stations")));
    assert_eq!(
        app.call_json::<Vec<DiffLine>>(
            &other,
            "innovation/diff",
            &[("id", &id_text), ("from", &first), ("to", &second)]
        )
        .await
        .0,
        404
    );

    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[("id", &id_text), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
    let view = app
        .call_json::<FicheView>(&visitor, "innovation/fiche", &[("id", &id_text)])
        .await
        .1
        .expect("public");
    assert!(
        view.body_html.contains("1 400 stations") && !view.body_html.contains("<script"),
        "{}",
        view.body_html
    );
    assert_eq!(
        view.interests,
        "Aucun lien avec l'exploitant ni avec la ville."
    );
    let html = visitor
        .get(app.url(&format!("/innovation/fiches/{id}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("\"@type\":\"Article\"")
            && html.contains("og:title")
            && !html.contains("<script>alert")
    );

    // Browsing finds it by field and country; a draft never shows.
    save(
        &app,
        &author,
        None,
        &form(field, "Un brouillon qui reste privé", cleaner),
    )
    .await
    .1
    .expect("draft");
    let by_field = app
        .call_json::<BrowseResults>(
            &visitor,
            "innovation/browse",
            &[("query[champ]", &field.to_string())],
        )
        .await
        .1
        .expect("catalogue");
    assert_eq!((by_field.total, by_field.fiches[0].id), (1, id));
    assert_eq!(
        app.call_json::<BrowseResults>(&visitor, "innovation/browse", &[("query[pays]", "Chili")])
            .await
            .1
            .expect("catalogue")
            .total,
        0
    );
    assert_eq!(
        app.call_json::<BrowseResults>(&visitor, "innovation/browse", &[("query[tag]", "vélo")])
            .await
            .1
            .expect("catalogue")
            .total,
        1
    );
    // Words, French or English, accents and plurals aside; the draft's words find nothing.
    let words = |q: &'static str| {
        let visitor = visitor.clone();
        let app = &app;
        async move {
            app.call_json::<BrowseResults>(&visitor, "innovation/browse", &[("query[q]", q)])
                .await
                .1
                .expect("catalogue")
                .total
        }
    };
    assert_eq!(words("stations ville").await, 1);
    assert_eq!(words("STATION").await, 1);
    assert_eq!(words("velos partages").await, 1);
    // A word whose French and English stems differ, both held by the fiche: counted once,
    // alone (the terms index alone) and with a filter (joined to the catalogue).
    let summary_and_results = "Un réseau de vélos partagés ouvert jour et nuit. Fréquentation mesurée chaque année. Aucun lien avec l'exploitant ni avec la ville.";
    let two_stems = summary_and_results
        .split_whitespace()
        .find(|w| {
            let stems = parvis::server::text::bilingual_words(w);
            stems.len() == 1 && stems[0].0 != stems[0].1
        })
        .expect("a word of the fiche with two stems");
    assert_eq!(words(two_stems).await, 1, "{two_stems}");
    assert_eq!(
        app.call_json::<BrowseResults>(
            &visitor,
            "innovation/browse",
            &[("query[q]", two_stems), ("query[pays]", "France")]
        )
        .await
        .1
        .expect("catalogue")
        .total,
        1
    );
    assert_eq!(words("tramway").await, 0);
    assert_eq!(words("brouillon privé").await, 0);

    // Open data, feeds and the sitemap carry the published fiche, never the draft.
    let json: serde_json::Value = visitor
        .get(app.url("/innovation/donnees.json"))
        .send()
        .await
        .expect("json")
        .json()
        .await
        .expect("json body");
    assert_eq!(
        (json["count"].as_i64(), json["fiches"][0]["id"].as_i64()),
        (Some(1), Some(id))
    );
    assert!(json["licence"]
        .as_str()
        .is_some_and(|l| l.contains("Licence Ouverte")));
    let csv = visitor
        .get(app.url("/innovation/donnees.csv"))
        .send()
        .await
        .expect("csv");
    assert!(csv
        .headers()
        .get("link")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("rel=\"license\"")));
    let csv = csv.text().await.expect("csv body");
    assert_eq!(csv.lines().count(), 2, "a header and one fiche: {csv}");
    assert!(csv.contains("Vélos en libre-service") && !csv.contains("brouillon"));
    let feed = visitor
        .get(app.url(&format!("/innovation/flux.atom?champ={field}")))
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("xml");
    assert!(
        feed.contains("<title>Vélos en libre-service</title>") && !feed.contains("brouillon"),
        "{feed}"
    );
    let sitemap = visitor
        .get(app.url("/sitemap.xml"))
        .send()
        .await
        .expect("sitemap")
        .text()
        .await
        .expect("xml");
    assert!(sitemap.contains(&format!("/innovation/fiches/{id}</loc>")));

    // A published fiche changes through the same review; readers keep the published text meanwhile.
    save(
        &app,
        &author,
        Some(id),
        &form(
            field,
            "Vélos en libre-service",
            &format!("{cleaner} Nouveau bilan en préparation."),
        ),
    )
    .await
    .1
    .expect("edited");
    let view = app
        .call_json::<FicheView>(&visitor, "innovation/fiche", &[("id", &id_text)])
        .await
        .1
        .expect("still public");
    assert!(!view.body_html.contains("Nouveau bilan"));
    let json = visitor
        .get(app.url("/innovation/donnees.json"))
        .send()
        .await
        .expect("json")
        .text()
        .await
        .expect("body");
    assert!(
        !json.contains("Nouveau bilan"),
        "unpublished changes stay out of the open data"
    );
}

/// A fiche written by author@ and published by editor@; returns its id.
#[tokio::test]
async fn members_comment_and_a_hidden_comment_disappears_from_page_and_feed() {
    use parvis::innovation::community::{FichePageData, ModerationDesk};
    let (app, field) = newsroom().await;
    let fiche = published_fiche(&app, field).await.to_string();
    let member = app.sign_in("other@example.org", PASSWORD).await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let visitor = app.client();

    assert_eq!(
        app.call_json::<i64>(
            &visitor,
            "innovation/comment",
            &[("fiche", &fiche), ("body", "Bonjour")]
        )
        .await
        .0,
        401
    );
    let (status, error) = app
        .call_json::<i64>(
            &member,
            "innovation/comment",
            &[("fiche", &fiche), ("body", "  ")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("empty").field_key("body")),
        (422, Some("field-required"))
    );
    assert_eq!(
        app.call_json::<i64>(
            &member,
            "innovation/comment",
            &[("fiche", "999999"), ("body", "Perdu")]
        )
        .await
        .0,
        404
    );
    let rude = app
        .call_json::<i64>(
            &member,
            "innovation/comment",
            &[
                ("fiche", &fiche),
                (
                    "body",
                    "Publicité ! <img src=x onerror=alert(1)> [ici](javascript:alert(1))",
                ),
            ],
        )
        .await
        .1
        .expect("posted");
    app.call_json::<i64>(
        &author,
        "innovation/comment",
        &[
            ("fiche", &fiche),
            ("body", "> Publicité\n\nMerci de rester sur le sujet."),
        ],
    )
    .await
    .1
    .expect("posted");

    let page = app
        .call_json::<FichePageData>(&visitor, "innovation/page", &[("id", &fiche)])
        .await
        .1
        .expect("page");
    assert_eq!(page.comments.len(), 2);
    assert!(
        !page.comments[0].body_html.contains("onerror")
            && !page.comments[0].body_html.contains("javascript:"),
        "{}",
        page.comments[0].body_html
    );
    assert!(page.comments[1].body_html.contains("<blockquote>"));
    assert!(!page.can_comment && !page.moderator);

    app.call_json::<()>(
        &author,
        "innovation/flag",
        &[
            ("kind", "comment"),
            ("id", &rude.to_string()),
            ("reason", "publicité"),
        ],
    )
    .await
    .1
    .expect("flagged");
    assert_eq!(
        app.call_json::<()>(
            &member,
            "innovation/moderate",
            &[
                ("kind", "comment"),
                ("id", &rude.to_string()),
                ("action", "hide")
            ]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        app.call_json::<ModerationDesk>(&member, "innovation/moderation", &[])
            .await
            .0,
        403
    );
    let desk = app
        .call_json::<ModerationDesk>(&editor, "innovation/moderation", &[])
        .await
        .1
        .expect("desk");
    assert_eq!(
        (desk.flagged.len(), desk.flagged[0].reasons.clone()),
        (1, vec!["publicité".to_string()])
    );
    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[
            ("kind", "comment"),
            ("id", &rude.to_string()),
            ("action", "hide"),
            ("reason", "promotion"),
        ],
    )
    .await
    .1
    .expect("hidden");

    // Gone for readers, from the page and from the feed; kept for editors, and logged.
    let page = app
        .call_json::<FichePageData>(&member, "innovation/page", &[("id", &fiche)])
        .await
        .1
        .expect("page");
    assert_eq!(page.comments.len(), 1);
    let feed = visitor
        .get(app.url(&format!("/innovation/fiches/{fiche}/commentaires.atom")))
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("xml");
    assert!(
        feed.contains("Merci de rester sur le sujet") && !feed.contains("Publicité !"),
        "{feed}"
    );
    let html = visitor
        .get(app.url(&format!("/innovation/fiches/{fiche}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!html.contains("Publicité !"));
    let seen_by_editor = app
        .call_json::<FichePageData>(&editor, "innovation/page", &[("id", &fiche)])
        .await
        .1
        .expect("page");
    assert!(seen_by_editor.comments.iter().any(|c| c.hidden));
    let desk = app
        .call_json::<ModerationDesk>(&editor, "innovation/moderation", &[])
        .await
        .1
        .expect("desk");
    assert!(
        desk.flagged.is_empty()
            && desk.log[0].action == "hide"
            && desk.log[0].reason == "promotion"
    );
    assert_eq!(
        app.call_json::<()>(
            &member,
            "innovation/flag",
            &[("kind", "comment"), ("id", &rude.to_string())]
        )
        .await
        .0,
        404,
        "a hidden comment cannot be flagged"
    );

    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[
            ("kind", "comment"),
            ("id", &rude.to_string()),
            ("action", "restore"),
        ],
    )
    .await
    .1
    .expect("restored");
    assert_eq!(
        app.call_json::<FichePageData>(&visitor, "innovation/page", &[("id", &fiche)])
            .await
            .1
            .expect("page")
            .comments
            .len(),
        2
    );
}

#[tokio::test]
async fn a_comment_notifies_the_fiches_followers_and_the_members_it_mentions() {
    use parvis::innovation::community::NotificationsData;
    let (app, field) = newsroom().await;
    let fiche = published_fiche(&app, field).await.to_string();
    app.sign_up_named("zoe@example.org", "Zoé Martin", PASSWORD)
        .await;
    let (author, other, zoe) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("zoe@example.org", PASSWORD).await,
    );
    let notes = |who: &reqwest::Client| {
        let who = who.clone();
        let app = &app;
        async move {
            app.call_json::<NotificationsData>(&who, "innovation/notifications", &[])
                .await
                .1
                .expect("notifications")
                .notifications
        }
    };

    app.call_json::<i64>(
        &other,
        "innovation/comment",
        &[
            ("fiche", &fiche),
            (
                "body",
                "Question pour @Zoé Martin : avez-vous mesuré la participation ?",
            ),
        ],
    )
    .await
    .1
    .expect("posted");
    let for_author = notes(&author).await;
    assert_eq!(
        (
            for_author.len(),
            for_author[0].kind.as_str(),
            for_author[0].unread
        ),
        (1, "comment", true),
        "the author follows their fiche"
    );
    let for_zoe = notes(&zoe).await;
    assert_eq!((for_zoe.len(), for_zoe[0].kind.as_str()), (1, "mention"));
    assert!(
        notes(&other).await.is_empty(),
        "nobody hears of their own comment"
    );

    // The commenter now follows the fiche and hears of the next comment; Zoé does not, until she follows.
    app.call_json::<i64>(
        &author,
        "innovation/comment",
        &[
            ("fiche", &fiche),
            ("body", "Oui, 12 % des habitants ont voté."),
        ],
    )
    .await
    .1
    .expect("posted");
    assert_eq!(notes(&other).await.len(), 1);
    assert_eq!(notes(&zoe).await.len(), 1);
    app.call_json::<()>(
        &zoe,
        "innovation/follow",
        &[("kind", "fiche"), ("target", &fiche), ("follow", "true")],
    )
    .await
    .1
    .expect("followed");
    app.call_json::<i64>(
        &other,
        "innovation/comment",
        &[("fiche", &fiche), ("body", "Merci !")],
    )
    .await
    .1
    .expect("posted");
    assert_eq!(notes(&zoe).await.len(), 2);
    app.call_json::<()>(&zoe, "innovation/notifications_read", &[])
        .await
        .1
        .expect("read");
    assert!(notes(&zoe).await.iter().all(|n| !n.unread));
    assert_eq!(
        app.call_json::<NotificationsData>(&app.client(), "innovation/notifications", &[])
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn members_find_each_other_in_the_directory_and_write_without_seeing_addresses() {
    use parvis::innovation::members::{DirectoryPage, MemberCard, CONTACTS_PER_DAY};
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let other = app.sign_in("other@example.org", PASSWORD).await;
    assert_eq!(
        app.call_json::<DirectoryPage>(&app.client(), "innovation/directory", &[])
            .await
            .0,
        401
    );

    let (status, error) = app
        .call_json::<()>(
            &author,
            "innovation/save_profile",
            &[("profile[job_title]", "Cheffe de projet")],
        )
        .await;
    assert_eq!(
        (
            status,
            error.expect_err("incomplete").field_key("organisation")
        ),
        (422, Some("field-required"))
    );
    let profile = [
        ("profile[job_title]", "Cheffe de projet mobilité"),
        ("profile[organisation]", "Ville de Lyon"),
        ("profile[city]", "Lyon"),
        ("profile[country]", "France"),
        ("profile[fields][0]", &field.to_string()),
        ("profile[languages]", "français, anglais"),
    ]
    .map(|(k, v)| (k, v.to_string()));
    let fields: Vec<(&str, &str)> = profile.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call_json::<()>(&author, "innovation/save_profile", &fields)
        .await
        .1
        .expect("saved");

    let found = |pairs: Vec<(&'static str, String)>| {
        let other = other.clone();
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call_json::<DirectoryPage>(&other, "innovation/directory", &fields)
                .await
                .1
                .expect("directory")
                .members
                .len()
        }
    };
    assert_eq!(found(vec![("q", "lyon".into())]).await, 1);
    assert_eq!(
        found(vec![
            ("field", field.to_string()),
            ("country", "France".into())
        ])
        .await,
        1
    );
    assert_eq!(found(vec![("q", "marseille".into())]).await, 0);

    let author_id = parvis::accounts::server::store::by_email(&app.state.db, "author@example.org")
        .await
        .expect("query")
        .expect("author")
        .id
        .to_string();
    let card = app
        .call_json::<MemberCard>(&other, "innovation/member", &[("id", &author_id)])
        .await
        .1
        .expect("card");
    assert_eq!(card.profile.organisation, "Ville de Lyon");
    app.call_json::<()>(
        &other,
        "innovation/contact",
        &[
            ("id", &author_id),
            (
                "body",
                "Bonjour, pouvons-nous échanger sur vos pistes cyclables ?",
            ),
        ],
    )
    .await
    .1
    .expect("sent");
    let mail = app
        .mail_containing(&["author@example.org", "pistes cyclables"])
        .await;
    assert!(
        !mail.contains("other@example.org"),
        "the sender's address stays hidden: {mail}"
    );
    assert_eq!(
        app.call_json::<()>(
            &author,
            "innovation/contact",
            &[("id", &author_id), ("body", "Moi-même")]
        )
        .await
        .0,
        422
    );
    for _ in 1..CONTACTS_PER_DAY {
        app.call_json::<()>(
            &other,
            "innovation/contact",
            &[("id", &author_id), ("body", "Encore")],
        )
        .await
        .1
        .expect("sent");
    }
    assert_eq!(
        app.call_json::<()>(
            &other,
            "innovation/contact",
            &[("id", &author_id), ("body", "Trop")]
        )
        .await
        .0,
        429
    );
}

#[tokio::test]
async fn authors_add_images_checked_by_content_and_size() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let other = app.sign_in("other@example.org", PASSWORD).await;
    let body = "Le texte de la fiche, assez long pour passer les vérifications de longueur, avec une image plus bas.";
    let id = save(
        &app,
        &author,
        None,
        &form(field, "Une fiche illustrée", body),
    )
    .await
    .1
    .expect("saved");
    let upload = |who: &reqwest::Client, bytes: Vec<u8>, name: &'static str| {
        let who = who.clone();
        let url = app.url("/innovation/images");
        async move {
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
            let form = reqwest::multipart::Form::new()
                .text("fiche", id.to_string())
                .part("image", part);
            let response = who.post(url).multipart(form).send().await.expect("upload");
            (
                response.status().as_u16(),
                response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string(),
            )
        }
    };
    // A real picture (8 × 8): what is not one is refused (tests/images.rs).
    let mut png = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb([29, 63, 143]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("PNG");
    let (status, location) = upload(&app.client(), png.clone(), "a.png").await;
    assert!(
        (300..400).contains(&status) && location.contains("/compte/connexion"),
        "{status} {location}"
    );
    assert_eq!(
        upload(&other, png.clone(), "a.png").await.0,
        404,
        "only the fiche's author adds images"
    );
    let (_, location) = upload(&author, b"<svg onload=alert(1)></svg>".to_vec(), "a.png").await;
    assert!(
        location.ends_with("image_error=field-image-type"),
        "{location}"
    );
    let (_, location) = upload(
        &author,
        [png.as_slice(), &vec![0u8; 3 * 1024 * 1024]].concat(),
        "big.png",
    )
    .await;
    assert!(location.contains("image_error="), "too big: {location}");
    let (_, location) = upload(&author, png.clone(), "a.png").await;
    let url = location
        .split("image=")
        .nth(1)
        .expect("image address")
        .to_string();
    let served = app.client().get(app.url(&url)).send().await.expect("image");
    assert_eq!(
        (
            served.status().as_u16(),
            served
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        ),
        (200, Some("image/png".to_string()))
    );
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), png);

    // Placed in the text, it renders as an image once published.
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    save(
        &app,
        &author,
        Some(id),
        &form(
            field,
            "Une fiche illustrée",
            &format!("{body}\n\n![Le quai]({url})"),
        ),
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
        &[("id", &id.to_string()), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
    let view = app
        .call_json::<FicheView>(
            &app.client(),
            "innovation/fiche",
            &[("id", &id.to_string())],
        )
        .await
        .1
        .expect("view");
    assert!(
        view.body_html
            .contains(&format!("<img src=\"{url}\" srcset=\"")),
        "{}",
        view.body_html
    );
    assert!(
        view.body_html.contains("alt=\"Le quai\""),
        "{}",
        view.body_html
    );
}

/// A stored code the program does not know (written by hand, or by a newer version) is an
/// error that names it, never a silent default: the store says which kind and which code,
/// the server function logs it and answers 500 with the internal-error message (no panic),
/// and the server keeps serving what does not read that row.
#[tokio::test]
async fn an_unknown_stored_code_is_a_clear_error_not_a_default() {
    let (app, field) = newsroom().await;
    let fiche = published_fiche(&app, field).await;
    let visitor = app.client();
    assert_eq!(
        app.call_json::<BrowseResults>(&visitor, "innovation/browse", &[])
            .await
            .0,
        200
    );
    sqlx::query("UPDATE fiche_catalogue SET maturity = 'prototype' WHERE fiche_id = $1")
        .bind(fiche)
        .execute(&app.state.db.pool)
        .await
        .expect("hand edit");
    let error = parvis::innovation::server::store::browse(
        &app.state.db,
        parvis::innovation::server::fiche_index::FicheIndex::of(&app.state).expect("registered"),
        &Default::default(),
        parvis::i18n::Locale::Fr,
    )
    .await
    .expect_err("unknown maturity");
    assert!(
        error.to_string().contains("unknown maturity \"prototype\""),
        "{error}"
    );
    let (status, result) = app
        .call_json::<BrowseResults>(&visitor, "innovation/browse", &[])
        .await;
    assert_eq!(
        (status, result.expect_err("refused")),
        (500, parvis::error::AppError::Internal)
    );
    assert_eq!(
        app.call_json::<FicheView>(&visitor, "innovation/fiche", &[("id", &fiche.to_string())])
            .await
            .0,
        200,
        "still serving"
    );

    // The same for an account's stored language (no CHECK guards that column).
    let author: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'author@example.org'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("author");
    sqlx::query("UPDATE users SET locale = 'tlh' WHERE id = $1")
        .bind(author)
        .execute(&app.state.db.pool)
        .await
        .expect("hand edit");
    let error = parvis::accounts::server::preferences::locale(&app.state.db, author)
        .await
        .expect_err("unknown locale");
    assert!(
        error.to_string().contains("unknown locale \"tlh\""),
        "{error}"
    );
}
