//! Files of the built site (`server.site_root`: what cargo-leptos wrote, plus the brotli and
//! gzip siblings `parvis prepare-site` added): the encoding negotiated from `Accept-Encoding`,
//! conditional and range requests answered by tower-http's `ServeDir`, and how long a browser
//! may keep each file.

use super::asset_names;
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// A hashed bundle file never changes under its name: a year, without revalidation.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Any other file (icons, the manifest, an unhashed bundle): kept, but revalidated each time
/// (answered 304 while its modification time stands).
pub const REVALIDATE: &str = "no-cache";

/// The file of `site_root` that the GET or HEAD `request` names, or `None` when there is none.
/// Directories are neither listed nor indexed.
async fn serve(site_root: &Path, request: Request) -> Option<Response> {
    let path = request.uri().path().to_string();
    let files = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let Ok(response) = files.oneshot(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        return None;
    }
    let mut response = response.into_response();
    let headers = response.headers_mut();
    let policy = if asset_names::is_hashed_bundle_path(&path) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    // Fluent's messages (`server::messages_file`) are text; the MIME table does not know `.ftl`.
    if path.ends_with(".ftl") {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    // The same address answers brotli, gzip or plain bytes depending on the request.
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Some(response)
}

/// Serves `request` from `site_root`, or hands it (whole: a page needs its extensions, the
/// session among them) to `otherwise` when no file answers it.
pub async fn serve_or<F, Fut>(site_root: &Path, request: Request, otherwise: F) -> Response
where
    F: FnOnce(Request) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return otherwise(request).await;
    }
    let (parts, body) = request.into_parts();
    let file_request = Request::from_parts(parts.clone(), Body::empty());
    match serve(site_root, file_request).await {
        Some(response) => response,
        None => otherwise(Request::from_parts(parts, body)).await,
    }
}
