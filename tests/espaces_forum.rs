//! A space's forum, over real HTTP on the backend `PARVIS_TEST_BACKEND` names: posts rendered
//! through the sanitiser, who may post (readers read, non-members get 404), locked threads,
//! pins and locks (animators), the solution (the thread's author or an animator), unread
//! markers, mentions (members of the space only), the stemmed search in French and English,
//! editing and deleting, categories, and an archived space.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    espaces::{
        forum_types::{ForumPage, ThreadPage},
        types::SpaceRole,
    },
};
use reqwest::Client;

const PASSWORD: &str = "correct horse battery";

/// A space and its people: an animator (a host agent, its creator), two contributors, a
/// reader, and an account outside the space.
struct Space {
    id: i64,
    animator: Client,
    ada: Client,
    ada_id: i64,
    bob: Client,
    bob_id: i64,
    reader: Client,
    outsider: Client,
    outsider_id: i64,
}

async fn member(
    app: &TestApp,
    space: i64,
    email: &str,
    name: &str,
    role: SpaceRole,
) -> (Client, i64) {
    let client = app.sign_up_named(email, name, PASSWORD).await;
    let id = app.add_space_member(space, email, role).await;
    (client, id)
}

async fn space(app: &TestApp, name: &str) -> Space {
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
            &[("template", "project"), ("name", name)],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("space");
    let (ada, ada_id) = member(
        app,
        id,
        "ada@example.org",
        "Ada Lovelace",
        SpaceRole::Contributor,
    )
    .await;
    let (bob, bob_id) = member(
        app,
        id,
        "bob@example.org",
        "Bob Martin",
        SpaceRole::Contributor,
    )
    .await;
    let (reader, _) = member(
        app,
        id,
        "rita@example.org",
        "Rita Lectrice",
        SpaceRole::Reader,
    )
    .await;
    let outsider = app
        .sign_up_named("omar@example.org", "Omar Dehors", PASSWORD)
        .await;
    let outsider_id = app.user_id("omar@example.org").await;
    Space {
        id,
        animator,
        ada,
        ada_id,
        bob,
        bob_id,
        reader,
        outsider,
        outsider_id,
    }
}

async fn start(
    app: &TestApp,
    client: &Client,
    space: i64,
    title: &str,
    body: &str,
) -> (u16, Result<i64, AppError>) {
    app.call_json::<i64>(
        client,
        "espaces/forum_start",
        &[
            ("id", &space.to_string()),
            ("category", ""),
            ("title", title),
            ("body", body),
        ],
    )
    .await
}

async fn reply(
    app: &TestApp,
    client: &Client,
    space: i64,
    thread: i64,
    body: &str,
) -> (u16, Result<i64, AppError>) {
    app.call_json::<i64>(
        client,
        "espaces/forum_reply",
        &[
            ("id", &space.to_string()),
            ("thread", &thread.to_string()),
            ("body", body),
        ],
    )
    .await
}

async fn forum(
    app: &TestApp,
    client: &Client,
    space: i64,
    q: Option<&str>,
) -> (u16, Result<ForumPage, AppError>) {
    let id = space.to_string();
    let mut form = vec![("id", id.as_str())];
    if let Some(q) = q {
        form.push(("q", q));
    }
    app.call_json::<ForumPage>(client, "espaces/forum", &form)
        .await
}

async fn thread(
    app: &TestApp,
    client: &Client,
    space: i64,
    thread: i64,
) -> (u16, Result<ThreadPage, AppError>) {
    app.call_json::<ThreadPage>(
        client,
        "espaces/forum_thread",
        &[("id", &space.to_string()), ("thread", &thread.to_string())],
    )
    .await
}

