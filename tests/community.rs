//! The Innovation community beyond comments: discussion threads and their moderation, follows
//! of fields, cities and threads with their notifications, the e-mail digest, and linked
//! translations of fiches.

mod common;

use common::{
    fiches::{form, newsroom, published_fiche, save, PASSWORD},
    TestApp,
};
use parvis::innovation::{
    browse::BrowseResults,
    community::{FichePageData, ModerationDesk, Notification, NotificationsData},
    threads::{ThreadList, ThreadPageData},
};

async fn notes(app: &TestApp, who: &reqwest::Client) -> Vec<Notification> {
    app.call_json::<NotificationsData>(who, "innovation/notifications", &[])
        .await
        .1
        .expect("notifications")
        .notifications
}

async fn start(
    app: &TestApp,
    who: &reqwest::Client,
    title: &str,
    body: &str,
    field: i64,
) -> (u16, Result<i64, parvis::error::AppError>) {
    app.call_json::<i64>(
        who,
        "innovation/thread_start",
        &[
            ("thread[title]", title),
            ("thread[body]", body),
            ("thread[fields][0]", &field.to_string()),
        ],
    )
    .await
}

async fn thread_list(app: &TestApp, who: &reqwest::Client, query: &[(&str, &str)]) -> ThreadList {
    let form: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (format!("query[{k}]"), v.to_string()))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call_json::<ThreadList>(who, "innovation/threads", &form)
        .await
        .1
        .expect("threads")
}

