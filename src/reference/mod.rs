//! Reference data: directions and their services, métiers by family, innovation fields.
//! Loaded at first start whatever the demo setting; edited by a site admin.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;
