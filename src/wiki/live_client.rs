//! The editor's side of a page's live connection, in the browser (compiled only with
//! `hydrate`): the page's Yjs document (yrs, the same CRDT as the server's), bound to a plain
//! `<textarea>`, spoken over a WebSocket in the standard sync and awareness protocol.
//!
//! - Each input event becomes one CRDT change of just what differs between the document and
//!   the textarea (common prefix and suffix, in UTF-16 code units as the browser counts them:
//!   the document uses `OffsetKind::Utf16`), never a replacement of the whole text. During an
//!   IME composition (accents, CJK) nothing is read until it ends.
//! - A remote change keeps the local selection where the user left it: the selection is held
//!   as sticky indices across the update, then read back.
//! - Undo and redo are the user's own changes only (yrs `UndoManager`, tracking this editor's
//!   origin).
//! - The document's whole state is kept in the browser's `localStorage` after every change,
//!   so edits made while offline (or before a crash of the tab) survive; on every
//!   (re)connection the server's sync step 1 makes this editor send what the server lacks.
//! - The text cannot be edited before the first sync: typing into the server-rendered text
//!   before the document holds it would insert it a second time.

use super::types::{Editing, LinkState, BODY_TEXT};
use leptos::prelude::*;
use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    rc::Rc,
    sync::{Arc, Mutex},
};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{BinaryType, CloseEvent, HtmlTextAreaElement, MessageEvent, WebSocket};
use yrs::{
    sync::{awareness::AwarenessUpdateEntry, AwarenessUpdate, Message, MessageReader, SyncMessage},
    undo::Options as UndoOptions,
    updates::{
        decoder::{Decode, DecoderV1},
        encoder::Encode,
    },
    Assoc, Doc, GetString, IndexedSequence, OffsetKind, Options, Origin, ReadTxn, StateVector,
    StickyIndex, Text, TextRef, Transact, UndoManager, Update,
};

/// The origin of this editor's own changes (what undo tracks).
const LOCAL: &str = "local";
/// The origin of changes that came from the server or from the browser's storage: never sent
/// back as they come.
const REMOTE: &str = "remote";
/// Reconnection delays, in milliseconds: doubled from the first to the last.
const RETRY_FIRST_MS: i32 = 500;
const RETRY_MAX_MS: i32 = 10_000;
/// How often this editor's presence is sent again (y-protocols forgets a state after 30 s).
const PRESENCE_RENEW_MS: i32 = 15_000;

/// What the page shows of the session.
#[derive(Clone, Copy)]
pub struct Signals {
    pub state: RwSignal<LinkState>,
    /// The Markdown text, for the live preview.
    pub text: RwSignal<String>,
    pub others: RwSignal<Vec<Editing>>,
}

/// One open editor; ended by [`Session::end`] (the page's cleanup).
#[derive(Clone)]
pub struct Session(Rc<RefCell<Inner>>);

struct Inner {
    doc: Doc,
    body: TextRef,
    undo: UndoManager,
    /// The updates of this editor's own transactions, collected by the document's observer.
    outbox: Arc<Mutex<Vec<Vec<u8>>>>,
    socket: Option<WebSocket>,
    handlers: Vec<Box<dyn std::any::Any>>,
    url: String,
    storage_key: String,
    area: HtmlTextAreaElement,
    signals: Signals,
    synced: bool,
    composing: bool,
    /// A remote change arrived during a composition: the textarea is refreshed once it ends.
    stale_area: bool,
    /// Other clients' awareness states (JSON), by client id.
    presence: HashMap<u64, String>,
    awareness_clock: u32,
    retry_ms: i32,
    ended: bool,
}

