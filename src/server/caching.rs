//! `Cache-Control` of the answers that do not set their own (files of the site set theirs in
//! `server::static_files`; CV downloads and exports say `private, no-store`; live events
//! `no-cache`):
//!
//! - pages (`text/html`): `no-cache` — a browser may keep one but asks again before showing
//!   it, so a page never shows yesterday's offers or a signed-out account; `private, no-cache`
//!   when the request carried a session cookie, so no shared cache keeps a signed-in page;
//! - server-function answers (`/api/…`): `no-store` — they answer one caller (their applications,
//!   messages, notifications) and are never worth reusing.

use super::state::AppState;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Where server functions answer (`leptos_axum`'s default prefix).
const SERVER_FUNCTION_PREFIX: &str = "/api/";

pub async fn cache_control(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let server_function = request.uri().path().starts_with(SERVER_FUNCTION_PREFIX);
    let with_session = carries_cookie(request.headers(), &state.config.session.cookie_name);
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let policy = match (server_function, is_html, with_session) {
        (true, _, _) => "no-store",
        (false, true, true) => "private, no-cache",
        (false, true, false) => "no-cache",
        (false, false, _) => return response,
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Whether the request's `Cookie` headers name the cookie `name`.
fn carries_cookie(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .any(|(key, _)| key.trim() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; parvis_session=abc"),
        );
        assert!(carries_cookie(&headers, "parvis_session"));
        assert!(!carries_cookie(&headers, "parvis"));
        assert!(!carries_cookie(&HeaderMap::new(), "parvis_session"));
    }
}
