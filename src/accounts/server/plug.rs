//! What accounts plug into the app (`crate::app_server` calls these): the sign-in layer over
//! the sessions, the language switch and the private areas robots stay out of. Its jobs (reset mail,
//! hourly clean-up): `super::jobs`. Demo accounts: `crate::seed`.

use super::{data_export, preferences, Backend};
use crate::server::{clock::Clock, db::Db, sessions::DbSessionStore, state::AppState};
use axum::{
    routing::{get, post},
    Router,
};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder};
use tower_sessions::SessionManagerLayer;

/// Sign-in (axum-login) over `sessions`: the session id changes at sign-in, and every session
/// of an account ends when its password changes; `clock` dates each account's last use.
pub fn auth_layer(
    db: Db,
    clock: Clock,
    sessions: SessionManagerLayer<DbSessionStore>,
) -> AuthManagerLayer<Backend, DbSessionStore> {
    AuthManagerLayerBuilder::new(Backend::new(db, clock), sessions).build()
}

/// Plain HTTP routes: the language switch (a form post that works without JavaScript) and the
/// "my data" archive's download.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/langue", post(preferences::set_language))
        .route(
            "/compte/donnees/{token}",
            get(data_export::download::download),
        )
}

/// Path prefixes robots.txt keeps crawlers out of: administration and the account's pages.
pub const PRIVATE_PATHS: &[&str] = &["/admin", "/compte"];
