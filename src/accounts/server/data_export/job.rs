//! The job that prepares a "my data" archive and mails its link, in the account's language and
//! time zone. Safe to run again: an archive already written is not written twice; each run
//! mails a new link (the token is made when the mail is sent, so it never sits in the jobs
//! table) and the earlier link stops working.

use super::{archive_key, collect, lifetime_seconds, store};
use crate::{
    accounts::server::store as accounts,
    i18n::Locale,
    server::{
        human_dates::HumanDates,
        jobs::{enqueue, Job, JobError, NewJob},
        personal_data::write_zip,
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// The job kind.
pub const PREPARE: &str = "accounts.data_export";

/// The request to prepare.
#[derive(Debug, Serialize, Deserialize)]
pub struct Prepare {
    pub export_id: i64,
}

/// Records a request of `user_id` and its job in the caller's transaction; `None` when one
/// is being prepared already. Wake the worker after the commit.
pub async fn request(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(export_id) = store::request(conn, user_id, now).await? else {
        return Ok(None);
    };
    enqueue(
        conn,
        NewJob {
            kind: PREPARE,
            payload: &Prepare { export_id },
            dedup_key: Some(format!("{PREPARE}:{export_id}")),
        },
    )
    .await?;
    Ok(Some(export_id))
}

/// The archive's README, in `locale`: what each file holds.
pub fn readme(locale: Locale, files: &[&str], originals: bool) -> String {
    let mut text = locale.t("export-readme-intro");
    text.push_str("\n\n");
    for name in files {
        let key = format!(
            "export-file-{}",
            name.trim_end_matches(".json").replace('_', "-")
        );
        text.push_str(&format!("{name}\n    {}\n", locale.t(&key)));
    }
    if originals {
        text.push_str(&format!(
            "files/\n    {}\n",
            locale.t("export-file-originals")
        ));
    }
    text.push('\n');
    text.push_str(&locale.t("export-readme-formats"));
    text.push('\n');
    text
}

pub async fn prepare(app: AppState, job: Job) -> Result<(), JobError> {
    let Prepare { export_id } = job.payload()?;
    let Some(mut export) = store::by_id(&app.db, export_id).await? else {
        return Ok(());
    };
    let Some(recipient) = accounts::recipient(&app.db, export.user_id).await? else {
        return Ok(());
    };
    if export.state == "preparing" {
        let now = app.clock.now_seconds();
        let data = collect::everything(&app.db, export.user_id, now).await?;
        let names: Vec<&str> = data.files.iter().map(|f| f.name).collect();
        let text = readme(recipient.locale, &names, !data.originals.is_empty());
        let file_name = format!("{}-{}.zip", export.id, store::new_token());
        let key = archive_key(&file_name).map_err(crate::server::storage::StorageError::from)?;
        let bytes = write_zip(&app.storage, &key, text, data).await?;
        let expires_at = now + lifetime_seconds(&app);
        if !store::mark_ready(
            &app.db,
            export.id,
            &file_name,
            bytes as i64,
            now,
            expires_at,
        )
        .await?
        {
            let _ = app.storage.delete(&key).await;
            return Ok(());
        }
        tracing::info!(
            export = export.id,
            user = export.user_id,
            bytes,
            "data export prepared"
        );
        export.expires_at = Some(expires_at);
    }
    let Some(expires_at) = export.expires_at else {
        return Ok(());
    };
    if expires_at <= app.clock.now_seconds() {
        return Ok(());
    }
    let token = store::new_token();
    store::set_token(&app.db, export.id, &token).await?;
    let dates = HumanDates::for_account(&app, recipient.locale, &recipient.time_zone);
    let body = recipient.locale.t_with(
        "mail-data-export-body",
        &[
            ("name", recipient.display_name.clone()),
            (
                "link",
                app.config.public_link(&format!("/compte/donnees/{token}")),
            ),
            ("until", dates.instant_text(expires_at)),
        ],
    );
    app.mailer
        .send_as(
            &job.message_id(&app.config),
            &recipient.email,
            &recipient.locale.t("mail-data-export-subject"),
            body,
        )
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_describes_every_exported_file_in_both_languages() {
        let files = super::super::coverage::exported_files();
        assert!(files.contains(&"applications.json"), "{files:?}");
        for locale in [Locale::Fr, Locale::En] {
            let text = readme(locale, &files, true);
            for name in &files {
                assert!(text.contains(&format!("{name}\n    ")), "{name} in {text}");
            }
            assert!(
                !text.contains("export-file-") && !text.contains("Unknown localization"),
                "a file without its description: {text}"
            );
        }
    }
}
