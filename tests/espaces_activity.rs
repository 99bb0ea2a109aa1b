//! A space's activity, over real HTTP on the backend `PARVIS_TEST_BACKEND` names: the feed of
//! its home and "what changed since my last visit", mentions (members only), each member's
//! notification setting (on the site, an e-mail at once, a daily digest — mailed through the
//! jobs, never to the actor nor to a member removed before the send), the site admins'
//! overview, and the refusals.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    espaces::{
        activity_types::{SpaceActivity, SpaceOverviewRow},
        server::{
            activity::{record, MailTo, NewActivity},
            activity_mail,
        },
        types::{Module, MySpaces, Notify, SpaceRole},
    },
};
use reqwest::Client;

const PASSWORD: &str = "correct horse battery";

/// A space of a host agent (its animator) with a contributor; (space, agent, agent's client,
/// partner's id, partner's client).
async fn space_with_partner(app: &TestApp) -> (i64, i64, Client, i64, Client) {
    let (_, service) = app.direction("DEVE").await;
    let agent = app.sign_up("ada@paris.example", PASSWORD).await;
    app.grant("ada@paris.example", Role::HostAgent, Some(service))
        .await;
    let (status, id) = app
        .call_json::<i64>(
            &agent,
            "espaces/create",
            &[("template", "plan"), ("name", "Plan biodiversité")],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    let space = id.expect("space");
    let partner = app.sign_up("lea@partner.example", PASSWORD).await;
    let partner_id = app
        .add_space_member(space, "lea@partner.example", SpaceRole::Contributor)
        .await;
    let agent_id = app.user_id("ada@paris.example").await;
    (space, agent_id, agent, partner_id, partner)
}

/// What a module does when something happens: one line in the change's transaction.
async fn happen(app: &TestApp, space: i64, actor: i64, subject: &str, mentioned: Vec<i64>) {
    let mut tx = app.state.db.pool.begin().await.expect("tx");
    record(
        &mut tx,
        &NewActivity {
            space_id: space,
            actor_id: Some(actor),
            module: Module::Documents,
            action: "activity-document-uploaded",
            subject: subject.into(),
            link: format!("/espaces/{space}"),
            mentioned,
            mail_to: MailTo::Everyone,
        },
        app.state.clock.now_seconds(),
    )
    .await
    .expect("recorded");
    tx.commit().await.expect("commit");
}

async fn feed(
    app: &TestApp,
    client: &Client,
    space: i64,
) -> (u16, Result<SpaceActivity, AppError>) {
    app.call_json::<SpaceActivity>(client, "espaces/activity", &[("id", &space.to_string())])
        .await
}

async fn mine(app: &TestApp, client: &Client) -> MySpaces {
    let (status, mine) = app
        .call_json::<Option<MySpaces>>(client, "espaces/mine", &[])
        .await;
    assert_eq!(status, 200);
    mine.expect("answer").expect("signed in")
}

#[tokio::test]
async fn the_feed_marks_what_is_new_since_the_last_visit_and_not_ones_own() {
    let app = TestApp::spawn().await;
    let (space, agent_id, agent, _, partner) = space_with_partner(&app).await;
    // The partner's first visit: nothing yet.
    let (status, first) = feed(&app, &partner, space).await;
    assert_eq!(status, 200, "{first:?}");
    assert!(first.expect("feed").items.is_empty());
    // Seconds are the feed's unit: the line must come after the visit.
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_secs(5))
            .expect("later"),
    );
    happen(&app, space, agent_id, "plan.pdf", vec![]).await;
    let news = mine(&app, &partner).await;
    assert_eq!(news.spaces[0].news, 1, "one line since the visit");
    assert_eq!(
        mine(&app, &agent).await.spaces[0].news,
        0,
        "one's own line is no news"
    );
    let (_, seen) = feed(&app, &partner, space).await;
    let seen = seen.expect("feed");
    assert_eq!(seen.items.len(), 1);
    assert!(seen.items[0].new, "new to the partner");
    assert_eq!(seen.items[0].subject, "plan.pdf");
    assert_eq!(seen.notify, Some(Notify::Site), "the default setting");
    let (_, own) = feed(&app, &agent, space).await;
    assert!(!own.expect("feed").items[0].new, "never new to its actor");
    // Opening the space was the visit.
    assert_eq!(mine(&app, &partner).await.spaces[0].news, 0);
    let (_, again) = feed(&app, &partner, space).await;
    assert!(!again.expect("feed").items[0].new);
}

#[tokio::test]
async fn mentions_reach_members_only_and_are_read_when_the_space_is_opened() {
    let app = TestApp::spawn().await;
    let (space, agent_id, _, partner_id, partner) = space_with_partner(&app).await;
    let outsider = app.sign_up("out@elsewhere.example", PASSWORD).await;
    let outsider_id = app.user_id("out@elsewhere.example").await;
    happen(
        &app,
        space,
        agent_id,
        "Réunion",
        vec![partner_id, outsider_id, agent_id],
    )
    .await;
    let mentions = mine(&app, &partner).await.mentions;
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0].space_name, "Plan biodiversité");
    assert!(
        mine(&app, &outsider).await.mentions.is_empty(),
        "not a member"
    );
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_mentions")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(kept, 1, "neither the outsider nor the actor is recorded");
    let _ = feed(&app, &partner, space).await;
    assert!(mine(&app, &partner).await.mentions.is_empty(), "read");
}

