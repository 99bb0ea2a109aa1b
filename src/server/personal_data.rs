//! What a "my data" archive is made of, and the one writer of it (GDPR right of access and
//! portability). Each domain reads its own tables into [`JsonFile`]s (one per kind of data)
//! and names the [`Original`] files it keeps for the person (a CV, uploaded images); the
//! accounts domain gathers them (`accounts::server::data_export`) and [`write_zip`] puts them
//! in one ZIP with a README. Knows no domain.
//!
//! Rows are read generically ([`rows`]) so every column a query selects reaches the file under
//! its own name: integers and text as they are, a column named `at` or ending in `_at` (Unix
//! seconds) as an RFC 3339 instant in UTC, so a person can read it.

use super::{
    db::Db,
    feeds::rfc3339,
    storage::{PutError, Storage, StorageError, StorageKey},
};
use futures_util::StreamExt;
use serde_json::{Map, Value};
use sqlx::{any::AnyRow, Column, Row};
use std::io::Write;

/// One JSON file of the archive: `name` ("applications.json"), its content.
#[derive(Debug, Clone)]
pub struct JsonFile {
    pub name: &'static str,
    pub content: Value,
}

/// A file the person gave Parvis, copied into the archive as it is stored.
#[derive(Debug, Clone)]
pub struct Original {
    /// Its path inside the archive ("files/cv.pdf").
    pub name: String,
    /// Where it is stored.
    pub key: StorageKey,
}

/// One domain's part of an archive.
#[derive(Debug, Clone, Default)]
pub struct PersonalData {
    pub files: Vec<JsonFile>,
    pub originals: Vec<Original>,
}

impl PersonalData {
    /// Adds a JSON file.
    pub fn file(&mut self, name: &'static str, content: Value) -> &mut Self {
        self.files.push(JsonFile { name, content });
        self
    }

    /// Appends another part.
    pub fn extend(&mut self, other: PersonalData) {
        self.files.extend(other.files);
        self.originals.extend(other.originals);
    }
}

/// True for a column holding an instant in Unix seconds, by the schema's naming rule.
fn is_instant(column: &str) -> bool {
    column == "at" || column.ends_with("_at")
}

/// One column of `row` as JSON: null, an integer (an instant as RFC 3339 text), text or a float.
fn value(row: &AnyRow, index: usize, instant: bool) -> Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(index) {
        return match v {
            Some(seconds) if instant => Value::String(rfc3339(seconds)),
            Some(n) => Value::from(n),
            None => Value::Null,
        };
    }
    if let Ok(v) = row.try_get::<Option<i32>, _>(index) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(index) {
        return v.map_or(Value::Null, Value::String);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(index) {
        return v.map_or(Value::Null, Value::from);
    }
    Value::Null
}

/// A row as a JSON object, keyed by the selected column names.
pub fn object(row: &AnyRow) -> Map<String, Value> {
    row.columns()
        .iter()
        .map(|column| {
            let name = column.name();
            (
                name.to_string(),
                value(row, column.ordinal(), is_instant(name)),
            )
        })
        .collect()
}

/// The rows of `sql` (which reads `$1` as the account's id, as often as it needs) as JSON
/// objects, in the query's order.
pub async fn rows(
    db: &Db,
    sql: &str,
    account: i64,
) -> Result<Vec<Map<String, Value>>, sqlx::Error> {
    let rows = sqlx::query(sql).bind(account).fetch_all(&db.pool).await?;
    Ok(rows.iter().map(object).collect())
}

/// Rows as one JSON array.
pub fn list(rows: Vec<Map<String, Value>>) -> Value {
    Value::Array(rows.into_iter().map(Value::Object).collect())
}

/// [`rows`] as one JSON array.
pub async fn array(db: &Db, sql: &str, account: i64) -> Result<Value, sqlx::Error> {
    Ok(list(rows(db, sql, account).await?))
}

/// One JSON object holding, under each name of `parts`, the [`array`] of its query.
pub async fn arrays(db: &Db, parts: &[(&str, &str)], account: i64) -> Result<Value, sqlx::Error> {
    let mut object = Map::new();
    for (name, sql) in parts {
        object.insert((*name).to_string(), array(db, sql, account).await?);
    }
    Ok(Value::Object(object))
}

