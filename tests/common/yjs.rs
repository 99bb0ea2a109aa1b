//! A Yjs editor over a real WebSocket, speaking the standard sync and awareness protocol as a
//! browser's y-websocket does: sync step 1 on connection, step 2 in answer to the server's,
//! every local change sent as an update of just what changed.

use futures_util::{SinkExt, StreamExt};
use std::{collections::HashMap, time::Duration};
use tokio::net::TcpStream;
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
    Doc, GetString, ReadTxn, StateVector, Text, Transact, Update,
};

pub struct Editor {
    pub doc: Doc,
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The close code and reason the server sent, once it closed.
    pub closed: Option<(u16, String)>,
    /// The awareness states received, by client id (JSON; "null" once removed).
    pub presence: HashMap<u64, String>,
    awareness_clock: u32,
}

/// Opens page `page` of space `space` as `cookie`'s session, writing under `client`; the HTTP
/// status when the server refuses the connection.
pub async fn open(base: &str, cookie: &str, space: i64, page: i64, client: u64) -> Result<Editor, u16> {
    open_with(base, cookie, space, page, Doc::with_client_id(client)).await
}

/// [`open`] with a document the client already holds (edited while it was disconnected).
pub async fn open_with(base: &str, cookie: &str, space: i64, page: i64, doc: Doc) -> Result<Editor, u16> {
    let url = format!(
        "{}/espaces/{space}/wiki/ws/{page}",
        base.replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request().expect("request");
    if !cookie.is_empty() {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().expect("cookie header"));
    }
    let socket = match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => socket,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            return Err(response.status().as_u16())
        }
        Err(error) => panic!("connection failed: {error}"),
    };
    let mut editor = Editor {
        doc,
        socket,
        closed: None,
        presence: HashMap::new(),
        awareness_clock: 0,
    };
    let known = editor.doc.transact().state_vector();
    editor
        .send(&Message::Sync(SyncMessage::SyncStep1(known)))
        .await;
    Ok(editor)
}

impl Editor {
    pub fn text(&self) -> String {
        let body = self.doc.get_or_insert_text("body");
        let txn = self.doc.transact();
        body.get_string(&txn)
    }

    pub async fn send(&mut self, message: &Message) {
        self.send_raw(message.encode_v1()).await;
    }

    /// Sends `bytes` as one binary frame (a send to a closed connection is ignored: the test
    /// reads the close).
    pub async fn send_raw(&mut self, bytes: Vec<u8>) {
        let _ = self.socket.send(Frame::Binary(bytes.into())).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        let _ = self.socket.send(Frame::Text(text.into())).await;
    }

    /// Inserts `text` at character `index` of the body locally and sends the update.
    pub async fn insert(&mut self, index: u32, text: &str) {
        let before = self.doc.transact().state_vector();
        let body = self.doc.get_or_insert_text("body");
        body.insert(&mut self.doc.transact_mut(), index, text);
        let update = self.doc.transact().encode_state_as_update_v1(&before);
        self.send(&Message::Sync(SyncMessage::Update(update))).await;
    }

    /// Appends `text` at the end of the body.
    pub async fn append(&mut self, text: &str) {
        let len = {
            let body = self.doc.get_or_insert_text("body");
            let txn = self.doc.transact();
            body.len(&txn)
        };
        self.insert(len, text).await;
    }

    /// Sends an awareness state (JSON) for this editor's client id.
    pub async fn announce(&mut self, json: &str) {
        let client = self.doc.client_id().get();
        self.announce_as(client, json).await;
    }

    /// Sends an awareness state (JSON) for client id `client` (another's: what y-websocket's
    /// echo of the states it received looks like).
    pub async fn announce_as(&mut self, client: u64, json: &str) {
        self.awareness_clock += 1;
        let client = yrs::ClientID::new(client);
        let update = AwarenessUpdate {
            clients: HashMap::from([(
                client,
                AwarenessUpdateEntry {
                    clock: self.awareness_clock,
                    json: json.into(),
                },
            )]),
        };
        self.send(&Message::Awareness(update)).await;
    }

    /// Reads what arrives for `duration` (or until the connection closes).
    pub async fn pump(&mut self, duration: Duration) {
        let deadline = tokio::time::Instant::now() + duration;
        while self.closed.is_none() {
            let Ok(next) = tokio::time::timeout_at(deadline, self.socket.next()).await else {
                return;
            };
            match next {
                Some(Ok(Frame::Binary(data))) => self.handle(&data).await,
                Some(Ok(Frame::Close(frame))) => {
                    self.closed = Some(
                        frame
                            .map(|f| (u16::from(f.code), f.reason.to_string()))
                            .unwrap_or((1005, String::new())),
                    );
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => {
                    self.closed.get_or_insert((1006, String::new()));
                }
            }
        }
    }

    /// Reads until `done` holds; panics naming `what` after 15 s.
    pub async fn until(&mut self, what: &str, done: impl Fn(&Editor) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        while !done(self) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{what}: not within 15 s (text {:?}, closed {:?})",
                self.text(),
                self.closed
            );
            self.pump(Duration::from_millis(50)).await;
        }
    }

    async fn handle(&mut self, data: &[u8]) {
        let mut decoder = DecoderV1::from(data);
        let messages: Vec<Message> = MessageReader::new(&mut decoder)
            .collect::<Result<_, _>>()
            .expect("the server sends well-formed messages");
        for message in messages {
            match message {
                Message::Sync(SyncMessage::SyncStep1(theirs)) => {
                    let missing = self.doc.transact().encode_state_as_update_v1(&theirs);
                    self.send(&Message::Sync(SyncMessage::SyncStep2(missing)))
                        .await;
                }
                Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
                    let update = Update::decode_v1(&bytes).expect("update");
                    self.doc.transact_mut().apply_update(update).expect("applies");
                }
                Message::Awareness(update) => {
                    for (client, entry) in update.clients {
                        self.presence.insert(client.get(), entry.json.to_string());
                    }
                }
                _ => {}
            }
        }
    }
}

/// An update inserting `text` at the start of an empty body, written under `client`.
pub fn update_as(client: u64, text: &str) -> Vec<u8> {
    let doc = Doc::with_client_id(client);
    let body = doc.get_or_insert_text("body");
    body.insert(&mut doc.transact_mut(), 0, text);
    let update = doc.transact().encode_state_as_update_v1(&StateVector::default());
    update
}

/// `update` as a sync message's frame.
pub fn update_frame(update: Vec<u8>) -> Vec<u8> {
    Message::Sync(SyncMessage::Update(update)).encode_v1()
}
