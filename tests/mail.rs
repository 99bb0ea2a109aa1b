//! The SMTP transport, against a minimal SMTP server run by the test on loopback.

mod common;

use common::TestApp;
use parvis::server::config::{MailTransport, SmtpSecurity};

#[tokio::test]
async fn password_reset_mail_goes_out_over_smtp() {
    let (port, mut received) =
        common::smtp::fake_smtp_server(std::sync::Arc::new(true.into())).await;
    let app = TestApp::spawn_with(|c| {
        c.mail.transport = MailTransport::Smtp;
        c.mail.smtp_host = "127.0.0.1".into();
        c.mail.smtp_port = port;
        c.mail.smtp_security = SmtpSecurity::None;
    })
    .await;
    app.sign_up("smtp@example.org", "correct horse battery")
        .await;
    let (status, _) = app
        .call_json::<()>(
            &app.client(),
            "accounts/request_reset",
            &[("email", "smtp@example.org")],
        )
        .await;
    assert_eq!(status, 200);
    let message = tokio::time::timeout(std::time::Duration::from_secs(10), received.recv())
        .await
        .expect("a message within 10 s")
        .expect("message");
    assert!(message.contains("To: smtp@example.org"), "{message}");
    assert!(
        message.contains("/compte/reinitialiser?jeton")
            || message.contains("/compte/reinitialiser?jeton=3D"),
        "{message}"
    );
    assert!(
        app.outbox().is_empty(),
        "nothing written to the file outbox"
    );
}
