//! Page numbers of paged lists, read from a URL (`?page=`): the one parser every list uses, so
//! no arithmetic on a page number can overflow, whatever the URL says; and the one way a
//! list's address is written from its criteria and page.

use serde::{Deserialize, Serialize};

/// A 1-based page number, always within `1..=PageNumber::MAX`.
///
/// Read with [`PageNumber::parse`]: a missing, empty, zero, negative or non-numeric value is
/// page 1; a number beyond `MAX` (however many digits) is `MAX`, an empty page past the end of
/// any list. `MAX × per_page` stays far inside `i64` and `usize` (on 32-bit WASM too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PageNumber(i64);

impl PageNumber {
    /// The last page any list serves (10,000 pages of 20: 200,000 rows).
    pub const MAX: i64 = 10_000;
    pub const FIRST: PageNumber = PageNumber(1);

    /// The page `raw` asks for, clamped to `1..=MAX` (see the type's documentation).
    pub fn parse(raw: Option<&str>) -> PageNumber {
        let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
            return PageNumber::FIRST;
        };
        match raw.parse::<i64>() {
            Ok(n) => PageNumber(n.clamp(1, Self::MAX)),
            // Too many digits for an i64: a huge page (or a huge negative one).
            Err(_)
                if raw
                    .trim_start_matches('+')
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
            {
                PageNumber(Self::MAX)
            }
            Err(_) => PageNumber::FIRST,
        }
    }

    /// The page as a number, `1..=MAX`.
    pub fn get(self) -> i64 {
        self.0
    }

    /// Rows before this page with `per_page` rows a page (`(page - 1) × per_page`).
    pub fn offset(self, per_page: i64) -> i64 {
        (self.0 - 1).saturating_mul(per_page.max(0))
    }
}

impl Default for PageNumber {
    fn default() -> Self {
        PageNumber::FIRST
    }
}

/// A list's criteria as URL parameters ("q=jardin&direction=DEVE"): each criterion that has a
/// value, in the order given, percent-encoded, then the page when past the first.
pub fn query_string(criteria: &[(&str, &Option<String>)], page: i64) -> String {
    let mut parts: Vec<String> = criteria
        .iter()
        .filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}={}", encode(v))))
        .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    parts.join("&")
}

/// The address of the list at `path` with `criteria` (see [`query_string`]) at `page`.
pub fn list_url(path: &str, criteria: &[(&str, &Option<String>)], page: i64) -> String {
    match query_string(criteria, page) {
        params if params.is_empty() => path.to_string(),
        params => format!("{path}?{params}"),
    }
}

/// Percent-encodes a URL parameter value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::PageNumber;

    #[test]
    fn every_value_gives_a_page_in_range() {
        let page = |raw: &str| PageNumber::parse(Some(raw)).get();
        assert_eq!(PageNumber::parse(None).get(), 1);
        for (raw, expected) in [
            ("", 1),
            ("3", 3),
            (" 7 ", 7),
            ("+2", 2),
            ("0", 1),
            ("-5", 1),
            ("abc", 1),
            ("2.5", 1),
            ("1e9", 1),
            ("9223372036854775807", PageNumber::MAX),
            ("1000000000000000000000000", PageNumber::MAX),
            ("-9223372036854775808", 1),
            ("-1000000000000000000000000", 1),
            ("10001", PageNumber::MAX),
        ] {
            assert_eq!(page(raw), expected, "{raw:?}");
        }
        assert_eq!(
            PageNumber::parse(Some("9223372036854775807")).offset(20),
            (PageNumber::MAX - 1) * 20
        );
        assert_eq!(PageNumber::FIRST.offset(20), 0);
    }
}
