//! Saved searches: an account keeps a search, gets a mail when new offers match it, and can
//! follow it as an Atom feed.

use super::search::SearchQuery;
use serde::{Deserialize, Serialize};

/// How many searches one account may save.
pub const SAVED_SEARCHES_MAX: i64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: i64,
    pub query: SearchQuery,
    /// The names of the métier family and of the métier the search keeps, if any.
    pub family_name: Option<String>,
    pub metier_name: Option<String>,
    pub created_at: i64,
}

/// Longest saved search, as its URL parameters in bytes: the stored text is a key of a
/// unique index, and PostgreSQL's index rows hold about 2,700 bytes (a longer one answered
/// 500 there; found by tests/fuzz.rs).
pub const SAVED_QUERY_MAX_BYTES: usize = 2_000;
