//! Applications in the database (the candidates' profiles and CVs are in `profiles.rs`).

use crate::{
    server::db::{now, violated, Db, UniqueKey},
    stages::application::{ApplicationState, MyApplication, ReceivedApplication},
};
use sqlx::{any::AnyRow, AnyConnection, Row};

fn state(row: &AnyRow) -> Result<ApplicationState, sqlx::Error> {
    row.try_get("state")
}

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
    let inserted = sqlx::query(
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
        Ok(row) => row.try_get("id")?,
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
    let rows = sql.query().fetch_all(&db.pool).await?;
    rows.into_iter().map(received).collect()
}

fn received(row: AnyRow) -> Result<ReceivedApplication, sqlx::Error> {
    Ok(ReceivedApplication {
        id: row.try_get("id")?,
        candidate_id: row.try_get("candidate_id")?,
        candidate_name: row.try_get("display_name")?,
        candidate_email: row.try_get("email")?,
        cover_letter: row.try_get("cover_letter")?,
        has_cv: row.try_get::<Option<String>, _>("cv_file")?.is_some(),
        state: state(&row)?,
        created_at: row.try_get("created_at")?,
        profile: super::profiles::profile_of(&row)?,
    })
}

/// The ids that decide who may see and move an application.
pub struct ApplicationKeys {
    pub offer_id: Option<i64>,
    pub candidate_id: i64,
    pub direction_id: i64,
    pub service_id: Option<i64>,
    pub state: ApplicationState,
}

const SELECT_KEYS: &str = "SELECT a.id, a.offer_id, a.candidate_id, a.direction_id, a.state, o.service_id FROM applications a LEFT JOIN offers o ON o.id = a.offer_id";

fn keys_of(row: &AnyRow) -> Result<ApplicationKeys, sqlx::Error> {
    Ok(ApplicationKeys {
        offer_id: row.try_get("offer_id")?,
        candidate_id: row.try_get("candidate_id")?,
        direction_id: row.try_get("direction_id")?,
        service_id: row.try_get("service_id")?,
        state: state(row)?,
    })
}

pub async fn keys(db: &Db, id: i64) -> Result<Option<ApplicationKeys>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT_KEYS} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(keys_of).transpose()
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
    let rows = sqlx::query(
        "SELECT a.id, a.offer_id, o.title, d.code, a.state, a.created_at, a.updated_at FROM applications a \
         JOIN directions d ON d.id = a.direction_id LEFT JOIN offers o ON o.id = a.offer_id \
         WHERE a.candidate_id = $1 ORDER BY a.updated_at DESC, a.id DESC",
    )
    .bind(candidate_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(MyApplication {
                id: row.try_get("id")?,
                offer_id: row.try_get("offer_id")?,
                offer_title: row.try_get("title")?,
                direction_code: row.try_get("code")?,
                state: state(&row)?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .collect()
}

pub async fn to_offer(db: &Db, offer_id: i64) -> Result<Vec<ReceivedApplication>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.candidate_id, u.display_name, u.email, a.cover_letter, a.state, a.created_at, p.cv_file, p.school, p.discipline, p.education_level, p.phone, p.presentation FROM applications a \
         JOIN users u ON u.id = a.candidate_id LEFT JOIN candidate_profiles p ON p.user_id = a.candidate_id \
         WHERE a.offer_id = $1 ORDER BY a.created_at DESC, a.id DESC",
    )
    .bind(offer_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(received).collect()
}

/// True when `candidate_id` applied to an offer that `directions`/`services` (or all) cover.
pub async fn candidate_applied_within(
    db: &Db,
    candidate_id: i64,
    scope: &super::access::OfferScope,
) -> Result<bool, sqlx::Error> {
    let rows = sqlx::query("SELECT a.direction_id, o.service_id FROM applications a LEFT JOIN offers o ON o.id = a.offer_id WHERE a.candidate_id = $1")
        .bind(candidate_id)
        .fetch_all(&db.pool)
        .await?;
    for row in rows {
        if scope.covers_application(row.try_get("direction_id")?, row.try_get("service_id")?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Ends every pending application to an offer that closes: "expired", recorded with `actor`,
/// on the caller's transaction. Returns the applications changed, for live events and notices.
pub async fn expire_pending(
    conn: &mut AnyConnection,
    offer_id: i64,
    actor: i64,
) -> Result<Vec<(i64, ApplicationKeys)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT_KEYS} WHERE a.offer_id = $1 AND a.state IN ('received', 'in_review', 'interview')"
    ))
    .bind(offer_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut expired = Vec::new();
    for row in rows {
        let (id, keys): (i64, ApplicationKeys) = (row.try_get("id")?, keys_of(&row)?);
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
