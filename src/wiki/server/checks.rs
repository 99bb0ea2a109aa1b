//! What the server checks in each Yjs message before it touches a page: that an update
//! decodes and applies on a scratch document without panicking (yrs has panicked on some
//! malformed updates, y-crdt#415: both steps run under `catch_unwind`), what it adds beyond
//! the page's state (a reader may add nothing), under which client ids it writes (no one
//! writes under another account's id), and awareness states stamped with the sender's real
//! identity.

use serde_json::{json, Value};
use std::{
    collections::HashMap,
    panic::{catch_unwind, AssertUnwindSafe},
};
use yrs::{
    sync::awareness::{AwarenessUpdate, AwarenessUpdateEntry},
    updates::decoder::Decode,
    Doc, IdSet, StateVector, Transact, Update,
};

/// The largest client id Yjs uses (53 bits: a JavaScript safe integer).
pub const CLIENT_ID_MAX: u64 = (1 << 53) - 1;

/// Why an incoming message was refused; its text is the reason the connection is closed with
/// (WebSocket close reasons hold at most 123 bytes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("malformed update")]
    Malformed,
    #[error("read-only: this member may not edit the page")]
    ReadOnly,
    #[error("client id {0} writes for another author")]
    ForeignClient(u64),
    #[error("client id out of range")]
    ClientOutOfRange,
    #[error("malformed awareness state")]
    MalformedAwareness,
    /// The update holds content a page's text never has (maps, arrays, embedded values…).
    #[error("unsupported content")]
    UnsupportedContent,
    /// The update needs items the page does not have.
    #[error("incomplete update; reconnect")]
    Incomplete,
}

/// Reads the framing of a lib0 v1 update without building anything: every struct's header,
/// and its content only when it is a string or a deleted run — all a page's text ever holds.
/// Other contents (maps, arrays, JSON, embedded documents) are [`Refusal::UnsupportedContent`]:
/// yrs decodes nested values recursively without a depth limit, so a deeply nested value
/// would overflow the stack, which `catch_unwind` cannot catch. Iterative, bounded by the
/// message's length.
pub fn plain_text_only(bytes: &[u8]) -> Result<(), Refusal> {
    const GC: u8 = 0;
    const SKIP: u8 = 10;
    const DELETED: u8 = 1;
    const STRING: u8 = 4;
    let mut r = Lib0 { bytes, at: 0 };
    let clients = r.var()?;
    for _ in 0..clients {
        let structs = r.var()?;
        r.var()?; // client
        r.var()?; // first clock
        for _ in 0..structs {
            let info = r.byte()?;
            match info {
                GC | SKIP => {
                    r.var()?;
                }
                info => {
                    let has_origin = info & 0b1000_0000 != 0;
                    let has_right_origin = info & 0b0100_0000 != 0;
                    if has_origin {
                        r.id()?;
                    }
                    if has_right_origin {
                        r.id()?;
                    }
                    if !has_origin && !has_right_origin {
                        if r.var()? == 1 {
                            r.string()?;
                        } else {
                            r.id()?;
                        }
                        if info & 0b0010_0000 != 0 {
                            r.string()?;
                        }
                    }
                    match info & 0b1_1111 {
                        DELETED => {
                            r.var()?;
                        }
                        STRING => r.string()?,
                        _ => return Err(Refusal::UnsupportedContent),
                    }
                }
            }
        }
    }
    // The delete set: per client, ranges of (clock, length).
    let clients = r.var()?;
    for _ in 0..clients {
        r.var()?;
        let ranges = r.var()?;
        for _ in 0..ranges {
            r.var()?;
            r.var()?;
        }
    }
    if r.at == bytes.len() {
        Ok(())
    } else {
        Err(Refusal::Malformed)
    }
}

/// A reader of lib0's variable-length integers and strings.
struct Lib0<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Lib0<'_> {
    fn byte(&mut self) -> Result<u8, Refusal> {
        let byte = *self.bytes.get(self.at).ok_or(Refusal::Malformed)?;
        self.at += 1;
        Ok(byte)
    }

    /// An unsigned variable-length integer (7 bits a byte), at most 64 bits.
    fn var(&mut self) -> Result<u64, Refusal> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Refusal::Malformed)
    }

    fn id(&mut self) -> Result<(), Refusal> {
        self.var()?;
        self.var().map(drop)
    }

    fn string(&mut self) -> Result<(), Refusal> {
        let len = usize::try_from(self.var()?).map_err(|_| Refusal::Malformed)?;
        let end = self.at.checked_add(len).ok_or(Refusal::Malformed)?;
        if end > self.bytes.len() {
            return Err(Refusal::Malformed);
        }
        self.at = end;
        Ok(())
    }
}

