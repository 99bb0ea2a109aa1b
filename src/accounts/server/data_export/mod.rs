//! "My data" (GDPR right of access and portability): a person asks on `/compte` for
//! everything Parvis holds about them ([`request`], in the request's transaction with its
//! job); the job (`job.rs`) gathers it (`collect.rs`, each domain's part), writes one ZIP of
//! JSON files and original uploads in the storage (folder `exports`) and mails a link, valid for
//! `retention.data_exports_days`, that only the signed-in owner can follow (`download.rs`).
//! [`delete_expired_exports`] removes archives past their date, files and rows. Which column
//! pointing at an account goes where: `coverage.rs`.

pub mod collect;
pub mod coverage;
pub mod download;
pub mod job;
pub mod store;

use crate::server::{
    jobs::JobError,
    state::AppState,
    storage::{KeyError, StorageKey},
};

/// The storage folder of archives (`<data_dir>/exports` on the local disk).
pub const FOLDER: &str = "exports";

/// Where the archive `file_name` is stored.
pub fn archive_key(file_name: &str) -> Result<StorageKey, KeyError> {
    StorageKey::in_folder(FOLDER, file_name)
}

/// How long an archive and its link live, in seconds.
pub fn lifetime_seconds(app: &AppState) -> i64 {
    i64::from(app.config.retention.data_exports_days) * 86_400
}

/// Deletes archives past their date (file, then row), and requests still being prepared after
/// one lifetime (their job failed for good, so the person may ask again). Returns how many
/// requests went. Called by the accounts' hourly round (`super::jobs`), and meant for the
/// retention round.
pub async fn delete_expired_exports(app: &AppState) -> Result<usize, JobError> {
    let now = app.clock.now_seconds();
    let past = store::past(&app.db, now, now - lifetime_seconds(app)).await?;
    let mut deleted = 0;
    for export in &past {
        if let Some(name) = &export.file_name {
            let removed = match archive_key(name) {
                Ok(key) => app.storage.delete(&key).await.map(|_| ()),
                // Never stored under such a name: nothing to delete.
                Err(_) => Ok(()),
            };
            match removed {
                Ok(()) => {}
                Err(error) => {
                    // Kept, with its row, for the next round.
                    tracing::warn!(%error, export = export.id, "expired archive not deleted");
                    continue;
                }
            }
        }
        store::delete(&app.db, export.id).await?;
        deleted += 1;
    }
    if deleted > 0 {
        tracing::info!(count = deleted, "expired data exports deleted");
    }
    Ok(deleted)
}
