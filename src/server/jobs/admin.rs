//! What the site admin's jobs page reads and does (the page and its server functions are in
//! `accounts::jobs_api`; they check the caller is a site admin).

use super::store;
use crate::server::db::{now, Db};

pub use store::Listed;

/// Most jobs the page lists.
const LISTED: i64 = 200;

/// Failed jobs, and queued ones that already failed at least once (retrying), newest first.
pub async fn troubled(db: &Db) -> Result<Vec<Listed>, sqlx::Error> {
    store::troubled(db, LISTED).await
}

/// Queues job `id` again, due now, with a fresh count of attempts; false when it is neither
/// failed nor retrying.
pub async fn retry(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    store::retry(db, id, now()).await
}
