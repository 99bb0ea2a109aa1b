//! The metrics endpoint: `/metrics` in Prometheus text format, on a listener of its own
//! (`[metrics] address`), never on the public one — the proxy forwards only the public port, so
//! only what can reach that private address (the Prometheus server) reads it, without a secret
//! to keep.
//!
//! What it tells: requests answered by method, route pattern (`/stages/offres/{id}`, never
//! the raw path: the set of series stays bounded) and status, with their latency as a
//! histogram; background jobs queued, running and failed by kind (counted at each scrape); live
//! connections (server-sent event streams) open in this process. Recorded through the
//! `metrics` facade into one recorder per process.

use super::{jobs, state::AppState};
use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::{sync::OnceLock, time::Instant};

const REQUESTS: &str = "parvis_http_requests_total";
const LATENCY: &str = "parvis_http_request_duration_seconds";
const JOBS: &str = "parvis_jobs";
const LIVE: &str = "parvis_live_connections";
/// Latency buckets, in seconds: a histogram (not a summary) so that the figures of several
/// processes add up.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs this process's recorder, once (tests build several apps in one process: they
/// share it, as their requests share the process).
pub fn install() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        let builder = match builder.set_buckets_for_metric(Matcher::Full(LATENCY.into()), BUCKETS) {
            Ok(builder) => builder,
            Err(error) => {
                tracing::warn!(%error, "metrics: latency buckets refused, summaries instead");
                PrometheusBuilder::new()
            }
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if let Err(error) = metrics::set_global_recorder(recorder) {
            tracing::warn!(%error, "metrics: another recorder is installed");
        }
        metrics::describe_counter!(
            REQUESTS,
            "Requests answered, by method, route pattern and status."
        );
        metrics::describe_histogram!(
            LATENCY,
            metrics::Unit::Seconds,
            "Time to answer a request (to its headers), by method and route pattern."
        );
        metrics::describe_gauge!(
            JOBS,
            "Background jobs by kind and state (queued, running, failed), across all processes."
        );
        metrics::describe_gauge!(
            LIVE,
            "Live connections (server-sent event streams) open in this process."
        );
        metrics::gauge!(LIVE).set(0.0);
        handle
    })
}

/// Counts each request and records its latency, labelled with its route pattern.
pub async fn track_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "fallback".to_string(), |path| path.as_str().to_string());
    let method = method_label(request.method());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(LATENCY, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The method as a label: the standard ones by name, anything else as "other" (a client
/// may send any token).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// One live connection, counted while it is held.
pub struct LiveConnection(());

impl LiveConnection {
    #[must_use]
    pub fn open() -> LiveConnection {
        metrics::gauge!(LIVE).increment(1.0);
        LiveConnection(())
    }
}

impl Drop for LiveConnection {
    fn drop(&mut self) {
        metrics::gauge!(LIVE).decrement(1.0);
    }
}

/// The metrics listener's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(state)
}

/// Serves [`router`] on `listener` until the shutdown closes connections.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let shutdown = state.shutdown.clone();
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async move { shutdown.closing().await })
        .await
}

async fn render(State(state): State<AppState>) -> Response {
    let handle = install();
    match jobs::depth(&state).await {
        Ok(depth) => {
            for (kind, job_state, count) in depth {
                metrics::gauge!(JOBS, "kind" => kind, "state" => job_state).set(count as f64);
            }
        }
        Err(error) => {
            tracing::error!(%error, "metrics: jobs not counted");
            return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response();
        }
    }
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}
