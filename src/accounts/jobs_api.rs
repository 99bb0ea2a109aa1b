//! The site admin's view of background jobs (/admin/travaux): the jobs that failed, or that
//! failed and are being retried, with their last error, and a retry. Site admins only,
//! checked on the server.

use crate::{error::AppError, ui::time::HumanTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{server::Caller, types::Permission},
    crate::server::{
        app_state, human_dates::HumanDates, jobs::admin, redirect_plain_form, respond,
    },
};

/// A job that failed at least once and is not done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TroubledJob {
    pub id: i64,
    /// What it does ("stages.notice", "innovation.digest"…).
    pub kind: String,
    /// `failed` (waits for a retry here) or `queued`/`running` (retrying by itself).
    pub state: String,
    pub attempts: i64,
    pub last_error: String,
    pub created: HumanTime,
    /// When it runs next (for a retrying job).
    pub next_run: HumanTime,
}

/// Failed and retrying jobs, newest first.
#[server(endpoint = "admin/jobs")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "admin/jobs", skip_all, fields(account = tracing::field::Empty)))]
pub async fn troubled_jobs() -> Result<Vec<TroubledJob>, AppError> {
    respond(
        async {
            Caller::current()
                .await?
                .require(Permission::AdministerSite)?;
            let dates = HumanDates::for_reader().await?;
            let jobs = admin::troubled(&app_state()?.db).await?;
            Ok(jobs
                .into_iter()
                .map(|j| TroubledJob {
                    id: j.id,
                    kind: j.kind,
                    state: j.state,
                    attempts: j.attempts,
                    last_error: j.last_error.unwrap_or_default(),
                    created: dates.instant(j.created_at),
                    next_run: dates.instant(j.run_at),
                })
                .collect())
        }
        .await,
    )
}

/// Queues a failed or retrying job again, due now.
#[server(endpoint = "admin/retry_job")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "admin/retry_job", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn retry_job(id: i64) -> Result<(), AppError> {
    respond(
        async {
            let admin = Caller::current()
                .await?
                .require(Permission::AdministerSite)?
                .id;
            let app = app_state()?;
            if !admin::retry(&app.db, id).await? {
                return Err(AppError::NotFound);
            }
            app.jobs.wake();
            tracing::info!(admin, job = id, "job retried by a site admin");
            redirect_plain_form("/admin/travaux");
            Ok(())
        }
        .await,
    )
}
