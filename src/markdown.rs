//! Markdown written by users (offers, innovation articles, wiki pages), rendered to HTML that
//! is safe to insert into a page: pulldown-cmark renders, then ammonia keeps only an allowed
//! list of tags, attributes and URL schemes. pulldown-cmark alone passes raw HTML and
//! `javascript:` links straight through, so nothing may skip the second step.
//!
//! The rendering is the server's alone (the wiki editor's live preview asks the server for
//! it, `wiki/preview`): compiled into the browser's WASM, these two crates' tables (HTML
//! entities, SVG and MathML names, the URL parser's Unicode data) went into the main chunk
//! that every first visit downloads, since splitting the WASM moves code but not data.
//! The types of a rendered text ([`Heading`]) and [`plain_text`] are shared.

#[cfg(feature = "ssr")]
use ammonia::{Builder, UrlRelative};
#[cfg(feature = "ssr")]
use pulldown_cmark::{html, Options, Parser};
#[cfg(feature = "ssr")]
use std::{collections::HashSet, sync::OnceLock};

/// The allowed tags, attributes and URL schemes.
#[cfg(feature = "ssr")]
fn allowed() -> Builder<'static> {
    let mut builder = Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow ugc"))
        .strip_comments(true);
    builder
}

#[cfg(feature = "ssr")]
fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(allowed)
}

/// The text of rendered HTML without its tags (for feed summaries, which are plain text).
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

#[cfg(feature = "ssr")]
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES);

/// Renders `markdown` (CommonMark with tables, strikethrough and footnotes) to safe HTML.
#[cfg(feature = "ssr")]
pub fn render(markdown: &str) -> String {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, OPTIONS));
    sanitizer().clean(&unsafe_html).to_string()
}

/// What heading ids start with, so that no heading takes an id the page itself uses.
pub const ANCHOR_PREFIX: &str = "section-";

/// One heading of a text, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    pub text: String,
    /// The id of its element in [`render_outlined`]'s HTML (with [`ANCHOR_PREFIX`]).
    pub anchor: String,
}

/// [`render`], each heading given an id made from its text (lower case letters and digits
/// joined by `-`; `-2`, `-3`… for a repeated one), with the list of headings: a long page's
/// table of contents (the wiki's).
#[cfg(feature = "ssr")]
pub fn render_outlined(markdown: &str) -> (String, Vec<Heading>) {
    let (events, headings) = outlined_events(markdown);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    (
        outlined_sanitizer().clean(&unsafe_html).to_string(),
        headings,
    )
}

/// The headings [`render_outlined`] lists, without rendering (cheaper: no HTML, no sanitiser).
#[cfg(feature = "ssr")]
pub fn outline(markdown: &str) -> Vec<Heading> {
    outlined_events(markdown).1
}

/// `markdown`'s events, each heading given its id, and the headings.
#[cfg(feature = "ssr")]
fn outlined_events(markdown: &str) -> (Vec<pulldown_cmark::Event<'_>>, Vec<Heading>) {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for event in Parser::new_ext(markdown, OPTIONS) {
        match &event {
            Event::Start(Tag::Heading { .. }) => open = Some((events.len(), String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = open.as_mut() {
                    heading.push_str(text);
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, text)) = open.take() {
                    // Prefixed here: the sanitiser prefixes the ids it finds unless they
                    // already start with the prefix ("Section 2" is `section-section-2`).
                    let base = format!("{ANCHOR_PREFIX}{}", slug(&text));
                    let mut anchor = base.clone();
                    let mut n = 1;
                    while used.contains(&anchor) {
                        n += 1;
                        anchor = format!("{base}-{n}");
                    }
                    used.push(anchor.clone());
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[at] {
                        *id = Some(anchor.clone().into());
                    }
                    headings.push(Heading {
                        level: *level as u8,
                        text: text.trim().to_string(),
                        anchor,
                    });
                }
            }
            _ => {}
        }
        events.push(event);
    }
    (events, headings)
}

/// A heading's text as an id: lower-case letters and digits, other runs as one `-`.
#[cfg(feature = "ssr")]
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "titre".into()
    } else {
        out
    }
}

