//! One live room per open page in each server process: a task that owns the page's Yjs
//! document and its connections ([`Peer`]s), and handles what they send one batch at a time.
//!
//! The rule that makes the Yjs protocol (which has no acknowledgement) lose nothing: an update
//! is made durable before it is relayed to anyone. The room takes every command waiting in its
//! queue as one batch, checks and applies each update (`checks.rs`), appends the batch's
//! updates to the page's log in one transaction (group commit: one commit for many
//! keystrokes), and only then sends anything. A connection that reconnects gets the server's
//! state vector first (sync step 1) and re-sends what the server lacks. If the commit fails,
//! nothing of the batch was shown to anyone: the room closes every connection (their clients
//! keep their edits and re-send them on reconnect) and reloads the page from the log.
//!
//! A connection that cannot keep up (its outgoing queue full) is dropped, so that its client
//! reconnects and resyncs, instead of silently missing updates. The room ends when its last
//! connection leaves; the page is then only on disk.

use super::{
    checks::{self, Identity, Refusal},
    log::{self, NewUpdate},
};
use crate::server::{db::Backend, state::AppState};
use std::{
    collections::HashMap,
    panic::{catch_unwind, AssertUnwindSafe},
    sync::Arc,
};
use tokio::sync::{mpsc, oneshot};
use yrs::{
    sync::{awareness::AwarenessUpdateEntry, AwarenessUpdate, Message, SyncMessage},
    updates::{decoder::Decode, encoder::Encode},
    Doc, ReadTxn, Transact, Update,
};

/// A connection's number within this process.
pub type PeerId = u64;

/// Messages a connection may have waiting to be sent before it counts as too slow.
pub const OUTGOING_CAPACITY: usize = 512;
/// Commands waiting for a room before the connections that send them wait.
const COMMAND_CAPACITY: usize = 1024;
/// Most commands handled (and updates committed) as one batch.
const BATCH_MAX: usize = 256;

/// WebSocket close codes the room and the connections use (RFC 6455 §7.4.1).
pub mod close {
    /// Policy violation: a refused message (a reader's edit, a forged client id) or access lost.
    pub const POLICY: u16 = 1008;
    /// The message could not be read.
    pub const MALFORMED: u16 = 1007;
    /// Server error (an update not saved): reconnect.
    pub const ERROR: u16 = 1011;
    /// The server is restarting: reconnect.
    pub const RESTART: u16 = 1012;
    /// Try again later: the connection fell behind.
    pub const TRY_AGAIN: u16 = 1013;
}

/// What a room sends to one connection: a binary frame, one encoded y-protocols message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    Frame(Arc<[u8]>),
}

/// One connection in a room.
#[derive(Debug)]
pub struct Peer {
    pub id: PeerId,
    pub identity: Identity,
    /// May add to the page (contributors and animators of a live space).
    pub can_write: bool,
    pub outgoing: mpsc::Sender<Outgoing>,
    /// Closes the connection at once, ahead of what its queue still holds.
    pub kick: Kick,
}

/// A connection's way to be closed at once (a refused message, a queue that fell behind):
/// its writer watches it before anything queued, so nothing more of the client is taken in
/// silently while the queue drains.
#[derive(Debug, Clone, Default)]
pub struct Kick(Arc<std::sync::Mutex<Option<oneshot::Sender<(u16, String)>>>>);

impl Kick {
    /// A kick and the receiver its connection's writer watches.
    pub fn new() -> (Kick, oneshot::Receiver<(u16, String)>) {
        let (sender, receiver) = oneshot::channel();
        (
            Kick(Arc::new(std::sync::Mutex::new(Some(sender)))),
            receiver,
        )
    }

    /// Closes the connection with `code` and `reason` (the first call only).
    pub fn close(&self, code: u16, reason: String) {
        if let Some(sender) = self.0.lock().ok().and_then(|mut s| s.take()) {
            let _ = sender.send((code, reason));
        }
    }
}

/// What a room is asked to do.
#[derive(Debug)]
pub enum Command {
    Join(Peer, oneshot::Sender<Result<(), JoinError>>),
    Leave(PeerId),
    /// A message a connection read (already decoded).
    Message(PeerId, Message),
    /// Log rows another server process committed for this page.
    Remote(Vec<i64>),
    /// Read the page again from the log (the relay between processes missed notices).
    Reload,
    /// Close every connection for good (1008, with this reason): the page went to the bin.
    Dismiss(String),
}

