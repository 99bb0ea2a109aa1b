//! Deleting one's account: asked on `/compte` with the password, confirmed from a mailed link
//! (`/compte/supprimer?jeton=…`, a page whose button posts: mail scanners open links). What
//! goes and what stays: `accounts::server::erasure`.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::{
        auth::auth_session,
        erasure::{erase_account_with, ErasureError, ErasureOptions, ErasureReason},
        erasure_tokens::{self, ConfirmMail},
        password, rate_limit, store, Caller,
    },
    crate::{
        error::AppResult,
        server::{app_state, client_address, redirect_plain_form},
    },
};

/// The message of a refused erasure.
#[cfg(feature = "ssr")]
fn refused(error: ErasureError) -> AppError {
    match error {
        ErasureError::NotFound => AppError::Conflict("error-erasure-link-invalid".into()),
        ErasureError::LastSiteAdmin => AppError::Conflict("error-erasure-last-site-admin".into()),
        ErasureError::Db(e) => e.into(),
    }
}

/// Checks the signed-in account's password and mails it a link to confirm its deletion;
/// `remove_contributions` (a ticked box) also removes its comments, threads and replies. A
/// wrong password is a field error and counts toward the sign-in throttling (the same
/// failures, per account and per address); nothing changes. The last site administrator is
/// refused. Answers the address the link was sent to.
#[server(endpoint = "accounts/request_erasure")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/request_erasure", skip_all, fields(account = tracing::field::Empty)))]
pub async fn request_erasure(
    password: String,
    #[server(default)] remove_contributions: Option<String>,
) -> Result<String, AppError> {
    crate::server::respond(
        async {
            let state = app_state()?;
            let account = Caller::current().await?.signed_in()?.clone();
            let address = client_address().await;
            rate_limit::check(&state.db, &state.config.security, &account.email, &address).await?;
            if password.is_empty()
                || !password::verify(password, account.password_hash.clone()).await?
            {
                rate_limit::record_failure(&state.db, &account.email, &address).await?;
                return Err(AppError::field("password", "field-password-wrong"));
            }
            let mut conn = state.db.pool.acquire().await?;
            if store::is_last_site_admin(&mut conn, account.id).await? {
                return Err(refused(ErasureError::LastSiteAdmin));
            }
            drop(conn);
            erasure_tokens::queue(
                &state,
                &ConfirmMail {
                    user_id: account.id,
                    remove_contributions: remove_contributions.is_some(),
                    locale: crate::i18n::request_locale().code().to_string(),
                },
            )
            .await?;
            tracing::info!(user = account.id, "account deletion asked, link mailed");
            redirect_plain_form("/compte?suppression=envoyee#supprimer");
            Ok(account.email)
        }
        .await,
    )
}

/// What a confirmation link asks for: whether the contributions go too. An unknown, used or
/// expired link is refused (409). Open to visitors: the link may be opened in another browser.
#[server(endpoint = "accounts/erasure_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/erasure_link", skip_all, fields(account = tracing::field::Empty)))]
pub async fn erasure_link(token: String) -> Result<bool, AppError> {
    crate::server::respond(
        async {
            let state = app_state()?;
            let request = erasure_tokens::peek(&state, &token)
                .await?
                .ok_or_else(|| AppError::Conflict("error-erasure-link-invalid".into()))?;
            Ok(request.remove_contributions != 0)
        }
        .await,
    )
}

/// Confirms a deletion from its mailed link: erases the account (one transaction), signs this
/// browser out if it was signed in as that account (every other session ended with the
/// erasure), and queues the final mail. Refused (409) for an unknown, used or expired link
/// and for the last site administrator.
#[server(endpoint = "accounts/confirm_erasure")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accounts/confirm_erasure", skip_all, fields(account = tracing::field::Empty)))]
pub async fn confirm_erasure(token: String) -> Result<(), AppError> {
    crate::server::respond(
        async {
            let state = app_state()?;
            let mut session = auth_session().await?;
            let request = erasure_tokens::peek(&state, &token)
                .await?
                .ok_or_else(|| AppError::Conflict("error-erasure-link-invalid".into()))?;
            let options = ErasureOptions {
                remove_contributions: request.remove_contributions != 0,
            };
            erase_account_with(&state, request.user_id, ErasureReason::OwnRequest, options)
                .await
                .map_err(refused)?;
            if session.user.as_ref().map(|u| u.id) == Some(request.user_id) {
                sign_out(&mut session).await?;
            }
            redirect_plain_form("/compte/supprime");
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn sign_out(session: &mut super::server::AuthSession) -> AppResult<()> {
    session.logout().await.map_err(|e| {
        tracing::error!(error = %e, "could not end the session");
        AppError::Internal
    })?;
    Ok(())
}
