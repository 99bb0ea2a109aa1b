//! One mailed link: the password reset and the account deletion's confirmation send the same
//! shape of mail (a greeting, a link valid some minutes), from their own jobs.

use super::store;
use crate::{
    i18n::Locale,
    server::{
        jobs::{Job, JobError},
        state::AppState,
    },
};

/// Mails `account` a link to `path` (valid `minutes`), in `locale`, with the messages
/// `<key>-subject` and `<key>-body` (which take `name`, `link` and `minutes`): the password
/// reset and the account deletion's confirmation.
pub async fn send(
    app: &AppState,
    job: &Job,
    account: &store::AccountRow,
    locale: Locale,
    key: &str,
    path: &str,
    minutes: i64,
) -> Result<(), JobError> {
    let body = locale.t_with(
        &format!("{key}-body"),
        &[
            ("name", account.display_name.clone()),
            ("link", app.config.public_link(path)),
            ("minutes", minutes.to_string()),
        ],
    );
    app.mailer
        .send_as(
            &job.message_id(&app.config),
            &account.email,
            &locale.t(&format!("{key}-subject")),
            body,
        )
        .await?;
    Ok(())
}
