//! Password-reset tokens: random, sent by mail, stored only as a SHA-256 hash, single use,
//! expiring.

use crate::server::db::{now, Db};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for `user_id` valid `minutes`; returns the token to put in the link.
pub async fn issue(db: &Db, user_id: i64, minutes: i64) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let created = now();
    sqlx::query("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(user_id)
        .bind(digest(&token))
        .bind(created)
        .bind(created + minutes * 60)
        .execute(&db.pool)
        .await?;
    Ok(token)
}

/// The account a still-valid, unused token belongs to, without using it up.
pub async fn peek(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query("SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(digest(token))
        .bind(now())
        .fetch_optional(&db.pool)
        .await?
        .map(|row| row.try_get("user_id"))
        .transpose()
}

/// Uses the token up and returns its account, in one statement so two uses cannot both win.
pub async fn consume(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id")
        .bind(at)
        .bind(digest(token))
        .fetch_optional(&db.pool)
        .await?
        .map(|row| row.try_get("user_id"))
        .transpose()
}

/// Drops the tokens that stopped being valid (used, or expired) before `before` (Unix
/// seconds); the number dropped. Run by the retention round (`retention.rs`).
pub async fn prune(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM password_resets WHERE expires_at < $1 OR (used_at IS NOT NULL AND used_at < $1)",
    )
    .bind(before)
    .execute(&db.pool)
    .await?
    .rows_affected())
}
