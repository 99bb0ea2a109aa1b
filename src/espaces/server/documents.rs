//! A space's documents in the database: folders (a tree per space), documents, their versions
//! and the stored files they point at (`space_document_files`: a restored version shares its
//! file, so a file counts once), the bin, the bytes a space stores. The upload and download
//! routes are in `documents_routes.rs`; share links in `shares.rs`.

use crate::{
    espaces::{
        documents_types::{name_key, BinRow, DocumentRow, FolderChoice, FolderRow, VersionRow},
        server::activity::{record, MailTo, NewActivity},
        types::Module,
    },
    server::{
        db::{violated, Db, UniqueKey},
        human_dates::HumanDates,
        storage::{Storage, StorageKey},
    },
};
use sqlx::AnyConnection;

/// The bytes space `$1` stores: every file of its documents, every version and the bin
/// included, each file once.
pub async fn stored_bytes(conn: &mut AnyConnection, space_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM space_document_files WHERE space_id = $1",
    )
    .bind(space_id)
    .fetch_one(conn)
    .await
}

/// Whether folder `folder` is one of space `space_id`'s.
pub async fn folder_in_space(
    conn: &mut AnyConnection,
    space_id: i64,
    folder: i64,
) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM space_folders WHERE id = $1 AND space_id = $2")
            .bind(folder)
            .bind(space_id)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

/// Every folder of a space: (id, parent, name).
async fn all_folders(
    db: &Db,
    space_id: i64,
) -> Result<Vec<(i64, Option<i64>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, parent_id, name FROM space_folders WHERE space_id = $1 ORDER BY name_key, id",
    )
    .bind(space_id)
    .fetch_all(&db.pool)
    .await
}

/// The folders of a space with their paths, and a function giving a folder's path from the
/// top (folders are few: read at once).
pub struct FolderTree {
    folders: Vec<(i64, Option<i64>, String)>,
}

impl FolderTree {
    pub async fn load(db: &Db, space_id: i64) -> Result<FolderTree, sqlx::Error> {
        Ok(FolderTree {
            folders: all_folders(db, space_id).await?,
        })
    }

    /// From the top to `folder` (empty for the top).
    pub fn path(&self, folder: Option<i64>) -> Vec<FolderRow> {
        let mut path = Vec::new();
        let mut at = folder;
        while let Some(id) = at {
            let Some((_, parent, name)) = self.folders.iter().find(|f| f.0 == id) else {
                break;
            };
            path.push(FolderRow {
                id,
                name: name.clone(),
            });
            if path.len() > 64 {
                break;
            }
            at = *parent;
        }
        path.reverse();
        path
    }

