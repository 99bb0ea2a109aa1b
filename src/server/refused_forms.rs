//! Keeps what was typed into a form posted without JavaScript that a server function refused.
//!
//! server_fn answers such a post (`Accept: text/html`, URL-encoded) with a redirect back to
//! the `Referer`, the error in `__path`/`__err` (see `crate::ui::refused_form`). The page
//! would come back with its fields empty. This layer, around every server function:
//! - on a refused plain post, keeps the posted fields (never a password) in the visitor's
//!   session under a fresh random id, for [`KEEP_SECONDS`], and adds `__form=<id>` to the
//!   redirect (the text itself never goes into a URL); one refusal is kept per session, the
//!   newest;
//! - on a page request carrying `__form`, takes those fields out of the session (once) and
//!   hands them to the page through the request's extensions (`KeptFields`).
//!
//! A successful post's redirect loses any stale `__form` the Referer carried.

use super::state::AppState;
use crate::ui::refused_form::{KeptFields, KEPT_FORM_PARAM};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};
use tower_sessions::Session;

/// How long kept fields wait for the page to be shown again (seconds).
pub const KEEP_SECONDS: u64 = 600;
/// The session key holding the newest refused post.
const SESSION_KEY: &str = "refused_form";
/// Where server functions are mounted.
const SERVER_FN_PREFIX: &str = "/api/";

/// A refused post's fields as stored in the session.
#[derive(Serialize, Deserialize)]
struct Kept {
    /// The one-time id carried by the redirect (32 hex digits).
    id: String,
    /// Unix seconds after which the fields are dropped unseen.
    until: u64,
    fields: KeptFields,
}

/// The middleware (state: for the body limit).
pub async fn keep_refused_forms(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST && is_plain_server_fn_post(&request) {
        return after_post(state.config.limits.max_body_bytes, request, next).await;
    }
    if request.method() == Method::GET {
        if let Some(id) = query_param(request.uri().query().unwrap_or(""), KEPT_FORM_PARAM) {
            let mut request = request;
            if let Some(session) = request.extensions().get::<Session>().cloned() {
                if let Some(fields) = take(&session, &id).await {
                    request.extensions_mut().insert(fields);
                }
            }
            return next.run(request).await;
        }
    }
    next.run(request).await
}

/// A browser's own form post (no script) to a server function.
fn is_plain_server_fn_post(request: &Request) -> bool {
    let header_has = |name, needle: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains(needle))
    };
    request.uri().path().starts_with(SERVER_FN_PREFIX)
        && header_has(header::ACCEPT, "text/html")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

/// Runs the server function on the buffered body, then keeps the fields if it refused.
async fn after_post(limit: usize, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let session = parts.extensions.get::<Session>().cloned();
    let path = parts.uri.path().to_string();
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return response;
    };
    let refused = location.split_once('?').is_some_and(|(_, query)| {
        query_param(query.split('#').next().unwrap_or(""), "__err").is_some()
    });
    let id = match (refused, session) {
        (true, Some(session)) => keep(&session, path, &bytes).await,
        _ => None,
    };
    if let Ok(value) = HeaderValue::from_str(&with_kept_form(&location, id.as_deref())) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Never kept: anything that looks like a password.
fn is_secret(name: &str) -> bool {
    name.to_ascii_lowercase().contains("password")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Stores the posted fields; the id for the redirect, or `None` when nothing was kept.
async fn keep(session: &Session, path: String, body: &[u8]) -> Option<String> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .filter(|(name, _)| !is_secret(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if fields.is_empty() {
        return None;
    }
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let id = hex::encode(random);
    let kept = Kept {
        id: id.clone(),
        until: now() + KEEP_SECONDS,
        fields: KeptFields { path, fields },
    };
    match session.insert(SESSION_KEY, kept).await {
        Ok(()) => Some(id),
        Err(error) => {
            tracing::warn!(%error, "refused form not kept in the session");
            None
        }
    }
}

/// The kept fields under `id`, removed from the session; `None` if another id is kept (the
/// session's newest refusal stays for its own page), or they expired.
async fn take(session: &Session, id: &str) -> Option<KeptFields> {
    let kept: Kept = session.get(SESSION_KEY).await.ok().flatten()?;
    if kept.id != id {
        return None;
    }
    if let Err(error) = session.remove::<Kept>(SESSION_KEY).await {
        tracing::warn!(%error, "kept form not removed from the session");
    }
    (kept.until >= now()).then_some(kept.fields)
}

/// The decoded value of `name` in a URL query.
fn query_param(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `location` without any `__form` parameter, plus `__form=<id>` when given; the rest of the
/// query, its encoding and the fragment stay as they were.
fn with_kept_form(location: &str, id: Option<&str>) -> String {
    let (before_fragment, fragment) = match location.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (location, None),
    };
    let (base, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(KEPT_FORM_PARAM))
        .map(str::to_owned)
        .collect();
    if let Some(id) = id {
        pairs.push(format!("{KEPT_FORM_PARAM}={id}"));
    }
    let mut out = base.to_string();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_secret, with_kept_form};

    #[test]
    fn the_kept_form_id_replaces_a_stale_one_and_keeps_the_rest() {
        assert_eq!(
            with_kept_form("http://h/p?q=a%20b&__form=old&__err=x#c", Some("new")),
            "http://h/p?q=a%20b&__err=x&__form=new#c"
        );
        assert_eq!(with_kept_form("/p?__form=old", None), "/p");
        assert_eq!(with_kept_form("/p", Some("id")), "/p?__form=id");
        assert_eq!(
            with_kept_form("/fiches/3#commentaire-4", None),
            "/fiches/3#commentaire-4"
        );
    }

    #[test]
    fn passwords_are_never_kept() {
        assert!(
            is_secret("password") && is_secret("new_password") && is_secret("current_Password")
        );
        assert!(!is_secret("cover_letter") && !is_secret("email"));
    }
}
