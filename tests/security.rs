//! Cross-site refusal, roles checked on the server, security headers, status pages.

mod common;

use common::TestApp;
use parvis::{accounts::types::Role, error::AppError};

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let form = [
        ("email", "x@example.org"),
        ("display_name", "X"),
        ("password", PASSWORD),
    ];
    let refused = client
        .post(app.url("/api/accounts/sign_up"))
        .header("Origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    let refused = client
        .post(app.url("/api/accounts/sign_up"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    let refused = client
        .post(app.url("/langue"))
        .header("Origin", "https://evil.example")
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    assert!(
        parvis::accounts::server::store::by_email(&app.state.db, "x@example.org")
            .await
            .expect("query")
            .is_none(),
        "nothing saved"
    );

    // WebSocket upgrades are checked the same way (the live features will use them).
    let upgrade = client
        .get(app.url("/healthz"))
        .header("Upgrade", "websocket")
        .header("Connection", "Upgrade")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("sent");
    assert_eq!(upgrade.status(), 403);
    let plain_get = client
        .get(app.url("/healthz"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("sent");
    assert_eq!(plain_get.status(), 200, "reading is not a mutation");

    let accepted = client
        .post(app.url("/api/accounts/sign_up"))
        .header("Origin", app.base.clone())
        .form(&form)
        .send()
        .await
        .expect("sent");
    assert_eq!(accepted.status(), 200);
}

#[tokio::test]
async fn roles_are_checked_on_the_server() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let (status, result) = app
        .call_json::<i64>(
            &anonymous,
            "admin/grant",
            &[("user_id", "1"), ("role", "site_admin")],
        )
        .await;
    assert_eq!(
        (status, result.expect_err("anon")),
        (401, AppError::Unauthenticated)
    );

    let candidate = app.sign_up("cand@example.org", PASSWORD).await;
    let (status, result) = app
        .call_json::<i64>(
            &candidate,
            "admin/grant",
            &[("user_id", "1"), ("role", "site_admin")],
        )
        .await;
    assert_eq!(
        (status, result.expect_err("candidate")),
        (403, AppError::Forbidden)
    );
    let (status, _) = app
        .call_json::<i64>(
            &candidate,
            "reference/save",
            &[("kind", "direction"), ("code", "X"), ("name", "X")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call_json::<Vec<parvis::accounts::types::CurrentUser>>(
            &candidate,
            "admin/accounts",
            &[("query", "a")],
        )
        .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_direction_admin_grants_host_agents_in_their_own_direction_only() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let data = parvis::reference::server::store::load(db)
        .await
        .expect("reference");
    let deve = data
        .directions
        .iter()
        .find(|d| d.code == "DEVE")
        .expect("DEVE");
    let dvd = data
        .directions
        .iter()
        .find(|d| d.code == "DVD")
        .expect("DVD");
    app.sign_up("chief@example.org", PASSWORD).await;
    app.grant("chief@example.org", Role::DirectionAdmin, Some(deve.id))
        .await;
    let chief = app.sign_in("chief@example.org", PASSWORD).await;
    app.sign_up("new.agent@example.org", PASSWORD).await;
    let agent = parvis::accounts::server::store::by_email(db, "new.agent@example.org")
        .await
        .expect("q")
        .expect("agent");
    let id = agent.id.to_string();

    let own = format!("s:{}", deve.services[0].id);
    let (status, result) = app
        .call_json::<i64>(
            &chief,
            "admin/grant",
            &[("user_id", &id), ("role", "host_agent"), ("scope", &own)],
        )
        .await;
    assert_eq!(status, 200, "{result:?}");
    let other = format!("s:{}", dvd.services[0].id);
    let (status, _) = app
        .call_json::<i64>(
            &chief,
            "admin/grant",
            &[("user_id", &id), ("role", "host_agent"), ("scope", &other)],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call_json::<i64>(
            &chief,
            "admin/grant",
            &[("user_id", &id), ("role", "editor")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, result) = app
        .call_json::<i64>(
            &chief,
            "admin/grant",
            &[
                ("user_id", &id),
                ("role", "host_agent"),
                ("scope", &format!("d:{}", deve.id)),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        result.expect_err("wrong scope").field_key("scope"),
        Some("field-scope-service")
    );
    let (status, _) = app
        .call_json::<i64>(
            &chief,
            "admin/grant",
            &[("user_id", &id), ("role", "host_agent"), ("scope", &own)],
        )
        .await;
    assert_eq!(status, 409, "duplicate grant");

    let roles = parvis::accounts::server::store::roles(db, agent.id)
        .await
        .expect("roles");
    let grant = roles
        .iter()
        .find(|g| g.role == Role::HostAgent)
        .expect("host agent granted");
    assert_eq!(grant.direction.as_ref().map(|d| d.id), Some(deve.id));
    let (status, _) = app
        .call_json::<()>(
            &chief,
            "admin/revoke",
            &[("user_id", &id), ("grant_id", &grant.id.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let candidate_grant = roles
        .iter()
        .find(|g| g.role == Role::Candidate)
        .expect("candidate");
    let (status, _) = app
        .call_json::<()>(
            &chief,
            "admin/revoke",
            &[
                ("user_id", &id),
                ("grant_id", &candidate_grant.id.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 403, "a direction admin cannot touch other roles");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_for_the_hydration_script() {
    let app = TestApp::spawn().await;
    let response = app.client().get(app.url("/")).send().await.expect("page");
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let csp = headers
        .get("content-security-policy")
        .expect("CSP")
        .to_str()
        .expect("ascii")
        .to_string();
    assert_eq!(
        headers
            .get("x-content-type-options")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("nosniff")
    );
    assert!(headers.get("referrer-policy").is_some());
    assert!(
        csp.contains("'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let nonce = regex::Regex::new(r"'nonce-([^']+)'")
        .expect("regex")
        .captures(&csp)
        .expect("nonce in CSP")[1]
        .to_string();
    let html = response.text().await.expect("html");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the CSP nonce"
    );
    let again = app.client().get(app.url("/")).send().await.expect("page");
    assert_ne!(
        again
            .headers()
            .get("content-security-policy")
            .expect("csp")
            .to_str()
            .ok(),
        Some(csp.as_str()),
        "a new nonce per request"
    );
    let api = app.call(&app.client(), "accounts/me", &[]).await;
    assert!(api
        .headers()
        .get("content-security-policy")
        .is_some_and(|v| v
            .to_str()
            .unwrap_or_default()
            .starts_with("default-src 'none'")));
}

#[tokio::test]
async fn missing_and_refused_pages_say_why_with_the_right_status() {
    let app = TestApp::spawn().await;
    let missing = app
        .client()
        .get(app.url("/nulle-part"))
        .send()
        .await
        .expect("page");
    assert_eq!(missing.status(), 404);
    assert!(missing
        .text()
        .await
        .expect("html")
        .contains("Page introuvable"));

    let anonymous = app
        .client()
        .get(app.url("/admin"))
        .send()
        .await
        .expect("page");
    assert_eq!(anonymous.status(), 401);
    let candidate = app.sign_up("cand@example.org", PASSWORD).await;
    let refused = candidate.get(app.url("/admin")).send().await.expect("page");
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.expect("html").contains("Accès refusé"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_that_the_server_reads() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let french = client
        .get(app.url("/"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(french.contains("<html lang=\"fr\"") && french.contains("Créer un compte"));
    let switched = client
        .post(app.url("/langue"))
        .form(&[("lang", "en"), ("next", "/stages")])
        .send()
        .await
        .expect("switch");
    assert_eq!(switched.status(), 303);
    assert_eq!(
        switched
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/stages")
    );
    let english = client
        .get(app.url("/stages"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        english.contains("<html lang=\"en\"") && english.contains("Create an account"),
        "English after the switch"
    );
    let offsite = client
        .post(app.url("/langue"))
        .form(&[("lang", "fr"), ("next", "//evil.example/")])
        .send()
        .await
        .expect("switch");
    assert_eq!(
        offsite
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/"),
        "never redirects off the site: the home page"
    );
    let unknown = client
        .post(app.url("/langue"))
        .form(&[("lang", "xx")])
        .send()
        .await
        .expect("switch");
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn arguments_that_do_not_decode_are_the_callers_mistake() {
    let app = TestApp::spawn().await;
    let (status, error) = app
        .call_json::<()>(&app.client(), "stages/offer", &[("id", "not-a-number")])
        .await;
    assert_eq!(status, 400);
    assert_eq!(error.expect_err("refused").message_key(), "error-transport");
    // A server function that fails for a real reason keeps its own status.
    assert_eq!(
        app.call_json::<()>(&app.client(), "stages/offer", &[("id", "999999")])
            .await
            .0,
        404
    );
}
