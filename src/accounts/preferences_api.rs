//! Server functions of the account's reading preferences: the time zone dates are shown in.
//! (The language is chosen with the switch in the page frame, `POST /langue`.)

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::server::{preferences, Caller},
    crate::server::{app_state, clock, redirect_plain_form, respond},
};

/// What the account page offers: the account's zone ("" keeps the city's), the city's zone and
/// every zone of the server's time-zone database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZoneOptions {
    pub chosen: String,
    pub city: String,
    pub names: Vec<String>,
}

#[server(endpoint = "accounts/time_zone")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/time_zone", skip_all, fields(account = tracing::field::Empty)))]
pub async fn time_zone_choice() -> Result<TimeZoneOptions, AppError> {
    respond(
        async {
            // The state is read before the first await: during server rendering this
            // resource's owner may be gone once it resumes (README, development notes).
            let app = app_state()?;
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            Ok(TimeZoneOptions {
                chosen: preferences::time_zone(&app.db, account.id).await?,
                city: app.config.city.time_zone.clone(),
                names: clock::zone_names(),
            })
        }
        .await,
    )
}

/// Sets the time zone the account reads dates in: an IANA name of the server's database
/// ("America/Montreal"), or "" for the city's. Anything else is refused on the field.
#[server(endpoint = "accounts/set_time_zone")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/set_time_zone", skip_all, fields(account = tracing::field::Empty)))]
pub async fn set_time_zone(time_zone: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let wanted = time_zone.trim();
            let stored = if wanted.is_empty() {
                String::new()
            } else {
                let zone = clock::zone_named(wanted)
                    .ok_or_else(|| AppError::field("time_zone", "field-time-zone"))?;
                zone.iana_name()
                    .map(str::to_string)
                    .ok_or_else(|| AppError::field("time_zone", "field-time-zone"))?
            };
            preferences::set_time_zone(&app_state()?.db, account.id, &stored).await?;
            tracing::info!(user = account.id, zone = stored, "time zone chosen");
            redirect_plain_form("/compte");
            Ok(())
        }
        .await,
    )
}
