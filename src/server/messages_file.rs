//! The messages the browser is given: each language's `locales/<code>/main.ftl`, written into
//! the built site by `parvis prepare-site` as `pkg/messages/<code>.<hash>.ftl` and fetched by
//! the hydration loader of a page in that language (`i18n::client_messages` parses it). The
//! hash (22 hex digits of the text's SHA-256) makes it one of the site's hashed files: served
//! as immutable, precompressed, kept across deploys for pages still open on an older build.

use crate::i18n::Locale;
use std::sync::OnceLock;

/// The folder under the site's `pkg/` that holds the files.
pub const DIR: &str = "messages";

/// The messages of `locale`, as compiled into the server.
pub fn text(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => include_str!("../../locales/fr/main.ftl"),
        Locale::En => include_str!("../../locales/en/main.ftl"),
    }
}

/// The file name of `locale`'s messages: `<code>.<hash>.ftl`.
pub fn file_name(locale: Locale) -> &'static str {
    static NAMES: OnceLock<[String; 2]> = OnceLock::new();
    let names = NAMES.get_or_init(|| Locale::ALL.map(name_of));
    match locale {
        Locale::Fr => &names[0],
        Locale::En => &names[1],
    }
}

fn name_of(locale: Locale) -> String {
    let digest = super::tokens::digest(text(locale));
    format!("{}.{}.ftl", locale.code(), &digest[..22])
}

/// The URL path of `locale`'s messages in a site whose package folder is `site_pkg_dir`.
pub fn url(site_pkg_dir: &str, locale: Locale) -> String {
    format!("/{site_pkg_dir}/{DIR}/{}", file_name(locale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::asset_names::is_hashed;

    #[test]
    fn names_are_hashed_per_language() {
        let (fr, en) = (file_name(Locale::Fr), file_name(Locale::En));
        assert!(fr.starts_with("fr.") && fr.ends_with(".ftl"), "{fr}");
        assert!(en.starts_with("en.") && en.ends_with(".ftl"), "{en}");
        assert_ne!(fr[3..], en[3..]);
        assert!(is_hashed(fr) && is_hashed(en), "{fr} {en}");
        assert_eq!(url("pkg", Locale::En), format!("/pkg/messages/{en}"));
    }
}