impl Session {
    /// Opens the live connection of `socket_path` for the textarea `area`; `storage_key` names
    /// the page's state in the browser's storage.
    pub fn start(socket_path: &str, storage_key: String, area: HtmlTextAreaElement, signals: Signals) -> Session {
        let doc = Doc::with_options(Options {
            offset_kind: OffsetKind::Utf16,
            ..Options::default()
        });
        let body = doc.get_or_insert_text(BODY_TEXT);
        let outbox = Arc::new(Mutex::new(Vec::new()));
        let collected = outbox.clone();
        let _ = doc.observe_update_v1("parvis-editor", move |txn, event| {
            let remote = txn.origin().is_some_and(|o| *o == Origin::from(REMOTE));
            if !remote {
                if let Ok(mut outbox) = collected.lock() {
                    outbox.push(event.update.clone());
                }
            }
        });
        let mut undo = UndoManager::with_options(UndoOptions {
            capture_timeout_millis: 500,
            tracked_origins: HashSet::from([Origin::from(LOCAL)]),
            capture_transaction: None,
            timestamp: Arc::new(|| js_sys::Date::now() as u64),
            init_undo_stack: Vec::new(),
            init_redo_stack: Vec::new(),
        });
        undo.expand_scope(&doc, &body);
        let location = window().location();
        let scheme = if location.protocol().ok().as_deref() == Some("https:") { "wss" } else { "ws" };
        let host = location.host().unwrap_or_default();
        let inner = Inner {
            doc,
            body,
            undo,
            outbox,
            socket: None,
            handlers: Vec::new(),
            url: format!("{scheme}://{host}{socket_path}"),
            storage_key,
            area,
            signals,
            synced: false,
            composing: false,
            stale_area: false,
            presence: HashMap::new(),
            awareness_clock: 0,
            retry_ms: RETRY_FIRST_MS,
            ended: false,
        };
        let session = Session(Rc::new(RefCell::new(inner)));
        session.restore();
        session.connect();
        session.renew_presence();
        session
    }

    /// Applies the state kept in the browser's storage (edits not yet sent), if any: the
    /// editor may then edit at once, offline included.
    fn restore(&self) {
        let mut inner = self.0.borrow_mut();
        let Some(saved) = storage().and_then(|s| s.get_item(&inner.storage_key).ok().flatten()) else {
            return;
        };
        let Some(bytes) = from_hex(&saved) else {
            return;
        };
        if let Ok(update) = Update::decode_v1(&bytes) {
            let applied = inner.doc.transact_mut_with(REMOTE).apply_update(update);
            if applied.is_ok() && inner.body.len(&inner.doc.transact()) > 0 {
                inner.synced = true;
                inner.refresh_area(None);
                inner.area.set_read_only(false);
            }
        }
    }

