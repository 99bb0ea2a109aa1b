//! The database: one `sqlx::AnyPool` over SQLite (embedded, the default) or PostgreSQL.
//!
//! Queries are written once with `$1…` placeholders, which both dialects accept. Where the
//! dialects differ (schema types, full-text search) the SQL is kept side by side and chosen
//! with [`Db::backend`]. Columns use portable types only: BIGINT, TEXT, BOOLEAN; times are
//! Unix seconds in BIGINT.

use sqlx::{
    any::{install_default_drivers, AnyPoolOptions},
    migrate::Migrator,
    AnyPool, Executor,
};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database URL must start with sqlite: or postgres://, got {0:?}")]
    UnknownScheme(String),
    #[error("cannot create the database folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Backend, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::UnknownScheme(url.to_string()))
        }
    }
}

/// The file a `sqlite:` URL points at, if any (not for in-memory databases).
fn sqlite_file(url: &str) -> Option<&str> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then_some(path)
}

impl Db {
    /// Connects, creating the SQLite file and its folder when needed, then applies the migrations.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
        install_default_drivers();
        let backend = Backend::from_url(url)?;
        let mut connect_url = url.to_string();
        if backend == Backend::Sqlite {
            if let Some(file) = sqlite_file(url) {
                if let Some(parent) = std::path::Path::new(file).parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|source| DbError::Folder { path: parent.display().to_string(), source })?;
                }
            }
            if !connect_url.contains("mode=") {
                connect_url.push(if connect_url.contains('?') { '&' } else { '?' });
                connect_url.push_str("mode=rwc");
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer writes; the busy timeout makes
                        // concurrent writers wait instead of failing at once.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;").await?;
                    }
                    Ok(())
                })
            })
            .connect(&connect_url)
            .await
            .map_err(DbError::Connect)?;
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }
}

/// Seconds since the Unix epoch: how every time is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

/// Ids as an SQL list, "0" when empty (matches nothing). Only for ids the server itself read
/// (role grants, query results): never for text a user sent.
pub fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "0".to_string()
    } else {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}

/// True when `error` is a unique-constraint violation (the same kind on both backends).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(Backend::from_url("sqlite://data/x.db").ok(), Some(Backend::Sqlite));
        assert_eq!(Backend::from_url("postgres://u@h/db").ok(), Some(Backend::Postgres));
        assert!(Backend::from_url("mysql://h/db").is_err());
    }

    #[test]
    fn sqlite_file_path_is_found() {
        assert_eq!(sqlite_file("sqlite://data/parvis.db?mode=rwc"), Some("data/parvis.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
