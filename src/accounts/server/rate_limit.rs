//! Sign-in throttling, per account and per client address. The failures are kept in the
//! database so that the limits hold across server processes and restarts.

use crate::{
    error::{AppError, AppResult},
    server::{
        config::SecurityConfig,
        db::{now, Db},
    },
};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::borrow::Cow;

/// Longest e-mail or address stored as it is (an e-mail address has at most 254 characters).
const MAX_KEY_BYTES: usize = 254;

/// The value a failure is counted under: `value` itself, or for anything longer than any
/// real e-mail or address, its SHA-256 — still one key per value, and never an indexed entry
/// past PostgreSQL's B-tree limit (the fuzz test found a 500 on a 40 KB "e-mail").
fn key(value: &str) -> Cow<'_, str> {
    if value.len() <= MAX_KEY_BYTES {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(format!(
            "sha256:{}",
            hex::encode(Sha256::digest(value.as_bytes()))
        ))
    }
}

async fn count(db: &Db, column: &str, value: &str, since: i64) -> Result<i64, sqlx::Error> {
    // `column` is one of two literals below, never user input.
    let sql = format!("SELECT COUNT(*) AS n FROM login_failures WHERE {column} = $1 AND at > $2");
    sqlx::query(&sql)
        .bind(key(value).as_ref())
        .bind(since)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// Refuses the attempt when the account or the address failed too often within the window.
pub async fn check(db: &Db, limits: &SecurityConfig, email: &str, address: &str) -> AppResult<()> {
    let since = now() - limits.login_window_minutes * 60;
    if count(db, "email", email, since).await? >= limits.login_failures_per_account
        || count(db, "address", address, since).await? >= limits.login_failures_per_address
    {
        tracing::warn!(email = %key(email), address = %key(address), "sign-in rate limit reached");
        return Err(AppError::RateLimited);
    }
    Ok(())
}

pub async fn record_failure(db: &Db, email: &str, address: &str) -> AppResult<()> {
    sqlx::query("INSERT INTO login_failures (email, address, at) VALUES ($1, $2, $3)")
        .bind(key(email).as_ref())
        .bind(key(address).as_ref())
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures.
pub async fn clear(db: &Db, email: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1")
        .bind(key(email).as_ref())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Drops failures recorded before `before` (Unix seconds), though never one still inside the
/// throttling window before `now`; the number dropped. Run by the retention round
/// (`retention.rs`).
pub async fn prune(
    db: &Db,
    limits: &SecurityConfig,
    before: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let before = before.min(now - limits.login_window_minutes * 60);
    Ok(sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}
