//! What the proxy or orchestrator asks a server process.
//!
//! - `/healthz` (liveness): the database answers and holds exactly the migrations this binary
//!   carries; 503 with a short reason otherwise (the details go to the log). It stays healthy
//!   during a shutdown.
//! - `/readyz` (readiness): healthy and not shutting down; 503 from the moment the shutdown
//!   begins, so that requests go to another process while this one finishes its own.

use super::{db::SchemaMismatch, state::AppState};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use std::time::Duration;

/// The longest a check waits for the database.
const DATABASE_WAIT: Duration = Duration::from_secs(3);

/// Why a process is not healthy or not ready.
#[derive(Debug, thiserror::Error)]
pub enum Unwell {
    #[error("database unreachable")]
    Database,
    #[error("database: no answer within {} s", DATABASE_WAIT.as_secs())]
    Slow,
    #[error("schema: {0}")]
    Schema(#[from] SchemaMismatch),
    #[error("shutting down")]
    ShuttingDown,
}

/// The two routes, for the app's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

/// Whether this process can serve: the database answers with the expected migrations.
pub async fn check(state: &AppState) -> Result<(), Unwell> {
    match tokio::time::timeout(DATABASE_WAIT, state.db.schema_mismatch()).await {
        Err(_) => Err(Unwell::Slow),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health: database unreachable");
            Err(Unwell::Database)
        }
        Ok(Ok(Some(mismatch))) => Err(mismatch.into()),
        Ok(Ok(None)) => Ok(()),
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    answer(check(&state).await)
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.shutdown.has_begun() {
        return answer(Err(Unwell::ShuttingDown));
    }
    answer(check(&state).await)
}

fn answer(health: Result<(), Unwell>) -> Response {
    let (status, body) = match health {
        Ok(()) => (StatusCode::OK, "ok\n".to_string()),
        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}
