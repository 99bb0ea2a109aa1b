//! The local backend: streamed writes and reads, atomic writes, the sweep. (The S3 backend
//! against a real S3 server: `tests/storage.rs`.)

use super::{
    conformance::{body, read_all},
    *,
};
use std::{
    path::Path,
    sync::atomic::{AtomicU64, Ordering},
};

fn key(key: &str) -> StorageKey {
    StorageKey::new(key).expect("valid key")
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(
                    path.strip_prefix(dir)
                        .expect("under")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

#[tokio::test]
async fn a_streamed_object_is_stored_read_listed_and_deleted() {
    let dir = tempfile::tempdir().expect("dir");
    let storage = Storage::local(dir.path()).expect("storage");
    conformance::round_trip(&storage).await;
    assert_eq!(
        files_under(dir.path()),
        vec!["espaces/1/documents/2/v1"],
        "the local layout: <data_dir>/<key>"
    );
}

#[tokio::test]
async fn files_of_an_existing_installation_are_found_where_they_are() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("images")).expect("folder");
    std::fs::write(dir.path().join("images/0a.png"), b"written before").expect("file");
    let storage = Storage::local(dir.path()).expect("storage");
    assert_eq!(
        read_all(&storage, &key("images/0a.png")).await.as_deref(),
        Some(&b"written before"[..])
    );
}

#[tokio::test]
async fn an_interrupted_or_refused_upload_leaves_nothing_visible() {
    let dir = tempfile::tempdir().expect("dir");
    let storage = Storage::local(dir.path()).expect("storage");
    conformance::interrupted_uploads_leave_nothing(&storage).await;
    // Aborted uploads' staged files are gone.
    assert_eq!(files_under(dir.path()), vec!["espaces/1/doc"]);
}

#[tokio::test]
async fn memory_stays_flat_whatever_the_size() {
    // The body is made as it is read; at every chunk, what was read but is not yet in the
    // staged file on disk is what the upload holds in memory. It stays within a few parts
    // for a body of 48 MiB.
    let dir = tempfile::tempdir().expect("dir");
    let storage = Storage::local(dir.path()).expect("storage");
    let staged = dir.path().join("big#1");
    let pulled = AtomicU64::new(0);
    let most_held = AtomicU64::new(0);
    let total = 48 * 1024 * 1024;
    let watched = body(total, 256 * 1024).inspect(|chunk| {
        let read = pulled.fetch_add(
            chunk.as_ref().map_or(0, |c| c.len() as u64),
            Ordering::Relaxed,
        );
        let on_disk = std::fs::metadata(&staged).map_or(0, |m| m.len());
        most_held.fetch_max(read.saturating_sub(on_disk), Ordering::Relaxed);
    });
    storage
        .put_stream(&key("big"), watched, None)
        .await
        .expect("stored");
    let bound = ((PARTS_IN_FLIGHT + 2) * PART_BYTES) as u64;
    let held = most_held.load(Ordering::Relaxed);
    assert!(
        held <= bound,
        "{held} bytes held at once, more than {bound}"
    );
    assert_eq!(
        storage
            .head(&key("big"))
            .await
            .expect("head")
            .map(|i| i.size),
        Some(total as u64)
    );
}

#[tokio::test]
async fn the_sweep_deletes_day_old_leftovers_only() {
    let dir = tempfile::tempdir().expect("dir");
    let storage = Storage::local(dir.path()).expect("storage");
    storage
        .put_bytes(&key("cv/kept.pdf"), &b"%PDF-"[..])
        .await
        .expect("object");
    let scratch = storage.scratch_dir().await.expect("scratch");
    let write = |path: &Path| {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, b"left over").expect("file");
    };
    for path in [
        dir.path().join("cv/crashed.pdf#1"),
        dir.path().join("espaces/3/doc#12"),
        dir.path().join("exports/7-ab.partial"),
        scratch.join("8-cd.zip.partial"),
        dir.path().join("parvis.db"),
        dir.path().join("outbox/1.eml"),
    ] {
        write(&path);
    }
    let now = crate::server::db::now();
    assert_eq!(
        sweep::sweep(&storage, now - 3600).await.expect("sweep"),
        0,
        "an hour old: maybe an upload under way"
    );
    assert_eq!(
        sweep::sweep(&storage, now + 60).await.expect("sweep"),
        4,
        "staged uploads, unfinished archives and work files"
    );
    assert_eq!(
        files_under(dir.path()),
        vec!["cv/kept.pdf", "outbox/1.eml", "parvis.db"],
        "objects and everything else under the data folder stay"
    );
}

#[test]
fn an_s3_configuration_needs_a_bucket_and_a_web_endpoint() {
    let mut config = crate::server::config::Config::default().storage;
    config.backend = StorageBackend::S3;
    let dir = std::path::Path::new("/nonexistent");
    assert!(matches!(
        Storage::from_config(&config, dir),
        Err(StorageError::Config(_))
    ));
    config.bucket = "parvis".into();
    config.endpoint = "ftp://127.0.0.1:9000".into();
    assert!(matches!(
        Storage::from_config(&config, dir),
        Err(StorageError::Config(_))
    ));
    config.endpoint = "http://127.0.0.1:9000".into();
    config.region = "garage".into();
    let storage = Storage::from_config(&config, dir).expect("an S3 client");
    assert!(storage.local_root().is_none());
    assert!(format!("{storage:?}").contains("parvis"), "{storage:?}");
}
