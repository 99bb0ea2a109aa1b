//! Espaces' spaces and people, over real HTTP, on the backend `PARVIS_TEST_BACKEND` names:
//! who creates a space, who sees it (404, never 403, for a private space one does not belong
//! to), who changes members (animators only; the last animator stays), the invitation mailed
//! and accepted (an outside partner's account, no candidate role; the one-time sign-in link),
//! revoked and expired invitations, removal at once, the archive (read-only), bad input.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::{CurrentUser, Role},
    error::AppError,
    espaces::types::{InvitationView, MySpaces, SpaceHome, SpaceRole},
};
use reqwest::Client;

const PASSWORD: &str = "correct horse battery";

/// A host agent of DEVE's first service (staff: a city agent), signed in.
async fn agent(app: &TestApp, email: &str) -> Client {
    let (_, service) = app.direction("DEVE").await;
    let client = app.sign_up(email, PASSWORD).await;
    app.grant(email, Role::HostAgent, Some(service)).await;
    client
}

/// Creates a space from `template` as `client`; its id.
async fn create(app: &TestApp, client: &Client, template: &str, name: &str) -> i64 {
    let (status, id) = app
        .call_json::<i64>(
            client,
            "espaces/create",
            &[("template", template), ("name", name)],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    id.expect("created")
}

/// Adds `email`'s account to the space with `role` directly (what an accepted invitation
/// does; the invitation itself is tested below).
async fn add_member(app: &TestApp, space: i64, email: &str, role: SpaceRole) {
    app.add_space_member(space, email, role).await;
}

async fn home(app: &TestApp, client: &Client, space: i64) -> (u16, Result<SpaceHome, AppError>) {
    app.call_json::<SpaceHome>(client, "espaces/space", &[("id", &space.to_string())])
        .await
}

/// The status of the page at `path` and its HTML.
async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.expect("page");
    let status = response.status().as_u16();
    (status, response.text().await.expect("html"))
}

/// The token of the last mailed link to `path` sent to `to`.
async fn mailed_token(app: &TestApp, to: &str, path: &str) -> String {
    app.settle_jobs().await;
    let mail = app.mail_containing(&[to, path]).await.replace("=3D", "=");
    let link = regex::Regex::new(r"jeton=([0-9a-f]{64})").expect("regex");
    link.captures_iter(&mail)
        .last()
        .expect("a link in the mail")[1]
        .to_string()
}

