//! Stored search terms and folded keys follow the text normalisation (`server::text`): at
//! start, when the database's `text_normalisation` version is not
//! [`text::NORMALISATION_VERSION`], every one of them is recomputed from the text it comes
//! from, then the version is stored. A database made before one normalisation (no version)
//! is rebuilt the same way, so its offers, fiches, threads, names and follows are found by
//! the new terms.

use super::{db::Db, text};
use sqlx::Row;

/// What a rebuild recomputed, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub offers: usize,
    pub fiches: usize,
    pub threads: usize,
    pub accounts: usize,
    pub follow_targets: usize,
}

/// The normalisation version the stored terms were made with (0: before versions).
pub async fn stored_version(db: &Db) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT version FROM text_normalisation WHERE id = 1").fetch_optional(&db.pool).await?;
    row.map_or(Ok(0), |r| r.try_get("version"))
}

/// Rebuilds every stored term and key when they were made by another normalisation
/// version; None when they are current. Idempotent: two processes starting together both
/// write the same values.
pub async fn rebuild_if_stale(db: &Db) -> Result<Option<Rebuilt>, sqlx::Error> {
    let version = stored_version(db).await?;
    if version == text::NORMALISATION_VERSION {
        return Ok(None);
    }
    let rebuilt = Rebuilt {
        offers: crate::stages::server::store::index_all(db).await?,
        fiches: crate::innovation::server::store::index_catalogue(db).await?,
        threads: crate::innovation::server::threads::index_all(db).await?,
        accounts: crate::accounts::server::store::index_names(db).await?,
        follow_targets: crate::innovation::server::notify::index_targets(db).await?,
    };
    sqlx::query("INSERT INTO text_normalisation (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version")
        .bind(text::NORMALISATION_VERSION)
        .execute(&db.pool)
        .await?;
    tracing::info!(from = version, to = text::NORMALISATION_VERSION, ?rebuilt, "search terms rebuilt for the text normalisation");
    Ok(Some(rebuilt))
}
