//! Stages' retention rules (`[retention]` in `Leptos.toml`), a round run daily across all
//! processes:
//!
//! - `applications_months`: applications not accepted (declined, withdrawn, expired) whose last
//!   move (their last change of state, or their last message if later) is that old are deleted
//!   with their history, messages and private notes;
//! - `accepted_applications_months`: accepted applications, the same way once that old: what
//!   stays of them is anonymous (below);
//! - stored CV files (`profiles::CV_FOLDER`) that no profile names any more (an account deleted, a CV
//!   replaced when the old file could not be removed) are deleted once a day old (a file just
//!   written is named by its profile a moment later). Applications keep no copy of the CV: it
//!   is the profile's, and goes with the account (`inactive_accounts_months`).
//!
//! Each rule deletes in one transaction. The dashboard's figures stay: a deleted application
//! leaves its anonymous facts (direction, offer, last state, dates; no person) in
//! `application_figures`, written by the database itself (migration 0024's trigger) whoever
//! deletes it, the deletion of its candidate's account included; `dashboard.rs` counts them.

use super::profiles;
use crate::{
    server::{
        config::PeriodUnit,
        jobs::{JobError, Round},
        retention,
        sql::Sql,
        state::AppState,
    },
    stages::application::ApplicationState,
};
use sqlx::AnyConnection;
use std::collections::HashSet;

/// How many ids one statement names.
const BATCH: usize = 500;

/// How old an unnamed CV file must be before it is deleted, in seconds: an upload writes the
/// file, then names it in the profile.
const UNNAMED_CV_GRACE_SECONDS: i64 = 86_400;

/// What one pass of the round did, rule by rule (also logged, as counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Applications not accepted deleted, with their messages, notes and history events.
    pub applications: Deleted,
    /// Accepted applications deleted (their figures kept, anonymous).
    pub accepted: Deleted,
    /// CV files deleted from disk.
    pub cv_files: u64,
}

/// What deleting applications removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deleted {
    pub applications: u64,
    pub messages: u64,
    pub notes: u64,
    pub events: u64,
}

pub fn round() -> Round {
    retention::round("stages.retention", retention::DAILY, |app| {
        Box::pin(async move { run(&app).await.map(|_| ()) })
    })
}

/// One pass of every rule, at the application clock's now (the round; tests call it after
/// moving the clock).
pub async fn run(app: &AppState) -> Result<Report, JobError> {
    let rules = &app.config.retention;
    let finished = [
        ApplicationState::Declined,
        ApplicationState::Withdrawn,
        ApplicationState::Expired,
    ];
    let applications = delete_older(
        app,
        &finished,
        retention::before(&app.clock, rules.applications_months, PeriodUnit::Months),
    )
    .await?;
    log("applications_months", applications);
    let accepted = delete_older(
        app,
        &[ApplicationState::Accepted],
        retention::before(
            &app.clock,
            rules.accepted_applications_months,
            PeriodUnit::Months,
        ),
    )
    .await?;
    log("accepted_applications_months", accepted);
    let cv_files = delete_unnamed_cvs(app).await?;
    retention::log("cv_files", cv_files, &[]);
    Ok(Report {
        applications,
        accepted,
        cv_files,
    })
}

fn log(rule: &str, deleted: Deleted) {
    retention::log(
        rule,
        deleted.applications,
        &[
            ("messages", deleted.messages),
            ("notes", deleted.notes),
            ("events", deleted.events),
        ],
    );
}

/// Deletes the applications in one of `states` whose last move was before `before`, with
/// their messages, notes and events, in one transaction.
async fn delete_older(
    app: &AppState,
    states: &[ApplicationState],
    before: i64,
) -> Result<Deleted, sqlx::Error> {
    let mut sql = Sql::new("SELECT a.id FROM applications a WHERE a.state IN (");
    sql.push_binds(states.iter().map(|s| s.code()))
        .push(") AND a.updated_at < ")
        .push_bind(before)
        .push(
            " AND NOT EXISTS (SELECT 1 FROM application_messages m WHERE m.application_id = a.id AND m.at >= ",
        )
        .push_bind(before)
        .push(") ORDER BY a.id");
    let ids: Vec<i64> = sql.query_scalar().fetch_all(&app.db.pool).await?;
    let mut deleted = Deleted::default();
    if ids.is_empty() {
        return Ok(deleted);
    }
    let mut tx = app.db.begin_write().await?;
    for batch in ids.chunks(BATCH) {
        deleted.messages +=
            delete_in(&mut tx, "application_messages", "application_id", batch).await?;
        deleted.notes += delete_in(&mut tx, "application_notes", "application_id", batch).await?;
        deleted.events += delete_in(&mut tx, "application_events", "application_id", batch).await?;
        // The trigger of migration 0024 keeps each one's figures.
        deleted.applications += delete_in(&mut tx, "applications", "id", batch).await?;
    }
    tx.commit().await?;
    Ok(deleted)
}

/// Deletes the rows of `table` whose `column` is one of `ids`; how many. `table` and `column`
/// are literals of this module, never input.
async fn delete_in(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    ids: &[i64],
) -> Result<u64, sqlx::Error> {
    let mut sql = Sql::new(&format!("DELETE FROM {table} WHERE {column} IN ("));
    sql.push_binds(ids.iter().copied()).push(")");
    Ok(sql.query().execute(&mut *conn).await?.rows_affected())
}

/// Deletes the stored CV files that no profile names and that are over a day old (by the
/// application's clock); how many.
async fn delete_unnamed_cvs(app: &AppState) -> Result<u64, JobError> {
    let named: HashSet<String> = sqlx::query_scalar::<_, String>(
        "SELECT cv_file FROM candidate_profiles WHERE cv_file IS NOT NULL",
    )
    .fetch_all(&app.db.pool)
    .await?
    .into_iter()
    .collect();
    let written_before = app.clock.now_seconds() - UNNAMED_CV_GRACE_SECONDS;
    let stored = match app.storage.list(profiles::CV_FOLDER).await {
        Ok(stored) => stored,
        Err(error) => {
            tracing::error!(%error, "retention: the stored CVs cannot be listed");
            return Ok(0);
        }
    };
    let mut deleted = 0;
    for object in stored {
        if named.contains(object.key.name()) || object.modified_at >= written_before {
            continue;
        }
        match app.storage.delete(&object.key).await {
            Ok(_) => deleted += 1,
            Err(error) => tracing::warn!(%error, "retention: an unnamed CV file not deleted"),
        }
    }
    Ok(deleted)
}