#[tokio::test]
async fn a_question_tied_to_a_field_reaches_its_followers_and_replies_reach_the_thread() {
    let (app, field) = newsroom().await;
    app.sign_up_named("zoe@example.org", "Zoé Martin", PASSWORD)
        .await;
    let (author, other, zoe) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("zoe@example.org", PASSWORD).await,
    );
    let visitor = app.client();

    // Refusals: visitors, bad input, unknown fields; nothing is saved.
    assert_eq!(
        start(
            &app,
            &visitor,
            "Qui a essayé les jardins de pluie ?",
            "Détails",
            field
        )
        .await
        .0,
        401
    );
    let (status, error) = app
        .call_json::<i64>(
            &author,
            "innovation/thread_start",
            &[("thread[title]", "Qui"), ("thread[body]", " ")],
        )
        .await;
    let error = error.expect_err("incomplete");
    assert_eq!(
        (
            status,
            error.field_key("title"),
            error.field_key("body"),
            error.field_key("fields")
        ),
        (
            422,
            Some("thread-field-title"),
            Some("field-required"),
            Some("fiche-field-fields")
        )
    );
    assert_eq!(
        start(
            &app,
            &author,
            "Qui a essayé les jardins de pluie ?",
            "Détails",
            999_999
        )
        .await
        .0,
        422
    );
    assert_eq!(thread_list(&app, &visitor, &[]).await.total, 0);

    // Other follows the field; the question reaches them, not the asker.
    app.call_json::<()>(
        &other,
        "innovation/follow",
        &[
            ("kind", "field"),
            ("target", &field.to_string()),
            ("follow", "true"),
        ],
    )
    .await
    .1
    .expect("followed");
    assert_eq!(
        app.call_json::<()>(
            &other,
            "innovation/follow",
            &[("kind", "field"), ("target", "999999"), ("follow", "true")]
        )
        .await
        .0,
        404
    );
    let thread = start(
        &app,
        &author,
        "Qui a essayé les jardins de pluie ?",
        "Nous cherchons des retours **chiffrés** <script>alert(1)</script>",
        field,
    )
    .await
    .1
    .expect("started");
    let for_other = notes(&app, &other).await;
    assert_eq!(
        (
            for_other.len(),
            for_other[0].kind.as_str(),
            for_other[0].link.clone()
        ),
        (1, "thread", format!("/innovation/discussions/{thread}"))
    );
    assert!(notes(&app, &author).await.is_empty());

    // The page, sanitised; visitors read, only members reply.
    let id = thread.to_string();
    let page = app
        .call_json::<ThreadPageData>(&visitor, "innovation/thread", &[("id", &id)])
        .await
        .1
        .expect("page");
    assert!(
        page.question
            .body_html
            .contains("<strong>chiffrés</strong>")
            && !page.question.body_html.contains("<script"),
        "{}",
        page.question.body_html
    );
    assert!(!page.can_reply);
    assert_eq!(
        app.call_json::<i64>(
            &visitor,
            "innovation/thread_reply",
            &[("thread", &id), ("body", "Bonjour")]
        )
        .await
        .0,
        401
    );
    let (status, error) = app
        .call_json::<i64>(
            &other,
            "innovation/thread_reply",
            &[("thread", &id), ("body", "")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("empty").field_key("body")),
        (422, Some("field-required"))
    );

    // A reply tells the asker (who follows their thread) and mentions Zoé; the replier follows from now on.
    app.call_json::<i64>(
        &other,
        "innovation/thread_reply",
        &[
            ("thread", &id),
            ("body", "Oui, à Rennes. @Zoé Martin en sait plus."),
        ],
    )
    .await
    .1
    .expect("replied");
    assert_eq!(notes(&app, &author).await[0].kind, "reply");
    assert_eq!(notes(&app, &zoe).await[0].kind, "mention");
    app.call_json::<i64>(
        &zoe,
        "innovation/thread_reply",
        &[("thread", &id), ("body", "> à Rennes\n\nEt à Nantes.")],
    )
    .await
    .1
    .expect("replied");
    assert_eq!(
        notes(&app, &other)
            .await
            .iter()
            .filter(|n| n.kind == "reply")
            .count(),
        1,
        "the first replier follows the thread"
    );
    let page = app
        .call_json::<ThreadPageData>(&visitor, "innovation/thread", &[("id", &id)])
        .await
        .1
        .expect("page");
    assert_eq!(page.replies.len(), 2);
    assert!(page.replies[1].body_html.contains("<blockquote>"));

    // Found by words (stemmed, either language) and by field; the list counts replies.
    let found = thread_list(&app, &visitor, &[("q", "jardin pluie")]).await;
    assert_eq!((found.total, found.threads[0].replies), (1, 2));
    assert_eq!(
        thread_list(&app, &visitor, &[("q", "tramway")]).await.total,
        0
    );
    assert_eq!(
        thread_list(&app, &visitor, &[("champ", &field.to_string())])
            .await
            .total,
        1
    );
}

