use super::{clock::Clock, config::Config, db::Db, jobs::Jobs, mail::Mailer, realtime::Realtime};
use crate::stages::server::catalogue::Catalogue;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// What every request handler and server function can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    pub realtime: Realtime,
    /// The search index of published offers.
    pub catalogue: Catalogue,
    /// Now, and the city's calendar: what every date rule reads.
    pub clock: Clock,
    /// This process's background worker: job handlers, periodic rounds, its wake-up bell.
    pub jobs: Jobs,
}
