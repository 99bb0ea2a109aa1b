//! What the wiki plugs into the app (`crate::app_server` calls these): its state (this
//! process's open rooms, relaying the other processes' updates), its route (the live
//! connection) and its periodic work (the compaction round, the revisions cut when editing goes quiet, the followers' daily digest).

use super::{compaction, follows, revision_round, rooms::Rooms, socket};
use crate::server::{jobs::Registry, state::AppState};
use axum::{routing::get, Router};

/// This process's rooms (a domain state), with nothing open.
pub fn state() -> Rooms {
    Rooms::default()
}

/// Starts what runs beside requests: the relay of the other processes' updates.
pub fn spawn(app: &AppState, rooms: &Rooms) {
    rooms.listen(app);
}

/// The live connection to a page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/espaces/{space}/wiki/ws/{page}", get(socket::upgrade))
}

pub fn register(registry: &mut Registry) {
    registry.round(compaction::round());
    registry.round(revision_round::round());
    registry.round(follows::round());
    registry.job(follows::FOLLOW_MAIL, follows::send);
}
