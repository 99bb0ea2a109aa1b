//! Accounts' background work: the password-reset mail (a job, so a relay that is down delays
//! it instead of losing it), the "my data" archive (`data_export::job`), and the retention round
//! (`retention.rs`, hourly across all processes: old sign-in failures, spent reset tokens,
//! expired "my data" archives, inactive accounts) with its warning mail.

use super::{data_export, reset, retention, store};
use crate::{
    i18n::Locale,
    server::{
        jobs::{enqueue, Job, JobError, NewJob, Registry},
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};

/// The kind of the reset mail job.
pub const RESET_MAIL: &str = "accounts.reset_mail";

/// A reset mail to send. The token is made when the mail is sent, so it never sits in the
/// jobs table, and its life counts from the mail.
#[derive(Debug, Serialize, Deserialize)]
pub struct ResetMail {
    pub user_id: i64,
    /// The language of the page the reset was asked from.
    pub locale: String,
}

pub fn register(registry: &mut Registry) {
    registry.job(RESET_MAIL, |app, job| Box::pin(send_reset(app, job)));
    registry.job(super::erasure::ERASED_MAIL, |app, job| {
        Box::pin(super::erasure::send_erased_mail(app, job))
    });
    registry.job(data_export::job::PREPARE, |app, job| {
        Box::pin(data_export::job::prepare(app, job))
    });
    registry.job(super::erasure_tokens::CONFIRM_MAIL, |app, job| {
        Box::pin(super::erasure_tokens::send_confirm_mail(app, job))
    });
    registry.job(retention::WARNING_KIND, retention::send_warning);
    registry.round(retention::round());
}

/// Queues the reset mail of `user_id` (committed at once: nothing else changes with it).
pub async fn queue_reset(app: &AppState, user_id: i64, locale: Locale) -> Result<(), sqlx::Error> {
    let mut conn = app.db.pool.acquire().await?;
    enqueue(
        &mut conn,
        NewJob {
            kind: RESET_MAIL,
            payload: &ResetMail {
                user_id,
                locale: locale.code().to_string(),
            },
            dedup_key: None,
        },
    )
    .await?;
    app.jobs.wake();
    Ok(())
}

async fn send_reset(app: AppState, job: Job) -> Result<(), JobError> {
    let mail: ResetMail = job.payload()?;
    let Some(account) = store::by_id(&app.db, mail.user_id).await? else {
        return Ok(());
    };
    // Written from `Locale::code` when queued: an unknown one is an error, never a default.
    let locale = Locale::try_from(mail.locale.as_str()).map_err(sqlx::Error::from)?;
    let minutes = app.config.security.password_reset_minutes;
    let token = reset::issue(&app.db, account.id, minutes).await?;
    super::mail_link::send(
        &app,
        &job,
        &account,
        locale,
        "mail-reset",
        &format!("/compte/reinitialiser?jeton={token}"),
        minutes,
    )
    .await?;
    Ok(())
}
