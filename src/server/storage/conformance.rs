//! What every backend must do, as checks the tests run on each: the local backend's unit
//! tests (`tests.rs`) and the S3 backend's (`tests/storage.rs`, against a real S3 server).
//! They panic on the first difference; they are not used by the application.

#![allow(clippy::missing_panics_doc)]

use super::{PutError, Storage, StorageKey, PART_BYTES};
use bytes::Bytes;
use futures_util::{stream, Stream, StreamExt};
use std::sync::atomic::{AtomicU64, Ordering};

fn key(key: &str) -> StorageKey {
    StorageKey::new(key).expect("valid key")
}

/// `total` bytes in chunks of `chunk` bytes, each byte its offset modulo 251 (so a misplaced
/// chunk shows), made as they are asked for.
pub fn body(
    total: usize,
    chunk: usize,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    stream::iter((0..total).step_by(chunk).map(move |start| {
        let end = (start + chunk).min(total);
        Ok(Bytes::from(
            (start..end).map(|i| (i % 251) as u8).collect::<Vec<u8>>(),
        ))
    }))
}

/// The whole object under `key`, or `None`.
pub async fn read_all(storage: &Storage, key: &StorageKey) -> Option<Vec<u8>> {
    let object = storage.get(key).await.expect("get")?;
    Some(object.into_bytes().await.expect("whole").to_vec())
}

/// A small and a multipart object stored from streams, read back, listed, measured and
/// deleted; `storage` must be empty.
pub async fn round_trip(storage: &Storage) {
    let small = key("cv/1-small.pdf");
    let size = storage
        .put_stream(&small, body(10_000, 1000), Some(10_000))
        .await
        .expect("small");
    assert_eq!(size, 10_000);
    let large = key("espaces/1/documents/2/v1");
    let total = 2 * PART_BYTES + 12_345;
    storage
        .put_stream(&large, body(total, 256 * 1024), None)
        .await
        .expect("large: a multipart upload");
    let back = read_all(storage, &large).await.expect("there");
    assert_eq!(back.len(), total);
    assert!(back.iter().enumerate().all(|(i, b)| *b == (i % 251) as u8));

    let info = storage.head(&large).await.expect("head").expect("there");
    assert_eq!(info.size, total as u64);
    assert!((info.modified_at - crate::server::db::now()).abs() < 300);
    let listed: Vec<String> = storage
        .list("cv")
        .await
        .expect("list")
        .into_iter()
        .map(|o| o.key.to_string())
        .collect();
    assert_eq!(listed, vec!["cv/1-small.pdf"]);

    assert!(storage.delete(&small).await.expect("delete"));
    assert!(storage.get(&small).await.expect("get").is_none());
    assert!(storage.head(&small).await.expect("head").is_none());
    assert!(storage
        .get(&key("cv/never.pdf"))
        .await
        .expect("get")
        .is_none());
}

/// Uploads cut by the client, small and multipart, and one past its limit: each refused,
/// the earlier object under the key whole, the oversized one read no further than its limit.
pub async fn interrupted_uploads_leave_nothing(storage: &Storage) {
    let target = key("espaces/1/doc");
    storage
        .put_bytes(&target, &b"version 1"[..])
        .await
        .expect("first version");
    for cut_at in [3 * 1024, 2 * PART_BYTES + 1] {
        let broken = body(cut_at, 64 * 1024).chain(stream::once(async {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "client gone",
            ))
        }));
        let error = storage
            .put_stream(&target, broken, None)
            .await
            .expect_err("interrupted");
        assert!(matches!(error, PutError::Body(_)), "{error}");
        assert_eq!(
            read_all(storage, &target).await.as_deref(),
            Some(&b"version 1"[..]),
            "the earlier object stays, whole"
        );
    }
    let pulled = AtomicU64::new(0);
    let counted = body(100 * PART_BYTES, 64 * 1024).inspect(|chunk| {
        pulled.fetch_add(
            chunk.as_ref().map_or(0, |c| c.len() as u64),
            Ordering::Relaxed,
        );
    });
    let limit = (2 * PART_BYTES) as u64;
    assert!(matches!(
        storage.put_stream(&target, counted, Some(limit)).await,
        Err(PutError::TooLarge(l)) if l == limit
    ));
    assert!(
        pulled.load(Ordering::Relaxed) <= limit + 64 * 1024,
        "reading stopped at the limit"
    );
    assert_eq!(
        read_all(storage, &target).await.as_deref(),
        Some(&b"version 1"[..])
    );
    assert!(storage
        .get(&key("cv/big.pdf"))
        .await
        .expect("get")
        .is_none());
}