    fn connect(&self) {
        let mut inner = self.0.borrow_mut();
        if inner.ended {
            return;
        }
        inner.signals.state.set(LinkState::Connecting);
        let Ok(socket) = WebSocket::new(&inner.url) else {
            inner.signals.state.set(LinkState::Offline);
            drop(inner);
            self.retry_later();
            return;
        };
        socket.set_binary_type(BinaryType::Arraybuffer);
        let on_open = {
            let session = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| session.opened())
        };
        let on_message = {
            let session = self.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
                session.received(&bytes);
            })
        };
        let on_close = {
            let session = self.clone();
            Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
                session.closed(event.code(), &event.reason());
            })
        };
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        inner.handlers = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
        inner.socket = Some(socket);
    }

    fn opened(&self) {
        let mut inner = self.0.borrow_mut();
        inner.retry_ms = RETRY_FIRST_MS;
        let known = inner.doc.transact().state_vector();
        inner.send(&Message::Sync(SyncMessage::SyncStep1(known)));
        inner.send_presence();
    }

    fn received(&self, bytes: &[u8]) {
        let mut inner = self.0.borrow_mut();
        let mut decoder = DecoderV1::from(bytes);
        let messages: Vec<Message> = MessageReader::new(&mut decoder).filter_map(Result::ok).collect();
        for message in messages {
            match message {
                Message::Sync(SyncMessage::SyncStep1(theirs)) => {
                    let missing = inner.doc.transact().encode_state_as_update_v1(&theirs);
                    inner.send(&Message::Sync(SyncMessage::SyncStep2(missing)));
                }
                Message::Sync(SyncMessage::SyncStep2(update)) => {
                    inner.apply_remote(&update);
                    if !inner.synced {
                        inner.synced = true;
                        inner.refresh_area(None);
                        inner.area.set_read_only(false);
                    }
                    inner.signals.state.set(LinkState::Live);
                }
                Message::Sync(SyncMessage::Update(update)) => inner.apply_remote(&update),
                Message::Awareness(update) => {
                    let own = inner.doc.client_id().get();
                    for (client, entry) in update.clients {
                        if client.get() == own {
                            continue;
                        }
                        if &*entry.json == "null" {
                            inner.presence.remove(&client.get());
                        } else {
                            inner.presence.insert(client.get(), entry.json.to_string());
                        }
                    }
                    inner.show_presence();
                }
                _ => {}
            }
        }
    }

    fn closed(&self, code: u16, reason: &str) {
        let mut inner = self.0.borrow_mut();
        inner.socket = None;
        inner.presence.clear();
        inner.show_presence();
        if inner.ended {
            return;
        }
        // A refusal without "reconnect" in its reason is final (access ended, read-only).
        if code == 1008 && !reason.contains("reconnect") {
            inner.ended = true;
            // What this browser kept was refused (another account's edits left in a shared
            // browser, a role that no longer writes): it would be refused again.
            if let Some(storage) = storage() {
                let _ = storage.remove_item(&inner.storage_key);
            }
            inner.area.set_read_only(true);
            inner.signals.state.set(LinkState::Ended(reason.to_string()));
            return;
        }
        inner.signals.state.set(LinkState::Offline);
        drop(inner);
        self.retry_later();
    }

    fn retry_later(&self) {
        let delay = {
            let mut inner = self.0.borrow_mut();
            let delay = inner.retry_ms;
            inner.retry_ms = (delay * 2).min(RETRY_MAX_MS);
            delay
        };
        let session = self.clone();
        let retry = Closure::once_into_js(move || session.connect());
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), delay);
    }

    fn renew_presence(&self) {
        let session = self.clone();
        let renew = Closure::once_into_js(move || {
            if !session.0.borrow().ended {
                session.0.borrow_mut().send_presence();
                session.renew_presence();
            }
        });
        let _ = window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(renew.unchecked_ref(), PRESENCE_RENEW_MS);
    }

    /// The textarea changed (an input event): its difference from the document becomes one
    /// change, sent at once.
    pub fn input(&self) {
        let mut inner = self.0.borrow_mut();
        if !inner.synced || inner.composing || inner.ended {
            return;
        }
        let typed: Vec<u16> = inner.area.value().encode_utf16().collect();
        let held: Vec<u16> = inner.body.get_string(&inner.doc.transact()).encode_utf16().collect();
        let (at, removed, inserted) = difference(&held, &typed);
        if removed == 0 && inserted.is_empty() {
            return;
        }
        let inserted = String::from_utf16_lossy(inserted);
        {
            let body = inner.body.clone();
            let mut txn = inner.doc.transact_mut_with(LOCAL);
            if removed > 0 {
                body.remove_range(&mut txn, at, removed);
            }
            if !inserted.is_empty() {
                body.insert(&mut txn, at, &inserted);
            }
        }
        inner.after_local_change(false);
    }

    pub fn composing(&self, composing: bool) {
        let stale = {
            let mut inner = self.0.borrow_mut();
            inner.composing = composing;
            !composing && std::mem::take(&mut inner.stale_area)
        };
        if !composing {
            // What was composed is read now; a remote change held back meanwhile is shown.
            self.input();
            if stale {
                let inner = self.0.borrow();
                let selection = inner.selection();
                inner.refresh_area(selection);
            }
        }
    }

    /// Undoes (or redoes) this editor's last change; true when there was one.
    pub fn undo(&self, redo: bool) -> bool {
        let mut inner = self.0.borrow_mut();
        if !inner.synced || inner.ended {
            return false;
        }
        let done = if redo { inner.undo.redo_blocking() } else { inner.undo.undo_blocking() };
        if done {
            inner.after_local_change(true);
        }
        done
    }

    /// The selection moved: tell the others where this editor's cursor is.
    pub fn moved(&self) {
        self.0.borrow_mut().send_presence();
    }

    /// Leaves the page: presence removed, connection closed, nothing retried.
    pub fn end(&self) {
        let mut inner = self.0.borrow_mut();
        inner.ended = true;
        inner.awareness_clock += 1;
        let client = inner.doc.client_id();
        let clock = inner.awareness_clock;
        inner.send(&Message::Awareness(AwarenessUpdate {
            clients: HashMap::from([(client, AwarenessUpdateEntry { clock, json: "null".into() })]),
        }));
        if let Some(socket) = inner.socket.take() {
            socket.set_onclose(None);
            let _ = socket.close();
        }
        inner.handlers.clear();
    }
}

