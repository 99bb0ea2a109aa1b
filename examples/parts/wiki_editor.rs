//! One load editor (a module of `wiki_load.rs`): a Yjs client over a WebSocket, as a browser's
//! y-websocket or Hocuspocus provider is — sync step 1 on connection, step 2 in answer to the
//! server's, each local change sent as an update of just what changed, followed by an
//! awareness update with the caret — that types at human speed and notes when it sees the
//! others' edits.
//!
//! Each edit inserts a token naming its editor and its number (`<e12s34> `) at a random place
//! in the body; a receiver applies each update it gets to its document, then reads the tokens
//! the update carries (a token is one Yjs string item, so it travels whole in the update's
//! bytes) and notes the time it saw each one first.

use futures_util::{SinkExt, StreamExt};
use std::collections::{HashMap, HashSet};
use tokio::{net::TcpStream, time::Instant};
use tokio_tungstenite::{
    tungstenite::{client::IntoClientRequest, Message as Frame},
    MaybeTlsStream, WebSocketStream,
};
use yrs::{
    sync::{awareness::AwarenessUpdateEntry, AwarenessUpdate, Message, MessageReader, SyncMessage},
    updates::{
        decoder::{Decode, DecoderV1},
        encoder::Encode,
    },
    Doc, ReadTxn, Text, Transact, Update,
};

/// How a server frames the y-protocols messages.
#[derive(Debug, Clone)]
pub enum Framing {
    /// y-websocket's (Parvis speaks it too): one y-protocols message per frame, the document
    /// named by the URL.
    Plain,
    /// Hocuspocus': each message after the document's name (a lib0 string); an
    /// authentication message first, answered before anything else is read.
    Hocuspocus { document: String },
}

