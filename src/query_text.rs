//! The one bound on free text typed into a search (offers, fiche catalogue with its city,
//! country and tag, discussions, member directory, saved searches, the accounts admin
//! search): at most [`MAX_QUERY_CHARS`] characters and [`MAX_QUERY_WORDS`] words.
//!
//! Longer text is trimmed silently rather than refused: a search lives in a URL (shared
//! links, feeds, saved searches, the back button), and refusing would turn such a link into
//! a dead end, while no real search needs more than a dozen words. The pages and the feeds
//! show the query as searched, so the trim is visible where the words are. The server
//! applies the same bound again where words become search terms (`server::text`), so a query
//! that reaches a server function without passing through a URL parser is bounded too, and
//! the SQL of a word search grows with the words only up to this bound
//! (`server::sql::Sql::push_terms_match`; the member directory matches words in Rust).

/// Longest search text kept, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Most words (and search terms) a search keeps; the rest of the text is dropped.
pub const MAX_QUERY_WORDS: usize = 16;

/// `text` trimmed of surrounding space, cut to its first [`MAX_QUERY_WORDS`]
/// whitespace-separated words and [`MAX_QUERY_CHARS`] characters (never inside a
/// character), without the characters no text may hold (`crate::characters`: a search is
/// echoed into pages and feeds). Reads at most that much of `text`, however long it is.
pub fn bounded(text: &str) -> String {
    let text = text.trim_start();
    let end = text
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(text.len(), |(at, _)| at);
    let mut kept = String::new();
    let words = text[..end]
        .split_whitespace()
        .map(crate::characters::strip)
        .filter(|word| !word.is_empty());
    for word in words.take(MAX_QUERY_WORDS) {
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(&word);
    }
    kept
}

/// [`bounded`] for an optional parameter; empty text is no parameter.
pub fn bounded_param(value: Option<String>) -> Option<String> {
    value.map(|v| bounded(&v)).filter(|v| !v.is_empty())
}

/// Longest filter value kept (a code, an id, a number, a month), in characters.
pub const MAX_CODE_CHARS: usize = 64;

/// A filter value of a search (a direction code, an id, a number, a month…): trimmed, and no
/// value when it is empty or longer than [`MAX_CODE_CHARS`] — no code of ours is that long,
/// and a saved search or a feed link must never carry kilobytes of garbage (PostgreSQL refuses
/// an index entry past about 2.7 KB: the fuzz test found a saved search answering 500).
pub fn bounded_code(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.chars().count() <= MAX_CODE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_words_and_characters() {
        assert_eq!(bounded("  jardin   partagé  "), "jardin partagé");
        let many: String = (0..996).map(|n| format!("w{n} ")).collect();
        assert_eq!(bounded(&many).split(' ').count(), MAX_QUERY_WORDS);
        let huge = "é".repeat(130_000);
        assert_eq!(bounded(&huge).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(bounded_param(Some("   ".into())), None);
        assert_eq!(
            bounded("sta\u{1}ge \u{0} vert\u{85}"),
            "stage vert",
            "characters XML forbids never echo"
        );
        assert_eq!(bounded_code(Some(" DEVE ".into())), Some("DEVE".into()));
        assert_eq!(bounded_code(Some("!".repeat(MAX_CODE_CHARS + 1))), None);
    }
}
