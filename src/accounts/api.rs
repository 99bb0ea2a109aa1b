//! Account server functions: sign-up, sign-in, sign-out, password change and reset.

use super::types::{CurrentUser, SignedIn};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{
            auth::{auth_session, Credentials},
            password, rate_limit, reset, store, Caller,
        },
        types::{check_display_name, check_password, normalise_email},
    },
    crate::{
        error::{AppResult, FieldError},
        server::{app_state, client_address, redirect::resolve_or, redirect_plain_form, respond},
    },
};

#[cfg(feature = "ssr")]
fn collect(errors: Vec<(&str, Result<(), &'static str>)>) -> AppResult<()> {
    let errors: Vec<FieldError> = errors
        .into_iter()
        .filter_map(|(field, r)| {
            r.err().map(|key| FieldError {
                field: field.into(),
                key: key.into(),
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[cfg(feature = "ssr")]
async fn sign_in_session(account: &store::AccountRow) -> AppResult<()> {
    auth_session().await?.login(account).await.map_err(|e| {
        tracing::error!(error = %e, "could not start the session");
        AppError::Internal
    })
}

/// The signed-in account with its roles, or `None` for a visitor.
#[server(endpoint = "accounts/me")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/me", skip_all, fields(account = tracing::field::Empty)))]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let Some(account) = caller.account() else {
                return Ok(None);
            };
            Ok(Some(store::current_user(&app_state()?.db, account).await?))
        }
        .await,
    )
}

#[server(endpoint = "accounts/sign_up")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/sign_up", skip_all, fields(account = tracing::field::Empty)))]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
) -> Result<CurrentUser, AppError> {
    respond(
        async {
            let state = app_state()?;
            let email_checked = normalise_email(&email);
            let name_checked = check_display_name(&display_name);
            collect(vec![
                ("email", email_checked.as_ref().map(|_| ()).map_err(|k| *k)),
                (
                    "display_name",
                    name_checked.as_ref().map(|_| ()).map_err(|k| *k),
                ),
                ("password", check_password(&password)),
            ])?;
            let (email, display_name) = (
                email_checked.unwrap_or_default(),
                name_checked.unwrap_or_default(),
            );
            let hash = password::hash(password).await?;
            let locale = crate::i18n::request_locale().code();
            let account = match store::create(&state.db, &email, &display_name, &hash, locale).await
            {
                Ok(account) => account,
                Err(store::CreateError::EmailTaken) => {
                    return Err(AppError::field("email", "field-email-taken"))
                }
                Err(store::CreateError::Db(e)) => return Err(e.into()),
            };
            tracing::info!(user = account.id, "account created");
            sign_in_session(&account).await?;
            redirect_plain_form("/compte");
            Ok(store::current_user(&state.db, &account).await?)
        }
        .await,
    )
}

/// Signs in; `next` (the page's `suite`) is where to go afterwards, kept only when it resolves
/// to a page of this site.
#[server(endpoint = "accounts/sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/sign_in", skip_all, fields(account = tracing::field::Empty)))]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SignedIn, AppError> {
    respond(
        async {
            let state = app_state()?;
            let email = email.trim().to_lowercase();
            if email.is_empty() || password.is_empty() {
                return Err(AppError::BadCredentials);
            }
            let address = client_address().await;
            rate_limit::check(&state.db, &state.config.security, &email, &address).await?;
            let mut session = auth_session().await?;
            let account = session
                .authenticate(Credentials {
                    email: email.clone(),
                    password,
                })
                .await
                .map_err(|e| {
                    tracing::error!(error = %e, "sign-in check failed");
                    AppError::Internal
                })?;
            let Some(account) = account else {
                rate_limit::record_failure(&state.db, &email, &address).await?;
                return Err(AppError::BadCredentials);
            };
            rate_limit::clear(&state.db, &email).await?;
            if session.user.is_some() {
                // axum-login changes the id only when an anonymous session signs in; signing in
                // over a signed-in session (another account, say) gets a new id too.
                session.session.cycle_id().await.map_err(|e| {
                    tracing::error!(error = %e, "could not renew the session id");
                    AppError::Internal
                })?;
            }
            session.login(&account).await.map_err(|e| {
                tracing::error!(error = %e, "could not start the session");
                AppError::Internal
            })?;
            super::server::preferences::apply_at_sign_in(
                &state.db,
                account.id,
                state.config.is_https(),
            )
            .await?;
            tracing::info!(user = account.id, "signed in");
            let next = resolve_or(&state.config.server.public_url, next.as_deref(), "/compte");
            redirect_plain_form(&next);
            Ok(SignedIn {
                user: store::current_user(&state.db, &account).await?,
                next,
            })
        }
        .await,
    )
}

