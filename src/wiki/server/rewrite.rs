//! A change of a page's text made by the server for someone (restoring an old revision): the
//! differences between the current text and the wanted one, line by line, become inserts and
//! deletes of one Yjs update under a client id of that account's own — so the lines kept keep
//! their authors, the changed ones are the account's — appended to the log like any editor's
//! update and relayed to the page's open rooms in every process, which merge it with what is
//! being typed meanwhile.

use super::{
    log::{self, LoadError, NewUpdate},
    rooms::Rooms,
};
use crate::{server::state::AppState, wiki::types::BODY_TEXT};
use similar::{Algorithm, DiffOp, TextDiff};
use std::time::{Duration, Instant};
use yrs::{updates::decoder::Decode, Doc, GetString, ReadTxn, StateVector, Text, Transact, Update};

/// Why the text was not changed.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("wiki rewrite: {0}")]
    Database(#[from] sqlx::Error),
    #[error("wiki rewrite: the page's state does not apply: {0}")]
    State(String),
}

/// Makes page `page`'s text `wanted` as account `author`; the log rows written (none when it
/// already was).
pub async fn replace_text(
    app: &AppState,
    rooms: &Rooms,
    page: i64,
    author: i64,
    wanted: &str,
) -> Result<Vec<i64>, RewriteError> {
    let (stored, _) = log::load(&app.db, page).await?;
    let taken = log::owners(&app.db, page).await?;
    // A client id nobody wrote under on this page: 53 bits, as Yjs clients draw them.
    let client = loop {
        let drawn = rand::random::<u64>() >> 11;
        if drawn > 0 && !taken.contains_key(&drawn) {
            break drawn;
        }
    };
    let doc = Doc::with_client_id(client);
    let state = stored
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let body = doc.get_or_insert_text(BODY_TEXT);
    {
        let update = Update::decode_v1(&state).map_err(|e| RewriteError::State(e.to_string()))?;
        doc.transact_mut()
            .apply_update(update)
            .map_err(|e| RewriteError::State(e.to_string()))?;
    }
    let current = body.get_string(&doc.transact());
    if current == wanted {
        return Ok(Vec::new());
    }
    let update = {
        let mut txn = doc.transact_mut();
        // The operations from the end backwards: an edit never moves the offsets before it.
        for (at, remove, insert) in line_edits(&current, wanted).into_iter().rev() {
            if remove > 0 {
                body.remove_range(&mut txn, at, remove);
            }
            if !insert.is_empty() {
                body.insert(&mut txn, at, &insert);
            }
        }
        txn.encode_update_v1()
    };
    let ids = log::append(
        &app.db,
        page,
        &[NewUpdate {
            body: update,
            author,
        }],
        &[(client, author)],
        app.clock.now_seconds(),
    )
    .await?;
    rooms.announce(app, page, ids.clone()).await;
    Ok(ids)
}

/// The edits turning `old` into `new`, line by line, in order: (byte offset in `old`, bytes
/// removed there, text inserted there). Offsets are at line starts, so on character
/// boundaries (the server's documents count in bytes, yrs' default).
fn line_edits(old: &str, new: &str) -> Vec<(u32, u32, String)> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        // A very long text with everything changed: a coarser diff, soon.
        .deadline(Instant::now() + Duration::from_millis(500))
        .diff_lines(old, new);
    let (old_lines, new_lines) = (diff.old_slices(), diff.new_slices());
    let starts: Vec<usize> = std::iter::once(0)
        .chain(old_lines.iter().scan(0, |at, line| {
            *at += line.len();
            Some(*at)
        }))
        .collect();
    let offset = |line: usize| u32::try_from(starts[line]).unwrap_or(u32::MAX);
    let text = |from: usize, len: usize| new_lines[from..from + len].concat();
    diff.ops()
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Equal { .. } => None,
            DiffOp::Delete {
                old_index, old_len, ..
            } => Some((
                offset(old_index),
                offset(old_index + old_len) - offset(old_index),
                String::new(),
            )),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => Some((offset(old_index), 0, text(new_index, new_len))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Some((
                offset(old_index),
                offset(old_index + old_len) - offset(old_index),
                text(new_index, new_len),
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::line_edits;

    /// Applies the edits as `replace_text` does, from the end backwards.
    fn apply(old: &str, new: &str) -> String {
        let mut text = old.to_string();
        for (at, remove, insert) in line_edits(old, new).into_iter().rev() {
            let (at, remove) = (at as usize, remove as usize);
            text.replace_range(at..at + remove, &insert);
        }
        text
    }

    #[test]
    fn the_edits_turn_the_old_text_into_the_new_one_touching_changed_lines_only() {
        let cases = [
            ("", "Un\nDeux\n"),
            ("Un\nDeux\n", ""),
            ("Un\nDeux\nTrois", "Un\nDeux bis\nTrois\nQuatre"),
            ("é\nà\nü\n", "à\né\nü"),
            ("même\ntexte", "même\ntexte"),
            ("sans fin de ligne", "sans fin de ligne\n"),
        ];
        for (old, new) in cases {
            assert_eq!(apply(old, new), new, "{old:?} → {new:?}");
        }
        let edits = line_edits("Un\nDeux\nTrois\n", "Un\n2\nTrois\n");
        assert_eq!(
            edits,
            vec![(3, 5, "2\n".to_string())],
            "only the changed line"
        );
    }
}