#[tokio::test]
async fn an_immediate_member_gets_a_mail_the_actor_and_a_removed_member_none() {
    let app = TestApp::spawn().await;
    let (space, agent_id, agent, partner_id, partner) = space_with_partner(&app).await;
    for client in [&agent, &partner] {
        let (status, set) = app
            .call_json::<Notify>(
                client,
                "espaces/set_notify",
                &[("id", &space.to_string()), ("notify", "immediate")],
            )
            .await;
        assert_eq!(status, 200, "{set:?}");
    }
    happen(&app, space, agent_id, "budget-2027.xlsx", vec![]).await;
    app.settle_jobs().await;
    let mail = app
        .mail_containing(&["lea@partner.example", "budget-2027.xlsx"])
        .await;
    assert!(mail.contains("Plan biodiversit"), "names the space: {mail}");
    let to_agent = app
        .outbox()
        .iter()
        .filter(|m| m.contains("To: ada@paris.example") && m.contains("budget-2027"))
        .count();
    assert_eq!(to_agent, 0, "the actor is not told of their own change");
    // Queued for the partner, who is removed before the worker sends it: nothing goes.
    let before = app.outbox().len();
    happen(&app, space, agent_id, "secret.pdf", vec![]).await;
    sqlx::query("DELETE FROM space_members WHERE space_id = $1 AND user_id = $2")
        .bind(space)
        .bind(partner_id)
        .execute(&app.state.db.pool)
        .await
        .expect("removed");
    app.settle_jobs().await;
    assert_eq!(app.outbox().len(), before, "{:?}", app.outbox().last());
}

#[tokio::test]
async fn the_digest_tells_each_line_once() {
    let app = TestApp::spawn().await;
    let (space, agent_id, _, _, partner) = space_with_partner(&app).await;
    let (status, _) = app
        .call_json::<Notify>(
            &partner,
            "espaces/set_notify",
            &[("id", &space.to_string()), ("notify", "digest")],
        )
        .await;
    assert_eq!(status, 200);
    happen(&app, space, agent_id, "compte-rendu.odt", vec![]).await;
    happen(&app, space, agent_id, "carte.png", vec![]).await;
    app.settle_jobs().await;
    assert_eq!(app.outbox().len(), 0, "nothing at once");
    assert_eq!(
        activity_mail::round(&app.state).await.expect("round"),
        1,
        "one digest"
    );
    app.settle_jobs().await;
    let mail = app
        .mail_containing(&["lea@partner.example", "compte-rendu.odt", "carte.png"])
        .await;
    assert!(mail.contains("Plan biodiversit"));
    assert_eq!(
        activity_mail::round(&app.state).await.expect("round"),
        0,
        "told once"
    );
}

