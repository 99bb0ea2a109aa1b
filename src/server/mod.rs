//! Server-only infrastructure: configuration, database, sessions, security, mail, stored files,
//! start-up,
//! and what operators use: health, metrics, logs, shutdown, backup and the copy to PostgreSQL.

pub mod asset_names;
pub mod backup;
pub mod bad_arguments;
pub mod caching;
pub mod clock;
pub mod compression;
pub mod config;
pub mod context;
pub mod copy_to_postgres;
pub mod csv_export;
pub mod db;
pub mod feeds;
pub mod health;
pub mod human_dates;
pub mod image_widths;
pub mod index_follower;
pub mod job_bell;
pub mod jobs;
pub mod line_diff;
pub mod logs;
pub mod mail;
pub mod markdown;
pub mod mentions;
pub mod messages_file;
pub mod metrics;
pub mod nul_bytes;
pub mod personal_data;
pub mod realtime;
pub mod redirect;
pub mod refused_forms;
pub mod retention;
pub mod router;
pub mod security;
pub mod sessions;
pub mod share;
pub mod shutdown;
pub mod site_build;
pub mod sitemap;
pub mod split_chunks;
pub mod sql;
pub mod state;
pub mod static_files;
pub mod storage;
pub mod term_postings;
pub mod text;
pub mod text_rebuild;
pub mod tokens;

pub use context::{app_state, client_address, redirect_plain_form, respond};
