//! Server functions of the application file (messages, notes) and of a direction's settings
//! (answer templates, pool handlers). Every one checks who asks against the application's or
//! the direction's scope.

use super::{
    application::ApplicationState,
    follow_up::{ApplicationFile, DirectionTemplates, PoolDesk},
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        follow_up::{default_answer_key, StaffSide, MESSAGE_MAX},
        server::{access::OfferScope, applications, follow_up, operations, pools},
    },
    crate::{
        accounts::{
            server::Caller,
            types::{Named, Permission},
        },
        i18n::request_locale,
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// Who may read application `id`: its candidate, or agents whose scope covers it. Anyone else
/// gets "not found", which tells nothing about whether it exists.
#[cfg(feature = "ssr")]
async fn reader(
    id: i64,
) -> Result<(i64, OfferScope, applications::ApplicationKeys, bool), AppError> {
    let caller = Caller::current().await?;
    let user = caller.account_id()?;
    let db = app_state()?.db;
    let keys = applications::keys(&db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = OfferScope::of(&db, &caller).await?;
    let staff = scope.covers_application(keys.direction_id, keys.service_id);
    if !staff && keys.candidate_id != user {
        return Err(AppError::not_yours(false));
    }
    Ok((user, scope, keys, staff))
}

#[server(endpoint = "stages/application_file")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/application_file", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_application_file(id: i64) -> Result<ApplicationFile, AppError> {
    respond(
        async {
            let (user, _, keys, staff) = reader(id).await?;
            let db = app_state()?.db;
            let dates = HumanDates::for_reader().await?;
            let (mut file, email) = follow_up::file(&db, id, &dates)
                .await?
                .ok_or(AppError::NotFound)?;
            file.mine = keys.candidate_id == user;
            if staff {
                let (locale, db, direction) = (request_locale(), &db, keys.direction_id);
                let answer = |state: ApplicationState| async move {
                    Ok::<_, sqlx::Error>(
                        follow_up::template(db, direction, state)
                            .await?
                            .unwrap_or_else(|| locale.t(default_answer_key(state))),
                    )
                };
                file.staff = Some(StaffSide {
                    candidate_email: email,
                    notes: follow_up::notes(db, id, &dates).await?,
                    moves: file.state.agent_moves().to_vec(),
                    accepted_answer: answer(ApplicationState::Accepted).await?,
                    declined_answer: answer(ApplicationState::Declined).await?,
                });
            }
            Ok(file)
        }
        .await,
    )
}

/// A message between the candidate and the agents, seen by both and mailed to the other side.
#[server(endpoint = "stages/application_message")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/application_message", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn send_application_message(id: i64, body: String) -> Result<(), AppError> {
    respond(
        async {
            let (user, _, keys, staff) = reader(id).await?;
            let body = AppError::required_text("body", &body, MESSAGE_MAX)?;
            let app = app_state()?;
            // The candidate writes as the candidate even if they are also an agent.
            let from_candidate = keys.candidate_id == user;
            if !from_candidate && !staff {
                return Err(AppError::not_yours(false));
            }
            operations::send_message(&app, user, id, &keys, from_candidate, &body).await?;
            redirect_plain_form(&format!("/stages/candidatures/{id}"));
            Ok(())
        }
        .await,
    )
}

