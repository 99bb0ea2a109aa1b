//! The site admins' overview of every space: members and animators whose access has not
//! ended, bytes stored, last activity — one query, live spaces first.

use crate::{
    espaces::{activity_types::SpaceOverviewRow, types::Visibility},
    server::{db::Db, human_dates::HumanDates},
};

/// The bytes a space's documents take (every version, the bin included; a file that restored
/// versions share counts once), as an SQL expression on space `s`.
const STORED_BYTES: &str =
    "(SELECT COALESCE(SUM(f.size), 0) FROM space_document_files f WHERE f.space_id = s.id)";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    visibility: Visibility,
    archived_at: Option<i64>,
    members: i64,
    animators: i64,
    storage_bytes: i64,
    last_activity: Option<i64>,
}

/// Every space, live ones first, then by name.
pub async fn rows(
    db: &Db,
    now: i64,
    dates: &HumanDates,
) -> Result<Vec<SpaceOverviewRow>, sqlx::Error> {
    let current = "(m.access_ends_at IS NULL OR m.access_ends_at > $1)";
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT s.id, s.name, s.visibility, s.archived_at, \
         (SELECT COUNT(*) FROM space_members m WHERE m.space_id = s.id AND {current}) AS members, \
         (SELECT COUNT(*) FROM space_members m WHERE m.space_id = s.id AND m.role = 'animator' AND {current}) AS animators, \
         CAST({STORED_BYTES} AS BIGINT) AS storage_bytes, \
         (SELECT MAX(a.created_at) FROM space_activity a WHERE a.space_id = s.id) AS last_activity \
         FROM spaces s ORDER BY CASE WHEN s.archived_at IS NULL THEN 0 ELSE 1 END, s.name, s.id"
    ))
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SpaceOverviewRow {
            id: r.id,
            name: r.name,
            visibility: r.visibility,
            archived: r.archived_at.is_some(),
            members: r.members,
            animators: r.animators,
            storage_bytes: r.storage_bytes,
            last_activity: r.last_activity.map(|at| dates.instant(at)),
        })
        .collect())
}
