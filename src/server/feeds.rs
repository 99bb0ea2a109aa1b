//! Atom feeds (RFC 4287), written by `atom_syndication`, and the machine date format shared
//! by feeds, the sitemap, exports and structured data.
//!
//! Every text placed in a feed (titles, names, summaries, links, even a search echoed from the
//! query string) first loses the characters XML forbids (`crate::characters::strip`): the
//! library escapes markup, but a control character would still make the document ill-formed.

use crate::{characters::strip, i18n::Locale};
use atom_syndication::{FixedDateTime, Link, Person, Text};
use axum::{
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

/// `seconds` since the Unix epoch as RFC 3339 in UTC ("2026-11-30T05:20:00Z"): the one machine
/// date format (Atom, sitemap, open data, JSON-LD). Out-of-range values give the epoch.
pub fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The same instant as the feed library's date type (chrono), converted here only.
fn atom_date(seconds: i64) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&rfc3339(seconds)).unwrap_or_default()
}

/// The language a feed is written in: the reader's chosen language (its cookie), French
/// otherwise, like the pages.
pub fn reader_locale(headers: &HeaderMap) -> Locale {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookies)
        .unwrap_or_default()
}

/// One Atom entry; `updated` in Unix seconds.
pub struct Entry {
    pub title: String,
    pub link: String,
    pub updated: i64,
    pub author: String,
    pub summary: String,
}

/// What a feed says about itself: `feed` is its own absolute address (also its id), `page` the
/// page it follows, `language` an xml:lang code.
pub struct FeedHead<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub feed: &'a str,
    pub page: &'a str,
}

fn text(value: &str) -> Text {
    Text::plain(strip(value).into_owned())
}

fn link(href: &str, rel: &str) -> Link {
    Link {
        href: strip(href).into_owned(),
        rel: rel.to_string(),
        ..Default::default()
    }
}

/// The whole Atom document, with its XML declaration. Its `updated` is the newest entry's.
pub fn atom(head: &FeedHead, entries: &[Entry]) -> Result<String, atom_syndication::Error> {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(0);
    let feed = atom_syndication::Feed {
        title: text(head.title),
        id: strip(head.feed).into_owned(),
        updated: atom_date(updated),
        links: vec![link(head.feed, "self"), link(head.page, "alternate")],
        lang: Some(strip(head.language).into_owned()),
        entries: entries
            .iter()
            .map(|entry| atom_syndication::Entry {
                title: text(&entry.title),
                id: strip(&entry.link).into_owned(),
                updated: atom_date(entry.updated),
                authors: vec![Person {
                    name: strip(&entry.author).into_owned(),
                    ..Default::default()
                }],
                links: vec![link(&entry.link, "alternate")],
                summary: Some(text(&entry.summary)),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let bytes = feed.write_with_config(
        Vec::new(),
        atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(1),
        },
    )?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The HTTP answer carrying a feed (500, logged, if it could not be written).
pub fn atom_response(head: &FeedHead, entries: &[Entry]) -> Response {
    match atom(head, entries) {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            xml,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, feed = head.feed, "feed not written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hostile_text() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_884_000), "2026-11-28T16:40:00Z");
        let head = FeedHead {
            title: "T & co <b> sta\u{1}ge ]]>",
            language: "fr",
            feed: "http://x/f?a=1&b=2",
            page: "http://x/",
        };
        let entry = Entry {
            title: "\u{1D}Jardins</title>".into(),
            link: "http://x/o/1".into(),
            updated: 1_795_884_000,
            author: "A\u{0}".into(),
            summary: "é 🌱 שלום".into(),
        };
        let xml = atom(&head, &[entry]).expect("written");
        assert!(
            xml.contains("<title>T &amp; co &lt;b&gt; stage ]]&gt;</title>"),
            "{xml}"
        );
        assert!(
            xml.contains("<updated>2026-11-28T16:40:00+00:00</updated>"),
            "{xml}"
        );
        assert!(!xml.contains(['\u{0}', '\u{1}', '\u{1D}']));
    }
}
