//! Every stored file goes through [`Storage`]: candidates' CVs, fiche images and their widths,
//! "my data" archives, and Espaces' documents next. Two backends behind one interface, chosen
//! by `[storage] backend` (`server::config::StorageConfig`):
//!
//! - `local` (the default): files under `server.data_dir`, a key `cv/12-ab.pdf` being the file
//!   `<data_dir>/cv/12-ab.pdf`, the layout Parvis always had, so an existing installation's
//!   files are found where they are;
//! - `s3`: an S3-compatible object store (AWS, `MinIO`, Garage, Ceph…), so that several app
//!   servers on one `PostgreSQL` share every file. Credentials come from the environment
//!   (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), never from the file.
//!
//! Both through the `object_store` crate. Streaming both ways: [`Storage::put_stream`] sends a
//! body on in parts of [`PART_BYTES`] with at most [`PARTS_IN_FLIGHT`] parts under way, so an
//! upload holds a few parts in memory whatever its size; [`Storage::get`] gives the object as a
//! stream of chunks (`download::object_response` serves it). Writes are atomic: a body is
//! written to a staged upload (the local backend's `<key>#<n>` file, renamed when complete; an
//! S3 multipart upload, visible only once completed) and an upload that fails or is refused
//! half-way is aborted, so no reader ever sees part of an object. What a crash leaves behind is
//! swept by the `storage.sweep` round (`sweep.rs`).
//!
//! Keys are [`StorageKey`]s, checked where they are made (`key.rs`).

#[doc(hidden)]
pub mod conformance;
pub mod download;
pub mod key;
pub mod sweep;

pub use key::{KeyError, StorageKey};

use super::config::{StorageBackend, StorageConfig};
use bytes::Bytes;
use futures_util::{stream::BoxStream, Stream, StreamExt, TryStreamExt};
use object_store::{
    aws::AmazonS3Builder, local::LocalFileSystem, GetResultPayload, ObjectStore, ObjectStoreExt,
    PutPayload, WriteMultipart,
};
use std::{path::PathBuf, sync::Arc};

/// Bytes sent as one part of an upload (S3's smallest part but the last is 5 MiB); a body no
/// larger is written in one request.
pub const PART_BYTES: usize = 5 * 1024 * 1024;
/// Parts of one upload written at the same time: with the part being filled, an upload holds
/// at most `(PARTS_IN_FLIGHT + 1) × PART_BYTES` in memory, whatever its size.
pub const PARTS_IN_FLIGHT: usize = 2;
/// Chunks a local file is read in when served or stored.
const READ_CHUNK_BYTES: usize = 256 * 1024;
/// Chunks read ahead of the one being sent when a local file is served: at most
/// `(READ_AHEAD_CHUNKS + 1) × READ_CHUNK_BYTES` in memory per download.
const READ_AHEAD_CHUNKS: usize = 4;

/// Where files are kept; cloning shares it.
#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// The local backend's folder (the data folder); `None` on S3.
    root: Option<PathBuf>,
    /// A folder on this machine for work files (an archive being written): swept like staged
    /// uploads.
    scratch: PathBuf,
}

/// A stored object: its size and its bytes as a stream.
pub struct Object {
    pub size: u64,
    pub stream: BoxStream<'static, Result<Bytes, StorageError>>,
}

impl Object {
    /// The whole object in memory, checked against its announced size: only for objects
    /// known to be small.
    pub async fn into_bytes(self) -> Result<Bytes, StorageError> {
        let chunks: Vec<Bytes> = self.stream.try_collect().await?;
        let bytes = Bytes::from(chunks.concat());
        if bytes.len() as u64 == self.size {
            Ok(bytes)
        } else {
            Err(StorageError::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("{} bytes read of {}", bytes.len(), self.size),
            )))
        }
    }
}

