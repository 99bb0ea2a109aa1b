//! Stages, the internship marketplace. Types, server functions, pages and (ssr) SQL.

pub mod api;
pub mod application;
pub mod application_api;
pub mod dashboard;
pub mod education;
pub mod follow_up;
pub mod follow_up_api;
pub mod pages;
pub mod profile;
pub mod profile_api;
pub mod saved_search;
pub mod saved_search_api;
pub mod search;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;

pub use pages::StagesHome;
