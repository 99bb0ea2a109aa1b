//! Stored search terms and folded keys follow the text normalisation (`server::text`): at
//! start, when the database's `text_normalisation` version is not
//! [`text::NORMALISATION_VERSION`], every one of them is recomputed from the text it comes
//! from, then the version is stored. A database made before one normalisation (no version)
//! is rebuilt the same way, so its offers, fiches, threads, names and follows are found by
//! the new terms. This module keeps the version; each domain recomputes its own terms, and the
//! registration point (`crate::app_server`) calls them in turn.

use super::{db::Db, text};
use sqlx::Row;

/// The normalisation version the stored terms were made with (0: before versions).
pub async fn stored_version(db: &Db) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT version FROM text_normalisation WHERE id = 1")
        .fetch_optional(&db.pool)
        .await?;
    row.map_or(Ok(0), |r| r.try_get("version"))
}

/// The version the stored terms were made with, when it is not the current one (they must be
/// rebuilt); None when they are current.
pub async fn stale_version(db: &Db) -> Result<Option<i64>, sqlx::Error> {
    let version = stored_version(db).await?;
    Ok((version != text::NORMALISATION_VERSION).then_some(version))
}

/// Records that every stored term and key now follows the current version (after each
/// domain recomputed its own: `crate::app_server` calls them). Idempotent: two processes
/// starting together both write the same values.
pub async fn mark_current(db: &Db) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO text_normalisation (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version")
        .bind(text::NORMALISATION_VERSION)
        .execute(&db.pool)
        .await?;
    Ok(())
}
