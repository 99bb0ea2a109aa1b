//! Applications in the database (the candidates' profiles and CVs are in `profiles.rs`).

use crate::{
    server::db::{now, violated, Db, UniqueKey},
    stages::application::{ApplicationState, MyApplication, ReceivedApplication},
};
use sqlx::AnyConnection;

/// One application per candidate and offer; one pending spontaneous application per
/// candidate and direction.
const ONE_APPLICATION: [UniqueKey; 2] = [
    UniqueKey {
        constraint: "applications_one_per_offer",
        table: "applications",
        columns: &["offer_id", "candidate_id"],
        field: "offer_id",
    },
    UniqueKey {
        constraint: "applications_one_pending_spontaneous",
        table: "applications",
        columns: &["direction_id", "candidate_id"],
        field: "direction_id",
    },
];

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("already applied")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Inserts one received application and its first event on `conn`.
async fn insert(
    conn: &mut AnyConnection,
    offer_id: Option<i64>,
    direction_id: i64,
    family_id: Option<i64>,
    candidate_id: i64,
    cover_letter: &str,
    at: i64,
) -> Result<i64, ApplyError> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO applications (offer_id, direction_id, metier_family_id, candidate_id, cover_letter, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'received', $6, $6) RETURNING id",
    )
    .bind(offer_id)
    .bind(direction_id)
    .bind(family_id)
    .bind(candidate_id)
    .bind(cover_letter)
    .bind(at)
    .fetch_one(&mut *conn)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(e) if violated(&e, &ONE_APPLICATION).is_some() => return Err(ApplyError::Duplicate),
        Err(e) => return Err(e.into()),
    };
    sqlx::query("INSERT INTO application_events (application_id, from_state, to_state, actor_id, at) VALUES ($1, NULL, 'received', $2, $3)")
        .bind(id)
        .bind(candidate_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// Records an application to an offer and its first event, on the caller's transaction.
pub async fn apply(
    conn: &mut AnyConnection,
    offer_id: i64,
    direction_id: i64,
    candidate_id: i64,
    cover_letter: &str,
) -> Result<i64, ApplyError> {
    insert(
        conn,
        Some(offer_id),
        direction_id,
        None,
        candidate_id,
        cover_letter,
        now(),
    )
    .await
}

/// Records one spontaneous application per direction on the caller's transaction (all or
/// none when it is one). Returns (application, direction) pairs.
pub async fn apply_spontaneously(
    conn: &mut AnyConnection,
    directions: &[i64],
    family_id: Option<i64>,
    candidate_id: i64,
    cover_letter: &str,
) -> Result<Vec<(i64, i64)>, ApplyError> {
    let at = now();
    let mut created = Vec::new();
    for direction in directions {
        created.push((
            insert(
                conn,
                None,
                *direction,
                family_id,
                candidate_id,
                cover_letter,
                at,
            )
            .await?,
            *direction,
        ));
    }
    Ok(created)
}

/// The spontaneous applications of the given directions (all of them when `all`).
pub async fn pool(
    db: &Db,
    directions: &[i64],
    all: bool,
) -> Result<Vec<ReceivedApplication>, sqlx::Error> {
    if directions.is_empty() && !all {
        return Ok(vec![]);
    }
    let mut sql = crate::server::sql::Sql::new(
        "SELECT a.id, a.candidate_id, u.display_name, u.email, a.cover_letter, a.state, a.created_at, p.cv_file, p.school, p.discipline, p.education_level, p.phone, p.presentation FROM applications a \
         JOIN users u ON u.id = a.candidate_id LEFT JOIN candidate_profiles p ON p.user_id = a.candidate_id WHERE a.offer_id IS NULL",
    );
    if !all {
        sql.push(" AND a.direction_id IN (")
            .push_binds(directions.iter().copied())
            .push(")");
    }
    sql.push(" ORDER BY a.created_at DESC, a.id DESC LIMIT 500");
    let rows: Vec<ReceivedRow> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(ReceivedApplication::from).collect())
}

/// An application with its candidate's name, address and profile, as [`pool`] and
/// [`to_offer`] read it.
#[derive(sqlx::FromRow)]
struct ReceivedRow {
    id: i64,
    cover_letter: String,
    state: ApplicationState,
    created_at: i64,
    #[sqlx(flatten)]
    candidate: super::profiles::CandidateColumns,
}

impl From<ReceivedRow> for ReceivedApplication {
    fn from(row: ReceivedRow) -> ReceivedApplication {
        ReceivedApplication {
            id: row.id,
            candidate_id: row.candidate.candidate_id,
            candidate_name: row.candidate.display_name,
            candidate_email: row.candidate.email,
            cover_letter: row.cover_letter,
            has_cv: row.candidate.cv_file.is_some(),
            state: row.state,
            created_at: row.created_at,
            profile: row.candidate.profile.into(),
        }
    }
}

