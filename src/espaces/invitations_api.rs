//! Server functions of the invitation link (`/espaces/invitation?jeton=…`) and of the one-time
//! sign-in link (`/espaces/connexion?jeton=…`). Both pages only show; accepting and signing in
//! are POSTs (mail scanners open links). A signed-in account joins with its own account (the
//! invited address's); someone without an account creates a partner account from the
//! invitation — no Stages or Innovation role, so it sees only its spaces — with or without a
//! password; a partner signs in later by a one-time link mailed to their address.

use super::types::InvitationView;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::invitations::{self, Invitation},
    crate::{
        accounts::{
            server::{
                auth::auth_session,
                caller::access_changed,
                password, preferences,
                store::{self, CreateError, NewAccount},
                Caller,
            },
            types::{check_display_name, check_password, normalise_email},
        },
        error::AppResult,
        server::{app_state, redirect_plain_form, respond},
    },
};

/// The invitation `token` opens, or the reason it cannot be used (409: unknown, used,
/// revoked, expired), whose message the page shows.
#[cfg(feature = "ssr")]
async fn usable(token: &str, now: i64) -> AppResult<Invitation> {
    let state = app_state()?;
    let invitation = invitations::by_token(&state.db, token)
        .await?
        .ok_or_else(|| AppError::Conflict("error-invitation-invalid".into()))?;
    match invitation.refusal(now) {
        Some(key) => Err(AppError::Conflict(key.into())),
        None => Ok(invitation),
    }
}

/// Signs this browser in as `account` (a new session id if it was signed in already).
#[cfg(feature = "ssr")]
async fn sign_in(account: &store::AccountRow) -> AppResult<()> {
    let state = app_state()?;
    let mut session = auth_session().await?;
    let internal = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "could not start the session");
        AppError::Internal
    };
    if session.user.is_some() {
        session.session.cycle_id().await.map_err(|e| internal(&e))?;
    }
    session.login(account).await.map_err(|e| internal(&e))?;
    preferences::apply_at_sign_in(&state.db, account.id, state.config.is_https()).await?;
    Ok(())
}

/// What an invitation link shows: the space, the role, who invited, and whether an account
/// holds the address. Open to visitors.
#[server(endpoint = "espaces/invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/invitation", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    respond(
        async {
            let state = app_state()?;
            let invitation = usable(&token, state.clock.now_seconds()).await?;
            let caller = Caller::current().await?;
            Ok(InvitationView {
                space_name: invitation.space_name,
                role: invitation.role,
                invited_by: invitation.invited_by,
                account_exists: store::by_email(&state.db, &invitation.email)
                    .await?
                    .is_some(),
                signed_in_as: caller.account().map(|a| a.email == invitation.email),
                email: invitation.email,
            })
        }
        .await,
    )
}

/// Accepts an invitation as the signed-in account, which must hold the invited address (409
/// otherwise, and for an unknown, used, revoked or expired link). Answers the space's id.
#[server(endpoint = "espaces/accept_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/accept_invitation", skip_all, fields(account = tracing::field::Empty)))]
pub async fn accept_invitation(token: String) -> Result<i64, AppError> {
    respond(
        async {
            let state = app_state()?;
            let account = Caller::current().await?.signed_in()?.clone();
            let now = state.clock.now_seconds();
            let invitation = usable(&token, now).await?;
            if invitation.email != account.email {
                return Err(AppError::Conflict("error-invitation-other-account".into()));
            }
            let mut tx = state.db.begin_write().await?;
            if !invitations::accept(&mut tx, &invitation, account.id, true, now).await? {
                return Err(AppError::Conflict("error-invitation-invalid".into()));
            }
            tx.commit().await?;
            access_changed(&state.realtime, account.id).await;
            redirect_plain_form(&format!("/espaces/{}", invitation.space_id));
            Ok(invitation.space_id)
        }
        .await,
    )
}

/// Accepts invitation `invitation` listed on "my spaces": it must be to the signed-in
/// account's address, verified (a link mailed there was used); 404 otherwise.
#[server(endpoint = "espaces/join")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/join", skip_all, fields(account = tracing::field::Empty)))]
pub async fn join(invitation: i64) -> Result<i64, AppError> {
    respond(
        async {
            let state = app_state()?;
            let account = Caller::current().await?.signed_in()?.clone();
            let now = state.clock.now_seconds();
            let found = invitations::pending_for(&state.db, &account.email, now)
                .await?
                .into_iter()
                .find(|i| i.id == invitation);
            let verified: Option<i64> =
                sqlx::query_scalar("SELECT email_verified_at FROM users WHERE id = $1")
                    .bind(account.id)
                    .fetch_one(&state.db.pool)
                    .await?;
            let (Some(invitation), Some(_)) = (found, verified) else {
                return Err(AppError::NotFound);
            };
            let mut tx = state.db.begin_write().await?;
            if !invitations::accept(&mut tx, &invitation, account.id, true, now).await? {
                return Err(AppError::Conflict("error-invitation-invalid".into()));
            }
            tx.commit().await?;
            redirect_plain_form(&format!("/espaces/{}", invitation.space_id));
            Ok(invitation.space_id)
        }
        .await,
    )
}

