//! The live wiki's server side: pages as rows (`pages.rs`) in a tree (`tree.rs`: moves), each page's body as a Yjs
//! document kept as a log of updates and a snapshot (`log.rs`), the checks every incoming
//! message passes (`checks.rs`), one live room per open page (`room.rs`, `rooms.rs`), the
//! WebSocket connection (`socket.rs`), the reading view (`reading.rs`), the
//! history (`revisions.rs`, cut by `revision_round.rs`; `rewrite.rs` restores, `blame.rs`) and what the wiki plugs
//! into the app (`plug.rs`: routes, its state, the compaction round).

pub mod approval;
pub mod blame;
pub mod checks;
pub mod compaction;
pub mod follows;
pub mod log;
pub mod pages;
pub mod personal_data;
pub mod plug;
pub mod reading;
pub mod revision_round;
pub mod revisions;
pub mod rewrite;
pub mod room;
pub mod rooms;
pub mod socket;
pub mod tree;
