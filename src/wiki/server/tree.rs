//! Moves in a space's page tree: a page goes under another (or to the top), or one place up
//! or down among its siblings; a new page goes under its parent. Each holds the space's row
//! for its transaction (`members::lock_space`), so two moves at once cannot build a loop of
//! parents together, and every check reads the stored parents whole (pages in the bin
//! included: one taken out comes back with its place), so no loop is ever stored. A tree is
//! at most [`MAX_DEPTH`] pages deep.

use crate::{
    error::{AppError, AppResult},
    espaces::server::members::lock_space,
    server::db::Db,
};
use sqlx::AnyConnection;
use std::collections::HashSet;

/// The deepest a page may sit (a page at the top is at depth 1). Wikis people use nest a few
/// levels; the bound keeps every walk of the tree short, on the server and in the browser.
pub const MAX_DEPTH: usize = 12;

/// Page `page`'s parent as stored, whether or not either is in the bin: `None` when no page
/// of space `space` has that id, `Some(None)` at the top.
async fn stored_parent(
    conn: &mut AnyConnection,
    space: i64,
    page: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar("SELECT parent_id FROM wiki_pages WHERE id = $1 AND space_id = $2")
        .bind(page)
        .bind(space)
        .fetch_optional(conn)
        .await
}

/// Whether page `page` is a page of space `space` not in the bin.
async fn is_live(conn: &mut AnyConnection, space: i64, page: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM wiki_pages WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(page)
    .bind(space)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// The pages from `page` up to the top, `page` first (as stored, the bin included; a loop
/// already stored ends the walk where it closes).
async fn ancestry(conn: &mut AnyConnection, space: i64, page: i64) -> Result<Vec<i64>, sqlx::Error> {
    let mut line = vec![page];
    let mut seen = HashSet::from([page]);
    let mut at = page;
    while let Some(Some(parent)) = stored_parent(conn, space, at).await? {
        if !seen.insert(parent) {
            break;
        }
        line.push(parent);
        at = parent;
    }
    Ok(line)
}

/// How many levels the branch of `page` holds below it (0 for a page without sub-pages).
async fn height(conn: &mut AnyConnection, space: i64, page: i64) -> Result<usize, sqlx::Error> {
    let mut level = vec![page];
    let mut seen = HashSet::from([page]);
    let mut height = 0;
    loop {
        let mut next = Vec::new();
        for parent in &level {
            let children: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM wiki_pages WHERE space_id = $1 AND parent_id = $2",
            )
            .bind(space)
            .bind(parent)
            .fetch_all(&mut *conn)
            .await?;
            next.extend(children.into_iter().filter(|c| seen.insert(*c)));
        }
        if next.is_empty() || height > MAX_DEPTH {
            return Ok(height);
        }
        height += 1;
        level = next;
    }
}

/// Checks, with the space's row held, that a page may go under `parent` in space `space`:
/// 404 when `parent` is not a live page of the space; 422 on `parent`
/// (`wiki-tree-too-deep`) when the page's branch, `below` levels deep under it, would sit
/// deeper than [`MAX_DEPTH`].
pub async fn check_parent(
    conn: &mut AnyConnection,
    space: i64,
    parent: i64,
    below: usize,
) -> AppResult<Vec<i64>> {
    if !is_live(conn, space, parent).await? {
        return Err(AppError::NotFound);
    }
    let line = ancestry(conn, space, parent).await?;
    if line.len() + 1 + below > MAX_DEPTH {
        return Err(AppError::field("parent", "wiki-tree-too-deep"));
    }
    Ok(line)
}

/// Moves page `page` of space `space` under page `parent` (`None`: to the top), after its
/// other children. 404 when either is not a live page of the space; 422 on `parent`
/// (`wiki-move-under-itself`) when `parent` is the page or a page under it, even one in the
/// bin (`wiki-tree-too-deep` past [`MAX_DEPTH`]).
pub async fn move_under(db: &Db, space: i64, page: i64, parent: Option<i64>) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    lock_space(&mut tx, space).await?;
    if !is_live(&mut tx, space, page).await? {
        return Err(AppError::NotFound);
    }
    if let Some(parent) = parent {
        if parent == page {
            return Err(AppError::field("parent", "wiki-move-under-itself"));
        }
        let below = height(&mut tx, space, page).await?;
        let line = check_parent(&mut tx, space, parent, below).await?;
        if line.contains(&page) {
            return Err(AppError::field("parent", "wiki-move-under-itself"));
        }
    }
    sqlx::query(
        "UPDATE wiki_pages SET parent_id = $3, \
         position = (SELECT COALESCE(MAX(position), 0) + 1 FROM wiki_pages WHERE space_id = $2) \
         WHERE id = $1 AND space_id = $2",
    )
    .bind(page)
    .bind(space)
    .bind(parent)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves page `page` of space `space` one place before (`earlier`) or after the sibling next
/// to it, as the tree shows its siblings (a page whose parent is in the bin sits at the top:
/// `wiki::tree`); whether it moved (false: already first, or last). Its siblings are numbered
/// afresh in their order, so pages created with equal positions order as shown. 404 when it
/// is not a live page of the space.
pub async fn shift(db: &Db, space: i64, page: i64, earlier: bool) -> AppResult<bool> {
    let mut tx = db.begin_write().await?;
    lock_space(&mut tx, space).await?;
    if !is_live(&mut tx, space, page).await? {
        return Err(AppError::NotFound);
    }
    let parent = match stored_parent(&mut tx, space, page).await?.flatten() {
        Some(parent) if parent != page && is_live(&mut tx, space, parent).await? => Some(parent),
        _ => None,
    };
    let mut siblings: Vec<i64> = match parent {
        Some(parent) => {
            sqlx::query_scalar(
                "SELECT id FROM wiki_pages WHERE space_id = $1 AND deleted_at IS NULL \
                 AND parent_id = $2 ORDER BY position, title_key, id",
            )
            .bind(space)
            .bind(parent)
            .fetch_all(&mut *tx)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "SELECT p.id FROM wiki_pages p WHERE p.space_id = $1 AND p.deleted_at IS NULL \
                 AND (p.parent_id IS NULL OR p.parent_id = p.id OR NOT EXISTS (SELECT 1 FROM wiki_pages q \
                 WHERE q.id = p.parent_id AND q.deleted_at IS NULL)) ORDER BY p.position, p.title_key, p.id",
            )
            .bind(space)
            .fetch_all(&mut *tx)
            .await?
        }
    };
    let index = siblings
        .iter()
        .position(|id| *id == page)
        .ok_or(AppError::NotFound)?;
    let other = if earlier {
        index.checked_sub(1)
    } else {
        Some(index + 1).filter(|i| *i < siblings.len())
    };
    let Some(other) = other else {
        return Ok(false);
    };
    siblings.swap(index, other);
    for (position, id) in siblings.iter().enumerate() {
        sqlx::query("UPDATE wiki_pages SET position = $2 WHERE id = $1")
            .bind(id)
            .bind(position as i64 + 1)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}
