//! Backup and restore of an installation: its database and the files of its data folder
//! (uploaded images and CVs, the development outbox).
//!
//! A backup is a new folder holding `parvis-backup.json` (what it holds), the database —
//! `database.sqlite`, written by SQLite's `VACUUM INTO` (a consistent copy, taken while the
//! server serves), or `database.pgdump`, written by PostgreSQL's `pg_dump` (custom format, also
//! consistent while serving) — and `data/`, the data folder's files, copied after the database
//! (so every file the saved rows name is there, unless deleted in between). The SQLite
//! database file itself, when it lies in the data folder, is not copied twice.
//!
//! Restoring wants the server stopped: it replaces the SQLite file (or restores the dump with
//! `pg_restore --clean` in one transaction) and each folder of the data folder that the backup
//! holds. PostgreSQL's client tools (`pg_dump`, `pg_restore`, package `postgresql-client`, of
//! the server's major version or newer) must be on `PATH` for a PostgreSQL installation.

use super::{
    config::Config,
    db::{sqlite_file, Backend, DbError},
};
use serde::{Deserialize, Serialize};
use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection};
use std::{
    path::{Path, PathBuf},
    str::FromStr,
};

/// What a backup folder says about itself.
pub const MANIFEST: &str = "parvis-backup.json";
const SQLITE_COPY: &str = "database.sqlite";
const POSTGRES_DUMP: &str = "database.pgdump";
const DATA: &str = "data";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// "sqlite" or "postgres".
    backend: String,
    /// The database file in the folder.
    database: String,
    /// Unix seconds.
    created_at: i64,
    /// Files copied from the data folder.
    files: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists and is not empty: name a new folder for the backup")]
    NotEmpty(PathBuf),
    #[error("{0} holds no Parvis backup ({MANIFEST} missing or unreadable)")]
    NoBackup(PathBuf),
    #[error("this backup is of a {backup} database, the configuration names a {config} one (to move from SQLite to PostgreSQL: restore into SQLite, then copy-to-postgres)")]
    OtherBackend { backup: String, config: String },
    #[error("database.url names no SQLite file")]
    NoSqliteFile,
    #[error("database.url is not a valid URL")]
    BadUrl,
    #[error("{0} is inside the data folder it would copy: put the backup elsewhere")]
    InsideData(PathBuf),
    #[error(transparent)]
    Url(#[from] DbError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} not found: install PostgreSQL's client tools (postgresql-client) of the server's major version or newer")]
    ToolMissing(&'static str),
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a backup or a restore did, for the operator.
#[derive(Debug)]
pub struct Done {
    pub verb: &'static str,
    pub folder: PathBuf,
    pub backend: Backend,
    pub files: u64,
}

impl std::fmt::Display for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: the {:?} database and {} files of the data folder",
            self.verb,
            self.folder.display(),
            self.backend,
            self.files
        )
    }
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Writes a backup of the installation `config` names into `folder`, new or empty.
pub async fn backup(config: &Config, folder: &Path) -> Result<Done, BackupError> {
    let backend = Backend::from_url(&config.database.url)?;
    let occupied = std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(BackupError::NotEmpty(folder.to_path_buf()));
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    if let (Ok(inside), Ok(data)) = (
        std::fs::canonicalize(folder),
        std::fs::canonicalize(&config.server.data_dir),
    ) {
        if inside.starts_with(data) {
            return Err(BackupError::InsideData(folder.to_path_buf()));
        }
    }
    let database = match backend {
        Backend::Sqlite => {
            let target = folder.join(SQLITE_COPY);
            let mut conn = sqlite_options(&config.database.url)?.connect().await?;
            sqlx::query("VACUUM INTO $1")
                .bind(target.to_string_lossy().into_owned())
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            SQLITE_COPY
        }
        Backend::Postgres => {
            let dump = folder.join(POSTGRES_DUMP);
            let mut command = postgres_tool("pg_dump", &config.database.url)?;
            command.arg("--format=custom").arg("--file").arg(&dump);
            run(command, "pg_dump").await?;
            POSTGRES_DUMP
        }
    };
    let skipped = sqlite_file(&config.database.url).map(PathBuf::from);
    let files = copy_data(&config.server.data_dir, &folder.join(DATA), skipped).await?;
    let manifest = Manifest {
        backend: backend_name(backend).into(),
        database: database.into(),
        created_at: super::db::now(),
        files,
    };
    let written = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Io {
        path: folder.join(MANIFEST),
        source: e.into(),
    })?;
    let manifest_path = folder.join(MANIFEST);
    std::fs::write(&manifest_path, written).map_err(io(&manifest_path))?;
    Ok(Done {
        verb: "backup written to",
        folder: folder.to_path_buf(),
        backend,
        files,
    })
}

