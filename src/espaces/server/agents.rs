//! The `space_agents` table: accounts a site admin named city agents (besides staff roles and
//! the configured e-mail domains, `access::is_city_agent`).

use crate::{espaces::types::AgentGrant, server::db::Db};

/// The accounts granted, by name.
pub async fn list(db: &Db) -> Result<Vec<AgentGrant>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name AS name, u.email FROM space_agents a JOIN users u ON u.id = a.user_id \
         WHERE u.erased_at IS NULL ORDER BY u.display_name, u.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// Grants `email`'s account; false when no account has that address.
pub async fn grant(db: &Db, email: &str, granted_by: i64, at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO space_agents (user_id, granted_by, granted_at) \
         SELECT id, $2, $3 FROM users WHERE email = $1 AND erased_at IS NULL \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(email)
    .bind(granted_by)
    .bind(at)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    let exists: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1 AND erased_at IS NULL")
            .bind(email)
            .fetch_one(&db.pool)
            .await?;
    Ok(exists > 0)
}

/// Takes the grant back; false when there was none.
pub async fn revoke(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM space_agents WHERE user_id = $1")
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
