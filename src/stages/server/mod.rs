//! Server-only parts of Stages: who may manage which offers, and the SQL.

pub mod access;
pub mod alerts;
pub mod applications;
pub mod catalogue;
pub mod cv;
pub mod dashboard;
pub mod events;
pub mod demo;
pub mod demo_selection;
pub mod feed;
pub mod follow_up;
pub mod jobs;
pub mod live;
pub mod notices;
pub mod operations;
pub mod search;
pub mod store;
