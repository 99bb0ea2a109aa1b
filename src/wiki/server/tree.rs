//! Moves in a space's page tree: a page goes under another (or to the top), or one place up
//! or down among its siblings. Each move holds the space's row for its transaction
//! (`members::lock_space`), so two moves at once cannot build a loop of parents together.

use crate::{
    error::{AppError, AppResult},
    espaces::server::members::lock_space,
    server::db::Db,
};
use sqlx::AnyConnection;

/// The deepest a tree is walked up: more than any wiki holds, and a bound should stored data
/// ever hold a loop.
const DEEPEST: usize = 10_000;

/// The parent of live page `page` of space `space`: `None` when there is no such page (in
/// the bin, another space's), `Some(None)` at the top.
async fn parent_of(
    conn: &mut AnyConnection,
    space: i64,
    page: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT parent_id FROM wiki_pages WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(page)
    .bind(space)
    .fetch_optional(conn)
    .await
}

/// Moves page `page` of space `space` under page `parent` (`None`: to the top), after its
/// other children. 404 when either is not a live page of the space; 422 on `parent`
/// (`wiki-move-under-itself`) when `parent` is the page or a page under it.
pub async fn move_under(db: &Db, space: i64, page: i64, parent: Option<i64>) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    lock_space(&mut tx, space).await?;
    parent_of(&mut tx, space, page)
        .await?
        .ok_or(AppError::NotFound)?;
    // Up from the new parent: meeting the page means it would hang under itself.
    let mut at = parent;
    let mut steps = 0;
    while let Some(current) = at {
        if current == page || steps > DEEPEST {
            return Err(AppError::field("parent", "wiki-move-under-itself"));
        }
        at = match parent_of(&mut tx, space, current).await? {
            Some(above) => above,
            None if steps == 0 => return Err(AppError::NotFound),
            // An ancestor in the bin: the tree shows the branch at the top from there.
            None => None,
        };
        steps += 1;
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
/// to it; whether it moved (false: already first, or last). Its siblings are numbered afresh
/// in their order, so pages created with equal positions order as shown. 404 when it is not
/// a live page of the space.
pub async fn shift(db: &Db, space: i64, page: i64, earlier: bool) -> AppResult<bool> {
    let mut tx = db.begin_write().await?;
    lock_space(&mut tx, space).await?;
    let parent = parent_of(&mut tx, space, page)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut siblings: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM wiki_pages WHERE space_id = $1 AND deleted_at IS NULL \
         AND parent_id IS NOT DISTINCT FROM $2 ORDER BY position, title_key, id",
    )
    .bind(space)
    .bind(parent)
    .fetch_all(&mut *tx)
    .await?;
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