    /// `folder`'s path as text (`Rapports / 2026`), empty for the top.
    pub fn path_text(&self, folder: Option<i64>) -> String {
        self.path(folder)
            .into_iter()
            .map(|f| f.name)
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The folders directly inside `folder`.
    pub fn children(&self, folder: Option<i64>) -> Vec<FolderRow> {
        self.folders
            .iter()
            .filter(|f| f.1 == folder)
            .map(|f| FolderRow {
                id: f.0,
                name: f.2.clone(),
            })
            .collect()
    }

    /// Every folder with its path, sorted by path.
    pub fn choices(&self) -> Vec<FolderChoice> {
        let mut choices: Vec<FolderChoice> = self
            .folders
            .iter()
            .map(|f| FolderChoice {
                id: f.0,
                path: self.path_text(Some(f.0)),
            })
            .collect();
        choices.sort_by(|a, b| a.path.to_lowercase().cmp(&b.path.to_lowercase()));
        choices
    }

    /// Whether `folder` is `ancestor` or inside it.
    pub fn within(&self, folder: i64, ancestor: i64) -> bool {
        self.path(Some(folder)).iter().any(|f| f.id == ancestor)
    }
}

/// The unique names within a folder (`space_folders_name`, `space_documents_name`): what two
/// writers of one name at the same moment trip over, after both checked that it was free. Such
/// a race answers as the check would have: the name is taken.
const NAME_KEYS: [UniqueKey; 2] = [
    UniqueKey {
        constraint: "space_folders_name",
        table: "space_folders",
        columns: &[],
        field: "name",
    },
    UniqueKey {
        constraint: "space_documents_name",
        table: "space_documents",
        columns: &[],
        field: "name",
    },
];

/// Whether `error` is a race on a name within a folder ([`NAME_KEYS`]).
fn name_race(error: &sqlx::Error) -> bool {
    violated(error, &NAME_KEYS).is_some()
}

/// Why a folder was not made.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("a folder of that name exists there")]
    Exists,
    #[error("no such folder in the space")]
    NoParent,
    #[error("the folder holds documents (the bin's included) or folders")]
    NotEmpty,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for FolderError {
    fn from(error: sqlx::Error) -> Self {
        if name_race(&error) {
            FolderError::Exists
        } else {
            FolderError::Db(error)
        }
    }
}

/// Makes folder `name` (already cleaned) inside `parent` of space `space_id`.
pub async fn create_folder(
    db: &Db,
    space_id: i64,
    parent: Option<i64>,
    name: &str,
    by: i64,
    at: i64,
) -> Result<i64, FolderError> {
    let mut tx = db.begin_write().await?;
    if let Some(parent) = parent {
        if !folder_in_space(&mut tx, space_id, parent).await? {
            return Err(FolderError::NoParent);
        }
    }
    if folder_name_taken(&mut tx, space_id, parent, name, None).await? {
        return Err(FolderError::Exists);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO space_folders (space_id, parent_id, name, name_key, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(space_id)
    .bind(parent)
    .bind(name)
    .bind(name_key(name))
    .bind(by)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether folder `parent` (`None`: the top) of space `space_id` holds a folder named `name`
/// (compared by its key), other than `except`.
async fn folder_name_taken(
    conn: &mut AnyConnection,
    space_id: i64,
    parent: Option<i64>,
    name: &str,
    except: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_folders WHERE space_id = $1 AND COALESCE(parent_id, 0) = $2 AND name_key = $3 AND id <> $4",
    )
    .bind(space_id)
    .bind(parent.unwrap_or(0))
    .bind(name_key(name))
    .bind(except.unwrap_or(0))
    .fetch_one(conn)
    .await?;
    Ok(taken > 0)
}

/// The parent of folder `folder` of space `space_id` (`Some(None)`: at the top), `None` when
/// the space has no such folder. With `lock` on PostgreSQL the folder's row is locked for the
/// rest of the transaction.
async fn folder_parent(
    conn: &mut AnyConnection,
    backend: crate::server::db::Backend,
    space_id: i64,
    folder: i64,
    lock: bool,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let lock = if lock && backend == crate::server::db::Backend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    sqlx::query_scalar(&format!(
        "SELECT parent_id FROM space_folders WHERE id = $1 AND space_id = $2{lock}"
    ))
    .bind(folder)
    .bind(space_id)
    .fetch_optional(conn)
    .await
}

/// Renames folder `folder` of space `space_id` to `name` (already cleaned); `NoParent` when
/// there is no such folder, `Exists` when its parent holds another folder of that name.
pub async fn rename_folder(
    db: &Db,
    space_id: i64,
    folder: i64,
    name: &str,
) -> Result<(), FolderError> {
    let mut tx = db.begin_write().await?;
    let Some(parent) = folder_parent(&mut tx, db.backend, space_id, folder, false).await? else {
        return Err(FolderError::NoParent);
    };
    if folder_name_taken(&mut tx, space_id, parent, name, Some(folder)).await? {
        return Err(FolderError::Exists);
    }
    sqlx::query("UPDATE space_folders SET name = $2, name_key = $3 WHERE id = $1")
        .bind(folder)
        .bind(name)
        .bind(name_key(name))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes folder `folder` of space `space_id` when it is empty: no folder and no document,
/// not even in the bin (a document keeps its folder there, to go back to it when restored);
/// returns its parent (`None`: the top). `NoParent` when there is no such folder.
pub async fn delete_folder(
    db: &Db,
    space_id: i64,
    folder: i64,
) -> Result<Option<i64>, FolderError> {
    let mut tx = db.begin_write().await?;
    // PostgreSQL: the folder's row locked first. A document or folder being added to it holds
    // a key-share lock on that row, so this waits for it to commit and then counts it; one
    // added later waits for this transaction and then fails its foreign key (an error, never
    // a document silently removed by the cascade). SQLite runs one writer at a time.
    let Some(parent) = folder_parent(&mut tx, db.backend, space_id, folder, true).await? else {
        return Err(FolderError::NoParent);
    };
    let held: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM space_folders WHERE parent_id = $1) \
         + (SELECT COUNT(*) FROM space_documents WHERE folder_id = $1)",
    )
    .bind(folder)
    .fetch_one(&mut *tx)
    .await?;
    if held > 0 {
        return Err(FolderError::NotEmpty);
    }
    sqlx::query("DELETE FROM space_folders WHERE id = $1")
        .bind(folder)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(parent)
}

/// One document's current state, as lists read it.
#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    name: String,
    folder_id: Option<i64>,
    size: i64,
    content_type: String,
    number: i64,
    version_id: i64,
    uploaded_at: i64,
    author: Option<String>,
}

/// The columns of a document with its newest version, its file and the version's author.
const DOC_SELECT: &str = "SELECT d.id, d.name, d.folder_id, f.size, f.content_type, v.number, v.id AS version_id, \
     v.uploaded_at, u.display_name AS author FROM space_documents d \
     JOIN space_document_versions v ON v.document_id = d.id \
     AND v.number = (SELECT MAX(w.number) FROM space_document_versions w WHERE w.document_id = d.id) \
     JOIN space_document_files f ON f.id = v.file_id LEFT JOIN users u ON u.id = v.uploaded_by";

fn document_row(row: DocRow, tree: &FolderTree, dates: &HumanDates) -> DocumentRow {
    DocumentRow {
        id: row.id,
        name: row.name,
        folder_id: row.folder_id,
        folder_path: tree.path_text(row.folder_id),
        size: row.size,
        content_type: row.content_type,
        version: row.number,
        version_id: row.version_id,
        updated: dates.instant(row.uploaded_at),
        author: row.author,
    }
}

/// The documents (not in the bin) of one folder of a space, by name.
pub async fn in_folder(
    db: &Db,
    space_id: i64,
    folder: Option<i64>,
    tree: &FolderTree,
    dates: &HumanDates,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let rows: Vec<DocRow> = sqlx::query_as(&format!(
        "{DOC_SELECT} WHERE d.space_id = $1 AND COALESCE(d.folder_id, 0) = $2 AND d.deleted_at IS NULL ORDER BY d.name_key, d.id"
    ))
    .bind(space_id)
    .bind(folder.unwrap_or(0))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| document_row(r, tree, dates))
        .collect())
}

