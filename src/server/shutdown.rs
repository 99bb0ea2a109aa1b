//! Graceful shutdown, in two phases that every part of a server process can watch.
//!
//! 1. **Begun** (SIGTERM, Ctrl-C, or [`Shutdown::begin`]): `/readyz` answers 503 so the proxy
//!    or orchestrator sends no more requests here, and the job worker claims nothing new. The
//!    server still accepts connections for `shutdown.drain_seconds`.
//! 2. **Closing**: the server stops accepting and finishes the requests in flight; live
//!    connections (server-sent events) end with a reconnect hint ([`reconnect_hint`]), so
//!    browsers come back through the proxy to another process. The serve loop then waits at most
//!    `shutdown.grace_seconds` for connections and background work ([`Shutdown::spawn`]).

use axum::response::sse::Event;
use std::{future::Future, time::Duration};
use tokio_util::{sync::CancellationToken, task::TaskTracker};

/// One process's shutdown. Cloning shares it.
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    begun: CancellationToken,
    closing: CancellationToken,
    work: TaskTracker,
}

impl Shutdown {
    #[must_use]
    pub fn new() -> Shutdown {
        Shutdown::default()
    }

    /// Starts the shutdown: this process turns unready. Idempotent.
    pub fn begin(&self) {
        if !self.begun.is_cancelled() {
            tracing::info!("shutdown begun: not ready any more");
        }
        self.begun.cancel();
    }

    /// Phase 2: stop accepting, end live connections. Begins the shutdown too.
    pub fn close(&self) {
        self.begin();
        self.closing.cancel();
    }

    pub fn has_begun(&self) -> bool {
        self.begun.is_cancelled()
    }

    /// Resolves once the shutdown has begun.
    pub async fn begun(&self) {
        self.begun.cancelled().await;
    }

    /// Resolves once connections are to close.
    pub async fn closing(&self) {
        self.closing.cancelled().await;
    }

    /// Runs `work` as background work the shutdown waits for (the job worker): it should
    /// return soon after [`Shutdown::begun`] resolves, once what it was doing is done.
    pub fn spawn<F>(&self, work: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.work.spawn(work);
    }

    /// Waits until every piece of background work has returned.
    pub async fn work_done(&self) {
        self.work.close();
        self.work.wait().await;
    }
}

/// The last event of a live stream closed by the shutdown: a comment saying why and the SSE
/// `retry` field, telling the browser to reconnect after 1 to 5 seconds (spread, so that the
/// browsers of a stopping process do not all come back in the same instant).
pub fn reconnect_hint() -> Event {
    let wait = Duration::from_millis(1000 + u64::from(rand::random::<u16>() % 4000));
    Event::default()
        .comment("server restarting: reconnect")
        .retry(wait)
}

/// Waits for SIGTERM or Ctrl-C.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn closing_waits_for_background_work() {
        let shutdown = Shutdown::new();
        let (done_tx, mut done_rx) = tokio::sync::oneshot::channel();
        let worker = shutdown.clone();
        shutdown.spawn(async move {
            worker.begun().await;
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = done_tx.send(());
        });
        assert!(!shutdown.has_begun());
        assert!(done_rx.try_recv().is_err());
        shutdown.close();
        assert!(shutdown.has_begun());
        shutdown.work_done().await;
        assert!(
            done_rx.try_recv().is_ok(),
            "the work finished before work_done returned"
        );
    }
}
