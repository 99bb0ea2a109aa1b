//! This process's open rooms, one per page being edited ([`super::room`]), and the relay
//! between server processes: on PostgreSQL, a room that committed updates tells the others
//! through the site's live relay (`server::realtime`, LISTEN/NOTIFY, on a topic kept out of
//! the channel every live connection reads: notices come at the pace of keystrokes) which log
//! rows are new,
//! and a room of the same page in another process reads and relays them. Editors connected to
//! different app servers thereby see each other's edits live.

use super::room::{self, Command, Handle, JoinError, Peer, PeerId};
use crate::server::state::AppState;
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};
use tokio::sync::{oneshot, Mutex};

/// The live relay's topic for new log rows of a page.
pub const TOPIC: &str = "wiki.updates";

/// New log rows of one page, committed by the process `origin`; or, with `dismissed`, the
/// page went to the bin and its connections are closed with that reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Committed {
    origin: u64,
    page: i64,
    ids: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dismissed: Option<String>,
}

/// The open rooms; cloning shares them. One per process (a domain state of `AppState`).
#[derive(Clone)]
pub struct Rooms {
    inner: Arc<Inner>,
}

struct Inner {
    open: Mutex<HashMap<i64, Handle>>,
    next: AtomicU64,
    /// Tells this process's notices apart from the other processes'.
    origin: u64,
}

impl Default for Rooms {
    fn default() -> Self {
        Rooms {
            inner: Arc::new(Inner {
                open: Mutex::new(HashMap::new()),
                next: AtomicU64::new(1),
                origin: rand::random(),
            }),
        }
    }
}

impl Rooms {
    /// A number no other connection or room of this process has.
    pub fn next_id(&self) -> u64 {
        self.inner.next.fetch_add(1, Ordering::Relaxed)
    }

    /// The number of rooms open in this process (for tests and metrics).
    pub async fn open_count(&self) -> usize {
        self.inner.open.lock().await.len()
    }