/// The documents (not in the bin) of a space whose name holds `query` (in any case), at most
/// 200.
pub async fn search(
    db: &Db,
    space_id: i64,
    query: &str,
    tree: &FolderTree,
    dates: &HumanDates,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let needle = name_key(query)
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let rows: Vec<DocRow> = sqlx::query_as(&format!(
        "{DOC_SELECT} WHERE d.space_id = $1 AND d.deleted_at IS NULL AND d.name_key LIKE $2 ESCAPE '\\' \
         ORDER BY d.name_key, d.id LIMIT 200"
    ))
    .bind(space_id)
    .bind(format!("%{needle}%"))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| document_row(r, tree, dates))
        .collect())
}

/// One document of a space (in the bin or not): its row and whether it is in the bin.
pub async fn document(
    db: &Db,
    space_id: i64,
    id: i64,
    tree: &FolderTree,
    dates: &HumanDates,
) -> Result<Option<(DocumentRow, bool)>, sqlx::Error> {
    let row: Option<DocRow> =
        sqlx::query_as(&format!("{DOC_SELECT} WHERE d.space_id = $1 AND d.id = $2"))
            .bind(space_id)
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let deleted: Option<i64> =
        sqlx::query_scalar("SELECT deleted_at FROM space_documents WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
    Ok(Some((document_row(row, tree, dates), deleted.is_some())))
}

/// How many documents of a space are in the bin.
pub async fn bin_count(db: &Db, space_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_documents WHERE space_id = $1 AND deleted_at IS NOT NULL",
    )
    .bind(space_id)
    .fetch_one(&db.pool)
    .await
}

