//! The `space_members` table: adding a member, listing them, changing a role and removing
//! one — a space always keeps at least one animator.

use crate::{espaces::types::SpaceRole, server::db::Db};
use sqlx::AnyConnection;

/// Adds `user_id` to the space with `role`; a member whose access ended is added again, one
/// already there keeps their membership (returns false).
pub async fn add(
    conn: &mut AnyConnection,
    space_id: i64,
    user_id: i64,
    role: SpaceRole,
    access_ends_at: Option<i64>,
    added_by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO space_members (space_id, user_id, role, access_ends_at, joined_at, added_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (space_id, user_id) DO UPDATE \
         SET role = excluded.role, access_ends_at = excluded.access_ends_at, joined_at = excluded.joined_at, added_by = excluded.added_by \
         WHERE space_members.access_ends_at IS NOT NULL AND space_members.access_ends_at <= excluded.joined_at",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(role.code())
    .bind(access_ends_at)
    .bind(at)
    .bind(added_by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One member as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct Member {
    pub user_id: i64,
    pub name: String,
    pub role: SpaceRole,
    pub access_ends_at: Option<i64>,
}

/// The members of a space whose access has not ended: animators first, then by name.
pub async fn list(db: &Db, space_id: i64, now: i64) -> Result<Vec<Member>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.user_id, u.display_name AS name, m.role, m.access_ends_at FROM space_members m \
         JOIN users u ON u.id = m.user_id \
         WHERE m.space_id = $1 AND (m.access_ends_at IS NULL OR m.access_ends_at > $2) \
         ORDER BY CASE m.role WHEN 'animator' THEN 0 WHEN 'contributor' THEN 1 ELSE 2 END, u.display_name, u.id",
    )
    .bind(space_id)
    .bind(now)
    .fetch_all(&db.pool)
    .await
}

/// Why a membership change was refused.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error("not a member")]
    NotMember,
    #[error("the space's last animator")]
    LastAnimator,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Locks the space's row for the rest of the transaction (PostgreSQL; SQLite has one writer):
/// two animators demoting each other at once cannot both pass the last-animator check, two
/// invitations of one address cannot both find none pending, two moves in a wiki's page tree
/// cannot make a loop of parents.
pub(crate) async fn lock_space(conn: &mut AnyConnection, space_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE spaces SET updated_at = updated_at WHERE id = $1")
        .bind(space_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The current role of `user_id` and the number of *other* animators whose access has no end
/// date, after locking the space: an animator may step down or go only while one of those
/// stays (an animator until next week would leave the space without one next week).
async fn standing(
    conn: &mut AnyConnection,
    space_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(SpaceRole, i64), ChangeError> {
    lock_space(conn, space_id).await?;
    let role: Option<SpaceRole> = sqlx::query_scalar(
        "SELECT role FROM space_members WHERE space_id = $1 AND user_id = $2 AND (access_ends_at IS NULL OR access_ends_at > $3)",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let role = role.ok_or(ChangeError::NotMember)?;
    let animators: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_members WHERE space_id = $1 AND role = 'animator' AND access_ends_at IS NULL AND user_id <> $2",
    )
    .bind(space_id)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((role, animators))
}

/// Gives `user_id` the role `role` (refused for the last animator stepping down).
pub async fn set_role(
    db: &Db,
    space_id: i64,
    user_id: i64,
    role: SpaceRole,
    now: i64,
) -> Result<(), ChangeError> {
    let mut tx = db.begin_write().await?;
    let (current, animators) = standing(&mut tx, space_id, user_id, now).await?;
    if current == SpaceRole::Animator && role != SpaceRole::Animator && animators == 0 {
        return Err(ChangeError::LastAnimator);
    }
    sqlx::query("UPDATE space_members SET role = $3 WHERE space_id = $1 AND user_id = $2")
        .bind(space_id)
        .bind(user_id)
        .bind(role.code())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes `user_id` from the space (refused for the last animator).
pub async fn remove(db: &Db, space_id: i64, user_id: i64, now: i64) -> Result<(), ChangeError> {
    let mut tx = db.begin_write().await?;
    let (current, animators) = standing(&mut tx, space_id, user_id, now).await?;
    if current == SpaceRole::Animator && animators == 0 {
        return Err(ChangeError::LastAnimator);
    }
    sqlx::query("DELETE FROM space_members WHERE space_id = $1 AND user_id = $2")
        .bind(space_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `email` is the address of a current member of the space.
pub async fn is_member_address(
    conn: &mut AnyConnection,
    space_id: i64,
    email: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_members m JOIN users u ON u.id = m.user_id \
         WHERE m.space_id = $1 AND u.email = $2 AND (m.access_ends_at IS NULL OR m.access_ends_at > $3)",
    )
    .bind(space_id)
    .bind(email)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}
