//! Server-only infrastructure: configuration, database, sessions, security, mail, start-up.

pub mod bad_arguments;
pub mod cli;
pub mod config;
pub mod context;
pub mod db;
pub mod demo;
pub mod feeds;
pub mod mail;
pub mod markdown;
pub mod nul_bytes;
pub mod realtime;
pub mod redirect;
pub mod router;
pub mod security;
pub mod sessions;
pub mod state;
pub mod tasks;
pub mod text;

pub use context::{app_state, client_address, redirect_plain_form, respond};