fn conflict_key(result: Result<impl std::fmt::Debug, AppError>) -> String {
    match result.expect_err("refused") {
        AppError::Conflict(key) => key,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_city_agent_creates_a_space_from_a_template_and_others_are_refused() {
    let app = TestApp::spawn_with(|config| {
        config.espaces.agent_domains = vec!["ville.example".into()];
    })
    .await;
    let agent = agent(&app, "agent@example.org").await;
    let space = create(&app, &agent, "plan", "Plan climat").await;
    let (_, space) = home(&app, &agent, space).await;
    let space = space.expect("home");
    assert_eq!(space.name, "Plan climat");
    assert_eq!(space.modules.len(), 4, "a plan uses every module");
    assert_eq!(space.visibility.code(), "private");
    assert_eq!((space.members, space.role), (1, Some(SpaceRole::Animator)));
    assert!(!space.description.is_empty(), "the template's description");

    let candidate = app.sign_up("candidate@example.org", PASSWORD).await;
    let form = [("template", "project"), ("name", "Le mien")];
    assert_eq!(
        app.call(&candidate, "espaces/create", &form).await.status(),
        403
    );
    assert_eq!(
        app.call(&app.client(), "espaces/create", &form)
            .await
            .status(),
        401
    );
    let (_, mine) = app
        .call_json::<Option<MySpaces>>(&candidate, "espaces/mine", &[])
        .await;
    assert!(!mine.expect("mine").expect("signed in").can_create);

    // A configured domain counts once the address is verified (a mailed link used).
    let ada = app.sign_up("ada@ville.example", PASSWORD).await;
    assert_eq!(app.call(&ada, "espaces/create", &form).await.status(), 403);
    sqlx::query("UPDATE users SET email_verified_at = 1 WHERE email = 'ada@ville.example'")
        .execute(&app.state.db.pool)
        .await
        .expect("verified");
    create(&app, &ada, "network", "Correspondants").await;

    // A site admin's grant makes an agent too.
    let admin = app.sign_up("admin@example.org", PASSWORD).await;
    app.grant("admin@example.org", Role::SiteAdmin, None).await;
    let (status, _) = app
        .call_json::<()>(
            &admin,
            "espaces/grant_agent",
            &[("email", "candidate@example.org")],
        )
        .await;
    assert_eq!(status, 200);
    create(&app, &candidate, "project", "Équipe jardins").await;
}

#[tokio::test]
async fn a_space_one_may_not_see_is_not_found_and_its_name_never_shows() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let other_agent = agent(&app, "other@example.org").await;
    let candidate = app.sign_up("candidate@example.org", PASSWORD).await;
    let private = create(&app, &owner, "project", "Dossier confidentiel").await;
    for client in [&other_agent, &candidate, &app.client()] {
        let (status, _) = home(&app, client, private).await;
        assert_eq!(status, 404);
        let (status, html) = page(&app, client, &format!("/espaces/{private}")).await;
        assert_eq!(status, 404);
        assert!(!html.contains("Dossier confidentiel"));
        let members = app
            .call(client, "espaces/members", &[("id", &private.to_string())])
            .await;
        assert_eq!(members.status(), 404);
    }
    assert_eq!(home(&app, &app.client(), 999_999).await.0, 404);

    // Open to agents: another agent reads it (and may not manage it), a candidate does not see it.
    let open = create(&app, &owner, "network", "Réseau des correspondants").await;
    assert_eq!(home(&app, &other_agent, open).await.0, 200);
    assert_eq!(home(&app, &candidate, open).await.0, 404);
    let invite = [
        ("id", open.to_string()),
        ("email", "x@example.org".into()),
        ("role", "reader".into()),
    ];
    let invite: Vec<(&str, &str)> = invite.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&other_agent, "espaces/invite", &invite)
            .await
            .status(),
        403
    );

    // Public: everyone reads, visitors included.
    let settings = [
        ("id", open.to_string()),
        ("settings[name]", "Réseau des correspondants".into()),
        ("settings[visibility]", "public".into()),
        ("settings[modules][0]", "forum".into()),
    ];
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&owner, "espaces/save_settings", &settings)
            .await
            .status(),
        200
    );
    let (status, html) = page(&app, &app.client(), &format!("/espaces/{open}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Réseau des correspondants"));
    assert_eq!(home(&app, &candidate, open).await.0, 200);
}

#[tokio::test]
async fn only_animators_change_members_and_the_last_animator_stays() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Équipe").await;
    let reader = app.sign_up("reader@example.org", PASSWORD).await;
    let contributor = app.sign_up("contributor@example.org", PASSWORD).await;
    add_member(&app, space, "reader@example.org", SpaceRole::Reader).await;
    add_member(
        &app,
        space,
        "contributor@example.org",
        SpaceRole::Contributor,
    )
    .await;
    let id = space.to_string();
    let reader_id = app.user_id("reader@example.org").await.to_string();
    let owner_id = app.user_id("owner@example.org").await.to_string();

    for client in [&reader, &contributor] {
        assert_eq!(home(&app, client, space).await.0, 200, "members read");
        let invite = [
            ("id", id.as_str()),
            ("email", "x@example.org"),
            ("role", "reader"),
        ];
        assert_eq!(
            app.call(client, "espaces/invite", &invite).await.status(),
            403
        );
        let promote = [
            ("id", id.as_str()),
            ("user_id", reader_id.as_str()),
            ("role", "animator"),
        ];
        assert_eq!(
            app.call(client, "espaces/set_role", &promote)
                .await
                .status(),
            403
        );
        let remove = [("id", id.as_str()), ("user_id", reader_id.as_str())];
        assert_eq!(
            app.call(client, "espaces/remove_member", &remove)
                .await
                .status(),
            403
        );
        let settings = [
            ("id", id.as_str()),
            ("settings[name]", "Pris"),
            ("settings[visibility]", "public"),
        ];
        assert_eq!(
            app.call(client, "espaces/save_settings", &settings)
                .await
                .status(),
            403
        );
    }

    // The only animator can neither step down nor leave.
    let step_down = [
        ("id", id.as_str()),
        ("user_id", owner_id.as_str()),
        ("role", "reader"),
    ];
    let (status, result) = app
        .call_json::<()>(&owner, "espaces/set_role", &step_down)
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-space-last-animator");
    let leave = [("id", id.as_str()), ("user_id", owner_id.as_str())];
    assert_eq!(
        app.call(&owner, "espaces/remove_member", &leave)
            .await
            .status(),
        409
    );

    // With a second animator, the first may step down.
    let promote = [
        ("id", id.as_str()),
        ("user_id", reader_id.as_str()),
        ("role", "animator"),
    ];
    assert_eq!(
        app.call(&owner, "espaces/set_role", &promote)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&owner, "espaces/set_role", &step_down)
            .await
            .status(),
        200
    );
    let (_, space_now) = home(&app, &owner, space).await;
    assert_eq!(space_now.expect("home").role, Some(SpaceRole::Reader));
    assert_eq!(
        app.call(
            &owner,
            "espaces/invite",
            &[
                ("id", id.as_str()),
                ("email", "y@example.org"),
                ("role", "reader")
            ]
        )
        .await
        .status(),
        403
    );
}