#[derive(sqlx::FromRow)]
struct VersionSql {
    id: i64,
    number: i64,
    size: i64,
    content_type: String,
    original_name: String,
    uploaded_at: i64,
    author: Option<String>,
    restored_from: Option<i64>,
}

/// A document's versions, newest first.
pub async fn versions(
    db: &Db,
    document: i64,
    dates: &HumanDates,
) -> Result<Vec<VersionRow>, sqlx::Error> {
    let rows: Vec<VersionSql> = sqlx::query_as(
        "SELECT v.id, v.number, f.size, f.content_type, v.original_name, v.uploaded_at, \
         u.display_name AS author, r.number AS restored_from FROM space_document_versions v \
         JOIN space_document_files f ON f.id = v.file_id LEFT JOIN users u ON u.id = v.uploaded_by \
         LEFT JOIN space_document_versions r ON r.id = v.restored_from \
         WHERE v.document_id = $1 ORDER BY v.number DESC",
    )
    .bind(document)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| VersionRow {
            id: r.id,
            number: r.number,
            size: r.size,
            content_type: r.content_type,
            original_name: r.original_name,
            uploaded: dates.instant(r.uploaded_at),
            author: r.author,
            restored_from: r.restored_from,
        })
        .collect())
}

/// What a download needs of one version of a document of a space.
#[derive(Debug, sqlx::FromRow)]
pub struct StoredVersion {
    pub name: String,
    pub storage_key: String,
    pub content_type: String,
    pub deleted_at: Option<i64>,
}

/// Version `version` of document `document` of space `space_id`.
pub async fn stored_version(
    db: &Db,
    space_id: i64,
    document: i64,
    version: i64,
) -> Result<Option<StoredVersion>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.name, f.storage_key, f.content_type, d.deleted_at FROM space_document_versions v \
         JOIN space_documents d ON d.id = v.document_id JOIN space_document_files f ON f.id = v.file_id \
         WHERE v.id = $1 AND d.id = $2 AND d.space_id = $3",
    )
    .bind(version)
    .bind(document)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await
}

/// A file stored and about to become a version.
pub struct NewVersion<'a> {
    pub space_id: i64,
    pub folder: Option<i64>,
    /// The cleaned name.
    pub name: &'a str,
    pub key: &'a StorageKey,
    pub size: u64,
    pub content_type: &'a str,
    pub by: i64,
    pub at: i64,
    pub quota_bytes: u64,
}

/// Why a stored file did not become a version.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("the space's quota would be exceeded")]
    Quota,
    #[error("no such folder in the space")]
    NoFolder,
    /// Another upload made a document of that name meanwhile (retried once as a version of it).
    #[error("a document of that name was made meanwhile")]
    NameRace,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for VersionError {
    fn from(error: sqlx::Error) -> Self {
        if name_race(&error) {
            VersionError::NameRace
        } else {
            VersionError::Db(error)
        }
    }
}

/// Records a stored file as the newest version of the document of that name in that folder
/// (made if there is none), in one transaction with its activity line and the end of its
/// upload's pending row; refused when the space would go past its quota (another upload
/// may have finished meanwhile).
pub async fn add_version(db: &Db, new: &NewVersion<'_>) -> Result<Added, VersionError> {
    match add_version_once(db, new).await {
        // Another upload of the same new name committed first: this one is its next version.
        Err(VersionError::NameRace) => add_version_once(db, new).await,
        done => done,
    }
}

/// A version just recorded: its document, its id and its number (1 for a new document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub document: i64,
    pub version: i64,
    pub number: i64,
}