async fn call(app: &TestApp, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> u16 {
    app.call_json::<serde_json::Value>(client, endpoint, form)
        .await
        .0
}

/// [`call`] with owned values.
async fn send(app: &TestApp, client: &Client, endpoint: &str, form: &[(&str, String)]) -> u16 {
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call(app, client, endpoint, &form).await
}

async fn moderate(app: &TestApp, client: &Client, space: i64, thread: i64, action: &str) -> u16 {
    send(
        app,
        client,
        "espaces/forum_moderate",
        &[
            ("id", space.to_string()),
            ("thread", thread.to_string()),
            ("action", action.to_string()),
        ],
    )
    .await
}

async fn mark(app: &TestApp, client: &Client, space: i64, thread: i64, post: i64) -> u16 {
    send(
        app,
        client,
        "espaces/forum_solution",
        &[
            ("id", space.to_string()),
            ("thread", thread.to_string()),
            ("post", post.to_string()),
        ],
    )
    .await
}

#[tokio::test]
async fn posts_are_sanitised_readers_only_read_and_non_members_get_404() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Jardins du 13e").await;
    let (status, id) = start(
        &app,
        &s.ada,
        s.id,
        "Premier sujet",
        "Bonjour <script>alert(1)</script> **gras** [lien](javascript:alert(2))",
    )
    .await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("thread");
    let (status, page) = thread(&app, &s.reader, s.id, id).await;
    assert_eq!(status, 200, "{page:?}");
    let page = page.expect("page");
    let html = &page.posts[0].body_html;
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("<strong>gras</strong>"), "{html}");
    assert!(!page.can_reply, "a reader does not reply");
    // A reader reads, and may not post.
    assert_eq!(start(&app, &s.reader, s.id, "Non", "Non").await.0, 403);
    assert_eq!(reply(&app, &s.reader, s.id, id, "Non").await.0, 403);
    let (_, list) = forum(&app, &s.reader, s.id, None).await;
    let list = list.expect("forum");
    assert!(!list.can_post);
    assert_eq!(list.threads.len(), 1);
    assert_eq!(list.threads[0].title, "Premier sujet");
    // Outside the space: nothing, not even its name.
    assert_eq!(forum(&app, &s.outsider, s.id, None).await.0, 404);
    assert_eq!(thread(&app, &s.outsider, s.id, id).await.0, 404);
    assert_eq!(reply(&app, &s.outsider, s.id, id, "Hé").await.0, 404);
    assert_eq!(start(&app, &s.outsider, s.id, "Hé", "Hé").await.0, 404);
    let visitor = app.client();
    assert_eq!(forum(&app, &visitor, s.id, None).await.0, 404);
    assert_eq!(start(&app, &visitor, s.id, "Hé", "Hé").await.0, 401);
    // A thread of another space is not found through this one.
    let (status, _) = thread(&app, &s.ada, s.id + 1000, id).await;
    assert_eq!(status, 404);
    // Bad input: a clear error, nothing saved.
    let (status, refused) = start(&app, &s.ada, s.id, " ", "").await;
    assert_eq!(status, 422);
    let Err(AppError::Invalid(errors)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(errors.len(), 2);
    let threads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM forum_threads")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(threads, 1);
}

