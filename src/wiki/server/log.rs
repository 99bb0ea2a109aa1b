//! A page's body on disk: its compacted snapshot and the append-only log of the Yjs updates
//! that came after it (`wiki_snapshots`, `wiki_updates`), and which account writes under each
//! Yjs client id (`wiki_clients`). An update is durable once its row is committed; the live
//! room ([`super::room`]) commits a batch of them in one transaction before relaying any
//! (group commit), so a crash, even SIGKILL, loses nothing that anyone was shown.

use crate::server::db::Db;
use sqlx::Row;
use std::collections::HashMap;
use yrs::{updates::decoder::Decode, Doc, Transact, Update};

/// What a page's stored body holds.
#[derive(Debug, Default)]
pub struct Stored {
    /// The snapshot's bytes (one update, lib0 v1), when the page was compacted.
    pub snapshot: Option<Vec<u8>>,
    /// The log after the snapshot: (row id, update bytes), in the order they became durable.
    pub updates: Vec<(i64, Vec<u8>)>,
}

/// Why a stored body could not be read back into a document.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("wiki body: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored update does not decode or apply: the log was damaged outside Parvis (every
    /// row was checked before it was written).
    #[error("wiki body: stored update {row} of page {page} is unreadable: {reason}")]
    Damaged { page: i64, row: i64, reason: String },
}

/// One update to append: its bytes and the account that sent it.
#[derive(Debug, Clone)]
pub struct NewUpdate {
    pub body: Vec<u8>,
    pub author: i64,
}

/// Reads page `page`'s log, then its snapshot: in this order, a compaction committed between
/// the two reads leaves its rows both in the log read and in the snapshot (applying an update
/// twice changes nothing), never in neither.
pub async fn read(db: &Db, page: i64) -> Result<Stored, sqlx::Error> {
    let updates = sqlx::query("SELECT id, body FROM wiki_updates WHERE page_id = $1 ORDER BY id")
        .bind(page)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|row| (row.get::<i64, _>("id"), row.get::<Vec<u8>, _>("body")))
        .collect();
    let snapshot = sqlx::query_scalar("SELECT body FROM wiki_snapshots WHERE page_id = $1")
        .bind(page)
        .fetch_optional(&db.pool)
        .await?;
    Ok(Stored { snapshot, updates })
}

/// Page `page`'s body as a document (empty for a new page), and the id of the last log row
/// it holds (0 when none).
pub async fn load(db: &Db, page: i64) -> Result<(Doc, i64), LoadError> {
    replay(page, &read(db, page).await?)
}

/// `stored` applied to a new document, snapshot first; with the id of its last log row.
fn replay(page: i64, stored: &Stored) -> Result<(Doc, i64), LoadError> {
    let doc = Doc::new();
    let mut last = 0;
    {
        let mut txn = doc.transact_mut();
        let parts = stored
            .snapshot
            .iter()
            .map(|body| (0, body))
            .chain(stored.updates.iter().map(|(id, body)| (*id, body)));
        for (row, body) in parts {
            let damaged = |reason: String| LoadError::Damaged { page, row, reason };
            let update = Update::decode_v1(body).map_err(|e| damaged(e.to_string()))?;
            txn.apply_update(update)
                .map_err(|e| damaged(e.to_string()))?;
            last = last.max(row);
        }
    }
    Ok((doc, last))
}

/// The accounts that write under each Yjs client id seen on page `page`.
pub async fn owners(db: &Db, page: i64) -> Result<HashMap<u64, i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT client_id, user_id FROM wiki_clients WHERE page_id = $1")
        .bind(page)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let client = u64::try_from(row.get::<i64, _>("client_id")).ok()?;
            // An erased author's client stays claimed by nobody who could write again.
            Some((client, row.get::<Option<i64>, _>("user_id").unwrap_or(0)))
        })
        .collect())
}

/// Appends `updates` to page `page`'s log and records the new client owners, in one
/// transaction; the ids of the rows written, in order. Nothing is written when it fails.
pub async fn append(
    db: &Db,
    page: i64,
    updates: &[NewUpdate],
    new_owners: &[(u64, i64)],
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if !updates.is_empty() {
        // The page's row first: its lock orders appends and revision cuts (`revisions::cut`),
        // so no row id is handed out while a cut reads the log (on PostgreSQL a row committed
        // after a later one could otherwise fall behind a revision that skipped it).
        sqlx::query("UPDATE wiki_pages SET updated_at = $2 WHERE id = $1")
            .bind(page)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    let mut ids = Vec::with_capacity(updates.len());
    for update in updates {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wiki_updates (page_id, body, user_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(page)
        .bind(&update.body)
        .bind(update.author)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    for (client, author) in new_owners {
        // Client ids are at most 53 bits (checked before), so they fit.
        let client = i64::try_from(*client).unwrap_or(i64::MAX);
        sqlx::query(
            // Another process's room may have recorded it first (its owner is read again on
            // the next relay): the first claim stays.
            "INSERT INTO wiki_clients (page_id, client_id, user_id, first_seen_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (page_id, client_id) DO NOTHING",
        )
        .bind(page)
        .bind(client)
        .bind(author)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(ids)
}

/// The log rows `ids` of page `page` (written by another server process), in id order.
pub async fn rows(db: &Db, page: i64, ids: &[i64]) -> Result<Vec<(i64, Vec<u8>)>, sqlx::Error> {
    let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(Vec::new());
    };
    // One read of the range; rows of this process's own commits inside it are left out.
    // A row missing was folded into the snapshot meanwhile: the room reads it from there.
    let found = sqlx::query(
        "SELECT id, body FROM wiki_updates WHERE page_id = $1 AND id >= $2 AND id <= $3 ORDER BY id",
    )
    .bind(page)
    .bind(first)
    .bind(last)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|row| (row.get::<i64, _>("id"), row.get::<Vec<u8>, _>("body")))
    .filter(|(id, _)| ids.contains(id))
    .collect();
    Ok(found)
}

/// Folds page `page`'s log rows up to `through` (the last one its revisions hold: the later
/// ones name the authors of the next revision) into its snapshot when there are at least
/// `min_updates` of them: the snapshot and those rows as one update replace the snapshot, and
/// exactly those rows are deleted, in one transaction (a row another process commits
/// meanwhile stays in the log). The number of rows folded (0: nothing to do).
pub async fn compact(
    db: &Db,
    page: i64,
    min_updates: usize,
    through: i64,
    now: i64,
) -> Result<usize, LoadError> {
    use yrs::{ReadTxn, StateVector};
    let mut stored = read(db, page).await?;
    stored.updates.retain(|(id, _)| *id <= through);
    if stored.updates.len() < min_updates.max(1) {
        return Ok(0);
    }
    let (doc, _) = replay(page, &stored)?;
    let body = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let folded = i64::try_from(stored.updates.len()).unwrap_or(i64::MAX);
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM wiki_snapshots WHERE page_id = $1")
        .bind(page)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO wiki_snapshots (page_id, body, updates_folded, updated_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(page)
    .bind(&body)
    .bind(folded)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (id, _) in &stored.updates {
        let deleted = sqlx::query("DELETE FROM wiki_updates WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 0 {
            // Another compaction folded these rows meanwhile: its snapshot is at least as new
            // as this one, which is dropped (the transaction rolls back).
            return Ok(0);
        }
    }
    tx.commit().await?;
    Ok(stored.updates.len())
}
