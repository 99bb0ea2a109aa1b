//! Server functions whose arguments do not decode fail inside server_fn before our code
//! runs, and server_fn answers those with 500. They are the caller's mistake: this layer turns
//! such answers (an `AppError::Transport` body) into 400, and logs them as refusals, not as
//! server errors.

use crate::error::AppError;
use axum::{
    body::Body,
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Error bodies are small; anything larger is left as it is.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn bad_arguments_are_client_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(AppError::Transport(detail)) = serde_json::from_slice::<AppError>(&bytes) {
        tracing::info!(%detail, "request refused: arguments did not decode");
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
