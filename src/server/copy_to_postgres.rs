//! Copies a SQLite installation into a fresh PostgreSQL database: the path of a city that
//! started small.
//!
//! The SQLite database (the configuration's `database.url`) is first brought to this binary's
//! migrations; the target, which must hold no table yet, is migrated to the same ones. Then,
//! in one PostgreSQL transaction, every table of the target is filled from the SQLite table of
//! the same name, parents before children (the order of the foreign keys; rows in rowid
//! order; a row naming a later one of its own table is checked at the commit, those keys
//! being deferred), each value
//! read as the PostgreSQL column's type; every identity or serial column's sequence is moved
//! past the highest id copied, so new rows do not collide; and each table's row count is
//! compared with its source's before the commit. The SQLite side is read in one transaction,
//! a consistent snapshot; stop the server first, or what it writes after that is not copied.
//!
//! Tables and columns come from the catalogues (nothing here names a domain's table):
//! `tests/schema.rs` keeps the two migration trees alike.

use super::{
    config::Config,
    db::{sqlite_file, Backend, Db, DbError},
};
use sqlx::{
    postgres::PgConnection, sqlite::SqliteConnectOptions, ConnectOptions, Connection, Postgres,
    QueryBuilder, Row, SqliteConnection,
};
use std::{collections::BTreeMap, str::FromStr};
use tokio_stream::StreamExt;

/// Values bound per INSERT statement, below PostgreSQL's limit of 65,535.
const BINDS_PER_STATEMENT: usize = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the configuration's database.url is not SQLite: there is nothing to copy")]
    SourceNotSqlite,
    #[error("{0} does not exist: database.url names no SQLite database")]
    NoSource(String),
    #[error("the target must be a postgres:// URL")]
    TargetNotPostgres,
    #[error(
        "the target database is not empty (tables {0}): copy into a fresh database (createdb)"
    )]
    TargetNotEmpty(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("table {0} is missing from the SQLite database")]
    MissingTable(String),
    #[error("column {table}.{column} has type {kind}, which the copy does not know")]
    UnknownType {
        table: String,
        column: String,
        kind: String,
    },
    #[error("the foreign keys between {0} form a cycle: no order to copy them in")]
    Cycle(String),
    #[error("{table}: {copied} rows copied of {source_rows}")]
    Count {
        table: String,
        copied: i64,
        source_rows: i64,
    },
}

/// What was copied: the row count of each table, in the order copied.
#[derive(Debug)]
pub struct Copied(pub Vec<(String, i64)>);

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows: i64 = self.0.iter().map(|(_, n)| n).sum();
        write!(f, "{rows} rows in {} tables copied", self.0.len())
    }
}

/// A column of the target and how its values are read from SQLite.
struct Column {
    name: String,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Boolean,
    Text,
    Float,
    Bytes,
}

/// One value on its way, as the target column takes it.
enum Value {
    Integer(Option<i64>),
    Boolean(Option<bool>),
    Text(Option<String>),
    Float(Option<f64>),
    Bytes(Option<Vec<u8>>),
}

