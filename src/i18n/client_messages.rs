//! The browser's messages: the page's language only, parsed once from the file the hydration
//! loader fetched beside the WASM (`app::hydration_loader`, `server::messages_file`). Compiling
//! both languages into the WASM put 159 KB of text into its main chunk, all of it parsed at
//! every start, for a page that shows one language and reloads to switch.

use super::Locale;
use fluent_templates::fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::cell::OnceCell;

thread_local! {
    /// Set once, before hydration; the WASM runs on one thread.
    static LOADED: OnceCell<(Locale, FluentBundle<FluentResource>)> = const { OnceCell::new() };
}

/// Parses `text` (the whole `locales/<code>/main.ftl` of `language`, as the server wrote it
/// into the site) before anything is rendered. A message the parser refuses is left out (it
/// shows as its key) and logged to the console; a second call changes nothing.
pub fn load_messages(language: &str, text: String) {
    let locale = Locale::parse(language).unwrap_or_default();
    let resource = FluentResource::try_new(text).unwrap_or_else(|(resource, errors)| {
        leptos::logging::error!("parvis: {} messages refused: {errors:?}", errors.len());
        resource
    });
    let mut bundle = FluentBundle::new(vec![locale.langid()]);
    // As on the server: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        leptos::logging::error!("parvis: messages defined twice: {errors:?}");
    }
    LOADED.with(|cell| {
        let _ = cell.set((locale, bundle));
    });
}

/// The language of the loaded messages (French before any are loaded).
pub fn loaded_locale() -> Locale {
    LOADED.with(|cell| cell.get().map(|(locale, _)| *locale).unwrap_or_default())
}

/// The message `key` with `args` (string values, as the server's lookup gives them); for a
/// key that was not loaded, the server's own text for an unknown key (fluent-templates'), so
/// hydration finds what the server rendered.
pub fn lookup(key: &str, args: &[(&'static str, String)]) -> String {
    let unknown = || format!("Unknown localization key: {key:?}");
    LOADED.with(|cell| {
        let Some((_, bundle)) = cell.get() else {
            return unknown();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
            return unknown();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(value.clone()));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(
            pattern,
            (!args.is_empty()).then_some(&fluent_args),
            &mut errors,
        );
        // The server drops a text that formatted with errors (a missing argument) and, having
        // no other language here to fall back on, says the key is unknown; so does this.
        if errors.is_empty() {
            text.into_owned()
        } else {
            unknown()
        }
    })
}
