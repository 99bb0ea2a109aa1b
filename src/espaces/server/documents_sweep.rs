//! The `espaces.documents.sweep` round (hourly, once across all processes): the stored files
//! of uploads that never became a version (the process died or the database refused between
//! the end of the upload and its commit) and of files an emptied bin left to delete, once
//! their `space_document_uploads` row is older than the storage sweep's day. What a crash left
//! half-written inside the storage itself is the storage sweep's (`server::storage::sweep`).

use super::documents::forget_file;
use crate::server::{
    jobs::{JobError, Round},
    state::AppState,
    storage::sweep::STALE_SECONDS,
};
use std::time::Duration;

pub fn round() -> Round {
    Round {
        name: "espaces.documents.sweep",
        every: Duration::from_secs(3600),
        first_at_once: true,
        run: |app| Box::pin(run(app)),
    }
}

/// One pass (what the round runs; tests call it after moving the clock).
pub async fn run(app: AppState) -> Result<(), JobError> {
    let before = app.clock.now_seconds() - STALE_SECONDS;
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT storage_key FROM space_document_uploads WHERE started_at < $1 ORDER BY started_at LIMIT 1000",
    )
    .bind(before)
    .fetch_all(&app.db.pool)
    .await?;
    for key in &keys {
        // A row whose file became a version after all (never: the commit deletes the row) is
        // kept safe by checking.
        let used: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM space_document_files WHERE storage_key = $1")
                .bind(key)
                .fetch_one(&app.db.pool)
                .await?;
        if used > 0 {
            sqlx::query("DELETE FROM space_document_uploads WHERE storage_key = $1")
                .bind(key)
                .execute(&app.db.pool)
                .await?;
            continue;
        }
        forget_file(&app.db, &app.storage, key).await;
    }
    if !keys.is_empty() {
        tracing::info!(count = keys.len(), "documents: unfinished uploads swept");
    }
    Ok(())
}
