//! The real editing traces (a module of `wiki_load.rs`; `../shared/data/editing-traces/`,
//! from josephg/editing-traces, CC BY 4.0) replayed through yrs documents as clients would
//! type them, one transaction of the trace a Yjs transaction and its update.
//!
//! A trace is a list of transactions, each a list of patches `[position, deleted, inserted]`
//! (positions in Unicode code points, applied in order). The sequential trace has one author;
//! in the concurrent one each transaction names its author (`agent`) and the transactions it
//! was typed on top of (`parents`): its positions are relative to that version, which holds
//! exactly the transactions its parents hold. So each author types in a document of their
//! own, and before each of their transactions receives the other authors' updates its parents
//! hold and no more (an author's transactions follow each other, so what one holds of another
//! author is always a prefix of that author's list; the replay checks it). At the end every
//! author receives the rest, and all their texts must be the trace's `endContent`.

use super::wiki_process::{own_memory_kb, reset_own_peak};
use serde::Deserialize;
use std::{io::Read, path::Path, time::Instant};
use yrs::{
    updates::decoder::Decode, Doc, GetString, OffsetKind, Options, ReadTxn, StateVector, Text,
    Transact, Update,
};

/// One transaction of a trace.
#[derive(Debug, Clone, Deserialize)]
pub struct Txn {
    #[serde(default)]
    pub agent: usize,
    /// The transactions it was typed on top of (absent in a sequential trace: the one before).
    #[serde(default)]
    pub parents: Option<Vec<usize>>,
    /// `[position, deleted, inserted]`.
    pub patches: Vec<(u32, u32, String)>,
}

/// A trace as read from its file.
#[derive(Debug, Clone, Deserialize)]
pub struct Trace {
    #[serde(default, rename = "startContent")]
    pub start: String,
    #[serde(rename = "endContent")]
    pub end: String,
    pub txns: Vec<Txn>,
}

impl Trace {
    /// Reads a gzipped JSON trace.
    pub fn load(path: &Path) -> Result<Trace, String> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut json = String::new();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut json)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let trace: Trace =
            serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        if !trace.start.is_empty() {
            return Err(format!(
                "{}: a start content is not replayed",
                path.display()
            ));
        }
        // yrs counts offsets in UTF-16 units here, the trace in code points: the same while
        // nothing is outside the Basic Multilingual Plane.
        let astral = trace
            .txns
            .iter()
            .flat_map(|t| &t.patches)
            .any(|(_, _, text)| text.chars().any(|c| c.len_utf16() > 1));
        if astral {
            return Err(format!(
                "{}: characters beyond U+FFFF (positions would need converting)",
                path.display()
            ));
        }
        Ok(trace)
    }

    /// Its first `count` transactions (the whole trace when `count` is larger): a prefix of a
    /// trace in its order is a trace too, whose end text is unknown.
    pub fn cut(mut self, count: usize) -> (Trace, bool) {
        let whole = count >= self.txns.len();
        self.txns.truncate(count);
        (self, whole)
    }

    /// How many authors it has.
    pub fn agents(&self) -> usize {
        self.txns.iter().map(|t| t.agent + 1).max().unwrap_or(1)
    }

    /// Patches in all.
    pub fn patches(&self) -> usize {
        self.txns.iter().map(|t| t.patches.len()).sum()
    }
}

/// What a client replay gave.
pub struct Replay {
    /// The text every author ends with.
    pub text: String,
    /// Each transaction's update, in trace order, with its author (when asked for).
    pub updates: Vec<(usize, Vec<u8>)>,
    pub seconds: f64,
    /// This process's peak resident size during the replay, above where it stood before (MB).
    pub peak_mb: f64,
    /// Resident size once done, the documents still held, above before (MB).
    pub held_mb: f64,
    /// The document's whole state, encoded (bytes).
    pub state_bytes: usize,
}

/// A text document counting offsets as the trace's positions (UTF-16 units; see
/// [`Trace::load`]) under Yjs client id `client`.
fn document(client: u64) -> Doc {
    let mut options = Options::with_client_id(yrs::ClientID::new(client));
    options.offset_kind = OffsetKind::Utf16;
    Doc::with_options(options)
}

