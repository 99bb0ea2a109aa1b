//! Espaces, self-service workspaces for the city's directions and their outside partners:
//! spaces made from a template, members with a role (animator, contributor, reader),
//! invitations by e-mail, settings and the archive. Types (`types.rs`), server functions
//! (`api.rs`, `members_api.rs`, `invitations_api.rs`), pages (`pages/`) and (ssr) SQL
//! (`server/`). Documents, forum, calendar and the wiki build on `server::access::space_role`.

pub mod activity_api;
pub mod activity_types;
pub mod api;
pub mod forum_api;
pub mod forum_types;
pub mod calendar_api;
pub mod calendar_types;
pub mod invitations_api;
pub mod members_api;
pub mod pages;
pub mod types;
pub mod documents_api;
pub mod documents_types;

#[cfg(feature = "ssr")]
pub mod server;

pub use pages::EspacesHome;
