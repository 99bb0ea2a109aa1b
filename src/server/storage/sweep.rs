//! The `storage.sweep` round (hourly, once across all processes): what an interrupted write
//! left behind and nothing will finish, once it is a day old by the application's clock —
//!
//! - on the local backend, staged uploads (`<key>#<n>` files: a process that died during an
//!   upload; one that fails is aborted at once) and `.partial` files the archive writer of
//!   earlier versions left;
//! - on every backend, the work files under the scratch folder (`<data_dir>/tmp`: an archive
//!   being written when the process died).
//!
//! On S3, an upload that was never completed nor aborted (a process killed mid-upload) is
//! invisible but keeps its parts: `object_store` cannot list them, so the bucket needs the
//! lifecycle rule `AbortIncompleteMultipartUpload` (one day), as the README says.

use super::{Storage, StorageError};
use crate::server::{
    jobs::{JobError, Round},
    state::AppState,
};
use std::{
    path::{Path, PathBuf},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

/// How old a leftover must be before it goes: an upload under way is younger.
pub const STALE_SECONDS: i64 = 86_400;

pub fn round() -> Round {
    Round {
        name: "storage.sweep",
        every: Duration::from_secs(3600),
        first_at_once: true,
        run: |app| Box::pin(run(app)),
    }
}

/// One pass (what the round runs; tests call it after moving the clock).
pub async fn run(app: AppState) -> Result<(), JobError> {
    let before = app.clock.now_seconds() - STALE_SECONDS;
    let swept = sweep(&app.storage, before).await?;
    if swept > 0 {
        tracing::info!(
            count = swept,
            "storage: leftover uploads and work files deleted"
        );
    }
    Ok(())
}

/// Deletes the leftovers (see the module) last written before `before` (Unix seconds); how
/// many.
pub async fn sweep(storage: &Storage, before: i64) -> Result<u64, StorageError> {
    let root = storage.root.clone();
    let scratch = storage.scratch.clone();
    let before = UNIX_EPOCH + Duration::from_secs(u64::try_from(before).unwrap_or(0));
    tokio::task::spawn_blocking(move || {
        let mut swept = 0;
        if let Some(root) = &root {
            swept += walk(root, &scratch, before);
        }
        if root.as_ref().is_none_or(|r| !scratch.starts_with(r)) {
            swept += walk(&scratch, &scratch, before);
        }
        swept
    })
    .await
    .map_err(|error| StorageError::Io(std::io::Error::other(error)))
}

/// Deletes under `dir` the leftovers older than `before`: every file under `scratch`, staged
/// uploads and `.partial` files elsewhere. Symbolic links are neither followed nor deleted.
fn walk(dir: &Path, scratch: &PathBuf, before: SystemTime) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut swept = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if metadata.is_dir() {
            swept += walk(&path, scratch, before);
        } else if metadata.is_file()
            && (path.starts_with(scratch) || is_leftover(&entry.file_name().to_string_lossy()))
            && metadata.modified().is_ok_and(|at| at < before)
        {
            match std::fs::remove_file(&path) {
                Ok(()) => swept += 1,
                Err(error) => {
                    tracing::warn!(%error, file = %path.display(), "storage: a leftover not deleted");
                }
            }
        }
    }
    swept
}

/// A staged upload of the local backend (`<name>#<digits>`) or an archive never finished.
fn is_leftover(name: &str) -> bool {
    let staged = name
        .rsplit_once('#')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    staged || name.ends_with(".partial")
}

#[cfg(test)]
mod tests {
    #[test]
    fn staged_uploads_and_partial_files_are_leftovers() {
        assert!(super::is_leftover("12-ab.pdf#1"));
        assert!(super::is_leftover("12-ab.pdf#27"));
        assert!(super::is_leftover("3-ab.partial"));
        assert!(!super::is_leftover("12-ab.pdf"));
        assert!(!super::is_leftover("parvis.db"));
        assert!(!super::is_leftover("a#b"));
        assert!(!super::is_leftover("a#"));
    }
}
