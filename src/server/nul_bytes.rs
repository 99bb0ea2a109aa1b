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

/// How many times a value is decoded when looking for U+0000: the router decodes a page's
/// query once more than the HTTP layer does ("%2500" reached PostgreSQL as U+0000).
const DECODINGS: usize = 3;

/// True when percent-encoded text (a query or a form body) holds a U+0000, encoded up to
/// `DECODINGS` times.
fn holds_nul(encoded: &[u8]) -> bool {
    let mut text = encoded.to_vec();
    for _ in 0..DECODINGS {
        text = percent_decode(&text);
        if text.contains(&0) {
            return true;
        }
    }
    false
}

/// `%XX` escapes decoded (anything else kept as it is).
fn percent_decode(encoded: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(encoded.len());
    let mut i = 0;
    while i < encoded.len() {
        match (
            encoded[i],
            encoded.get(i + 1).copied().and_then(hex),
            encoded.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

fn refused() -> Response {
    tracing::info!("request refused: U+0000 in a parameter");
    (StatusCode::BAD_REQUEST, "U+0000").into_response()
}

pub async fn refuse_nul_bytes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request
        .uri()
        .query()
        .is_some_and(|q| holds_nul(q.as_bytes()))
    {
        return refused();
    }
    let form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
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
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_encoded_nul_only() {
        assert!(super::holds_nul(b"q=a%00b"));
        assert!(super::holds_nul(b"q=a%2500b"), "encoded twice");
        assert!(!super::holds_nul(b"q=a%25253000b&page=100"));
        assert!(!super::holds_nul(b"q=%0a%01%zz%"));
    }
}
