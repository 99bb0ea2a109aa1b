//! Housekeeping that runs in the background: expired sessions, old sign-in failures and
//! spent reset tokens.

use super::state::AppState;
use crate::accounts::server::{rate_limit, reset};
use std::time::Duration;
use tower_sessions::ExpiredDeletion;

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let store = super::sessions::DbSessionStore::new(state.db.clone());
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "expired sessions not deleted");
            }
            if let Err(error) = rate_limit::prune(&state.db, &state.config.security).await {
                tracing::warn!(%error, "old sign-in failures not deleted");
            }
            if let Err(error) = reset::prune(&state.db).await {
                tracing::warn!(%error, "spent reset tokens not deleted");
            }
        }
    });
}
