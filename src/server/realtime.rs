//! Live events between server processes and browsers. Each process has a broadcast channel;
//! on PostgreSQL, events also go through NOTIFY/LISTEN so that a browser connected to one
//! process hears what an agent did on another. Browsers subscribe with server-sent events.

use super::db::{Backend, Db};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tokio::sync::broadcast;

/// What the relay carries: a topic ("stages.application", "stages.offer"…) and its JSON
/// payload. The relay knows no domain; each domain defines its topics and payload types and
/// reads back the messages of its own topics with [`LiveMessage::read`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveMessage {
    pub topic: String,
    pub payload: serde_json::Value,
}

impl LiveMessage {
    /// The payload as `T` when the message is of `topic`; `None` for other topics or a
    /// payload that does not decode (logged).
    pub fn read<T: DeserializeOwned>(&self, topic: &str) -> Option<T> {
        if self.topic != topic {
            return None;
        }
        serde_json::from_value(self.payload.clone())
            .map_err(|error| tracing::warn!(%error, topic, "unreadable live payload"))
            .ok()
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Notice {
    origin: u64,
    message: LiveMessage,
}

const CHANNEL: &str = "parvis_events";

#[derive(Debug, Clone)]
pub struct Realtime {
    sender: broadcast::Sender<LiveMessage>,
    /// Tells this process's own notifications apart from other processes'.
    origin: u64,
    db: Db,
}

impl Realtime {
    /// Creates the channel and, on PostgreSQL, starts listening to the other processes.
    pub async fn start(db: Db, database_url: &str) -> Result<Realtime, sqlx::Error> {
        let (sender, _) = broadcast::channel(1024);
        let origin = rand::random::<u64>();
        let realtime = Realtime { sender, origin, db };
        if realtime.db.backend == Backend::Postgres {
            let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
            listener.listen(CHANNEL).await?;
            let sender = realtime.sender.clone();
            tokio::spawn(async move {
                loop {
                    match listener.recv().await {
                        Ok(notification) => {
                            match serde_json::from_str::<Notice>(notification.payload()) {
                                Ok(notice) if notice.origin != origin => {
                                    let _ = sender.send(notice.message);
                                }
                                Ok(_) => {}
                                Err(error) => tracing::warn!(%error, "unreadable live event"),
                            }
                        }
                        // PgListener reconnects by itself on the next recv.
                        Err(error) => {
                            tracing::warn!(%error, "live events: connection lost, reconnecting");
                            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                        }
                    }
                }
            });
        }
        Ok(realtime)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveMessage> {
        self.sender.subscribe()
    }

    /// Tells this process's subscribers, then the other processes, that `payload` happened on
    /// `topic`. A lost event only delays a screen until its next refresh, so failures are
    /// logged, not returned.
    pub async fn publish(&self, topic: &str, payload: &impl Serialize) {
        let message = match serde_json::to_value(payload) {
            Ok(payload) => LiveMessage {
                topic: topic.to_string(),
                payload,
            },
            Err(error) => return tracing::warn!(%error, topic, "live event not encoded"),
        };
        let _ = self.sender.send(message.clone());
        if self.db.backend == Backend::Postgres {
            let notice = Notice {
                origin: self.origin,
                message,
            };
            match serde_json::to_string(&notice) {
                Ok(payload) => {
                    if let Err(error) = sqlx::query("SELECT pg_notify($1, $2)")
                        .bind(CHANNEL)
                        .bind(payload)
                        .execute(&self.db.pool)
                        .await
                    {
                        tracing::warn!(%error, "live event not sent to the other processes");
                    }
                }
                Err(error) => tracing::warn!(%error, "live event not encoded"),
            }
        }
    }
}