/// Puts each of `children` under the parent whose `"id"` equals the child's `key`, in a list
/// named `list` (every parent gets the list, empty when it has no child); the child's `key`
/// is dropped, the parent names it already.
pub fn nest(
    parents: &mut [Map<String, Value>],
    list: &str,
    key: &str,
    children: Vec<Map<String, Value>>,
) {
    for parent in parents.iter_mut() {
        parent.insert(list.to_string(), Value::Array(Vec::new()));
    }
    for mut child in children {
        let Some(owner) = child.remove(key) else {
            continue;
        };
        if let Some(Value::Array(items)) = parents
            .iter_mut()
            .find(|p| p.get("id") == Some(&owner))
            .and_then(|p| p.get_mut(list))
        {
            items.push(Value::Object(child));
        }
    }
}

/// Why an archive could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("archive file: {0}")]
    Io(#[from] std::io::Error),
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("archive writer stopped: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("archive: {0}")]
    Storage(#[from] StorageError),
    #[error("archive: {0}")]
    Put(#[from] PutError),
}

/// Writes the archive and stores it under `key`: `README.txt` (`readme`), each JSON file
/// pretty-printed, then each original under its name, read from `storage` as a stream. An
/// original missing from the storage is left out, and logged. The ZIP is written to a work
/// file on this machine (the storage's scratch folder), then stored, streamed, and the work
/// file deleted. Returns the archive's size in bytes.
pub async fn write_zip(
    storage: &Storage,
    key: &StorageKey,
    readme: String,
    data: PersonalData,
) -> Result<u64, ArchiveError> {
    let work = storage
        .scratch_dir()
        .await?
        .join(format!("{}.partial", key.name()));
    let written = {
        let (storage, work) = (storage.clone(), work.clone());
        tokio::task::spawn_blocking(move || write_zip_blocking(&storage, &work, &readme, &data))
            .await
    };
    let stored = match written {
        Ok(Ok(())) => storage
            .put_file(key, &work)
            .await
            .map_err(ArchiveError::from),
        Ok(Err(error)) => Err(error),
        Err(error) => Err(error.into()),
    };
    let _ = tokio::fs::remove_file(&work).await;
    stored
}

/// The ZIP at `path`; runs on the blocking pool, where it waits for each original's chunks.
fn write_zip_blocking(
    storage: &Storage,
    path: &std::path::Path,
    readme: &str,
    data: &PersonalData,
) -> Result<(), ArchiveError> {
    use zip::{write::SimpleFileOptions, CompressionMethod, ZipWriter};
    let runtime = tokio::runtime::Handle::current();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::fs::File::create(path)?);
    zip.start_file("README.txt", options)?;
    zip.write_all(readme.as_bytes())?;
    for file in &data.files {
        zip.start_file(file.name, options)?;
        serde_json::to_writer_pretty(&mut zip, &file.content)?;
        zip.write_all(b"\n")?;
    }
    for original in &data.originals {
        let Some(mut object) = runtime.block_on(storage.get(&original.key))? else {
            tracing::warn!(file = %original.name, "original file missing: left out of the archive");
            continue;
        };
        // Stored files are PDFs and pictures, compressed already.
        zip.start_file(
            original.name.as_str(),
            options.compression_method(CompressionMethod::Stored),
        )?;
        while let Some(chunk) = runtime.block_on(object.stream.next()) {
            zip.write_all(&chunk?)?;
        }
    }
    zip.finish()?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_go_under_their_parent_without_their_key() {
        let mut parents = vec![
            Map::from_iter([("id".to_string(), Value::from(1))]),
            Map::from_iter([("id".to_string(), Value::from(2))]),
        ];
        let child = Map::from_iter([
            ("application_id".to_string(), Value::from(2)),
            ("body".to_string(), Value::from("bonjour")),
        ]);
        nest(&mut parents, "messages", "application_id", vec![child]);
        assert_eq!(parents[0]["messages"], Value::Array(vec![]));
        assert_eq!(
            parents[1]["messages"],
            serde_json::json!([{ "body": "bonjour" }])
        );
    }

    #[test]
    fn instants_are_named_at_or_end_in_at() {
        assert!(is_instant("at") && is_instant("created_at"));
        assert!(!is_instant("state") && !is_instant("format"));
    }
}