impl Inner {
    fn send(&self, message: &Message) {
        if let Some(socket) = &self.socket {
            if socket.ready_state() == WebSocket::OPEN {
                let _ = socket.send_with_u8_array(&message.encode_v1());
            }
        }
    }

    /// Sends what this editor's transactions produced, keeps the state in the browser, and
    /// updates the preview (and the textarea, after an undo).
    fn after_local_change(&mut self, refresh_area: bool) {
        let updates: Vec<Vec<u8>> = self.outbox.lock().map(|mut o| std::mem::take(&mut *o)).unwrap_or_default();
        for update in updates {
            self.send(&Message::Sync(SyncMessage::Update(update)));
        }
        self.save();
        if refresh_area {
            self.refresh_area(None);
        }
        self.signals.text.set(self.body.get_string(&self.doc.transact()));
        self.send_presence();
        // Others' carets after the change move with the text.
        self.show_presence();
    }

    fn apply_remote(&mut self, bytes: &[u8]) {
        let Ok(update) = Update::decode_v1(bytes) else {
            return;
        };
        // The selection, held across the change by sticky indices bound to the character on
        // its left: text another editor adds right where this one's caret is goes after the
        // caret, so two people typing at the same place never interleave their letters.
        let selection = self.selection();
        let anchors = selection.and_then(|(start, end)| {
            let txn = self.doc.transact();
            Some((
                self.body.sticky_index(&txn, start, Assoc::Before)?,
                self.body.sticky_index(&txn, end, Assoc::Before)?,
            ))
        });
        if self.doc.transact_mut_with(REMOTE).apply_update(update).is_err() {
            return;
        }
        self.save();
        let text = self.body.get_string(&self.doc.transact());
        self.signals.text.set(text);
        if !self.synced {
            return;
        }
        if self.composing {
            self.stale_area = true;
            return;
        }
        let moved = anchors.and_then(|(start, end)| {
            let txn = self.doc.transact();
            Some((start.get_offset(&txn)?.index, end.get_offset(&txn)?.index))
        });
        self.refresh_area(moved.or(selection));
        self.show_presence();
    }

    /// The textarea's selection, in UTF-16 code units, when it has the focus.
    fn selection(&self) -> Option<(u32, u32)> {
        let area: &web_sys::Element = self.area.as_ref();
        let focused = document().active_element().is_some_and(|e| &e == area);
        if !focused {
            return None;
        }
        Some((self.area.selection_start().ok()??, self.area.selection_end().ok()??))
    }

    /// Shows the document's text in the textarea, with `selection` (UTF-16 offsets) kept.
    fn refresh_area(&self, selection: Option<(u32, u32)>) {
        let text = self.body.get_string(&self.doc.transact());
        if self.area.value() != text {
            self.area.set_value(&text);
        }
        if let Some((start, end)) = selection {
            let _ = self.area.set_selection_range(start, end);
        }
    }

    fn save(&self) {
        let state = self.doc.transact().encode_state_as_update_v1(&StateVector::default());
        if let Some(storage) = storage() {
            let _ = storage.set_item(&self.storage_key, &to_hex(&state));
        }
    }