#[tokio::test]
async fn a_removed_member_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Équipe").await;
    let member = app.sign_up("member@example.org", PASSWORD).await;
    add_member(&app, space, "member@example.org", SpaceRole::Contributor).await;
    assert_eq!(home(&app, &member, space).await.0, 200);
    let member_id = app.user_id("member@example.org").await.to_string();
    let remove = [("id", space.to_string()), ("user_id", member_id)];
    let remove: Vec<(&str, &str)> = remove.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&owner, "espaces/remove_member", &remove)
            .await
            .status(),
        200
    );
    assert_eq!(
        home(&app, &member, space).await.0,
        404,
        "the next request is refused"
    );
    let (_, mine) = app
        .call_json::<Option<MySpaces>>(&member, "espaces/mine", &[])
        .await;
    assert!(mine.expect("mine").expect("signed in").spaces.is_empty());
}

#[tokio::test]
async fn an_outside_partner_joins_from_the_mailed_invitation_and_signs_in_by_link() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "plan", "Plan écologie urbaine").await;
    let other = create(&app, &owner, "project", "Autre espace secret").await;
    let id = space.to_string();
    let (status, _) = app
        .call_json::<()>(
            &owner,
            "espaces/invite",
            &[
                ("id", &id),
                ("email", "Partner@Conseil.example"),
                ("role", "contributor"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let token = mailed_token(&app, "partner@conseil.example", "/espaces/invitation").await;

    // The link's page only shows; accepting is a POST.
    let partner = app.client();
    let (status, html) = page(
        &app,
        &partner,
        &format!("/espaces/invitation?jeton={token}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Plan écologie urbaine"));
    let (_, view) = app
        .call_json::<InvitationView>(&partner, "espaces/invitation", &[("token", &token)])
        .await;
    let view = view.expect("invitation");
    assert!(!view.account_exists && view.signed_in_as.is_none());
    assert_eq!(view.role, SpaceRole::Contributor);

    // A bad name is a field error, and nothing is created.
    let (status, result) = app
        .call_json::<i64>(
            &partner,
            "espaces/join_as_partner",
            &[("token", &token), ("display_name", "")],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("refused").field_key("display_name"),
        Some("field-required")
    );
    let (status, joined) = app
        .call_json::<i64>(
            &partner,
            "espaces/join_as_partner",
            &[("token", &token), ("display_name", "Conseil Vert")],
        )
        .await;
    assert_eq!(status, 200, "{joined:?}");
    assert_eq!(joined.expect("joined"), space);

    // A partner: a member of this space only, no role anywhere else.
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&partner, "accounts/me", &[])
        .await;
    let me = me.expect("me").expect("signed in");
    assert!(me.roles.is_empty() && me.permissions.is_empty(), "{me:?}");
    assert_eq!(
        home(&app, &partner, space).await.1.expect("home").role,
        Some(SpaceRole::Contributor)
    );
    assert_eq!(home(&app, &partner, other).await.0, 404);
    assert_eq!(
        app.call(&partner, "stages/managed", &[]).await.status(),
        403
    );
    assert_eq!(
        app.call(&partner, "stages/my_applications", &[])
            .await
            .status(),
        403
    );
    let (_, mine) = app
        .call_json::<Option<MySpaces>>(&partner, "espaces/mine", &[])
        .await;
    let mine = mine.expect("mine").expect("signed in");
    assert_eq!(mine.spaces.len(), 1);
    assert!(!mine.can_create, "a partner is not a city agent");

    // The link is used up.
    let (status, result) = app
        .call_json::<InvitationView>(&app.client(), "espaces/invitation", &[("token", &token)])
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-invitation-used");

    // Later, from another browser: a one-time link mailed to the address signs in.
    let browser = app.client();
    let ask = [("email", "partner@conseil.example")];
    assert_eq!(
        app.call(&browser, "espaces/request_sign_in_link", &ask)
            .await
            .status(),
        200
    );
    let link = mailed_token(&app, "partner@conseil.example", "/espaces/connexion").await;
    let (status, _) = page(&app, &browser, &format!("/espaces/connexion?jeton={link}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        home(&app, &browser, space).await.0,
        404,
        "the GET signed nobody in"
    );
    assert_eq!(
        app.call(&browser, "espaces/sign_in_by_link", &[("token", &link)])
            .await
            .status(),
        200
    );
    assert_eq!(home(&app, &browser, space).await.0, 200);
    let (status, result) = app
        .call_json::<()>(
            &app.client(),
            "espaces/sign_in_by_link",
            &[("token", &link)],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-sign-in-link-invalid");

    // An address without a space gets no mail, and the answer is the same.
    app.sign_up("stranger@example.org", PASSWORD).await;
    let ask = [("email", "stranger@example.org")];
    assert_eq!(
        app.call(&browser, "espaces/request_sign_in_link", &ask)
            .await
            .status(),
        200
    );
    app.settle_jobs().await;
    assert!(!app
        .outbox()
        .iter()
        .any(|m| m.contains("stranger@example.org") && m.contains("/espaces/connexion")));
}

#[tokio::test]
async fn a_city_agent_accepts_with_the_invited_account_only() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "network", "Biodiversité").await;
    let colleague = agent(&app, "colleague@example.org").await;
    let intruder = app.sign_up("intruder@example.org", PASSWORD).await;
    let id = space.to_string();
    app.call_json::<()>(
        &owner,
        "espaces/invite",
        &[
            ("id", &id),
            ("email", "colleague@example.org"),
            ("role", "animator"),
        ],
    )
    .await
    .1
    .expect("invited");
    let token = mailed_token(&app, "colleague@example.org", "/espaces/invitation").await;
    let (status, result) = app
        .call_json::<i64>(&intruder, "espaces/accept_invitation", &[("token", &token)])
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-invitation-other-account");
    let (status, _) = app
        .call_json::<i64>(
            &colleague,
            "espaces/accept_invitation",
            &[("token", &token)],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        home(&app, &colleague, space).await.1.expect("home").role,
        Some(SpaceRole::Animator)
    );
    // A current member is not invited again.
    let (status, result) = app
        .call_json::<()>(
            &owner,
            "espaces/invite",
            &[
                ("id", &id),
                ("email", "colleague@example.org"),
                ("role", "reader"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("refused").field_key("email"),
        Some("field-space-already-member")
    );
}

#[tokio::test]
async fn revoked_and_expired_invitations_give_a_clear_page() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Équipe").await;
    let id = space.to_string();
    for email in ["revoked@example.org", "late@example.org"] {
        app.call_json::<()>(
            &owner,
            "espaces/invite",
            &[("id", &id), ("email", email), ("role", "reader")],
        )
        .await
        .1
        .expect("invited");
    }
    let revoked = mailed_token(&app, "revoked@example.org", "/espaces/invitation").await;
    let late = mailed_token(&app, "late@example.org", "/espaces/invitation").await;
    let invitation: i64 =
        sqlx::query_scalar("SELECT id FROM space_invitations WHERE email = 'revoked@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("invitation");
    let revoke = [("id", id.clone()), ("invitation", invitation.to_string())];
    let revoke: Vec<(&str, &str)> = revoke.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&owner, "espaces/revoke_invitation", &revoke)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&owner, "espaces/revoke_invitation", &revoke)
            .await
            .status(),
        404,
        "once"
    );

    let visitor = app.client();
    let (_, html) = page(
        &app,
        &visitor,
        &format!("/espaces/invitation?jeton={revoked}"),
    )
    .await;
    assert!(html.contains("révoquée"), "the page says why");
    let (status, result) = app
        .call_json::<i64>(
            &visitor,
            "espaces/join_as_partner",
            &[("token", &revoked), ("display_name", "Rémi")],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-invitation-revoked");
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'revoked@example.org'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(accounts, 0, "nothing half-saved");

    let days = app.state.config.espaces.invitation_days;
    app.state.clock.set(
        jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(24 * days + 1))
            .expect("later"),
    );
    let (_, html) = page(&app, &visitor, &format!("/espaces/invitation?jeton={late}")).await;
    assert!(html.contains("expiré"), "the page says why");
    let (status, result) = app
        .call_json::<InvitationView>(&visitor, "espaces/invitation", &[("token", &late)])
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-invitation-expired");
    let (_, page_data) = app
        .call_json::<parvis::espaces::types::MembersPage>(&owner, "espaces/members", &[("id", &id)])
        .await;
    let states: Vec<&str> = page_data
        .as_ref()
        .expect("members")
        .invitations
        .iter()
        .map(|i| i.state.label_key())
        .collect();
    assert_eq!(
        states,
        vec!["invitation-state-expired", "invitation-state-revoked"]
    );
}

