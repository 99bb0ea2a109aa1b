//! The one registration point of the server side: builds the application from the shared
//! infrastructure (`crate::server`, which knows no domain) and what each domain plugs in — its
//! state (kept in `AppState::domains`), its plain HTTP routes, its periodic work, its start-up
//! work and its sitemap entries (`<domain>::server::plug`), the pages of every domain
//! (`crate::app`) and the demo data (`crate::seed`). Tests call [`build`] too, so they run the
//! same router as production.

pub mod cli;
mod sitemap;

use crate::{
    accounts,
    app::{shell, App},
    espaces, innovation, reference, wiki,
    server::{
        asset_names,
        clock::Clock,
        config::Config,
        db::Db,
        health,
        job_bell::JobBell,
        jobs::{self, Registry},
        mail::Mailer,
        metrics,
        realtime::Realtime,
        router::{self, StartError},
        sessions,
        shutdown::Shutdown,
        state::{AppState, Domains},
        static_files,
        storage::{self, Storage},
        text, text_rebuild,
    },
    stages,
};
use axum::{
    extract::{Request, State},
    response::Response,
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::{future::Future, path::PathBuf, pin::Pin, sync::Arc};

/// Connects and migrates the database, brings stored search terms to the current text
/// normalisation, loads reference (and, if asked, demo) data, registers each domain's state,
/// starts each domain's periodic work, and returns the router with its state.
pub async fn build(config: Config) -> Result<(Router, AppState), StartError> {
    let clock = Clock::new(config.city_zone()?);
    let db = Db::connect(&config.database.url, config.database.max_connections).await?;
    rebuild_text_if_stale(&db)
        .await
        .map_err(StartError::TextRebuild)?;
    reference::server::seed::ensure(&db).await?;
    let storage = Storage::from_config(&config.storage, &config.server.data_dir)?;
    if config.demo.enabled {
        crate::seed::load(&db, &storage, &clock).await?;
    }
    let mailer = Mailer::from_config(&config)?;
    let realtime = Realtime::start(db.clone(), &config.database.url)
        .await
        .map_err(StartError::Live)?;
    let leptos_options = LeptosOptions::builder()
        .output_name("parvis")
        .site_root(config.server.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.server.address)
        .hash_files(asset_names::hash_file_beside_binary())
        .build();

    // Each domain's own state.
    let offer_index = stages::server::plug::state(&db).await?;
    let fiche_index = innovation::server::plug::state(&db).await?;
    let wiki_rooms = wiki::server::plug::state();
    // The job handlers and rounds of every domain travel the same way as a domain's state.
    let domains = Domains::default()
        .with(offer_index.clone())
        .with(fiche_index.clone())
        .with(wiki_rooms.clone())
        .with(registry(&config));
    let state = AppState {
        leptos_options,
        db: db.clone(),
        config: Arc::new(config),
        mailer,
        storage,
        realtime,
        clock,
        jobs: JobBell::new(),
        shutdown: Shutdown::new(),
        domains,
    };

    // Per-process work (the search indexes follow the other processes), then the job worker,
    // which runs every domain's jobs and periodic rounds once across all processes.
    stages::server::plug::spawn(&state, offer_index);
    innovation::server::plug::spawn(&state, fiche_index);
    wiki::server::plug::spawn(&state, &wiki_rooms);
    jobs::worker::spawn(state.clone());

    // Each domain's routes, then every page of the app.
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    metrics::install();
    let routes = Router::new()
        .merge(health::routes())
        .route("/sitemap.xml", get(sitemap::sitemap))
        .route("/robots.txt", get(sitemap::robots))
        .merge(accounts::server::plug::routes())
        .merge(stages::server::plug::routes())
        .merge(innovation::server::plug::routes())
        .merge(espaces::server::plug::routes(&state.config.espaces))
        .merge(wiki::server::plug::routes())
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), app_shell)
        .fallback(files_or_not_found(
            state.config.server.site_root.clone(),
            context,
        ));
    let sign_in = accounts::server::plug::auth_layer(
        db.clone(),
        state.clock.clone(),
        sessions::layer(&state.config, db),
    );
    Ok((router::with_layers(routes, state.clone(), sign_in), state))
}

/// What no route answers: a file of the built site (`server::static_files`: precompressed,
/// cached by name), else the app's 404 page.
fn files_or_not_found(
    site_root: PathBuf,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> impl Fn(State<AppState>, Request) -> Pin<Box<dyn Future<Output = Response> + Send>>
       + Clone
       + Send
       + 'static {
    let not_found = file_and_error_handler_with_context::<AppState, _>(context, shell);
    move |State(state): State<AppState>, request: Request| {
        let not_found = not_found.clone();
        let site_root = site_root.clone();
        Box::pin(async move {
            static_files::serve_or(&site_root, request, |request| {
                not_found(request.uri().clone(), State(state), request)
            })
            .await
        }) as Pin<Box<dyn Future<Output = Response> + Send>>
    }
}

/// Every job kind and periodic round: the infrastructure's housekeeping, then each domain's.
fn registry(config: &Config) -> Registry {
    let mut registry = Registry::default();
    registry.round(jobs::housekeeping::round());
    registry.round(storage::sweep::round());
    accounts::server::jobs::register(&mut registry);
    stages::server::jobs::register(&mut registry, config);
    innovation::server::jobs::register(&mut registry, config);
    espaces::server::jobs::register(&mut registry, config);
    wiki::server::plug::register(&mut registry);
    registry
}

/// Builds the app from `config` and serves it until stopped (SIGTERM or Ctrl-C: a graceful
/// shutdown, `server::shutdown`), with the metrics endpoint on its own listener if configured.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let address = config.server.address;
    let metrics_address = config.metrics_address()?;
    let (app, state) = build(config).await?;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| StartError::Bind(address, e))?;
    if let Some(metrics_address) = metrics_address {
        let metrics_listener = tokio::net::TcpListener::bind(metrics_address)
            .await
            .map_err(|e| StartError::Bind(metrics_address, e))?;
        tracing::info!("metrics on http://{metrics_address}/metrics");
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(error) = metrics::serve(metrics_listener, state).await {
                tracing::error!(%error, "metrics listener stopped");
            }
        });
    }
    tracing::info!(
        "Parvis listening on http://{address} (public address {}, {:?} database)",
        state.config.server.public_url,
        state.db.backend
    );
    router::serve(
        listener,
        app,
        state.shutdown.clone(),
        state.config.shutdown.clone(),
    )
    .await
}

/// Stored search terms and folded keys follow the text normalisation (`server::text_rebuild`):
/// when they were made by another version, each domain recomputes its own, then the version is
/// recorded. Idempotent: two processes starting together both write the same values.
async fn rebuild_text_if_stale(db: &Db) -> Result<(), sqlx::Error> {
    let Some(from) = text_rebuild::stale_version(db).await? else {
        return Ok(());
    };
    let offers = stages::server::store::index_all(db).await?;
    let fiches = innovation::server::store::index_catalogue(db).await?;
    let threads = innovation::server::threads::index_all(db).await?;
    let forum_posts = espaces::server::forum::index_all(db).await?;
    let accounts = accounts::server::store::index_names(db).await?;
    let follow_targets = innovation::server::notify::index_targets(db).await?;
    text_rebuild::mark_current(db).await?;
    tracing::info!(
        from,
        to = text::NORMALISATION_VERSION,
        offers,
        fiches,
        threads,
        forum_posts,
        accounts,
        follow_targets,
        "search terms rebuilt for the text normalisation"
    );
    Ok(())
}
