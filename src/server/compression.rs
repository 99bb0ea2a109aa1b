//! On-the-fly compression of dynamic answers (pages, server-function JSON, feeds): brotli or
//! gzip, as the request's `Accept-Encoding` prefers, with `Vary: Accept-Encoding`.
//!
//! Left alone: answers already encoded (the site's precompressed files), ranges, images and
//! ZIP archives (already compressed formats), small answers, stored files (any answer with a
//! `Content-Disposition`: streamed with their length, `server::storage::download`), and
//! server-sent events — a compressor holds bytes back until it has enough to work on, which
//! would delay each live event.

use axum::http::{header, Extensions, HeaderMap, StatusCode, Version};
use tower_http::compression::{
    predicate::{And, NotForContentType, Predicate, SizeAbove},
    CompressionLayer, CompressionLevel,
};

/// What is compressed: large enough, and none of gRPC, images, event streams, ZIP archives
/// or stored files.
pub type Policy = And<
    And<
        And<And<And<SizeAbove, NotForContentType>, NotForContentType>, NotForContentType>,
        NotForContentType,
    >,
    fn(StatusCode, Version, &HeaderMap, &Extensions) -> bool,
>;

/// False for a stored file served as one (`Content-Disposition`).
fn not_a_stored_file(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    !headers.contains_key(header::CONTENT_DISPOSITION)
}

/// Below this many bytes (when the size is known) an answer goes out as it is: the headers
/// and the compressor's framing would eat most of the gain.
pub const MIN_BYTES: u16 = 1024;

/// The layer, for `server::router::with_layers`.
pub fn layer() -> CompressionLayer<Policy> {
    let predicate = SizeAbove::new(MIN_BYTES)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::const_new("application/zip"))
        .and(not_a_stored_file as fn(StatusCode, Version, &HeaderMap, &Extensions) -> bool);
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        // Level 4 for both: brotli's default (11, which `Default` gives here) costs tens of
        // milliseconds per page (tower-rs/tower-http#356); 4 is quick and still smaller than
        // gzip's usual 6. Files of the site are compressed at their best once, at build time.
        .quality(CompressionLevel::Precise(4))
        .compress_when(predicate)
}
