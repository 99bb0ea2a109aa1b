//! Live events between server processes and browsers. Each process has a broadcast channel;
//! on PostgreSQL, events also go through NOTIFY/LISTEN so that a browser connected to one
//! process hears what an agent did on another. Browsers subscribe with server-sent events.
//!
//! That channel carries what people do (an application, a role changed), at the pace people
//! act, to every subscriber: each open event stream and each live wiki connection wakes for
//! each event. A topic at the pace of keystrokes (the wiki's new log rows, on PostgreSQL)
//! would wake a thousand connections a thousand times a second and make the search indexes'
//! followers lag into full rebuilds, so it goes apart: [`Realtime::notify_others`] sends it to the
//! other processes only, where [`Realtime::direct`]'s one receiver gets it.

use super::db::{Backend, Db};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};
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

/// Messages a subscriber may fall behind by before it is told it lagged.
const CAPACITY: usize = 1024;

/// The channels of the topics kept out of the shared one, by topic.
type Direct = Arc<Mutex<HashMap<&'static str, broadcast::Sender<LiveMessage>>>>;

#[derive(Debug, Clone)]
pub struct Realtime {
    sender: broadcast::Sender<LiveMessage>,
    direct: Direct,
    /// Tells this process's own notifications apart from other processes'.
    origin: u64,
    db: Db,
}

impl Realtime {
    /// Creates the channel and, on PostgreSQL, starts listening to the other processes.
    pub async fn start(db: Db, database_url: &str) -> Result<Realtime, sqlx::Error> {
        let (sender, _) = broadcast::channel(CAPACITY);
        let origin = rand::random::<u64>();
        let realtime = Realtime {
            sender,
            direct: Direct::default(),
            origin,
            db,
        };
        if realtime.db.backend == Backend::Postgres {
            let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
            listener.listen(CHANNEL).await?;
            let sender = realtime.sender.clone();
            let direct = realtime.direct.clone();
            tokio::spawn(async move {
                loop {
                    match listener.recv().await {
                        Ok(notification) => {
                            match serde_json::from_str::<Notice>(notification.payload()) {
                                Ok(notice) if notice.origin != origin => {
                                    let apart = direct.lock().ok().and_then(|d| {
                                        d.get(notice.message.topic.as_str()).cloned()
                                    });
                                    let _ = apart
                                        .unwrap_or_else(|| sender.clone())
                                        .send(notice.message);
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

    /// A receiver of every event of the shared channel: this process's and, on PostgreSQL,
    /// the other processes' (but the topics kept apart by [`Realtime::direct`]).
    pub fn subscribe(&self) -> broadcast::Receiver<LiveMessage> {
        self.sender.subscribe()
    }

    /// Keeps `topic` out of the shared channel: what the other processes send on it (with
    /// [`Realtime::notify_others`]) reaches the receivers of this channel only. Called once
    /// per topic at start-up, by the one task that handles it; a later call gives another
    /// receiver of the same channel.
    pub fn direct(&self, topic: &'static str) -> broadcast::Receiver<LiveMessage> {
        let mut direct = self
            .direct
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        direct
            .entry(topic)
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }

    /// Tells the other processes (PostgreSQL's NOTIFY; SQLite has no other process) that
    /// `payload` happened on `topic`, and not this process's subscribers: for a topic whose
    /// handler in this process was told directly, kept apart with [`Realtime::direct`].
    /// Failures are logged, not returned.
    pub async fn notify_others(&self, topic: &str, payload: &impl Serialize) {
        if self.db.backend != Backend::Postgres {
            return;
        }
        match serde_json::to_value(payload) {
            Ok(payload) => {
                self.notify(LiveMessage {
                    topic: topic.to_string(),
                    payload,
                })
                .await
            }
            Err(error) => tracing::warn!(%error, topic, "live event not encoded"),
        }
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
            self.notify(message).await;
        }
    }

    /// Sends `message` to the other processes (PostgreSQL's NOTIFY).
    async fn notify(&self, message: LiveMessage) {
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