#[tokio::test]
async fn a_hidden_thread_or_reply_disappears_from_pages_lists_feeds_and_search() {
    let (app, field) = newsroom().await;
    let (author, other, editor) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("editor@example.org", PASSWORD).await,
    );
    let visitor = app.client();
    let thread = start(
        &app,
        &author,
        "Achetez nos capteurs miracle",
        "Promotion déguisée pour CapteurPlus",
        field,
    )
    .await
    .1
    .expect("started")
    .to_string();
    let kept = start(
        &app,
        &author,
        "Retours sur les capteurs de stationnement",
        "Qui les a évalués ?",
        field,
    )
    .await
    .1
    .expect("started")
    .to_string();
    let reply = app
        .call_json::<i64>(
            &other,
            "innovation/thread_reply",
            &[
                ("thread", &kept),
                ("body", "Lien commercial vers CapteurPlus"),
            ],
        )
        .await
        .1
        .expect("replied")
        .to_string();
    app.call_json::<i64>(
        &editor,
        "innovation/thread_reply",
        &[("thread", &kept), ("body", "Évaluation publiée en 2023.")],
    )
    .await
    .1
    .expect("replied");

    app.call_json::<()>(
        &other,
        "innovation/flag",
        &[("kind", "thread"), ("id", &thread), ("reason", "publicité")],
    )
    .await
    .1
    .expect("flagged");
    app.call_json::<()>(
        &author,
        "innovation/flag",
        &[
            ("kind", "reply"),
            ("id", &reply),
            ("reason", "lien commercial"),
        ],
    )
    .await
    .1
    .expect("flagged");
    assert_eq!(
        app.call_json::<()>(
            &other,
            "innovation/flag",
            &[("kind", "reply"), ("id", "999999")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        app.call_json::<()>(
            &other,
            "innovation/flag",
            &[("kind", "poll"), ("id", &reply)]
        )
        .await
        .0,
        400,
        "an unknown kind is refused"
    );
    let desk = app
        .call_json::<ModerationDesk>(&editor, "innovation/moderation", &[])
        .await
        .1
        .expect("desk");
    assert_eq!(desk.flagged.len(), 2);
    assert!(desk
        .flagged
        .iter()
        .any(|f| f.link == format!("/innovation/discussions/{kept}#reponse-{reply}")));
    assert_eq!(
        app.call_json::<()>(
            &other,
            "innovation/moderate",
            &[("kind", "thread"), ("id", &thread), ("action", "hide")]
        )
        .await
        .0,
        403
    );
    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[
            ("kind", "thread"),
            ("id", &thread),
            ("action", "hide"),
            ("reason", "promotion"),
        ],
    )
    .await
    .1
    .expect("hidden");
    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[
            ("kind", "reply"),
            ("id", &reply),
            ("action", "hide"),
            ("reason", "promotion"),
        ],
    )
    .await
    .1
    .expect("hidden");

    // Gone for readers everywhere; editors still see both, marked.
    assert_eq!(
        app.call_json::<ThreadPageData>(&visitor, "innovation/thread", &[("id", &thread)])
            .await
            .0,
        404
    );
    assert_eq!(
        app.call_json::<i64>(
            &other,
            "innovation/thread_reply",
            &[("thread", &thread), ("body", "Encore ?")]
        )
        .await
        .0,
        404,
        "no reply to a hidden thread"
    );
    let list = thread_list(&app, &visitor, &[]).await;
    assert_eq!(
        (list.total, list.threads[0].replies),
        (1, 1),
        "the hidden thread and reply are not listed nor counted"
    );
    assert_eq!(
        thread_list(&app, &visitor, &[("q", "capteurs miracle")])
            .await
            .total,
        0
    );
    let page = app
        .call_json::<ThreadPageData>(&visitor, "innovation/thread", &[("id", &kept)])
        .await
        .1
        .expect("page");
    assert!(
        page.replies
            .iter()
            .all(|r| !r.body_html.contains("CapteurPlus"))
            && page.replies.len() == 1
    );
    let feed = visitor
        .get(app.url("/innovation/discussions.atom"))
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("xml");
    assert!(
        feed.contains("Évaluation publiée")
            && !feed.contains("CapteurPlus")
            && !feed.contains("miracle"),
        "{feed}"
    );
    let html = visitor
        .get(app.url(&format!("/innovation/discussions/{kept}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Évaluation publiée") && !html.contains("CapteurPlus"));
    let seen = app
        .call_json::<ThreadPageData>(&editor, "innovation/thread", &[("id", &thread)])
        .await
        .1
        .expect("editor sees it");
    assert!(seen.question.hidden);
    let desk = app
        .call_json::<ModerationDesk>(&editor, "innovation/moderation", &[])
        .await
        .1
        .expect("desk");
    assert!(
        desk.flagged.is_empty()
            && desk.log.len() == 2
            && desk.log.iter().all(|l| l.reason == "promotion")
    );

    // Restored, then deleted with its replies and flags.
    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[("kind", "thread"), ("id", &thread), ("action", "restore")],
    )
    .await
    .1
    .expect("restored");
    assert_eq!(thread_list(&app, &visitor, &[]).await.total, 2);
    app.call_json::<()>(
        &editor,
        "innovation/moderate",
        &[
            ("kind", "thread"),
            ("id", &kept),
            ("action", "delete"),
            ("reason", "doublon"),
        ],
    )
    .await
    .1
    .expect("deleted");
    assert_eq!(
        app.call_json::<ThreadPageData>(&editor, "innovation/thread", &[("id", &kept)])
            .await
            .0,
        404
    );
    let left: i64 = sqlx::Row::try_get(
        &sqlx::query("SELECT COUNT(*) AS n FROM thread_replies")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count"),
        "n",
    )
    .expect("n");
    assert_eq!(left, 0);
}

