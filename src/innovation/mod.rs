//! Innovation, the reference site for urban innovation: fiches, their editorial review and
//! independence checks, the public catalogue. Types, server functions, pages and (ssr) SQL.

pub mod api;
pub mod browse;
pub mod community;
pub mod community_api;
pub mod members;
pub mod members_api;
pub mod pages;
pub mod threads;
pub mod threads_api;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;

pub use pages::InnovationHome;
