//! The `wiki.revisions` round (every [`EVERY_SECONDS`] seconds, once across all processes):
//! cuts a revision of every page whose text changed since its last one and that nobody has
//! changed for [`QUIET_SECONDS`] — readers get it then. It reads the log, so a change made
//! before a crash or a restart is cut all the same.

use super::revisions::{self, Cut, CutError};
use crate::server::{
    jobs::{JobError, Round},
    state::AppState,
};
use std::time::Duration;

/// Seconds without a change after which an editing session is over and its revision cut.
pub const QUIET_SECONDS: i64 = 10;
/// How often the round looks (seconds).
pub const EVERY_SECONDS: u64 = 5;
/// Pages cut per pass (the rest wait for the next).
const PAGES_PER_PASS: i64 = 100;

pub fn round() -> Round {
    Round {
        name: "wiki.revisions",
        every: Duration::from_secs(EVERY_SECONDS),
        first_at_once: true,
        run: |app| Box::pin(async move { cut_quiet_pages(&app).await.map(drop) }),
    }
}

/// Cuts a revision of each page changed since its last one and quiet for [`QUIET_SECONDS`];
/// the number of revisions cut. A page that cannot be read is logged and skipped.
pub async fn cut_quiet_pages(app: &AppState) -> Result<usize, JobError> {
    let now = app.clock.now_seconds();
    // Changed since its last cut (an edit in the same second as the cut included), quiet
    // since, and with log rows its last revision does not hold.
    let pages: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM wiki_pages p WHERE p.deleted_at IS NULL AND p.updated_at >= p.revised_at \
         AND p.updated_at <= $1 AND EXISTS (SELECT 1 FROM wiki_updates u WHERE u.page_id = p.id AND u.id > p.revised_through) \
         ORDER BY p.updated_at LIMIT $2",
    )
    .bind(now - QUIET_SECONDS)
    .bind(PAGES_PER_PASS)
    .fetch_all(&app.db.pool)
    .await?;
    let mut cut = 0;
    for page in pages {
        let asked = Cut {
            page,
            saved_by: None,
            note: "",
            restored_from: None,
        };
        match revisions::cut(app, asked, now).await {
            Ok(Some(number)) => {
                tracing::info!(page, number, "wiki: revision cut");
                cut += 1;
            }
            Ok(None) | Err(CutError::NoPage) => {}
            Err(error) => tracing::error!(%error, page, "wiki: revision not cut"),
        }
    }
    Ok(cut)
}
