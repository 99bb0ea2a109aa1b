//! Reading and editing reference data.

use crate::{
    accounts::types::Named,
    reference::types::{DirectionRef, FamilyRef, FieldRef, RefKind, ReferenceData},
    server::db::{violated, Db, UniqueKey},
};
use sqlx::Row;

pub async fn load(db: &Db) -> Result<ReferenceData, sqlx::Error> {
    let mut data = ReferenceData::default();
    for row in
        sqlx::query("SELECT id, code, name FROM directions WHERE archived_at IS NULL ORDER BY code")
            .fetch_all(&db.pool)
            .await?
    {
        data.directions.push(DirectionRef {
            id: row.try_get("id")?,
            code: row.try_get("code")?,
            name: row.try_get("name")?,
            services: vec![],
        });
    }
    for row in sqlx::query(
        "SELECT id, direction_id, name FROM services WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let direction: i64 = row.try_get("direction_id")?;
        if let Some(d) = data.directions.iter_mut().find(|d| d.id == direction) {
            d.services.push(Named {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            });
        }
    }
    for row in sqlx::query("SELECT id, name FROM metier_families ORDER BY name")
        .fetch_all(&db.pool)
        .await?
    {
        data.families.push(FamilyRef {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            metiers: vec![],
        });
    }
    for row in sqlx::query(
        "SELECT id, family_id, name FROM metiers WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await?
    {
        let family: i64 = row.try_get("family_id")?;
        if let Some(f) = data.families.iter_mut().find(|f| f.id == family) {
            f.metiers.push(Named {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            });
        }
    }
    for row in sqlx::query("SELECT id, code, name_fr, name_en FROM innovation_fields WHERE archived_at IS NULL ORDER BY name_fr").fetch_all(&db.pool).await? {
        data.fields.push(FieldRef { id: row.try_get("id")?, code: row.try_get("code")?, name_fr: row.try_get("name_fr")?, name_en: row.try_get("name_en")? });
    }
    Ok(data)
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
    sqlx::query("SELECT direction_id FROM services WHERE id = $1")
        .bind(service_id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get("direction_id"))
        .transpose()
}
