//! The live wiki over real HTTP and real WebSockets, on the backend `PARVIS_TEST_BACKEND`
//! names: pages created and read, editors speaking the standard Yjs protocol who converge,
//! what was relayed kept across a new server process, the server as the authority on who
//! writes (readers, forged client ids, awareness names, removal and demotion within seconds),
//! hostile frames that close only their connection, compaction, and two server processes
//! relaying each other's edits (PostgreSQL).

mod common;

use common::{
    binary,
    yjs::{self, Editor},
    TestApp,
};
use parvis::{
    accounts::types::Role,
    error::AppError,
    espaces::types::SpaceRole,
    wiki::{
        history_types::{WikiBlame, WikiHistory},
        server::{follows, revision_round, tree},
        types::{WikiIndex, WikiPageView},
    },
};
use reqwest::Client;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";

/// A space with the wiki on, one page, and its people's session cookies.
struct Wiki {
    id: i64,
    page: i64,
    animator: Client,
    animator_cookie: String,
    ada_cookie: String,
    ada_id: i64,
    bob_cookie: String,
    reader_cookie: String,
    outsider_cookie: String,
}

async fn wiki(app: &TestApp) -> Wiki {
    let (_, service) = app.direction("DEVE").await;
    let animator = app
        .sign_up_named("agathe@paris.example", "Agathe Agent", PASSWORD)
        .await;
    app.grant("agathe@paris.example", Role::HostAgent, Some(service))
        .await;
    let (status, id) = app
        .call_json::<i64>(
            &animator,
            "espaces/create",
            &[("template", "plan"), ("name", "Plan vélo")],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("space");
    let mut cookies = Vec::new();
    let mut ada_id = 0;
    for (email, name, role) in [
        (
            "ada@example.org",
            "Ada Lovelace",
            Some(SpaceRole::Contributor),
        ),
        (
            "bob@example.org",
            "Bob Martin",
            Some(SpaceRole::Contributor),
        ),
        ("rita@example.org", "Rita Lectrice", Some(SpaceRole::Reader)),
        ("omar@example.org", "Omar Dehors", None),
    ] {
        app.sign_up_named(email, name, PASSWORD).await;
        if let Some(role) = role {
            let member = app.add_space_member(id, email, role).await;
            if email.starts_with("ada") {
                ada_id = member;
            }
        }
        cookies.push(app.session_cookie(email, PASSWORD).await);
    }
    let page = create(app, &animator, id, "Itinéraires")
        .await
        .expect("page");
    let [ada_cookie, bob_cookie, reader_cookie, outsider_cookie] =
        <[String; 4]>::try_from(cookies).expect("four");
    Wiki {
        id,
        page,
        animator_cookie: app.session_cookie("agathe@paris.example", PASSWORD).await,
        animator,
        ada_cookie,
        ada_id,
        bob_cookie,
        reader_cookie,
        outsider_cookie,
    }
}

async fn create(app: &TestApp, client: &Client, space: i64, title: &str) -> Result<i64, AppError> {
    app.call_json::<i64>(
        client,
        "wiki/create",
        &[("id", &space.to_string()), ("title", title)],
    )
    .await
    .1
}

async fn read(app: &TestApp, client: &Client, space: i64, page: i64) -> WikiPageView {
    let (status, view) = app
        .call_json::<WikiPageView>(
            client,
            "wiki/page",
            &[("id", &space.to_string()), ("page", &page.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{view:?}");
    view.expect("page")
}

/// Editing goes quiet: the clock moves past the quiet time (and stays there: a test that
/// calls this decides when revisions are cut) and the round cuts what changed; how many
/// revisions were cut (counted in the database: the app's own worker runs the round too, and
/// may be the one that cuts them).
async fn quiet(app: &TestApp) -> i64 {
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM wiki_revisions")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count")
    };
    let before = count().await;
    let later = jiff::SignedDuration::from_secs(revision_round::QUIET_SECONDS + 1);
    app.state
        .clock
        .set(app.state.clock.now().checked_add(later).expect("later"));
    revision_round::cut_quiet_pages(&app.state)
        .await
        .expect("round");
    count().await - before
}

async fn log_rows(app: &TestApp, page: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM wiki_updates WHERE page_id = $1")
        .bind(page)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn editor(app: &TestApp, cookie: &str, w: &Wiki, client: u64) -> Editor {
    let mut editor = yjs::open(&app.base, cookie, w.id, w.page, client)
        .await
        .expect("connected");
    editor.pump(Duration::from_millis(200)).await;
    editor
}

#[tokio::test]
async fn pages_are_created_listed_and_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let again = create(&app, &w.animator, w.id, "  itinéraires ").await;
    assert!(
        matches!(&again, Err(AppError::Invalid(errors)) if errors[0].key == "wiki-title-taken"),
        "{again:?}"
    );
    for bad in ["", "[[x]]", "a|b", &"é".repeat(121)] {
        let refused = create(&app, &w.animator, w.id, bad).await;
        assert!(
            matches!(refused, Err(AppError::Invalid(_))),
            "{bad:?}: {refused:?}"
        );
    }
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    let refused = create(&app, &reader, w.id, "Lecture").await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let outsider = app.sign_in("omar@example.org", PASSWORD).await;
    let hidden = create(&app, &outsider, w.id, "Dehors").await;
    assert!(matches!(hidden, Err(AppError::NotFound)), "{hidden:?}");
    let second = create(&app, &w.animator, w.id, "Stationnement")
        .await
        .expect("second");
    let (status, index) = app
        .call_json::<WikiIndex>(&reader, "wiki/index", &[("id", &w.id.to_string())])
        .await;
    assert_eq!(status, 200);
    let index = index.expect("index");
    assert!(!index.can_edit);
    let ids: Vec<i64> = index.pages.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![w.page, second]);
    let html = app
        .client()
        .get(app.url(&format!("/espaces/{}/wiki/{}", w.id, w.page)))
        .send()
        .await
        .expect("page");
    assert_eq!(
        html.status(),
        404,
        "a visitor does not see a private space's page"
    );
}

/// The tree of `index`'s pages: "A(B C) D".
fn shape(index: WikiIndex) -> String {
    fn of(branches: &[parvis::wiki::tree::Branch]) -> String {
        branches
            .iter()
            .map(|b| match b.children.is_empty() {
                true => b.page.title.clone(),
                false => format!("{}({})", b.page.title, of(&b.children)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    of(&parvis::wiki::tree::tree(index.pages))
}

async fn sub_page(app: &TestApp, client: &Client, space: i64, title: &str, parent: i64) -> i64 {
    let form = [("id", space.to_string()), ("title", title.into()), ("parent", parent.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call_json::<i64>(client, "wiki/create", &form)
        .await
        .1
        .expect("sub-page")
}

async fn move_page(app: &TestApp, client: &Client, space: i64, page: i64, parent: i64) -> (u16, Result<(), AppError>) {
    let form = [("id", space.to_string()), ("page", page.to_string()), ("parent", parent.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call_json::<()>(client, "wiki/move", &form).await
}

async fn reorder(app: &TestApp, client: &Client, space: i64, page: i64, earlier: bool) -> bool {
    let form = [("id", space.to_string()), ("page", page.to_string()), ("earlier", earlier.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call_json::<bool>(client, "wiki/reorder", &form)
        .await
        .1
        .expect("reordered")
}

#[tokio::test]
async fn pages_move_in_a_tree_and_never_under_themselves() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let (a, space) = (&w.animator, w.id);
    let ponts = sub_page(&app, a, space, "Ponts", w.page).await;
    let quais = create(&app, a, space, "Quais").await.expect("page");
    let passerelles = sub_page(&app, a, space, "Passerelles", ponts).await;
    let tree = || async { shape(index(&app, a, &w, "", "").await) };
    assert_eq!(tree().await, "Itinéraires(Ponts(Passerelles)) Quais");
    let titles = |links: &[parvis::wiki::types::PageLink]| {
        links.iter().map(|l| l.title.clone()).collect::<Vec<_>>()
    };
    let standing = read(&app, a, space, passerelles).await.tree;
    assert_eq!(titles(&standing.ancestors), ["Itinéraires", "Ponts"]);
    let standing = read(&app, a, space, ponts).await.tree;
    assert_eq!(titles(&standing.children), ["Passerelles"]);
    let places: Vec<i64> = standing.places.iter().map(|p| p.id).collect();
    assert_eq!(places, vec![w.page, quais], "not under itself nor its sub-pages");

    for (page, parent) in [(w.page, passerelles), (w.page, w.page), (ponts, passerelles)] {
        let (status, refused) = move_page(&app, a, space, page, parent).await;
        assert_eq!(status, 422, "{page} under {parent}");
        assert!(
            matches!(&refused, Err(AppError::Invalid(e)) if e[0].key == "wiki-move-under-itself"),
            "{refused:?}"
        );
    }
    assert_eq!(move_page(&app, a, space, quais, 987_654).await.0, 404, "no such parent");
    assert_eq!(move_page(&app, a, space, 987_654, w.page).await.0, 404, "no such page");

    assert_eq!(move_page(&app, a, space, quais, ponts).await.0, 200);
    assert_eq!(tree().await, "Itinéraires(Ponts(Passerelles Quais))");
    assert!(reorder(&app, a, space, quais, true).await);
    assert!(!reorder(&app, a, space, quais, true).await, "already first");
    assert_eq!(tree().await, "Itinéraires(Ponts(Quais Passerelles))");
    let standing = read(&app, a, space, quais).await.tree;
    assert!(!standing.has_previous && standing.has_next);
    // A branch moves whole; to the top, it comes after the pages there.
    assert_eq!(move_page(&app, a, space, ponts, 0).await.0, 200);
    assert_eq!(tree().await, "Itinéraires Ponts(Quais Passerelles)");
    // Its parent in the bin, a page shows at the top rather than vanish.
    let (status, _) = app
        .call_json::<()>(a, "wiki/delete", &[("id", &space.to_string()), ("page", &ponts.to_string())])
        .await;
    assert_eq!(status, 200);
    assert_eq!(move_page(&app, a, space, quais, ponts).await.0, 404, "a parent in the bin");
    let top = tree().await;
    assert!(top.contains("Quais") && top.contains("Passerelles") && !top.contains("Ponts"), "{top}");

    // Writers only, members only.
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    assert_eq!(move_page(&app, &reader, space, quais, w.page).await.0, 403);
    assert!(read(&app, &reader, space, quais).await.tree.places.is_empty());
    let outsider = app.sign_in("omar@example.org", PASSWORD).await;
    assert_eq!(move_page(&app, &outsider, space, quais, w.page).await.0, 404);
}

#[tokio::test]
async fn a_tree_never_loops_through_the_bin_nor_grows_past_its_depth() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let (a, space) = (&w.animator, w.id);
    let b = sub_page(&app, a, space, "B", w.page).await;
    let c = sub_page(&app, a, space, "C", b).await;
    // B in the bin: C shows at the top, but the page above it is still its ancestor.
    let (status, _) = app
        .call_json::<()>(a, "wiki/delete", &[("id", &space.to_string()), ("page", &b.to_string())])
        .await;
    assert_eq!(status, 200);
    let (status, refused) = move_page(&app, a, space, w.page, c).await;
    assert_eq!(status, 422, "{refused:?}");
    let (status, _) = app
        .call_json::<()>(a, "wiki/restore_page", &[("id", &space.to_string()), ("page", &b.to_string())])
        .await;
    assert_eq!(status, 200);
    assert_eq!(shape(index(&app, a, &w, "", "").await), "Itinéraires(B(C))");

    // Twelve levels at most, by creation or by move.
    let mut deepest = c;
    for level in 4..=tree::MAX_DEPTH {
        deepest = sub_page(&app, a, space, &format!("Niveau {level}"), deepest).await;
    }
    let form = [("id", space.to_string()), ("title", "Trop bas".to_string()), ("parent", deepest.to_string())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, refused) = app.call_json::<i64>(a, "wiki/create", &form).await;
    assert_eq!(status, 422);
    assert!(
        matches!(&refused, Err(AppError::Invalid(e)) if e[0].key == "wiki-tree-too-deep"),
        "{refused:?}"
    );
    let side = create(&app, a, space, "À côté").await.expect("page");
    sub_page(&app, a, space, "Sous à côté", side).await;
    let (status, _) = move_page(&app, a, space, side, c).await;
    assert_eq!(status, 200, "a branch of two fits under the third level");
    let (status, refused) = move_page(&app, a, space, side, deepest).await;
    assert_eq!(status, 422, "{refused:?}");
}

#[tokio::test]
async fn a_page_is_shared_by_a_link_that_ends_and_whose_openings_are_logged() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("## Tracé\nLe tracé passe par le quai.\n").await;
    ada.pump(Duration::from_millis(200)).await;
    assert_eq!(quiet(&app).await, 1);
    let (id, page) = (w.id.to_string(), w.page.to_string());
    let share = |client: &Client, days: &'static str| {
        let client = client.clone();
        let (id, page) = (id.clone(), page.clone());
        let app = &app;
        async move {
            app.call_json::<String>(&client, "wiki/share", &[("id", &id), ("page", &page), ("days", days)])
                .await
        }
    };
    for days in ["0", "-1", "10000"] {
        assert_eq!(share(&w.animator, days).await.0, 422, "{days} days");
    }
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    assert_eq!(share(&reader, "7").await.0, 403);
    let outsider = app.sign_in("omar@example.org", PASSWORD).await;
    assert_eq!(share(&outsider, "7").await.0, 404);
    let (status, link) = share(&w.animator, "7").await;
    assert_eq!(status, 200, "{link:?}");
    let link = link.expect("link");
    assert!(link.starts_with(&app.url("/espaces/partage/wiki/")), "{link}");
    let token = link.rsplit('/').next().expect("token").to_string();

    // Anyone holding it reads the page as readers do, without an account; each opening is
    // logged for the animators, shown to writers as a count.
    let stranger = app.client();
    let open = |token: String| {
        let stranger = stranger.clone();
        let app = &app;
        async move {
            app.call_json::<parvis::wiki::types::SharedWikiPage>(&stranger, "wiki/shared", &[("token", &token)])
                .await
        }
    };
    let (status, shared) = open(token.clone()).await;
    assert_eq!(status, 200, "{shared:?}");
    let shared = shared.expect("shared");
    assert_eq!(shared.title, "Itinéraires");
    assert!(shared.html.contains("passe par le quai"), "{}", shared.html);
    let html = app.page_html(&stranger, &format!("/espaces/partage/wiki/{token}")).await;
    assert!(html.contains("passe par le quai"), "rendered on the server: {html}");
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert_eq!(view.shares.len(), 1);
    assert_eq!(view.shares[0].openings, 2);
    assert_eq!(view.openings.map(|o| o.len()), Some(2), "the animator sees when");
    let as_writer = app.sign_in("ada@example.org", PASSWORD).await;
    let view = read(&app, &as_writer, w.id, w.page).await;
    assert_eq!((view.shares.len(), view.openings.is_none()), (1, true), "a contributor sees the links, not when");
    assert!(read(&app, &reader, w.id, w.page).await.shares.is_empty());
    assert_eq!(open("0".repeat(64)).await.0, 404);
    assert_eq!(open("not a token".into()).await.0, 404);

    // Revoked: it ends, with its own message; only a link of the space's pages is revoked.
    let share_id = view.shares[0].id.to_string();
    let revoke = |client: &Client, space: String| {
        let (client, page, share_id) = (client.clone(), page.clone(), share_id.clone());
        let app = &app;
        async move {
            app.call(&client, "wiki/revoke_share", &[("id", &space), ("page", &page), ("share", &share_id)])
                .await
                .status()
        }
    };
    assert_eq!(revoke(&reader, id.clone()).await, 403);
    assert_eq!(revoke(&w.animator, id.clone()).await, 200);
    assert_eq!(revoke(&w.animator, id.clone()).await, 404, "already revoked");
    let (status, ended) = open(token).await;
    assert_eq!(status, 409);
    assert_eq!(ended.expect_err("ended").message_key(), "error-share-link-ended");

    // A page in the bin ends its links; one past its days too.
    let (_, link) = share(&w.animator, "2").await;
    let token = link.expect("link").rsplit('/').next().expect("token").to_string();
    assert_eq!(open(token.clone()).await.0, 200);
    app.state.clock.set(
        app.state.clock.now().checked_add(jiff::SignedDuration::from_hours(49)).expect("later"),
    );
    assert_eq!(open(token).await.0, 409, "expired");
    let (_, link) = share(&w.animator, "2").await;
    let token = link.expect("link").rsplit('/').next().expect("token").to_string();
    assert_eq!(
        app.call(&w.animator, "wiki/delete", &[("id", &id), ("page", &page)]).await.status(),
        200
    );
    assert_eq!(open(token).await.0, 409, "its page in the bin");
}

#[tokio::test]
async fn a_share_link_made_without_javascript_is_shown_once_to_its_maker() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let page = format!("/espaces/{}/wiki/{}", w.id, w.page);
    let (id, page_arg) = (w.id.to_string(), w.page.to_string());
    let landed = app
        .post_plain_form(&w.animator, &page, "wiki/share", &[("id", &id), ("page", &page_arg), ("days", "7")])
        .await;
    let token = landed
        .location
        .strip_prefix(&format!("{page}?lien="))
        .unwrap_or_else(|| panic!("back on the page: {}", landed.location))
        .to_string();
    let shown = |html: &str| html.contains("data-testid=\"share-link\"");
    assert!(shown(&landed.html), "the maker sees the new link");
    assert!(landed.html.contains(&format!("/espaces/partage/wiki/{token}")));
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    assert!(!shown(&app.page_html(&ada, &landed.location).await), "not another member");
}

/// The editor's preview is the server's rendering of the text sent (the browser has no
/// Markdown code), as readers will get it: a wiki link to a page points at it, one to no page
/// is marked, script and handlers are removed. For writers only; bounded.
#[tokio::test]
async fn the_editor_preview_is_the_servers_rendering_for_writers_only() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let space = w.id.to_string();
    let text = "## Plan\n\nVoir [[Itinéraires|les itinéraires]] et [[Budget]] \
                <script>alert(1)</script><img src=x onerror=alert(2)> [lien](javascript:alert(3))";
    let ada = app.sign_in("ada@example.org", PASSWORD).await;
    let (status, html) = app
        .call_json::<String>(&ada, "wiki/preview", &[("id", &space), ("markdown", text)])
        .await;
    assert_eq!(status, 200, "{html:?}");
    let html = html.expect("preview");
    assert!(html.contains("<h2"), "{html}");
    assert!(
        html.contains(&format!("href=\"/espaces/{space}/wiki/{}\"", w.page)),
        "the link to an existing page points at it: {html}"
    );
    assert!(html.contains("class=\"wiki-missing\""), "the link to no page is marked: {html}");
    for smuggled in ["<script", "onerror", "javascript:"] {
        assert!(!html.contains(smuggled), "{smuggled} in {html}");
    }
    let (status, refused) = app
        .call_json::<String>(&ada, "wiki/preview", &[("id", &space), ("markdown", &"a".repeat(8 * 1024 * 1024 + 1))])
        .await;
    assert!(
        status == 422 && matches!(&refused, Err(AppError::Invalid(errors)) if errors[0].key == "field-too-long"),
        "{status} {refused:?}"
    );
    for (email, refused) in [
        ("rita@example.org", AppError::Forbidden),
        ("omar@example.org", AppError::NotFound),
    ] {
        let client = app.sign_in(email, PASSWORD).await;
        let (_, answer) = app
            .call_json::<String>(&client, "wiki/preview", &[("id", &space), ("markdown", "x")])
            .await;
        assert_eq!(answer, Err(refused), "{email}");
    }
    let (_, answer) = app
        .call_json::<String>(&app.client(), "wiki/preview", &[("id", &space), ("markdown", "x")])
        .await;
    assert_eq!(answer, Err(AppError::Unauthenticated), "a visitor");
}

#[tokio::test]
async fn two_editors_converge_and_readers_get_the_text_rendered() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let mut events = app.state.realtime.subscribe();
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    let mut bob = editor(&app, &w.bob_cookie, &w, 202).await;
    ada.append("# Itinéraires\n\nLa piste du canal").await;
    bob.until("bob sees ada's text", |e| e.text().contains("canal"))
        .await;
    // Both type at once, at the same place.
    ada.append(" est ouverte.").await;
    bob.append(" sera élargie.").await;
    ada.until("ada has both", |e| {
        e.text().contains("ouverte") && e.text().contains("élargie")
    })
    .await;
    bob.until("bob has both", |e| {
        e.text().contains("ouverte") && e.text().contains("élargie")
    })
    .await;
    assert_eq!(ada.text(), bob.text(), "both screens show the same text");
    assert!(
        log_rows(&app, w.page).await >= 3,
        "every update is in the log"
    );
    assert_eq!(
        wiki_notices(&mut events),
        0,
        "typing stays out of the channel every live connection reads"
    );
    assert_eq!(quiet(&app).await, 1, "editing went quiet: a revision");
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert!(view.html.contains("Itinéraires</h1>"), "{}", view.html);
    assert!(view.html.contains("ouverte") && view.html.contains("élargie"));
    let html = w
        .animator
        .get(app.url(&format!("/espaces/{}/wiki/{}", w.id, w.page)))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("La piste du canal"),
        "server-rendered for readers without JavaScript"
    );

    // A page written with hostile Markdown is rendered safe.
    ada.append("\n\n<script>alert(1)</script>[x](javascript:alert(1))")
        .await;
    bob.until("bob sees it", |e| e.text().contains("script"))
        .await;
    assert_eq!(quiet(&app).await, 1);
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert_eq!(view.revision, Some(2), "readers get the new revision");
    assert!(
        !view.html.contains("<script") && !view.html.contains("href=\"javascript"),
        "{}",
        view.html
    );
}

#[tokio::test]
async fn what_any_editor_was_shown_is_there_for_a_new_server_process() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    let mut bob = editor(&app, &w.bob_cookie, &w, 202).await;
    for word in ["un ", "deux ", "trois ", "quatre "] {
        ada.append(word).await;
    }
    bob.until("bob sees the four words", |e| e.text().contains("quatre"))
        .await;
    let shown = bob.text();
    // A second process on the same database (what a restart is, for the data): a new editor
    // gets exactly what was shown, from the log alone.
    let (base, _state) = app.spawn_beside().await;
    let mut carol = yjs::open(&base, &w.bob_cookie, w.id, w.page, 303)
        .await
        .expect("connected");
    carol
        .until("the new process has the text", |e| e.text() == shown)
        .await;

    // Compaction folds the log into the snapshot (what the revisions hold: a revision first);
    // the text is the same from it.
    assert_eq!(quiet(&app).await, 1);
    let folded = parvis::wiki::server::compaction::compact_pages(&app.state, 1)
        .await
        .expect("compacted");
    assert_eq!(folded, 1);
    assert_eq!(log_rows(&app, w.page).await, 0);
    assert_eq!(
        parvis::wiki::server::reading::text(&app.state.db, w.page)
            .await
            .expect("text"),
        shown
    );
    // An editor that edits while disconnected re-sends, once reconnected, what the server's
    // state vector shows it lacks.
    drop(carol);
    let held = ada.doc.clone();
    drop(ada);
    {
        use yrs::{Text, Transact};
        let body = held.get_or_insert_text("body");
        body.push(&mut held.transact_mut(), "cinq");
    }
    let mut ada = yjs::open_with(&app.base, &w.ada_cookie, w.id, w.page, held)
        .await
        .expect("reconnected");
    let offline = ada.text();
    assert!(offline.ends_with("cinq"), "{offline:?}");
    ada.pump(Duration::from_millis(300)).await;
    bob.until("bob gets the offline edit", |e| e.text() == offline)
        .await;
}

#[tokio::test]
async fn a_server_process_killed_outright_loses_no_update_it_relayed() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    // The real binary on the test's database, then SIGKILL: no shutdown, no flush.
    let server = binary::Server::start(&app.state.config.database.url, app.dir.path(), &[]).await;
    let mut ada = yjs::open(&server.base, &w.ada_cookie, w.id, w.page, 101)
        .await
        .expect("connected");
    let mut bob = yjs::open(&server.base, &w.bob_cookie, w.id, w.page, 202)
        .await
        .expect("connected");
    ada.pump(Duration::from_millis(200)).await;
    bob.pump(Duration::from_millis(200)).await;
    let words: Vec<String> = (0..60).map(|i| format!("mot{i} ")).collect();
    for word in &words {
        ada.append(word).await;
    }
    bob.until("bob sees the first words", |e| e.text().contains("mot3 "))
        .await;
    let mut server = server;
    server.child.kill().expect("SIGKILL sent");
    let _ = server.child.wait();
    bob.pump(Duration::from_millis(100)).await;
    let shown = bob.text();
    // Another process reads the log: everything relayed to anyone is there.
    let mut carol = yjs::open(&app.base, &w.bob_cookie, w.id, w.page, 303)
        .await
        .expect("connected");
    carol.pump(Duration::from_millis(500)).await;
    let kept = carol.text();
    assert!(
        kept.starts_with(&shown),
        "relayed before the kill: {shown:?}; kept: {kept:?}"
    );
    // What the killed process had not stored, the author's client re-sends on reconnection
    // (the server's state vector shows it lacks it): nothing typed is lost.
    let held = ada.doc.clone();
    drop(ada);
    let mut ada = yjs::open_with(&app.base, &w.ada_cookie, w.id, w.page, held)
        .await
        .expect("reconnected");
    ada.pump(Duration::from_millis(300)).await;
    let typed = words.concat();
    assert_eq!(ada.text(), typed);
    carol
        .until("every word typed reaches the others", |e| e.text() == typed)
        .await;
}

#[tokio::test]
async fn the_server_decides_who_writes_and_who_they_are() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    // Who may open the connection at all.
    assert_eq!(
        yjs::open(&app.base, "", w.id, w.page, 1).await.err(),
        Some(401)
    );
    assert_eq!(
        yjs::open(&app.base, &w.outsider_cookie, w.id, w.page, 1)
            .await
            .err(),
        Some(404)
    );
    assert_eq!(
        yjs::open(&app.base, &w.ada_cookie, w.id, w.page + 100, 1)
            .await
            .err(),
        Some(404)
    );

    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("Texte d'Ada.").await;
    // A reader reads live, and the empty answer to the server's sync step 1 is accepted…
    let mut rita = editor(&app, &w.reader_cookie, &w, 404).await;
    rita.until("the reader has the text", |e| e.text() == "Texte d'Ada.")
        .await;
    assert!(rita.closed.is_none());
    // …but an edit closes the connection, and nobody gets it.
    rita.append(" Ajout de Rita.").await;
    rita.until("the reader is disconnected", |e| e.closed.is_some())
        .await;
    assert_eq!(
        rita.closed.as_ref().map(|c| c.0),
        Some(1008),
        "{:?}",
        rita.closed
    );
    // Bob writing under Ada's client id is refused too (past what Ada wrote: what stays
    // within it names items the page has, and changes nothing).
    let mut bob = editor(&app, &w.bob_cookie, &w, 202).await;
    bob.send_raw(yjs::update_frame(yjs::update_as(
        101,
        "Faux Ada, plus long que le texte d'Ada. ",
    )))
    .await;
    bob.until("the forger is disconnected", |e| e.closed.is_some())
        .await;
    assert_eq!(
        bob.closed.as_ref().map(|c| c.0),
        Some(1008),
        "{:?}",
        bob.closed
    );
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(ada.text(), "Texte d'Ada.");
    assert_eq!(
        parvis::wiki::server::reading::text(&app.state.db, w.page)
            .await
            .expect("text"),
        "Texte d'Ada."
    );

    // Awareness carries the sender's real name, whatever it claims.
    let mut bob = editor(&app, &w.bob_cookie, &w, 203).await;
    bob.announce(r##"{"user":{"name":"Agathe Agent","color":"#000"},"cursor":{"index":3}}"##)
        .await;
    ada.until("ada sees bob's presence", |e| e.presence.contains_key(&203))
        .await;
    let state: serde_json::Value = serde_json::from_str(&ada.presence[&203]).expect("json");
    assert_eq!(state["user"]["name"], "Bob Martin");
    assert_eq!(state["cursor"]["index"], 3);
    // Echoing someone else's state (y-websocket sends back every state it receives) is left
    // out, not refused, and changes nobody's name.
    ada.announce_as(203, r#"{"user":{"name":"Faux"}}"#).await;
    let mut carol = editor(&app, &w.animator_cookie, &w, 205).await;
    carol
        .until("carol sees bob", |e| e.presence.contains_key(&203))
        .await;
    assert!(
        carol.presence[&203].contains("Bob Martin"),
        "{}",
        carol.presence[&203]
    );
    assert!(ada.closed.is_none(), "{:?}", ada.closed);
    drop(carol);
    // Leaving removes the presence for the others.
    drop(bob);
    ada.until("bob's presence is gone", |e| {
        e.presence.get(&203).is_some_and(|s| s == "null")
    })
    .await;
}

#[tokio::test]
async fn a_removed_or_demoted_member_is_cut_within_seconds() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    let demote = [
        ("id", w.id.to_string()),
        ("user_id", w.ada_id.to_string()),
        ("role", "reader".to_string()),
    ];
    let form: Vec<(&str, &str)> = demote.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&w.animator, "espaces/set_role", &form)
            .await
            .status(),
        200
    );
    ada.until("the demoted editor is disconnected", |e| e.closed.is_some())
        .await;
    // Reconnected as a reader, then removed.
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    let remove = [("id", w.id.to_string()), ("user_id", w.ada_id.to_string())];
    let form: Vec<(&str, &str)> = remove.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&w.animator, "espaces/remove_member", &form)
            .await
            .status(),
        200
    );
    ada.until("the removed member is disconnected", |e| e.closed.is_some())
        .await;
    assert_eq!(
        yjs::open(&app.base, &w.ada_cookie, w.id, w.page, 101)
            .await
            .err(),
        Some(404)
    );
}

