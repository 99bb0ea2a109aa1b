//! Server-only parts of Espaces: who may do what (`access.rs`, the one answer other modules
//! ask), one module per table (`spaces.rs` with `space_modules`, `members.rs`,
//! `invitations.rs` with the one-time sign-in links, `agents.rs`), its mail jobs, its part of
//! an account's erasure and of its "my data" archive.

pub mod access;
pub mod agents;
pub mod erasure;
pub mod invitations;
pub mod jobs;
pub mod members;
pub mod personal_data;
pub mod spaces;
