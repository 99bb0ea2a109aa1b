//! Page numbers from the URL (issue 10, finding 9; issue 9): every paged list — offer search
//! (page and server function), the innovation catalogue, discussions — reads `page` through
//! one clamped parser, so a huge, negative, zero or non-numeric page is a sensible page,
//! never a 500 or a dropped connection. Every other list and feed is asked the same pages.

mod common;

use common::{
    fiches::{newsroom, published_fiche, PASSWORD},
    TestApp,
};
use parvis::{
    accounts::types::Role,
    innovation::{browse::BrowseResults, threads::ThreadList},
    paging::PageNumber,
    stages::search::SearchResults,
};

/// (what the URL says, the page it must give).
const PAGES: [(&str, i64); 14] = [
    ("9223372036854775807", PageNumber::MAX),
    ("1000000000000000000", PageNumber::MAX),
    ("99999999999999999999999999999", PageNumber::MAX),
    ("10001", PageNumber::MAX),
    ("-1", 1),
    ("-9223372036854775808", 1),
    ("-99999999999999999999999999999", 1),
    ("0", 1),
    ("abc", 1),
    ("", 1),
    ("1e3", 1),
    ("٣", 1),
    ("2.5", 1),
    ("2", 2),
];

/// An app with an offer, a fiche and a thread, and a client holding every role.
async fn seeded() -> (TestApp, reqwest::Client) {
    let (app, field) = newsroom().await;
    published_fiche(&app, field).await;
    let (direction, service) = app.direction("DEVE").await;
    for (role, scope) in [
        (Role::SiteAdmin, None),
        (Role::DirectionAdmin, Some(direction)),
        (Role::HostAgent, Some(service)),
    ] {
        app.grant("editor@example.org", role, scope).await;
    }
    let everyone = app.sign_in("editor@example.org", PASSWORD).await;
    app.publish_offer(&everyone, service, "Stage jardins partagés")
        .await;
    app.call_json::<i64>(
        &everyone,
        "innovation/thread_start",
        &[
            ("thread[title]", "Qui a essayé les jardins de pluie ?"),
            ("thread[body]", "Retours ?"),
            ("thread[fields][0]", &field.to_string()),
        ],
    )
    .await
    .1
    .expect("thread");
    (app, everyone)
}

#[tokio::test]
async fn paged_lists_clamp_the_page_number() {
    let (app, everyone) = seeded().await;
    for (raw, page) in PAGES {
        let offers = app
            .call_json::<SearchResults>(&everyone, "stages/search", &[("query[page]", raw)])
            .await
            .1
            .unwrap_or_else(|e| panic!("search page {raw:?}: {e:?}"));
        assert_eq!(
            (offers.page, offers.total, offers.offers.len()),
            (page, 1, usize::from(page == 1)),
            "search page {raw:?}"
        );
        let fiches = app
            .call_json::<BrowseResults>(&everyone, "innovation/browse", &[("query[page]", raw)])
            .await
            .1
            .unwrap_or_else(|e| panic!("browse page {raw:?}: {e:?}"));
        assert_eq!(
            (fiches.page, fiches.total, fiches.fiches.len()),
            (page, 1, usize::from(page == 1)),
            "catalogue page {raw:?}"
        );
        let threads = app
            .call_json::<ThreadList>(&everyone, "innovation/threads", &[("query[page]", raw)])
            .await
            .1
            .unwrap_or_else(|e| panic!("threads page {raw:?}: {e:?}"));
        assert_eq!(
            (threads.page, threads.total, threads.threads.len()),
            (page, 1, usize::from(page == 1)),
            "threads page {raw:?}"
        );
    }
    // The pages themselves: the first shows the offer, the clamped last one a link back.
    let html = |path: String| {
        let client = everyone.clone();
        async move {
            let answer = client
                .get(path.clone())
                .send()
                .await
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(answer.status(), 200, "{path}");
            answer.text().await.expect("html")
        }
    };
    assert!(html(app.url("/stages?page=-3"))
        .await
        .contains("Stage jardins partagés"));
    let last = html(app.url("/stages?page=9223372036854775807")).await;
    assert!(
        !last.contains("Stage jardins partagés")
            && last.contains(&format!("page={}", PageNumber::MAX - 1)),
        "a link to the page before"
    );
    assert!(html(app.url("/innovation?page=0"))
        .await
        .contains("Budget participatif"));
    assert!(html(app.url("/innovation/discussions?page=abc"))
        .await
        .contains("jardins de pluie"));
}

#[tokio::test]
async fn no_list_or_feed_fails_on_a_hostile_page_number() {
    let (app, everyone) = seeded().await;
    let visitor = app.client();
    let routes = [
        "/stages",
        "/stages/flux.atom",
        "/stages/gestion",
        "/stages/candidatures",
        "/stages/alertes",
        "/stages/direction",
        "/stages/tableau-de-bord",
        "/stages/export.csv",
        "/innovation",
        "/innovation/flux.atom",
        "/innovation/discussions",
        "/innovation/discussions.atom",
        "/innovation/donnees.json",
        "/innovation/donnees.csv",
        "/innovation/mes-fiches",
        "/innovation/relecture",
        "/innovation/moderation",
        "/innovation/notifications",
        "/innovation/membres",
        "/admin",
        "/sitemap.xml",
    ];
    for route in routes {
        for (raw, _) in PAGES {
            for client in [&everyone, &visitor] {
                let url = format!("{}?page={}", app.url(route), raw);
                let answer = client
                    .get(&url)
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{url}: connection failed: {e}"));
                assert!(
                    !answer.status().is_server_error(),
                    "{url}: {}",
                    answer.status()
                );
                answer
                    .bytes()
                    .await
                    .unwrap_or_else(|e| panic!("{url}: body cut: {e}"));
            }
        }
    }
}