/// Why joining a room failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    /// The room was closing as the join arrived: join again (a new room opens).
    #[error("the room closed; join again")]
    Closed,
    #[error("the page could not be loaded")]
    Unloadable,
}

/// The queue of a running room.
#[derive(Debug, Clone)]
pub struct Handle {
    pub generation: u64,
    pub commands: mpsc::Sender<Command>,
}

/// Starts the room of page `page`; `on_end` is called (with the generation) once it has
/// stopped taking commands.
pub fn spawn(
    app: AppState,
    page: i64,
    generation: u64,
    on_end: impl FnOnce(u64) -> futures_util::future::BoxFuture<'static, ()> + Send + 'static,
    publish: impl Fn(i64, Vec<i64>) + Send + Sync + 'static,
) -> Handle {
    let (commands, receiver) = mpsc::channel(COMMAND_CAPACITY);
    tokio::spawn(run(app, page, generation, receiver, on_end, publish));
    Handle {
        generation,
        commands,
    }
}

/// One awareness state and the connection that holds its client id.
#[derive(Debug, Clone)]
struct Presence {
    peer: PeerId,
    clock: u32,
    json: Arc<str>,
}

/// Whom a message goes to.
#[derive(Debug, Clone, Copy)]
enum To {
    One(PeerId),
    AllBut(PeerId),
    All,
}

struct Room {
    page: i64,
    doc: Doc,
    peers: HashMap<PeerId, Peer>,
    /// The account writing under each Yjs client id (`wiki_clients`).
    owners: HashMap<u64, i64>,
    presence: HashMap<u64, Presence>,
    /// The one awareness client id each connection speaks for (the first it sent).
    speaks_for: HashMap<PeerId, u64>,
}

/// What one batch produced: messages to send once its updates are durable, the updates to
/// append and the client ids they claim.
#[derive(Default)]
struct Batch {
    sends: Vec<(To, Arc<[u8]>)>,
    log: Vec<NewUpdate>,
    claimed: Vec<(u64, i64)>,
    /// Connections closed (kicked) during the batch, to take out of the room.
    closes: Vec<PeerId>,
    /// The document must be read again from the log after the commit (a panic while applying).
    reload: bool,
}

async fn run(
    app: AppState,
    page: i64,
    generation: u64,
    mut receiver: mpsc::Receiver<Command>,
    on_end: impl FnOnce(u64) -> futures_util::future::BoxFuture<'static, ()>,
    publish: impl Fn(i64, Vec<i64>),
) {
    // The database's futures boxed, here and for each batch: a room waits for its next
    // command most of its life, and a thousand open pages would each hold them all the time.
    let loaded = match Box::pin(log::load(&app.db, page)).await {
        Ok((doc, _)) => match Box::pin(log::owners(&app.db, page)).await {
            Ok(owners) => Some((doc, owners)),
            Err(error) => {
                tracing::error!(%error, page, "wiki room: authors not read");
                None
            }
        },
        Err(error) => {
            tracing::error!(%error, page, "wiki room: page not loaded");
            None
        }
    };
    let Some((doc, owners)) = loaded else {
        on_end(generation).await;
        receiver.close();
        while let Some(command) = receiver.recv().await {
            if let Command::Join(_, reply) = command {
                let _ = reply.send(Err(JoinError::Unloadable));
            }
        }
        return;
    };
    let mut room = Room {
        page,
        doc,
        peers: HashMap::new(),
        owners,
        presence: HashMap::new(),
        speaks_for: HashMap::new(),
    };
    while let Some(first) = receiver.recv().await {
        let mut commands = vec![first];
        while commands.len() < BATCH_MAX {
            match receiver.try_recv() {
                Ok(command) => commands.push(command),
                Err(_) => break,
            }
        }
        Box::pin(room.handle(&app, commands, &publish)).await;
        if room.peers.is_empty() {
            break;
        }
    }
    // No connection left: stop taking commands, and send back any join that came meanwhile
    // (its connection joins again and opens a new room, which reads the page from the log).
    on_end(generation).await;
    receiver.close();
    while let Some(command) = receiver.recv().await {
        if let Command::Join(_, reply) = command {
            let _ = reply.send(Err(JoinError::Closed));
        }
    }
    tracing::debug!(page, "wiki room closed");
}

