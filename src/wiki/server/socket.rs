//! `/espaces/{space}/wiki/ws/{page}`: the live connection to one page, speaking the standard
//! Yjs sync and awareness protocol (y-protocols message types, binary frames; y-websocket
//! names the room by the last path segment, here the page id), so a stock `yjs` +
//! `y-websocket` client with the session cookie joins as Parvis' own editor does.
//!
//! The connection answers to the same rule as every request, for as long as it is open: it
//! opens only for a signed-in caller who sees the space, whose wiki is on (404 otherwise, as
//! pages do); whether it may write is the caller's role (contributor or animator of a live
//! space), checked by the room on every update; the caller's standing is read again every
//! [`RECHECK_EVERY`] and at once when the relay says their access changed, and a caller who
//! lost the space, or whose right to write changed, is disconnected (their client reconnects
//! with what it may do now). Malformed, oversized or text frames and floods close the
//! connection with a logged reason; the page is not touched.

use super::{
    checks::Identity,
    pages,
    room::{close, Command, Kick, Outgoing, Peer, OUTGOING_CAPACITY},
    rooms::{self, Rooms},
};
use crate::{
    accounts::server::{
        caller::{AccessChanged, ACCESS_TOPIC},
        Caller,
    },
    espaces::{
        server::access::{module_role_in, reread, Reread},
        types::{Module, SpaceAccess, SpaceAction},
    },
    server::{metrics::LiveConnection, state::AppState},
};
use axum::{
    extract::{
        ws::{CloseFrame, Message as Frame, WebSocket, WebSocketUpgrade},
        Path, State,
    },
    http::StatusCode,
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use futures_util::{stream::SplitSink, SinkExt, StreamExt};
use std::{
    panic::{catch_unwind, AssertUnwindSafe},
    time::{Duration, Instant},
};
use tokio::sync::{broadcast::error::RecvError, mpsc, oneshot};
use yrs::{
    sync::{Message, MessageReader},
    updates::{decoder::DecoderV1, encoder::Encode},
};

/// How often an open connection reads the caller's standing again.
pub const RECHECK_EVERY: Duration = Duration::from_secs(3);
/// The largest message a client may send, in bytes (a whole page's state after editing
/// offline fits many times over); a larger one closes the connection (1009).
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024 * 1024;
/// Messages a connection may send at once, and per second after that: typing sends an update
/// and an awareness change per keystroke, a reconnection a few more.
const BURST: f64 = 400.0;
const PER_SECOND: f64 = 100.0;
/// Messages one frame may hold (y-websocket sends one; more than this is malformed).
const MESSAGES_PER_FRAME: usize = 16;
/// What each connection reads into at a time (tungstenite's default, 128 KiB, is allocated
/// up front for every connection: a thousand open editors held 125 MB of it, and each KiB
/// here is 1 MB of them; a Yjs update of one keystroke is a few dozen bytes, an awareness
/// change a few hundred, and a larger message is read in several turns).
const READ_BUFFER_BYTES: usize = 2 * 1024;
/// How long sending one frame may take before the connection counts as gone.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the live connection to page `page` of space `space`.
pub async fn upgrade(
    State(app): State<AppState>,
    caller: Caller,
    Path((space, page)): Path<(i64, i64)>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(account) = caller.account() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let identity = Identity::new(account.id, &account.display_name);
    let access = match module_role_in(&app, &caller, &app.db, space, Module::Wiki).await {
        Ok(access) => access,
        Err(error) => return error.status().into_response(),
    };
    match pages::find(&app.db, space, page).await {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, space, page, "wiki connection: page not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    upgrade
        .read_buffer_size(READ_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection(socket, app, caller, access, identity, page))
}

/// A token bucket: [`BURST`] messages at once, [`PER_SECOND`] after that.
struct Flood {
    tokens: f64,
    at: Instant,
}

impl Flood {
    fn new() -> Flood {
        Flood {
            tokens: BURST,
            at: Instant::now(),
        }
    }

    /// Whether one more message is within the limit.
    fn allows(&mut self) -> bool {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * PER_SECOND).min(BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The messages of one binary frame (y-protocols allows several in one), read under
/// `catch_unwind`; `None` when the frame is malformed: a message does not decode, the frame
/// holds none, or bytes are left over (yrs' reader stops quietly at a message cut short, so
/// the messages read are encoded again and must account for the whole frame).
fn read_frame(data: &[u8]) -> Option<Vec<Message>> {
    let messages = catch_unwind(AssertUnwindSafe(|| {
        let mut decoder = DecoderV1::from(data);
        MessageReader::new(&mut decoder)
            .take(MESSAGES_PER_FRAME + 1)
            .collect::<Result<Vec<_>, _>>()
    }))
    .ok()?
    .ok()?;
    let read: usize = messages.iter().map(|m| m.encode_v1().len()).sum();
    let whole = !messages.is_empty() && messages.len() <= MESSAGES_PER_FRAME && read == data.len();
    whole.then_some(messages)
}

/// Sends what the room queues for this connection, until the room or the connection closes
/// it. The room dropping the connection's queue (it fell behind) closes with 1013.
async fn write(
    mut sink: SplitSink<WebSocket, Frame>,
    mut outgoing: mpsc::Receiver<Outgoing>,
    mut closing: oneshot::Receiver<(u16, String)>,
    mut kicked: oneshot::Receiver<(u16, String)>,
) {
    let (code, reason) = loop {
        tokio::select! {
            biased;
            asked = &mut kicked, if !kicked.is_terminated() => match asked {
                Ok(asked) => break asked,
                // The room dropped the kick with the connection's place: the queue's end says so.
                Err(_) => continue,
            },
            asked = &mut closing => break asked.unwrap_or((1000, String::new())),
            next = outgoing.recv() => match next {
                Some(Outgoing::Frame(bytes)) => {
                    let sent = tokio::time::timeout(
                        SEND_TIMEOUT,
                        sink.send(Frame::Binary(Bytes::from_owner(bytes))),
                    )
                    .await;
                    if !matches!(sent, Ok(Ok(()))) {
                        return;
                    }
                }
                None => break (close::TRY_AGAIN, "fell behind; reconnect".to_string()),
            },
        }
    };
    let _ = sink
        .send(Frame::Close(Some(CloseFrame {
            code,
            reason: reason.into(),
        })))
        .await;
}

/// How the connection's own loop ended.
enum Ending {
    /// The writer stopped: the room closed or dropped the connection, or the socket failed.
    Writer,
    /// The client closed (`None`), or this side closes with a code and reason.
    Close(Option<(u16, String)>),
}

async fn connection(
    socket: WebSocket,
    app: AppState,
    caller: Caller,
    access: SpaceAccess,
    identity: Identity,
    page: i64,
) {
    let _counted = LiveConnection::open();
    let rooms = match app.domains.get::<Rooms>() {
        Ok(rooms) => rooms.clone(),
        Err(error) => return tracing::error!(%error, "wiki connection"),
    };
    let (sink, mut stream) = socket.split();
    let (sender, outgoing) = mpsc::channel(OUTGOING_CAPACITY);
    let (closer, closing) = oneshot::channel();
    let (kick, kicked) = Kick::new();
    let mut writer = tokio::spawn(write(sink, outgoing, closing, kicked));
    let peer_id = rooms.next_id();
    let can_write = access.allows(SpaceAction::Contribute);
    // Boxed, as the re-read in `read`: opening a room reads the page from the database.
    let joined = Box::pin(rooms.join(&app, page, || Peer {
        id: peer_id,
        identity: identity.clone(),
        can_write,
        outgoing: sender.clone(),
        kick: kick.clone(),
    }))
    .await;
    // From here the room holds the only sender: when it drops this connection, the writer
    // sees the end of its queue.
    drop(sender);
    let commands = match joined {
        Ok(commands) => commands,
        Err(error) => {
            tracing::error!(%error, page, "wiki connection: room not joined");
            let _ = closer.send((close::ERROR, "page unavailable; reconnect".into()));
            let _ = writer.await;
            return;
        }
    };
    let ending = read(
        &app,
        &mut stream,
        &commands,
        peer_id,
        caller,
        access,
        can_write,
        page,
        &mut writer,
    )
    .await;
    rooms::leave(&commands, peer_id).await;
    if let Ending::Close(asked) = ending {
        // The client's own close is answered with a normal one (RFC 6455 §5.5.1).
        let _ = closer.send(asked.unwrap_or((1000, String::new())));
        // The close frame goes out, or the writer gives up; it never outlives the connection.
        if tokio::time::timeout(Duration::from_secs(5), &mut writer)
            .await
            .is_err()
        {
            writer.abort();
        }
        // The closing handshake: what the client still sends is read and dropped until its
        // own close (dropping the socket with unread bytes would reset it, and the client
        // would never read the code and reason).
        let _ = tokio::time::timeout(Duration::from_secs(2), async {
            while let Some(Ok(frame)) = stream.next().await {
                if matches!(frame, Frame::Close(_)) {
                    break;
                }
            }
        })
        .await;
    }
}

/// Reads the client's frames into the room, and re-reads the caller's standing, until either
/// side ends the connection.
#[allow(clippy::too_many_arguments)]
async fn read(
    app: &AppState,
    stream: &mut futures_util::stream::SplitStream<WebSocket>,
    commands: &mpsc::Sender<Command>,
    peer: u64,
    mut caller: Caller,
    mut access: SpaceAccess,
    can_write: bool,
    page: i64,
    writer: &mut tokio::task::JoinHandle<()>,
) -> Ending {
    let account = caller.id();
    let mut flood = Flood::new();
    let mut received = app.realtime.subscribe();
    let mut recheck = tokio::time::interval(RECHECK_EVERY);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    recheck.tick().await;
    loop {
        let check = tokio::select! {
            _ = &mut *writer => return Ending::Writer,
            () = app.shutdown.closing() => {
                return Ending::Close(Some((close::RESTART, "server restarting; reconnect".into())));
            }
            frame = stream.next() => {
                match frame {
                    Some(Ok(Frame::Binary(data))) => {
                        let Some(messages) = read_frame(&data) else {
                            tracing::warn!(page, ?account, bytes = data.len(), "wiki: malformed message, connection closed");
                            return Ending::Close(Some((close::MALFORMED, "malformed message".into())));
                        };
                        if !messages.iter().all(|_| flood.allows()) {
                            tracing::warn!(page, ?account, "wiki: too many messages, connection closed");
                            return Ending::Close(Some((close::POLICY, "too many messages".into())));
                        }
                        for message in messages {
                            if commands.send(Command::Message(peer, message)).await.is_err() {
                                return Ending::Close(Some((close::ERROR, "page closed; reconnect".into())));
                            }
                        }
                        continue;
                    }
                    Some(Ok(Frame::Text(_))) => {
                        tracing::warn!(page, ?account, "wiki: text frame, connection closed");
                        return Ending::Close(Some((close::POLICY, "binary frames only".into())));
                    }
                    Some(Ok(Frame::Ping(_) | Frame::Pong(_))) => continue,
                    Some(Ok(Frame::Close(_))) | None => return Ending::Close(None),
                    Some(Err(error)) => {
                        tracing::warn!(page, ?account, %error, "wiki: connection failed or message too large, closed");
                        return Ending::Close(Some((1009, "message too large or unreadable".into())));
                    }
                }
            }
            _ = recheck.tick() => true,
            message = received.recv() => match message {
                Ok(message) => message
                    .read::<AccessChanged>(ACCESS_TOPIC)
                    .is_some_and(|changed| Some(changed.account_id) == account),
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => false,
            },
        };
        if !check {
            continue;
        }
        // Boxed: the re-read's database futures would otherwise make every open connection's
        // task as large as they are, all the time it waits (a thousand open pages held them).
        if let Some(ending) =
            Box::pin(standing(app, &mut caller, &mut access, can_write, page)).await
        {
            return ending;
        }
    }
}

/// Reads the caller's standing in the page's space again: `None` when they keep it (`caller`
/// and `access` updated), or how the connection ends when they lost it, or their right to
/// write changed, or the page went to the bin.
async fn standing(
    app: &AppState,
    caller: &mut Caller,
    access: &mut SpaceAccess,
    can_write: bool,
    page: i64,
) -> Option<Ending> {
    let account = caller.id();
    // A page put in the bin closes its connections at once through its room; this catches
    // one that joined as it went (and a process that missed the message).
    if let Ok(None) = pages::find(&app.db, access.space_id, page).await {
        tracing::info!(
            page,
            ?account,
            "wiki: the page is in the bin, connection closed"
        );
        return Some(Ending::Close(Some((close::POLICY, "page deleted".into()))));
    }
    match reread(app, caller, access, Some(Module::Wiki)).await {
        Reread::Same => None,
        Reread::Changed(fresh, now) => {
            if now.allows(SpaceAction::Contribute) != can_write {
                tracing::info!(
                    page,
                    ?account,
                    "wiki: the editor's role changed, connection closed"
                );
                // Demoted: the editor stops for good (a reconnection would show an editor
                // whose every keystroke is refused). Promoted: it reconnects and writes.
                let reason = if can_write {
                    "read-only now"
                } else {
                    "access changed; reconnect"
                };
                return Some(Ending::Close(Some((close::POLICY, reason.into()))));
            }
            (*caller, *access) = (fresh, now);
            None
        }
        Reread::Gone => {
            tracing::info!(page, ?account, "wiki: access ended, connection closed");
            Some(Ending::Close(Some((close::POLICY, "access ended".into()))))
        }
    }
}