#[tokio::test]
async fn an_archived_space_is_read_only_until_restored() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Équipe").await;
    let id = space.to_string();
    let archive = |archived: &'static str| [("id", id.as_str()), ("archived", archived)];
    assert_eq!(
        app.call(&owner, "espaces/archive", &archive("true"))
            .await
            .status(),
        200
    );
    let (_, archived) = home(&app, &owner, space).await;
    assert!(archived.expect("still readable").archived);
    let settings = [
        ("id", id.as_str()),
        ("settings[name]", "Renommé"),
        ("settings[visibility]", "private"),
    ];
    let (status, result) = app
        .call_json::<()>(&owner, "espaces/save_settings", &settings)
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-space-archived");
    let invite = [
        ("id", id.as_str()),
        ("email", "x@example.org"),
        ("role", "reader"),
    ];
    assert_eq!(
        app.call(&owner, "espaces/invite", &invite).await.status(),
        409
    );
    let (_, mine) = app
        .call_json::<Option<MySpaces>>(&owner, "espaces/mine", &[])
        .await;
    assert!(mine.expect("mine").expect("signed in").spaces[0].archived);

    assert_eq!(
        app.call(&owner, "espaces/archive", &archive("false"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&owner, "espaces/save_settings", &settings)
            .await
            .status(),
        200
    );
    assert_eq!(
        home(&app, &owner, space).await.1.expect("home").name,
        "Renommé"
    );
}

