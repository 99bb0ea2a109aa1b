//! Demo data, loaded only when `[demo] enabled` is on (`scripts/run` turns it on): one account
//! per role, the Stages offers and applications, the Innovation fiches.

pub mod accounts;
pub mod applications;
pub mod fiches;
pub mod offers;

pub use accounts::{load, DEMO_PASSWORD};
