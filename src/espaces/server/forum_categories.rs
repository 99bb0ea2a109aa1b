//! A space's forum categories (`forum_categories`): the default one (empty name, shown
//! "Général"), made when first needed, and those animators add, rename and delete (a deleted
//! category's threads move to the default one).

use crate::{espaces::forum_types::ForumCategory, server::db::Db};
use sqlx::AnyConnection;

/// The id of space `space_id`'s default category, made when it has none.
pub async fn default_category(
    conn: &mut AnyConnection,
    space_id: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO forum_categories (space_id, name, created_at) VALUES ($1, '', $2) ON CONFLICT DO NOTHING",
    )
    .bind(space_id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT id FROM forum_categories WHERE space_id = $1 AND name = ''")
        .bind(space_id)
        .fetch_one(&mut *conn)
        .await
}

/// Space `space_id`'s categories with their thread counts, the default one first (made when
/// missing), then by name.
pub async fn list(db: &Db, space_id: i64, at: i64) -> Result<Vec<ForumCategory>, sqlx::Error> {
    let read = || {
        sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT c.id, c.name, (SELECT COUNT(*) FROM forum_threads t WHERE t.category_id = c.id) \
             FROM forum_categories c WHERE c.space_id = $1 ORDER BY CASE WHEN c.name = '' THEN 0 ELSE 1 END, c.name, c.id",
        )
        .bind(space_id)
        .fetch_all(&db.pool)
    };
    let mut rows = read().await?;
    // Written only the first time: reading the forum takes no write lock after that.
    if !rows.first().is_some_and(|(_, name, _)| name.is_empty()) {
        let mut conn = db.pool.acquire().await?;
        default_category(&mut conn, space_id, at).await?;
        drop(conn);
        rows = read().await?;
    }
    Ok(rows
        .into_iter()
        .map(|(id, name, threads)| ForumCategory { id, name, threads })
        .collect())
}

/// Whether `category` is one of space `space_id`'s.
pub async fn belongs(
    conn: &mut AnyConnection,
    space_id: i64,
    category: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM forum_categories WHERE id = $1 AND space_id = $2")
            .bind(category)
            .bind(space_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.is_some())
}

/// Adds a category named `name` (checked, not empty) to space `space_id`.
pub async fn create(db: &Db, space_id: i64, name: &str, at: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO forum_categories (space_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(space_id)
    .bind(name)
    .bind(at)
    .fetch_one(&db.pool)
    .await
}

/// Renames category `category` of space `space_id` (not the default one); false when there
/// is no such category.
pub async fn rename(
    db: &Db,
    space_id: i64,
    category: i64,
    name: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE forum_categories SET name = $3 WHERE id = $1 AND space_id = $2 AND name <> ''",
    )
    .bind(category)
    .bind(space_id)
    .bind(name)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes category `category` of space `space_id` (not the default one), its threads moved
/// to the default category, in one transaction; false when there is no such category.
pub async fn delete(db: &Db, space_id: i64, category: i64, at: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<String> =
        sqlx::query_scalar("SELECT name FROM forum_categories WHERE id = $1 AND space_id = $2")
            .bind(category)
            .bind(space_id)
            .fetch_optional(&mut *tx)
            .await?;
    if found.as_deref().is_none_or(str::is_empty) {
        return Ok(false);
    }
    let default = default_category(&mut tx, space_id, at).await?;
    sqlx::query("UPDATE forum_threads SET category_id = $2 WHERE category_id = $1")
        .bind(category)
        .bind(default)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM forum_categories WHERE id = $1")
        .bind(category)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}
