//! `/sitemap.xml` (the sitemaps.org protocol) and `/robots.txt`, which points to it: how they
//! are written. What they list (the platforms' front pages, every published fiche and every
//! offer taking applications; the private areas) comes from each domain through the
//! registration point (`crate::app_server::sitemap`).
//!
//! The sitemap is written with quick-xml's writer; every address passes
//! `crate::characters::strip` like feed text.

use super::config::Config;
use crate::{characters::strip, server::feeds::rfc3339};
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use quick_xml::{
    events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event},
    Writer,
};
use std::fmt::Write as _;

/// The sitemaps.org limit of addresses in one file.
pub const MAX_URLS: i64 = 50_000;

/// One `<url>`: an absolute address and, when known, its last change (Unix seconds).
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<i64>,
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    writer.write_event(Event::Text(BytesText::new(&strip(text))))?;
    writer.write_event(Event::End(BytesEnd::new(name)))
}

/// The sitemap document of `urls`. `lastmod` is written as a W3C date (YYYY-MM-DD).
pub fn document(urls: &[SitemapUrl]) -> std::io::Result<String> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.write_event(Event::Start(BytesStart::new("urlset").with_attributes([(
        "xmlns",
        "http://www.sitemaps.org/schemas/sitemap/0.9",
    )])))?;
    for url in urls {
        writer.write_event(Event::Start(BytesStart::new("url")))?;
        element(&mut writer, "loc", &url.loc)?;
        if let Some(at) = url.lastmod {
            element(
                &mut writer,
                "lastmod",
                rfc3339(at).get(..10).unwrap_or_default(),
            )?;
        }
        writer.write_event(Event::End(BytesEnd::new("url")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("urlset")))?;
    Ok(String::from_utf8_lossy(&writer.into_inner()).into_owned())
}

/// The `/sitemap.xml` answer listing `urls` (the caller keeps them to [`MAX_URLS`]); 500,
/// logged, if it cannot be written.
pub fn response(urls: &[SitemapUrl]) -> Response {
    match document(urls) {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            xml,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "sitemap not written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The `/robots.txt` answer: everything may be crawled but the server functions (`/api/`) and
/// the `private` path prefixes; the sitemap's absolute address comes from `server.public_url`,
/// never from the request's Host header.
pub fn robots(config: &Config, private: &[&str]) -> Response {
    let disallowed = std::iter::once("/api/")
        .chain(private.iter().copied())
        .fold(String::new(), |mut out, path| {
            let _ = writeln!(out, "Disallow: {path}");
            out
        });
    let body = format!(
        "User-agent: *\n{disallowed}\nSitemap: {}\n",
        config.public_link("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_escaped_and_cleaned() {
        let xml = super::document(&[super::SitemapUrl {
            loc: "http://x/a?b=1&c=\u{1}<2>".into(),
            lastmod: Some(1_795_884_000),
        }])
        .expect("written");
        assert!(
            xml.contains("<loc>http://x/a?b=1&amp;c=&lt;2&gt;</loc>"),
            "{xml}"
        );
        assert!(xml.contains("<lastmod>2026-11-28</lastmod>"), "{xml}");
    }
}
