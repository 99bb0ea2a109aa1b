//! Helpers for server functions: reach the state, and turn an error into the right response.

use super::state::AppState;
use crate::error::{AppError, AppResult};
use leptos::prelude::*;

/// The application state, put into the reactive context for every request.
pub fn app_state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

/// Every server function passes its result through here: a refusal is logged, and sets the
/// HTTP status, except for plain form posts (no JavaScript), which must stay redirects so the
/// browser goes back to the form and shows the message carried in the URL.
/// True for a plain HTML form post (no JavaScript), which expects a redirect back.
fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|a| a.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Sends a browser without JavaScript to `path` after a successful form post. The hydrated
/// page moves on itself when the action succeeds (`ui::forms::load_page_on_success`,
/// `open_on_success`): a redirect answered to the action would navigate client-side while
/// the action's own update rebuilds the page (README "Development notes").
pub fn redirect_plain_form(path: &str) {
    if is_plain_form_post() {
        leptos_axum::redirect(path);
    }
}

pub fn respond<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(error) = &result {
        match error {
            AppError::Internal => tracing::error!("request failed with an internal error"),
            other => tracing::info!(error = %other, "request refused"),
        }
        if !is_plain_form_post() {
            if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
                options.set_status(error.status());
            }
        }
    }
    result
}

/// The client's address: the TCP peer, or the trusted reverse proxy's header when configured.
pub async fn client_address() -> String {
    let header = app_state()
        .map(|s| s.config.server.client_address_header.clone())
        .unwrap_or_default();
    if !header.is_empty() {
        let from_proxy = use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(header.as_str())
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_string())
        });
        if let Some(address) = from_proxy.filter(|a| !a.is_empty()) {
            return address;
        }
    }
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|axum::extract::ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".into())
}
