//! Server-only parts of Espaces: who may do what (`access.rs`, the one answer other modules
//! ask), what happened in a space and who hears of it (`activity.rs`, `activity_mail.rs`), one module per table (`spaces.rs` with `space_modules`, `members.rs`,
//! `invitations.rs` with the one-time sign-in links, `agents.rs`), its mail jobs, its part of
//! an account's erasure and of its "my data" archive.

pub mod access;
pub mod activity;
pub mod activity_lines;
pub mod activity_mail;
pub mod agents;
pub mod erasure;
pub mod invitations;
pub mod jobs;
pub mod members;
pub mod overview;
pub mod personal_data;
pub mod retention;
pub mod spaces;
pub mod document_shares;
pub mod documents;
pub mod documents_routes;
pub mod documents_sniff;
pub mod documents_sweep;