/// A private note of the agents; the candidate never sees it.
#[server(endpoint = "stages/application_note")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/application_note", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn add_application_note(id: i64, body: String) -> Result<(), AppError> {
    respond(
        async {
            let (user, _, keys, staff) = reader(id).await?;
            if !staff {
                // The candidate may read their file, but notes are not theirs to know of.
                return Err(AppError::not_yours(false));
            }
            let body = AppError::required_text("body", &body, MESSAGE_MAX)?;
            let app = app_state()?;
            operations::add_note(&app, user, id, &keys, &body).await?;
            redirect_plain_form(&format!("/stages/candidatures/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The direction admin's scope, or Forbidden (the direction pages are public features this
/// account may not use).
#[cfg(feature = "ssr")]
async fn direction_admin() -> Result<(i64, OfferScope), AppError> {
    let caller = Caller::current().await?;
    let user = caller.require(Permission::ManageDirections)?.id;
    Ok((user, OfferScope::current(&caller).await?))
}

/// Ok when the scope administers `direction_id`; directions are public, so acting on another
/// one is Forbidden.
#[cfg(feature = "ssr")]
fn administers(scope: &OfferScope, direction_id: i64) -> Result<(), AppError> {
    if scope.all || scope.directions.contains(&direction_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[server(endpoint = "stages/answer_templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/answer_templates", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_answer_templates() -> Result<Vec<DirectionTemplates>, AppError> {
    respond(
        async {
            let (_, scope) = direction_admin().await?;
            let locale = request_locale();
            Ok(
                follow_up::templates(&app_state()?.db, &scope.directions, scope.all, |state| {
                    locale.t(default_answer_key(state))
                })
                .await?,
            )
        }
        .await,
    )
}

#[server(endpoint = "stages/save_answer_template")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/save_answer_template", skip_all, fields(account = tracing::field::Empty, direction_id = direction_id)))]
pub async fn save_answer_template(
    direction_id: i64,
    state: ApplicationState,
    body: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (user, scope) = direction_admin().await?;
            administers(&scope, direction_id)?;
            if !matches!(
                state,
                ApplicationState::Accepted | ApplicationState::Declined
            ) {
                return Err(AppError::field("state", "field-unknown"));
            }
            let body = AppError::required_text("body", &body, MESSAGE_MAX)?;
            follow_up::save_template(&app_state()?.db, direction_id, state, &body, user).await?;
            tracing::info!(
                user,
                direction = direction_id,
                state = state.code(),
                "answer template saved"
            );
            redirect_plain_form("/stages/direction");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "stages/pool_handlers")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/pool_handlers", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_pool_desks() -> Result<Vec<PoolDesk>, AppError> {
    respond(
        async {
            let (_, scope) = direction_admin().await?;
            let db = app_state()?.db;
            let reference = crate::reference::server::store::load(&db).await?;
            let mut desks = Vec::new();
            for direction in reference
                .directions
                .iter()
                .filter(|d| scope.all || scope.directions.contains(&d.id))
            {
                let (handlers, candidates) = pools::pool_people(&db, direction.id).await?;
                desks.push(PoolDesk {
                    direction: Named {
                        id: direction.id,
                        name: direction.name.clone(),
                    },
                    handlers,
                    candidates,
                });
            }
            Ok(desks)
        }
        .await,
    )
}

/// Lets a host agent of the direction handle its pool of spontaneous applications.
#[server(endpoint = "stages/add_pool_handler")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/add_pool_handler", skip_all, fields(account = tracing::field::Empty, direction_id = direction_id, user_id = user_id)))]
pub async fn add_pool_handler(direction_id: i64, user_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (admin, scope) = direction_admin().await?;
            administers(&scope, direction_id)?;
            let db = app_state()?.db;
            if !pools::is_agent_of(&db, user_id, direction_id).await? {
                return Err(AppError::field("user_id", "error-not-direction-agent"));
            }
            pools::add_handler(&db, direction_id, user_id).await?;
            // The agent's live connections see the pool from now on.
            crate::accounts::server::caller::access_changed(&app_state()?.realtime, user_id).await;
            tracing::info!(
                admin,
                direction = direction_id,
                agent = user_id,
                "pool handler added"
            );
            redirect_plain_form("/stages/direction");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "stages/remove_pool_handler")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/remove_pool_handler", skip_all, fields(account = tracing::field::Empty, direction_id = direction_id, user_id = user_id)))]
pub async fn remove_pool_handler(direction_id: i64, user_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (admin, scope) = direction_admin().await?;
            administers(&scope, direction_id)?;
            if !pools::remove_handler(&app_state()?.db, direction_id, user_id).await? {
                return Err(AppError::NotFound);
            }
            crate::accounts::server::caller::access_changed(&app_state()?.realtime, user_id).await;
            tracing::info!(
                admin,
                direction = direction_id,
                agent = user_id,
                "pool handler removed"
            );
            redirect_plain_form("/stages/direction");
            Ok(())
        }
        .await,
    )
}