/// The Yjs client id of author `agent`.
pub fn client_of(agent: usize) -> u64 {
    1_000 + agent as u64
}

fn apply(doc: &Doc, bytes: &[u8]) -> Result<(), String> {
    let update = Update::decode_v1(bytes).map_err(|e| format!("update: {e}"))?;
    doc.transact_mut()
        .apply_update(update)
        .map_err(|e| format!("update does not apply: {e}"))
}

/// Replays `trace` as its authors' clients would; `keep` keeps every update (for the server's
/// replay). The text is checked to be the same in every author's document.
pub fn replay(trace: &Trace, keep: bool) -> Result<Replay, String> {
    let agents = trace.agents();
    let exchange = agents > 1;
    let (before_kb, _) = own_memory_kb();
    reset_own_peak();
    let start = Instant::now();
    let docs: Vec<Doc> = (0..agents).map(|a| document(client_of(a))).collect();
    let bodies: Vec<_> = docs.iter().map(|d| d.get_or_insert_text("body")).collect();
    // Each author's updates, in their order; what each author has applied of each other's.
    let mut own: Vec<Vec<Vec<u8>>> = vec![Vec::new(); agents];
    let mut applied = vec![vec![0usize; agents]; agents];
    // Per transaction, how many of each author's transactions its version holds.
    let mut versions: Vec<Vec<u32>> = Vec::with_capacity(trace.txns.len());
    let mut updates = Vec::new();
    for (i, txn) in trace.txns.iter().enumerate() {
        let a = txn.agent;
        let mut version = vec![0u32; agents];
        let parents = match &txn.parents {
            Some(parents) => parents.clone(),
            None => i.checked_sub(1).into_iter().collect(),
        };
        for p in parents {
            let theirs = versions
                .get(p)
                .ok_or_else(|| format!("transaction {i}: parent {p} comes later"))?;
            for (v, t) in version.iter_mut().zip(theirs) {
                *v = (*v).max(*t);
            }
        }
        if version[a] as usize != own[a].len() && exchange {
            return Err(format!(
                "transaction {i}: its author's earlier transactions are not all its parents'"
            ));
        }
        for b in (0..agents).filter(|b| *b != a) {
            while applied[a][b] < version[b] as usize {
                apply(&docs[a], &own[b][applied[a][b]])?;
                applied[a][b] += 1;
            }
        }
        let update = {
            let mut t = docs[a].transact_mut();
            for (at, deleted, inserted) in &txn.patches {
                if *deleted > 0 {
                    bodies[a].remove_range(&mut t, *at, *deleted);
                }
                if !inserted.is_empty() {
                    bodies[a].insert(&mut t, *at, inserted);
                }
            }
            t.encode_update_v1()
        };
        version[a] += 1;
        versions.push(version);
        if keep {
            updates.push((a, update.clone()));
        }
        if exchange {
            own[a].push(update);
        } else {
            std::hint::black_box(update);
        }
    }
    // Everyone receives the rest.
    for a in 0..agents {
        for b in (0..agents).filter(|b| *b != a) {
            for update in &own[b][applied[a][b]..] {
                apply(&docs[a], update)?;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let (after_kb, peak_kb) = own_memory_kb();
    let texts: Vec<String> = docs
        .iter()
        .zip(&bodies)
        .map(|(d, b)| b.get_string(&d.transact()))
        .collect();
    if texts.iter().any(|t| t != &texts[0]) {
        return Err("the authors' documents differ after the exchange".into());
    }
    let state_bytes = docs[0]
        .transact()
        .encode_state_as_update_v1(&StateVector::default())
        .len();
    Ok(Replay {
        text: texts.into_iter().next().unwrap_or_default(),
        updates,
        seconds,
        peak_mb: peak_kb.saturating_sub(before_kb) as f64 / 1024.0,
        held_mb: after_kb.saturating_sub(before_kb) as f64 / 1024.0,
        state_bytes,
    })
}