    fn send_presence(&mut self) {
        // Where the caret was left stays where the others see it, focused or not.
        let anchor = self.area.selection_start().ok().flatten().unwrap_or(0);
        let head = self.area.selection_end().ok().flatten().unwrap_or(anchor);
        self.awareness_clock += 1;
        // With the offsets, where they are in the document (sticky indices): the others place
        // this caret right even after text typed before it, until it moves again.
        let sticky = |at: u32| {
            let txn = self.doc.transact();
            self.body
                .sticky_index(&txn, at, Assoc::Before)
                .map(|index| to_hex(&index.encode_v1()))
        };
        let json = serde_json::json!({ "cursor": {
            "anchor": anchor, "head": head, "anchorSticky": sticky(anchor), "headSticky": sticky(head),
        } })
        .to_string();
        let client = self.doc.client_id();
        let clock = self.awareness_clock;
        self.send(&Message::Awareness(AwarenessUpdate {
            clients: HashMap::from([(client, AwarenessUpdateEntry { clock, json: json.into() })]),
        }));
    }

    fn show_presence(&self) {
        let txn = self.doc.transact();
        let text: Vec<u16> = self.body.get_string(&txn).encode_utf16().collect();
        let mut others: Vec<Editing> = self
            .presence
            .values()
            .filter_map(|json| {
                let state: serde_json::Value = serde_json::from_slice(json.as_bytes()).ok()?;
                let user = state.get("user")?;
                let offset = |key: &str| {
                    let sticky = state
                        .pointer(&format!("{key}Sticky"))
                        .and_then(serde_json::Value::as_str)
                        .and_then(from_hex)
                        .and_then(|bytes| StickyIndex::decode_v1(&bytes).ok())
                        .and_then(|index| index.get_offset(&txn).map(|o| u64::from(o.index)));
                    let at = sticky
                        .or_else(|| state.pointer(key).and_then(serde_json::Value::as_u64))
                        .unwrap_or(0);
                    usize::try_from(at).unwrap_or(usize::MAX).min(text.len())
                };
                let (anchor, head) = (offset("/cursor/anchor"), offset("/cursor/head"));
                Some(Editing {
                    name: user.get("name")?.as_str()?.to_string(),
                    color: user.get("color").and_then(|c| c.as_str()).unwrap_or("#1f6feb").to_string(),
                    line: 1 + text[..head].iter().filter(|c| **c == u16::from(b'\n')).count(),
                    anchor,
                    head,
                })
            })
            .collect();
        others.sort_by(|a, b| a.name.cmp(&b.name));
        self.signals.others.set(others);
    }
}

/// Where `typed` differs from `held` (UTF-16 code units): the offset, how many units of
/// `held` are removed there and what of `typed` is inserted. A cut never falls inside a
/// surrogate pair.
pub fn difference<'a>(held: &[u16], typed: &'a [u16]) -> (u32, u32, &'a [u16]) {
    let mut prefix = held.iter().zip(typed).take_while(|(a, b)| a == b).count();
    while prefix > 0 && (is_low_surrogate(held.get(prefix)) || is_low_surrogate(typed.get(prefix))) {
        prefix -= 1;
    }
    let room = held.len().min(typed.len()) - prefix;
    let mut suffix = held.iter().rev().zip(typed.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    while suffix > 0
        && (is_low_surrogate(held.get(held.len() - suffix))
            || is_low_surrogate(typed.get(typed.len() - suffix)))
    {
        suffix -= 1;
    }
    let removed = held.len() - prefix - suffix;
    let inserted = &typed[prefix..typed.len() - suffix];
    (
        u32::try_from(prefix).unwrap_or(u32::MAX),
        u32::try_from(removed).unwrap_or(u32::MAX),
        inserted,
    )
}

fn is_low_surrogate(unit: Option<&u16>) -> bool {
    unit.is_some_and(|u| (0xDC00..=0xDFFF).contains(u))
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
