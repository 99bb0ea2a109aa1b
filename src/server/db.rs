//! The database: one `sqlx::AnyPool` over SQLite (embedded, the default) or PostgreSQL.
//!
//! Queries are written once with `$1…` placeholders, which both dialects accept (dynamic
//! SQL through `server::sql::Sql`, which numbers them and binds every value). Where the
//! dialects differ (schema types, full-text search) the SQL is kept side by side and chosen
//! with [`Db::backend`]. Columns use portable types only: BIGINT, TEXT, BOOLEAN; times are
//! Unix seconds in BIGINT.

use sqlx::{
    any::{install_default_drivers, AnyPoolOptions},
    migrate::Migrator,
    AnyPool, Executor, Row,
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
    Folder {
        path: String,
        source: std::io::Error,
    },
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
pub fn sqlite_file(url: &str) -> Option<&str> {
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
                if let Some(parent) = std::path::Path::new(file)
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(parent).map_err(|source| DbError::Folder {
                        path: parent.display().to_string(),
                        source,
                    })?;
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

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads, then writes while another
    /// connection has written meanwhile fails at once with "database is locked", which the busy
    /// timeout does not cover — two requests writing at the same moment answered 500. Taken
    /// first, the lock makes them wait their turn (up to the busy timeout). On PostgreSQL, a
    /// plain `BEGIN`.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        self.migrator().run(&self.pool).await?;
        Ok(())
    }

    /// The migrations this binary carries for this backend.
    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Whether the database answers and holds exactly the migrations this binary carries
    /// (sqlx's `_sqlx_migrations`: same versions, same checksums, none failed). A database
    /// error is `Err`; a schema that differs is `Ok(Some(why))`.
    pub async fn schema_mismatch(&self) -> Result<Option<SchemaMismatch>, sqlx::Error> {
        // `success` is a BOOLEAN, which the Any driver does not read from SQLite: read as a number.
        let rows = sqlx::query(
            "SELECT version, CAST(CAST(success AS INTEGER) AS BIGINT) AS success, checksum FROM _sqlx_migrations",
        )
            .fetch_all(&self.pool)
            .await?;
        let mut applied = Vec::with_capacity(rows.len());
        for row in &rows {
            applied.push(Applied {
                version: row.try_get("version")?,
                success: row.try_get::<i64, _>("success")? != 0,
                checksum: row.try_get("checksum")?,
            });
        }
        Ok(compare_migrations(self.migrator(), &applied))
    }
}

/// A row of `_sqlx_migrations`.
struct Applied {
    version: i64,
    success: bool,
    checksum: Vec<u8>,
}

/// How the database's migrations differ from the binary's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaMismatch {
    #[error("migration {0} not applied")]
    Missing(i64),
    #[error("migration {0} failed")]
    Failed(i64),
    #[error("migration {0} differs from this binary's")]
    Changed(i64),
    #[error("migration {0} is newer than this binary")]
    Unknown(i64),
}

fn compare_migrations(binary: &Migrator, applied: &[Applied]) -> Option<SchemaMismatch> {
    let carried: Vec<_> = binary
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .collect();
    for migration in &carried {
        match applied.iter().find(|a| a.version == migration.version) {
            None => return Some(SchemaMismatch::Missing(migration.version)),
            Some(a) if !a.success => return Some(SchemaMismatch::Failed(a.version)),
            Some(a) if a.checksum != *migration.checksum => {
                return Some(SchemaMismatch::Changed(a.version))
            }
            Some(_) => {}
        }
    }
    applied
        .iter()
        .find(|a| !carried.iter().any(|m| m.version == a.version))
        .map(|a| SchemaMismatch::Unknown(a.version))
}

/// Seconds since the Unix epoch: how every time is stored.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// A unique key of a table, and the form field a refusal by it is about. Every insert or
/// update that can hit a unique key reads the refusal through [`violated`], so a table with
/// more than one key (a direction's code and its name) tells which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    /// Its name in the schema: the unique index, or PostgreSQL's name of a UNIQUE constraint
    /// (`table_column_key`), which PostgreSQL reports.
    pub constraint: &'static str,
    pub table: &'static str,
    /// Its columns, in order, which SQLite reports ("UNIQUE constraint failed: t.a, t.b").
    pub columns: &'static [&'static str],
    /// The form field the refusal belongs to.
    pub field: &'static str,
}

