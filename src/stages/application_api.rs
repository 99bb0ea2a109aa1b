//! Application server functions: candidates apply and withdraw, agents move applications
//! through the selection pipeline.

use super::application::{ApplicationState, CandidateDesk, ReceivedApplication};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        application::COVER_LETTER_MAX,
        server::{access::OfferScope, applications, operations, profiles, store},
        types::OfferState,
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        server::{app_state, respond},
    },
};

/// Applies to an open offer with a cover letter. Candidates only; once per offer.
#[server(endpoint = "stages/apply")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/apply", skip_all, fields(account = tracing::field::Empty, offer_id = offer_id)))]
pub async fn apply_to_offer(offer_id: i64, cover_letter: String) -> Result<i64, AppError> {
    respond(
        async {
            let user = Caller::current().await?.require(Permission::Apply)?.id;
            let state = app_state()?;
            let letter = AppError::required_text("cover_letter", &cover_letter, COVER_LETTER_MAX)?;
            operations::apply(&state, user, offer_id, &letter).await
        }
        .await,
    )
}

/// Sends a spontaneous application to one or several directions (five at most), optionally
/// for a family of métiers. Each lands in its direction's pool; all or none are recorded.
#[server(endpoint = "stages/apply_spontaneously")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/apply_spontaneously", skip_all, fields(account = tracing::field::Empty, family_id = ?family_id)))]
pub async fn apply_spontaneously(
    directions: Option<Vec<i64>>,
    family_id: Option<i64>,
    cover_letter: String,
) -> Result<usize, AppError> {
    respond(
        async {
            let user = Caller::current().await?.require(Permission::Apply)?.id;
            let state = app_state()?;
            let mut directions = directions.unwrap_or_default();
            directions.sort_unstable();
            directions.dedup();
            let mut errors = Vec::new();
            if directions.is_empty() || directions.len() > 5 {
                errors.push(crate::error::FieldError {
                    field: "directions".into(),
                    key: "field-directions-count".into(),
                });
            }
            let letter = AppError::required_text("cover_letter", &cover_letter, COVER_LETTER_MAX);
            if let Err(AppError::Invalid(letter_errors)) = &letter {
                errors.extend(letter_errors.iter().cloned());
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            let letter = letter?;
            let reference = crate::reference::server::store::load(&state.db).await?;
            if !directions
                .iter()
                .all(|d| reference.directions.iter().any(|r| r.id == *d))
            {
                return Err(AppError::field("directions", "field-unknown"));
            }
            if family_id.is_some_and(|f| !reference.families.iter().any(|r| r.id == f)) {
                return Err(AppError::field("family_id", "field-unknown"));
            }
            operations::apply_spontaneously(&state, user, &directions, family_id, &letter).await
        }
        .await,
    )
}

/// The spontaneous applications of the directions the account administers, or whose pool it
/// handles.
#[server(endpoint = "stages/pool")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/pool", skip_all, fields(account = tracing::field::Empty)))]
pub async fn spontaneous_pool() -> Result<Vec<ReceivedApplication>, AppError> {
    respond(
        async {
            let (_, scope) = agent_scope().await?;
            let directions = scope.pool_directions();
            if !scope.all && directions.is_empty() {
                return Err(AppError::Forbidden);
            }
            Ok(applications::pool(&app_state()?.db, &directions, scope.all).await?)
        }
        .await,
    )
}

/// The candidate's CV and applications.
#[server(endpoint = "stages/my_applications")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/my_applications", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_candidate_desk() -> Result<CandidateDesk, AppError> {
    respond(
        async {
            let user = Caller::current().await?.require(Permission::Apply)?.id;
            let state = app_state()?;
            Ok(CandidateDesk {
                user_id: user,
                cv_bytes: profiles::cv(&state.db, user).await?.map(|(_, bytes)| bytes),
                cv_max_bytes: state.config.limits.cv_max_bytes as i64,
                profile: profiles::profile(&state.db, user).await?,
                applications: applications::of_candidate(&state.db, user).await?,
            })
        }
        .await,
    )
}

#[server(endpoint = "stages/withdraw")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/withdraw", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn withdraw_application(id: i64) -> Result<(), AppError> {
    respond(
        async {
            let user = Caller::current().await?.account_id()?;
            operations::withdraw(&app_state()?, user, id).await
        }
        .await,
    )
}

/// The signed-in account and its scope, or `Unauthenticated`.
#[cfg(feature = "ssr")]
async fn agent_scope() -> Result<(i64, OfferScope), AppError> {
    let caller = Caller::current().await?;
    Ok((caller.account_id()?, OfferScope::current(&caller).await?))
}

/// The applications to an offer, for the agents who manage it.
#[server(endpoint = "stages/offer_applications")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/offer_applications", skip_all, fields(account = tracing::field::Empty, offer_id = offer_id)))]
pub async fn offer_applications(offer_id: i64) -> Result<Vec<ReceivedApplication>, AppError> {
    respond(
        async {
            let (_, scope) = agent_scope().await?;
            let app = app_state()?;
            let db = app.db;
            let offer = store::find(&db, offer_id, &app.clock.today_iso())
                .await?
                .ok_or(AppError::NotFound)?;
            if !scope.covers(offer.direction_id, offer.service_id) {
                // A published offer is public, its applications are not the caller's to read.
                return Err(AppError::not_yours(
                    offer.view.state == OfferState::Published,
                ));
            }
            Ok(applications::to_offer(&db, offer_id).await?)
        }
        .await,
    )
}

/// Moves an application along the pipeline (received → in review → interview → accepted or
/// declined). Agents of the offer's service, admins of its direction, handlers of its pool.
/// A decision carries an answer to the candidate: `message` if given, else the direction's
/// template, else the site's default in the candidate's language.
#[server(endpoint = "stages/move_application")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/move_application", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn move_application(
    id: i64,
    state: ApplicationState,
    #[server(default)] message: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let (actor, scope) = agent_scope().await?;
            operations::move_application(
                &app_state()?,
                actor,
                &scope,
                id,
                state,
                message.as_deref(),
            )
            .await
        }
        .await,
    )
}
