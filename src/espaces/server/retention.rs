//! Espaces' retention rules (`[retention]` in `Leptos.toml`), a round run hourly across all
//! processes: one-time sign-in links used or expired (`space_sign_in_links_hours`) and
//! invitations that ended — accepted, revoked or expired — (`space_invitations_days`; each
//! holds an address, and an accepted one's trace stays in the membership). Each rule is one
//! DELETE.

use crate::server::{
    config::PeriodUnit,
    jobs::{JobError, Round},
    retention,
    state::AppState,
};
use std::time::Duration;

/// What one pass of the round did, rule by rule (also logged, as counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub sign_in_links: u64,
    pub invitations: u64,
}

pub fn round() -> Round {
    retention::round("espaces.retention", Duration::from_secs(3600), |app| {
        Box::pin(async move { run(&app).await.map(|_| ()) })
    })
}

/// One pass of every rule, at the application clock's now (the round; tests call it after
/// moving the clock).
pub async fn run(app: &AppState) -> Result<Report, JobError> {
    let rules = &app.config.retention;
    let links_before = retention::before(
        &app.clock,
        rules.space_sign_in_links_hours,
        PeriodUnit::Hours,
    );
    let invitations_before =
        retention::before(&app.clock, rules.space_invitations_days, PeriodUnit::Days);
    let report = Report {
        sign_in_links: sqlx::query(
            "DELETE FROM space_sign_in_links WHERE COALESCE(used_at, expires_at) < $1 \
             AND (used_at IS NOT NULL OR expires_at < $1)",
        )
        .bind(links_before)
        .execute(&app.db.pool)
        .await?
        .rows_affected(),
        invitations: sqlx::query(
            "DELETE FROM space_invitations WHERE COALESCE(accepted_at, revoked_at, expires_at) < $1",
        )
        .bind(invitations_before)
        .execute(&app.db.pool)
        .await?
        .rows_affected(),
    };
    retention::log("space_sign_in_links_hours", report.sign_in_links, &[]);
    retention::log("space_invitations_days", report.invitations, &[]);
    Ok(report)
}
