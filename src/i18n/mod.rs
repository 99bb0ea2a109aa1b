//! Translations: Fluent messages in `locales/<lang>/main.ftl`. The server has every
//! language's compiled in (mails go out in the reader's); the browser has only the page's, a
//! file the hydration loader fetches beside the WASM (`server::messages_file`,
//! `client_messages`).
//!
//! The language comes from one cookie, read on the server from the `Cookie` header. The page
//! names its language's messages file, and the browser takes its language from the file it
//! was given, so hydration sees the same text the server rendered. Without the cookie, French.

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod client_messages;
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub use client_messages::load_messages;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use unic_langid::{langid, LanguageIdentifier};

#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: they end up in mails and titles.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that holds the chosen language (it holds nothing secret; the server reads it).
pub const LANG_COOKIE: &str = "parvis_lang";

/// How long the language cookie lasts, in days (its `Max-Age`; the cookie notice shows it).
pub const LANG_COOKIE_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

crate::stored_code::stored_code!(Locale, "locale");

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The language named by a `Cookie` header.
    pub fn from_cookies(cookies: &str) -> Locale {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Locale::parse(value))
            .unwrap_or_default()
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::Fr => langid!("fr"),
            Locale::En => langid!("en"),
        }
    }

    /// The message `key` in this language (in the browser: in the page's language, the only
    /// one it has).
    pub fn t(self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The message `key` with named arguments.
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        use fluent_templates::{fluent_bundle::FluentValue, Loader};
        use std::{borrow::Cow, collections::HashMap};
        if args.is_empty() {
            return LOCALES.lookup(&self.langid(), key);
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.langid(), key, &args)
    }

    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        client_messages::lookup(key, args)
    }
}

/// Works out the page's language (see [`request_locale`]) once per render and puts it in context.
pub fn provide_locale() -> Locale {
    let locale = request_locale();
    provide_context(locale);
    locale
}

#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_cookies)
        })
        .unwrap_or_default()
}

/// In the browser, the language of the messages the page was given (`load_messages`), which
/// the server chose from the same cookie when it rendered the page.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn request_locale() -> Locale {
    client_messages::loaded_locale()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn request_locale() -> Locale {
    Locale::default()
}

/// The language of the page being rendered.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The message `key` in the page's language.
pub fn t(key: &str) -> String {
    use_locale().t(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_parsing_finds_the_language() {
        assert_eq!(Locale::from_cookies("a=1; parvis_lang=en; b=2"), Locale::En);
        assert_eq!(Locale::from_cookies("parvis_lang=xx"), Locale::Fr);
        assert_eq!(Locale::from_cookies(""), Locale::Fr);
    }

    fn keys(file: &str) -> std::collections::BTreeSet<String> {
        file.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
            .filter(|k| !k.is_empty())
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let fr = keys(include_str!("../../locales/fr/main.ftl"));
        let en = keys(include_str!("../../locales/en/main.ftl"));
        assert!(fr.len() > 50);
        assert_eq!(
            fr.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in English"
        );
        assert_eq!(
            en.difference(&fr).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in French"
        );
    }

    /// Every literal key the code asks for (`t("…")`, `label_key`, error keys) is translated.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let known = keys(include_str!("../../locales/fr/main.ftl"));
        let pattern = regex::Regex::new(r#"(?:\bt\(|t_with\(|, |Conflict\(|Err\(|=> |\()"((?:field|error|role|nav|mail|password|reference|admin|sign|account|forgot|reset|offer|offers|education|application|applications|apply|cv|spontaneous|dashboard|alerts|answer|file|direction|pool|profile|search|innovation|fiche|maturity|review|rules|comments|moderation|notifications|members|member|threads|thread|follow|follows|digest|translation|legal|privacy|cookies|accessibility|footer)-[a-z-]+)""#).expect("regex");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(
                    std::fs::read_dir(&path)
                        .expect("src readable")
                        .filter_map(Result::ok)
                        .map(|e| e.path()),
                );
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).expect("source readable");
                for capture in pattern.captures_iter(&text) {
                    if !known.contains(&capture[1]) {
                        missing.push(format!("{}: {}", path.display(), &capture[1]));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:?}");
    }

    #[test]
    fn arguments_are_substituted() {
        let text = Locale::En.t_with(
            "mail-reset-body",
            &[
                ("name", "Ada".into()),
                ("link", "http://x/y".into()),
                ("minutes", "60".into()),
            ],
        );
        assert!(
            text.contains("Ada") && text.contains("http://x/y"),
            "{text}"
        );
    }
}
