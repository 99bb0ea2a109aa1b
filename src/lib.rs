//! Parvis: one Leptos application for the city's three collaborative platforms.
//!
//! Each domain folder (accounts, reference, stages, innovation, espaces) holds its shared
//! types, its server functions, its pages and, behind the `ssr` feature, its SQL.

#![recursion_limit = "256"]

pub mod accounts;
pub mod app;
#[cfg(feature = "ssr")]
pub mod app_server;
pub mod characters;
pub mod error;
pub mod espaces;
pub mod i18n;
pub mod innovation;
pub mod link_token;
pub mod markdown;
pub mod paging;
pub mod legal;
pub mod query_text;
pub mod reference;
#[cfg(feature = "ssr")]
pub mod seed;
pub mod stages;
pub mod stored_code;
pub mod wiki;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

/// Hydrates the page, with the messages of its `language` (its code) that the hydration
/// loader fetched (`app::hydration_loader`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(language: String, messages: String) {
    #[cfg(not(feature = "ssr"))]
    i18n::load_messages(&language, messages);
    #[cfg(feature = "ssr")]
    let _ = (language, messages);
    app::hydrate();
}