/// What the storage knows of an object without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: StorageKey,
    pub size: u64,
    /// When it was written, in Unix seconds.
    pub modified_at: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("storage: {0}")]
    Store(#[from] object_store::Error),
    #[error("storage: {0}")]
    Key(#[from] KeyError),
    #[error("storage: local file: {0}")]
    Io(#[from] std::io::Error),
    #[error("storage configuration: {0}")]
    Config(String),
}

/// Why [`Storage::put_stream`] stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum PutError {
    /// The body went past the limit it was given; what had arrived was dropped.
    #[error("larger than {0} bytes")]
    TooLarge(u64),
    /// The body could not be read to its end (the client went away, a broken form).
    #[error("body interrupted: {0}")]
    Body(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<object_store::Error> for PutError {
    fn from(error: object_store::Error) -> Self {
        PutError::Storage(error.into())
    }
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Storage({})", self.store)
    }
}

impl Storage {
    /// The storage `config` names, files under `data_dir` for the local backend (the folder is
    /// made if missing). Fails on an incomplete S3 configuration.
    pub fn from_config(
        config: &StorageConfig,
        data_dir: &std::path::Path,
    ) -> Result<Storage, StorageError> {
        match config.backend {
            StorageBackend::Local => Storage::local(data_dir),
            StorageBackend::S3 => {
                let store = s3_builder(config)?.build()?;
                Ok(Storage {
                    store: Arc::new(store),
                    root: None,
                    scratch: data_dir.join("tmp"),
                })
            }
        }
    }

    /// Files under `root` (made if missing).
    pub fn local(root: impl Into<PathBuf>) -> Result<Storage, StorageError> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        let store = LocalFileSystem::new_with_prefix(&root)?;
        Ok(Storage {
            store: Arc::new(store),
            scratch: root.join("tmp"),
            root: Some(root),
        })
    }

    /// Any `object_store` backend (tests: S3 against a local server), work files under
    /// `scratch`.
    pub fn with_store(store: Arc<dyn ObjectStore>, scratch: PathBuf) -> Storage {
        Storage {
            store,
            root: None,
            scratch,
        }
    }

    /// The local backend's folder, `None` for an object store.
    pub fn local_root(&self) -> Option<&std::path::Path> {
        self.root.as_deref()
    }

    /// A folder on this machine for work files that end up in the storage (made if missing);
    /// the sweep deletes what is left there after a day.
    pub async fn scratch_dir(&self) -> Result<PathBuf, StorageError> {
        tokio::fs::create_dir_all(&self.scratch).await?;
        Ok(self.scratch.clone())
    }

    /// Stores `body` under `key`, replacing any object there, and returns its size. The body
    /// is streamed through: never more than a few parts in memory. With `max_bytes`, a body
    /// that goes past it is refused ([`PutError::TooLarge`]) as soon as it does. On any error
    /// nothing is stored (the upload is aborted) and an earlier object under `key` stays.
    pub async fn put_stream<S, E>(
        &self,
        key: &StorageKey,
        body: S,
        max_bytes: Option<u64>,
    ) -> Result<u64, PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let mut body = std::pin::pin!(body);
        let mut total: u64 = 0;
        // A body of one part or less is one request; a larger one becomes a multipart upload.
        let mut first = Vec::new();
        let mut first_len = 0;
        while first_len <= PART_BYTES {
            let Some(chunk) = next_chunk(&mut body, &mut total, max_bytes).await? else {
                self.store
                    .put(&key.path(), PutPayload::from_iter(first))
                    .await?;
                return Ok(total);
            };
            first_len += chunk.len();
            first.push(chunk);
        }
        let upload = self.store.put_multipart(&key.path()).await?;
        let mut upload = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        for chunk in first {
            upload.put(chunk);
        }
        let written = async {
            loop {
                upload.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                match next_chunk(&mut body, &mut total, max_bytes).await? {
                    Some(chunk) => upload.put(chunk),
                    None => return Ok::<_, PutError>(()),
                }
            }
        }
        .await;
        match written {
            Ok(()) => {
                upload.finish().await?;
                Ok(total)
            }
            Err(error) => {
                if let Err(abort) = upload.abort().await {
                    tracing::warn!(key = %key, error = %abort, "storage: an upload not aborted (the sweep will)");
                }
                Err(error)
            }
        }
    }

    /// Stores `bytes` under `key` (small objects already in memory: an image's widths).
    pub async fn put_bytes(
        &self,
        key: &StorageKey,
        bytes: impl Into<Bytes>,
    ) -> Result<(), StorageError> {
        self.store
            .put(&key.path(), PutPayload::from_bytes(bytes.into()))
            .await?;
        Ok(())
    }

    /// Stores the local file `path` under `key`, streamed.
    pub async fn put_file(
        &self,
        key: &StorageKey,
        path: &std::path::Path,
    ) -> Result<u64, PutError> {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(StorageError::from)?;
        let chunks = tokio_util::io::ReaderStream::with_capacity(file, READ_CHUNK_BYTES);
        self.put_stream(key, chunks, None).await
    }

    /// The object under `key` as a stream, or `None` when there is none.
    pub async fn get(&self, key: &StorageKey) -> Result<Option<Object>, StorageError> {
        let result = match self.store.get(&key.path()).await {
            Ok(result) => result,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let size = result.meta.size;
        let stream = match result.payload {
            GetResultPayload::File(file, _) => read_ahead(file),
            GetResultPayload::Stream(stream) => stream.map_err(StorageError::from).boxed(),
        };
        Ok(Some(Object { size, stream }))
    }

    /// The whole object under `key` in memory, or `None`: only for objects bounded by a small
    /// limit (an image to decode).
    pub async fn read_bytes(&self, key: &StorageKey) -> Result<Option<Bytes>, StorageError> {
        match self.store.get(&key.path()).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// What is known of the object under `key`, or `None`.
    pub async fn head(&self, key: &StorageKey) -> Result<Option<ObjectInfo>, StorageError> {
        match self.store.head(&key.path()).await {
            Ok(meta) => Ok(Some(ObjectInfo {
                key: key.clone(),
                size: meta.size,
                modified_at: meta.last_modified.timestamp(),
            })),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// Deletes the object under `key`; true when there was one (an object store may not tell:
    /// there it is true whenever the call succeeded).
    pub async fn delete(&self, key: &StorageKey) -> Result<bool, StorageError> {
        match self.store.delete(&key.path()).await {
            Ok(()) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// The objects whose keys start with `folder/` (staged uploads never show). Keys that
    /// do not follow [`StorageKey`]'s rules (a file an operator put there) are left out.
    pub async fn list(&self, folder: &str) -> Result<Vec<ObjectInfo>, StorageError> {
        let prefix = object_store::path::Path::from(folder);
        let metas: Vec<object_store::ObjectMeta> =
            self.store.list(Some(&prefix)).try_collect().await?;
        Ok(metas
            .into_iter()
            .filter_map(|meta| {
                Some(ObjectInfo {
                    key: StorageKey::new(meta.location.to_string()).ok()?,
                    size: meta.size,
                    modified_at: meta.last_modified.timestamp(),
                })
            })
            .collect())
    }
}

/// The next chunk of `body`, counted into `total` and checked against `max_bytes`.
async fn next_chunk<S, E>(
    body: &mut std::pin::Pin<&mut S>,
    total: &mut u64,
    max_bytes: Option<u64>,
) -> Result<Option<Bytes>, PutError>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    match body.next().await {
        None => Ok(None),
        Some(Err(error)) => Err(PutError::Body(error.into())),
        Some(Ok(chunk)) => {
            *total += chunk.len() as u64;
            match max_bytes {
                Some(limit) if *total > limit => Err(PutError::TooLarge(limit)),
                _ => Ok(Some(chunk)),
            }
        }
    }
}

/// The S3 client `config` describes, credentials from the environment.
fn s3_builder(config: &StorageConfig) -> Result<AmazonS3Builder, StorageError> {
    if config.bucket.trim().is_empty() {
        return Err(StorageError::Config(
            "storage.backend = \"s3\" needs storage.bucket".into(),
        ));
    }
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(config.bucket.trim());
    if !config.region.trim().is_empty() {
        builder = builder.with_region(config.region.trim());
    }
    let endpoint = config.endpoint.trim();
    if !endpoint.is_empty() {
        let url = url::Url::parse(endpoint).map_err(|error| {
            StorageError::Config(format!("storage.endpoint {endpoint:?}: {error}"))
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(StorageError::Config(format!(
                "storage.endpoint {endpoint:?} must be http or https"
            )));
        }
        builder = builder
            .with_endpoint(endpoint)
            .with_allow_http(url.scheme() == "http")
            // A self-hosted store (MinIO, Garage) answers on one host: bucket in the path.
            .with_virtual_hosted_style_request(false);
    }
    Ok(builder)
}

#[cfg(test)]
mod tests;

/// A local file as a stream of [`READ_CHUNK_BYTES`] chunks, read by one blocking thread that
/// keeps up to [`READ_AHEAD_CHUNKS`] chunks ahead of the reader. Reading and sending overlap,
/// each chunk is read straight into the buffer that is sent (`tokio::fs` reads each chunk in
/// a task of its own and copies it once more), and object_store's own stream reads 8 KiB at
/// a time. The thread stops at the end of the file, at an error (sent as the last item), or
/// as soon as the stream is dropped (the client went away).
fn read_ahead(mut file: std::fs::File) -> BoxStream<'static, Result<Bytes, StorageError>> {
    use std::io::Read;
    let (sender, receiver) = tokio::sync::mpsc::channel(READ_AHEAD_CHUNKS);
    tokio::task::spawn_blocking(move || loop {
        // Read into spare capacity: a file reads into memory not zeroed first (a chunk filled
        // with zeros before being overwritten cost a pass over every byte sent).
        let mut chunk = Vec::with_capacity(READ_CHUNK_BYTES);
        let outcome = (&mut file)
            .take(READ_CHUNK_BYTES as u64)
            .read_to_end(&mut chunk);
        let filled = chunk.len();
        let item = match outcome {
            Ok(_) if filled == 0 => return,
            Ok(_) => Ok(Bytes::from(chunk)),
            Err(error) => Err(StorageError::Io(error)),
        };
        let last = item.is_err() || filled < READ_CHUNK_BYTES;
        if sender.blocking_send(item).is_err() || last {
            return;
        }
    });
    tokio_stream::wrappers::ReceiverStream::new(receiver).boxed()
}