#[tokio::test]
async fn notification_settings_and_the_overview_refuse_who_they_must() {
    let app = TestApp::spawn().await;
    let (space, _, agent, _, _) = space_with_partner(&app).await;
    let id = space.to_string();
    let stranger = app.sign_up("zoe@elsewhere.example", PASSWORD).await;
    // A private space one does not belong to: 404, its name never leaks.
    let (status, _) = app
        .call_json::<Notify>(
            &stranger,
            "espaces/set_notify",
            &[("id", &id), ("notify", "digest")],
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = feed(&app, &stranger, space).await;
    assert_eq!(status, 404);
    let (status, _) = app
        .call_json::<Notify>(
            &app.client(),
            "espaces/set_notify",
            &[("id", &id), ("notify", "digest")],
        )
        .await;
    assert_eq!(status, 401, "a visitor");
    let (status, answer) = app
        .call_json::<Notify>(
            &agent,
            "espaces/set_notify",
            &[("id", &id), ("notify", "hourly")],
        )
        .await;
    assert_eq!(status, 422, "{answer:?}");
    // Readers through visibility (a public space) are not members: nothing to set.
    sqlx::query("UPDATE spaces SET visibility = 'public' WHERE id = $1")
        .bind(space)
        .execute(&app.state.db.pool)
        .await
        .expect("public");
    let (status, _) = app
        .call_json::<Notify>(
            &stranger,
            "espaces/set_notify",
            &[("id", &id), ("notify", "digest")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, public) = feed(&app, &stranger, space).await;
    assert_eq!(status, 200);
    assert_eq!(public.expect("feed").notify, None);
    // The overview: site admins only.
    let (status, _) = app
        .call_json::<Vec<SpaceOverviewRow>>(&agent, "espaces/overview", &[])
        .await;
    assert_eq!(status, 403);
    app.sign_up("root@parvis.example", PASSWORD).await;
    app.grant("root@parvis.example", Role::SiteAdmin, None)
        .await;
    let admin = app.sign_in("root@parvis.example", PASSWORD).await;
    let (status, rows) = app
        .call_json::<Vec<SpaceOverviewRow>>(&admin, "espaces/overview", &[])
        .await;
    assert_eq!(status, 200, "{rows:?}");
    let rows = rows.expect("rows");
    let row = rows.iter().find(|r| r.id == space).expect("listed");
    assert_eq!((row.members, row.animators), (2, 1));
}

/// The data of the next `space` event of a space's live stream arriving within `wait`.
async fn space_event_within(
    response: &mut reqwest::Response,
    wait: std::time::Duration,
) -> Option<String> {
    common::sse::event_within(response, "space", wait).await
}

/// An open page of a space follows it live: its stream (404 for who may not see the space)
/// announces new activity, and a member removed while the page is open hears `access` and
/// the stream ends — the page's live connection does not outlive the membership.
#[tokio::test]
async fn an_open_page_hears_new_activity_and_a_removed_member_loses_the_stream() {
    use std::time::Duration;
    let app = TestApp::spawn().await;
    let (space, agent_id, agent, partner_id, partner) = space_with_partner(&app).await;
    let stranger = app.sign_up("zoe@elsewhere.example", PASSWORD).await;
    let path = format!("/espaces/{space}/evenements");

    let refused = stranger.get(app.url(&path)).send().await.expect("sent");
    assert_eq!(
        refused.status(),
        404,
        "a stranger learns nothing of the space"
    );
    let missing = partner
        .get(app.url("/espaces/999999/evenements"))
        .send()
        .await
        .expect("sent");
    assert_eq!(missing.status(), 404);

    let mut stream = partner
        .get(app.url(&path))
        .send()
        .await
        .expect("subscribed");
    assert_eq!(stream.status(), 200);
    assert_eq!(
        space_event_within(&mut stream, Duration::from_millis(500)).await,
        None,
        "nothing happened yet"
    );
    happen(&app, space, agent_id, "compte-rendu.pdf", vec![]).await;
    assert_eq!(
        space_event_within(&mut stream, Duration::from_secs(10))
            .await
            .as_deref(),
        Some("activity"),
        "new activity is announced to the open page"
    );

    let (status, removed) = app
        .call_json::<()>(
            &agent,
            "espaces/remove_member",
            &[
                ("id", &space.to_string()),
                ("user_id", &partner_id.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{removed:?}");
    let started = std::time::Instant::now();
    assert_eq!(
        space_event_within(&mut stream, Duration::from_secs(10))
            .await
            .as_deref(),
        Some("access"),
        "the removed member's page is told at once"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "told after {:?}",
        started.elapsed()
    );
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the removed member's stream stays open");
    let again = partner.get(app.url(&path)).send().await.expect("sent");
    assert_eq!(again.status(), 404, "and cannot reopen it");
}

/// A module switched off takes its lines out of everything that reads them: the feed, the
/// news count and mentions of "my spaces", the immediate mail and the digest. Switched on
/// again, its history is back.
#[tokio::test]
async fn lines_of_a_module_switched_off_are_shown_and_mailed_nowhere() {
    let app = TestApp::spawn().await;
    let (space, agent_id, agent, partner_id, partner) = space_with_partner(&app).await;
    let id = space.to_string();
    let _ = feed(&app, &partner, space).await; // the partner's visit: later lines are news
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_secs(5))
            .expect("later"),
    );
    let (status, _) = app
        .call_json::<Notify>(
            &partner,
            "espaces/set_notify",
            &[("id", &id), ("notify", "digest")],
        )
        .await;
    assert_eq!(status, 200);
    let modules = |list: &'static [&'static str]| {
        let (app, agent) = (&app, &agent);
        async move {
            app.set_space_modules(agent, space, "Plan biodiversité", list)
                .await
        }
    };
    modules(&["forum", "calendar", "wiki"]).await;
    happen(&app, space, agent_id, "hors-service.pdf", vec![partner_id]).await;
    let (status, shown) = feed(&app, &agent, space).await;
    assert_eq!(status, 200);
    assert!(
        shown.expect("feed").items.is_empty(),
        "no line of documents"
    );
    let news = mine(&app, &partner).await;
    assert_eq!(news.spaces[0].news, 0, "no news from documents");
    assert!(news.mentions.is_empty(), "no mention from documents");
    assert_eq!(
        activity_mail::round(&app.state).await.expect("round"),
        0,
        "no digest"
    );
    modules(&["documents", "forum", "calendar", "wiki"]).await;
    let news = mine(&app, &partner).await;
    assert_eq!(
        (news.spaces[0].news, news.mentions.len()),
        (1, 1),
        "back with the module"
    );
    assert_eq!(activity_mail::round(&app.state).await.expect("round"), 1);
    app.settle_jobs().await;
    app.mail_containing(&["lea@partner.example", "hors-service.pdf"])
        .await;
}
