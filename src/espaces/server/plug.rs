//! What Espaces plugs into the app (`crate::app_server` calls this): its plain HTTP routes.
//! Its periodic work is registered in `jobs.rs`; pages and server functions are routed by
//! Leptos.

use super::live;
use crate::server::{config::EspacesConfig, state::AppState};
use axum::{routing::get, Router};

/// Plain HTTP routes: a space's live events, the documents' (upload with its own body limit,
/// `config.upload_max_bytes`; downloads; shared links: `documents_routes.rs`) and the
/// calendar's (feeds, one event's `.ics`, import: `calendar_http.rs`).
pub fn routes(config: &EspacesConfig) -> Router<AppState> {
    Router::new()
        .route("/espaces/{id}/evenements", get(live::events))
        .merge(super::documents_routes::routes(config.upload_max_bytes))
        .merge(super::calendar_http::routes())
}