#[tokio::test]
async fn hostile_frames_close_their_connection_and_harm_no_page() {
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("Intact.").await;
    let hostile: Vec<Vec<u8>> = vec![
        vec![0xff, 0xff, 0xff],
        vec![0, 2, 200, 1, 7],
        yjs::update_frame(vec![1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 4, 0, 0]),
        yjs::update_frame(vec![9; 64]),
    ];
    for (n, bytes) in hostile.into_iter().enumerate() {
        let mut bob = editor(&app, &w.bob_cookie, &w, 300 + n as u64).await;
        bob.send_raw(bytes.clone()).await;
        bob.until("the hostile client is disconnected", |e| e.closed.is_some())
            .await;
        let code = bob.closed.as_ref().map(|c| c.0);
        assert!(
            matches!(code, Some(1007 | 1008)),
            "{bytes:?}: {:?}",
            bob.closed
        );
    }
    let mut bob = editor(&app, &w.bob_cookie, &w, 310).await;
    bob.send_text("bonjour").await;
    bob.until("a text frame closes", |e| e.closed.is_some())
        .await;
    // Larger than the limit.
    let mut bob = editor(&app, &w.bob_cookie, &w, 311).await;
    bob.send_raw(vec![0; parvis::wiki::server::socket::MAX_MESSAGE_BYTES + 1])
        .await;
    bob.until("an oversized message closes", |e| e.closed.is_some())
        .await;
    // A flood.
    let mut bob = editor(&app, &w.bob_cookie, &w, 312).await;
    let query = vec![3u8];
    for _ in 0..2_000 {
        bob.send_raw(query.clone()).await;
    }
    bob.until("a flood closes", |e| e.closed.is_some()).await;
    assert_eq!(
        bob.closed.as_ref().map(|c| c.0),
        Some(1008),
        "{:?}",
        bob.closed
    );
    // Ada never noticed, and the page is whole.
    ada.append(" Toujours.").await;
    let mut carol = editor(&app, &w.animator_cookie, &w, 400).await;
    carol
        .until("the page is whole", |e| e.text() == "Intact. Toujours.")
        .await;
    assert!(ada.closed.is_none());
}

