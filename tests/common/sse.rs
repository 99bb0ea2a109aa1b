//! Reading a server-sent event stream in tests: the data of the next event of one name.

use std::time::Duration;

/// The data line of the next event named `name` arriving on `response` within `wait`
/// (`None`: none came, or the stream ended first). Events of other names are skipped.
pub async fn event_within(
    response: &mut reqwest::Response,
    name: &str,
    wait: Duration,
) -> Option<String> {
    let mut buffer = String::new();
    let wanted = format!("event: {name}");
    let read = async {
        while let Ok(Some(chunk)) = response.chunk().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                if block.lines().any(|line| line == wanted) {
                    return block
                        .lines()
                        .find_map(|l| l.strip_prefix("data: ").map(str::to_string));
                }
            }
        }
        None
    };
    tokio::time::timeout(wait, read).await.ok().flatten()
}