/// lib0's variable-length unsigned integer.
fn write_var(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a lib0 variable-length unsigned integer at `at`, moving it on.
fn read_var(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

impl Framing {
    /// `message` as one frame.
    fn encode(&self, message: &Message) -> Vec<u8> {
        match self {
            Framing::Plain => message.encode_v1(),
            Framing::Hocuspocus { document } => {
                let mut out = Vec::new();
                write_var(&mut out, document.len() as u64);
                out.extend_from_slice(document.as_bytes());
                out.extend(message.encode_v1());
                out
            }
        }
    }

    /// The first frame, before sync step 1: Hocuspocus' authentication (type 2, a token
    /// message: any token, the server checks none).
    fn hello(&self) -> Option<Vec<u8>> {
        let Framing::Hocuspocus { document } = self else {
            return None;
        };
        let mut out = Vec::new();
        write_var(&mut out, document.len() as u64);
        out.extend_from_slice(document.as_bytes());
        write_var(&mut out, 2);
        write_var(&mut out, 0);
        write_var(&mut out, 4);
        out.extend_from_slice(b"load");
        Some(out)
    }

    /// The sync and awareness messages of `frame`; Hocuspocus' others (authentication, sync
    /// status) are skipped.
    fn decode(&self, frame: &[u8]) -> Result<Vec<Message>, String> {
        let body = match self {
            Framing::Plain => frame,
            Framing::Hocuspocus { .. } => {
                let mut at = 0;
                let name = read_var(frame, &mut at).ok_or("frame without a document name")?;
                at += usize::try_from(name).map_err(|_| "document name too long")?;
                let body = frame.get(at..).ok_or("frame cut short")?;
                let mut kind_at = 0;
                match read_var(body, &mut kind_at) {
                    // Sync, awareness, awareness query: the y-protocols messages.
                    Some(0 | 1 | 3) => body,
                    _ => return Ok(Vec::new()),
                }
            }
        };
        let mut decoder = DecoderV1::from(body);
        MessageReader::new(&mut decoder)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("unreadable message: {e}"))
    }
}

/// One edit seen: whose, which, and when.
#[derive(Debug, Clone, Copy)]
pub struct Receipt {
    pub from: u32,
    pub seq: u32,
    pub at: Instant,
}

/// When and how much an editor types.
#[derive(Debug, Clone, Copy)]
pub struct Typing {
    /// Its first edit.
    pub first: Instant,
    /// No edit starts after this.
    pub stop_typing: Instant,
    /// It reads what arrives until then.
    pub stop_reading: Instant,
    /// Mean time between two edits (each drawn between 0.7 and 1.3 times it).
    pub interval: std::time::Duration,
    /// Most edits it makes.
    pub max_edits: usize,
}

/// A connected editor.
pub struct Editor {
    id: u32,
    doc: Doc,
    framing: Framing,
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    awareness_clock: u32,
    synced: bool,
    seen: HashSet<(u32, u32)>,
    /// When each of its edits was sent, by number.
    pub sent: Vec<Instant>,
    /// The others' edits it saw.
    pub received: Vec<Receipt>,
}

impl Editor {
    /// Connects editor `id` (Yjs client id `client`) to `target` and sends sync step 1.
    pub async fn connect(
        target: &super::wiki_servers::Target,
        id: u32,
        client: u64,
    ) -> Result<Editor, String> {
        let mut request = target
            .url
            .as_str()
            .into_client_request()
            .map_err(|e| format!("{}: {e}", target.url))?;
        if let Some(cookie) = &target.cookie {
            request.headers_mut().insert(
                "cookie",
                cookie.parse().map_err(|_| "cookie not a header value")?,
            );
        }
        let (socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .map_err(|e| format!("editor {id}: connection refused: {e}"))?;
        let mut editor = Editor {
            id,
            doc: Doc::with_client_id(client),
            framing: target.framing.clone(),
            socket,
            awareness_clock: 0,
            synced: false,
            seen: HashSet::new(),
            sent: Vec::new(),
            received: Vec::new(),
        };
        if let Some(hello) = editor.framing.hello() {
            editor.send_frame(hello).await?;
        }
        let known = editor.doc.transact().state_vector();
        editor
            .send(&Message::Sync(SyncMessage::SyncStep1(known)))
            .await?;
        Ok(editor)
    }

    /// Its number among the editors of a load.
    pub fn id(&self) -> u32 {
        self.id
    }

    async fn send(&mut self, message: &Message) -> Result<(), String> {
        let frame = self.framing.encode(message);
        self.send_frame(frame).await
    }

    async fn send_frame(&mut self, bytes: Vec<u8>) -> Result<(), String> {
        self.socket
            .send(Frame::Binary(bytes.into()))
            .await
            .map_err(|e| format!("editor {}: send failed: {e}", self.id))
    }

    /// Reads until the server answered sync step 1 (its step 2), for at most `limit`.
    pub async fn until_synced(&mut self, limit: std::time::Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        while !self.synced {
            match tokio::time::timeout_at(deadline, self.socket.next()).await {
                Err(_) => return Err(format!("editor {}: not synced within {limit:?}", self.id)),
                Ok(frame) => self.take(frame).await?,
            }
        }
        Ok(())
    }

    /// Types as `typing` says while reading what arrives, until `typing.stop_reading`.
    pub async fn type_and_read(&mut self, typing: Typing) -> Result<(), String> {
        let mut next = typing.first;
        loop {
            let typing_on = next < typing.stop_typing && self.sent.len() < typing.max_edits;
            let wake = if typing_on { next } else { typing.stop_reading };
            tokio::select! {
                frame = self.socket.next() => self.take(frame).await?,
                () = tokio::time::sleep_until(wake) => {
                    if !typing_on {
                        return Ok(());
                    }
                    self.edit().await?;
                    let factor = 0.7 + 0.6 * rand::random::<f64>();
                    next += typing.interval.mul_f64(factor);
                }
            }
        }
    }

    /// One edit: a token typed at a random place, then the caret's awareness update.
    async fn edit(&mut self) -> Result<(), String> {
        let seq = self.sent.len();
        let token = format!("<e{}s{seq}> ", self.id);
        let body = self.doc.get_or_insert_text("body");
        let (update, caret) = {
            let mut txn = self.doc.transact_mut();
            let len = body.len(&txn);
            let at = rand::random::<u32>() % (len + 1);
            body.insert(&mut txn, at, &token);
            (txn.encode_update_v1(), at + token.len() as u32)
        };
        self.sent.push(Instant::now());
        self.send(&Message::Sync(SyncMessage::Update(update)))
            .await?;
        self.awareness_clock += 1;
        let presence = AwarenessUpdate {
            clients: HashMap::from([(
                self.doc.client_id(),
                AwarenessUpdateEntry {
                    clock: self.awareness_clock,
                    json: format!(r#"{{"cursor":{{"anchor":{caret},"head":{caret}}}}}"#).into(),
                },
            )]),
        };
        self.send(&Message::Awareness(presence)).await
    }

    /// Handles what the socket gave: a frame, an error or its end.
    async fn take(
        &mut self,
        frame: Option<Result<Frame, tokio_tungstenite::tungstenite::Error>>,
    ) -> Result<(), String> {
        match frame {
            Some(Ok(Frame::Binary(data))) => self.handle(&data).await,
            Some(Ok(Frame::Close(reason))) => Err(format!(
                "editor {}: the server closed the connection: {reason:?}",
                self.id
            )),
            Some(Ok(_)) => Ok(()),
            Some(Err(error)) => Err(format!("editor {}: {error}", self.id)),
            None => Err(format!("editor {}: connection ended", self.id)),
        }
    }

    async fn handle(&mut self, data: &[u8]) -> Result<(), String> {
        for message in self.framing.decode(data)? {
            match message {
                Message::Sync(SyncMessage::SyncStep1(theirs)) => {
                    let missing = self.doc.transact().encode_state_as_update_v1(&theirs);
                    self.send(&Message::Sync(SyncMessage::SyncStep2(missing)))
                        .await?;
                }
                Message::Sync(SyncMessage::SyncStep2(bytes)) => {
                    self.apply(&bytes)?;
                    self.synced = true;
                }
                Message::Sync(SyncMessage::Update(bytes)) => self.apply(&bytes)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Applies an update, then notes the tokens in it it had not seen (seen: applied).
    fn apply(&mut self, bytes: &[u8]) -> Result<(), String> {
        let update =
            Update::decode_v1(bytes).map_err(|e| format!("editor {}: update: {e}", self.id))?;
        self.doc
            .transact_mut()
            .apply_update(update)
            .map_err(|e| format!("editor {}: update does not apply: {e}", self.id))?;
        let at = Instant::now();
        for (from, seq) in tokens(bytes) {
            if from != self.id && self.seen.insert((from, seq)) {
                self.received.push(Receipt { from, seq, at });
            }
        }
        Ok(())
    }

    /// Closes the connection.
    pub async fn close(mut self) {
        let _ = self.socket.close(None).await;
    }
}

/// The tokens (`<e{editor}s{seq}>`) in `bytes`.
fn tokens(bytes: &[u8]) -> Vec<(u32, u32)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == b'<' && bytes[i + 1] == b'e' {
            if let Some((token, end)) = token_at(bytes, i + 2) {
                found.push(token);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// `{editor}s{seq}>` from `at`: the token and where it ends.
fn token_at(bytes: &[u8], at: usize) -> Option<((u32, u32), usize)> {
    let number = |from: usize| -> Option<(u32, usize)> {
        let digits = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let text = std::str::from_utf8(&bytes[from..from + digits]).ok()?;
        Some((text.parse().ok()?, from + digits))
    };
    let (editor, at) = number(at)?;
    if bytes.get(at) != Some(&b's') {
        return None;
    }
    let (seq, at) = number(at + 1)?;
    (bytes.get(at) == Some(&b'>')).then_some(((editor, seq), at + 1))
}