/// [`sanitizer`] that keeps the ids of headings, prefixed with [`ANCHOR_PREFIX`].
#[cfg(feature = "ssr")]
fn outlined_sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = allowed();
        for tag in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            builder.add_tag_attributes(tag, ["id"]);
        }
        builder.id_prefix(Some(ANCHOR_PREFIX));
        builder
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::render;

    /// Known ways to smuggle script into Markdown or HTML.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle/></svg>",
        "<body onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">clic</a>",
        "<a href=\"&#106;avascript:alert(1)\">clic</a>",
        "<a href=\"  javascript:alert(1)\">clic</a>",
        "[clic](javascript:alert(1))",
        "[clic](JAVASCRIPT:alert(1))",
        "[clic](vbscript:msgbox(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](x\" onerror=\"alert(1))",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p onclick=\"alert(1)\">x</p>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<base href=\"https://evil.example/\">",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<b><i>unclosed <a href=\"https://ok.example\">and broken",
        "<!-- <script>alert(1)</script> -->",
        "[a]: javascript:alert(1)\n\n[clic][a]",
        "<template><script>alert(1)</script></template>",
    ];

    #[test]
    fn known_payloads_render_harmless() {
        // Text may mention "onerror" or "javascript:"; markup may not carry them.
        let tag = regex::Regex::new(r"<\s*/?\s*(script|iframe|object|embed|style|form|meta|link|base|svg|math|input|template|noscript)\b").expect("regex");
        let handler = regex::Regex::new(r"<[^>]*\son[a-z]+\s*=").expect("regex");
        let style = regex::Regex::new(r"<[^>]*\sstyle\s*=").expect("regex");
        let url = regex::Regex::new(
            r#"(?:href|src|action|data)\s*=\s*["']?\s*(?:javascript|vbscript|data):"#,
        )
        .expect("regex");
        for payload in PAYLOADS {
            let html = render(payload).to_lowercase();
            for (what, pattern) in [
                ("tag", &tag),
                ("event handler", &handler),
                ("style attribute", &style),
                ("script URL", &url),
            ] {
                assert!(
                    !pattern.is_match(&html),
                    "{payload:?} rendered {html:?}: {what}"
                );
            }
            assert!(
                !html.contains("<!--"),
                "{payload:?} kept a comment: {html:?}"
            );
        }
    }

    #[test]
    fn ordinary_markdown_keeps_its_structure() {
        let html = render("# Titre\n\nUn *texte* avec [un lien](https://www.paris.fr) et ~~rien~~.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![vélo](/images/velo.png)\n");
        assert!(html.contains("<h1>Titre</h1>"), "{html}");
        assert!(html.contains("<em>texte</em>"));
        assert!(
            html.contains("href=\"https://www.paris.fr\"")
                && html.contains("rel=\"noopener noreferrer nofollow ugc\"")
        );
        assert!(html.contains("<del>rien</del>"));
        assert!(html.contains("<table>") && html.contains("<td>2</td>"));
        assert!(
            html.contains("<img src=\"/images/velo.png\" alt=\"vélo\">"),
            "{html}"
        );
    }

    #[test]
    fn headings_get_ids_for_a_table_of_contents() {
        let (html, headings) = super::render_outlined(
            "# Plan vélo\n\n## Pistes\n\ntexte\n\n## Pistes\n\n### Section 2\n\n<h2 id=\"x\" onclick=\"alert(1)\">brut</h2>\n",
        );
        let anchors: Vec<&str> = headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            [
                "section-plan-vélo",
                "section-pistes",
                "section-pistes-2",
                "section-section-2"
            ]
        );
        assert!(html.contains("<h3 id=\"section-section-2\">"), "{html}");
        assert_eq!(
            (headings[1].level, headings[1].text.as_str()),
            (2, "Pistes")
        );
        assert!(
            html.contains("<h1 id=\"section-plan-vélo\">Plan vélo</h1>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"section-pistes-2\">"), "{html}");
        assert!(
            html.contains("id=\"section-x\"") && !html.contains("onclick"),
            "{html}"
        );
    }

    #[test]
    fn unclosed_html_is_closed() {
        let html = render("<b>gras <i>et italique");
        assert_eq!(html.matches("<b>").count(), html.matches("</b>").count());
        assert_eq!(html.matches("<i>").count(), html.matches("</i>").count());
    }
}
