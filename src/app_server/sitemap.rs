//! `/sitemap.xml` and `/robots.txt` of the whole site: the front pages of the platforms, then
//! what each domain lists (offers taking applications, published fiches) and keeps private.
//! Written by `server::sitemap`.

use crate::{
    accounts, innovation,
    server::{
        sitemap::{self, SitemapUrl, MAX_URLS},
        state::AppState,
    },
    stages,
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};

/// Pages every visitor may read, listed first.
const FRONT_PAGES: [&str; 6] = [
    "/",
    "/stages",
    "/innovation",
    "/innovation/regles",
    "/innovation/discussions",
    "/espaces",
];

/// GET /sitemap.xml.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let (offers, fiches) = match (
        stages::server::plug::sitemap(&state, MAX_URLS).await,
        innovation::server::plug::sitemap(&state, MAX_URLS).await,
    ) {
        (Ok(offers), Ok(fiches)) => (offers, fiches),
        (Err(error), _) | (_, Err(error)) => {
            tracing::error!(%error, "sitemap not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let front = FRONT_PAGES.iter().map(|path| SitemapUrl {
        loc: state.config.public_link(path),
        lastmod: None,
    });
    let urls: Vec<SitemapUrl> = front
        .chain(offers)
        .chain(fiches)
        .take(usize::try_from(MAX_URLS).unwrap_or(usize::MAX))
        .collect();
    sitemap::response(&urls)
}

/// GET /robots.txt.
pub async fn robots(State(state): State<AppState>) -> Response {
    let private: Vec<&str> = accounts::server::plug::PRIVATE_PATHS
        .iter()
        .chain(stages::server::plug::PRIVATE_PATHS)
        .copied()
        .collect();
    sitemap::robots(&state.config, &private)
}
