//! Server-only parts of Espaces: who may do what (`access.rs`, the one answer other modules
//! ask), what happened in a space and who hears of it (`activity.rs`, `activity_mail.rs`, and
//! open pages through `live.rs`), one module per table (`spaces.rs` with `space_modules`,
//! `members.rs`, `invitations.rs` with the one-time sign-in links, `agents.rs`), its mail jobs,
//! its routes (`plug.rs`), its part of an account's erasure and of its "my data" archive.

pub mod access;
pub mod activity;
pub mod activity_lines;
pub mod activity_mail;
pub mod agents;
pub mod calendar_http;
pub mod calendar_ics;
pub mod calendar_import;
pub mod calendar_mail;
pub mod calendar_personal;
pub mod calendar_rules;
pub mod calendar_store;
pub mod erasure;
pub mod invitations;
pub mod jobs;
pub mod live;
pub mod members;
pub mod overview;
pub mod personal_data;
pub mod plug;
pub mod retention;
pub mod shares;
pub mod spaces;
pub mod forum;
pub mod forum_categories;
pub mod forum_personal_data;
pub mod forum_read;
pub mod documents;
pub mod documents_routes;
pub mod documents_sniff;
pub mod documents_sweep;
