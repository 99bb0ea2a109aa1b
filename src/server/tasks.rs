//! Housekeeping that runs in the background: expired sessions. (Each domain's own periodic
//! work is started by the registration point, `crate::app_server`.)

use super::state::AppState;
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
        }
    });
}
