//! The infrastructure's housekeeping, a periodic round (once an hour across all processes):
//! expired sessions, and done jobs older than 30 days. Domains add their own rounds.

use super::{JobError, Round};
use crate::server::{db::now, state::AppState};
use std::time::Duration;
use tower_sessions::ExpiredDeletion;

/// How long a done job (and its dedup key) is kept.
const DONE_KEPT_SECONDS: i64 = 30 * 86_400;

pub fn round() -> Round {
    Round {
        name: "housekeeping",
        every: Duration::from_secs(3600),
        first_at_once: true,
        run: |app| Box::pin(run(app)),
    }
}

async fn run(app: AppState) -> Result<(), JobError> {
    let store = crate::server::sessions::DbSessionStore::new(app.db.clone());
    if let Err(error) = store.delete_expired().await {
        tracing::warn!(%error, "expired sessions not deleted");
    }
    super::store::prune(&app.db, now() - DONE_KEPT_SECONDS).await?;
    Ok(())
}