async fn add_version_once(db: &Db, new: &NewVersion<'_>) -> Result<Added, VersionError> {
    let mut tx = db.begin_write().await?;
    if let Some(folder) = new.folder {
        if !folder_in_space(&mut tx, new.space_id, folder).await? {
            return Err(VersionError::NoFolder);
        }
    }
    let used = stored_bytes(&mut tx, new.space_id).await?;
    if (used.max(0) as u64).saturating_add(new.size) > new.quota_bytes {
        return Err(VersionError::Quota);
    }
    let key = name_key(new.name);
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM space_documents WHERE space_id = $1 AND COALESCE(folder_id, 0) = $2 \
         AND name_key = $3 AND deleted_at IS NULL",
    )
    .bind(new.space_id)
    .bind(new.folder.unwrap_or(0))
    .bind(&key)
    .fetch_optional(&mut *tx)
    .await?;
    let document = match existing {
        Some(id) => {
            sqlx::query("UPDATE space_documents SET updated_at = $2 WHERE id = $1")
                .bind(id)
                .bind(new.at)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO space_documents (space_id, folder_id, name, name_key, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(new.space_id)
            .bind(new.folder)
            .bind(new.name)
            .bind(&key)
            .bind(new.by)
            .bind(new.at)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    let file: i64 = sqlx::query_scalar(
        "INSERT INTO space_document_files (space_id, storage_key, size, content_type, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(new.space_id)
    .bind(new.key.as_str())
    .bind(i64::try_from(new.size).unwrap_or(i64::MAX))
    .bind(new.content_type)
    .bind(new.at)
    .fetch_one(&mut *tx)
    .await?;
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM space_document_versions WHERE document_id = $1",
    )
    .bind(document)
    .fetch_one(&mut *tx)
    .await?;
    let version: i64 = sqlx::query_scalar(
        "INSERT INTO space_document_versions (document_id, number, file_id, original_name, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(document)
    .bind(number)
    .bind(file)
    .bind(new.name)
    .bind(new.by)
    .bind(new.at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM space_document_uploads WHERE storage_key = $1")
        .bind(new.key.as_str())
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        &NewActivity {
            space_id: new.space_id,
            actor_id: Some(new.by),
            module: Module::Documents,
            action: if number == 1 {
                "activity-document-uploaded"
            } else {
                "activity-document-version"
            },
            subject: new.name.to_string(),
            link: format!("/espaces/{}/documents/{document}", new.space_id),
            mentioned: vec![],
            mail_to: MailTo::Everyone,
        },
        new.at,
    )
    .await?;
    tx.commit().await?;
    Ok(Added {
        document,
        version,
        number,
    })
}

/// Makes version `version` of `document` its newest, as a new version sharing its file.
/// None when the version is not the document's.
pub async fn restore_version(
    db: &Db,
    space_id: i64,
    document: i64,
    version: i64,
    by: i64,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT v.file_id, d.name FROM space_document_versions v JOIN space_documents d ON d.id = v.document_id \
         WHERE v.id = $1 AND d.id = $2 AND d.space_id = $3 AND d.deleted_at IS NULL",
    )
    .bind(version)
    .bind(document)
    .bind(space_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((file, name)) = found else {
        return Ok(None);
    };
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM space_document_versions WHERE document_id = $1",
    )
    .bind(document)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO space_document_versions (document_id, number, file_id, original_name, uploaded_by, uploaded_at, restored_from) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(document)
    .bind(number)
    .bind(file)
    .bind(&name)
    .bind(by)
    .bind(at)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE space_documents SET updated_at = $2 WHERE id = $1")
        .bind(document)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        &NewActivity {
            space_id,
            actor_id: Some(by),
            module: Module::Documents,
            action: "activity-document-version",
            subject: name,
            link: format!("/espaces/{space_id}/documents/{document}"),
            mentioned: vec![],
            mail_to: MailTo::Everyone,
        },
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(number))
}

/// Why a rename or a move was refused.
#[derive(Debug, thiserror::Error)]
pub enum PlaceError {
    #[error("no such document")]
    NotFound,
    #[error("a document of that name is already there")]
    Exists,
    #[error("no such folder in the space")]
    NoFolder,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for PlaceError {
    fn from(error: sqlx::Error) -> Self {
        if name_race(&error) {
            PlaceError::Exists
        } else {
            PlaceError::Db(error)
        }
    }
}

/// Gives document `document` (not in the bin) the name `name` in folder `folder`.
pub async fn place(
    db: &Db,
    space_id: i64,
    document: i64,
    folder: Option<i64>,
    name: Option<&str>,
    at: i64,
) -> Result<(), PlaceError> {
    let mut tx = db.begin_write().await?;
    let current: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT name, folder_id FROM space_documents WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(document)
    .bind(space_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((current_name, _)) = current else {
        return Err(PlaceError::NotFound);
    };
    if let Some(folder) = folder {
        if !folder_in_space(&mut tx, space_id, folder).await? {
            return Err(PlaceError::NoFolder);
        }
    }
    let name = name.unwrap_or(&current_name).to_string();
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_documents WHERE space_id = $1 AND COALESCE(folder_id, 0) = $2 \
         AND name_key = $3 AND deleted_at IS NULL AND id <> $4",
    )
    .bind(space_id)
    .bind(folder.unwrap_or(0))
    .bind(name_key(&name))
    .bind(document)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(PlaceError::Exists);
    }
    sqlx::query(
        "UPDATE space_documents SET name = $2, name_key = $3, folder_id = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(document)
    .bind(&name)
    .bind(name_key(&name))
    .bind(folder)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The folder a document (not in the bin) is in: `Ok(None)` for none such, `Some(folder)`.
pub async fn folder_of(
    db: &Db,
    space_id: i64,
    document: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT folder_id FROM space_documents WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(document)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Puts a document in the bin; false when it is not a live document of the space.
pub async fn to_bin(
    db: &Db,
    space_id: i64,
    document: i64,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE space_documents SET deleted_at = $3, deleted_by = $4 WHERE id = $1 AND space_id = $2 AND deleted_at IS NULL",
    )
    .bind(document)
    .bind(space_id)
    .bind(at)
    .bind(by)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Why a document did not come back from the bin.
#[derive(Debug, thiserror::Error)]
pub enum BackError {
    #[error("not in the bin")]
    NotFound,
    #[error("a document of that name is there again")]
    Exists,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for BackError {
    fn from(error: sqlx::Error) -> Self {
        if name_race(&error) {
            BackError::Exists
        } else {
            BackError::Db(error)
        }
    }
}

/// Takes a document out of the bin, back in its folder.
pub async fn from_bin(db: &Db, space_id: i64, document: i64) -> Result<(), BackError> {
    let mut tx = db.begin_write().await?;
    let found: Option<(Option<i64>, String)> = sqlx::query_as(
        "SELECT folder_id, name_key FROM space_documents WHERE id = $1 AND space_id = $2 AND deleted_at IS NOT NULL",
    )
    .bind(document)
    .bind(space_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((folder, key)) = found else {
        return Err(BackError::NotFound);
    };
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_documents WHERE space_id = $1 AND COALESCE(folder_id, 0) = $2 \
         AND name_key = $3 AND deleted_at IS NULL",
    )
    .bind(space_id)
    .bind(folder.unwrap_or(0))
    .bind(&key)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(BackError::Exists);
    }
    sqlx::query("UPDATE space_documents SET deleted_at = NULL, deleted_by = NULL WHERE id = $1")
        .bind(document)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct BinSql {
    id: i64,
    name: String,
    folder_id: Option<i64>,
    size: i64,
    deleted_at: i64,
    deleted_by: Option<String>,
}

/// The documents in a space's bin, latest deleted first, with the bytes of their files.
pub async fn bin(
    db: &Db,
    space_id: i64,
    tree: &FolderTree,
    dates: &HumanDates,
) -> Result<Vec<BinRow>, sqlx::Error> {
    let rows: Vec<BinSql> = sqlx::query_as(
        "SELECT d.id, d.name, d.folder_id, \
         CAST((SELECT COALESCE(SUM(f.size), 0) FROM space_document_files f WHERE f.id IN \
         (SELECT v.file_id FROM space_document_versions v WHERE v.document_id = d.id)) AS BIGINT) AS size, \
         d.deleted_at, u.display_name AS deleted_by FROM space_documents d LEFT JOIN users u ON u.id = d.deleted_by \
         WHERE d.space_id = $1 AND d.deleted_at IS NOT NULL ORDER BY d.deleted_at DESC, d.id DESC",
    )
    .bind(space_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| BinRow {
            id: r.id,
            name: r.name,
            folder_path: tree.path_text(r.folder_id),
            size: r.size,
            deleted: dates.instant(r.deleted_at),
            deleted_by: r.deleted_by,
        })
        .collect())
}

/// Deletes for good the documents in a space's bin (`only`: one of them), their versions and
/// the files no version points at any more. The files' keys are first listed as pending in
/// `space_document_uploads` within the transaction, then deleted from the storage after the
/// commit: a crash in between leaves them to the sweep, never a version without its file.
/// Returns how many documents went.
pub async fn empty_bin(
    db: &Db,
    storage: &Storage,
    space_id: i64,
    only: Option<i64>,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let documents: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM space_documents WHERE space_id = $1 AND deleted_at IS NOT NULL AND ($2 = 0 OR id = $2)",
    )
    .bind(space_id)
    .bind(only.unwrap_or(0))
    .fetch_all(&mut *tx)
    .await?;
    let mut keys: Vec<String> = Vec::new();
    for document in &documents {
        let files: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT f.id, f.storage_key FROM space_document_files f \
             JOIN space_document_versions v ON v.file_id = f.id WHERE v.document_id = $1",
        )
        .bind(document)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM space_documents WHERE id = $1")
            .bind(document)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM space_document_versions WHERE document_id = $1")
            .bind(document)
            .execute(&mut *tx)
            .await?;
        for (file, key) in files {
            let used: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM space_document_versions WHERE file_id = $1",
            )
            .bind(file)
            .fetch_one(&mut *tx)
            .await?;
            if used == 0 {
                sqlx::query("DELETE FROM space_document_files WHERE id = $1")
                    .bind(file)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO space_document_uploads (storage_key, space_id, started_at) VALUES ($1, $2, 0)",
                )
                .bind(&key)
                .bind(space_id)
                .execute(&mut *tx)
                .await?;
                keys.push(key);
            }
        }
    }
    tx.commit().await?;
    for key in keys {
        forget_file(db, storage, &key).await;
    }
    Ok(documents.len() as u64)
}

/// Deletes a stored file no version points at and its pending row, logging a failure (the
/// sweep tries again).
pub async fn forget_file(db: &Db, storage: &Storage, key: &str) {
    let deleted = match StorageKey::new(key) {
        Ok(key) => storage
            .delete(&key)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match deleted {
        Ok(()) => {
            if let Err(error) =
                sqlx::query("DELETE FROM space_document_uploads WHERE storage_key = $1")
                    .bind(key)
                    .execute(&db.pool)
                    .await
            {
                tracing::warn!(%error, "documents: a pending upload row not deleted");
            }
        }
        Err(error) => tracing::warn!(%error, key, "documents: a file not deleted (the sweep will)"),
    }
}
/// The current version of `document`: (name, storage key, type, size).
pub async fn current_file(
    db: &Db,
    document: i64,
) -> Result<Option<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.name, f.storage_key, f.content_type, f.size FROM space_documents d \
         JOIN space_document_versions v ON v.document_id = d.id \
         AND v.number = (SELECT MAX(w.number) FROM space_document_versions w WHERE w.document_id = d.id) \
         JOIN space_document_files f ON f.id = v.file_id WHERE d.id = $1",
    )
    .bind(document)
    .fetch_optional(&db.pool)
    .await
}