/// `bytes` decoded as an update (lib0 v1) and applied to an empty scratch document, both
/// under `catch_unwind`: a panic or an error is [`Refusal::Malformed`], and the page's own
/// document is never touched by an update that failed here.
pub fn decode_update(bytes: &[u8]) -> Result<Update, Refusal> {
    plain_text_only(bytes)?;
    let scratch = catch_unwind(AssertUnwindSafe(|| -> Result<Update, Refusal> {
        let update = Update::decode_v1(bytes).map_err(|_| Refusal::Malformed)?;
        let probe = Update::decode_v1(bytes).map_err(|_| Refusal::Malformed)?;
        let doc = Doc::new();
        doc.transact_mut()
            .apply_update(probe)
            .map_err(|_| Refusal::Malformed)?;
        Ok(update)
    }));
    scratch.unwrap_or(Err(Refusal::Malformed))
}

/// What an update brings to a page whose state vector is `known` and whose deletions are
/// `deleted`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Novelty {
    /// The client ids under which it inserts what the page does not have yet.
    pub writers: Vec<u64>,
    /// It deletes something the page has not deleted.
    pub deletes: bool,
}

impl Novelty {
    /// Whether the update changes nothing (a reconnecting client's echo of what the page has).
    pub fn is_nothing(&self) -> bool {
        self.writers.is_empty() && !self.deletes
    }
}

/// What `update` adds to a page at `known` with deletions `deleted`.
pub fn novelty(update: &Update, known: &StateVector, deleted: &IdSet) -> Novelty {
    let mut writers = Vec::new();
    for (client, ranges) in update.insertions(true).iter() {
        let have = known.get(client);
        if ranges.iter().any(|range| range.end > have) {
            writers.push(client.get());
        }
    }
    writers.sort_unstable();
    let deletes = !update.delete_set().diff(deleted).is_empty();
    Novelty { writers, deletes }
}

/// Checks `novelty` for a sender that writes as `account` (`None`: a reader) against the
/// page's client `owners`; the client ids this update claims for the first time.
pub fn authorise(
    novelty: &Novelty,
    account: Option<i64>,
    owners: &HashMap<u64, i64>,
) -> Result<Vec<u64>, Refusal> {
    let Some(account) = account else {
        return if novelty.is_nothing() {
            Ok(Vec::new())
        } else {
            Err(Refusal::ReadOnly)
        };
    };
    let mut claimed = Vec::new();
    for client in &novelty.writers {
        if *client > CLIENT_ID_MAX {
            return Err(Refusal::ClientOutOfRange);
        }
        match owners.get(client) {
            Some(owner) if *owner == account => {}
            Some(_) => return Err(Refusal::ForeignClient(*client)),
            None => claimed.push(*client),
        }
    }
    Ok(claimed)
}

/// Who a connection is, as every other editor sees it: what awareness states are stamped with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub account: i64,
    pub name: String,
    /// A CSS colour (`#rrggbb`) for the person's cursor and name.
    pub color: String,
}

impl Identity {
    /// The identity of `account` named `name`, its colour chosen by its id (the same on every
    /// page and every visit).
    pub fn new(account: i64, name: &str) -> Identity {
        let colors = crate::wiki::types::EDITOR_COLORS;
        let index = usize::try_from(account.rem_euclid(colors.len() as i64)).unwrap_or(0);
        Identity {
            account,
            name: name.to_string(),
            color: colors[index].to_string(),
        }
    }
}

/// The longest awareness state kept and relayed, in bytes of JSON (a name, a colour and a
/// cursor take a hundred).
pub const AWARENESS_MAX_BYTES: usize = 4096;