/// The ids that decide who may see and move an application.
#[derive(sqlx::FromRow)]
pub struct ApplicationKeys {
    pub offer_id: Option<i64>,
    pub candidate_id: i64,
    pub direction_id: i64,
    pub service_id: Option<i64>,
    pub state: ApplicationState,
}

/// An application's id with its keys, as [`SELECT_KEYS`] reads them.
#[derive(sqlx::FromRow)]
struct KeyedApplication {
    id: i64,
    #[sqlx(flatten)]
    keys: ApplicationKeys,
}

const SELECT_KEYS: &str = "SELECT a.id, a.offer_id, a.candidate_id, a.direction_id, a.state, o.service_id FROM applications a LEFT JOIN offers o ON o.id = a.offer_id";

pub async fn keys(db: &Db, id: i64) -> Result<Option<ApplicationKeys>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_KEYS} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The applications of `candidate_id` with their keys, on the caller's transaction (an
/// account's erasure withdraws the pending ones).
pub async fn keys_of_candidate(
    conn: &mut AnyConnection,
    candidate_id: i64,
) -> Result<Vec<(i64, ApplicationKeys)>, sqlx::Error> {
    let rows: Vec<KeyedApplication> = sqlx::query_as(&format!(
        "{SELECT_KEYS} WHERE a.candidate_id = $1 ORDER BY a.id"
    ))
    .bind(candidate_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.keys)).collect())
}

/// Moves an application from `from` to `to` and records who did it, with the agent's answer
/// to the candidate if any, all or nothing; false when it was no longer in `from`. The first
/// move out of "received" made by an agent is the first answer. On the caller's transaction.
pub async fn move_state(
    conn: &mut AnyConnection,
    id: i64,
    from: ApplicationState,
    to: ApplicationState,
    actor: i64,
    by_agent: bool,
    answer: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let sql = if by_agent {
        "UPDATE applications SET state = $1, updated_at = $2, first_answer_at = COALESCE(first_answer_at, $2) WHERE id = $3 AND state = $4"
    } else {
        "UPDATE applications SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4"
    };
    let moved = sqlx::query(sql)
        .bind(to.code())
        .bind(at)
        .bind(id)
        .bind(from.code())
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1;
    if moved {
        sqlx::query("INSERT INTO application_events (application_id, from_state, to_state, actor_id, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(from.code())
            .bind(to.code())
            .bind(actor)
            .bind(at)
            .execute(&mut *conn)
            .await?;
        if let Some(answer) = answer {
            super::follow_up::add_message(conn, id, actor, false, answer, at).await?;
        }
    }
    Ok(moved)
}

pub async fn of_candidate(db: &Db, candidate_id: i64) -> Result<Vec<MyApplication>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.offer_id, o.title AS offer_title, d.code AS direction_code, a.state, a.created_at, a.updated_at FROM applications a \
         JOIN directions d ON d.id = a.direction_id LEFT JOIN offers o ON o.id = a.offer_id \
         WHERE a.candidate_id = $1 ORDER BY a.updated_at DESC, a.id DESC",
    )
    .bind(candidate_id)
    .fetch_all(&db.pool)
    .await
}

pub async fn to_offer(db: &Db, offer_id: i64) -> Result<Vec<ReceivedApplication>, sqlx::Error> {
    let rows: Vec<ReceivedRow> = sqlx::query_as(
        "SELECT a.id, a.candidate_id, u.display_name, u.email, a.cover_letter, a.state, a.created_at, p.cv_file, p.school, p.discipline, p.education_level, p.phone, p.presentation FROM applications a \
         JOIN users u ON u.id = a.candidate_id LEFT JOIN candidate_profiles p ON p.user_id = a.candidate_id \
         WHERE a.offer_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(offer_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(ReceivedApplication::from).collect())
}

/// True when `candidate_id` applied to an offer that `directions`/`services` (or all) cover.
pub async fn candidate_applied_within(
    db: &Db,
    candidate_id: i64,
    scope: &super::access::OfferScope,
) -> Result<bool, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT a.direction_id, o.service_id FROM applications a LEFT JOIN offers o ON o.id = a.offer_id WHERE a.candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .any(|(direction, service)| scope.covers_application(direction, service)))
}

/// Ends every pending application to an offer that closes: "expired", recorded with `actor`,
/// on the caller's transaction. Returns the applications changed, for live events and notices.
pub async fn expire_pending(
    conn: &mut AnyConnection,
    offer_id: i64,
    actor: i64,
) -> Result<Vec<(i64, ApplicationKeys)>, sqlx::Error> {
    let rows: Vec<KeyedApplication> = sqlx::query_as(&format!(
        "{SELECT_KEYS} WHERE a.offer_id = $1 AND a.state IN ('received', 'in_review', 'interview')"
    ))
    .bind(offer_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut expired = Vec::new();
    for KeyedApplication { id, keys } in rows {
        if move_state(
            conn,
            id,
            keys.state,
            ApplicationState::Expired,
            actor,
            false,
            None,
        )
        .await?
        {
            expired.push((id, keys));
        }
    }
    Ok(expired)
}