/// How many of the wiki's keystroke-paced notices `events` (the site's shared live channel)
/// holds; the channel's other events are read and dropped.
fn wiki_notices(events: &mut tokio::sync::broadcast::Receiver<parvis::server::realtime::LiveMessage>) -> usize {
    let mut notices = 0;
    loop {
        match events.try_recv() {
            Ok(message) => notices += usize::from(message.topic == parvis::wiki::server::rooms::TOPIC),
            Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) => notices += 1,
            Err(_) => return notices,
        }
    }
}

#[tokio::test]
async fn editors_on_two_server_processes_see_each_other_live() {
    if !common::on_postgres() {
        // One SQLite file is one process's; several app servers share PostgreSQL.
        return;
    }
    let app = TestApp::spawn().await;
    let w = wiki(&app).await;
    let (other, state) = app.spawn_beside().await;
    let (mut here, mut there) = (app.state.realtime.subscribe(), state.realtime.subscribe());
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    let mut bob = yjs::open(&other, &w.bob_cookie, w.id, w.page, 202)
        .await
        .expect("connected to the second process");
    ada.append("Depuis le premier. ").await;
    bob.until("bob, on the second process, sees it", |e| {
        e.text().contains("premier")
    })
    .await;
    bob.append("Depuis le second.").await;
    ada.until("ada, on the first, sees it", |e| {
        e.text().contains("second")
    })
    .await;
    assert_eq!(ada.text(), bob.text());
    assert_eq!(
        (wiki_notices(&mut here), wiki_notices(&mut there)),
        (0, 0),
        "the relay between processes stays out of the channel their live connections read"
    );
}