/// `update`'s states for the client ids `mine` allows, each stamped with `who`: its `user`
/// field replaced by the real name, colour and account (whatever the client wrote there); a
/// removed state (`null`) stays removed. States for other client ids are left out without a
/// refusal: y-websocket sends back every state it receives, others' included. So are states
/// longer than [`AWARENESS_MAX_BYTES`] and ids beyond 53 bits. A state that is not JSON is
/// [`Refusal::MalformedAwareness`].
pub fn stamp_awareness(
    update: AwarenessUpdate,
    who: &Identity,
    mine: impl Fn(u64) -> bool,
) -> Result<AwarenessUpdate, Refusal> {
    let mut clients = HashMap::with_capacity(update.clients.len());
    for (client, entry) in update.clients {
        if client.get() > CLIENT_ID_MAX || !mine(client.get()) || entry.json.len() > AWARENESS_MAX_BYTES {
            continue;
        }
        let mut state: Value =
            serde_json::from_str(&entry.json).map_err(|_| Refusal::MalformedAwareness)?;
        if let Value::Object(fields) = &mut state {
            fields.insert(
                "user".into(),
                json!({ "name": who.name, "color": who.color, "account": who.account }),
            );
        } else if !state.is_null() {
            return Err(Refusal::MalformedAwareness);
        }
        clients.insert(
            client,
            AwarenessUpdateEntry {
                clock: entry.clock,
                json: state.to_string().into(),
            },
        );
    }
    Ok(AwarenessUpdate { clients })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{GetString, ReadTxn, Text};

    fn typed(client: u64, text: &str) -> Vec<u8> {
        let doc = Doc::with_client_id(client);
        let body = doc.get_or_insert_text("body");
        body.push(&mut doc.transact_mut(), text);
        let update = doc.transact().encode_state_as_update_v1(&StateVector::default());
        update
    }

    #[test]
    fn garbage_is_refused_without_touching_anything() {
        for bytes in [&b""[..], &[0xff; 12], &[1, 1, 200, 3, 0, 4], &[0, 0, 0]] {
            assert!(decode_update(bytes).is_err() || bytes == [0, 0, 0], "{bytes:?}");
        }
        let good = typed(7, "bonjour");
        let update = decode_update(&good).expect("decodes");
        let doc = Doc::new();
        doc.transact_mut().apply_update(update).expect("applies");
        assert_eq!(
            doc.get_or_insert_text("body").get_string(&doc.transact()),
            "bonjour"
        );
    }

    #[test]
    fn only_text_content_is_read_and_nesting_never_reaches_yrs() {
        assert_eq!(plain_text_only(&typed(7, "abc")), Ok(()));
        // One item (client 1, clock 0, parent "body") holding an Any array nested 100,000 deep.
        let mut nested = vec![1, 1, 1, 0, 8, 1, 4, b'b', b'o', b'd', b'y', 1];
        for _ in 0..100_000 {
            nested.extend([117, 1]);
        }
        nested.extend([119, 0, 0]);
        assert_eq!(plain_text_only(&nested), Err(Refusal::UnsupportedContent));
        assert_eq!(decode_update(&nested).err(), Some(Refusal::UnsupportedContent));
        for cut in [&[1u8, 1, 1][..], &[1, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 1], &[0, 0, 5]] {
            assert!(plain_text_only(cut).is_err(), "{cut:?}");
        }
    }

    #[test]
    fn a_reader_may_only_echo_and_nobody_writes_under_another_id() {
        let doc = Doc::new();
        let update = decode_update(&typed(7, "abc")).expect("decodes");
        let (known, deleted) = {
            let txn = doc.transact();
            (txn.state_vector(), txn.snapshot().delete_set)
        };
        let new = novelty(&update, &known, &deleted);
        assert_eq!(new.writers, vec![7]);
        assert_eq!(authorise(&new, None, &HashMap::new()), Err(Refusal::ReadOnly));
        assert_eq!(authorise(&new, Some(1), &HashMap::new()), Ok(vec![7]));
        let owners = HashMap::from([(7, 2)]);
        assert_eq!(
            authorise(&new, Some(1), &owners),
            Err(Refusal::ForeignClient(7))
        );
        assert_eq!(authorise(&new, Some(2), &owners), Ok(vec![]));
        doc.transact_mut().apply_update(update).expect("applies");
        let echo = decode_update(&typed(7, "abc")).expect("decodes");
        let (known, deleted) = {
            let txn = doc.transact();
            (txn.state_vector(), txn.snapshot().delete_set)
        };
        let again = novelty(&echo, &known, &deleted);
        assert!(again.is_nothing(), "{again:?}");
        assert_eq!(authorise(&again, None, &HashMap::new()), Ok(vec![]));
    }

    #[test]
    fn awareness_carries_the_real_name_whatever_the_client_wrote() {
        let who = Identity::new(3, "Zoé");
        let forged = AwarenessUpdate {
            clients: HashMap::from([(
                yrs::ClientID::new(9),
                AwarenessUpdateEntry {
                    clock: 1,
                    json: r#"{"user":{"name":"Admin"},"cursor":{"anchor":1}}"#.into(),
                },
            )]),
        };
        let stamped = stamp_awareness(forged.clone(), &who, |c| c == 9).expect("stamped");
        let state: Value =
            serde_json::from_str(&stamped.clients.values().next().expect("one").json).expect("json");
        assert_eq!(state["user"]["name"], "Zoé");
        assert_eq!(state["user"]["account"], 3);
        assert_eq!(state["cursor"]["anchor"], 1);
        let others = stamp_awareness(forged, &who, |_| false).expect("left out, not refused");
        assert!(others.clients.is_empty());
    }
}
