//! A space's wiki pages as rows: created with a title unique within the space (by
//! `types::title_key`; a race between two creations is the unique index's to refuse, answered
//! as the same field error), listed in tree order, found by id within their space.

use crate::{
    error::{AppError, AppResult},
    server::db::{violated, Db, UniqueKey},
    wiki::types::title_key,
};

/// The unique key of a title within a space.
const TITLE_TAKEN: UniqueKey = UniqueKey {
    constraint: "wiki_pages_title",
    table: "wiki_pages",
    columns: &["space_id", "title_key"],
    field: "title",
};

/// A page as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PageRow {
    pub id: i64,
    pub space_id: i64,
    pub title: String,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, space_id, title, parent_id, position, updated_at";

/// Creates page `title` (already cleaned: `types::clean_title`) in space `space`, at the end
/// of the top level or of `parent`'s children; its id. 422 on `title` (`wiki-title-taken`)
/// when the space has a page of that title, in the bin too; 404 when `parent` is not a page
/// of the space.
pub async fn create(
    db: &Db,
    space: i64,
    title: &str,
    parent: Option<i64>,
    author: i64,
    now: i64,
) -> AppResult<i64> {
    if let Some(parent) = parent {
        find(db, space, parent).await?.ok_or(AppError::NotFound)?;
    }
    let inserted = sqlx::query_scalar(
        "INSERT INTO wiki_pages (space_id, title, title_key, parent_id, position, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM wiki_pages WHERE space_id = $1), $5, $6, $6) \
         RETURNING id",
    )
    .bind(space)
    .bind(title)
    .bind(title_key(title))
    .bind(parent)
    .bind(author)
    .bind(now)
    .fetch_one(&db.pool)
    .await;
    match inserted {
        Ok(id) => Ok(id),
        Err(error) if violated(&error, &[TITLE_TAKEN]).is_some() => {
            Err(AppError::field("title", "wiki-title-taken"))
        }
        Err(error) => Err(error.into()),
    }
}

/// Page `page` of space `space`, unless it is in the bin.
pub async fn find(db: &Db, space: i64, page: i64) -> Result<Option<PageRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM wiki_pages WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL"
    ))
    .bind(page)
    .bind(space)
    .fetch_optional(&db.pool)
    .await
}

/// The pages of space `space` not in the bin, by position then title.
pub async fn list(db: &Db, space: i64) -> Result<Vec<PageRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM wiki_pages WHERE space_id = $1 AND deleted_at IS NULL ORDER BY position, title_key, id"
    ))
    .bind(space)
    .fetch_all(&db.pool)
    .await
}
