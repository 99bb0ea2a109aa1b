//! The SMTP transport, against a minimal SMTP server run by the test on loopback.

mod common;

use common::TestApp;
use parvis::server::config::{MailTransport, SmtpSecurity};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::mpsc,
};

/// Accepts SMTP sessions and sends each message's DATA to the channel.
async fn fake_smtp_server() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (sender, receiver) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let sender = sender.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("DATA") {
                        let _ = write.write_all(b"354 go on\r\n").await;
                        let mut message = String::new();
                        while let Ok(Some(data)) = lines.next_line().await {
                            if data == "." {
                                break;
                            }
                            message.push_str(&data);
                            message.push('\n');
                        }
                        let _ = sender.send(message);
                        b"250 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, receiver)
}

#[tokio::test]
async fn password_reset_mail_goes_out_over_smtp() {
    let (port, mut received) = fake_smtp_server().await;
    let app = TestApp::spawn_with(|c| {
        c.mail.transport = MailTransport::Smtp;
        c.mail.smtp_host = "127.0.0.1".into();
        c.mail.smtp_port = port;
        c.mail.smtp_security = SmtpSecurity::None;
    })
    .await;
    app.sign_up("smtp@example.org", "correct horse battery").await;
    let (status, _) = app.call_json::<()>(&app.client(), "accounts/request_reset", &[("email", "smtp@example.org")]).await;
    assert_eq!(status, 200);
    let message = tokio::time::timeout(std::time::Duration::from_secs(10), received.recv()).await.expect("a message within 10 s").expect("message");
    assert!(message.contains("To: smtp@example.org"), "{message}");
    assert!(message.contains("/compte/reinitialiser?jeton") || message.contains("/compte/reinitialiser?jeton=3D"), "{message}");
    assert!(app.outbox().is_empty(), "nothing written to the file outbox");
}