#[tokio::test]
async fn animators_alone_pin_and_lock_and_a_locked_thread_refuses_replies() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Plan vélo").await;
    let older = start(&app, &s.ada, s.id, "Ancien", "Texte")
        .await
        .1
        .expect("thread");
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_secs(60))
            .expect("later"),
    );
    let newer = start(&app, &s.bob, s.id, "Récent", "Texte")
        .await
        .1
        .expect("thread");
    assert_eq!(moderate(&app, &s.ada, s.id, older, "pin").await, 403);
    assert_eq!(moderate(&app, &s.bob, s.id, older, "lock").await, 403);
    assert_eq!(moderate(&app, &s.reader, s.id, older, "pin").await, 403);
    assert_eq!(
        moderate(&app, &s.animator, s.id, older, "explode").await,
        422
    );
    let titles = |page: ForumPage| {
        page.threads
            .into_iter()
            .map(|t| t.title)
            .collect::<Vec<_>>()
    };
    let list = forum(&app, &s.ada, s.id, None).await.1.expect("forum");
    assert_eq!(titles(list), ["Récent", "Ancien"], "the most recent first");
    assert_eq!(moderate(&app, &s.animator, s.id, older, "pin").await, 200);
    let list = forum(&app, &s.ada, s.id, None).await.1.expect("forum");
    assert!(list.threads[0].pinned);
    assert_eq!(titles(list), ["Ancien", "Récent"], "pinned first");
    // Locked: replies refused with a clear message, for everyone, until unlocked.
    assert_eq!(moderate(&app, &s.animator, s.id, newer, "lock").await, 200);
    let (status, refused) = reply(&app, &s.bob, s.id, newer, "Encore ?").await;
    assert_eq!(status, 409);
    assert_eq!(
        refused.expect_err("refused"),
        AppError::Conflict("forum-thread-locked".into())
    );
    let page = thread(&app, &s.bob, s.id, newer).await.1.expect("page");
    assert!(page.locked && !page.can_reply);
    assert_eq!(
        moderate(&app, &s.animator, s.id, newer, "unlock").await,
        200
    );
    assert_eq!(reply(&app, &s.bob, s.id, newer, "Enfin").await.0, 200);
}

#[tokio::test]
async fn the_thread_author_or_an_animator_chooses_the_solution() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Toitures").await;
    let id = start(&app, &s.ada, s.id, "Quel substrat ?", "Pour 200 m².")
        .await
        .1
        .expect("thread");
    let answer = reply(&app, &s.bob, s.id, id, "Un substrat léger.")
        .await
        .1
        .expect("reply");
    let opening: i64 = sqlx::query_scalar("SELECT MIN(id) FROM forum_posts WHERE thread_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("opening");
    assert_eq!(
        mark(&app, &s.bob, s.id, id, answer).await,
        403,
        "not the thread's author"
    );
    assert_eq!(mark(&app, &s.reader, s.id, id, answer).await, 403);
    assert_eq!(mark(&app, &s.outsider, s.id, id, answer).await, 404);
    assert_eq!(
        mark(&app, &s.ada, s.id, id, opening).await,
        422,
        "the question is no solution"
    );
    assert_eq!(mark(&app, &s.ada, s.id, id, answer).await, 200);
    let list = forum(&app, &s.reader, s.id, None).await.1.expect("forum");
    assert!(list.threads[0].solved);
    let page = thread(&app, &s.ada, s.id, id).await.1.expect("page");
    assert!(page.posts[1].solution && !page.posts[0].solution);
    assert!(page.can_mark_solution);
    assert!(
        !thread(&app, &s.bob, s.id, id)
            .await
            .1
            .expect("page")
            .can_mark_solution
    );
    // An animator may clear it.
    assert_eq!(mark(&app, &s.animator, s.id, id, 0).await, 200);
    assert!(
        !forum(&app, &s.ada, s.id, None)
            .await
            .1
            .expect("forum")
            .threads[0]
            .solved
    );
}

#[tokio::test]
async fn unread_markers_move_with_reading_and_new_replies() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Réseau").await;
    let id = start(
        &app,
        &s.animator,
        s.id,
        "Ordre du jour",
        "Points à traiter.",
    )
    .await
    .1
    .expect("thread");
    let unread = |page: ForumPage| page.threads[0].unread;
    assert!(
        unread(forum(&app, &s.ada, s.id, None).await.1.expect("forum")),
        "new to Ada"
    );
    assert!(
        !unread(forum(&app, &s.animator, s.id, None).await.1.expect("forum")),
        "its author read it"
    );
    let page = thread(&app, &s.ada, s.id, id).await.1.expect("page");
    assert!(page.posts[0].unread, "marked on the page that reads it");
    assert!(
        !unread(forum(&app, &s.ada, s.id, None).await.1.expect("forum")),
        "read now"
    );
    reply(&app, &s.bob, s.id, id, "J'ajoute un point.")
        .await
        .1
        .expect("reply");
    assert!(
        unread(forum(&app, &s.ada, s.id, None).await.1.expect("forum")),
        "a new reply"
    );
    let page = thread(&app, &s.ada, s.id, id).await.1.expect("page");
    assert!(
        !page.posts[0].unread && page.posts[1].unread,
        "only the reply is new"
    );
    let page = thread(&app, &s.ada, s.id, id).await.1.expect("page");
    assert!(page.posts.iter().all(|p| !p.unread));
    assert!(
        !unread(forum(&app, &s.bob, s.id, None).await.1.expect("forum")),
        "one's own reply is read"
    );
    assert_eq!(
        forum(&app, &s.ada, s.id, None)
            .await
            .1
            .expect("forum")
            .threads[0]
            .replies,
        1
    );
}