/// The key among `keys` that `error` violated: on PostgreSQL by the constraint name it
/// reports, on SQLite by the table and columns it reports (or the index name, for a key on
/// expressions). None when `error` is no unique violation, or one of another key (the caller
/// then treats it as any database error: logged, "internal error").
pub fn violated<'k>(error: &sqlx::Error, keys: &'k [UniqueKey]) -> Option<&'k UniqueKey> {
    let database = error
        .as_database_error()
        .filter(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)?;
    if let Some(name) = database.constraint() {
        return keys.iter().find(|k| k.constraint == name);
    }
    let reported = database
        .message()
        .strip_prefix("UNIQUE constraint failed: ")?;
    if let Some(index) = reported
        .strip_prefix("index '")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return keys.iter().find(|k| k.constraint == index);
    }
    let columns: Vec<(&str, &str)> = reported
        .split(", ")
        .filter_map(|c| c.trim().split_once('.'))
        .collect();
    keys.iter().find(|k| {
        columns.len() == k.columns.len()
            && columns
                .iter()
                .zip(k.columns)
                .all(|((table, column), key)| *table == k.table && column == key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/x.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::from_url("mysql://h/db").is_err());
    }

    #[tokio::test]
    async fn a_violation_names_its_key_on_sqlite() {
        install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .expect("pool");
        pool.execute("CREATE TABLE t (a TEXT UNIQUE, b TEXT, c TEXT, d TEXT, UNIQUE (b, c)); CREATE UNIQUE INDEX t_expr ON t (COALESCE(d, ''));").await.expect("table");
        const KEYS: [UniqueKey; 3] = [
            UniqueKey {
                constraint: "t_a_key",
                table: "t",
                columns: &["a"],
                field: "a",
            },
            UniqueKey {
                constraint: "t_b_c_key",
                table: "t",
                columns: &["b", "c"],
                field: "bc",
            },
            UniqueKey {
                constraint: "t_expr",
                table: "t",
                columns: &[],
                field: "expr",
            },
        ];
        pool.execute("INSERT INTO t VALUES ('1', '2', '3', '4')")
            .await
            .expect("first row");
        let field = |sql: &'static str| {
            let pool = pool.clone();
            async move {
                violated(&pool.execute(sql).await.expect_err("refused"), &KEYS).map(|k| k.field)
            }
        };
        assert_eq!(
            field("INSERT INTO t VALUES ('1', 'x', 'y', 'q')").await,
            Some("a")
        );
        assert_eq!(
            field("INSERT INTO t VALUES ('x', '2', '3', 'r')").await,
            Some("bc")
        );
        assert_eq!(
            field("INSERT INTO t VALUES ('y', 'z', 'w', '4')").await,
            Some("expr")
        );
        assert_eq!(
            violated(
                &pool
                    .execute("INSERT INTO nowhere VALUES (1)")
                    .await
                    .expect_err("no table"),
                &KEYS
            ),
            None
        );
        assert_eq!(
            violated(
                &pool
                    .execute("INSERT INTO t VALUES ('1', 'q', 'r', 's')")
                    .await
                    .expect_err("refused"),
                &KEYS[1..]
            ),
            None,
            "another key"
        );
    }

    #[tokio::test]
    async fn the_schema_matches_only_the_migrations_this_binary_carries() {
        let dir = tempfile::tempdir().expect("folder");
        let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()), 1)
            .await
            .expect("database");
        assert_eq!(db.schema_mismatch().await.expect("read"), None);
        let last = SQLITE_MIGRATIONS
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0);
        sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2")
            .bind(vec![0_u8; 4])
            .bind(last)
            .execute(&db.pool)
            .await
            .expect("changed");
        assert_eq!(
            db.schema_mismatch().await.expect("read"),
            Some(SchemaMismatch::Changed(last))
        );
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1")
            .bind(last)
            .execute(&db.pool)
            .await
            .expect("deleted");
        assert_eq!(
            db.schema_mismatch().await.expect("read"),
            Some(SchemaMismatch::Missing(last))
        );
    }

    #[test]
    fn sqlite_file_path_is_found() {
        assert_eq!(
            sqlite_file("sqlite://data/parvis.db?mode=rwc"),
            Some("data/parvis.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
