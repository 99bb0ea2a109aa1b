//! The `wiki.compaction` round (every ten minutes, once across all processes): folds the
//! update log of every page that gathered [`MIN_UPDATES`] rows its revisions hold into its
//! snapshot (`log::compact`), so that opening a page reads one snapshot and a short log, and the
//! stored size stays near the size of the text's history rather than of its keystrokes.

use super::{log, revisions};
use crate::server::{
    jobs::{JobError, Round},
    state::AppState,
};
use std::time::Duration;

/// Log rows a page gathers before it is compacted.
pub const MIN_UPDATES: usize = 500;
/// Pages compacted per pass (the rest wait for the next).
const PAGES_PER_PASS: i64 = 200;

pub fn round() -> Round {
    Round {
        name: "wiki.compaction",
        every: Duration::from_secs(600),
        first_at_once: false,
        run: |app| Box::pin(run(app)),
    }
}

/// One pass: compacts the pages whose log holds at least [`MIN_UPDATES`] rows.
pub async fn run(app: AppState) -> Result<(), JobError> {
    compact_pages(&app, MIN_UPDATES).await.map(drop)
}

/// Compacts every page whose log holds at least `min_updates` rows (at most
/// `PAGES_PER_PASS`); the number of pages compacted. A damaged page is logged and skipped.
pub async fn compact_pages(app: &AppState, min_updates: usize) -> Result<usize, JobError> {
    let min = i64::try_from(min_updates.max(1)).unwrap_or(i64::MAX);
    let pages: Vec<i64> = sqlx::query_scalar(
        "SELECT page_id FROM wiki_updates GROUP BY page_id HAVING COUNT(*) >= $1 ORDER BY page_id LIMIT $2",
    )
    .bind(min)
    .bind(PAGES_PER_PASS)
    .fetch_all(&app.db.pool)
    .await?;
    let mut done = 0;
    for page in pages {
        let through = match revisions::held_through(&app.db, page).await {
            Ok(through) => through,
            Err(error) => {
                tracing::error!(%error, page, "wiki: page log not compacted");
                continue;
            }
        };
        match log::compact(&app.db, page, min_updates, through, app.clock.now_seconds()).await {
            Ok(0) => {}
            Ok(folded) => {
                tracing::info!(page, folded, "wiki: page log compacted");
                done += 1;
            }
            Err(error) => tracing::error!(%error, page, "wiki: page log not compacted"),
        }
    }
    Ok(done)
}