/// The members an activity line of space `space` mentions, by the line's action.
async fn mentioned(app: &TestApp, space: i64, action: &str) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT n.user_id FROM space_mentions n JOIN space_activity a ON a.id = n.activity_id \
         WHERE a.space_id = $1 AND a.action = $2 ORDER BY n.user_id",
    )
    .bind(space)
    .bind(action)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("mentions")
}

#[tokio::test]
async fn mentions_reach_members_of_the_space_only() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Plan climat").await;
    let id = start(
        &app,
        &s.animator,
        s.id,
        "Réunion",
        "@Ada Lovelace et @Omar Dehors, pouvez-vous relire ?",
    )
    .await
    .1
    .expect("thread");
    assert_eq!(
        mentioned(&app, s.id, "activity-forum-thread").await,
        [s.ada_id]
    );
    let lines: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_activity WHERE space_id = $1 AND module = 'forum' AND subject = 'Réunion'",
    )
    .bind(s.id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("lines");
    assert_eq!(lines, 1, "the thread's line of activity");
    // A mention of a non-member alone records nothing.
    reply(&app, &s.ada, s.id, id, "Merci @omar dehors !")
        .await
        .1
        .expect("reply");
    assert!(mentioned(&app, s.id, "activity-forum-reply")
        .await
        .is_empty());
    // A member mentioned in a reply, folded (accents and case do not matter).
    reply(&app, &s.ada, s.id, id, "@BOB MARTIN, ton avis ?")
        .await
        .1
        .expect("reply");
    assert_eq!(
        mentioned(&app, s.id, "activity-forum-reply").await,
        [s.bob_id]
    );
    // An edit tells only the members it adds; one that adds none records no line.
    let post = reply(&app, &s.bob, s.id, id, "Je relis.")
        .await
        .1
        .expect("reply");
    let edit = |body: &'static str| {
        let (app, bob, space, post) = (&app, &s.bob, s.id.to_string(), post.to_string());
        async move {
            let form = [
                ("id", space.as_str()),
                ("post", post.as_str()),
                ("body", body),
            ];
            app.call_json::<()>(bob, "espaces/forum_edit", &form)
                .await
                .0
        }
    };
    assert_eq!(edit("Je relis, @Ada Lovelace aussi.").await, 200);
    assert_eq!(
        mentioned(&app, s.id, "activity-forum-edit").await,
        [s.ada_id]
    );
    assert_eq!(edit("Je relis (corrigé), @Ada Lovelace aussi.").await, 200);
    assert_eq!(edit("@Agathe Agent et @Ada Lovelace relisent.").await, 200);
    let animator = app.user_id("agathe@paris.example").await;
    let mut told = mentioned(&app, s.id, "activity-forum-edit").await;
    told.sort_unstable();
    let mut expected = vec![s.ada_id, animator];
    expected.sort_unstable();
    assert_eq!(told, expected, "Ada once, then only the animator added");
    let lines: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_activity WHERE space_id = $1 AND action = 'activity-forum-edit'",
    )
    .bind(s.id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("lines");
    assert_eq!(lines, 2, "the edit adding no mention recorded no line");
    let mine = app
        .call_json::<Option<parvis::espaces::types::MySpaces>>(&s.outsider, "espaces/mine", &[])
        .await
        .1
        .expect("mine")
        .expect("signed in");
    assert!(mine.mentions.is_empty(), "{}", s.outsider_id);
}

