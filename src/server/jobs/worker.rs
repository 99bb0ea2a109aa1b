//! The worker of one server process: claims a due job, runs its handler, marks it done or
//! failed. Between jobs it also claims the periodic rounds that are due (`rounds.rs`).

use super::{registry_of, store, Job, JobError};
use crate::server::{db::now, state::AppState};
use std::time::Duration;
use tracing::Instrument;

/// Test hook: a worker that claims a job of this kind kills its own process (SIGKILL) before
/// running it, as a crash between the claim and the mail would. Never set in production.
pub const CRASH_AFTER_CLAIM: &str = "PARVIS_TEST_CRASH_AFTER_CLAIM";

/// Starts this process's worker. Once the shutdown begins it claims nothing more; the job it
/// is running finishes first (the shutdown waits for it, within its grace period).
pub fn spawn(app: AppState) {
    let shutdown = app.shutdown.clone();
    shutdown.spawn(async move {
        let poll = Duration::from_millis(app.config.jobs.poll_millis.max(10));
        while !app.shutdown.has_begun() {
            super::rounds::run_due(&app).await;
            match run_one(&app).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => tracing::error!(%error, "jobs: claim failed"),
            }
            // Woken by a job queued here, or polling for those queued by other processes.
            tokio::select! {
                _ = tokio::time::timeout(poll, app.jobs.rung()) => {}
                () = app.shutdown.begun() => {}
            }
        }
        tracing::info!("jobs: worker stopped for the shutdown");
    });
}

/// Claims and runs one due job; false when none was due.
pub async fn run_one(app: &AppState) -> Result<bool, sqlx::Error> {
    let (registry, jobs) = (registry_of(app)?, &app.jobs);
    let lease = app.config.jobs.lease_seconds.max(1);
    let Some(job) = store::claim(&app.db, &jobs.worker, now(), lease).await? else {
        return Ok(false);
    };
    crash_if_asked(&job);
    let outcome = match registry.handler(&job.kind) {
        // Every log line of the handler says which job it belongs to.
        Some(handler) => match tokio::time::timeout(
            Duration::from_secs(lease as u64),
            handler(app.clone(), job.clone()).instrument(
                tracing::info_span!("job", id = job.id, kind = %job.kind, attempt = job.attempts),
            ),
        )
        .await
        {
            Ok(outcome) => outcome,
            Err(_) => Err(JobError::Timeout(lease)),
        },
        None => Err(JobError::UnknownKind(job.kind.clone())),
    };
    match outcome {
        Ok(()) => {
            store::done(&app.db, job.id, &jobs.worker, now()).await?;
            tracing::info!(
                job = job.id,
                kind = job.kind,
                attempts = job.attempts,
                "job done"
            );
        }
        Err(error) => {
            let retry_at = retry_at(&app.config.jobs, job.attempts, now());
            store::failed(&app.db, job.id, &jobs.worker, &error.to_string(), retry_at).await?;
            match retry_at {
                Some(at) => {
                    tracing::warn!(job = job.id, kind = job.kind, attempts = job.attempts, retry_at = at, %error, "job failed, will retry")
                }
                None => {
                    tracing::error!(job = job.id, kind = job.kind, attempts = job.attempts, %error, "job failed for good")
                }
            }
        }
    }
    Ok(true)
}

/// Runs every job due now in this process, one after the other, until none is left; the
/// number run. Tests call it to wait for the mail of what they just did.
pub async fn run_due(app: &AppState) -> Result<usize, sqlx::Error> {
    let mut ran = 0;
    while run_one(app).await? {
        ran += 1;
    }
    Ok(ran)
}

/// When attempt number `attempts` failed: the time of the next, `retry_base_seconds` doubled
/// for each attempt after the first (at most a day later), or `None` once `max_attempts` ran.
pub fn retry_at(
    config: &crate::server::config::JobsConfig,
    attempts: i64,
    now: i64,
) -> Option<i64> {
    if attempts >= config.max_attempts {
        return None;
    }
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let wait = config
        .retry_base_seconds
        .max(1)
        .saturating_mul(1_i64 << exponent)
        .min(86_400);
    Some(now + wait)
}

fn crash_if_asked(job: &Job) {
    if std::env::var(CRASH_AFTER_CLAIM).is_ok_and(|kind| kind == job.kind) {
        tracing::warn!(
            job = job.id,
            kind = job.kind,
            "test hook: killing this process after the claim"
        );
        let _ = std::process::Command::new("kill")
            .arg("-9")
            .arg(std::process::id().to_string())
            .status();
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::retry_at;
    use crate::server::config::JobsConfig;

    #[test]
    fn retries_back_off_exponentially_then_stop() {
        let config = JobsConfig {
            poll_millis: 1000,
            lease_seconds: 300,
            retry_base_seconds: 30,
            max_attempts: 4,
        };
        assert_eq!(retry_at(&config, 1, 1000), Some(1030));
        assert_eq!(retry_at(&config, 2, 1000), Some(1060));
        assert_eq!(retry_at(&config, 3, 1000), Some(1120));
        assert_eq!(retry_at(&config, 4, 1000), None);
        let patient = JobsConfig {
            max_attempts: 100,
            ..config
        };
        assert_eq!(
            retry_at(&patient, 60, 0),
            Some(86_400),
            "never more than a day"
        );
    }
}
