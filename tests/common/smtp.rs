//! A minimal SMTP server on loopback for the mail tests: it hands each message's DATA to a
//! channel, and answers "451" to every message while `accepting` is false; a slow one waits
//! before accepting each message (after handing it over), as a busy relay does.

use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::mpsc,
};

/// Starts the server; its port and the channel of the messages it took.
pub async fn fake_smtp_server(
    accepting: Arc<AtomicBool>,
) -> (u16, mpsc::UnboundedReceiver<String>) {
    slow_smtp_server(accepting, std::time::Duration::ZERO).await
}

/// The same, answering each message's DATA `delay` after handing the message to the channel.
pub async fn slow_smtp_server(
    accepting: Arc<AtomicBool>,
    delay: std::time::Duration,
) -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (sender, receiver) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (sender, accepting) = (sender.clone(), accepting.clone());
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("MAIL FROM") && !accepting.load(Ordering::SeqCst)
                    {
                        b"451 4.3.0 try again later\r\n"
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
                        tokio::time::sleep(delay).await;
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