/// Copies the SQLite installation `config` names into the empty PostgreSQL database at
/// `target_url`.
pub async fn copy(config: &Config, target_url: &str) -> Result<Copied, CopyError> {
    let source_url = &config.database.url;
    if Backend::from_url(source_url)? != Backend::Sqlite {
        return Err(CopyError::SourceNotSqlite);
    }
    if Backend::from_url(target_url).ok() != Some(Backend::Postgres) {
        return Err(CopyError::TargetNotPostgres);
    }
    let file = sqlite_file(source_url).ok_or(CopyError::SourceNotSqlite)?;
    if !std::path::Path::new(file).is_file() {
        return Err(CopyError::NoSource(file.to_string()));
    }
    let mut target = PgConnection::connect(target_url).await?;
    let existing = public_tables(&mut target).await?;
    if !existing.is_empty() {
        return Err(CopyError::TargetNotEmpty(existing.join(", ")));
    }
    // Both brought to this binary's migrations.
    Db::connect(source_url, 1).await?.pool.close().await;
    Db::connect(target_url, 1).await?.pool.close().await;

    let order = copy_order(&mut target).await?;
    let mut source = SqliteConnectOptions::from_str(source_url)?
        .connect()
        .await?;
    // One read transaction: a consistent snapshot of the source.
    let mut snapshot = source.begin().await?;
    let mut tx = target.begin().await?;
    // A row may name a later row of its own table (a wiki page moved under a newer one):
    // those keys are checked at the commit (the migrations make them DEFERRABLE).
    sqlx::query("SET CONSTRAINTS ALL DEFERRED")
        .execute(&mut *tx)
        .await?;
    // Rows the migrations wrote (none on a fresh database today) give way to the source's.
    for table in order.iter().rev() {
        sqlx::query(&format!("DELETE FROM {}", quoted(table)))
            .execute(&mut *tx)
            .await?;
    }
    let mut copied = Vec::with_capacity(order.len());
    for table in &order {
        let columns = columns(&mut tx, table).await?;
        let rows = copy_table(&mut snapshot, &mut tx, table, &columns).await?;
        copied.push((table.clone(), rows));
    }
    reset_sequences(&mut tx).await?;
    for (table, source_rows) in &copied {
        let copied: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", quoted(table)))
            .fetch_one(&mut *tx)
            .await?;
        if copied != *source_rows {
            return Err(CopyError::Count {
                table: table.clone(),
                copied,
                source_rows: *source_rows,
            });
        }
    }
    tx.commit().await?;
    snapshot.rollback().await?;
    Ok(Copied(copied))
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

async fn public_tables(conn: &mut PgConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(conn)
    .await
}

/// The target's tables, each after those its foreign keys name (Kahn's order, by name among
/// equals); the migrations' own table left out.
async fn copy_order(conn: &mut PgConnection) -> Result<Vec<String>, CopyError> {
    let tables: Vec<String> = public_tables(conn)
        .await?
        .into_iter()
        .filter(|t| t != "_sqlx_migrations")
        .collect();
    let edges: Vec<(String, String)> = sqlx::query(
        "SELECT CAST(child.relname AS TEXT) AS child, CAST(parent.relname AS TEXT) AS parent FROM pg_constraint k \
         JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid \
         JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = 'public'",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("child")?, r.try_get("parent")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    order_by_dependencies(tables, &edges)
}

/// `tables` with each (child, parent) pair's parent first; a table naming itself is no
/// constraint on the order.
fn order_by_dependencies(
    tables: Vec<String>,
    edges: &[(String, String)],
) -> Result<Vec<String>, CopyError> {
    let mut waiting: BTreeMap<String, Vec<String>> = tables
        .into_iter()
        .map(|table| {
            let parents = edges
                .iter()
                .filter(|(child, parent)| *child == table && *parent != table)
                .map(|(_, parent)| parent.clone())
                .collect();
            (table, parents)
        })
        .collect();
    let mut order = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let ready: Vec<String> = waiting
            .iter()
            .filter(|(_, parents)| parents.iter().all(|p| !waiting.contains_key(p)))
            .map(|(table, _)| table.clone())
            .collect();
        if ready.is_empty() {
            let stuck: Vec<&str> = waiting.keys().map(String::as_str).collect();
            return Err(CopyError::Cycle(stuck.join(", ")));
        }
        for table in ready {
            waiting.remove(&table);
            order.push(table);
        }
    }
    Ok(order)
}

/// The target table's columns, in order, with the kind each is read as.
async fn columns(conn: &mut PgConnection, table: &str) -> Result<Vec<Column>, CopyError> {
    let rows = sqlx::query(
        "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS kind FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let name: String = row.try_get("name")?;
            let kind: String = row.try_get("kind")?;
            let kind = match kind.as_str() {
                "bigint" | "integer" | "smallint" => Kind::Integer,
                "boolean" => Kind::Boolean,
                "text" | "character varying" | "character" | "json" | "jsonb" => Kind::Text,
                "double precision" | "real" | "numeric" => Kind::Float,
                "bytea" => Kind::Bytes,
                _ => {
                    return Err(CopyError::UnknownType {
                        table: table.into(),
                        column: name,
                        kind,
                    })
                }
            };
            Ok(Column { name, kind })
        })
        .collect()
}