#[tokio::test]
async fn the_search_finds_stemmed_words_in_french_and_english() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Mobilités").await;
    start(
        &app,
        &s.ada,
        s.id,
        "Jardins partagés",
        "Nous plantons des arbres fruitiers.",
    )
    .await
    .1
    .expect("thread");
    let english = start(
        &app,
        &s.bob,
        s.id,
        "Bike sharing",
        "The cities are building cycle lanes.",
    )
    .await
    .1
    .expect("thread");
    reply(&app, &s.ada, s.id, english, "Les écoles s'équipent aussi.")
        .await
        .1
        .expect("reply");
    let found = |page: ForumPage| {
        page.threads
            .into_iter()
            .map(|t| t.title)
            .collect::<Vec<_>>()
    };
    for (q, titles) in [
        ("jardin", vec!["Jardins partagés"]),
        ("ARBRE fruitier", vec!["Jardins partagés"]),
        ("partage", vec!["Jardins partagés"]),
        ("city", vec!["Bike sharing"]),
        ("builds lane", vec!["Bike sharing"]),
        ("école", vec!["Bike sharing"]),
        ("voiture", vec![]),
    ] {
        let (status, page) = forum(&app, &s.reader, s.id, Some(q)).await;
        assert_eq!(status, 200, "{page:?}");
        let page = page.expect("forum");
        assert_eq!(page.query.as_deref(), Some(q));
        let mut got = found(page);
        got.sort();
        assert_eq!(got, titles, "{q}");
    }
    // Another space's threads are not found from this one.
    let other = app
        .call_json::<i64>(
            &s.animator,
            "espaces/create",
            &[("template", "project"), ("name", "Autre")],
        )
        .await
        .1
        .expect("space");
    start(&app, &s.animator, other, "Jardins ailleurs", "Jardins")
        .await
        .1
        .expect("thread");
    let page = forum(&app, &s.ada, s.id, Some("jardins"))
        .await
        .1
        .expect("forum");
    assert_eq!(found(page), ["Jardins partagés"]);
}

