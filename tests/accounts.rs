//! Sign-up, sign-in, sessions, password change and reset, over real HTTP on a real database.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::{CurrentUser, Role},
    error::AppError,
};

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn sign_up_validates_every_field_and_refuses_duplicates() {
    let app = TestApp::spawn().await;
    let client = app.client();

    let (status, result) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_up",
            &[
                ("email", "not-an-email"),
                ("display_name", ""),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let error = result.expect_err("refused");
    assert_eq!(error.field_key("email"), Some("field-email-invalid"));
    assert_eq!(error.field_key("display_name"), Some("field-required"));
    assert_eq!(error.field_key("password"), Some("field-password-short"));

    let (status, result) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_up",
            &[
                ("email", " Ada@Example.org "),
                ("display_name", "Ada"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let user = result.expect("created");
    assert_eq!(user.email, "ada@example.org");
    assert!(user.has(Role::Candidate) && user.has(Role::Member));
    assert!(
        !user.can(parvis::accounts::types::Permission::ManageOffers)
            && user.can(parvis::accounts::types::Permission::Apply)
    );

    let (status, result) = app
        .call_json::<CurrentUser>(
            &app.client(),
            "accounts/sign_up",
            &[
                ("email", "ADA@example.org"),
                ("display_name", "Ada 2"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("duplicate").field_key("email"),
        Some("field-email-taken")
    );

    // Nothing half-saved: one account, two roles.
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&client, "accounts/me", &[])
        .await;
    assert_eq!(me.expect("me").expect("signed in").roles.len(), 2);
}

#[tokio::test]
async fn sign_in_refuses_wrong_passwords_then_rate_limits_the_account() {
    let app = TestApp::spawn().await;
    app.sign_up("bob@example.org", PASSWORD).await;
    let client = app.client();

    let (status, result) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_in",
            &[("email", "bob@example.org"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(result.expect_err("refused"), AppError::BadCredentials);
    let (status, _) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_in",
            &[("email", "nobody@example.org"), ("password", "whatever123")],
        )
        .await;
    assert_eq!(status, 401, "an unknown account gets the same answer");

    let limit = app.state.config.security.login_failures_per_account;
    for _ in 1..limit {
        app.call(
            &client,
            "accounts/sign_in",
            &[("email", "bob@example.org"), ("password", "wrong password")],
        )
        .await;
    }
    // Now even the right password is refused until the window passes.
    let (status, result) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_in",
            &[("email", "bob@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 429);
    assert_eq!(result.expect_err("limited"), AppError::RateLimited);
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address_too() {
    let app = TestApp::spawn_with(|c| c.security.login_failures_per_address = 3).await;
    let client = app.client();
    for i in 0..3 {
        let email = format!("ghost{i}@example.org");
        app.call(
            &client,
            "accounts/sign_in",
            &[("email", &email), ("password", "wrong password")],
        )
        .await;
    }
    let (status, _) = app
        .call_json::<CurrentUser>(
            &client,
            "accounts/sign_in",
            &[
                ("email", "fresh@example.org"),
                ("password", "wrong password"),
            ],
        )
        .await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn signing_in_changes_the_session_id_and_signing_out_ends_it() {
    let app = TestApp::spawn().await;
    app.sign_up("carla@example.org", PASSWORD).await;
    let client = app.client();
    let first = app
        .call(
            &client,
            "accounts/sign_in",
            &[("email", "carla@example.org"), ("password", PASSWORD)],
        )
        .await;
    let cookie = |r: &reqwest::Response| {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("parvis_session="))
            .map(str::to_string)
    };
    let first_cookie = cookie(&first).expect("session cookie set at sign-in");
    assert!(
        first_cookie.contains("HttpOnly") && first_cookie.contains("SameSite=Lax"),
        "{first_cookie}"
    );
    assert!(
        !first_cookie.contains("Secure"),
        "plain http public URL: no Secure flag"
    );
    let second = app
        .call(
            &client,
            "accounts/sign_in",
            &[("email", "carla@example.org"), ("password", PASSWORD)],
        )
        .await;
    let second_cookie = cookie(&second).expect("new cookie");
    assert_ne!(
        first_cookie.split(';').next(),
        second_cookie.split(';').next(),
        "session id must change at sign-in"
    );

    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&client, "accounts/me", &[])
        .await;
    assert_eq!(
        me.expect("me").map(|u| u.email),
        Some("carla@example.org".into())
    );
    app.call(&client, "accounts/sign_out", &[]).await;
    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&client, "accounts/me", &[])
        .await;
    assert_eq!(me.expect("me"), None);
}

#[tokio::test]
async fn password_change_ends_the_other_sessions_only() {
    let app = TestApp::spawn().await;
    let here = app.sign_up("dora@example.org", PASSWORD).await;
    let elsewhere = app.sign_in("dora@example.org", PASSWORD).await;

    let (status, result) = app
        .call_json::<()>(
            &here,
            "accounts/change_password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result
            .expect_err("wrong current")
            .field_key("current_password"),
        Some("field-password-wrong")
    );

    let (status, _) = app
        .call_json::<()>(
            &here,
            "accounts/change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new secret"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (_, me_here) = app
        .call_json::<Option<CurrentUser>>(&here, "accounts/me", &[])
        .await;
    let (_, me_elsewhere) = app
        .call_json::<Option<CurrentUser>>(&elsewhere, "accounts/me", &[])
        .await;
    assert!(me_here.expect("me").is_some(), "this session goes on");
    assert!(
        me_elsewhere.expect("me").is_none(),
        "the other session ended"
    );
    app.sign_in("dora@example.org", "a brand new secret").await;
}

#[tokio::test]
async fn password_reset_by_mailed_link_is_single_use() {
    let app = TestApp::spawn().await;
    let old_session = app.sign_up("eve@example.org", PASSWORD).await;
    let client = app.client();

    // Unknown address: same answer, no mail.
    let (status, _) = app
        .call_json::<()>(
            &client,
            "accounts/request_reset",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(status, 200);
    app.settle_jobs().await;
    assert!(app.outbox().is_empty());

    let (status, _) = app
        .call_json::<()>(
            &client,
            "accounts/request_reset",
            &[("email", "eve@example.org")],
        )
        .await;
    assert_eq!(status, 200);
    app.settle_jobs().await;
    let mails = app.outbox();
    assert_eq!(mails.len(), 1);
    let link = regex::Regex::new(r"jeton=([0-9a-f]{64})").expect("regex");
    let mail = mails[0].replace("=\r\n", "").replace("=3D", "=");
    let token = link.captures(&mail).expect("link in the mail")[1].to_string();
    assert!(mail.contains(&app.base), "the link uses the public URL");

    let (status, result) = app
        .call_json::<()>(
            &client,
            "accounts/reset_password",
            &[("token", &token), ("new_password", "short")],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("short").field_key("new_password"),
        Some("field-password-short")
    );

    let (status, _) = app
        .call_json::<()>(
            &client,
            "accounts/reset_password",
            &[("token", &token), ("new_password", "reset and renewed")],
        )
        .await;
    assert_eq!(status, 200);
    let (status, result) = app
        .call_json::<()>(
            &app.client(),
            "accounts/reset_password",
            &[("token", &token), ("new_password", "once more again")],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        result.expect_err("used"),
        AppError::Conflict("error-reset-link-invalid".into())
    );

    let (_, me) = app
        .call_json::<Option<CurrentUser>>(&old_session, "accounts/me", &[])
        .await;
    assert!(me.expect("me").is_none(), "a reset ends the old sessions");
    app.sign_in("eve@example.org", "reset and renewed").await;
}

#[tokio::test]
async fn behind_a_proxy_the_address_limit_follows_the_configured_header() {
    let app = TestApp::spawn_with(|c| {
        c.security.login_failures_per_address = 2;
        c.security.login_failures_per_account = 100;
        c.server.client_address_header = "x-forwarded-for".into();
    })
    .await;
    let client = app.client();
    let attempt = |from: &'static str, email: &'static str| {
        let client = client.clone();
        let url = app.url("/api/accounts/sign_in");
        async move {
            client
                .post(url)
                .header("x-forwarded-for", from)
                .form(&[("email", email), ("password", "wrong password")])
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        attempt("198.51.100.1, 203.0.113.7", "a@example.org").await,
        401
    );
    assert_eq!(attempt("203.0.113.7", "b@example.org").await, 401);
    assert_eq!(
        attempt("203.0.113.7", "c@example.org").await,
        429,
        "same client address behind the proxy"
    );
    assert_eq!(
        attempt("203.0.113.8", "d@example.org").await,
        401,
        "another client is not affected"
    );
}
