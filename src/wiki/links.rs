//! Links between a space's pages, written `[[Page title]]` or `[[Page title|label]]`: before
//! the Markdown is rendered, each becomes an ordinary link to the wiki's list with the title
//! asked for (`/espaces/{space}/wiki?titre=…`), which opens the page of that title (or of
//! that former title: renamed pages keep theirs as aliases) and otherwise offers to create it.
//! So the HTML kept for a revision never goes stale when pages are created, renamed or
//! deleted. The server renders revisions and the editor's preview with it; the browser uses
//! the parsing (link targets, titles) but not the rendering. Code spans and fenced code blocks are left as written.

use super::types::{title_key, TITLE_MAX};

/// The address a link to `title` in space `space` leads to.
pub fn link_path(space: i64, title: &str) -> String {
    format!("/espaces/{space}/wiki?titre={}", encode(title))
}

/// `text` percent-encoded for a query value: every byte but ASCII letters, digits and
/// `-._~` as `%XX`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` with its `%XX` sequences decoded (the inverse of [`encode`]); `None` when they do
/// not make UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = text.get(at + 1..at + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The start of the `href` of every link [`render`] makes in space `space`.
fn href_start(space: i64) -> String {
    format!("href=\"/espaces/{space}/wiki?titre=")
}

/// The titles the wiki links of `html` (as [`render`] made it) ask for, each once.
pub fn linked_titles(html: &str, space: i64) -> Vec<String> {
    let start = href_start(space);
    let mut titles: Vec<String> = Vec::new();
    for piece in html.split(start.as_str()).skip(1) {
        let encoded = piece.split('"').next().unwrap_or_default();
        if let Some(title) = decode(encoded) {
            if !titles.contains(&title) {
                titles.push(title);
            }
        }
    }
    titles
}

/// `html` with the wiki link to each title of `found` that leads to a page pointing straight
/// at it, and those that lead nowhere marked as pages still to create (class
/// `wiki-missing`, and the list offers to create them).
pub fn point_links(html: &str, space: i64, found: &[(String, Option<i64>)]) -> String {
    let mut out = html.to_string();
    for (title, page) in found {
        let from = format!("{}{}\"", href_start(space), encode(title));
        let to = match page {
            Some(page) => format!("href=\"/espaces/{space}/wiki/{page}\""),
            None => format!("class=\"wiki-missing\" {from}"),
        };
        out = out.replace(&from, &to);
    }
    out
}

/// `html` (as [`render`] made it, sanitised) with each wiki link of space `space` turned into
/// its label alone (`<span class="wiki-link">`): for a reader outside the space (a share
/// link's page), to whom the space's pages do not open and its address says nothing.
pub fn unlink(html: &str, space: i64) -> String {
    let href = href_start(space);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&href) {
        let tag = rest[..at].rfind("<a ");
        let tag_end = rest[at..].find('>').map(|e| at + e + 1);
        let (Some(open), Some(tag_end)) = (tag, tag_end) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("</a>").map(|c| tag_end + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str("<span class=\"wiki-link\">");
        out.push_str(&rest[tag_end..close]);
        out.push_str("</span>");
        rest = &rest[close + "</a>".len()..];
    }
    out.push_str(rest);
    out
}

/// One `[[…]]` found in a line: its byte range, the title and the label shown.
struct Found {
    start: usize,
    end: usize,
    title: String,
    label: String,
}

