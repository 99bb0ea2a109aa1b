//! The infrastructure's housekeeping, a periodic round (once an hour across all processes):
//! expired sessions, and done jobs past `retention.finished_jobs_days` (a mail job holds its
//! recipient's address; a member's message its text). Domains add their own rounds.

use super::{JobError, Round};
use crate::server::{config::PeriodUnit, retention, state::AppState};
use std::time::Duration;
use tower_sessions::ExpiredDeletion;

pub fn round() -> Round {
    Round {
        name: "housekeeping",
        every: Duration::from_secs(3600),
        first_at_once: true,
        run: |app| Box::pin(run(app)),
    }
}

/// One housekeeping pass (what the round runs; tests call it after moving the clock).
pub async fn run(app: AppState) -> Result<(), JobError> {
    let store = crate::server::sessions::DbSessionStore::new(app.db.clone());
    if let Err(error) = store.delete_expired().await {
        tracing::warn!(%error, "expired sessions not deleted");
    }
    let days = app.config.retention.finished_jobs_days;
    let before = retention::before(&app.clock, days, PeriodUnit::Days);
    let pruned = super::store::prune(&app.db, before).await?;
    retention::log("finished_jobs_days", pruned, &[]);
    Ok(())
}
