//! Periodic rounds (search alerts, the notification digest, housekeeping): each runs once per
//! period across every server process. A process runs a round only when its UPDATE moved the
//! round's `next_run_at` forward (`store::claim_round`); the others find it not yet due. A
//! round does not mail itself: it queues one job per mail, so a failure or a crash during the
//! round loses nothing already queued, and the rest waits for the next period.

use super::store;
use crate::server::{db::now, state::AppState};

/// Runs each registered round that is due and that this process claims.
pub async fn run_due(app: &AppState) {
    let registry = match super::registry_of(app) {
        Ok(registry) => registry,
        Err(error) => return tracing::error!(%error, "periodic rounds: no registry"),
    };
    for round in registry.rounds() {
        let at = now();
        let every = i64::try_from(round.every.as_secs().max(1)).unwrap_or(i64::MAX / 2);
        let first = if round.first_at_once { at } else { at + every };
        match store::claim_round(&app.db, round.name, &app.jobs.worker, at, at + every, first).await
        {
            Ok(true) => {
                if let Err(error) = (round.run)(app.clone()).await {
                    tracing::error!(%error, round = round.name, "periodic round failed");
                }
                app.jobs.wake();
            }
            Ok(false) => {}
            Err(error) => tracing::error!(%error, round = round.name, "periodic round not claimed"),
        }
    }
}
