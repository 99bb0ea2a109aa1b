//! Durable background work: a job is a row of the `jobs` table, recorded with [`enqueue`] in
//! the same transaction as the change that calls for it, then claimed by one worker of one
//! server process (`worker.rs`), run by the handler its domain registered for its kind, and
//! marked done — or retried with exponential back-off and, after `jobs.max_attempts`, left
//! `failed` for a site admin (`admin.rs`, the /admin/travaux page). Periodic rounds
//! (`rounds.rs`) run once per period across every process.
//!
//! This is an outbox table of our own rather than a job library: the well-kept Rust job
//! queues (apalis-sql, sqlxmq, underway, graphile_worker) each take one backend's own pool
//! (`PgPool` or `SqlitePool`), none works through the `AnyPool` both backends share here, and
//! enqueueing in the caller's transaction needs that pool's connection type.
//!
//! Infrastructure only: it knows no domain. Each domain hands its job kinds and rounds to the
//! [`Registry`] built at start (`crate::app_server`).

pub mod admin;
pub mod housekeeping;
pub mod rounds;
mod store;
pub mod worker;

use super::{config::Config, state::AppState};
use serde::{de::DeserializeOwned, Serialize};
use sqlx::AnyConnection;
use std::{collections::HashMap, future::Future, pin::Pin, time::Duration};

/// A claimed job, as its handler receives it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    /// Names the handler ("stages.notice", "innovation.digest"…).
    pub kind: String,
    /// The handler's own JSON.
    pub payload: String,
    /// Attempts so far, this one included (1 on the first run).
    pub attempts: i64,
}

impl Job {
    /// The payload decoded as the handler's type.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, JobError> {
        serde_json::from_str(&self.payload).map_err(JobError::Payload)
    }

    /// The Message-ID of the mail this job sends: the same on every attempt, so a mail sent
    /// again after a crash (between the send and the "done" mark) is recognisable as a resend.
    /// `<job-{id}.{kind}@{host of server.public_url}>`.
    pub fn message_id(&self, config: &Config) -> String {
        let host = config
            .server
            .public_url
            .host_str()
            .unwrap_or("parvis.localhost");
        format!("<job-{}.{}@{host}>", self.id, self.kind)
    }
}

/// Why a job did not complete; recorded as the job's `last_error` and retried.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("mail: {0}")]
    Mail(#[from] super::mail::MailError),
    #[error("{0}")]
    Archive(#[from] super::personal_data::ArchiveError),
    #[error("{0}")]
    Storage(#[from] super::storage::StorageError),
    #[error("payload does not decode: {0}")]
    Payload(#[source] serde_json::Error),
    #[error("no handler for job kind {0:?}")]
    UnknownKind(String),
    #[error("did not finish within the lease ({0} s)")]
    Timeout(i64),
}

/// A boxed future, as handlers and rounds return it.
pub type JobFuture = Pin<Box<dyn Future<Output = Result<(), JobError>> + Send>>;

/// Does one job. A job whose subject is gone (deleted meanwhile) is done, not an error.
pub type Handler = fn(AppState, Job) -> JobFuture;

/// A round that runs once every `every` across all processes (see `rounds.rs`).
#[derive(Clone)]
pub struct Round {
    /// Its row in `periodic_rounds`.
    pub name: &'static str,
    pub every: Duration,
    /// When a fresh database first runs it: at once, or after one period.
    pub first_at_once: bool,
    pub run: fn(AppState) -> JobFuture,
}

/// Job kinds and rounds, filled by each domain at start.
#[derive(Default)]
pub struct Registry {
    handlers: HashMap<&'static str, Handler>,
    rounds: Vec<Round>,
}

impl Registry {
    /// Registers the handler of job kind `kind`.
    pub fn job(&mut self, kind: &'static str, handler: Handler) -> &mut Self {
        self.handlers.insert(kind, handler);
        self
    }

    /// Registers a periodic round.
    pub fn round(&mut self, round: Round) -> &mut Self {
        self.rounds.push(round);
        self
    }
}

/// The registry plugged into `app` at start (`crate::app_server`), as a database error when
/// the app was built without one (a start-up bug).
pub fn registry_of(app: &AppState) -> Result<&Registry, sqlx::Error> {
    app.domains
        .get::<Registry>()
        .map_err(|missing| sqlx::Error::Configuration(Box::new(missing)))
}

/// The states a job waits or fails in, as the metrics endpoint counts them.
pub const COUNTED_STATES: [&str; 3] = ["queued", "running", "failed"];

/// How many jobs of each kind are in each of [`COUNTED_STATES`], across all processes: every
/// registered kind in every state (0 when none), then any other kind the table holds.
pub async fn depth(app: &AppState) -> Result<Vec<(String, &'static str, i64)>, sqlx::Error> {
    let counted = store::depth(&app.db).await?;
    let mut kinds: Vec<String> = registry_of(app)?
        .handlers
        .keys()
        .map(ToString::to_string)
        .collect();
    for (kind, _, _) in &counted {
        if !kinds.contains(kind) {
            kinds.push(kind.clone());
        }
    }
    kinds.sort();
    Ok(kinds
        .into_iter()
        .flat_map(|kind| {
            COUNTED_STATES.map(|state| {
                let count = counted
                    .iter()
                    .find(|(k, s, _)| *k == kind && s == state)
                    .map_or(0, |(_, _, n)| *n);
                (kind.clone(), state, count)
            })
        })
        .collect())
}

impl Registry {
    fn handler(&self, kind: &str) -> Option<Handler> {
        self.handlers.get(kind).copied()
    }

    fn rounds(&self) -> &[Round] {
        &self.rounds
    }
}

/// A job to record: its kind, payload and, when the same work must never be queued twice,
/// a dedup key unique across all jobs ever kept.
pub struct NewJob<'a, T: Serialize> {
    pub kind: &'a str,
    pub payload: &'a T,
    pub dedup_key: Option<String>,
}

/// Records a job inside the caller's transaction (`&mut *tx`), due at once. Returns its id, or
/// `None` when a job with the same dedup key exists already. The job runs only if the
/// transaction commits; call `JobBell::wake` (`app.jobs.wake()`) after the commit to run it without waiting for
/// the next poll.
pub async fn enqueue<T: Serialize>(
    conn: &mut AnyConnection,
    job: NewJob<'_, T>,
) -> Result<Option<i64>, sqlx::Error> {
    let payload =
        serde_json::to_string(job.payload).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    store::enqueue_raw(
        conn,
        job.kind,
        &payload,
        job.dedup_key.as_deref(),
        super::db::now(),
    )
    .await
}