/// The wiki links of `line` (outside code spans), in order.
fn in_line(line: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        if rest.starts_with('`') {
            // A code span: from a run of backticks to the next run of the same length.
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            let after = &rest[run..];
            let mut close = None;
            let mut from = 0;
            while let Some(found_at) = after[from..].find(fence) {
                let start = from + found_at;
                let longer = after[start + run..].starts_with('`')
                    || (start > 0 && after[..start].ends_with('`'));
                if !longer {
                    close = Some(start + run);
                    break;
                }
                from = start + after[start..].len() - after[start..].trim_start_matches('`').len();
            }
            at += run + close.unwrap_or(0);
            continue;
        }
        if rest.starts_with("[[") {
            if let Some(close) = rest[2..].find("]]") {
                let inner = &rest[2..2 + close];
                if !inner.contains(['[', ']']) {
                    let (title, label) = inner.split_once('|').unwrap_or((inner, ""));
                    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    let label = label.trim();
                    if !title.is_empty()
                        && title.chars().count() <= TITLE_MAX
                        && !title.contains('#')
                    {
                        found.push(Found {
                            start: at,
                            end: at + 2 + close + 2,
                            label: if label.is_empty() {
                                title.clone()
                            } else {
                                label.to_string()
                            },
                            title,
                        });
                        at += 2 + close + 2;
                        continue;
                    }
                }
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Whether `line` opens or closes a fenced code block (``` or ~~~, indented at most three
/// spaces).
fn is_fence(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
}

/// Every line of `markdown` outside fenced code blocks, with the links found in it.
fn each_link_line(markdown: &str) -> impl Iterator<Item = (&str, Vec<Found>)> {
    let mut fenced = false;
    markdown.split_inclusive('\n').map(move |line| {
        if is_fence(line) {
            fenced = !fenced;
            return (line, Vec::new());
        }
        if fenced {
            (line, Vec::new())
        } else {
            (line, in_line(line))
        }
    })
}

/// `markdown` with each wiki link written as a Markdown link to [`link_path`].
pub fn expand(markdown: &str, space: i64) -> String {
    let mut out = String::with_capacity(markdown.len() + 64);
    for (line, links) in each_link_line(markdown) {
        let mut at = 0;
        for link in links {
            out.push_str(&line[at..link.start]);
            out.push('[');
            out.push_str(&link.label);
            out.push_str("](");
            out.push_str(&link_path(space, &link.title));
            out.push(')');
            at = link.end;
        }
        out.push_str(&line[at..]);
    }
    out
}

/// `markdown`, a page of space `space`, rendered to safe HTML (`crate::markdown`), its wiki
/// links included and its headings given ids, with those headings (the table of contents).
#[cfg(feature = "ssr")]
pub fn render_page(markdown: &str, space: i64) -> (String, Vec<crate::markdown::Heading>) {
    crate::markdown::render_outlined(&expand(markdown, space))
}

/// [`render_page`]'s headings alone.
#[cfg(feature = "ssr")]
pub fn outline(markdown: &str, space: i64) -> Vec<crate::markdown::Heading> {
    crate::markdown::outline(&expand(markdown, space))
}

/// [`render_page`]'s HTML.
#[cfg(feature = "ssr")]
pub fn render(markdown: &str, space: i64) -> String {
    render_page(markdown, space).0
}

/// The title keys (`types::title_key`) `markdown` links to, each once, in order.
pub fn targets(markdown: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for (_, links) in each_link_line(markdown) {
        for link in links {
            let key = title_key(&link.title);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn wiki_links_become_links_to_the_title_asked_for() {
        assert_eq!(
            expand("Voir [[Plan  vélo]] et [[Stationnement|le parking]].", 7),
            "Voir [Plan vélo](/espaces/7/wiki?titre=Plan%20v%C3%A9lo) et [le parking](/espaces/7/wiki?titre=Stationnement)."
        );
        assert_eq!(
            targets("[[Plan vélo]] [[plan VÉLO]] [[Autre|x]]"),
            ["plan vélo", "autre"]
        );
    }

    #[test]
    fn code_and_malformed_links_stay_as_written() {
        for kept in [
            "`[[dans du code]]`",
            "``code avec ` et [[lien]]``",
            "```\n[[dans un bloc]]\n```\n",
            "[[]]",
            "[[a [b]]",
            "[[pas fermé",
            "[[titre#section]]",
        ] {
            assert_eq!(expand(kept, 1), kept, "{kept:?}");
            assert!(targets(kept).is_empty(), "{kept:?}");
        }
        assert_eq!(
            expand("```\ncode\n```\napres [[Page]]\n", 1),
            "```\ncode\n```\napres [Page](/espaces/1/wiki?titre=Page)\n"
        );
    }

    #[test]
    fn links_point_at_the_pages_found_and_mark_the_others() {
        let html = render("[[Plan vélo]], [[Absente|ici]] et [[plan vélo]]", 4);
        assert_eq!(
            linked_titles(&html, 4),
            ["Plan vélo", "Absente", "plan vélo"]
        );
        let pointed = point_links(
            &html,
            4,
            &[
                ("Plan vélo".into(), Some(12)),
                ("Absente".into(), None),
                ("plan vélo".into(), Some(12)),
            ],
        );
        assert_eq!(
            pointed.matches("href=\"/espaces/4/wiki/12\"").count(),
            2,
            "{pointed}"
        );
        assert!(
            pointed.contains("class=\"wiki-missing\" href=\"/espaces/4/wiki?titre=Absente\""),
            "{pointed}"
        );
        assert_eq!(decode(&encode("a/b?c&d é")).as_deref(), Some("a/b?c&d é"));
    }

    #[test]
    fn what_is_expanded_renders_safe() {
        let html = crate::markdown::render(&expand("[[x|<img src=x onerror=alert(1)>]]", 3));
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("/espaces/3/wiki?titre=x"), "{html}");
    }

    #[test]
    fn a_reader_outside_the_space_gets_the_labels_without_the_links() {
        let html = render("Voir [[Pistes|les *pistes*]] et [ailleurs](https://example.org).", 4);
        let plain = unlink(&html, 4);
        assert!(!plain.contains("/espaces/4/wiki"), "{plain}");
        assert!(plain.contains("<span class=\"wiki-link\">les <em>pistes</em></span>"), "{plain}");
        assert!(plain.contains("href=\"https://example.org\""), "other links stay: {plain}");
    }
}