/// `message` encoded as one binary frame.
fn frame(message: &Message) -> Arc<[u8]> {
    message.encode_v1().into()
}

impl Room {
    async fn handle(
        &mut self,
        app: &AppState,
        commands: Vec<Command>,
        publish: &impl Fn(i64, Vec<i64>),
    ) {
        let mut batch = Batch::default();
        for command in commands {
            match command {
                Command::Join(peer, reply) => {
                    self.join(peer, &mut batch);
                    let _ = reply.send(Ok(()));
                }
                Command::Leave(peer) => self.leave(peer, &mut batch),
                Command::Message(peer, message) => {
                    if self.peers.contains_key(&peer) {
                        self.message(peer, message, &mut batch);
                    }
                }
                Command::Remote(ids) => self.remote(app, &ids, &mut batch).await,
                Command::Reload => batch.reload = true,
                Command::Dismiss(reason) => {
                    for (_, peer) in self.peers.drain() {
                        peer.kick.close(close::POLICY, reason.clone());
                    }
                    self.presence.clear();
                    self.speaks_for.clear();
                }
            }
        }
        if !batch.log.is_empty() {
            let now = app.clock.now_seconds();
            match log::append(&app.db, self.page, &batch.log, &batch.claimed, now).await {
                Ok(ids) => {
                    if app.db.backend == Backend::Postgres {
                        publish(self.page, ids);
                    }
                }
                Err(error) => {
                    tracing::error!(%error, page = self.page, updates = batch.log.len(), "wiki room: updates not saved; every connection closed to resync");
                    self.close_everyone(app, "not saved; reconnect").await;
                    return;
                }
            }
        }
        if batch.reload {
            self.reload(app).await;
        }
        self.dispatch(batch);
    }

    fn join(&mut self, peer: Peer, batch: &mut Batch) {
        let id = peer.id;
        let known = self.doc.transact().state_vector();
        self.peers.insert(id, peer);
        batch.sends.push((
            To::One(id),
            frame(&Message::Sync(SyncMessage::SyncStep1(known))),
        ));
        if !self.presence.is_empty() {
            batch.sends.push((To::One(id), self.presence_frame()));
        }
    }

    fn leave(&mut self, peer: PeerId, batch: &mut Batch) {
        if self.peers.remove(&peer).is_none() {
            return;
        }
        self.speaks_for.remove(&peer);
        let gone: Vec<u64> = self
            .presence
            .iter()
            .filter(|(_, p)| p.peer == peer)
            .map(|(client, _)| *client)
            .collect();
        if gone.is_empty() {
            return;
        }
        let mut clients = HashMap::new();
        for client in gone {
            if let Some(presence) = self.presence.remove(&client) {
                clients.insert(
                    yrs::ClientID::new(client),
                    AwarenessUpdateEntry {
                        clock: presence.clock.saturating_add(1),
                        json: "null".into(),
                    },
                );
            }
        }
        batch.sends.push((
            To::All,
            frame(&Message::Awareness(AwarenessUpdate { clients })),
        ));
    }

