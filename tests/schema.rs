//! The two migration trees (`migrations/sqlite`, `migrations/postgres`) describe one schema:
//! the same migrations, tables, columns and named indexes; only each dialect's spelling differs.
//! Both trees are applied to fresh databases and read back from each engine's catalogue, so a
//! column or an index added to one tree only fails here rather than on the other backend later.
//!
//! The comparison needs both engines, so it runs in the PostgreSQL leg of `scripts/test`
//! (`PARVIS_TEST_BACKEND=postgres`); the file-name check runs in both legs.

mod common;

use sqlx::{migrate::Migrator, Connection, Executor, Row};
use std::collections::BTreeSet;
use std::path::Path;

/// One schema as its catalogue reports it: `table.column` and `table:index` names.
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    columns: BTreeSet<String>,
    indexes: BTreeSet<String>,
    /// PostgreSQL's foreign keys naming their own table that cannot be deferred (the copy from
    /// SQLite needs them deferred: a row may name a later one, as a moved wiki page does).
    fixed_self_keys: Vec<String>,
}

fn tree(dialect: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dialect)
}

fn migration_names(dialect: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(tree(dialect))
        .expect("migration folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn both_trees_hold_the_same_migrations() {
    let sqlite = migration_names("sqlite");
    assert!(sqlite.len() >= 13, "{sqlite:?}");
    assert_eq!(
        sqlite,
        migration_names("postgres"),
        "each migration exists in both dialects, with the same number and name"
    );
}

async fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/schema.db?mode=rwc", dir.path().display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
    Migrator::new(tree("sqlite"))
        .await
        .expect("read sqlite tree")
        .run(&mut conn)
        .await
        .expect("sqlite migrations apply");
    let mut schema = Schema::default();
    let tables = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'")
        .fetch_all(&mut conn)
        .await
        .expect("tables");
    for table in tables {
        let table: String = table.get("name");
        let columns = sqlx::query("SELECT name FROM pragma_table_info($1)")
            .bind(&table)
            .fetch_all(&mut conn)
            .await
            .expect("columns");
        schema.columns.extend(
            columns
                .iter()
                .map(|c| format!("{table}.{}", c.get::<String, _>("name"))),
        );
    }
    let indexes = sqlx::query("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")
        .fetch_all(&mut conn)
        .await
        .expect("indexes");
    schema.indexes.extend(indexes.iter().map(|i| {
        format!(
            "{}:{}",
            i.get::<String, _>("tbl_name"),
            i.get::<String, _>("name")
        )
    }));
    schema
}

async fn postgres_schema() -> Schema {
    let server = std::env::var("PARVIS_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let name = format!("parvis_schema_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("PostgreSQL reachable");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create database");
    let mut conn = sqlx::PgConnection::connect(&format!("{server}/{name}"))
        .await
        .expect("connect");
    Migrator::new(tree("postgres"))
        .await
        .expect("read postgres tree")
        .run(&mut conn)
        .await
        .expect("postgres migrations apply");
    let mut schema = Schema::default();
    let columns = sqlx::query("SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'")
        .fetch_all(&mut conn)
        .await
        .expect("columns");
    schema.columns.extend(
        columns
            .iter()
            .map(|r| format!("{}.{}", r.get::<String, _>("t"), r.get::<String, _>("c"))),
    );
    // Indexes that back a PRIMARY KEY or UNIQUE constraint are SQLite's autoindexes: skip both.
    let indexes = sqlx::query(
        "SELECT tablename::text AS t, indexname::text AS i FROM pg_indexes WHERE schemaname = 'public' \
         AND tablename NOT LIKE '_sqlx%' AND indexname NOT IN (SELECT conname FROM pg_constraint)",
    )
    .fetch_all(&mut conn)
    .await
    .expect("indexes");
    schema.indexes.extend(
        indexes
            .iter()
            .map(|r| format!("{}:{}", r.get::<String, _>("t"), r.get::<String, _>("i"))),
    );
    schema.fixed_self_keys = sqlx::query_scalar(
        "SELECT conrelid::regclass::text || '.' || conname::text FROM pg_constraint \
         WHERE contype = 'f' AND conrelid = confrelid AND NOT condeferrable ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await
    .expect("self keys");
    conn.close().await.ok();
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name}").as_str())
        .await
        .ok();
    schema
}

fn difference(left: &BTreeSet<String>, right: &BTreeSet<String>) -> Vec<String> {
    left.difference(right).cloned().collect()
}

#[tokio::test]
async fn both_trees_give_the_same_tables_columns_and_indexes() {
    if !common::on_postgres() {
        eprintln!("schema comparison runs in the PostgreSQL leg (PARVIS_TEST_BACKEND=postgres)");
        return;
    }
    let (sqlite, postgres) = (sqlite_schema().await, postgres_schema().await);
    assert!(
        sqlite.columns.contains("users.email"),
        "the catalogue was read: {:?}",
        sqlite.columns.iter().take(5).collect::<Vec<_>>()
    );
    assert_eq!(
        difference(&sqlite.columns, &postgres.columns),
        Vec::<String>::new(),
        "columns only in the SQLite tree"
    );
    assert_eq!(
        difference(&postgres.columns, &sqlite.columns),
        Vec::<String>::new(),
        "columns only in the PostgreSQL tree"
    );
    assert_eq!(
        difference(&sqlite.indexes, &postgres.indexes),
        Vec::<String>::new(),
        "indexes only in the SQLite tree"
    );
    assert_eq!(
        difference(&postgres.indexes, &sqlite.indexes),
        Vec::<String>::new(),
        "indexes only in the PostgreSQL tree"
    );
    assert_eq!(
        postgres.fixed_self_keys,
        Vec::<String>::new(),
        "foreign keys to their own table must be DEFERRABLE (server::copy_to_postgres)"
    );
}
