//! What Espaces plugs into the job worker: the invitation mail and the one-time sign-in
//! link's mail (`invitations.rs`).

use crate::server::jobs::Registry;

pub fn register(registry: &mut Registry) {
    registry.job(super::invitations::INVITATION_MAIL, |app, job| {
        Box::pin(super::invitations::send_invitation_mail(app, job))
    });
    registry.job(super::invitations::SIGN_IN_MAIL, |app, job| {
        Box::pin(super::invitations::send_sign_in_mail(app, job))
    });
}