/// Creates a partner account for the invited address (a name; a password only if the person
/// wants one — otherwise they sign in by one-time links) and accepts the invitation, in one
/// transaction, then signs in. A partner account holds no role: nothing of Stages' or
/// Innovation's desks, only its spaces. 409 when the address has an account already.
#[server(endpoint = "espaces/join_as_partner")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/join_as_partner", skip_all, fields(account = tracing::field::Empty)))]
pub async fn join_as_partner(
    token: String,
    display_name: String,
    #[server(default)] password: String,
) -> Result<i64, AppError> {
    respond(
        async {
            let state = app_state()?;
            let now = state.clock.now_seconds();
            let invitation = usable(&token, now).await?;
            let name = check_display_name(&display_name);
            let password_checked = if password.is_empty() {
                Ok(())
            } else {
                check_password(&password)
            };
            let errors: Vec<_> = [
                ("display_name", name.as_ref().err()),
                ("password", password_checked.as_ref().err()),
            ]
            .into_iter()
            .filter_map(|(field, key)| {
                key.map(|k| crate::error::FieldError {
                    field: field.into(),
                    key: (*k).into(),
                })
            })
            .collect();
            let Ok(name) = name else {
                return Err(AppError::Invalid(errors));
            };
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            // Without a password, a random one nobody knows: signing in is by mailed link.
            let secret = if password.is_empty() {
                crate::server::tokens::issue().0
            } else {
                password
            };
            let hash = password::hash(secret).await?;
            let locale = crate::i18n::request_locale().code();
            let mut tx = state.db.begin_write().await?;
            let account = match store::insert_account(
                &mut tx,
                &NewAccount {
                    email: &invitation.email,
                    display_name: &name,
                    password_hash: &hash,
                    locale,
                    roles: &[],
                    at: now,
                },
            )
            .await
            {
                Ok(account) => account,
                Err(CreateError::EmailTaken) => {
                    return Err(AppError::Conflict("error-invitation-account-exists".into()))
                }
                Err(CreateError::Db(e)) => return Err(e.into()),
            };
            if !invitations::accept(&mut tx, &invitation, account.id, true, now).await? {
                return Err(AppError::Conflict("error-invitation-invalid".into()));
            }
            tx.commit().await?;
            tracing::info!(
                user = account.id,
                space = invitation.space_id,
                "partner account created"
            );
            sign_in(&account).await?;
            redirect_plain_form(&format!("/espaces/{}", invitation.space_id));
            Ok(invitation.space_id)
        }
        .await,
    )
}

/// Mails a one-time sign-in link to `email` when an account holds it and belongs to a space
/// (or has an invitation waiting). Answers the same either way, so the form does not tell who
/// has an account; at most one mail a minute per account.
#[server(endpoint = "espaces/request_sign_in_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/request_sign_in_link", skip_all, fields(account = tracing::field::Empty)))]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            let email = normalise_email(&email).map_err(|key| AppError::field("email", key))?;
            if let Some(account) = store::by_email(&state.db, &email).await? {
                let now = state.clock.now_seconds();
                let spaces: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM space_members WHERE user_id = $1) + \
                     (SELECT COUNT(*) FROM space_invitations WHERE email = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3)",
                )
                .bind(account.id)
                .bind(&email)
                .bind(now)
                .fetch_one(&state.db.pool)
                .await?;
                if spaces > 0 {
                    invitations::queue_sign_in_link(&state, account.id, crate::i18n::request_locale())
                        .await?;
                }
            }
            redirect_plain_form("/espaces/connexion?envoye=1");
            Ok(())
        }
        .await,
    )
}

/// Whether a one-time sign-in link is still valid (409 otherwise), for its page.
#[server(endpoint = "espaces/sign_in_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/sign_in_link", skip_all, fields(account = tracing::field::Empty)))]
pub async fn sign_in_link(token: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            match invitations::peek_sign_in(&state, &token).await? {
                Some(_) => Ok(()),
                None => Err(AppError::Conflict("error-sign-in-link-invalid".into())),
            }
        }
        .await,
    )
}

/// Signs in by a one-time link (once; 409 for an unknown, used or expired one).
#[server(endpoint = "espaces/sign_in_by_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/sign_in_by_link", skip_all, fields(account = tracing::field::Empty)))]
pub async fn sign_in_by_link(token: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            // Used only if this link first proves the address (see `consume_sign_in`).
            let unknown = password::hash(crate::server::tokens::issue().0).await?;
            let user = invitations::consume_sign_in(&state, &token, &unknown)
                .await?
                .ok_or_else(|| AppError::Conflict("error-sign-in-link-invalid".into()))?;
            let account = store::by_id(&state.db, user)
                .await?
                .ok_or_else(|| AppError::Conflict("error-sign-in-link-invalid".into()))?;
            sign_in(&account).await?;
            tracing::info!(user = account.id, "signed in by a one-time link");
            redirect_plain_form("/espaces");
            Ok(())
        }
        .await,
    )
}
