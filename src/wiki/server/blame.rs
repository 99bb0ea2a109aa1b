//! Who wrote each line of a page, from the CRDT's own items: every piece of the text is an item
//! of the Yjs document inserted under one client id, and `wiki_clients` says which account
//! wrote under it (the room records it before anything of it is stored). A line's author is
//! the one who wrote most of its characters; the others who wrote some of it are listed too.

use super::log::{self, LoadError};
use crate::{server::db::Db, wiki::types::BODY_TEXT};
use std::collections::HashMap;
use yrs::{types::text::YChange, Any, Doc, Out, ReadTxn, Snapshot, Text, Transact};

/// One line of the text with the accounts that wrote it, the main author first (`None`: a
/// piece whose client id no account claims, e.g. the demo's seed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlamedLine {
    pub text: String,
    pub authors: Vec<Option<i64>>,
}

/// Page `page`'s current text, line by line, with who wrote each.
pub async fn lines(db: &Db, page: i64) -> Result<Vec<BlamedLine>, LoadError> {
    let (doc, _) = log::load(db, page).await?;
    let owners = log::owners(db, page).await?;
    Ok(by_line(&pieces(&doc), &owners))
}

/// The display names of the accounts that wrote on page `page`, by account id.
pub async fn author_names(db: &Db, page: i64) -> Result<HashMap<i64, String>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT u.id, u.display_name FROM wiki_clients c JOIN users u ON u.id = c.user_id WHERE c.page_id = $1",
    )
    .bind(page)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The text as pieces, each with the client id of the item it comes from, in order. Asks for
/// the difference between the document now and an empty one: every piece shows as added,
/// marked with the id of its item.
fn pieces(doc: &Doc) -> Vec<(String, u64)> {
    let body = doc.get_or_insert_text(BODY_TEXT);
    let mut txn = doc.transact_mut();
    let now = txn.snapshot();
    body.diff_range(
        &mut txn,
        Some(&now),
        Some(&Snapshot::default()),
        YChange::identity,
    )
    .into_iter()
    .filter_map(|chunk| {
        let client = chunk.ychange.map(|change| change.id.client.get())?;
        match chunk.insert {
            Out::Any(Any::String(text)) => Some((text.to_string(), client)),
            _ => None,
        }
    })
    .collect()
}

/// `pieces` cut into lines, each with its authors by the number of characters they wrote
/// (the line ending not counted), the most first.
fn by_line(pieces: &[(String, u64)], owners: &HashMap<u64, i64>) -> Vec<BlamedLine> {
    let mut lines = Vec::new();
    let mut text = String::new();
    let mut counts: Vec<(Option<i64>, usize)> = Vec::new();
    let mut finish = |text: &mut String, counts: &mut Vec<(Option<i64>, usize)>| {
        counts.sort_by(|a, b| b.1.cmp(&a.1));
        lines.push(BlamedLine {
            text: std::mem::take(text),
            authors: counts.drain(..).map(|(author, _)| author).collect(),
        });
    };
    for (piece, client) in pieces {
        // An id no account claims counts as nobody's (0 is the tombstone of an erased one).
        let author = owners.get(client).copied().filter(|a| *a > 0);
        for (i, part) in piece.split('\n').enumerate() {
            if i > 0 {
                finish(&mut text, &mut counts);
            }
            if part.is_empty() {
                continue;
            }
            text.push_str(part);
            let n = part.chars().count();
            match counts.iter_mut().find(|(a, _)| *a == author) {
                Some((_, count)) => *count += n,
                None => counts.push((author, n)),
            }
        }
    }
    if !text.is_empty() || !counts.is_empty() {
        finish(&mut text, &mut counts);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::updates::decoder::Decode;

    #[test]
    fn each_line_is_blamed_on_the_client_that_wrote_most_of_it() {
        let ada = Doc::with_client_id(11);
        let body = ada.get_or_insert_text(BODY_TEXT);
        body.push(&mut ada.transact_mut(), "Première ligne\nDeuxième");
        let bob = Doc::with_client_id(22);
        let update = ada
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default());
        bob.transact_mut()
            .apply_update(yrs::Update::decode_v1(&update).expect("decode"))
            .expect("apply");
        let bob_body = bob.get_or_insert_text(BODY_TEXT);
        // Bob ends the second line with more than Ada wrote of it, and adds a third.
        let end = bob_body.len(&bob.transact());
        bob_body.insert(
            &mut bob.transact_mut(),
            end,
            " ligne, écrite par Bob\nTroisième",
        );
        let owners = HashMap::from([(11, 1), (22, 2)]);
        let lines = by_line(&pieces(&bob), &owners);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Première ligne",
                "Deuxième ligne, écrite par Bob",
                "Troisième"
            ]
        );
        assert_eq!(lines[0].authors, [Some(1)]);
        assert_eq!(lines[1].authors, [Some(2), Some(1)]);
        assert_eq!(lines[2].authors, [Some(2)]);
    }
}