/// The page's history as `client` gets it, with the diff from `de` to `a` (0: none).
async fn history(app: &TestApp, client: &Client, w: &Wiki, de: i64, a: i64) -> WikiHistory {
    let (status, history) = app
        .call_json::<WikiHistory>(
            client,
            "wiki/history",
            &[
                ("id", &w.id.to_string()),
                ("page", &w.page.to_string()),
                ("de", &de.to_string()),
                ("a", &a.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{history:?}");
    history.expect("history")
}

/// The author `blame` names for the line `text`.
fn author_of<'b>(blame: &'b WikiBlame, text: &str) -> &'b str {
    &blame
        .lines
        .iter()
        .find(|l| l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} in {:?}", blame.lines))
        .author
}

#[tokio::test]
async fn quiet_editing_becomes_revisions_with_authors_a_diff_blame_and_a_live_restore() {
    let app = TestApp::spawn().await;
    // The clock stands still: revisions are cut when this test says editing went quiet.
    app.state.clock.set(app.state.clock.now());
    let w = wiki(&app).await;
    let (id, page) = (w.id.to_string(), w.page.to_string());
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("# Itinéraires\nLa piste du canal\n").await;
    let mut bob = editor(&app, &w.bob_cookie, &w, 202).await;
    bob.until("bob sees ada's text", |e| e.text().contains("canal"))
        .await;
    assert_eq!(quiet(&app).await, 1);
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert_eq!(view.revision, Some(1));
    assert!(view.html.contains("La piste du canal"), "{}", view.html);

    // Bob adds a line: readers keep revision 1 until editing goes quiet again.
    bob.append("Le pont est fermé\n").await;
    ada.until("ada sees bob's line", |e| e.text().contains("pont"))
        .await;
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert_eq!(view.revision, Some(1));
    assert!(!view.html.contains("pont"), "not before the revision");
    assert_eq!(quiet(&app).await, 1);
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert_eq!(view.revision, Some(2));
    assert!(view.html.contains("Le pont est fermé"));
    assert_eq!(quiet(&app).await, 0, "nothing changed: no revision");

    // The history: both revisions with their authors, and the diff between them.
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    let seen = history(&app, &reader, &w, 1, 2).await;
    let numbers: Vec<i64> = seen.revisions.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(seen.revisions[0].authors, ["Bob Martin"]);
    assert_eq!(seen.revisions[1].authors, ["Ada Lovelace"]);
    assert!(!seen.can_edit, "a reader reads the history only");
    let diff = seen.diff.expect("the diff asked for");
    assert!(
        diff.lines
            .iter()
            .any(|l| l.kind == "added" && l.text == "Le pont est fermé"),
        "{diff:?}"
    );
    assert!(diff.lines.iter().all(|l| l.kind != "removed"), "{diff:?}");
    let missing = app
        .call_json::<WikiHistory>(
            &reader,
            "wiki/history",
            &[("id", &id), ("page", &page), ("de", "1"), ("a", "9")],
        )
        .await;
    assert_eq!(missing.0, 404);

    // Blame: each line by the one who typed it, from the CRDT's items.
    let (status, blame) = app
        .call_json::<WikiBlame>(&reader, "wiki/blame", &[("id", &id), ("page", &page)])
        .await;
    assert_eq!(status, 200, "{blame:?}");
    let blame = blame.expect("blame");
    assert_eq!(author_of(&blame, "La piste du canal"), "Ada Lovelace");
    assert_eq!(author_of(&blame, "Le pont est fermé"), "Bob Martin");

    // A reader may not restore; the animator restores revision 1: the open editors get it
    // live, and it is revision 3 at once, marked as bringing 1 back.
    let restore = [
        ("id", id.as_str()),
        ("page", page.as_str()),
        ("number", "1"),
    ];
    assert_eq!(
        app.call_json::<i64>(&reader, "wiki/restore", &restore)
            .await
            .0,
        403
    );
    let (status, restored) = app
        .call_json::<i64>(&w.animator, "wiki/restore", &restore)
        .await;
    assert_eq!((status, restored.ok()), (200, Some(3)));
    bob.until("bob's editor shows the restored text", |e| {
        !e.text().contains("pont")
    })
    .await;
    assert_eq!(bob.text(), "# Itinéraires\nLa piste du canal\n");
    ada.until("ada's too", |e| {
        e.text() == "# Itinéraires\nLa piste du canal\n"
    })
    .await;
    let view = read(&app, &reader, w.id, w.page).await;
    assert_eq!(view.revision, Some(3));
    assert!(!view.html.contains("pont"));
    let seen = history(&app, &reader, &w, 0, 0).await;
    assert_eq!(seen.revisions[0].restored_from, Some(1));
    assert_eq!(seen.revisions[0].authors, ["Agathe Agent"]);
    assert!(seen.diff.is_none());
    let (_, blame) = app
        .call_json::<WikiBlame>(&reader, "wiki/blame", &[("id", &id), ("page", &page)])
        .await;
    assert_eq!(
        author_of(&blame.expect("blame"), "La piste du canal"),
        "Ada Lovelace",
        "the lines a restore keeps keep their author"
    );
    let again = app
        .call_json::<i64>(&w.animator, "wiki/restore", &restore)
        .await;
    assert!(
        matches!(&again.1, Err(AppError::Conflict(key)) if key == "wiki-nothing-to-save"),
        "{again:?}"
    );

    // On demand, with a note: refused when nothing changed, saved once something did.
    let save = |note: &'static str| {
        let (app, client, id, page) = (&app, &w.animator, id.clone(), page.clone());
        async move {
            app.call_json::<i64>(
                client,
                "wiki/save",
                &[("id", id.as_str()), ("page", page.as_str()), ("note", note)],
            )
            .await
        }
    };
    assert_eq!(save("rien").await.0, 409);
    let long = "n".repeat(201);
    let refused = app
        .call_json::<i64>(
            &w.animator,
            "wiki/save",
            &[("id", &id), ("page", &page), ("note", &long)],
        )
        .await;
    assert_eq!(refused.0, 422);
    ada.append("Ouverture au printemps\n").await;
    bob.until("bob sees it", |e| e.text().contains("printemps"))
        .await;
    let (status, saved) = save("Avant la réunion").await;
    assert_eq!((status, saved.ok()), (200, Some(4)));
    let seen = history(&app, &reader, &w, 0, 0).await;
    assert!(seen.revisions[0].on_demand);
    assert_eq!(seen.revisions[0].note, "Avant la réunion");
    assert_eq!(seen.revisions[0].authors, ["Ada Lovelace"]);
    assert_eq!(quiet(&app).await, 0, "already saved");

    // The space's activity tells of each revision.
    let lines: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM space_activity WHERE space_id = $1 AND module = 'wiki' ORDER BY id",
    )
    .bind(w.id)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("lines");
    assert_eq!(
        lines,
        [
            "activity-wiki-revised",
            "activity-wiki-revised",
            "activity-wiki-restored",
            "activity-wiki-revised"
        ]
    );
}