    fn message(&mut self, peer: PeerId, message: Message, batch: &mut Batch) {
        match message {
            Message::Sync(SyncMessage::SyncStep1(their)) => {
                let missing = self.doc.transact().encode_state_as_update_v1(&their);
                batch.sends.push((
                    To::One(peer),
                    frame(&Message::Sync(SyncMessage::SyncStep2(missing))),
                ));
            }
            Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
                if let Err(refusal) = self.accept(peer, &bytes, batch) {
                    self.refuse(peer, &refusal, batch);
                }
            }
            Message::Awareness(update) => {
                let Some(who) = self.peers.get(&peer).map(|p| p.identity.clone()) else {
                    return;
                };
                let (presence, speaks_for) = (&self.presence, &self.speaks_for);
                let own = speaks_for.get(&peer).copied();
                // Its own id (the first it sent that nobody else holds); echoes of others'
                // states are left out.
                let stamped = checks::stamp_awareness(update, &who, |client| {
                    own.map_or_else(
                        || presence.get(&client).is_none_or(|p| p.peer == peer),
                        |own| own == client,
                    )
                });
                let stamped = stamped.map(|mut stamped| {
                    if own.is_none() {
                        // One id per connection: the first one kept.
                        if let Some(first) = stamped.clients.keys().next().copied() {
                            stamped.clients.retain(|client, _| *client == first);
                            self.speaks_for.insert(peer, first.get());
                        }
                    }
                    stamped
                });
                match stamped {
                    Ok(stamped) if stamped.clients.is_empty() => {}
                    Ok(stamped) => {
                        for (client, entry) in &stamped.clients {
                            let fresher = self
                                .presence
                                .get(&client.get())
                                .is_none_or(|p| entry.clock >= p.clock);
                            if fresher && &*entry.json == "null" {
                                // Gone (the client left the page or cleared its state).
                                self.presence.remove(&client.get());
                            } else if fresher {
                                self.presence.insert(
                                    client.get(),
                                    Presence {
                                        peer,
                                        clock: entry.clock,
                                        json: entry.json.clone(),
                                    },
                                );
                            }
                        }
                        batch
                            .sends
                            .push((To::All, frame(&Message::Awareness(stamped))));
                    }
                    Err(refusal) => self.refuse(peer, &refusal, batch),
                }
            }
            Message::AwarenessQuery => {
                batch.sends.push((To::One(peer), self.presence_frame()));
            }
            // Authentication is the session's (checked when the connection opened); other
            // message types are not ours.
            Message::Auth(_) | Message::Custom(..) => {}
        }
    }

    /// Checks `bytes` from `peer`, applies it and queues it for the log and the relay.
    fn accept(&mut self, peer: PeerId, bytes: &[u8], batch: &mut Batch) -> Result<(), Refusal> {
        let Some(sender) = self.peers.get(&peer) else {
            return Ok(());
        };
        let account = sender.identity.account;
        let writer = sender.can_write.then_some(account);
        let update = checks::decode_update(bytes)?;
        let (known, deleted) = {
            let txn = self.doc.transact();
            (txn.state_vector(), txn.snapshot().delete_set)
        };
        let novelty = checks::novelty(&update, &known, &deleted);
        let claimed = checks::authorise(&novelty, writer, &self.owners)?;
        if novelty.is_nothing() {
            return Ok(());
        }
        let incomplete_before = self.doc.transact().has_missing_updates();
        let applied = catch_unwind(AssertUnwindSafe(|| {
            let mut txn = self.doc.transact_mut();
            txn.apply_update(update)
                .map(|()| (txn.encode_update_v1(), txn.has_missing_updates()))
        }));
        // What is logged and relayed is what the page took in, not the bytes as sent: a part
        // naming items the page already has (under someone else's client id) goes nowhere.
        let applied = match applied {
            Ok(Ok((_, true))) if !incomplete_before => {
                // It needs items the page does not have: kept, it would hold the page's
                // state vector back and every client's next sync would carry it.
                batch.reload = true;
                return Err(Refusal::Incomplete);
            }
            Ok(Ok((applied, _))) => applied,
            Ok(Err(_)) | Err(_) => {
                // The document may hold part of it: read it again from the log once this
                // batch (which does not hold this update) is committed.
                batch.reload = true;
                return Err(Refusal::Malformed);
            }
        };
        if applied.as_slice() == Update::EMPTY_V1 {
            return Ok(());
        }
        for client in claimed {
            self.owners.insert(client, account);
            batch.claimed.push((client, account));
        }
        batch.sends.push((
            To::AllBut(peer),
            frame(&Message::Sync(SyncMessage::Update(applied.clone()))),
        ));
        batch.log.push(NewUpdate {
            body: applied,
            author: account,
        });
        Ok(())
    }

    /// Closes `peer`'s connection for `refusal` (logged) once the batch is sent.
    fn refuse(&mut self, peer: PeerId, refusal: &Refusal, batch: &mut Batch) {
        let account = self.peers.get(&peer).map(|p| p.identity.account);
        tracing::warn!(page = self.page, ?account, reason = %refusal, "wiki: message refused, connection closed");
        let code = match refusal {
            Refusal::Malformed | Refusal::MalformedAwareness => close::MALFORMED,
            _ => close::POLICY,
        };
        if let Some(refused) = self.peers.get(&peer) {
            refused.kick.close(code, refusal.to_string());
        }
        batch.closes.push(peer);
    }

    /// Applies log rows `ids` another process committed and relays them.
    async fn remote(&mut self, app: &AppState, ids: &[i64], batch: &mut Batch) {
        let rows = match log::rows(&app.db, self.page, ids).await {
            Ok(rows) => rows,
            Err(error) => {
                tracing::error!(%error, page = self.page, "wiki room: another process's updates not read; reloading");
                batch.reload = true;
                return;
            }
        };
        if rows.len() < ids.len() {
            // Folded into the snapshot meanwhile: the log has them another way.
            batch.reload = true;
        }
        // The other process may have seen new client ids claimed.
        match log::owners(&app.db, self.page).await {
            Ok(owners) => self.owners = owners,
            Err(error) => {
                tracing::warn!(%error, page = self.page, "wiki room: authors not read again")
            }
        }
        for (_, bytes) in rows {
            let Ok(update) = Update::decode_v1(&bytes) else {
                continue;
            };
            let applied = catch_unwind(AssertUnwindSafe(|| {
                self.doc.transact_mut().apply_update(update)
            }));
            if matches!(applied, Ok(Ok(()))) {
                batch
                    .sends
                    .push((To::All, frame(&Message::Sync(SyncMessage::Update(bytes)))));
            } else {
                batch.reload = true;
            }
        }
    }

    /// Reads the page again from the log and sends every connection what it may lack.
    async fn reload(&mut self, app: &AppState) {
        let before = self.doc.transact().state_vector();
        match log::load(&app.db, self.page).await {
            Ok((doc, _)) => {
                self.doc = doc;
                let missing = self.doc.transact().encode_state_as_update_v1(&before);
                let mut batch = Batch::default();
                batch
                    .sends
                    .push((To::All, frame(&Message::Sync(SyncMessage::Update(missing)))));
                self.dispatch(batch);
            }
            Err(error) => {
                tracing::error!(%error, page = self.page, "wiki room: page not read again");
                self.close_everyone(app, "page unavailable; reconnect")
                    .await;
            }
        }
    }

    /// Closes every connection (server error: reconnect) and reads the page again.
    async fn close_everyone(&mut self, app: &AppState, reason: &str) {
        for (_, peer) in self.peers.drain() {
            peer.kick.close(close::ERROR, reason.to_string());
        }
        self.presence.clear();
        self.speaks_for.clear();
        if let Ok((doc, _)) = log::load(&app.db, self.page).await {
            self.doc = doc;
        }
    }

    /// Every awareness state held, as one frame.
    fn presence_frame(&self) -> Arc<[u8]> {
        let clients = self
            .presence
            .iter()
            .map(|(client, p)| {
                (
                    yrs::ClientID::new(*client),
                    AwarenessUpdateEntry {
                        clock: p.clock,
                        json: p.json.clone(),
                    },
                )
            })
            .collect();
        frame(&Message::Awareness(AwarenessUpdate { clients }))
    }

    /// Sends the batch's messages, then its closes. A connection whose queue is full is
    /// dropped (its client reconnects and resyncs).
    fn dispatch(&mut self, batch: Batch) {
        let mut slow = Vec::new();
        for (to, bytes) in batch.sends {
            for (id, peer) in &self.peers {
                if batch.closes.contains(id) {
                    continue;
                }
                let wanted = match to {
                    To::One(one) => *id == one,
                    To::AllBut(but) => *id != but,
                    To::All => true,
                };
                if wanted
                    && peer
                        .outgoing
                        .try_send(Outgoing::Frame(bytes.clone()))
                        .is_err()
                {
                    slow.push(*id);
                }
            }
        }
        let mut closing = Batch::default();
        for id in batch.closes {
            self.leave(id, &mut closing);
        }
        slow.sort_unstable();
        slow.dedup();
        for id in slow {
            tracing::warn!(
                page = self.page,
                peer = id,
                "wiki: connection too slow, dropped to resync"
            );
            if let Some(peer) = self.peers.get(&id) {
                peer.kick
                    .close(close::TRY_AGAIN, "fell behind; reconnect".into());
            }
            self.leave(id, &mut closing);
        }
        if !closing.sends.is_empty() {
            self.dispatch(closing);
        }
    }
}
