//! `GET /compte/donnees/{token}`: the archive, to its signed-in owner only (the token alone
//! is not enough), as an attachment, never cached. Anything else gets the account page with a
//! clear message in its "Mes données" section (`?donnees=…`), never an error page: a visitor
//! is sent to sign in and back; an unknown token, or someone else's, reads "unknown" (the
//! answer never tells whether it exists); an expired one "expired".

use super::{archive_key, store};
use crate::{
    accounts::server::Caller,
    server::{
        state::AppState,
        storage::download::{object_response, Disposition},
    },
};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
};

/// The account page with the section's message `outcome` ("inconnu", "expire").
fn account_page(outcome: &str) -> Response {
    Redirect::to(&format!("/compte?donnees={outcome}#mes-donnees")).into_response()
}

pub async fn download(
    State(app): State<AppState>,
    caller: Caller,
    Path(token): Path<String>,
) -> Response {
    // Tokens are 64 hex digits: anything else is unknown without a query.
    let well_formed = crate::link_token::well_formed(&token);
    let Some(user) = caller.account() else {
        let back = if well_formed {
            format!("/compte/donnees/{token}")
        } else {
            "/compte".to_string()
        };
        return Redirect::to(&format!("/compte/connexion?suite={back}")).into_response();
    };
    let export = if well_formed {
        match store::by_token(&app.db, &token).await {
            Ok(export) => export,
            Err(error) => {
                tracing::error!(%error, "data export lookup failed");
                return account_page("erreur");
            }
        }
    } else {
        None
    };
    let Some(export) = export.filter(|e| e.user_id == user.id) else {
        tracing::info!(
            user = user.id,
            "data export link refused: unknown or not this account's"
        );
        return account_page("inconnu");
    };
    let (Some(expires_at), Some(file_name)) = (export.expires_at, export.file_name) else {
        return account_page("inconnu");
    };
    if expires_at <= app.clock.now_seconds() {
        return account_page("expire");
    }
    let object = match archive_key(&file_name) {
        Ok(key) => app.storage.get(&key).await.map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match object {
        Ok(Some(object)) => {
            let day = crate::server::clock::day_in(
                jiff::Timestamp::from_second(expires_at - super::lifetime_seconds(&app))
                    .unwrap_or_else(|_| app.clock.now()),
                app.clock.zone(),
            );
            tracing::info!(user = user.id, export = export.id, "data export downloaded");
            (
                [(header::CACHE_CONTROL, "private, no-store")],
                object_response(
                    object,
                    "application/zip",
                    Disposition::Attachment,
                    &format!("parvis-mes-donnees-{day}.zip"),
                ),
            )
                .into_response()
        }
        Ok(None) => {
            tracing::warn!(export = export.id, "data export file missing");
            account_page("expire")
        }
        Err(error) => {
            tracing::error!(%error, export = export.id, "data export file not read");
            account_page("erreur")
        }
    }
}