#[server(endpoint = "accounts/sign_out")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/sign_out", skip_all, fields(account = tracing::field::Empty)))]
pub async fn sign_out() -> Result<(), AppError> {
    respond(
        async {
            let mut session = auth_session().await?;
            let ended = session.logout().await.map_err(|e| {
                tracing::error!(error = %e, "could not end the session");
                AppError::Internal
            })?;
            if let Some(account) = ended {
                // Live connections of this session end now rather than at their next check.
                crate::accounts::server::caller::access_changed(&app_state()?.realtime, account.id)
                    .await;
            }
            redirect_plain_form("/");
            Ok(())
        }
        .await,
    )
}

/// Changes the password; every other session of the account ends, this one goes on.
#[server(endpoint = "accounts/change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/change_password", skip_all, fields(account = tracing::field::Empty)))]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            let account = Caller::current().await?.signed_in()?.clone();
            collect(vec![("new_password", check_password(&new_password))])?;
            if !password::verify(current_password, account.password_hash.clone()).await? {
                return Err(AppError::field("current_password", "field-password-wrong"));
            }
            let hash = password::hash(new_password).await?;
            store::set_password(&state.db, account.id, &hash).await?;
            // The stored hash is what axum-login checks every session against: other sessions
            // now fail that check; this one is signed in again with the new hash.
            let updated = store::AccountRow {
                password_hash: hash,
                ..account
            };
            sign_in_session(&updated).await?;
            crate::accounts::server::caller::access_changed(&state.realtime, updated.id).await;
            tracing::info!(user = updated.id, "password changed");
            Ok(())
        }
        .await,
    )
}

/// Mails a reset link if the account exists. Answers the same either way, so the form does
/// not tell who has an account.
#[server(endpoint = "accounts/request_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/request_reset", skip_all, fields(account = tracing::field::Empty)))]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            let email = normalise_email(&email).map_err(|key| AppError::field("email", key))?;
            let Some(account) = store::by_email(&state.db, &email).await? else {
                tracing::info!("password reset asked for an unknown address");
                return Ok(());
            };
            // Sent by the job worker: a relay that is down delays the mail, it does not lose it.
            super::server::jobs::queue_reset(&state, account.id, crate::i18n::request_locale())
                .await?;
            Ok(())
        }
        .await,
    )
}

/// Sets a new password from a reset link, ends every session of the account and signs in here.
#[server(endpoint = "accounts/reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/reset_password", skip_all, fields(account = tracing::field::Empty)))]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    respond(
        async {
            let state = app_state()?;
            collect(vec![("new_password", check_password(&new_password))])?;
            // Check the token before the slow hash, but use it up only once the hash is ready.
            if reset::peek(&state.db, &token).await?.is_none() {
                return Err(AppError::Conflict("error-reset-link-invalid".into()));
            }
            let hash = password::hash(new_password).await?;
            let Some(user_id) = reset::consume(&state.db, &token).await? else {
                return Err(AppError::Conflict("error-reset-link-invalid".into()));
            };
            store::set_password(&state.db, user_id, &hash).await?;
            // The link came by mail: the account reads its address.
            let mut conn = state.db.pool.acquire().await?;
            store::mark_email_verified(&mut conn, user_id, state.clock.now_seconds()).await?;
            drop(conn);
            let account = store::by_id(&state.db, user_id)
                .await?
                .ok_or(AppError::NotFound)?;
            sign_in_session(&account).await?;
            super::server::preferences::apply_at_sign_in(
                &state.db,
                user_id,
                state.config.is_https(),
            )
            .await?;
            crate::accounts::server::caller::access_changed(&state.realtime, user_id).await;
            tracing::info!(user = user_id, "password reset");
            redirect_plain_form("/compte");
            Ok(())
        }
        .await,
    )
}
