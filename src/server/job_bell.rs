//! This process's job worker as the rest of the app sees it: its name (written in `locked_by`)
//! and its wake-up bell. Kept apart from `jobs/` so that `AppState` can hold it while the job
//! handlers, which take an `AppState`, live in `jobs/`; the registry of handlers is plugged in
//! at start like a domain's state (`AppState::domains`, see `jobs::registry_of`).

use std::sync::Arc;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct JobBell {
    /// `locked_by` / `last_run_by`: host, process id and a random part.
    pub worker: String,
    bell: Arc<Notify>,
}

impl std::fmt::Debug for JobBell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobBell")
            .field("worker", &self.worker)
            .finish_non_exhaustive()
    }
}

impl Default for JobBell {
    fn default() -> Self {
        Self::new()
    }
}

impl JobBell {
    /// A bell for this process, named after the host and the process id.
    #[must_use]
    pub fn new() -> JobBell {
        let worker = format!(
            "{}:{}:{:08x}",
            hostname(),
            std::process::id(),
            rand::random::<u32>()
        );
        JobBell {
            worker,
            bell: Arc::new(Notify::new()),
        }
    }

    /// Wakes this process's worker: call it once the transaction that queued jobs committed.
    pub fn wake(&self) {
        self.bell.notify_one();
    }

    /// Waits until [`JobBell::wake`] is called.
    pub async fn rung(&self) {
        self.bell.notified().await;
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "parvis".into())
}
