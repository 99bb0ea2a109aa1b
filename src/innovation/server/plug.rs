//! What Innovation plugs into the app (`crate::app_server` calls these): its state (the
//! catalogue's search index), its plain HTTP routes, its periodic work and its sitemap
//! entries. Demo fiches: `crate::seed`.

use super::{exports, fiche_index::FicheIndex, images, store};
use crate::server::{db::Db, sitemap::SitemapUrl, state::AppState};
use axum::{
    routing::{get, post},
    Router,
};

/// The state Innovation keeps in `AppState::domains`: the published catalogue's index, built
/// from the database.
pub async fn state(db: &Db) -> Result<FicheIndex, sqlx::Error> {
    FicheIndex::load(db).await
}

/// Per-process background work: `index` follows the fiches other processes publish and is
/// rebuilt periodically. (Digests and image widths are rounds of the job worker: `super::jobs`.)
pub fn spawn(app: &AppState, index: FicheIndex) {
    crate::server::index_follower::follow(app, index);
}

/// Plain HTTP routes (pages and server functions are routed by Leptos): open data, Atom feeds
/// of fiches, comments and discussions, image upload and download.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/innovation/donnees.json", get(exports::json))
        .route("/innovation/donnees.csv", get(exports::csv))
        .route("/innovation/flux.atom", get(exports::atom))
        .route(
            "/innovation/fiches/{id}/commentaires.atom",
            get(exports::comments_atom),
        )
        .route("/innovation/discussions.atom", get(exports::threads_atom))
        .route("/innovation/images", post(images::upload))
        .route("/innovation/images/{name}", get(images::serve))
}

/// The sitemap's fiche pages: every published fiche, at most `limit`, with its publication.
pub async fn sitemap(app: &AppState, limit: i64) -> Result<Vec<SitemapUrl>, sqlx::Error> {
    let fiches = store::published_all(&app.db, None, limit).await?;
    Ok(fiches
        .iter()
        .map(|f| SitemapUrl {
            loc: app
                .config
                .public_link(&format!("/innovation/fiches/{}", f.id)),
            lastmod: Some(f.published_at),
        })
        .collect())
}