#[tokio::test]
async fn bad_input_gives_field_errors_and_saves_nothing() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let long = "x".repeat(121);
    let long_description = "x".repeat(2001);
    for (form, field, key) in [
        (
            vec![("template", "project"), ("name", "  ")],
            "name",
            "field-required",
        ),
        (
            vec![("template", "project"), ("name", long.as_str())],
            "name",
            "field-too-long",
        ),
        (
            vec![("template", "project"), ("name", "Équipe\u{7}")],
            "name",
            "field-characters",
        ),
        (
            vec![("template", "project"), ("name", "Équipe\u{1b}")],
            "name",
            "field-characters",
        ),
        (
            vec![
                ("template", "project"),
                ("name", "Équipe"),
                ("description", long_description.as_str()),
            ],
            "description",
            "field-too-long",
        ),
        (
            vec![("template", "mansion"), ("name", "Équipe")],
            "template",
            "field-unknown",
        ),
        (
            vec![
                ("template", "project"),
                ("name", "Équipe"),
                ("visibility", "everyone"),
            ],
            "visibility",
            "field-unknown",
        ),
    ] {
        let (status, result) = app.call_json::<i64>(&owner, "espaces/create", &form).await;
        assert_eq!(status, 422, "{form:?}");
        assert_eq!(
            result.expect_err("refused").field_key(field),
            Some(key),
            "{form:?}"
        );
    }
    let spaces: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM spaces")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(spaces, 0, "nothing saved");

    let space = create(&app, &owner, "project", "Équipe").await;
    let id = space.to_string();
    let settings = [
        ("id", id.as_str()),
        ("settings[name]", ""),
        ("settings[visibility]", "public"),
        ("settings[modules][0]", "chat"),
    ];
    let (status, result) = app
        .call_json::<()>(&owner, "espaces/save_settings", &settings)
        .await;
    assert_eq!(status, 422);
    let error = result.expect_err("refused");
    assert_eq!(error.field_key("name"), Some("field-required"));
    assert_eq!(error.field_key("modules"), Some("field-unknown"));
    let now = home(&app, &owner, space).await.1.expect("home");
    assert_eq!(
        (now.name.as_str(), now.visibility.code(), now.modules.len()),
        ("Équipe", "private", 3),
        "nothing half-saved"
    );

    for (email, role, ends, field) in [
        ("not-an-address", "reader", "", "email"),
        ("ok@example.org", "owner", "", "role"),
        ("ok@example.org", "reader", "2020-01-01", "access_ends"),
        ("ok@example.org", "reader", "demain", "access_ends"),
    ] {
        let form = [
            ("id", id.as_str()),
            ("email", email),
            ("role", role),
            ("access_ends", ends),
        ];
        let (status, result) = app.call_json::<()>(&owner, "espaces/invite", &form).await;
        assert_eq!(status, 422, "{form:?}");
        assert!(
            result.expect_err("refused").field_key(field).is_some(),
            "{form:?}"
        );
    }
    let invitations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_invitations")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(invitations, 0);
}