#[tokio::test]
async fn authors_edit_and_delete_their_posts_and_animators_delete_any() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Propreté").await;
    let id = start(&app, &s.ada, s.id, "Balayage", "Premier jet.")
        .await
        .1
        .expect("thread");
    let answer = reply(&app, &s.bob, s.id, id, "Réponse de Bob.")
        .await
        .1
        .expect("reply");
    let opening: i64 = sqlx::query_scalar("SELECT MIN(id) FROM forum_posts WHERE thread_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("opening");
    let space = s.id.to_string();
    let edit = |post: i64, body: &str| {
        vec![
            ("id", space.clone()),
            ("post", post.to_string()),
            ("body", body.to_string()),
        ]
    };
    assert_eq!(
        send(&app, &s.bob, "espaces/forum_edit", &edit(opening, "Pris !")).await,
        403
    );
    assert_eq!(
        send(
            &app,
            &s.animator,
            "espaces/forum_edit",
            &edit(opening, "Pris !")
        )
        .await,
        403,
        "animators delete, not edit"
    );
    assert_eq!(
        send(
            &app,
            &s.ada,
            "espaces/forum_edit",
            &edit(opening, "Second *jet* <script>x</script>")
        )
        .await,
        200
    );
    let page = thread(&app, &s.reader, s.id, id).await.1.expect("page");
    assert!(page.posts[0].edited.is_some(), "shown as edited");
    assert!(page.posts[1].edited.is_none());
    assert!(
        page.posts[0].body_html.contains("<em>jet</em>")
            && !page.posts[0].body_html.contains("<script")
    );
    // The edit is searchable.
    let found = forum(&app, &s.ada, s.id, Some("second"))
        .await
        .1
        .expect("forum");
    assert_eq!(found.threads.len(), 1);
    // Deleting: one's own reply yes, another's no; one's own thread only without replies.
    let delete = |post: i64| vec![("id", space.clone()), ("post", post.to_string())];
    assert_eq!(
        send(&app, &s.ada, "espaces/forum_delete", &delete(answer)).await,
        403
    );
    assert_eq!(
        send(&app, &s.reader, "espaces/forum_delete", &delete(answer)).await,
        403
    );
    assert_eq!(
        send(&app, &s.ada, "espaces/forum_delete", &delete(opening)).await,
        409,
        "it has a reply"
    );
    assert_eq!(
        send(&app, &s.bob, "espaces/forum_delete", &delete(answer)).await,
        200
    );
    assert_eq!(
        thread(&app, &s.ada, s.id, id)
            .await
            .1
            .expect("page")
            .posts
            .len(),
        1
    );
    let other = reply(&app, &s.bob, s.id, id, "Encore moi.")
        .await
        .1
        .expect("reply");
    assert_eq!(
        send(&app, &s.animator, "espaces/forum_delete", &delete(other)).await,
        200,
        "any post"
    );
    assert_eq!(
        send(&app, &s.ada, "espaces/forum_delete", &delete(opening)).await,
        200,
        "no reply left"
    );
    assert_eq!(thread(&app, &s.ada, s.id, id).await.0, 404);
    assert!(forum(&app, &s.ada, s.id, None)
        .await
        .1
        .expect("forum")
        .threads
        .is_empty());
    // An animator deletes a thread with its replies.
    let id = start(&app, &s.ada, s.id, "Autre", "Texte")
        .await
        .1
        .expect("thread");
    reply(&app, &s.bob, s.id, id, "Oui.")
        .await
        .1
        .expect("reply");
    let opening: i64 = sqlx::query_scalar("SELECT MIN(id) FROM forum_posts WHERE thread_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("opening");
    assert_eq!(
        send(&app, &s.animator, "espaces/forum_delete", &delete(opening)).await,
        200
    );
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM forum_posts")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

#[tokio::test]
async fn animators_manage_categories_and_an_archived_forum_only_reads() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Végétalisation").await;
    let space = s.id.to_string();
    let (status, refused) = app
        .call_json::<i64>(
            &s.ada,
            "espaces/forum_category",
            &[("id", &space), ("category", "0"), ("name", "Arbres")],
        )
        .await;
    assert_eq!(status, 403, "{refused:?}");
    let category = app
        .call_json::<i64>(
            &s.animator,
            "espaces/forum_category",
            &[("id", &space), ("category", "0"), ("name", "Arbres")],
        )
        .await
        .1
        .expect("category");
    let (status, _) = app
        .call_json::<i64>(
            &s.animator,
            "espaces/forum_category",
            &[("id", &space), ("category", "0"), ("name", " ")],
        )
        .await;
    assert_eq!(status, 422);
    let thread = app
        .call_json::<i64>(
            &s.ada,
            "espaces/forum_start",
            &[
                ("id", &space),
                ("category", &category.to_string()),
                ("title", "Platanes"),
                ("body", "Malades ?"),
            ],
        )
        .await
        .1
        .expect("thread");
    let page = forum(&app, &s.ada, s.id, None).await.1.expect("forum");
    assert_eq!(page.categories.len(), 2);
    assert!(
        page.categories[0].is_default(),
        "the default one, shown Général"
    );
    assert_eq!(page.threads[0].category, "Arbres");
    // Another space's category is refused.
    let (status, _) = app
        .call_json::<i64>(
            &s.ada,
            "espaces/forum_start",
            &[
                ("id", &space),
                ("category", "999999"),
                ("title", "X"),
                ("body", "Y"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        call(
            &app,
            &s.ada,
            "espaces/forum_category_delete",
            &[("id", &space), ("category", &category.to_string())]
        )
        .await,
        403
    );
    assert_eq!(
        call(
            &app,
            &s.animator,
            "espaces/forum_category_delete",
            &[("id", &space), ("category", &category.to_string())]
        )
        .await,
        200
    );
    let page = forum(&app, &s.ada, s.id, None).await.1.expect("forum");
    assert_eq!(page.categories.len(), 1);
    assert_eq!(
        page.threads[0].category, "",
        "moved to the default category"
    );
    // Archived: read-only for everyone.
    assert_eq!(
        call(
            &app,
            &s.animator,
            "espaces/archive",
            &[("id", &space), ("archived", "true")]
        )
        .await,
        200
    );
    assert_eq!(reply(&app, &s.ada, s.id, thread, "Encore").await.0, 409);
    assert_eq!(start(&app, &s.animator, s.id, "Non", "Non").await.0, 409);
    let page = forum(&app, &s.ada, s.id, None).await.1.expect("forum");
    assert!(!page.can_post && !page.can_moderate);
    assert_eq!(page.threads.len(), 1);
}

#[tokio::test]
async fn the_pages_render_on_the_server_and_a_quote_link_starts_the_reply() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Pages").await;
    let id = start(&app, &s.ada, s.id, "Sujet rendu", "Texte **à citer**.")
        .await
        .1
        .expect("thread");
    let opening: i64 = sqlx::query_scalar("SELECT MIN(id) FROM forum_posts WHERE thread_id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("opening");
    let get = |path: String| {
        let client = s.bob.clone();
        let url = app.url(&path);
        async move {
            let response = client.get(url).send().await.expect("page");
            (
                response.status().as_u16(),
                response.text().await.expect("body"),
            )
        }
    };
    let (status, forum) = get(format!("/espaces/{}/forum", s.id)).await;
    assert_eq!(status, 200);
    assert!(
        forum.contains("Sujet rendu") && forum.contains("Général"),
        "{forum}"
    );
    let (status, page) = get(format!("/espaces/{}/forum/{id}?citer={opening}", s.id)).await;
    assert_eq!(status, 200);
    assert!(page.contains("<strong>à citer</strong>"), "{page}");
    assert!(
        page.contains("**Ada Lovelace** :"),
        "the reply starts with the quote: {page}"
    );
    let (status, new) = get(format!("/espaces/{}/forum/nouveau", s.id)).await;
    assert_eq!(status, 200);
    assert!(new.contains("Publier le sujet"), "{new}");
    let (status, _) = get(format!("/espaces/{}/forum/{}", s.id, id + 1000)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_demo_spaces_hold_forum_threads_with_replies_and_a_mention() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let agent = app
        .sign_in("agent@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let space: i64 =
        sqlx::query_scalar("SELECT id FROM spaces WHERE name = 'Plan écologie urbaine'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("demo space");
    let page = forum(&app, &agent, space, None).await.1.expect("forum");
    assert!(page.threads.len() >= 2, "{:?}", page.threads);
    assert!(page.threads[0].pinned, "the welcome thread is pinned");
    assert!(page.threads.iter().any(|t| t.solved && t.replies >= 2));
    assert!(page.categories.iter().any(|c| c.name == "Végétalisation"));
    let corentin = app.user_id("correspondant.dvd@parvis.localhost").await;
    let mentions: Vec<i64> = sqlx::query_scalar(
        "SELECT n.user_id FROM space_mentions n JOIN space_activity a ON a.id = n.activity_id WHERE a.space_id = $1",
    )
    .bind(space)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("mentions");
    assert_eq!(mentions, [corentin]);
    let network: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM forum_threads t JOIN spaces s ON s.id = t.space_id WHERE s.name = 'Réseau biodiversité'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("threads");
    assert_eq!(network, 1);
}

/// A forum of more threads than a page pages them all: every thread on exactly one page, the
/// newest first, `more` until the last page; a page past the end is empty, a nonsense page is
/// the first; a search and a category are paged the same way.
#[tokio::test]
async fn a_long_forum_is_paged_and_no_thread_is_left_out() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Réseau des mares").await;
    let total = parvis::espaces::forum_types::THREADS_PER_PAGE as usize + 7;
    let mut started = Vec::new();
    for n in 0..total {
        let (status, id) = start(
            &app,
            &s.ada,
            s.id,
            &format!("Mare n° {n}"),
            "Relevé de la mare.",
        )
        .await;
        assert_eq!(status, 200, "{id:?}");
        started.push(id.expect("thread"));
    }
    let id = s.id.to_string();
    let page = |page: &'static str, q: &'static str| {
        let (app, reader, id) = (&app, &s.reader, id.clone());
        async move {
            let (status, forum) = app
                .call_json::<ForumPage>(
                    reader,
                    "espaces/forum",
                    &[("id", id.as_str()), ("q", q), ("page", page)],
                )
                .await;
            assert_eq!(status, 200, "{forum:?}");
            forum.expect("forum")
        }
    };
    let first = page("", "").await;
    assert_eq!((first.page, first.more), (1, true));
    assert_eq!(
        first.threads.len(),
        parvis::espaces::forum_types::THREADS_PER_PAGE as usize
    );
    assert_eq!(
        first.threads[0].id,
        *started.last().expect("newest"),
        "newest first"
    );
    let second = page("2", "").await;
    assert_eq!((second.page, second.more), (2, false));
    let mut seen: Vec<i64> = first
        .threads
        .iter()
        .chain(&second.threads)
        .map(|t| t.id)
        .collect();
    seen.sort_unstable();
    let mut expected = started.clone();
    expected.sort_unstable();
    assert_eq!(seen, expected, "each thread on exactly one page");
    assert!(page("3", "").await.threads.is_empty());
    assert_eq!(page("-4", "").await.page, 1);
    assert_eq!(page("99999999999999999999999", "").await.threads.len(), 0);
    let searched = page("2", "mares").await;
    assert_eq!((searched.threads.len(), searched.more), (7, false));
}

/// An edit's line exists to tell the members it newly mentions: of the members asking for an
/// e-mail at once, they alone get one (a new reply is mailed to all of them).
#[tokio::test]
async fn an_edit_adding_a_mention_is_mailed_at_once_to_the_mentioned_only() {
    let app = TestApp::spawn().await;
    let s = space(&app, "Plan vélo").await;
    let id = s.id.to_string();
    for client in [&s.ada, &s.reader] {
        let (status, _) = app
            .call_json::<parvis::espaces::types::Notify>(
                client,
                "espaces/set_notify",
                &[("id", &id), ("notify", "immediate")],
            )
            .await;
        assert_eq!(status, 200);
    }
    let thread = start(&app, &s.animator, s.id, "Itinéraires", "Vos idées ?")
        .await
        .1
        .expect("thread");
    let post = reply(&app, &s.bob, s.id, thread, "La rue de Rivoli.")
        .await
        .1
        .expect("reply");
    app.settle_jobs().await;
    let to = |who: &str| {
        app.outbox()
            .iter()
            .filter(|m| m.contains(&format!("To: {who}")))
            .count()
    };
    let (ada_before, rita_before) = (to("ada@example.org"), to("rita@example.org"));
    assert!(
        rita_before >= 1,
        "the reply is mailed to every immediate member"
    );
    let form = [
        ("id", id.as_str()),
        ("post", &post.to_string()),
        (
            "body",
            "La rue de Rivoli, comme @Ada Lovelace le proposait.",
        ),
    ];
    assert_eq!(
        app.call_json::<()>(&s.bob, "espaces/forum_edit", &form)
            .await
            .0,
        200
    );
    app.settle_jobs().await;
    assert_eq!(
        to("ada@example.org"),
        ada_before + 1,
        "the member the edit mentions"
    );
    assert_eq!(to("rita@example.org"), rita_before, "nobody else");
}