/// Copies one table's rows, in batches; the number copied.
async fn copy_table(
    source: &mut SqliteConnection,
    target: &mut PgConnection,
    table: &str,
    columns: &[Column],
) -> Result<i64, CopyError> {
    let exists: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1")
            .bind(table)
            .fetch_optional(&mut *source)
            .await?;
    if exists.is_none() {
        return Err(CopyError::MissingTable(table.into()));
    }
    let names: Vec<String> = columns.iter().map(|c| quoted(&c.name)).collect();
    let names = names.join(", ");
    let select = format!("SELECT {names} FROM {} ORDER BY rowid", quoted(table));
    let insert = format!("INSERT INTO {} ({names}) ", quoted(table));
    let per_batch = (BINDS_PER_STATEMENT / columns.len().max(1)).max(1);
    let mut rows = sqlx::query(&select).fetch(source);
    let mut batch: Vec<Vec<Value>> = Vec::with_capacity(per_batch);
    let mut copied = 0;
    while let Some(row) = rows.next().await {
        let row = row?;
        let values = columns
            .iter()
            .enumerate()
            .map(|(i, column)| read(&row, i, column.kind))
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        batch.push(values);
        if batch.len() == per_batch {
            copied += insert_batch(target, &insert, std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        copied += insert_batch(target, &insert, batch).await?;
    }
    Ok(copied)
}

fn read(row: &sqlx::sqlite::SqliteRow, i: usize, kind: Kind) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        Kind::Integer => Value::Integer(row.try_get(i)?),
        Kind::Boolean => Value::Boolean(row.try_get(i)?),
        Kind::Text => Value::Text(row.try_get(i)?),
        Kind::Float => Value::Float(row.try_get(i)?),
        Kind::Bytes => Value::Bytes(row.try_get(i)?),
    })
}

async fn insert_batch(
    target: &mut PgConnection,
    insert: &str,
    batch: Vec<Vec<Value>>,
) -> Result<i64, sqlx::Error> {
    let count = batch.len() as i64;
    let mut statement = QueryBuilder::<Postgres>::new(insert);
    statement.push_values(batch, |mut row, values| {
        for value in values {
            match value {
                Value::Integer(v) => row.push_bind(v),
                Value::Boolean(v) => row.push_bind(v),
                Value::Text(v) => row.push_bind(v),
                Value::Float(v) => row.push_bind(v),
                Value::Bytes(v) => row.push_bind(v),
            };
        }
    });
    statement.build().execute(target).await?;
    Ok(count)
}

/// Moves each identity or serial column's sequence past the highest value copied.
async fn reset_sequences(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    let owned: Vec<(String, String)> = sqlx::query(
        "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c FROM information_schema.columns \
         WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("t")?, r.try_get("c")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    for (table, column) in owned {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({c}), 0) + 1, false) FROM {t}",
            c = quoted(&column),
            t = quoted(&table)
        ))
        .bind(quoted(&table))
        .bind(&column)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(tables: &[&str]) -> Vec<String> {
        tables.iter().map(ToString::to_string).collect()
    }

    fn edge(child: &str, parent: &str) -> (String, String) {
        (child.into(), parent.into())
    }

    #[test]
    fn parents_come_before_children_and_cycles_are_refused() {
        let order = order_by_dependencies(
            names(&["applications", "offers", "users", "comments"]),
            &[
                edge("applications", "offers"),
                edge("applications", "users"),
                edge("offers", "users"),
                edge("comments", "comments"),
            ],
        )
        .expect("an order");
        let at = |t: &str| order.iter().position(|o| o == t).unwrap_or(usize::MAX);
        assert!(
            at("users") < at("offers") && at("offers") < at("applications"),
            "{order:?}"
        );
        assert_eq!(order.len(), 4);
        assert!(matches!(
            order_by_dependencies(names(&["a", "b"]), &[edge("a", "b"), edge("b", "a")]),
            Err(CopyError::Cycle(_))
        ));
    }
}
