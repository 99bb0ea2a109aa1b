//! Accounts, sessions and roles.

pub mod admin_api;
pub mod api;
pub mod erasure_api;
pub mod data_export;
pub mod data_export_api;
pub mod jobs_api;
pub mod pages;
pub mod preferences_api;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;
