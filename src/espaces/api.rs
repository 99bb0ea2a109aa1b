//! Server functions of spaces themselves: "my spaces", creating a space from a template (city
//! agents), a space's home, its settings and archive; a site admin's list of city agents.
//! Members and invitations: `members_api.rs`, `invitations_api.rs`.

use super::types::{AgentGrant, MySpaces, SettingsForm, SpaceHome};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{
            access::{is_city_agent, require_city_agent, space_role},
            agents, invitations,
            spaces::{self, NewSpace},
        },
        types::{
            check_text, choice, PendingInvitation, SpaceAccess, SpaceAction, Template, Visibility,
        },
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        error::AppResult,
        server::{app_state, redirect_plain_form, respond, state::AppState},
    },
};

/// The state and the caller's standing in space `id` (404 when the caller may not see it).
#[cfg(feature = "ssr")]
async fn standing(id: i64) -> AppResult<(AppState, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = space_role(&caller, &state.db, id).await?;
    Ok((state, access))
}

/// The signed-in account's spaces, whether it may create one, and the invitations waiting at
/// its (verified) address; `None` for a visitor (the page shows the platform's presentation).
#[server(endpoint = "espaces/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/mine", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_my_spaces() -> Result<Option<MySpaces>, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            let Some(account) = caller.account() else {
                return Ok(None);
            };
            let now = state.clock.now_seconds();
            let verified: Option<i64> =
                sqlx::query_scalar("SELECT email_verified_at FROM users WHERE id = $1")
                    .bind(account.id)
                    .fetch_one(&state.db.pool)
                    .await?;
            let invitations = match verified {
                Some(_) => invitations::pending_for(&state.db, &account.email, now)
                    .await?
                    .into_iter()
                    .map(|i| PendingInvitation {
                        id: i.id,
                        space_name: i.space_name,
                        role: i.role,
                    })
                    .collect(),
                None => Vec::new(),
            };
            let dates = crate::server::human_dates::HumanDates::for_reader().await?;
            Ok(Some(MySpaces {
                can_create: is_city_agent(&state, &caller).await?,
                spaces: spaces::mine(&state.db, account.id, now).await?,
                invitations,
                mentions: super::server::activity::unread_mentions(
                    &state.db, account.id, now, &dates,
                )
                .await?,
            }))
        }
        .await,
    )
}

/// Creates a space from `template` (project, network, plan: its modules, visibility and, when
/// none is typed, description); the creator is its first animator. City agents only (401 for a
/// visitor, 403 for anyone else). Answers the new space's id.
#[server(endpoint = "espaces/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/create", skip_all, fields(account = tracing::field::Empty)))]
pub async fn create_space(
    template: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] visibility: String,
) -> Result<i64, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            let creator = require_city_agent(&state, &caller).await?;
            let template = choice("template", &template, Template::parse)?;
            let visibility = if visibility.is_empty() {
                template.visibility()
            } else {
                choice("visibility", &visibility, Visibility::parse)?
            };
            let (name, mut description) = check_text(&name, &description)?;
            if description.is_empty() {
                description = crate::i18n::request_locale().t(&template.description_key());
            }
            let mut tx = state.db.begin_write().await?;
            let id = spaces::create(
                &mut tx,
                &NewSpace {
                    name: &name,
                    description: &description,
                    template,
                    visibility,
                    modules: &template.modules(),
                    time_zone: &state.config.city.time_zone,
                    created_by: creator,
                    at: state.clock.now_seconds(),
                },
            )
            .await?;
            tx.commit().await?;
            tracing::info!(space = id, "space created");
            redirect_plain_form(&format!("/espaces/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// A space's home: 404 for a space the caller may not see.
#[server(endpoint = "espaces/space")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/space", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_space(id: i64) -> Result<SpaceHome, AppError> {
    respond(
        async {
            let (state, access) = standing(id).await?;
            Ok(spaces::home(&state.db, &access, state.clock.now_seconds()).await?)
        }
        .await,
    )
}

/// Saves a space's name, description, visibility and modules (animators; 409 while archived).
#[server(endpoint = "espaces/save_settings")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/save_settings", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn save_settings(id: i64, settings: SettingsForm) -> Result<(), AppError> {
    respond(
        async {
            let (state, access) = standing(id).await?;
            access.require(SpaceAction::ManageSettings)?;
            let settings = settings.validate()?;
            spaces::save_settings(&state.db, id, &settings, state.clock.now_seconds()).await?;
            redirect_plain_form(&format!("/espaces/{id}/reglages?enregistre=1"));
            Ok(())
        }
        .await,
    )
}

/// Archives a space (read-only) or restores it (animators).
#[server(endpoint = "espaces/archive")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/archive", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn archive_space(id: i64, archived: bool) -> Result<(), AppError> {
    respond(
        async {
            let (state, access) = standing(id).await?;
            access.require(if archived {
                SpaceAction::ManageSettings
            } else {
                SpaceAction::Restore
            })?;
            spaces::set_archived(&state.db, id, archived, state.clock.now_seconds()).await?;
            redirect_plain_form(&format!("/espaces/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The accounts a site admin named city agents (site admins only).
#[server(endpoint = "espaces/agents")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/agents", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_agents() -> Result<Vec<AgentGrant>, AppError> {
    respond(
        async {
            let state = app_state()?;
            Caller::current()
                .await?
                .require(Permission::AdministerSite)?;
            Ok(agents::list(&state.db).await?)
        }
        .await,
    )
}

/// Names the account of `email` a city agent (site admins only; 422 when no account has it).
#[server(endpoint = "espaces/grant_agent")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/grant_agent", skip_all, fields(account = tracing::field::Empty)))]
pub async fn grant_agent(email: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            let admin = Caller::current()
                .await?
                .require(Permission::AdministerSite)?
                .id;
            let email = crate::accounts::types::normalise_email(&email)
                .map_err(|key| AppError::field("email", key))?;
            if !agents::grant(&state.db, &email, admin, state.clock.now_seconds()).await? {
                return Err(AppError::field("email", "field-unknown"));
            }
            redirect_plain_form("/espaces/agents");
            Ok(())
        }
        .await,
    )
}

/// Takes back a city-agent grant (site admins only; 404 when there is none).
#[server(endpoint = "espaces/revoke_agent")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/revoke_agent", skip_all, fields(account = tracing::field::Empty)))]
pub async fn revoke_agent(user_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            Caller::current()
                .await?
                .require(Permission::AdministerSite)?;
            if !agents::revoke(&state.db, user_id).await? {
                return Err(AppError::NotFound);
            }
            crate::accounts::server::caller::access_changed(&state.realtime, user_id).await;
            redirect_plain_form("/espaces/agents");
            Ok(())
        }
        .await,
    )
}
