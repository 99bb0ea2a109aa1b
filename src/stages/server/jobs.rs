//! What Stages plugs into the job worker: its mail notices and search alerts, the alert
//! round and the retention round (`retention.rs`).

use crate::server::{config::Config, jobs::Registry};

pub fn register(registry: &mut Registry, config: &Config) {
    registry.job(super::notices::KIND, super::notices::run);
    registry.job(super::alerts::KIND, super::alerts::send);
    registry.round(super::alerts::periodic(config.alerts.every_seconds));
    registry.round(super::retention::round());
}
