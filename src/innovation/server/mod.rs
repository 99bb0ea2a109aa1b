//! Server-only parts of Innovation: the SQL, the revision diff, the exports and feeds.

pub mod comments;
pub mod demo;
pub mod diff;
pub mod exports;
pub mod images;
pub mod members;
pub mod notify;
pub mod store;

/// The current year (UTC), the latest a fiche's start year may be.
pub fn this_year() -> i64 {
    i64::from(time::OffsetDateTime::now_utc().year())
}
