//! Data placed inside a `<script>` element (JSON-LD for search engines, any serialised state).
//!
//! Inside `<script>` the HTML parser does not read JSON: it looks for `</script` and, after
//! `<!--`, for `<script` too (the "script data escaped" states of the HTML standard), so a
//! title such as `Stage <!--<script> vert` would swallow the rest of the page. Every value
//! written into a script goes through [`script_json`], which leaves no `<`, `>` or `&` at all
//! (JSON's `\u003c`, `\u003e`, `\u0026` read back as the same characters) and escapes U+2028
//! and U+2029, which older JavaScript parsers take for line ends inside strings.

use leptos::prelude::*;
use serde::Serialize;

/// `value` as JSON that is safe anywhere inside a `<script>` element: the same data once
/// parsed, with no character that HTML's script states react to. Serialising cannot fail for
/// our values (maps with string keys); if it ever did, `null` is written.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            other => safe.push(other),
        }
    }
    safe
}

/// A schema.org block (`<script type="application/ld+json">`), written through [`script_json`].
#[component]
pub fn JsonLd(data: serde_json::Value) -> impl IntoView {
    view! { <script type="application/ld+json" inner_html=script_json(&data)></script> }
}

#[cfg(test)]
mod tests {
    use super::script_json;

    /// The shared list of hostile strings (script and comment breakouts among them).
    fn hostile() -> impl Iterator<Item = &'static str> {
        include_str!("../../tests/data/hostile-text.txt")
            .lines()
            .filter(|line| !line.starts_with("# "))
    }

    #[test]
    fn no_markup_character_survives_and_the_data_reads_back() {
        for text in hostile().chain(["</sCrIpT/>", "<!--<sCrIpT "]) {
            let value =
                serde_json::json!({ "title": format!("Stage {text} vert"), "nested": [text] });
            let json = script_json(&value);
            assert!(
                !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
                "{text:?} left markup in {json}"
            );
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&json).ok(),
                Some(value),
                "{text:?} does not read back"
            );
        }
    }
}
