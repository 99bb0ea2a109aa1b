//! Innovation's retention rules (`[retention]` in `Leptos.toml`), a round run daily across all
//! processes: the moderation log (`moderation_log_months`), the record of messages members sent
//! each other (`member_messages_months`; the text itself was only in the mail's job, which goes
//! with the finished jobs) and notifications already read (`read_notifications_months`). Each
//! rule is one DELETE.

use crate::server::{
    config::PeriodUnit,
    jobs::{JobError, Round},
    retention,
    state::AppState,
};

/// What one pass of the round did, rule by rule (also logged, as counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub moderation_log: u64,
    pub member_messages: u64,
    pub read_notifications: u64,
}

pub fn round() -> Round {
    retention::round("innovation.retention", retention::DAILY, |app| {
        Box::pin(async move { run(&app).await.map(|_| ()) })
    })
}

/// One pass of every rule, at the application clock's now (the round; tests call it after
/// moving the clock).
pub async fn run(app: &AppState) -> Result<Report, JobError> {
    let rules = &app.config.retention;
    let before = |months| retention::before(&app.clock, months, PeriodUnit::Months);
    let delete = |sql: &'static str, before: i64| async move {
        sqlx::query(sql)
            .bind(before)
            .execute(&app.db.pool)
            .await
            .map(|done| done.rows_affected())
    };
    let report = Report {
        moderation_log: delete(
            "DELETE FROM moderation_log WHERE at < $1",
            before(rules.moderation_log_months),
        )
        .await?,
        member_messages: delete(
            "DELETE FROM member_contacts WHERE at < $1",
            before(rules.member_messages_months),
        )
        .await?,
        read_notifications: delete(
            "DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < $1",
            before(rules.read_notifications_months),
        )
        .await?,
    };
    retention::log("moderation_log_months", report.moderation_log, &[]);
    retention::log("member_messages_months", report.member_messages, &[]);
    retention::log("read_notifications_months", report.read_notifications, &[]);
    Ok(report)
}
