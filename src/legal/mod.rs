//! The pages every French public site publishes: the legal notice (`/mentions-legales`), the
//! privacy notice (`/confidentialite`), the cookie notice (`/cookies`) and the accessibility
//! statement (`/accessibilite`). What they name comes from `[legal]` and `[retention]` in
//! `Leptos.toml`; the cookies Parvis sets are one constant ([`types::COOKIES`]); what the
//! accessibility checks still find is one data file (`accessibility_remaining.json`).

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;
