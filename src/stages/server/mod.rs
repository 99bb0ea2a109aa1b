//! Server-only parts of Stages: who may manage which offers, and the SQL.

pub mod access;
pub mod applications;
pub mod cv;
pub mod dashboard;
pub mod demo;
pub mod feed;
pub mod live;
pub mod notices;
pub mod search;
pub mod text;
pub mod store;

/// Today's date, "YYYY-MM-DD" (UTC), the form deadlines are compared in.
pub fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}
