//! The infrastructure's part of the router: start-up errors, the request span, the layers every
//! route passes through, and serving with a graceful shutdown (`server::shutdown`). The app
//! itself (each domain's routes, state and work) is assembled by `crate::app_server`, which
//! tests call too, so they run the same router as production.

use super::{
    config::ShutdownConfig,
    security::{refuse_cross_site, security_headers},
    shutdown::Shutdown,
    state::AppState,
};
use axum::{
    extract::{DefaultBodyLimit, Request},
    middleware,
    response::IntoResponse,
    routing::Route,
    Router,
};
use std::{convert::Infallible, net::SocketAddr, time::Duration};
use tower::{Layer, Service};
use tower_http::trace::TraceLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] super::config::ConfigError),
    #[error(transparent)]
    Db(#[from] super::db::DbError),
    #[error(transparent)]
    Mail(#[from] super::mail::MailError),
    #[error(transparent)]
    Storage(#[from] super::storage::StorageError),
    #[error("loading reference or demo data: {0}")]
    Seed(#[from] sqlx::Error),
    #[error("rebuilding the stored search terms for the text normalisation: {0}")]
    TextRebuild(#[source] sqlx::Error),
    #[error("live events: cannot listen to the database: {0}")]
    Live(#[source] sqlx::Error),
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, #[source] std::io::Error),
    #[error("server error: {0}")]
    Serve(#[source] std::io::Error),
}

/// The infrastructure's layers around `routes` (every route of the app), from the outside in:
/// request counts and latencies (`server::metrics`), request tracing, compression (`server::compression`), server-function arguments that do
/// not decode answered 400, the body limit, NUL bytes refused, security headers, caching
/// headers (`server::caching`), cross-site refusal, then `sign_in` (sessions
/// and sign-in, which `crate::app_server` builds) and, inside it, refused plain form posts
/// kept in the session.
pub fn with_layers<L>(routes: Router<AppState>, state: AppState, sign_in: L) -> Router
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service: Service<Request> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Response: IntoResponse + 'static,
    <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    let max_body_bytes = state.config.limits.max_body_bytes;
    routes
        // Inside the session layer: it keeps refused plain form posts in the session.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::refused_forms::keep_refused_forms,
        ))
        .layer(sign_in)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::caching::cache_control,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::nul_bytes::refuse_nul_bytes,
        ))
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(middleware::from_fn(
            super::bad_arguments::bad_arguments_are_client_errors,
        ))
        .layer(super::compression::layer())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn(super::metrics::track_requests))
        .with_state(state)
}

/// The span of one request: a fresh id, the method and the path (never the query, which may
/// carry what people typed). Server functions open their own span inside it, with the account.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = format!("{:016x}", rand::random::<u64>());
    tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
}

/// Serves `router` on `listener` until `shutdown` closes (SIGTERM or Ctrl-C begins it, see
/// `server::shutdown`): readiness turns 503 at once, connections are still accepted for
/// `drain_seconds`, then the listener closes, requests in flight and the background work
/// finish, within `grace_seconds` — past that, what is left is dropped.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: Shutdown,
    timing: ShutdownConfig,
) -> Result<(), StartError> {
    let drain = Duration::from_secs(timing.drain_seconds);
    let grace = Duration::from_secs(timing.grace_seconds);
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            tokio::select! {
                () = super::shutdown::signal() => shutdown.begin(),
                () = shutdown.begun() => {}
            }
            tokio::time::sleep(drain).await;
            shutdown.close();
        }
    });
    // Small writes go out at once (TCP_NODELAY): a live wiki update or a server-sent event
    // held back by Nagle's algorithm until the last one is acknowledged waited up to 40 ms.
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream: &mut tokio::net::TcpStream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY not set on a connection");
        }
    });
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown({
        let shutdown = shutdown.clone();
        async move { shutdown.closing().await }
    });
    let finished = async {
        server.await.map_err(StartError::Serve)?;
        shutdown.work_done().await;
        Ok::<(), StartError>(())
    };
    tokio::pin!(finished);
    tokio::select! {
        result = &mut finished => return result,
        () = shutdown.closing() => {}
    }
    if let Ok(result) = tokio::time::timeout(grace, finished).await {
        tracing::info!("stopped: every request and job finished");
        result
    } else {
        tracing::warn!(
            grace_seconds = timing.grace_seconds,
            "stopped: requests or jobs still running after the grace period were dropped"
        );
        Ok(())
    }
}
