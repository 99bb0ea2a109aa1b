//! Server functions of a space's members: the list (and, for animators, the invitations),
//! inviting by e-mail with a role, revoking an invitation, changing a role, removing a member.
//! A space always keeps at least one animator. Every change takes effect at the member's next
//! request: access is read from the database each time (`server::access::space_role`).

use super::types::MembersPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{
            access::space_role,
            invitations::{self, InviteError, NewInvitation},
            members::{self, ChangeError},
            spaces,
        },
        types::{choice, MemberRow, SpaceAction, SpaceRole},
    },
    crate::{
        accounts::{
            server::{caller::access_changed, Caller},
            types::normalise_email,
        },
        error::AppResult,
        server::{
            app_state, clock, human_dates::HumanDates, redirect_plain_form, respond,
            state::AppState,
        },
    },
};

/// The state and the caller, once the caller is known to manage the members of space `id`.
#[cfg(feature = "ssr")]
async fn as_animator(id: i64) -> AppResult<(AppState, Caller)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    space_role(&caller, &state.db, id)
        .await?
        .require(SpaceAction::ManageMembers)?;
    Ok((state, caller))
}

/// After a member's role changed or they were removed: their live connections read their
/// access again, and a plain form goes back to the members page.
#[cfg(feature = "ssr")]
async fn member_changed(state: &AppState, id: i64, user_id: i64) {
    access_changed(&state.realtime, user_id).await;
    redirect_plain_form(&format!("/espaces/{id}/membres"));
}

#[cfg(feature = "ssr")]
fn change_refused(error: ChangeError) -> AppError {
    match error {
        ChangeError::NotMember => AppError::NotFound,
        ChangeError::LastAnimator => AppError::Conflict("error-space-last-animator".into()),
        ChangeError::Db(e) => e.into(),
    }
}

/// The members of a space (whoever reads it) and, for its animators, its invitations not
/// accepted. 404 for a space the caller may not see.
#[server(endpoint = "espaces/members")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/members", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_members(id: i64) -> Result<MembersPage, AppError> {
    respond(
        async {
            let state = app_state()?;
            let caller = Caller::current().await?;
            let dates = HumanDates::for_reader().await?;
            let access = space_role(&caller, &state.db, id).await?;
            let now = state.clock.now_seconds();
            let members = members::list(&state.db, id, now)
                .await?
                .into_iter()
                .map(|m| MemberRow {
                    user_id: m.user_id,
                    name: m.name,
                    role: m.role,
                    access_ends: m.access_ends_at.map(|at| dates.instant(at)),
                })
                .collect();
            let invitations = if access.acting_role() == Some(SpaceRole::Animator) {
                invitations::list(&state.db, id, now, &dates).await?
            } else {
                Vec::new()
            };
            Ok(MembersPage {
                space: spaces::home(&state.db, &access, now).await?,
                members,
                invitations,
            })
        }
        .await,
    )
}

/// The last second of `day` (`YYYY-MM-DD`) in the city's zone, for an end of access; empty:
/// none. A day already past is refused.
#[cfg(feature = "ssr")]
fn access_end(day: &str, now: i64, zone: &jiff::tz::TimeZone) -> Result<Option<i64>, AppError> {
    let day = day.trim();
    if day.is_empty() {
        return Ok(None);
    }
    let at = day
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| clock::last_second_of(d, zone))
        .ok_or_else(|| AppError::field("access_ends", "field-date"))?
        .as_second();
    if at <= now {
        return Err(AppError::field("access_ends", "field-deadline-past"));
    }
    Ok(Some(at))
}

/// Invites `email` to the space with `role`, optionally until `access_ends` (`YYYY-MM-DD`,
/// for partners); a job mails the link. Animators only. A pending invitation of the same
/// address is replaced; a current member is refused (409).
#[server(endpoint = "espaces/invite")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/invite", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn invite(
    id: i64,
    email: String,
    role: String,
    #[server(default)] access_ends: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller) = as_animator(id).await?;
            let account = caller.account_id()?;
            let now = state.clock.now_seconds();
            let email = normalise_email(&email).map_err(|key| AppError::field("email", key));
            let role = choice("role", &role, SpaceRole::parse);
            let ends = access_end(&access_ends, now, state.clock.zone());
            let errors: Vec<_> = [
                email.as_ref().err(),
                role.as_ref().err(),
                ends.as_ref().err(),
            ]
            .into_iter()
            .flatten()
            .flat_map(|e| match e {
                AppError::Invalid(fields) => fields.clone(),
                _ => Vec::new(),
            })
            .collect();
            let (Ok(email), Ok(role), Ok(access_ends_at)) = (email, role, ends) else {
                return Err(AppError::Invalid(errors));
            };
            if invitations::sent_since(&state.db, account, now - 86_400).await?
                >= state.config.espaces.invitations_per_day
            {
                tracing::warn!(account, "invitations per day reached");
                return Err(AppError::RateLimited);
            }
            match invitations::invite(
                &state,
                &NewInvitation {
                    space_id: id,
                    email: &email,
                    role,
                    access_ends_at,
                    locale: crate::i18n::request_locale(),
                    invited_by: account,
                    at: now,
                    days: state.config.espaces.invitation_days,
                },
            )
            .await
            {
                Ok(_) => {}
                Err(InviteError::AlreadyMember) => {
                    return Err(AppError::field("email", "field-space-already-member"))
                }
                Err(InviteError::Db(e)) => return Err(e.into()),
            }
            redirect_plain_form(&format!("/espaces/{id}/membres"));
            Ok(())
        }
        .await,
    )
}

/// Revokes a pending invitation (animators; 404 when none is pending under that id).
#[server(endpoint = "espaces/revoke_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/revoke_invitation", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn revoke_invitation(id: i64, invitation: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _) = as_animator(id).await?;
            if !invitations::revoke(&state.db, id, invitation, state.clock.now_seconds()).await? {
                return Err(AppError::NotFound);
            }
            redirect_plain_form(&format!("/espaces/{id}/membres"));
            Ok(())
        }
        .await,
    )
}

/// Gives a member another role (animators; the last animator cannot step down: 409).
#[server(endpoint = "espaces/set_role")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/set_role", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn set_member_role(id: i64, user_id: i64, role: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, _) = as_animator(id).await?;
            let role = choice("role", &role, SpaceRole::parse)?;
            members::set_role(&state.db, id, user_id, role, state.clock.now_seconds())
                .await
                .map_err(change_refused)?;
            member_changed(&state, id, user_id).await;
            Ok(())
        }
        .await,
    )
}

/// Removes a member at once (animators; the last animator cannot be removed: 409).
#[server(endpoint = "espaces/remove_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/remove_member", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn remove_member(id: i64, user_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _) = as_animator(id).await?;
            members::remove(&state.db, id, user_id, state.clock.now_seconds())
                .await
                .map_err(change_refused)?;
            member_changed(&state, id, user_id).await;
            Ok(())
        }
        .await,
    )
}
