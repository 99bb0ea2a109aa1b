//! One text normalisation for everything matched (decomposed accents, capitals of any script,
//! ligatures, letters outside French), and bounded search text: offers, fiches, discussions,
//! the member directory, mentions, cities and tags; stored terms rebuilt at start.

mod common;

use common::{
    fiches::{form, newsroom, save, PASSWORD},
    TestApp,
};
use parvis::{
    accounts::types::Role,
    innovation::{
        browse::BrowseResults, community::NotificationsData, members::DirectoryPage,
        threads::ThreadList,
    },
    query_text::{MAX_QUERY_CHARS, MAX_QUERY_WORDS},
    stages::search::SearchResults,
};

/// An app with a host agent of DFA's first service (whose names hold none of the words searched), signed in.
async fn stages_desk() -> (TestApp, reqwest::Client, i64) {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DFA").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    (app, agent, service)
}

/// The ids of the offers `q` finds on server `base`.
async fn offers_found(app: &TestApp, base: &str, q: &str) -> Vec<i64> {
    let response = app
        .client()
        .post(format!("{base}/api/stages/search"))
        .form(&[("query[q]", q)])
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), 200, "search {q:?}");
    let mut ids: Vec<i64> = response
        .json::<SearchResults>()
        .await
        .expect("results")
        .offers
        .iter()
        .map(|o| o.id)
        .collect();
    ids.sort();
    ids
}

async fn threads_found(app: &TestApp, who: &reqwest::Client, q: &str) -> (u16, Option<ThreadList>) {
    let (status, list) = app
        .call_json::<ThreadList>(who, "innovation/threads", &[("query[q]", q)])
        .await;
    (status, list.ok())
}

async fn fiches_found(app: &TestApp, pairs: &[(&str, &str)]) -> (u16, Option<BrowseResults>) {
    let fields: Vec<(String, &str)> = pairs
        .iter()
        .map(|(k, v)| (format!("query[{k}]"), *v))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let (status, catalogue) = app
        .call_json::<BrowseResults>(&app.client(), "innovation/browse", &fields)
        .await;
    (status, catalogue.ok())
}

async fn directory(app: &TestApp, who: &reqwest::Client, q: &str) -> (u16, Vec<String>) {
    let (status, page) = app
        .call_json::<DirectoryPage>(who, "innovation/directory", &[("q", q)])
        .await;
    (
        status,
        page.map(|p| p.members.into_iter().map(|m| m.name).collect())
            .unwrap_or_default(),
    )
}

#[tokio::test]
async fn offers_are_found_whatever_form_the_accents_ligatures_and_capitals_take() {
    let (app, agent, service) = stages_desk().await;
    let ecology = app
        .publish_offer(&agent, service, "Écologie urbaine au quotidien")
        .await;
    let works = app
        .publish_offer(&agent, service, "Mise en œuvre du plan vélo")
        .await;
    let opening = app
        .publish_offer(&agent, service, "Ouvrir les jardins le soir")
        .await;
    let world = app
        .publish_offer(&agent, service, "Straße, Søndergade, Łódź et Señora")
        .await;

    for typed in [
        "écologie",
        "e\u{301}cologie",
        "ÉCOLOGIE",
        "E\u{301}COLOGIE",
        "ecologie",
    ] {
        assert_eq!(
            offers_found(&app, &app.base, typed).await,
            vec![ecology],
            "{typed:?}"
        );
    }
    assert_eq!(
        offers_found(&app, &app.base, "mise en oeuvre").await,
        vec![works]
    );
    assert_eq!(
        offers_found(&app, &app.base, "MISE EN ŒUVRE").await,
        vec![works]
    );
    assert_eq!(
        offers_found(&app, &app.base, "ouvrir").await,
        vec![opening],
        "œuvre is not ouvrir"
    );
    for typed in ["strasse", "sondergade", "lodz", "senora", "STRASSE"] {
        assert_eq!(
            offers_found(&app, &app.base, typed).await,
            vec![world],
            "{typed:?}"
        );
    }
}

#[tokio::test]
async fn a_search_of_130000_characters_answers_with_its_first_words_only() {
    let (app, agent, service) = stages_desk().await;
    let garden = app
        .publish_offer(&agent, service, "Jardin partagé du quartier")
        .await;
    // 16 words that find the offer, then words that would find nothing were they searched.
    let mut q = "jardin ".repeat(MAX_QUERY_WORDS);
    while q.len() < 130_000 {
        q.push_str("introuvable ");
    }
    assert_eq!(
        offers_found(&app, &app.base, &q).await,
        vec![garden],
        "the words past the bound are dropped"
    );
    let one_word = "a".repeat(130_000);
    assert_eq!(
        offers_found(&app, &app.base, &one_word).await,
        Vec::<i64>::new()
    );

    // The feed of that search names the query as searched: trimmed. (A URL holds at most
    // 64 KiB, so the feed gets the first 60,000 characters.)
    let feed = app
        .client()
        .get(app.url("/stages/flux.atom"))
        .query(&[("q", &q[..60_000])])
        .send()
        .await
        .expect("feed");
    assert_eq!(feed.status(), 200);
    let body = feed.text().await.expect("feed body");
    assert!(
        body.contains(&format!(
            "« {} »",
            "jardin ".repeat(MAX_QUERY_WORDS).trim_end()
        )),
        "{}",
        &body[..body.len().min(600)]
    );
    assert!(!body.contains("introuvable"));
    assert!(
        body.len() < 20_000,
        "the feed does not carry the 130,000 characters"
    );
}

