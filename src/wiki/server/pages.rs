//! A space's wiki pages as rows: created with a title unique within the space (by
//! `types::title_key`; a race between two creations is the unique index's to refuse, answered
//! as the same field error), listed in tree order, found by id within their space or by the
//! title a link gives (former titles of renamed pages are aliases), renamed, put in the bin
//! and taken out, searched, and the pages linking to one (backlinks).

use crate::{
    error::{AppError, AppResult},
    server::{
        db::{violated, Db, UniqueKey},
        sql::Sql,
    },
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
/// of the space; 422 on `parent` when the tree would grow deeper than `tree::MAX_DEPTH`.
pub async fn create(
    db: &Db,
    space: i64,
    title: &str,
    parent: Option<i64>,
    author: i64,
    now: i64,
) -> AppResult<i64> {
    let mut tx = db.begin_write().await?;
    if let Some(parent) = parent {
        // Under a parent: placed with the tree's row held, as a move is.
        crate::espaces::server::members::lock_space(&mut tx, space).await?;
        super::tree::check_parent(&mut tx, space, parent, 0).await?;
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
    .fetch_one(&mut *tx)
    .await;
    match inserted {
        Ok(id) => {
            tx.commit().await?;
            Ok(id)
        }
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

/// The page a link to `title` in space `space` leads to: the page of that title, or else the
/// page that had it before a rename (its alias); none in the bin.
pub async fn resolve(db: &Db, space: i64, title: &str) -> Result<Option<i64>, sqlx::Error> {
    let key = title_key(title);
    let own: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM wiki_pages WHERE space_id = $1 AND title_key = $2 AND deleted_at IS NULL",
    )
    .bind(space)
    .bind(&key)
    .fetch_optional(&db.pool)
    .await?;
    if own.is_some() {
        return Ok(own);
    }
    sqlx::query_scalar(
        "SELECT p.id FROM wiki_aliases a JOIN wiki_pages p ON p.id = a.page_id \
         WHERE a.space_id = $1 AND a.title_key = $2 AND p.deleted_at IS NULL",
    )
    .bind(space)
    .bind(&key)
    .fetch_optional(&db.pool)
    .await
}

/// Renames page `page` of space `space` to `title` (cleaned): its former title becomes an
/// alias, so links written with it still lead here. 422 on `title` (`wiki-title-taken`) when
/// another page has that title; 404 when the page is not one of the space's.
pub async fn rename(db: &Db, space: i64, page: i64, title: &str, now: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let old: Option<String> = sqlx::query_scalar(
        "SELECT title_key FROM wiki_pages WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(page)
    .bind(space)
    .fetch_optional(&mut *tx)
    .await?;
    let old = old.ok_or(AppError::NotFound)?;
    let key = title_key(title);
    let renamed = sqlx::query(
        "UPDATE wiki_pages SET title = $2, title_key = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(page)
    .bind(title)
    .bind(&key)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match renamed {
        Ok(_) => {}
        Err(error) if violated(&error, &[TITLE_TAKEN]).is_some() => {
            return Err(AppError::field("title", "wiki-title-taken"))
        }
        Err(error) => return Err(error.into()),
    }
    if old != key {
        // The former title leads here from now on (taken over from a page that had it).
        sqlx::query("DELETE FROM wiki_aliases WHERE space_id = $1 AND title_key IN ($2, $3)")
            .bind(space)
            .bind(&old)
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO wiki_aliases (space_id, title_key, page_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(space)
        .bind(&old)
        .bind(page)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The pages of space `space` (not in the bin) whose last revision links to page `page`, by
/// its title or one of its former ones, by title.
pub async fn backlinks(db: &Db, space: i64, page: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT p.id, p.title, p.title_key FROM wiki_links l JOIN wiki_pages p ON p.id = l.page_id \
         WHERE p.space_id = $1 AND p.deleted_at IS NULL AND p.id <> $2 AND l.target_key IN ( \
           SELECT t.title_key FROM wiki_pages t WHERE t.id = $2 \
           UNION SELECT a.title_key FROM wiki_aliases a WHERE a.page_id = $2) \
         ORDER BY p.title_key",
    )
    .bind(space)
    .bind(page)
    .fetch_all(&db.pool)
    .await
    .map(|rows: Vec<(i64, String, String)>| rows.into_iter().map(|(id, title, _)| (id, title)).collect())
}

/// Puts page `page` of space `space` in the bin (`true`), or takes it out (`false`); false
/// when there was no such page in the state to change. A page in the bin is neither listed,
/// read, linked to nor edited; it keeps its title (a new page may not take it).
pub async fn set_binned(
    db: &Db,
    space: i64,
    page: i64,
    binned: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let sql = if binned {
        "UPDATE wiki_pages SET deleted_at = $3 WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL"
    } else {
        "UPDATE wiki_pages SET deleted_at = NULL, updated_at = $3 WHERE id = $1 AND space_id = $2 AND deleted_at IS NOT NULL"
    };
    let done = sqlx::query(sql)
        .bind(page)
        .bind(space)
        .bind(now)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The pages of space `space` in the bin, the last put there first: (page, when).
pub async fn binned(db: &Db, space: i64) -> Result<Vec<(PageRow, i64)>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, title, deleted_at FROM wiki_pages WHERE space_id = $1 AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC",
    )
    .bind(space)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, at)| {
            let row = PageRow {
                id,
                space_id: space,
                title,
                parent_id: None,
                position: 0,
                updated_at: at,
            };
            (row, at)
        })
        .collect())
}

/// The pages of space `space` (not in the bin) whose title or last revision holds each of
/// `words` (`server::text::bilingual_words`), by title; at most 100.
pub async fn search(
    db: &Db,
    space: i64,
    words: &[(String, String)],
) -> Result<Vec<PageRow>, sqlx::Error> {
    if words.is_empty() {
        // Only words too common to index (or none): nothing holds them.
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM wiki_pages WHERE space_id = "
    ));
    sql.push_bind(space)
        .push(" AND deleted_at IS NULL AND id IN (")
        .push_terms_match("wiki_page_terms", "page_id", words)
        .push(") ORDER BY title_key, id LIMIT 100");
    sql.query_as().fetch_all(&db.pool).await
}
