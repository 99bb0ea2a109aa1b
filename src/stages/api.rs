//! Stages server functions: offers, from the agent's form to the public page.

use super::types::{OfferFormChoices, OfferInput, OfferState, OfferSummary, OfferView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::{access::OfferScope, operations, store},
    crate::{
        accounts::{server::Caller, types::Permission},
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// Searches the open offers: words (French-aware), filters, facet counts, sorting, pages.
#[server(endpoint = "stages/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/search", skip_all, fields(account = tracing::field::Empty)))]
pub async fn search_offers(
    #[server(default)] query: super::search::SearchQuery,
) -> Result<super::search::SearchResults, AppError> {
    respond(
        async {
            let app = app_state()?;
            let dates = HumanDates::for_reader().await?;
            Ok(super::server::search::search(
                super::server::offer_index::OfferIndex::of(&app)?,
                &app.db,
                &query,
                &app.clock.today_iso(),
                &dates,
            )
            .await?)
        }
        .await,
    )
}

/// One offer. A visitor sees it only while published; its managers see it in every state.
#[server(endpoint = "stages/offer")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/offer", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn offer_details(id: i64) -> Result<OfferView, AppError> {
    respond(
        async {
            let state = app_state()?;
            let record = store::find(&state.db, id, &state.clock.today_iso())
                .await?
                .ok_or(AppError::NotFound)?;
            let caller = Caller::current().await?;
            let (user, scope) = (caller.id(), OfferScope::current(&caller).await?);
            let manageable = scope.covers(record.direction_id, record.service_id);
            if !manageable && record.view.state != OfferState::Published {
                return Err(AppError::not_yours(false));
            }
            let mut view = record.view;
            let dates = HumanDates::for_reader().await?;
            view.start_shown = dates.month(&view.start_month);
            view.deadline_shown = dates.date(&view.deadline);
            view.share = super::server::share::offer(&state.config, &view);
            view.manageable = manageable;
            if !manageable {
                // Readers get the contact's name; the address is for the offer's managers.
                view.input = None;
                view.contact_email = String::new();
            }
            // Everything the page shows comes in this one answer: nested loads would hydrate out of order.
            if let Some(user) = user {
                let mine = super::server::applications::of_candidate(&state.db, user).await?;
                view.viewer = super::types::Viewer {
                    signed_in: true,
                    candidate: scope.candidate,
                    application: mine
                        .into_iter()
                        .find(|a| a.offer_id == Some(id))
                        .map(|a| a.state),
                };
            }
            Ok(view)
        }
        .await,
    )
}

/// The offers the signed-in agent or admin manages.
#[server(endpoint = "stages/managed")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/managed", skip_all, fields(account = tracing::field::Empty)))]
pub async fn managed_offers() -> Result<Vec<OfferSummary>, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            caller.require(Permission::ManageOffers)?.id;
            let scope = OfferScope::current(&caller).await?;
            Ok(store::managed(&app_state()?.db, &scope, &HumanDates::for_reader().await?).await?)
        }
        .await,
    )
}

/// The services and métiers the offer form lists for this account.
#[server(endpoint = "stages/form_choices")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/form_choices", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_offer_form_choices() -> Result<OfferFormChoices, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            caller.require(Permission::ManageOffers)?.id;
            let scope = OfferScope::current(&caller).await?;
            let reference = crate::reference::server::store::load(&app_state()?.db).await?;
            let services = reference
                .directions
                .iter()
                .flat_map(|d| {
                    d.services
                        .iter()
                        .filter(|s| scope.covers(d.id, s.id))
                        .map(|s| (s.clone(), d.code.clone()))
                })
                .collect();
            Ok(OfferFormChoices {
                services,
                families: reference.families,
            })
        }
        .await,
    )
}

/// Creates a draft (no `id`) or saves changes to an offer the account manages.
#[server(endpoint = "stages/save_offer")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/save_offer", skip_all, fields(account = tracing::field::Empty, id = ?id)))]
pub async fn save_offer(id: Option<i64>, offer: OfferInput) -> Result<i64, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            let user_id = caller.require(Permission::ManageOffers)?.id;
            let scope = OfferScope::current(&caller).await?;
            let valid = offer
                .validate(&state.clock.today_iso())
                .map_err(AppError::Invalid)?;
            let saved = operations::save_offer(&state, user_id, &scope, id, &valid).await?;
            redirect_plain_form(&format!("/stages/offres/{saved}"));
            Ok(saved)
        }
        .await,
    )
}

/// Publishes, fills, closes or archives an offer, following the allowed moves.
#[server(endpoint = "stages/offer_state")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/offer_state", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn change_offer_state(id: i64, state: OfferState) -> Result<(), AppError> {
    respond(
        async {
            let app = app_state()?;
            let caller = Caller::current().await?;
            let user = caller.account_id()?;
            let scope = OfferScope::current(&caller).await?;
            operations::change_offer_state(&app, Some(user), &scope, id, state).await
        }
        .await,
    )
}

/// The selection dashboard of the offers and applications the account manages.
#[server(endpoint = "stages/dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/dashboard", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_dashboard() -> Result<super::dashboard::Dashboard, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            caller.require(Permission::ManageOffers)?.id;
            let scope = OfferScope::current(&caller).await?;
            let app = app_state()?;
            let (today, in_a_week) = (app.clock.today_iso(), app.clock.in_days_iso(7));
            Ok(super::server::dashboard::dashboard(
                &app.db,
                &scope,
                &today,
                &in_a_week,
                &HumanDates::for_reader().await?,
            )
            .await?)
        }
        .await,
    )
}