#[tokio::test]
async fn discussions_fiches_and_the_directory_answer_996_words() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let thread = app
        .call_json::<i64>(
            &author,
            "innovation/thread_start",
            &[
                ("thread[title]", "Jardins de pluie"),
                ("thread[body]", "Qui en a construit ?"),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    let words: String = (0..996).map(|n| format!("mot{n} ")).collect();
    let found_first = format!("jardins {words}");

    let (status, list) = threads_found(&app, &author, &words).await;
    assert_eq!((status, list.map(|l| l.total)), (200, Some(0)));
    // Only the first words are searched: "jardins" and fifteen words that match nothing.
    let (status, list) = threads_found(&app, &author, &found_first).await;
    assert_eq!((status, list.map(|l| l.total)), (200, Some(0)));
    let (status, list) = threads_found(&app, &author, &"jardins ".repeat(996)).await;
    assert_eq!(
        (
            status,
            list.map(|l| l.threads.iter().map(|t| t.id).collect::<Vec<_>>())
        ),
        (200, Some(vec![thread]))
    );

    let (status, catalogue) = fiches_found(&app, &[("q", &words)]).await;
    assert_eq!((status, catalogue.map(|c| c.total)), (200, Some(0)));

    app.call_json::<()>(
        &author,
        "innovation/save_profile",
        &[
            ("profile[job_title]", "Paysagiste"),
            ("profile[organisation]", "Ville"),
            ("profile[city]", "Lyon"),
            ("profile[country]", "France"),
        ],
    )
    .await
    .1
    .expect("profile");
    assert_eq!(directory(&app, &author, &words).await, (200, vec![]));
    assert_eq!(directory(&app, &author, &"lyon ".repeat(996)).await.0, 200);
    assert_eq!(
        directory(&app, &author, &"lyon ".repeat(996)).await.1.len(),
        1
    );
    assert_eq!(
        directory(&app, &author, &"é".repeat(MAX_QUERY_CHARS * 100))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn fiches_threads_cities_and_tags_fold_on_both_sides() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    let mut fiche = form(
        field,
        "Œuvres d'art dans la rue",
        "La mise en œuvre associe les habitants à chaque fresque.",
    );
    for (key, value) in fiche.iter_mut() {
        match key.as_str() {
            "fiche[city]" => *value = "Montréal".into(),
            "fiche[tags]" => *value = "art urbain, Éducation".into(),
            _ => {}
        }
    }
    let id = save(&app, &author, None, &fiche).await.1.expect("saved");
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

    let total = |(status, catalogue): (u16, Option<BrowseResults>)| {
        (status, catalogue.map(|c| c.total).unwrap_or(-1))
    };
    assert_eq!(
        total(fiches_found(&app, &[("q", "mise en oeuvre")]).await),
        (200, 1)
    );
    assert_eq!(
        total(fiches_found(&app, &[("q", "OEUVRES")]).await),
        (200, 1)
    );
    assert_eq!(
        total(fiches_found(&app, &[("q", "ouvrir")]).await),
        (200, 0)
    );
    for city in ["Montréal", "montreal", "MONTRE\u{301}AL"] {
        assert_eq!(
            total(fiches_found(&app, &[("ville", city)]).await),
            (200, 1),
            "{city:?}"
        );
    }
    for tag in ["éducation", "education", "Education"] {
        assert_eq!(
            total(fiches_found(&app, &[("tag", tag)]).await),
            (200, 1),
            "{tag:?}"
        );
    }

    // Following the city however it is spelt is following that city.
    let other = app.sign_in("other@example.org", PASSWORD).await;
    app.call_json::<()>(
        &other,
        "innovation/follow",
        &[
            ("kind", "city"),
            ("target", "MONTREAL|France"),
            ("follow", "true"),
        ],
    )
    .await
    .1
    .expect("followed");
    let page = app
        .call_json::<parvis::innovation::community::FichePageData>(
            &other,
            "innovation/page",
            &[("id", &id.to_string())],
        )
        .await
        .1
        .expect("page");
    assert!(page.following_city);

    let thread = app
        .call_json::<i64>(
            &author,
            "innovation/thread_start",
            &[
                ("thread[title]", "Œuvres partagées"),
                ("thread[body]", "Une activité pour l'été."),
                ("thread[fields][0]", &field.to_string()),
            ],
        )
        .await
        .1
        .expect("thread");
    let ids = |list: Option<ThreadList>| {
        list.map(|l| l.threads.iter().map(|t| t.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(
        ids(threads_found(&app, &author, "oeuvres").await.1),
        vec![thread]
    );
    assert_eq!(
        ids(threads_found(&app, &author, "activite ete").await.1),
        vec![thread]
    );
    assert_eq!(
        ids(threads_found(&app, &author, "ouvrir").await.1),
        Vec::<i64>::new()
    );
}

#[tokio::test]
async fn a_member_is_found_and_mentioned_by_any_form_of_their_name() {
    let (app, field) = newsroom().await;
    let emile = app
        .sign_up_named("emile@example.org", "Émile Öztürk", PASSWORD)
        .await;
    app.call_json::<()>(
        &emile,
        "innovation/save_profile",
        &[
            ("profile[job_title]", "Urbaniste"),
            ("profile[organisation]", "Métropole"),
            ("profile[city]", "İzmir"),
            ("profile[country]", "Turquie"),
        ],
    )
    .await
    .1
    .expect("profile");
    let other = app.sign_in("other@example.org", PASSWORD).await;
    for typed in [
        "Émile",
        "émile",
        "Öztürk",
        "ozturk",
        "Émile Öztürk",
        "ÉMILE ÖZTÜRK",
        "E\u{301}mile",
        "izmir",
        "METROPOLE",
    ] {
        assert_eq!(
            directory(&app, &other, typed).await,
            (200, vec!["Émile Öztürk".to_string()]),
            "{typed:?}"
        );
    }
    assert_eq!(directory(&app, &other, "Émilie").await, (200, vec![]));

    let fiche = common::fiches::published_fiche(&app, field)
        .await
        .to_string();
    for body in [
        "Merci @émile öztürk !",
        "Voir @Emile Ozturk.",
        "Et @ÉMILE ÖZTÜRK aussi",
        "Et @E\u{301}mile O\u{308}ztu\u{308}rk",
    ] {
        app.call_json::<i64>(
            &other,
            "innovation/comment",
            &[("fiche", &fiche), ("body", body)],
        )
        .await
        .1
        .expect("posted");
    }
    let notes = app
        .call_json::<NotificationsData>(&emile, "innovation/notifications", &[])
        .await
        .1
        .expect("notes")
        .notifications;
    assert_eq!(
        notes.iter().filter(|n| n.kind == "mention").count(),
        4,
        "{notes:?}"
    );

    // The accounts admin search compares names the same way.
    app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::SiteAdmin, None).await;
    let admin = app.sign_in("admin@example.org", PASSWORD).await;
    let found = app
        .call_json::<Vec<parvis::accounts::types::CurrentUser>>(
            &admin,
            "admin/accounts",
            &[("query", "ÖZTÜRK")],
        )
        .await
        .1
        .expect("accounts");
    assert_eq!(
        found
            .iter()
            .map(|u| u.display_name.as_str())
            .collect::<Vec<_>>(),
        vec!["Émile Öztürk"]
    );
}

#[tokio::test]
async fn terms_stored_by_the_old_normalisation_are_rebuilt_at_start() {
    let (app, agent, service) = stages_desk().await;
    let works = app
        .publish_offer(&agent, service, "Mise en œuvre du plan vélo")
        .await;
    app.sign_up_named("emile@example.org", "Émile Öztürk", PASSWORD)
        .await;
    // What the database held before: terms stemmed then folded letter by letter (œ → o), no
    // name keys, no normalisation version.
    let pool = &app.state.db.pool;
    sqlx::query("UPDATE offers SET search_terms = ' mis ouvr plan velo ', title_terms = ' mis ouvr plan velo ' WHERE id = $1").bind(works).execute(pool).await.expect("old terms");
    sqlx::query("UPDATE users SET name_key = ''")
        .execute(pool)
        .await
        .expect("old names");
    sqlx::query("DELETE FROM text_normalisation")
        .execute(pool)
        .await
        .expect("old version");
    assert_eq!(
        parvis::server::text_rebuild::stored_version(&app.state.db)
            .await
            .expect("version"),
        0
    );

    // A process started on that database rebuilds the terms before it serves.
    let (second, state) = app.spawn_beside().await;
    assert_eq!(
        offers_found(&app, &second, "mise en oeuvre").await,
        vec![works]
    );
    assert_eq!(
        offers_found(&app, &second, "ouvrir").await,
        Vec::<i64>::new()
    );
    assert_eq!(
        parvis::server::text_rebuild::stored_version(&state.db)
            .await
            .expect("version"),
        parvis::server::text::NORMALISATION_VERSION
    );
    let key: String =
        sqlx::query_scalar("SELECT name_key FROM users WHERE email = 'emile@example.org'")
            .fetch_one(pool)
            .await
            .expect("key");
    assert_eq!(key, "emile ozturk");
}