    /// Starts relaying other processes' updates to this process's rooms (at start-up).
    pub fn listen(&self, app: &AppState) {
        let rooms = self.clone();
        let mut received = app.realtime.direct(TOPIC);
        tokio::spawn(async move {
            loop {
                match received.recv().await {
                    Ok(message) => {
                        let Some(committed) = message.read::<Committed>(TOPIC) else {
                            continue;
                        };
                        if committed.origin == rooms.inner.origin {
                            continue;
                        }
                        let handle = rooms.inner.open.lock().await.get(&committed.page).cloned();
                        if let (Some(handle), Some(reason)) = (handle.as_ref(), committed.dismissed)
                        {
                            dismiss_in(handle, reason);
                            continue;
                        }
                        if let Some(handle) = handle {
                            // A room too busy to take it now reads its page again instead:
                            // the relay never waits on one room.
                            if handle
                                .commands
                                .try_send(Command::Remote(committed.ids))
                                .is_err()
                            {
                                let commands = handle.commands.clone();
                                tokio::spawn(async move {
                                    let _ = commands.send(Command::Reload).await;
                                });
                            }
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                        // Which pages the missed notices were for is unknown: every open room
                        // reads its page again (log ids may commit out of order, so "after the
                        // last one seen" would not do).
                        tracing::warn!(
                            missed,
                            "wiki: live relay lagged; every open page read again"
                        );
                        let handles: Vec<Handle> =
                            rooms.inner.open.lock().await.values().cloned().collect();
                        for handle in handles {
                            let _ = handle.commands.try_send(Command::Reload);
                        }
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                }
            }
        });
    }

    /// Tells the rooms of page `page` open in this process and in the others that log rows
    /// `ids` were written outside any room (a change the server made: `rewrite.rs`): each
    /// reads them and relays them to its editors.
    pub async fn announce(&self, app: &AppState, page: i64, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        let handle = self.inner.open.lock().await.get(&page).cloned();
        if let Some(handle) = handle {
            let _ = handle.commands.send(Command::Remote(ids.clone())).await;
        }
        self.tell_others(app, page, ids, None).await;
    }

    /// Publishes `ids` (or the dismissal) of page `page` to the other processes' rooms.
    async fn tell_others(
        &self,
        app: &AppState,
        page: i64,
        ids: Vec<i64>,
        dismissed: Option<String>,
    ) {
        let committed = Committed {
            origin: self.inner.origin,
            page,
            ids,
            dismissed,
        };
        app.realtime.notify_others(TOPIC, &committed).await;
    }

    /// Closes every connection to page `page` in this process and the others, for good (the
    /// page went to the bin): each editor is told `reason`.
    pub async fn dismiss(&self, app: &AppState, page: i64, reason: &str) {
        let handle = self.inner.open.lock().await.get(&page).cloned();
        if let Some(handle) = handle {
            dismiss_in(&handle, reason.to_string());
        }
        self.tell_others(app, page, Vec::new(), Some(reason.to_string()))
            .await;
    }

    /// Puts the connection `peer` makes into page `page`'s room, opening the room (reading
    /// the page from the log) when it is not open; the room's queue, to send the connection's
    /// messages to. A room that was closing as the join came sends it back; the connection
    /// then joins the room that opens next.
    pub async fn join(
        &self,
        app: &AppState,
        page: i64,
        peer: impl Fn() -> Peer,
    ) -> Result<tokio::sync::mpsc::Sender<Command>, JoinError> {
        for _ in 0..3 {
            let handle = self.room_of(app, page).await;
            let (reply, answer) = oneshot::channel();
            if handle
                .commands
                .send(Command::Join(peer(), reply))
                .await
                .is_err()
            {
                self.forget(page, handle.generation).await;
                continue;
            }
            match answer.await {
                Ok(Ok(())) => return Ok(handle.commands),
                Ok(Err(JoinError::Closed)) | Err(_) => {
                    self.forget(page, handle.generation).await;
                }
                Ok(Err(error)) => return Err(error),
            }
        }
        Err(JoinError::Closed)
    }

    /// The open room of `page`, or a new one.
    async fn room_of(&self, app: &AppState, page: i64) -> Handle {
        let mut open = self.inner.open.lock().await;
        if let Some(handle) = open.get(&page) {
            if !handle.commands.is_closed() {
                return handle.clone();
            }
        }
        let generation = self.next_id();
        let rooms = self.clone();
        let publisher = app.realtime.clone();
        let origin = self.inner.origin;
        let handle = room::spawn(
            app.clone(),
            page,
            generation,
            move |generation| Box::pin(async move { rooms.forget(page, generation).await }),
            move |page, ids| {
                let realtime = publisher.clone();
                tokio::spawn(async move {
                    realtime
                        .notify_others(
                            TOPIC,
                            &Committed {
                                origin,
                                page,
                                ids,
                                dismissed: None,
                            },
                        )
                        .await;
                });
            },
        );
        open.insert(page, handle.clone());
        handle
    }

    /// Removes `page`'s room of `generation` from the open ones (not a newer one).
    async fn forget(&self, page: i64, generation: u64) {
        let mut open = self.inner.open.lock().await;
        if open.get(&page).is_some_and(|h| h.generation == generation) {
            open.remove(&page);
        }
    }
}

/// Leaves page `page`'s room (when the connection ends).
pub async fn leave(commands: &tokio::sync::mpsc::Sender<Command>, peer: PeerId) {
    let _ = commands.send(Command::Leave(peer)).await;
}

/// Asks the room of `handle` to close its connections for good, without waiting on a busy
/// room (the relay never waits on one room): then from a task of its own.
fn dismiss_in(handle: &Handle, reason: String) {
    if let Err(tokio::sync::mpsc::error::TrySendError::Full(command)) =
        handle.commands.try_send(Command::Dismiss(reason))
    {
        let commands = handle.commands.clone();
        tokio::spawn(async move {
            let _ = commands.send(command).await;
        });
    }
}
