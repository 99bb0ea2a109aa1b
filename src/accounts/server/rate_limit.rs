//! Sign-in throttling, per account and per client address. The failures are kept in the
//! database so that the limits hold across server processes and restarts.

use crate::{
    error::{AppError, AppResult},
    server::{
        config::SecurityConfig,
        db::{now, Db},
    },
};
use sqlx::Row;

async fn count(db: &Db, column: &str, value: &str, since: i64) -> Result<i64, sqlx::Error> {
    // `column` is one of two literals below, never user input.
    let sql = format!("SELECT COUNT(*) AS n FROM login_failures WHERE {column} = $1 AND at > $2");
    sqlx::query(&sql).bind(value).bind(since).fetch_one(&db.pool).await?.try_get("n")
}

/// Refuses the attempt when the account or the address failed too often within the window.
pub async fn check(db: &Db, limits: &SecurityConfig, email: &str, address: &str) -> AppResult<()> {
    let since = now() - limits.login_window_minutes * 60;
    if count(db, "email", email, since).await? >= limits.login_failures_per_account || count(db, "address", address, since).await? >= limits.login_failures_per_address {
        tracing::warn!(email, address, "sign-in rate limit reached");
        return Err(AppError::RateLimited);
    }
    Ok(())
}

pub async fn record_failure(db: &Db, email: &str, address: &str) -> AppResult<()> {
    sqlx::query("INSERT INTO login_failures (email, address, at) VALUES ($1, $2, $3)").bind(email).bind(address).bind(now()).execute(&db.pool).await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures.
pub async fn clear(db: &Db, email: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email).execute(&db.pool).await?;
    Ok(())
}

/// Drops failures older than any window could need.
pub async fn prune(db: &Db, limits: &SecurityConfig) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE at <= $1").bind(now() - limits.login_window_minutes * 60).execute(&db.pool).await?;
    Ok(())
}
