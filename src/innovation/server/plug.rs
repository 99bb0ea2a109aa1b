//! What Innovation plugs into the app (`crate::app_server` calls these): its plain HTTP
//! routes, its periodic work and its sitemap entries. Demo fiches: `crate::seed`.

use super::{exports, images, store};
use crate::server::{sitemap::SitemapUrl, state::AppState};
use axum::{
    routing::{get, post},
    Router,
};

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
