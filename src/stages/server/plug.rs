//! What Stages plugs into the app (`crate::app_server` calls these): its state (the search
//! index of published offers), its plain HTTP routes, its periodic work, the private areas
//! robots stay out of and its sitemap entries. Demo offers and applications: `crate::seed`.

use super::{cv, dashboard, feed, live, offer_index::OfferIndex, store};
use crate::server::{db::Db, sitemap::SitemapUrl, state::AppState};
use axum::{
    routing::{get, post},
    Router,
};

/// The state Stages keeps in `AppState::domains`: the offer index, built from the database.
pub async fn state(db: &Db) -> Result<OfferIndex, sqlx::Error> {
    OfferIndex::load(db).await
}

/// Plain HTTP routes (pages and server functions are routed by Leptos): the offers' Atom
/// feed, CV upload and download, live events, the applications' CSV export.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/stages/flux.atom", get(feed::atom))
        .route("/stages/cv", post(cv::upload))
        .route("/stages/cv/{owner}", get(cv::download))
        .route("/stages/evenements", get(live::events))
        .route("/stages/export.csv", get(dashboard::export))
}

/// Per-process background work: `index` follows the offer changes of other processes and is
/// rebuilt periodically. (Alerts are a periodic round of the job worker: `super::jobs`.)
pub fn spawn(app: &AppState, index: OfferIndex) {
    crate::server::index_follower::follow(app, index);
}

/// Path prefixes robots.txt keeps crawlers out of: management, applications, CVs, exports.
pub const PRIVATE_PATHS: &[&str] = &[
    "/stages/gestion",
    "/stages/candidatures",
    "/stages/cv",
    "/stages/export.csv",
];

/// The sitemap's offer pages: every offer taking applications (published, deadline not
/// passed), newest first, at most `limit`, with its last change.
pub async fn sitemap(app: &AppState, limit: i64) -> Result<Vec<SitemapUrl>, sqlx::Error> {
    let offers = store::open_offer_times(&app.db, &app.clock.today_iso(), limit).await?;
    Ok(offers
        .into_iter()
        .map(|(id, at)| SitemapUrl {
            loc: app.config.public_link(&format!("/stages/offres/{id}")),
            lastmod: Some(at),
        })
        .collect())
}