/// Restores the backup in `folder` into the installation `config` names. The server must be
/// stopped.
pub async fn restore(config: &Config, folder: &Path) -> Result<Done, BackupError> {
    let backend = Backend::from_url(&config.database.url)?;
    let manifest: Manifest = std::fs::read(folder.join(MANIFEST))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| BackupError::NoBackup(folder.to_path_buf()))?;
    if manifest.backend != backend_name(backend) {
        return Err(BackupError::OtherBackend {
            backup: manifest.backend,
            config: backend_name(backend).into(),
        });
    }
    let saved = folder.join(&manifest.database);
    match backend {
        Backend::Sqlite => {
            let live =
                PathBuf::from(sqlite_file(&config.database.url).ok_or(BackupError::NoSqliteFile)?);
            if let Some(parent) = live.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            // Copied beside the live file, then renamed over it: never half a database.
            let incoming = with_suffix(&live, ".restoring");
            std::fs::copy(&saved, &incoming).map_err(io(&saved))?;
            for companion in ["-wal", "-shm", "-journal"] {
                let path = with_suffix(&live, companion);
                if path.exists() {
                    std::fs::remove_file(&path).map_err(io(&path))?;
                }
            }
            std::fs::rename(&incoming, &live).map_err(io(&live))?;
        }
        Backend::Postgres => {
            let mut command = postgres_tool("pg_restore", &config.database.url)?;
            command
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                ])
                .arg(&saved);
            run(command, "pg_restore").await?;
        }
    }
    let files = restore_data(&folder.join(DATA), &config.server.data_dir).await?;
    Ok(Done {
        verb: "restored from",
        folder: folder.to_path_buf(),
        backend,
        files,
    })
}

fn sqlite_options(url: &str) -> Result<SqliteConnectOptions, BackupError> {
    Ok(SqliteConnectOptions::from_str(url)?.busy_timeout(std::time::Duration::from_secs(10)))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// `pg_dump` or `pg_restore` aimed at the database of `url`; its password, if any, travels in
/// `PGPASSWORD`, not on the command line (where other users of the machine could read it).
fn postgres_tool(tool: &'static str, url: &str) -> Result<tokio::process::Command, BackupError> {
    let mut target = url::Url::parse(url).map_err(|_| BackupError::BadUrl)?;
    let password = target.password().map(str::to_string);
    let _ = target.set_password(None);
    let mut command = tokio::process::Command::new(tool);
    command.arg("--dbname").arg(target.as_str());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    Ok(command)
}

async fn run(mut command: tokio::process::Command, tool: &'static str) -> Result<(), BackupError> {
    let output = command.output().await.map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            BackupError::ToolMissing(tool)
        } else {
            BackupError::Tool {
                tool,
                message: error.to_string(),
            }
        }
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool,
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}

/// Copies the data folder `from` into `to`, leaving out the SQLite database `skipped` and its
/// companion files; the number of files copied. A missing data folder copies nothing.
async fn copy_data(from: &Path, to: &Path, skipped: Option<PathBuf>) -> Result<u64, BackupError> {
    let (from, to) = (from.to_path_buf(), to.to_path_buf());
    let skipped: Vec<PathBuf> = skipped
        .map(|file| {
            let file = std::fs::canonicalize(&file).unwrap_or(file);
            ["", "-wal", "-shm", "-journal"]
                .iter()
                .map(|suffix| with_suffix(&file, suffix))
                .collect()
        })
        .unwrap_or_default();
    blocking(move || {
        std::fs::create_dir_all(&to).map_err(io(&to))?;
        if !from.is_dir() {
            return Ok(0);
        }
        copy_tree(&from, &to, &|path| {
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            skipped.contains(&path)
        })
    })
    .await
}

/// Puts back each top-level entry of the backup's `from` into the data folder `to`, replacing
/// the entry of the same name (a folder of uploads whole: files added since the backup go).
async fn restore_data(from: &Path, to: &Path) -> Result<u64, BackupError> {
    let (from, to) = (from.to_path_buf(), to.to_path_buf());
    blocking(move || {
        std::fs::create_dir_all(&to).map_err(io(&to))?;
        let mut files = 0;
        for entry in std::fs::read_dir(&from).map_err(io(&from))? {
            let entry = entry.map_err(io(&from))?;
            let (source, target) = (entry.path(), to.join(entry.file_name()));
            if target.is_dir() {
                std::fs::remove_dir_all(&target).map_err(io(&target))?;
            }
            if source.is_dir() {
                std::fs::create_dir_all(&target).map_err(io(&target))?;
                files += copy_tree(&source, &target, &|_| false)?;
            } else {
                std::fs::copy(&source, &target).map_err(io(&source))?;
                files += 1;
            }
        }
        Ok(files)
    })
    .await
}

/// Copies every file under `from` into `to` (folders made as needed), except those `skip`
/// names; the number copied.
fn copy_tree(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<u64, BackupError> {
    let mut files = 0;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let entry = entry.map_err(io(from))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if skip(&source) {
            continue;
        }
        if source.is_dir() {
            std::fs::create_dir_all(&target).map_err(io(&target))?;
            files += copy_tree(&source, &target, skip)?;
        } else {
            std::fs::copy(&source, &target).map_err(io(&source))?;
            files += 1;
        }
    }
    Ok(files)
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, BackupError> + Send + 'static,
) -> Result<T, BackupError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| BackupError::Io {
            path: PathBuf::new(),
            source: std::io::Error::other(error),
        })?
}
