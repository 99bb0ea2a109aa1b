//! Keeping a process's in-memory search index (Stages' offers, Innovation's catalogue) in
//! step with the database, which stays the truth: after a change the document is reloaded in
//! the process that made it at once and in the others through the live relay, and the whole
//! index is rebuilt periodically in case a relay message was lost. Per process by nature (each
//! process holds its own index), so not a shared periodic round.

use super::{db::Db, realtime::LiveMessage, state::AppState};
use std::future::Future;

/// How often a whole index is rebuilt from the database, as a safety net.
const REBUILD_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// An index that follows the changes of its documents.
pub trait FollowedIndex: Clone + Send + Sync + 'static {
    /// What the index is called in logs ("offer index").
    const NAME: &'static str;

    /// The live topic that says a document changed.
    const TOPIC: &'static str;

    /// The document id a message of [`FollowedIndex::TOPIC`] names.
    fn changed_id(message: &LiveMessage) -> Option<i64>;

    /// The relay payload telling other processes that document `id` changed.
    fn payload(id: i64) -> serde_json::Value;

    /// Reads document `id` again: in the index while it is searchable, out of it otherwise.
    fn reload(&self, db: &Db, id: i64) -> impl Future<Output = Result<(), sqlx::Error>> + Send;

    /// Reads every document again.
    fn rebuild(&self, db: &Db) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
}

/// After document `id` changed in the database: reloads it in `index` (this process's) and
/// tells the other processes. A failed reload is logged; the periodic rebuild repairs it.
pub async fn changed<I: FollowedIndex>(app: &AppState, index: &I, id: i64) {
    if let Err(error) = index.reload(&app.db, id).await {
        tracing::error!(%error, id, index = I::NAME, "search index: document not reloaded");
    }
    app.realtime.publish(I::TOPIC, &I::payload(id)).await;
}

/// Keeps `index` following the changes other processes announce, and rebuilds it periodically.
pub fn follow<I: FollowedIndex>(app: &AppState, index: I) {
    let mut events = app.realtime.subscribe();
    let db = app.db.clone();
    let (rebuilt, rebuild_db) = (index.clone(), db.clone());
    tokio::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(message) => {
                    if let Some(id) = I::changed_id(&message) {
                        if let Err(error) = index.reload(&db, id).await {
                            tracing::error!(%error, id, index = I::NAME, "search index: document not reloaded");
                        }
                    }
                }
                // Too many changes at once: reading everything again is simplest.
                Err(RecvError::Lagged(_)) => {
                    if let Err(error) = index.rebuild(&db).await {
                        tracing::error!(%error, index = I::NAME, "search index not rebuilt");
                    }
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(REBUILD_EVERY);
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(error) = rebuilt.rebuild(&rebuild_db).await {
                tracing::error!(%error, index = I::NAME, "search index not rebuilt");
            }
        }
    });
}
