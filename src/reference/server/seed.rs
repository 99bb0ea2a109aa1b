//! Loads the reference data files (directions, métiers, fields) into an empty database.
//! Each table is filled only when empty, so an admin's later edits are never overwritten.

use crate::server::db::Db;
use sqlx::Row;

const DIRECTIONS: &str = include_str!("../data/directions.txt");
const METIERS: &str = include_str!("../data/metiers.txt");
const FIELDS: &str = include_str!("../data/fields.txt");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

async fn is_empty(db: &Db, table: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    Ok(n == 0)
}

pub async fn ensure(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if is_empty(db, "directions").await? {
        for line in lines(DIRECTIONS) {
            let mut parts = line.split('|').map(str::trim);
            let (Some(code), Some(name), services) =
                (parts.next(), parts.next(), parts.next().unwrap_or_default())
            else {
                continue;
            };
            let id: i64 =
                sqlx::query("INSERT INTO directions (code, name) VALUES ($1, $2) RETURNING id")
                    .bind(code)
                    .bind(name)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("id")?;
            for service in services.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                sqlx::query("INSERT INTO services (direction_id, name) VALUES ($1, $2)")
                    .bind(id)
                    .bind(service)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    if is_empty(db, "metier_families").await? {
        for line in lines(METIERS) {
            let Some((family, metiers)) = line.split_once(':') else {
                continue;
            };
            let id: i64 =
                sqlx::query("INSERT INTO metier_families (name) VALUES ($1) RETURNING id")
                    .bind(family.trim())
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("id")?;
            for metier in metiers.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                sqlx::query("INSERT INTO metiers (family_id, name) VALUES ($1, $2)")
                    .bind(id)
                    .bind(metier)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    if is_empty(db, "innovation_fields").await? {
        for line in lines(FIELDS) {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            if let [code, fr, en] = parts[..] {
                sqlx::query(
                    "INSERT INTO innovation_fields (code, name_fr, name_en) VALUES ($1, $2, $3)",
                )
                .bind(code)
                .bind(fr)
                .bind(en)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await
}