#[tokio::test]
async fn the_demo_has_three_spaces_with_their_members_and_partners() {
    let app = TestApp::spawn_with(|c| c.demo.enabled = true).await;
    let agent = app
        .sign_in("agent@parvis.localhost", parvis::seed::DEMO_PASSWORD)
        .await;
    let (_, mine) = app
        .call_json::<Option<MySpaces>>(&agent, "espaces/mine", &[])
        .await;
    let mine = mine.expect("mine").expect("signed in");
    let mut names: Vec<&str> = mine.spaces.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        vec![
            "Plan écologie urbaine",
            "Réseau biodiversité",
            "Équipe toitures végétalisées"
        ]
    );
    assert!(mine.can_create);
    let partner = app
        .sign_in("conseil@bureau-vert.example", parvis::seed::DEMO_PASSWORD)
        .await;
    let (_, theirs) = app
        .call_json::<Option<MySpaces>>(&partner, "espaces/mine", &[])
        .await;
    let theirs = theirs.expect("mine").expect("signed in");
    assert_eq!(theirs.spaces.len(), 1, "a partner sees only its space");
    assert!(!theirs.can_create);
    for space in mine
        .spaces
        .iter()
        .filter(|s| s.name != "Plan écologie urbaine")
    {
        assert_eq!(home(&app, &partner, space.id).await.0, 404);
    }
}

