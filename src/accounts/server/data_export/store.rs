//! The `data_exports` table: one row per "my data" request, `preparing` until its job has
//! written the archive, then `ready` until `expires_at`. The link's token is kept only as its
//! SHA-256.

use crate::server::db::Db;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// A request as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub id: i64,
    pub user_id: i64,
    /// `preparing` or `ready`.
    pub state: String,
    pub requested_at: i64,
    pub expires_at: Option<i64>,
    /// The archive's name under `<data_dir>/exports` once written.
    pub file_name: Option<String>,
    pub bytes: Option<i64>,
}

const COLUMNS: &str = "id, user_id, state, requested_at, expires_at, file_name, bytes";

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (64 hex digits), to put in a link.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Records a request of `user_id` at `now` in the caller's transaction; `None` when one is
/// being prepared already (the unique index `data_exports_one_preparing` says so). The insert
/// is the transaction's first statement: on SQLite a transaction that reads first and then
/// writes fails with "database is locked" (SQLITE_BUSY_SNAPSHOT, which the busy timeout does
/// not wait out) when another writer — a job preparing an archive — committed in between.
pub async fn request(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO data_exports (user_id, state, requested_at) VALUES ($1, 'preparing', $2) RETURNING id",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await;
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The account's latest request, if any.
pub async fn latest(db: &Db, user_id: i64) -> Result<Option<ExportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY requested_at DESC, id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<ExportRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM data_exports WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The ready request whose link carries `token`, whoever it belongs to and expired or not.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<ExportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE token_hash = $1 AND state = 'ready'"
    ))
    .bind(digest(token))
    .fetch_optional(&db.pool)
    .await
}

/// Marks request `id` ready with its archive; false when it is no longer being prepared
/// (deleted meanwhile: the caller removes the file).
pub async fn mark_ready(
    db: &Db,
    id: i64,
    file_name: &str,
    bytes: i64,
    now: i64,
    expires_at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE data_exports SET state = 'ready', file_name = $2, bytes = $3, ready_at = $4, expires_at = $5 \
         WHERE id = $1 AND state = 'preparing'",
    )
    .bind(id)
    .bind(file_name)
    .bind(bytes)
    .bind(now)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives ready request `id` a new link token (the one mailed); any earlier link stops working.
pub async fn set_token(db: &Db, id: i64, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE data_exports SET token_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(digest(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Requests to delete at `now`: ready ones past `expires_at`, and ones still being prepared
/// since before `stale_before` (their job failed for good; the person may ask again).
pub async fn past(db: &Db, now: i64, stale_before: i64) -> Result<Vec<ExportRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE (state = 'ready' AND expires_at <= $1) \
         OR (state = 'preparing' AND requested_at < $2)"
    ))
    .bind(now)
    .bind(stale_before)
    .fetch_all(&db.pool)
    .await
}

pub async fn delete(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM data_exports WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Deletes every archive request of `user_id` (its account is being erased), in the caller's
/// transaction; returns the archive files to delete once it commits.
pub async fn delete_of(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let files: Vec<Option<String>> =
        sqlx::query_scalar("SELECT file_name FROM data_exports WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM data_exports WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(files.into_iter().flatten().collect())
}
