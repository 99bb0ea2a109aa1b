//! The live wiki of a space: Markdown pages that several members write at once. Types
//! (`types.rs`, `history_types.rs`), server functions (`api.rs`, `history_api.rs`), pages (`pages/`) and (ssr) the pages' storage,
//! the Yjs rooms and the live connection (`server/`). Who may read and write is Espaces'
//! answer (`espaces::server::access::module_role`, the wiki module).

pub mod api;
pub mod attachments;
pub mod cursors;
pub mod history_api;
pub mod history_types;
pub mod links;
#[cfg(feature = "hydrate")]
pub mod live_client;
pub mod pages;
pub mod share_api;
pub mod tree;
pub mod types;

#[cfg(feature = "ssr")]
pub mod server;