#[tokio::test]
async fn followers_of_a_field_or_a_city_hear_of_a_newly_published_fiche_and_get_a_digest() {
    let (app, field) = newsroom().await;
    let (author, other, editor) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("editor@example.org", PASSWORD).await,
    );
    app.sign_up("zoe@example.org", PASSWORD).await;
    let zoe = app.sign_in("zoe@example.org", PASSWORD).await;

    // A city is followed as fiches spell it, once a fiche of it is published.
    assert_eq!(
        app.call_json::<()>(
            &zoe,
            "innovation/follow",
            &[
                ("kind", "city"),
                ("target", "Paris|France"),
                ("follow", "true")
            ]
        )
        .await
        .0,
        404
    );
    let first = published_fiche(&app, field).await;
    let browse = |city: &'static str| {
        let app = &app;
        async move {
            app.call_json::<BrowseResults>(
                &app.client(),
                "innovation/browse",
                &[("query[ville]", city)],
            )
            .await
            .1
            .expect("browse")
        }
    };
    let in_paris = browse("Paris").await;
    assert_eq!(
        (in_paris.total, in_paris.cities.clone()),
        (1, vec!["Paris".to_string()])
    );
    assert_eq!(browse("Lyon").await.total, 0);
    app.call_json::<()>(
        &zoe,
        "innovation/follow",
        &[
            ("kind", "city"),
            ("target", "Paris|France"),
            ("follow", "true"),
        ],
    )
    .await
    .1
    .expect("city");
    let page = app
        .call_json::<FichePageData>(&zoe, "innovation/page", &[("id", &first.to_string())])
        .await
        .1
        .expect("page");
    assert!(page.following_city && !page.following);
    app.call_json::<()>(
        &other,
        "innovation/follow",
        &[
            ("kind", "field"),
            ("target", &field.to_string()),
            ("follow", "true"),
        ],
    )
    .await
    .1
    .expect("field");
    let data = app
        .call_json::<NotificationsData>(&zoe, "innovation/notifications", &[])
        .await
        .1
        .expect("data");
    assert_eq!(
        (
            data.follows.len(),
            data.follows[0].label.as_str(),
            data.digest
        ),
        (1, "Paris, France", true)
    );

    // A second fiche in that field and city: both followers told, the author not.
    let body = "Les cours d'école sont transformées en îlots de fraîcheur ouverts aux habitants le week-end.";
    let second = save(&app, &author, None, &form(field, "Cours oasis", body))
        .await
        .1
        .expect("saved")
        .to_string();
    app.call_json::<()>(&author, "innovation/submit", &[("id", &second)])
        .await
        .1
        .expect("submitted");
    assert!(
        notes(&app, &zoe).await.is_empty(),
        "nothing before publication"
    );
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[("id", &second), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
    for who in [&zoe, &other] {
        let list = notes(&app, who).await;
        assert_eq!(
            (list.len(), list[0].kind.as_str(), list[0].subject.as_str()),
            (1, "fiche", "Cours oasis")
        );
    }
    assert!(notes(&app, &author).await.is_empty());

    // The digest mails each member's unread notifications once; read ones and opted-out members get nothing.
    app.call_json::<()>(&other, "innovation/digest", &[("on", "false")])
        .await
        .1
        .expect("digest off");
    assert!(
        !app.call_json::<NotificationsData>(&other, "innovation/notifications", &[])
            .await
            .1
            .expect("data")
            .digest
    );
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        1
    );
    let mail = app
        .mail_containing(&[
            "zoe@example.org",
            "Cours oasis",
            &format!("/innovation/fiches/{second}"),
        ])
        .await;
    assert!(mail.contains("/innovation/notifications"));
    assert!(!app.outbox().iter().any(|m| m.contains("other@example.org")));
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        0,
        "nothing is mailed twice"
    );
    app.call_json::<()>(&other, "innovation/digest", &[("on", "true")])
        .await
        .1
        .expect("digest on");
    app.call_json::<()>(&other, "innovation/notifications_read", &[])
        .await
        .1
        .expect("read");
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        0,
        "read notifications are not mailed"
    );

    // Unfollowing stops the news.
    app.call_json::<()>(
        &zoe,
        "innovation/follow",
        &[
            ("kind", "city"),
            ("target", "Paris|France"),
            ("follow", "false"),
        ],
    )
    .await
    .1
    .expect("unfollowed");
    assert!(app
        .call_json::<NotificationsData>(&zoe, "innovation/notifications", &[])
        .await
        .1
        .expect("data")
        .follows
        .is_empty());
}

