//! What Innovation plugs into the job worker: the digest mails and their round, the
//! messages between members, the widths of images uploaded before widths existed, and the
//! retention round (`retention.rs`).

use crate::server::{config::Config, jobs::Registry};

pub fn register(registry: &mut Registry, config: &Config) {
    registry.job(super::digest::KIND, super::digest::send);
    registry.job(super::members::CONTACT_KIND, super::members::send_contact);
    registry.round(super::digest::periodic(config.digest.every_seconds));
    registry.round(super::image_widths::round());
    registry.round(super::retention::round());
}