/// Someone opens an account with another person's address (nothing proves it at sign-up)
/// and keeps its password; when the address's owner, invited to a private space, signs in by
/// the mailed one-time link, that password stops working and its session ends, so the
/// stranger never reads the space. Before the owner proved the address, the stranger's
/// "my data" names no space the address was invited to.
#[tokio::test]
async fn an_account_opened_with_anothers_address_is_taken_back_by_the_mailed_link() {
    let app = TestApp::spawn().await;
    let stranger = app.sign_up("ada@partenaire.example", PASSWORD).await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Projet confidentiel").await;
    let (status, _) = app
        .call_json::<()>(
            &owner,
            "espaces/invite",
            &[
                ("id", &space.to_string()),
                ("email", "ada@partenaire.example"),
                ("role", "contributor"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let data = parvis::accounts::server::data_export::collect::everything(
        &app.state.db,
        app.user_id("ada@partenaire.example").await,
        app.state.clock.now_seconds(),
    )
    .await
    .expect("personal data");
    assert!(
        !format!("{data:?}").contains("Projet confidentiel"),
        "an unproved address's data names no space it was invited to"
    );

    // The owner of the address: the one-time link, then the invitation.
    let owner_browser = app.client();
    let ask = [("email", "ada@partenaire.example")];
    assert_eq!(
        app.call(&owner_browser, "espaces/request_sign_in_link", &ask)
            .await
            .status(),
        200
    );
    let link = mailed_token(&app, "ada@partenaire.example", "/espaces/connexion").await;
    assert_eq!(
        app.call(
            &owner_browser,
            "espaces/sign_in_by_link",
            &[("token", &link)]
        )
        .await
        .status(),
        200
    );
    let invitation = mailed_token(&app, "ada@partenaire.example", "/espaces/invitation").await;
    assert_eq!(
        app.call(
            &owner_browser,
            "espaces/accept_invitation",
            &[("token", &invitation)]
        )
        .await
        .status(),
        200
    );
    assert_eq!(home(&app, &owner_browser, space).await.0, 200);

    // The stranger's session ended with the old password, which no longer signs in.
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&stranger, "accounts/me", &[])
        .await;
    assert!(me.expect("me").is_none(), "the stranger's session ended");
    assert_eq!(home(&app, &stranger, space).await.0, 404);
    let response = app
        .call(
            &app.client(),
            "accounts/sign_in",
            &[("email", "ada@partenaire.example"), ("password", PASSWORD)],
        )
        .await;
    assert!(
        response.status().is_client_error(),
        "the old password is refused: {}",
        response.status()
    );
}

#[tokio::test]
async fn an_animator_whose_access_ends_does_not_count_as_the_one_who_stays() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "plan", "Plan").await;
    app.sign_up("partner@example.org", PASSWORD).await;
    add_member(&app, space, "partner@example.org", SpaceRole::Animator).await;
    let id = space.to_string();
    let owner_id = app.user_id("owner@example.org").await.to_string();
    let step_down = [
        ("id", id.as_str()),
        ("user_id", owner_id.as_str()),
        ("role", "reader"),
    ];
    // The partner animates until a date: once it passes, the space would have no animator.
    sqlx::query("UPDATE space_members SET access_ends_at = $1 WHERE user_id = $2")
        .bind(app.state.clock.now_seconds() + 86_400)
        .bind(app.user_id("partner@example.org").await)
        .execute(&app.state.db.pool)
        .await
        .expect("end date");
    let (status, result) = app
        .call_json::<()>(&owner, "espaces/set_role", &step_down)
        .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_key(result), "error-space-last-animator");
    // Without the end date the partner is an animator who stays: the owner may step down.
    sqlx::query("UPDATE space_members SET access_ends_at = NULL")
        .execute(&app.state.db.pool)
        .await
        .expect("no end date");
    assert_eq!(
        app.call(&owner, "espaces/set_role", &step_down)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn an_archived_spaces_invitation_cannot_be_accepted() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "plan", "Plan").await;
    let id = space.to_string();
    app.call_json::<()>(
        &owner,
        "espaces/invite",
        &[
            ("id", &id),
            ("email", "late@partner.example"),
            ("role", "reader"),
        ],
    )
    .await
    .1
    .expect("invited");
    let token = mailed_token(&app, "late@partner.example", "/espaces/invitation").await;
    assert_eq!(
        app.call(
            &owner,
            "espaces/archive",
            &[("id", &id), ("archived", "true")]
        )
        .await
        .status(),
        200
    );
    let (status, result) = app
        .call_json::<i64>(
            &app.client(),
            "espaces/join_as_partner",
            &[("token", &token), ("display_name", "Léa")],
        )
        .await;
    assert_eq!(status, 409, "{result:?}");
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'late@partner.example'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("count");
    assert_eq!(accounts, 0, "nothing half-saved");
}