#[tokio::test]
async fn a_fiche_links_to_its_translation_in_another_language() {
    let (app, field) = newsroom().await;
    let (author, other, editor) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("editor@example.org", PASSWORD).await,
    );
    let french = published_fiche(&app, field).await.to_string();
    let mut english_form = form(
        field,
        "Participatory budgeting",
        "Residents propose, then choose by vote, investment projects for their neighbourhood.",
    );
    english_form.retain(|(k, _)| k != "fiche[language]");
    english_form.push(("fiche[language]".into(), "en".into()));
    let english = save(&app, &other, None, &english_form)
        .await
        .1
        .expect("saved")
        .to_string();
    let french_draft = save(
        &app,
        &other,
        None,
        &form(
            field,
            "Budget participatif (bis)",
            "Une autre version française du même budget participatif de quartier.",
        ),
    )
    .await
    .1
    .expect("saved");

    // Only the author links; only to another published fiche in another language.
    assert_eq!(
        app.call_json::<()>(
            &author,
            "innovation/translation",
            &[("id", &english), ("original", &french)]
        )
        .await
        .0,
        404
    );
    let (status, error) = app
        .call_json::<()>(
            &other,
            "innovation/translation",
            &[("id", &french_draft.to_string()), ("original", &french)],
        )
        .await;
    assert_eq!(
        (
            status,
            error.expect_err("same language").field_key("original")
        ),
        (422, Some("translation-same-language"))
    );
    let (status, error) = app
        .call_json::<()>(
            &other,
            "innovation/translation",
            &[("id", &english), ("original", "999999")],
        )
        .await;
    assert_eq!(
        (status, error.expect_err("unknown").field_key("original")),
        (422, Some("translation-not-found"))
    );
    app.call_json::<()>(
        &other,
        "innovation/translation",
        &[("id", &english), ("original", &format!("#{french}"))],
    )
    .await
    .1
    .expect("linked");

    // Shown on each published page once both are published; the HTML carries hreflang links.
    let page = app
        .call_json::<FichePageData>(&app.client(), "innovation/page", &[("id", &french)])
        .await
        .1
        .expect("page");
    assert!(
        page.translations.is_empty(),
        "the translation is not published yet"
    );
    app.call_json::<()>(&other, "innovation/submit", &[("id", &english)])
        .await
        .1
        .expect("submitted");
    app.call_json::<()>(
        &editor,
        "innovation/review",
        &[("id", &english), ("action", "publish")],
    )
    .await
    .1
    .expect("published");
    let page = app
        .call_json::<FichePageData>(&app.client(), "innovation/page", &[("id", &french)])
        .await
        .1
        .expect("page");
    assert_eq!(
        (
            page.translations.len(),
            page.translations[0].language.as_str(),
            page.translations[0].title.as_str()
        ),
        (1, "en", "Participatory budgeting")
    );
    let page = app
        .call_json::<FichePageData>(&app.client(), "innovation/page", &[("id", &english)])
        .await
        .1
        .expect("page");
    assert_eq!(page.translations[0].fiche.to_string(), french);
    let html = app
        .client()
        .get(app.url(&format!("/innovation/fiches/{french}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("hreflang=\"en\"") && html.contains(&format!("/innovation/fiches/{english}")),
        "alternate link"
    );

    // Unlinking removes it from both pages.
    app.call_json::<()>(
        &other,
        "innovation/translation",
        &[("id", &english), ("original", "")],
    )
    .await
    .1
    .expect("unlinked");
    assert!(app
        .call_json::<FichePageData>(&app.client(), "innovation/page", &[("id", &french)])
        .await
        .1
        .expect("page")
        .translations
        .is_empty());
}

