//! What Espaces plugs into the job worker: the invitation mail and the one-time sign-in
//! link's mail (`invitations.rs`), the activity mails and the daily digest's round
//! (`activity_mail.rs`), and the retention round (`retention.rs`).

use crate::server::{config::Config, jobs::Registry};

pub fn register(registry: &mut Registry, config: &Config) {
    registry.job(super::activity_mail::ACTIVITY_MAIL, super::activity_mail::send_activity);
    registry.job(super::activity_mail::DIGEST_MAIL, super::activity_mail::send_digest);
    registry.round(super::activity_mail::periodic(config.digest.every_seconds));
    registry.round(super::retention::round());
    registry.job(super::invitations::INVITATION_MAIL, |app, job| {
        Box::pin(super::invitations::send_invitation_mail(app, job))
    });
    registry.job(super::invitations::SIGN_IN_MAIL, |app, job| {
        Box::pin(super::invitations::send_sign_in_mail(app, job))
    });
    registry.job(super::calendar_mail::INVITATION_MAIL, super::calendar_mail::send_invitation);
    registry.job(super::calendar_mail::REMINDER_MAIL, super::calendar_mail::send_reminder);
    registry.round(super::calendar_mail::periodic(15 * 60));
    registry.round(super::documents_sweep::round());
}
