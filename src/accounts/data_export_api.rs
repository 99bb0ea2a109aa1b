//! Server functions of "my data" (GDPR right of access): the state of the account's archive,
//! and asking for one. The archive is prepared by a job and downloaded through the mailed link
//! (`server::data_export`).

use super::data_export::DataExportStatus;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::{data_export, preferences, Caller},
    crate::server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
};

/// The state of the signed-in account's latest request.
#[server(endpoint = "accounts/data_export")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/data_export", skip_all, fields(account = tracing::field::Empty)))]
pub async fn my_data_export() -> Result<DataExportStatus, AppError> {
    respond(
        async {
            // Every context is read before the first await: during server rendering this
            // resource's owner may be gone once it resumes (README, development notes).
            let app = app_state()?;
            let locale = crate::i18n::request_locale();
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let zone = preferences::time_zone(&app.db, account.id).await?;
            let dates = HumanDates::for_account(&app, locale, &zone);
            let Some(export) = data_export::store::latest(&app.db, account.id).await? else {
                return Ok(DataExportStatus::None);
            };
            Ok(match (export.state.as_str(), export.expires_at) {
                ("preparing", _) => DataExportStatus::Preparing {
                    requested: dates.instant(export.requested_at),
                },
                (_, Some(until)) if until > app.clock.now_seconds() => DataExportStatus::Ready {
                    until: dates.instant(until),
                    bytes: export.bytes.unwrap_or_default(),
                },
                (_, Some(since)) => DataExportStatus::Expired {
                    since: dates.instant(since),
                },
                (_, None) => DataExportStatus::None,
            })
        }
        .await,
    )
}

/// Asks for an archive of everything Parvis holds about the signed-in account; refused (409)
/// while one is being prepared.
#[server(endpoint = "accounts/request_data_export")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/request_data_export", skip_all, fields(account = tracing::field::Empty)))]
pub async fn request_data_export() -> Result<(), AppError> {
    respond(
        async {
            let app = app_state()?;
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let mut tx = app.db.begin_write().await?;
            let asked =
                data_export::job::request(&mut tx, account.id, app.clock.now_seconds()).await?;
            if asked.is_none() {
                return Err(AppError::Conflict("data-export-preparing-already".into()));
            }
            tx.commit().await?;
            app.jobs.wake();
            tracing::info!(user = account.id, "data export asked for");
            redirect_plain_form("/compte#mes-donnees");
            Ok(())
        }
        .await,
    )
}
