//! U+0000 is never a legitimate character of any text Parvis takes (a name, a search, a
//! comment), and PostgreSQL refuses it in a text value, which made any query or form holding
//! one answer 500 on that backend (found by tests/fuzz.rs). This layer refuses it at the edge,
//! with 400, in the query string and in URL-encoded form bodies (uploads are binary and left
//! alone), before any handler runs.

use super::state::AppState;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// True when percent-encoded text (a query or a form body) holds an encoded U+0000.
fn holds_nul(encoded: &[u8]) -> bool {
    encoded.windows(3).any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

fn refused() -> Response {
    tracing::info!("request refused: U+0000 in a parameter");
    (StatusCode::BAD_REQUEST, "U+0000").into_response()
}

pub async fn refuse_nul_bytes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().query().is_some_and(|q| holds_nul(q.as_bytes())) {
        return refused();
    }
    let form = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, state.config.limits.max_body_bytes).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if holds_nul(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_encoded_nul_only() {
        assert!(super::holds_nul(b"q=a%00b"));
        assert!(!super::holds_nul(b"q=a%2500b&page=100"));
        assert!(!super::holds_nul(b"q=%0a%01"));
    }
}
