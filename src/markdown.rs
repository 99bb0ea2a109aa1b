//! Markdown written by users (offers, innovation articles, wiki pages), rendered to HTML that
//! is safe to insert into a page: pulldown-cmark renders, then ammonia keeps only an allowed
//! list of tags, attributes and URL schemes. pulldown-cmark alone passes raw HTML and
//! `javascript:` links straight through, so nothing may skip the second step. Shared by both
//! sides: the server renders every text with it, and the wiki's editor its live preview, so
//! what an editor previews is what readers get.

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{html, Options, Parser};
use std::{collections::HashSet, sync::OnceLock};

fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .url_relative(UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer nofollow ugc"))
            .strip_comments(true);
        builder
    })
}

/// Renders `markdown` (CommonMark with tables, strikethrough and footnotes) to safe HTML.
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

pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    sanitizer().clean(&unsafe_html).to_string()
}

#[cfg(test)]
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
    fn unclosed_html_is_closed() {
        let html = render("<b>gras <i>et italique");
        assert_eq!(html.matches("<b>").count(), html.matches("</b>").count());
        assert_eq!(html.matches("<i>").count(), html.matches("</i>").count());
    }
}
