//! What the sharing data of a page is made of (`crate::ui::share::SharePage`): addresses made
//! absolute from `server.public_url`, Open Graph text cut from sanitised HTML, the default
//! image. Each domain fills its own pages' data from these: `stages::server::share` (offers,
//! schema.org `JobPosting`) and `innovation::server::share` (fiches, Article).

use super::{config::Config, markdown::plain_text};

/// The image shared for pages that have none of their own (1200 × 630, under `public/`).
pub const DEFAULT_IMAGE: &str = "/partage.png";

/// Longest og:description, in characters.
const DESCRIPTION_MAX: usize = 300;

/// `html`'s text (`markdown::plain_text`: no tags, entities decoded), spaces collapsed, cut at
/// `DESCRIPTION_MAX` characters.
pub fn excerpt(html: &str) -> String {
    let words = plain_text(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.chars().count() <= DESCRIPTION_MAX {
        words
    } else {
        format!(
            "{}…",
            words
                .chars()
                .take(DESCRIPTION_MAX - 1)
                .collect::<String>()
                .trim_end()
        )
    }
}

/// The `src` of the first image in sanitised `html`, made absolute.
pub fn first_image(config: &Config, html: &str) -> Option<String> {
    let tag = &html[html.find("<img ")?..];
    let tag = &tag[..tag.find('>')?];
    let src = &tag[tag.find("src=\"")? + 5..];
    let src = &src[..src.find('"')?];
    let src = src.replace("&amp;", "&");
    if src.starts_with('/') && !src.starts_with("//") {
        Some(config.public_link(&src))
    } else if src.starts_with("https://") || src.starts_with("http://") {
        Some(src)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_and_images() {
        assert_eq!(
            excerpt("<p>Jardins &amp; <em>mares</em></p>\n<p>ok</p>"),
            "Jardins & mares ok"
        );
        assert!(excerpt(&"mot ".repeat(200)).chars().count() <= DESCRIPTION_MAX);
        let config = Config::default();
        let site = config.public_link("");
        assert_eq!(
            first_image(
                &config,
                "<p><img src=\"/innovation/images/a.png\" alt=\"\"></p>"
            ),
            Some(format!("{site}/innovation/images/a.png"))
        );
        assert_eq!(first_image(&config, "<p>none</p>"), None);
        assert_eq!(
            first_image(&config, "<img src=\"//evil.example/x.png\">"),
            None
        );
    }
}
