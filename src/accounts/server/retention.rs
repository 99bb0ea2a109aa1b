//! Accounts' retention rules (`[retention]` in `Leptos.toml`), a round run hourly across all
//! processes (its periods are counted in hours): failed sign-ins (`sign_in_failures_hours`),
//! spent reset tokens (`reset_tokens_hours`), expired "my data" archives
//! (`data_exports_days`), and inactive accounts
//! (`inactive_accounts_months`, `inactive_warning_days`).
//!
//! An account without a staff role (host agent, direction admin, editor, site admin) whose last
//! use (`users.last_seen_at`: a sign-in, or a signed-in session's first request of a day; its
//! creation when never recorded) is `inactive_accounts_months` old gets a warning mail
//! `inactive_warning_days` before: a job, in the owner's language, once (a sign-in clears the
//! mark, `store::seen`). It is deleted once the period has run out AND the warning went at
//! least `inactive_warning_days` before, so an account already inactive when the rule starts
//! (or when the round was late) still gets its full warning period.

use super::{
    data_export,
    erasure::{self, ErasureError, ErasureReason},
    erasure_tokens, rate_limit, reset, store,
};
use crate::{
    accounts::types::Role,
    i18n::Locale,
    server::{
        clock,
        config::PeriodUnit,
        human_dates::HumanDates,
        jobs::{enqueue, Job, JobError, JobFuture, NewJob, Round},
        retention,
        sql::Sql,
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The kind of the warning mail's job.
pub const WARNING_KIND: &str = "accounts.inactive_warning";

/// Roles whose holders are staff: their accounts are never deleted for inactivity (a role is
/// revoked by an administrator, then the account counts as any other).
pub const STAFF: [Role; 4] = [
    Role::HostAgent,
    Role::DirectionAdmin,
    Role::Editor,
    Role::SiteAdmin,
];

/// The warning mail to send; the job's payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct Warning {
    pub user_id: i64,
    /// When the account will be deleted if nobody signs in, Unix seconds.
    pub delete_at: i64,
}

/// What one pass of the round did, rule by rule (also logged, as counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub sign_in_failures: u64,
    pub reset_tokens: u64,
    /// "My data" archives past `data_exports_days` (files and rows).
    pub data_exports: u64,
    /// Warning mails queued.
    pub warned: u64,
    /// Accounts deleted.
    pub deleted: u64,
}

pub fn round() -> Round {
    retention::round("accounts.retention", Duration::from_secs(3600), |app| {
        Box::pin(async move { run(&app).await.map(|_| ()) })
    })
}

/// One pass of every rule, at the application clock's now (the round; tests call it after
/// moving the clock).
pub async fn run(app: &AppState) -> Result<Report, JobError> {
    let rules = &app.config.retention;
    let now = app.clock.now_seconds();
    let mut report = Report {
        sign_in_failures: rate_limit::prune(
            &app.db,
            &app.config.security,
            retention::before(&app.clock, rules.sign_in_failures_hours, PeriodUnit::Hours),
            now,
        )
        .await?,
        ..Report::default()
    };
    retention::log("sign_in_failures_hours", report.sign_in_failures, &[]);
    report.reset_tokens = reset::prune(
        &app.db,
        retention::before(&app.clock, rules.reset_tokens_hours, PeriodUnit::Hours),
    )
    .await?;
    // The account-deletion confirmation tokens are their own module's (used or expired ones).
    erasure_tokens::prune(app).await?;
    retention::log("reset_tokens_hours", report.reset_tokens, &[]);
    report.data_exports = data_export::delete_expired_exports(app).await? as u64;
    retention::log("data_exports_days", report.data_exports, &[]);
    report.warned = warn_inactive(app).await?;
    retention::log("inactive_warning_days", report.warned, &[]);
    report.deleted = delete_inactive(app).await?;
    retention::log("inactive_accounts_months", report.deleted, &[]);
    Ok(report)
}

/// Accounts without a staff role last used before `before` (their ids and last use): not yet
/// warned (`warned_by` None), or warned at or before `warned_by`.
async fn inactive_since(
    app: &AppState,
    before: i64,
    warned_by: Option<i64>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT u.id, COALESCE(u.last_seen_at, u.created_at) AS seen FROM users u \
         WHERE u.erased_at IS NULL AND COALESCE(u.last_seen_at, u.created_at) < ",
    );
    sql.push_bind(before)
        .push(" AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role IN (")
        .push_binds(STAFF.map(Role::code))
        .push("))");
    match warned_by {
        None => sql.push(" AND u.inactivity_warned_at IS NULL"),
        Some(at) => sql.push(" AND u.inactivity_warned_at <= ").push_bind(at),
    };
    sql.push(" ORDER BY u.id");
    sql.query_as().fetch_all(&app.db.pool).await
}