#[tokio::test]
async fn invitations_are_limited_per_day() {
    let app = TestApp::spawn_with(|config| config.espaces.invitations_per_day = 2).await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "network", "Réseau").await;
    let id = space.to_string();
    for (n, expected) in [(1, 200), (2, 200), (3, 429)] {
        let email = format!("c{n}@example.org");
        let status = app
            .call(
                &owner,
                "espaces/invite",
                &[("id", &id), ("email", &email), ("role", "reader")],
            )
            .await
            .status();
        assert_eq!(status, expected, "invitation {n}");
    }
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_invitations")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(kept, 2, "the refused one is not recorded");
}

#[tokio::test]
async fn ended_invitations_and_spent_sign_in_links_go_after_their_period() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "project", "Équipe").await;
    let id = space.to_string();
    for email in ["gone@example.org", "waiting@example.org"] {
        app.call_json::<()>(
            &owner,
            "espaces/invite",
            &[("id", &id), ("email", email), ("role", "reader")],
        )
        .await
        .1
        .expect("invited");
    }
    let now = app.state.clock.now_seconds();
    sqlx::query("UPDATE space_invitations SET revoked_at = $1 WHERE email = 'gone@example.org'")
        .bind(now)
        .execute(&app.state.db.pool)
        .await
        .expect("revoked");
    let owner_id = app.user_id("owner@example.org").await;
    for (hash, used) in [("a", Some(now)), ("b", None)] {
        sqlx::query("INSERT INTO space_sign_in_links (user_id, token_hash, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(owner_id)
            .bind(hash)
            .bind(now)
            .bind(now + 900)
            .bind(used)
            .execute(&app.state.db.pool)
            .await
            .expect("link");
    }
    let rules = app.state.config.retention.clone();
    let report = parvis::espaces::server::retention::run(&app.state)
        .await
        .expect("round");
    assert_eq!(
        (report.sign_in_links, report.invitations),
        (0, 0),
        "all within their period"
    );
    // A day and a bit later: both links are spent (used, then expired); the invitations wait.
    let later = |seconds: i64| jiff::Timestamp::from_second(now + seconds).expect("time");
    app.state.clock.set(later(
        i64::from(rules.space_sign_in_links_hours) * 3600 + 901,
    ));
    let report = parvis::espaces::server::retention::run(&app.state)
        .await
        .expect("round");
    assert_eq!((report.sign_in_links, report.invitations), (2, 0));
    // Past the invitations' period: the revoked one and the one that expired since go.
    app.state.clock.set(later(
        (i64::from(rules.space_invitations_days) + app.state.config.espaces.invitation_days)
            * 86_400
            + 1,
    ));
    let report = parvis::espaces::server::retention::run(&app.state)
        .await
        .expect("round");
    assert_eq!(report.invitations, 2);
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_members WHERE space_id = $1")
        .bind(space)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(members, 1, "memberships stay");
}

/// Several invitations of one address at the same instant (animators in two tabs): each
/// revokes the pending one and inserts its own. They follow each other (the space's row is
/// locked first; before, on PostgreSQL, two found none pending and the unique index answered
/// the second with a 500): every call succeeds and one invitation stays pending.
#[tokio::test]
async fn invitations_of_one_address_at_the_same_instant_leave_one_pending() {
    let app = TestApp::spawn().await;
    let owner = agent(&app, "owner@example.org").await;
    let space = create(&app, &owner, "network", "Réseau").await;
    let id = space.to_string();
    let invitations = (0..8).map(|_| {
        let (app, owner, id) = (&app, &owner, id.clone());
        async move {
            let form = [
                ("id", id.as_str()),
                ("email", "twice@example.org"),
                ("role", "reader"),
            ];
            app.call_json::<()>(owner, "espaces/invite", &form).await
        }
    });
    let answers = futures_util::future::join_all(invitations).await;
    assert!(
        answers.iter().all(|(status, _)| *status == 200),
        "{answers:?}"
    );
    let (all, pending): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN revoked_at IS NULL THEN 1 ELSE 0 END), 0) \
         FROM space_invitations WHERE email = 'twice@example.org'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("counts");
    assert_eq!((all, pending), (8, 1));
}
