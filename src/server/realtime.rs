//! Live events between server processes and browsers. Each process has a broadcast channel;
//! on PostgreSQL, events also go through NOTIFY/LISTEN so that a browser connected to one
//! process hears what an agent did on another. Browsers subscribe with server-sent events.

use super::db::{Backend, Db};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// Something happened to an application: who may hear of it follows from these ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEvent {
    pub application_id: i64,
    pub offer_id: Option<i64>,
    pub candidate_id: i64,
    pub direction_id: i64,
    pub service_id: Option<i64>,
    pub state: String,
}

/// Everything the live relay carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveEvent {
    Application(ApplicationEvent),
    /// An offer changed (published, edited, closed…): search indexes reload it.
    Offer(i64),
    /// What account N may see changed (a role granted or revoked, a pool, a password, a
    /// sign-out): its live connections read their caller again.
    Access(i64),
}

impl From<ApplicationEvent> for LiveEvent {
    fn from(event: ApplicationEvent) -> LiveEvent {
        LiveEvent::Application(event)
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Notice {
    origin: u64,
    event: LiveEvent,
}

const CHANNEL: &str = "parvis_events";

#[derive(Debug, Clone)]
pub struct Realtime {
    sender: broadcast::Sender<LiveEvent>,
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
                        Ok(notification) => match serde_json::from_str::<Notice>(notification.payload()) {
                            Ok(notice) if notice.origin != origin => {
                                let _ = sender.send(notice.event);
                            }
                            Ok(_) => {}
                            Err(error) => tracing::warn!(%error, "unreadable live event"),
                        },
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

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }

    /// Tells this process's subscribers, then the other processes. A lost event only delays a
    /// screen until its next refresh, so failures are logged, not returned.
    pub async fn publish(&self, event: impl Into<LiveEvent>) {
        let event = event.into();
        let _ = self.sender.send(event.clone());
        if self.db.backend == Backend::Postgres {
            let notice = Notice { origin: self.origin, event };
            match serde_json::to_string(&notice) {
                Ok(payload) => {
                    if let Err(error) = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(&self.db.pool).await {
                        tracing::warn!(%error, "live event not sent to the other processes");
                    }
                }
                Err(error) => tracing::warn!(%error, "live event not encoded"),
            }
        }
    }
}