/// Queues the warning of every account that will be due for deletion within
/// `inactive_warning_days` and was not warned yet, marking each in the same transaction; the
/// number queued.
async fn warn_inactive(app: &AppState) -> Result<u64, sqlx::Error> {
    let rules = &app.config.retention;
    let (months, days) = (rules.inactive_accounts_months, rules.inactive_warning_days);
    let now = app.clock.now_seconds();
    let warned_until = retention::after(now, &app.clock, days, PeriodUnit::Days);
    // Last used before this, the account is due by `warned_until`.
    let soon = retention::before_at(
        jiff::Timestamp::from_second(warned_until).unwrap_or_else(|_| app.clock.now()),
        &app.clock,
        months,
        PeriodUnit::Months,
    );
    let accounts = inactive_since(app, soon, None).await?;
    if accounts.is_empty() {
        return Ok(0);
    }
    let mut tx = app.db.begin_write().await?;
    let mut queued = 0;
    for (id, seen) in accounts {
        let marked = sqlx::query(
            "UPDATE users SET inactivity_warned_at = $1 WHERE id = $2 AND inactivity_warned_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if marked == 0 {
            continue;
        }
        let delete_at =
            retention::after(seen, &app.clock, months, PeriodUnit::Months).max(warned_until);
        enqueue(
            &mut tx,
            NewJob {
                kind: WARNING_KIND,
                payload: &Warning {
                    user_id: id,
                    delete_at,
                },
                dedup_key: Some(format!("{WARNING_KIND}:{id}:{seen}")),
            },
        )
        .await?;
        queued += 1;
    }
    tx.commit().await?;
    app.jobs.wake();
    Ok(queued)
}

/// Deletes every account past its period whose owner was warned at least
/// `inactive_warning_days` ago; the number deleted.
async fn delete_inactive(app: &AppState) -> Result<u64, sqlx::Error> {
    let rules = &app.config.retention;
    let before = retention::before(
        &app.clock,
        rules.inactive_accounts_months,
        PeriodUnit::Months,
    );
    let warned_before =
        retention::before(&app.clock, rules.inactive_warning_days, PeriodUnit::Days);
    let mut deleted = 0;
    for (id, _) in inactive_since(app, before, Some(warned_before)).await? {
        deleted += erase(app, id).await?;
    }
    Ok(deleted)
}

/// Erases inactive account `id` as its owner would (`erasure.rs`, one transaction); 1 when it
/// went, 0 when it was gone already or is the last site admin (logged).
async fn erase(app: &AppState, id: i64) -> Result<u64, sqlx::Error> {
    match erasure::erase_account(app, id, ErasureReason::Inactive).await {
        Ok(_) => Ok(1),
        Err(ErasureError::Db(error)) => Err(error),
        Err(error) => {
            tracing::warn!(%error, account = id, "retention: an inactive account not erased");
            Ok(0)
        }
    }
}

/// The job handler: mails the warning in the owner's language, unless the account is gone or
/// was used since (the mark cleared).
pub fn send_warning(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let warning: Warning = job.payload()?;
        let still_warned: Option<Option<i64>> =
            sqlx::query_scalar("SELECT inactivity_warned_at FROM users WHERE id = $1")
                .bind(warning.user_id)
                .fetch_optional(&app.db.pool)
                .await?;
        if !matches!(still_warned, Some(Some(_))) {
            return Ok(());
        }
        let Some(to) = store::recipient(&app.db, warning.user_id).await? else {
            return Ok(());
        };
        let locale: Locale = to.locale;
        let dates = HumanDates::for_account(&app, locale, &to.time_zone);
        let zone = clock::zone_named(&to.time_zone).unwrap_or_else(|| app.clock.zone().clone());
        let day = jiff::Timestamp::from_second(warning.delete_at)
            .map(|at| clock::day_in(at, &zone).to_string())
            .unwrap_or_default();
        let args = [
            ("name", to.display_name.clone()),
            ("date", dates.date(&day).text),
            (
                "months",
                app.config.retention.inactive_accounts_months.to_string(),
            ),
            ("link", app.config.public_link("/compte/connexion")),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &to.email,
                &locale.t_with("mail-inactive-subject", &args),
                locale.t_with("mail-inactive-body", &args),
            )
            .await?;
        Ok(())
    })
}
