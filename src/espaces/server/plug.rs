//! What Espaces plugs into the app (`crate::app_server` calls this): its plain HTTP routes.
//! Its periodic work is registered in `jobs.rs`; pages and server functions are routed by
//! Leptos.

use super::live;
use crate::server::state::AppState;
use axum::{routing::get, Router};

/// Plain HTTP routes: a space's live events, and the calendar's (feeds, one event's `.ics`,
/// import: `calendar_http.rs`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/espaces/{id}/evenements", get(live::events))
        .merge(super::calendar_http::routes())
}
