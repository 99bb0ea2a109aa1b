//! Pieces shared by the Atom feeds and the sitemap: XML escaping and feed dates.

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// `seconds` since the Unix epoch as an RFC 3339 instant in UTC ("2026-11-30T03:37:00Z"), the
/// machine form of feeds, JSON-LD, exports and `<time datetime>`.
pub fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds).map(|t| t.to_string()).unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// One Atom entry.
pub struct Entry {
    pub title: String,
    pub link: String,
    pub updated: i64,
    pub author: String,
    pub summary: String,
}

/// A whole Atom document: `feed` is its own address, `page` the page it follows.
pub fn atom(title: &str, language: &str, feed: &str, page: &str, entries: &[Entry]) -> String {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(0);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{language}\">\n<title>{}</title>\n<id>{}</id>\n\
         <link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}\"/>\n<updated>{}</updated>\n",
        escape(title),
        escape(feed),
        escape(feed),
        escape(page),
        rfc3339(updated)
    );
    for entry in entries {
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            escape(&entry.title),
            escape(&entry.link),
            escape(&entry.link),
            rfc3339(entry.updated),
            escape(&entry.author),
            escape(&entry.summary)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_dates() {
        assert_eq!(super::escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        let xml = super::atom("T & co", "fr", "http://x/f", "http://x/", &[]);
        assert!(xml.contains("<title>T &amp; co</title>"));
    }
}
