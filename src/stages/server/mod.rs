//! Server-only parts of Stages: who may manage which offers, and the SQL.

pub mod access;
pub mod alerts;
pub mod applications;
pub mod cv;
pub mod dashboard;
pub mod erasure;
pub mod events;
pub mod feed;
pub mod follow_up;
pub mod jobs;
pub mod live;
pub mod notices;
pub mod offer_index;
pub mod operations;
pub mod personal_data;
pub mod plug;
pub mod pools;
pub mod profiles;
pub mod retention;
pub mod search;
pub mod share;
pub mod store;
