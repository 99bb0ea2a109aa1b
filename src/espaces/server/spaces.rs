//! The `spaces` and `space_modules` tables: creating a space (with its first animator), a
//! space's home, "my spaces", settings and the archive.

use crate::{
    espaces::types::{
        Module, Settings, SpaceAccess, SpaceHome, SpaceRole, SpaceSummary, Template, Visibility,
    },
    server::db::Db,
};
use sqlx::AnyConnection;

/// A space to create.
pub struct NewSpace<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub template: Template,
    pub visibility: Visibility,
    pub modules: &'a [Module],
    pub time_zone: &'a str,
    pub created_by: i64,
    pub at: i64,
}

/// Creates a space with its modules and its creator as first animator, inside the caller's
/// transaction; returns its id.
pub async fn create(conn: &mut AnyConnection, space: &NewSpace<'_>) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO spaces (name, description, template, visibility, time_zone, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(space.name)
    .bind(space.description)
    .bind(space.template.code())
    .bind(space.visibility.code())
    .bind(space.time_zone)
    .bind(space.created_by)
    .bind(space.at)
    .fetch_one(&mut *conn)
    .await?;
    set_modules(conn, id, space.modules).await?;
    super::members::add(
        conn,
        id,
        space.created_by,
        SpaceRole::Animator,
        None,
        space.created_by,
        space.at,
    )
    .await?;
    Ok(id)
}

async fn set_modules(
    conn: &mut AnyConnection,
    space_id: i64,
    modules: &[Module],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM space_modules WHERE space_id = $1")
        .bind(space_id)
        .execute(&mut *conn)
        .await?;
    for module in modules {
        sqlx::query("INSERT INTO space_modules (space_id, module) VALUES ($1, $2)")
            .bind(space_id)
            .bind(module.code())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The modules space `space_id` uses, in `Module` order.
pub async fn modules(db: &Db, space_id: i64) -> Result<Vec<Module>, sqlx::Error> {
    let mut modules: Vec<Module> =
        sqlx::query_scalar("SELECT module FROM space_modules WHERE space_id = $1")
            .bind(space_id)
            .fetch_all(&db.pool)
            .await?;
    modules.sort();
    Ok(modules)
}

#[derive(sqlx::FromRow)]
struct SpaceRow {
    name: String,
    description: String,
    template: Template,
    visibility: Visibility,
    time_zone: String,
}

/// The home of a space the caller may see (`access` from `access::space_role`).
pub async fn home(db: &Db, access: &SpaceAccess, now: i64) -> Result<SpaceHome, sqlx::Error> {
    let row: SpaceRow = sqlx::query_as(
        "SELECT name, description, template, visibility, time_zone FROM spaces WHERE id = $1",
    )
    .bind(access.space_id)
    .fetch_one(&db.pool)
    .await?;
    let members: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_members WHERE space_id = $1 AND (access_ends_at IS NULL OR access_ends_at > $2)",
    )
    .bind(access.space_id)
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    Ok(SpaceHome {
        id: access.space_id,
        name: row.name,
        description: row.description,
        template: row.template,
        visibility: row.visibility,
        modules: modules(db, access.space_id).await?,
        time_zone: row.time_zone,
        members,
        archived: access.archived,
        role: access.role,
        actions: access.actions(),
    })
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    description: String,
    visibility: Visibility,
    role: SpaceRole,
    archived_at: Option<i64>,
    news: i64,
}

/// The spaces `user_id` belongs to (access not ended), live ones first, by name.
pub async fn mine(db: &Db, user_id: i64, now: i64) -> Result<Vec<SpaceSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        &format!("SELECT s.id, s.name, s.description, s.visibility, m.role, s.archived_at, {} AS news FROM spaces s \
         JOIN space_members m ON m.space_id = s.id \
         WHERE m.user_id = $1 AND (m.access_ends_at IS NULL OR m.access_ends_at > $2) \
         ORDER BY CASE WHEN s.archived_at IS NULL THEN 0 ELSE 1 END, s.name, s.id", super::activity::news_count()),
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SpaceSummary {
            id: r.id,
            name: r.name,
            description: r.description,
            visibility: r.visibility,
            role: Some(r.role),
            archived: r.archived_at.is_some(),
            news: r.news,
        })
        .collect())
}

/// Saves a space's settings (name, description, visibility, modules) in one transaction.
pub async fn save_settings(
    db: &Db,
    space_id: i64,
    settings: &Settings,
    at: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE spaces SET name = $2, description = $3, visibility = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(space_id)
    .bind(&settings.name)
    .bind(&settings.description)
    .bind(settings.visibility.code())
    .bind(at)
    .execute(&mut *tx)
    .await?;
    set_modules(&mut tx, space_id, &settings.modules).await?;
    tx.commit().await
}

/// Archives (read-only) or restores a space.
pub async fn set_archived(
    db: &Db,
    space_id: i64,
    archived: bool,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE spaces SET archived_at = $2, updated_at = $3 WHERE id = $1")
        .bind(space_id)
        .bind(archived.then_some(at))
        .bind(at)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The space's name (for mails and the invitation page).
pub async fn name(conn: &mut AnyConnection, space_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM spaces WHERE id = $1")
        .bind(space_id)
        .fetch_optional(conn)
        .await
}
