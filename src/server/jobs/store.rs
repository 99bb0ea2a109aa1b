//! The `jobs` and `periodic_rounds` tables: every statement the worker, the rounds and the
//! admin page run. Times are Unix seconds.

use super::Job;
use crate::server::db::{Backend, Db};
use sqlx::AnyConnection;

pub async fn enqueue_raw(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &str,
    dedup_key: Option<&str>,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, state, attempts, run_at, dedup_key, created_at) VALUES ($1, $2, 'queued', 0, $3, $4, $3) \
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
    )
    .bind(kind)
    .bind(payload)
    .bind(at)
    .bind(dedup_key)
    .fetch_optional(conn)
    .await
}

/// A job a worker may claim at `$1` (now): queued and due, or running past its lease.
const DUE: &str =
    "(state = 'queued' AND run_at <= $1) OR (state = 'running' AND locked_until < $1)";

/// Claims the next due job for `worker` until `now + lease`: a queued job whose time has
/// come, or a running one whose lease expired (its process died). One statement, so two
/// workers never claim the same job: PostgreSQL skips rows another transaction locked;
/// SQLite has one writer at a time.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease: i64,
) -> Result<Option<Job>, sqlx::Error> {
    // A read first: an idle poll takes no write lock (SQLite has one writer for everything).
    let due = sqlx::query(&format!("SELECT id FROM jobs WHERE {DUE} LIMIT 1"))
        .bind(now)
        .fetch_optional(&db.pool)
        .await?;
    if due.is_none() {
        return Ok(None);
    }
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1 WHERE id = (\
         SELECT id FROM jobs WHERE {} ORDER BY run_at, id LIMIT 1{lock}) RETURNING id, kind, payload, attempts",
        DUE.replace("$1", "$3")
    );
    sqlx::query_as(&sql)
        .bind(worker)
        .bind(now + lease)
        .bind(now)
        .fetch_optional(&db.pool)
        .await
}

/// Marks `id` done, if `worker` still holds it.
pub async fn done(db: &Db, id: i64, worker: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobs SET state = 'done', done_at = $1, locked_by = NULL, locked_until = NULL WHERE id = $2 AND locked_by = $3")
        .bind(now)
        .bind(id)
        .bind(worker)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Records a failed attempt: queued again at `retry_at`, or `failed` when `retry_at` is None.
pub async fn failed(
    db: &Db,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    let (state, run_at) = match retry_at {
        Some(at) => ("queued", Some(at)),
        None => ("failed", None),
    };
    sqlx::query(
        "UPDATE jobs SET state = $1, run_at = COALESCE($2, run_at), last_error = $3, locked_by = NULL, locked_until = NULL WHERE id = $4 AND locked_by = $5",
    )
    .bind(state)
    .bind(run_at)
    .bind(error)
    .bind(id)
    .bind(worker)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Done jobs older than `before` are forgotten (their dedup keys with them).
pub async fn prune(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM jobs WHERE state = 'done' AND done_at < $1")
            .bind(before)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// Claims round `name` for this period: true when this process moved `next_run_at` from a
/// due time to `next`, so it alone runs the round now. A round not yet known is recorded first,
/// due at `first`.
pub async fn claim_round(
    db: &Db,
    name: &str,
    worker: &str,
    now: i64,
    next: i64,
    first: i64,
) -> Result<bool, sqlx::Error> {
    // A read first: an idle poll takes no write lock.
    let known: Option<i64> =
        sqlx::query_scalar("SELECT next_run_at FROM periodic_rounds WHERE name = $1")
            .bind(name)
            .fetch_optional(&db.pool)
            .await?;
    match known {
        Some(at) if at > now => return Ok(false),
        Some(_) => {}
        None => {
            sqlx::query("INSERT INTO periodic_rounds (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING").bind(name).bind(first).execute(&db.pool).await?;
        }
    }
    let claimed = sqlx::query("UPDATE periodic_rounds SET next_run_at = $1, last_run_at = $2, last_run_by = $3 WHERE name = $4 AND next_run_at <= $2 RETURNING name")
        .bind(next)
        .bind(now)
        .bind(worker)
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    Ok(claimed.is_some())
}

/// (kind, state, count) of the jobs queued, running or failed.
pub async fn depth(db: &Db) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, state, COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running', 'failed') GROUP BY kind, state",
    )
    .fetch_all(&db.pool)
    .await
}

/// A job as the admin page lists it.
#[derive(sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub run_at: i64,
}

/// Failed jobs, and queued ones that failed at least once (retrying), newest first.
pub async fn troubled(db: &Db, limit: i64) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, state, attempts, last_error, created_at, run_at FROM jobs \
         WHERE state = 'failed' OR (state IN ('queued', 'running') AND last_error IS NOT NULL) ORDER BY created_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Queues a failed or retrying job again, due now, with its attempts counted afresh; false
/// when there is no such job in either state.
pub async fn retry(db: &Db, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE jobs SET state = 'queued', run_at = $1, attempts = 0 WHERE id = $2 AND (state = 'failed' OR (state = 'queued' AND last_error IS NOT NULL))")
        .bind(now)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
