//! Redirects to a target the user supplies (issue 10, finding 7) stay on the site, for every
//! string of `tests/data/open_redirects.txt`: sign-in's `suite` (answered to the hydrated page,
//! and as a redirect to a plain form post) and the language switch's `next`.

mod common;

use common::{hostile::open_redirects, hostile::stays_on, TestApp};
use parvis::accounts::types::SignedIn;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn the_language_switch_never_leaves_the_site() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for target in open_redirects() {
        let answer = client
            .post(app.url("/langue"))
            .form(&[("lang", "en"), ("next", target.as_str())])
            .send()
            .await
            .expect("switch");
        if target.contains('\0') {
            assert_eq!(
                answer.status(),
                400,
                "U+0000 is refused at the edge (server::nul_bytes): {target:?}"
            );
            continue;
        }
        assert_eq!(answer.status(), 303, "{target:?}");
        let location = answer.headers()["location"]
            .to_str()
            .expect("ASCII location")
            .to_string();
        assert!(
            stays_on(&app.base, &location),
            "{target:?} sent the browser to {location:?}"
        );
    }
    // The issue's example, and paths of the site kept as they are.
    let location = |answer: reqwest::Response| {
        answer.headers()["location"]
            .to_str()
            .expect("location")
            .to_string()
    };
    let example = client
        .post(app.url("/langue"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("lang=en&next=/%09/evil.example/")
        .send()
        .await
        .expect("switch");
    assert_eq!(location(example), "/");
    let kept = client
        .post(app.url("/langue"))
        .form(&[("lang", "en"), ("next", "/stages?q=jardin#r")])
        .send()
        .await
        .expect("switch");
    assert_eq!(location(kept), "/stages?q=jardin#r");
}

#[tokio::test]
async fn signing_in_never_leaves_the_site_with_or_without_javascript() {
    let app = TestApp::spawn().await;
    app.sign_up("ada@example.org", PASSWORD).await;
    for target in open_redirects() {
        if target.contains('\0') {
            let refused = app
                .call(
                    &app.client(),
                    "accounts/sign_in",
                    &[
                        ("email", "ada@example.org"),
                        ("password", PASSWORD),
                        ("next", &target),
                    ],
                )
                .await;
            assert_eq!(
                refused.status(),
                400,
                "U+0000 is refused at the edge (server::nul_bytes): {target:?}"
            );
            continue;
        }
        // The hydrated page goes where the server says, never to the raw parameter.
        let (status, signed) = app
            .call_json::<SignedIn>(
                &app.client(),
                "accounts/sign_in",
                &[
                    ("email", "ada@example.org"),
                    ("password", PASSWORD),
                    ("next", &target),
                ],
            )
            .await;
        let next = signed
            .unwrap_or_else(|e| panic!("{target:?}: {status} {e:?}"))
            .next;
        assert!(
            stays_on(&app.base, &next),
            "{target:?} gave the page {next:?}"
        );
        // Without JavaScript the server redirects.
        let plain = app
            .client()
            .post(app.url("/api/accounts/sign_in"))
            .header("accept", "text/html")
            .form(&[
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("next", &target),
            ])
            .send()
            .await
            .expect("sign-in");
        assert!(
            plain.status().is_redirection(),
            "{target:?}: {}",
            plain.status()
        );
        let location = plain.headers()["location"]
            .to_str()
            .expect("ASCII location")
            .to_string();
        assert!(
            stays_on(&app.base, &location),
            "{target:?} sent the browser to {location:?}"
        );
    }
    // The issue's example lands on the account page; a page of the site is kept.
    let next = |target: &'static str| {
        let app = &app;
        async move {
            app.call_json::<SignedIn>(
                &app.client(),
                "accounts/sign_in",
                &[
                    ("email", "ada@example.org"),
                    ("password", PASSWORD),
                    ("next", target),
                ],
            )
            .await
            .1
            .expect("signed in")
            .next
        }
    };
    assert_eq!(next("/\t/evil.example/phish").await, "/compte");
    assert_eq!(next("/stages/offres/3?x=1").await, "/stages/offres/3?x=1");
    assert_eq!(next("").await, "/compte");
}
