//! Who handles each direction's pool of spontaneous applications (table `pool_handlers`).

use crate::{accounts::types::Named, server::db::Db};
use sqlx::{any::AnyRow, Row};

/// The directions whose pool of spontaneous applications `user_id` handles.
pub async fn pools_of(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT direction_id FROM pool_handlers WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(|r| r.try_get("direction_id"))
        .collect()
}

fn named(rows: Vec<AnyRow>) -> Result<Vec<Named>, sqlx::Error> {
    rows.into_iter()
        .map(|r| {
            Ok(Named {
                id: r.try_get("id")?,
                name: r.try_get("display_name")?,
            })
        })
        .collect()
}

/// Who handles a direction's pool, and the direction's host agents who could.
pub async fn pool_people(
    db: &Db,
    direction_id: i64,
) -> Result<(Vec<Named>, Vec<Named>), sqlx::Error> {
    let handlers = sqlx::query("SELECT u.id, u.display_name FROM pool_handlers h JOIN users u ON u.id = h.user_id WHERE h.direction_id = $1 ORDER BY u.display_name, u.id")
        .bind(direction_id)
        .fetch_all(&db.pool)
        .await?;
    let agents = sqlx::query(
        "SELECT DISTINCT u.id, u.display_name FROM role_grants g JOIN services s ON s.id = g.service_id JOIN users u ON u.id = g.user_id \
         WHERE g.role = 'host_agent' AND s.direction_id = $1 AND u.id NOT IN (SELECT user_id FROM pool_handlers WHERE direction_id = $1) \
         ORDER BY u.display_name, u.id",
    )
    .bind(direction_id)
    .fetch_all(&db.pool)
    .await?;
    Ok((named(handlers)?, named(agents)?))
}

/// True when `user_id` is a host agent of a service of `direction_id`.
pub async fn is_agent_of(db: &Db, user_id: i64, direction_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT g.id FROM role_grants g JOIN services s ON s.id = g.service_id WHERE g.role = 'host_agent' AND g.user_id = $1 AND s.direction_id = $2")
        .bind(user_id)
        .bind(direction_id)
        .fetch_optional(&db.pool)
        .await?
        .is_some())
}

pub async fn add_handler(db: &Db, direction_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO pool_handlers (direction_id, user_id) VALUES ($1, $2) ON CONFLICT (direction_id, user_id) DO NOTHING")
        .bind(direction_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn remove_handler(db: &Db, direction_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM pool_handlers WHERE direction_id = $1 AND user_id = $2")
            .bind(direction_id)
            .bind(user_id)
            .execute(&db.pool)
            .await?
            .rows_affected()
            == 1,
    )
}
