//! Reading and editing reference data.

use crate::{
    accounts::types::Named,
    reference::types::{DirectionRef, FamilyRef, FieldRef, RefKind, ReferenceData},
    server::db::{violated, Db, UniqueKey},
};
use sqlx::Row;

/// Every live reference list: directions with their services, job families with their
/// métiers, Innovation's fields; archived items left out.
pub async fn load(db: &Db) -> Result<ReferenceData, sqlx::Error> {
    let pool = &db.pool;
    let directions: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, code, name FROM directions WHERE archived_at IS NULL ORDER BY code",
    )
    .fetch_all(pool)
    .await?;
    let services: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT direction_id, id, name FROM services WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(pool)
    .await?;
    let families: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM metier_families ORDER BY name")
            .fetch_all(pool)
            .await?;
    let metiers: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT family_id, id, name FROM metiers WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(pool)
    .await?;
    let fields: Vec<(i64, String, String, String)> = sqlx::query_as("SELECT id, code, name_fr, name_en FROM innovation_fields WHERE archived_at IS NULL ORDER BY name_fr")
        .fetch_all(pool)
        .await?;
    // The items of `owner`, in the rows' order.
    let children = |rows: &[(i64, i64, String)], owner: i64| -> Vec<Named> {
        rows.iter()
            .filter(|(parent, _, _)| *parent == owner)
            .map(|(_, id, name)| Named {
                id: *id,
                name: name.clone(),
            })
            .collect()
    };
    Ok(ReferenceData {
        directions: directions
            .into_iter()
            .map(|(id, code, name)| DirectionRef {
                services: children(&services, id),
                id,
                code,
                name,
            })
            .collect(),
        families: families
            .into_iter()
            .map(|(id, name)| FamilyRef {
                metiers: children(&metiers, id),
                id,
                name,
            })
            .collect(),
        fields: fields
            .into_iter()
            .map(|(id, code, name_fr, name_en)| FieldRef {
                id,
                code,
                name_fr,
                name_en,
            })
            .collect(),
    })
}

/// A validated edit: create (no id) or rename (id) one item.
pub struct RefEdit {
    pub kind: RefKind,
    pub id: Option<i64>,
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub name_en: String,
}

/// The unique keys of reference data; a direction has two (its code and its name).
const KEYS: [UniqueKey; 6] = [
    UniqueKey {
        constraint: "directions_code_key",
        table: "directions",
        columns: &["code"],
        field: "code",
    },
    UniqueKey {
        constraint: "directions_name_key",
        table: "directions",
        columns: &["name"],
        field: "name",
    },
    UniqueKey {
        constraint: "services_direction_id_name_key",
        table: "services",
        columns: &["direction_id", "name"],
        field: "name",
    },
    UniqueKey {
        constraint: "metier_families_name_key",
        table: "metier_families",
        columns: &["name"],
        field: "name",
    },
    UniqueKey {
        constraint: "metiers_family_id_name_key",
        table: "metiers",
        columns: &["family_id", "name"],
        field: "name",
    },
    UniqueKey {
        constraint: "innovation_fields_code_key",
        table: "innovation_fields",
        columns: &["code"],
        field: "code",
    },
];

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// Another item holds this value of a unique key: the form field (`code` or `name`).
    #[error("another item has this {0}")]
    Taken(&'static str),
    #[error("no such item")]
    Missing,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub async fn save(db: &Db, edit: &RefEdit) -> Result<i64, EditError> {
    let q = match (edit.kind, edit.id) {
        (RefKind::Direction, None) => sqlx::query("INSERT INTO directions (code, name) VALUES ($1, $2) RETURNING id").bind(&edit.code).bind(&edit.name),
        (RefKind::Direction, Some(id)) => sqlx::query("UPDATE directions SET code = $1, name = $2 WHERE id = $3 RETURNING id").bind(&edit.code).bind(&edit.name).bind(id),
        (RefKind::Service, None) => sqlx::query("INSERT INTO services (direction_id, name) VALUES ($1, $2) RETURNING id").bind(edit.parent_id).bind(&edit.name),
        (RefKind::Service, Some(id)) => sqlx::query("UPDATE services SET name = $1 WHERE id = $2 RETURNING id").bind(&edit.name).bind(id),
        (RefKind::MetierFamily, None) => sqlx::query("INSERT INTO metier_families (name) VALUES ($1) RETURNING id").bind(&edit.name),
        (RefKind::MetierFamily, Some(id)) => sqlx::query("UPDATE metier_families SET name = $1 WHERE id = $2 RETURNING id").bind(&edit.name).bind(id),
        (RefKind::Metier, None) => sqlx::query("INSERT INTO metiers (family_id, name) VALUES ($1, $2) RETURNING id").bind(edit.parent_id).bind(&edit.name),
        (RefKind::Metier, Some(id)) => sqlx::query("UPDATE metiers SET name = $1 WHERE id = $2 RETURNING id").bind(&edit.name).bind(id),
        (RefKind::Field, None) => {
            sqlx::query("INSERT INTO innovation_fields (code, name_fr, name_en) VALUES ($1, $2, $3) RETURNING id").bind(&edit.code).bind(&edit.name).bind(&edit.name_en)
        }
        (RefKind::Field, Some(id)) => sqlx::query("UPDATE innovation_fields SET code = $1, name_fr = $2, name_en = $3 WHERE id = $4 RETURNING id")
            .bind(&edit.code)
            .bind(&edit.name)
            .bind(&edit.name_en)
            .bind(id),
    };
    match q.fetch_optional(&db.pool).await {
        Ok(Some(row)) => Ok(row.try_get("id")?),
        Ok(None) => Err(EditError::Missing),
        Err(e) => match violated(&e, &KEYS) {
            Some(key) => Err(EditError::Taken(key.field)),
            None if e
                .as_database_error()
                .is_some_and(|d| d.kind() == sqlx::error::ErrorKind::ForeignKeyViolation) =>
            {
                Err(EditError::Missing)
            }
            None => Err(e.into()),
        },
    }
}

/// The direction a service belongs to, if the service exists.
pub async fn service_direction(db: &Db, service_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT direction_id FROM services WHERE id = $1")
        .bind(service_id)
        .fetch_optional(&db.pool)
        .await
}
