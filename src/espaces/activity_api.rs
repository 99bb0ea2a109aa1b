//! Server functions of a space's activity: its feed (which also records the member's visit:
//! their mentions there are read, "my spaces" counts from now), a member's notification
//! setting, and the site admins' overview of every space.

use super::{
    activity_types::{SpaceActivity, SpaceOverviewRow},
    types::Notify,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{access::space_role, activity, overview},
        types::{choice, SpaceAction},
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// Space `id`'s activity, newest first, lines since the caller's previous visit marked new;
/// opening it is the caller's visit (members). 404 for a space the caller may not see.
#[server(endpoint = "espaces/activity")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/activity", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_space_activity(id: i64) -> Result<SpaceActivity, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            space_role(&caller, &state.db, id)
                .await?
                .require(SpaceAction::Read)?;
            let now = state.clock.now_seconds();
            let visit = match caller.id() {
                Some(user) => activity::visit(&state.db, id, user, now).await?,
                None => None,
            };
            let dates = HumanDates::for_reader().await?;
            Ok(SpaceActivity {
                items: activity::feed(&state.db, id, caller.id(), visit.map(|v| v.0), &dates)
                    .await?,
                notify: visit.map(|v| v.1),
            })
        }
        .await,
    )
}

/// Sets how the caller hears of space `id`'s activity: `site`, `immediate` (an e-mail for
/// each line) or `digest` (one a day). Members only (403 for a reader through visibility,
/// 404 for a space the caller may not see, 422 for an unknown setting); an archived space's
/// members may still change it.
#[server(endpoint = "espaces/set_notify")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/set_notify", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn set_space_notify(id: i64, notify: String) -> Result<Notify, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            let user = caller.account_id()?;
            space_role(&caller, &state.db, id)
                .await?
                .require(SpaceAction::Read)?;
            let notify = choice("notify", &notify, Notify::parse)?;
            if !activity::set_notify(&state.db, id, user, notify, state.clock.now_seconds())
                .await?
            {
                return Err(AppError::Forbidden);
            }
            redirect_plain_form(&format!("/espaces/{id}?notifications=1"));
            Ok(notify)
        }
        .await,
    )
}

/// Every space with its members, animators, stored bytes and last activity (site admins).
#[server(endpoint = "espaces/overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/overview", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_spaces_overview() -> Result<Vec<SpaceOverviewRow>, AppError> {
    respond(
        async {
            let state = app_state()?;
            Caller::current()
                .await?
                .require(Permission::AdministerSite)?;
            let dates = HumanDates::for_reader().await?;
            Ok(overview::rows(&state.db, state.clock.now_seconds(), &dates).await?)
        }
        .await,
    )
}
