//! Saved searches: their server functions (the types are in `saved_search.rs`).

use super::{saved_search::SavedSearch, search::SearchQuery};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::saved_search::SAVED_QUERY_MAX_BYTES,
    crate::{
        accounts::server::Caller,
        server::{app_state, redirect_plain_form, respond},
    },
};

/// Saves the search's criteria (not its order or page) for the signed-in account. Saving
/// the same search twice keeps one; one longer than `SAVED_QUERY_MAX_BYTES` is refused (422).
#[server(endpoint = "stages/save_search")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/save_search", skip_all, fields(account = tracing::field::Empty)))]
pub async fn save_search(#[server(default)] query: SearchQuery) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            crate::characters::check_fields(&query)?;
            if query.criteria().query_string(1).len() > SAVED_QUERY_MAX_BYTES {
                return Err(AppError::field("q", "field-too-long"));
            }
            let saved =
                super::server::alerts::save(&app_state()?, account.id, &query.criteria()).await?;
            if !saved {
                return Err(AppError::Conflict("error-saved-searches-full".into()));
            }
            tracing::info!(user = account.id, "search saved");
            redirect_plain_form("/stages/alertes");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "stages/saved_searches")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/saved_searches", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_saved_searches() -> Result<Vec<SavedSearch>, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            Ok(super::server::alerts::of_account(&app_state()?.db, account.id).await?)
        }
        .await,
    )
}

/// Deletes one of the account's saved searches (another account's is "not found").
#[server(endpoint = "stages/delete_saved_search")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/delete_saved_search", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn delete_saved_search(id: i64) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            if !super::server::alerts::delete(&app_state()?.db, account.id, id).await? {
                // Someone else's saved search, or none.
                return Err(AppError::not_yours(false));
            }
            redirect_plain_form("/stages/alertes");
            Ok(())
        }
        .await,
    )
}
