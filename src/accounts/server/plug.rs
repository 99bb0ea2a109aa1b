//! What accounts plug into the app (`crate::app_server` calls these): the sign-in layer over
//! the sessions, the language switch, the private areas robots stay out of, and the hourly
//! clean-up of old sign-in failures and spent reset tokens. Demo accounts: `crate::seed`.

use super::{preferences, rate_limit, reset, Backend};
use crate::server::{db::Db, sessions::DbSessionStore, state::AppState};
use axum::{routing::post, Router};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use std::time::Duration;
use tower_sessions::SessionManagerLayer;

/// Sign-in (axum-login) over `sessions`: the session id changes at sign-in, and every session
/// of an account ends when its password changes.
pub fn auth_layer(db: Db, sessions: SessionManagerLayer<DbSessionStore>) -> AuthManagerLayer<Backend, DbSessionStore> {
    AuthManagerLayerBuilder::new(Backend::new(db), sessions).build()
}

/// Plain HTTP routes: the language switch (a form post that works without JavaScript).
pub fn routes() -> Router<AppState> {
    Router::new().route("/langue", post(preferences::set_language))
}

/// Path prefixes robots.txt keeps crawlers out of: administration and the account's pages.
pub const PRIVATE_PATHS: &[&str] = &["/admin", "/compte"];

/// Every hour: sign-in failures older than the throttling window, and spent or expired reset
/// tokens, are deleted.
pub fn spawn_housekeeping(app: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(error) = rate_limit::prune(&app.db, &app.config.security).await {
                tracing::warn!(%error, "old sign-in failures not deleted");
            }
            if let Err(error) = reset::prune(&app.db).await {
                tracing::warn!(%error, "spent reset tokens not deleted");
            }
        }
    });
}