/// Compaction folds only the log rows the revisions hold: the rows after the last revision
/// stay, so the next revision still names who wrote them.
#[tokio::test]
async fn compaction_keeps_the_rows_the_next_revision_needs_for_its_authors() {
    let app = TestApp::spawn().await;
    app.state.clock.set(app.state.clock.now());
    let w = wiki(&app).await;
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("Un\n").await;
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(quiet(&app).await, 1);
    let mut bob = editor(&app, &w.bob_cookie, &w, 202).await;
    bob.append("Deux\n").await;
    ada.until("ada sees bob's line", |e| e.text().contains("Deux"))
        .await;
    let before = log_rows(&app, w.page).await;
    parvis::wiki::server::compaction::compact_pages(&app.state, 1)
        .await
        .expect("compacted");
    let after = log_rows(&app, w.page).await;
    assert!(
        after >= 1 && after < before,
        "bob's rows stay: {before} → {after}"
    );
    assert_eq!(quiet(&app).await, 1);
    let seen = history(&app, &w.animator, &w, 0, 0).await;
    assert_eq!(seen.revisions[0].authors, ["Bob Martin"]);
    assert_eq!(
        parvis::wiki::server::reading::text(&app.state.db, w.page)
            .await
            .expect("text"),
        "Un\nDeux\n"
    );
}