#[tokio::test]
async fn a_fiche_page_lists_related_fiches_by_shared_tags_fields_and_country() {
    let (app, field) = newsroom().await;
    let (author, editor) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("editor@example.org", PASSWORD).await,
    );
    let other_field = parvis::reference::server::store::load(&app.state.db)
        .await
        .expect("reference")
        .fields[4]
        .id;
    let publish = |form: Vec<(String, String)>| {
        let (app, author, editor) = (&app, author.clone(), editor.clone());
        async move {
            let id = save(app, &author, None, &form)
                .await
                .1
                .expect("saved")
                .to_string();
            app.call_json::<()>(&author, "innovation/submit", &[("id", &id)])
                .await
                .1
                .expect("submitted");
            app.call_json::<()>(
                &editor,
                "innovation/review",
                &[("id", &id), ("action", "publish")],
            )
            .await
            .1
            .expect("published");
            id
        }
    };
    let body = "Un service public de vélos partagés ouvert jour et nuit, avec des stations tous les 300 mètres.";
    let first = publish(form(field, "Vélos partagés", body)).await;
    let apart: Vec<(String, String)> = form(other_field, "Archives municipales ouvertes", body)
        .into_iter()
        .map(|(k, v)| match k.as_str() {
            "fiche[tags]" => (k, "archives, patrimoine".into()),
            "fiche[country]" => (k, "Sénégal".into()),
            _ => (k, v),
        })
        .collect();
    let unrelated = publish(apart).await;
    let second = publish(form(field, "Vélos cargo partagés", body)).await;

    let related = |id: String| {
        let app = &app;
        async move {
            app.call_json::<FichePageData>(&app.client(), "innovation/page", &[("id", &id)])
                .await
                .1
                .expect("page")
                .related
        }
    };
    // The newer fiche lists the first; publishing it also updated the first one's list.
    let of_second = related(second.clone()).await;
    assert_eq!(
        of_second.first().map(|f| f.fiche.to_string()),
        Some(first.clone()),
        "{of_second:?}"
    );
    assert!(
        of_second.iter().all(|f| f.fiche.to_string() != unrelated),
        "nothing in common: {of_second:?}"
    );
    assert_eq!(
        related(first.clone())
            .await
            .first()
            .map(|f| f.fiche.to_string()),
        Some(second.clone())
    );
    assert!(related(unrelated.clone()).await.is_empty());
    let html = app
        .client()
        .get(app.url(&format!("/innovation/fiches/{second}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("Fiches proches") && html.contains(&format!("/innovation/fiches/{first}"))
    );
}

#[tokio::test]
async fn notifications_of_hidden_contributions_leave_the_list_and_the_digest_until_restored() {
    let (app, field) = newsroom().await;
    sqlx::query("UPDATE users SET display_name = 'Zoe Martin', name_key = 'zoe martin' WHERE email = 'other@example.org'").execute(&app.state.db.pool).await.expect("name");
    let (author, other, editor) = (
        app.sign_in("author@example.org", PASSWORD).await,
        app.sign_in("other@example.org", PASSWORD).await,
        app.sign_in("editor@example.org", PASSWORD).await,
    );
    // Other hears of every kind: a fiche and a thread in a followed field, a mention in a
    // comment, a reply in a thread she took part in.
    app.call_json::<()>(
        &other,
        "innovation/follow",
        &[
            ("kind", "field"),
            ("target", &field.to_string()),
            ("follow", "true"),
        ],
    )
    .await
    .1
    .expect("field");
    let fiche = published_fiche(&app, field).await;
    let comment = app
        .call_json::<i64>(
            &author,
            "innovation/comment",
            &[
                ("fiche", &fiche.to_string()),
                ("body", "Merci @Zoe Martin pour la relecture"),
            ],
        )
        .await
        .1
        .expect("comment")
        .to_string();
    let thread = start(
        &app,
        &author,
        "Rain gardens who tried them",
        "Retours ?",
        field,
    )
    .await
    .1
    .expect("thread")
    .to_string();
    app.call_json::<i64>(
        &other,
        "innovation/thread_reply",
        &[("thread", &thread), ("body", "Nous, a Lyon.")],
    )
    .await
    .1
    .expect("reply");
    app.call_json::<i64>(
        &editor,
        "innovation/thread_reply",
        &[("thread", &thread), ("body", "Et a Nantes.")],
    )
    .await
    .1
    .expect("reply");
    let kinds = |list: Vec<Notification>| {
        let mut kinds: Vec<String> = list.into_iter().map(|n| n.kind).collect();
        kinds.sort();
        kinds
    };
    assert_eq!(
        kinds(notes(&app, &other).await),
        ["fiche", "mention", "reply", "thread"]
    );

    // An editor hides the comment and the thread: the mention, the thread and the reply in it
    // leave her list (links and titles), and the digest mails only the fiche.
    for (kind, id) in [("comment", &comment), ("thread", &thread)] {
        app.call_json::<()>(
            &editor,
            "innovation/moderate",
            &[
                ("kind", kind),
                ("id", id),
                ("action", "hide"),
                ("reason", "test"),
            ],
        )
        .await
        .1
        .expect("hidden");
    }
    let left = notes(&app, &other).await;
    assert_eq!(kinds(left.clone()), ["fiche"]);
    assert!(left
        .iter()
        .all(|n| !n.link.contains("commentaire") && !n.subject.contains("Rain gardens")));
    assert!(
        notes(&app, &author).await.is_empty(),
        "the author's reply news was in the hidden thread"
    );
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        1,
        "only Other has something visible"
    );
    let mail = app
        .mail_containing(&["other@example.org", &format!("/innovation/fiches/{fiche}")])
        .await;
    assert!(
        !mail.contains("commentaire")
            && !mail.contains("Rain gardens")
            && !mail.contains("discussions"),
        "{mail}"
    );

    // Restored: back in the list, and mailed in the next digest (they were never sent).
    for (kind, id) in [("comment", &comment), ("thread", &thread)] {
        app.call_json::<()>(
            &editor,
            "innovation/moderate",
            &[("kind", kind), ("id", id), ("action", "restore")],
        )
        .await
        .1
        .expect("restored");
    }
    assert_eq!(
        kinds(notes(&app, &other).await),
        ["fiche", "mention", "reply", "thread"]
    );
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        2,
        "Other, and the author (a reply in the restored thread)"
    );
    app.mail_containing(&[
        "other@example.org",
        "Rain gardens",
        &format!("#commentaire-{comment}"),
    ])
    .await;
    assert_eq!(
        parvis::innovation::server::digest::round(&app.state)
            .await
            .expect("round"),
        0,
        "nothing is mailed twice"
    );
}
