//! Builds the whole application (database, layers, routes) and serves it. Tests call
//! [`build`] too, so they run the same router as production.

use super::{
    config::{Config, ConfigError},
    db::{Db, DbError},
    demo,
    mail::{MailError, Mailer},
    security::{refuse_cross_site, security_headers},
    sessions::DbSessionStore,
    state::AppState,
    tasks,
};
use crate::{
    accounts::server::Backend,
    app::{shell, App},
    i18n::Locale,
    reference,
};
use axum::{
    extract::{DefaultBodyLimit, State},
    http::{header, StatusCode},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Form, Router,
};
use axum_login::AuthManagerLayerBuilder;
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::{net::SocketAddr, sync::Arc};
use tower_http::trace::TraceLayer;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Mail(#[from] MailError),
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

pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// Connects and migrates the database, loads reference (and, if asked, demo) data, and
/// returns the router with its state.
pub async fn build(config: Config) -> Result<(Router, AppState), StartError> {
    let clock = super::clock::Clock::new(config.city_zone()?);
    let db = Db::connect(&config.database.url, config.database.max_connections).await?;
    super::text_rebuild::rebuild_if_stale(&db).await.map_err(StartError::TextRebuild)?;
    reference::server::seed::ensure(&db).await?;
    if config.demo.enabled {
        demo::load(&db, &config.server.data_dir, &clock).await?;
    }
    let mailer = Mailer::from_config(&config)?;
    let realtime = super::realtime::Realtime::start(db.clone(), &config.database.url).await.map_err(StartError::Live)?;
    let leptos_options = LeptosOptions::builder()
        .output_name("parvis")
        .site_root(config.server.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.server.address)
        .build();
    let catalogue = crate::stages::server::catalogue::Catalogue::load(&db).await?;
    let state = AppState { leptos_options, db: db.clone(), config: Arc::new(config), mailer, realtime, catalogue, clock };
    crate::stages::server::catalogue::spawn_follower(state.clone());
    crate::stages::server::alerts::spawn(state.clone());
    crate::innovation::server::digest::spawn(state.clone());
    let config = &state.config;

    let sessions = SessionManagerLayer::new(DbSessionStore::new(db.clone()))
        .with_name(config.session.cookie_name.clone())
        .with_secure(config.is_https())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        // The `time` crate is here only because tower-sessions takes its Duration; dates are jiff's.
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(config.session.idle_hours)));
    let auth = AuthManagerLayerBuilder::new(Backend::new(db), sessions).build();

    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let router = Router::new()
        .route("/langue", post(set_language))
        .route("/healthz", get(|| async { "ok" }))
        .route("/stages/flux.atom", get(crate::stages::server::feed::atom))
        .route("/stages/cv", post(crate::stages::server::cv::upload))
        .route("/stages/cv/{owner}", get(crate::stages::server::cv::download))
        .route("/stages/evenements", get(crate::stages::server::live::events))
        .route("/stages/export.csv", get(crate::stages::server::dashboard::export))
        .route("/innovation/donnees.json", get(crate::innovation::server::exports::json))
        .route("/innovation/donnees.csv", get(crate::innovation::server::exports::csv))
        .route("/innovation/flux.atom", get(crate::innovation::server::exports::atom))
        .route("/innovation/fiches/{id}/commentaires.atom", get(crate::innovation::server::exports::comments_atom))
        .route("/innovation/discussions.atom", get(crate::innovation::server::exports::threads_atom))
        .route("/sitemap.xml", get(super::sitemap::sitemap))
        .route("/robots.txt", get(super::sitemap::robots))
        .route("/innovation/images", post(crate::innovation::server::images::upload))
        .route("/innovation/images/{name}", get(crate::innovation::server::images::serve))
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), app_shell)
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        // Inside the session layer: it keeps refused plain form posts in the session.
        .layer(middleware::from_fn_with_state(state.clone(), super::refused_forms::keep_refused_forms))
        .layer(auth)
        .layer(middleware::from_fn_with_state(state.clone(), refuse_cross_site))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), super::nul_bytes::refuse_nul_bytes))
        .layer(DefaultBodyLimit::max(config.limits.max_body_bytes))
        .layer(middleware::from_fn(super::bad_arguments::bad_arguments_are_client_errors))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state.clone());
    Ok((router, state))
}

/// The span of one request: a fresh id, the method and the path (never the query, which may
/// carry what people typed). Server functions open their own span inside it, with the account.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = format!("{:016x}", rand::random::<u64>());
    tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
}

/// Serves `router` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> Result<(), StartError> {
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown_signal()).await.map_err(StartError::Serve)
}

pub async fn serve_from_config_file(path: &str) -> Result<(), StartError> {
    let config = Config::load(path)?;
    let address = config.server.address;
    let (router, state) = build(config).await?;
    tasks::spawn(state.clone());
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| StartError::Bind(address, e))?;
    tracing::info!("Parvis listening on http://{address} (public address {}, {:?} database)", state.config.server.public_url, state.db.backend);
    serve(listener, router).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

#[derive(Deserialize)]
struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// The language switch: a plain form post, so it works without JavaScript.
async fn set_language(State(state): State<AppState>, caller: crate::accounts::server::Caller, headers: axum::http::HeaderMap, Form(form): Form<LanguageForm>) -> Response {
    let Some(locale) = Locale::parse(&form.lang) else {
        tracing::info!(lang = form.lang, "unknown language asked");
        let current = super::feeds::reader_locale(&headers);
        return (StatusCode::BAD_REQUEST, current.t("error-unknown-language")).into_response();
    };
    let next = super::redirect::resolve_or(&state.config.server.public_url, form.next.as_deref(), "/");
    if let Some(user) = caller.account() {
        if let Err(error) = crate::accounts::server::store::set_locale(&state.db, user.id, locale.code()).await {
            tracing::warn!(%error, "language preference not saved");
        }
    }
    let cookie = crate::accounts::server::preferences::language_cookie(locale, state.config.is_https());
    (StatusCode::SEE_OTHER, [(header::LOCATION, next), (header::SET_COOKIE, cookie)]).into_response()
}