async fn index(app: &TestApp, client: &Client, w: &Wiki, q: &str, titre: &str) -> WikiIndex {
    let (status, index) = app
        .call_json::<WikiIndex>(
            client,
            "wiki/index",
            &[("id", &w.id.to_string()), ("q", q), ("titre", titre)],
        )
        .await;
    assert_eq!(status, 200, "{index:?}");
    index.expect("index")
}

#[tokio::test]
async fn links_lead_to_pages_by_title_or_former_title_and_the_wiki_is_searched_binned_and_followed()
{
    let app = TestApp::spawn().await;
    app.state.clock.set(app.state.clock.now());
    let w = wiki(&app).await;
    let other = create(&app, &w.animator, w.id, "Stationnement")
        .await
        .expect("page");
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("## Pistes\nVoir [[Stationnement]] et [[Vélos cargo|les cargos]].\n## Ponts\nLes passerelles sont étroites.\n")
        .await;
    ada.pump(Duration::from_millis(200)).await;
    assert_eq!(quiet(&app).await, 1);
    let to_other = format!("href=\"/espaces/{}/wiki/{other}\"", w.id);
    let view = read(&app, &w.animator, w.id, w.page).await;
    assert!(
        view.html.contains(&to_other),
        "a link to a page leads straight to it: {}",
        view.html
    );
    assert!(
        view.html.contains("class=\"wiki-missing\""),
        "one to a missing page is marked: {}",
        view.html
    );
    let toc: Vec<&str> = view.toc.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(toc, ["Pistes", "Ponts"]);
    assert!(
        view.html
            .contains(&format!("id=\"{}\"", view.toc[1].anchor)),
        "{}",
        view.html
    );
    let titles = |links: &[parvis::wiki::types::PageLink]| {
        links.iter().map(|l| l.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        titles(&read(&app, &w.animator, w.id, other).await.backlinks),
        ["Itinéraires"]
    );

    // The missing page's link leads to the list, which offers to create it.
    let wanted = index(&app, &w.animator, &w, "", "Vélos  cargo")
        .await
        .wanted;
    assert_eq!(
        wanted.map(|x| (x.title, x.page)),
        Some(("Vélos cargo".to_string(), None))
    );

    // Renamed, the page keeps its former title as an alias: the link still leads to it.
    let rename = |title: &'static str| {
        let (app, client, id, page) = (&app, &w.animator, w.id.to_string(), other.to_string());
        async move {
            app.call_json::<()>(
                client,
                "wiki/rename",
                &[
                    ("id", id.as_str()),
                    ("page", page.as_str()),
                    ("title", title),
                ],
            )
            .await
        }
    };
    assert_eq!(rename("Parkings vélo").await.0, 200);
    assert!(read(&app, &w.animator, w.id, w.page)
        .await
        .html
        .contains(&to_other));
    assert_eq!(
        index(&app, &w.animator, &w, "", "Stationnement")
            .await
            .wanted
            .and_then(|x| x.page),
        Some(other)
    );
    let renamed = read(&app, &w.animator, w.id, other).await;
    assert_eq!(
        (renamed.title.as_str(), titles(&renamed.backlinks)),
        ("Parkings vélo", vec!["Itinéraires".to_string()])
    );
    let taken = rename("itinéraires").await;
    assert!(
        matches!(&taken.1, Err(AppError::Invalid(e)) if e[0].key == "wiki-title-taken"),
        "{taken:?}"
    );

    // Search: stemmed words of the last revision's text, and titles.
    let found = |q: &'static str| {
        let (app, client, w) = (&app, &w.animator, &w);
        async move {
            index(app, client, w, q, "")
                .await
                .pages
                .iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("passerelle").await, [w.page]);
    assert_eq!(found("parking").await, [other]);
    assert!(found("tramway").await.is_empty());

    // The bin: a reader may not; a contributor may, and whoever edits the page is cut off.
    let mut bob = yjs::open(&app.base, &w.bob_cookie, w.id, other, 303)
        .await
        .expect("connected");
    bob.pump(Duration::from_millis(200)).await;
    let page_arg = [("id", w.id.to_string()), ("page", other.to_string())];
    let page_arg: Vec<(&str, &str)> = page_arg.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    assert_eq!(
        app.call_json::<()>(&reader, "wiki/delete", &page_arg)
            .await
            .0,
        403
    );
    let ada_client = app.sign_in("ada@example.org", PASSWORD).await;
    assert_eq!(
        app.call_json::<()>(&ada_client, "wiki/delete", &page_arg)
            .await
            .0,
        200
    );
    bob.until("bob's editor is closed", |e| e.closed.is_some())
        .await;
    assert_eq!(bob.closed.as_ref().map(|c| c.0), Some(1008));
    let gone = app
        .call_json::<WikiPageView>(
            &w.animator,
            "wiki/page",
            &[("id", &w.id.to_string()), ("page", &other.to_string())],
        )
        .await;
    assert_eq!(gone.0, 404);
    let marked = format!(
        "class=\"wiki-missing\" href=\"/espaces/{}/wiki?titre=Stationnement\"",
        w.id
    );
    assert!(
        read(&app, &w.animator, w.id, w.page)
            .await
            .html
            .contains(&marked),
        "a link to a page in the bin"
    );
    assert!(found("parking").await.is_empty(), "not found in the bin");
    let (status, bin) = app
        .call_json::<parvis::wiki::types::WikiBin>(
            &ada_client,
            "wiki/bin",
            &[("id", &w.id.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let bin = bin.expect("bin");
    assert_eq!((bin.pages.len(), bin.can_restore), (1, false));
    assert_eq!(
        app.call_json::<()>(&ada_client, "wiki/restore_page", &page_arg)
            .await
            .0,
        403
    );
    assert_eq!(
        app.call_json::<()>(&w.animator, "wiki/restore_page", &page_arg)
            .await
            .0,
        200
    );
    assert_eq!(
        read(&app, &w.animator, w.id, other).await.title,
        "Parkings vélo"
    );

    // Recent changes: the revisions of the space's pages, newest first.
    let (status, changes) = app
        .call_json::<parvis::wiki::types::WikiChanges>(
            &reader,
            "wiki/changes",
            &[("id", &w.id.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let changes = changes.expect("changes").changes;
    assert_eq!(changes[0].title, "Itinéraires");
    assert_eq!(changes[0].authors, ["Ada Lovelace"]);
}

#[tokio::test]
async fn a_follower_is_told_of_others_changes_on_the_list_and_by_a_digest_until_reading_them() {
    let app = TestApp::spawn().await;
    app.state.clock.set(app.state.clock.now());
    let w = wiki(&app).await;
    let (id, page) = (w.id.to_string(), w.page.to_string());
    let follow = |client: &Client, on: &'static str| {
        let (app, client, id, page) = (&app, client.clone(), id.clone(), page.clone());
        async move {
            app.call_json::<bool>(
                &client,
                "wiki/follow",
                &[("id", id.as_str()), ("page", page.as_str()), ("follow", on)],
            )
            .await
            .0
        }
    };
    let bob = app.sign_in("bob@example.org", PASSWORD).await;
    let outsider = app.sign_in("omar@example.org", PASSWORD).await;
    assert_eq!(
        follow(&outsider, "true").await,
        404,
        "not a member: the space is not theirs to see"
    );
    assert_eq!(follow(&bob, "true").await, 200);
    assert_eq!(read(&app, &bob, w.id, w.page).await.following, Some(true));
    let changed = |client: &Client| {
        let (app, client, w) = (&app, client.clone(), &w);
        async move {
            index(app, &client, w, "", "")
                .await
                .followed_changed
                .into_iter()
                .map(|p| p.title)
                .collect::<Vec<_>>()
        }
    };

    // Ada writes: Bob sees the page among the changed ones, and one digest tells him.
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("Nouvelle piste\n").await;
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(quiet(&app).await, 1);
    assert_eq!(changed(&bob).await, ["Itinéraires"]);
    assert_eq!(follows::digest_round(&app.state).await.expect("round"), 1);
    app.settle_jobs().await;
    // (The mail is quoted-printable: the page's address, plain ASCII, stands for it.)
    app.mail_containing(&[
        "bob@example.org",
        &format!("/espaces/{}/wiki/{}", w.id, w.page),
    ])
    .await;
    assert_eq!(
        follows::digest_round(&app.state).await.expect("round"),
        0,
        "told once"
    );

    // Reading the page is having seen it; his own writing is no news to him.
    let _ = read(&app, &bob, w.id, w.page).await;
    assert!(changed(&bob).await.is_empty());
    let mut bob_editor = editor(&app, &w.bob_cookie, &w, 202).await;
    bob_editor.append("Bob relit\n").await;
    ada.until("ada sees bob's line", |e| e.text().contains("Bob relit"))
        .await;
    assert_eq!(quiet(&app).await, 1);
    assert!(changed(&bob).await.is_empty());
    assert_eq!(follows::digest_round(&app.state).await.expect("round"), 0);

    // Unfollowed: nothing more.
    assert_eq!(follow(&bob, "false").await, 200);
    assert_eq!(read(&app, &bob, w.id, w.page).await.following, Some(false));
    ada.append("Encore\n").await;
    bob_editor
        .until("bob sees it", |e| e.text().contains("Encore"))
        .await;
    assert_eq!(quiet(&app).await, 1);
    assert!(changed(&bob).await.is_empty());
    assert_eq!(follows::digest_round(&app.state).await.expect("round"), 0);
}

#[tokio::test]
async fn with_approval_on_readers_keep_the_approved_revision_until_an_animator_approves() {
    let app = TestApp::spawn().await;
    app.state.clock.set(app.state.clock.now());
    let w = wiki(&app).await;
    let (id, page) = (w.id.to_string(), w.page.to_string());
    let mut ada = editor(&app, &w.ada_cookie, &w, 101).await;
    ada.append("Version lue\n").await;
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(quiet(&app).await, 1);
    let ada_client = app.sign_in("ada@example.org", PASSWORD).await;
    let reader = app.sign_in("rita@example.org", PASSWORD).await;
    let approval = |client: &Client, on: &'static str| {
        let (app, client, id) = (&app, client.clone(), id.clone());
        async move {
            app.call_json::<bool>(&client, "wiki/approval", &[("id", id.as_str()), ("on", on)])
                .await
                .0
        }
    };
    assert_eq!(approval(&ada_client, "true").await, 403, "animators only");
    assert_eq!(approval(&w.animator, "true").await, 200);

    // A new revision waits: readers keep the one approved when approval was switched on.
    ada.append("Brouillon\n").await;
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(quiet(&app).await, 1);
    let seen = read(&app, &reader, w.id, w.page).await;
    assert_eq!(seen.revision, Some(1));
    assert!(
        seen.html.contains("Version lue") && !seen.html.contains("Brouillon"),
        "{}",
        seen.html
    );
    assert!(
        read(&app, &ada_client, w.id, w.page).await.waiting,
        "a writer is told a draft waits"
    );

    let decide = |client: &Client, endpoint: &'static str, note: &'static str| {
        let (app, client, id, page) = (&app, client.clone(), id.clone(), page.clone());
        async move {
            let mut form = vec![
                ("id", id.as_str()),
                ("page", page.as_str()),
                ("number", "2"),
            ];
            if endpoint == "wiki/ask_changes" {
                form.push(("note", note));
            }
            app.call_json::<()>(&client, endpoint, &form).await.0
        }
    };
    assert_eq!(
        decide(&ada_client, "wiki/approve", "").await,
        403,
        "a contributor does not approve"
    );
    assert_eq!(
        decide(&w.animator, "wiki/ask_changes", "  ").await,
        422,
        "a note is needed"
    );
    assert_eq!(
        decide(&w.animator, "wiki/ask_changes", "Préciser le tracé").await,
        200
    );
    let history = history(&app, &reader, &w, 0, 0).await;
    assert!(history.approval);
    assert_eq!(
        history.revisions[0].changes_asked.as_deref(),
        Some("Préciser le tracé")
    );
    assert!(!history.revisions[0].approved && history.revisions[1].approved);
    assert_eq!(decide(&w.animator, "wiki/approve", "").await, 200);
    let seen = read(&app, &reader, w.id, w.page).await;
    assert_eq!(seen.revision, Some(2));
    assert!(seen.html.contains("Brouillon"));
    assert_eq!(
        decide(&w.animator, "wiki/approve", "").await,
        404,
        "approved already"
    );
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_mentions n JOIN space_activity a ON a.id = n.activity_id \
         WHERE a.action IN ('activity-wiki-approved', 'activity-wiki-changes-asked') AND n.user_id = $1",
    )
    .bind(w.ada_id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count");
    assert_eq!(told, 2, "the author is told of both decisions");

    // Switched off, readers get the last revision again.
    assert_eq!(approval(&w.animator, "false").await, 200);
    ada.append("Sans relecture\n").await;
    ada.pump(Duration::from_millis(300)).await;
    assert_eq!(quiet(&app).await, 1);
    assert!(read(&app, &reader, w.id, w.page)
        .await
        .html
        .contains("Sans relecture"));
}
