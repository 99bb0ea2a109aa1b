//! The legal pages' one server function: what the configuration says, for anyone.

use super::types::LegalFacts;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server,
    crate::server::{app_state, human_dates::HumanDates, respond},
};

/// The publisher, host, DPO, retention periods, cookie settings and accessibility results the
/// legal pages show. Anyone may read them.
#[server(endpoint = "legal/facts")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "legal/facts", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_legal_facts() -> Result<LegalFacts, AppError> {
    respond(facts_now())
}

/// The facts, their dates in the reader's language (a day needs no time zone: the city's).
#[cfg(feature = "ssr")]
fn facts_now() -> Result<LegalFacts, AppError> {
    let app = app_state()?;
    let dates = HumanDates::for_account(&app, crate::i18n::request_locale(), "");
    server::facts(&app.config, &dates).map_err(|error| {
        tracing::error!(%error, "accessibility_remaining.json does not parse");
        AppError::Internal
    })
}
