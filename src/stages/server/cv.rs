//! CV upload and download, on routes of their own: a plain multipart form works without
//! JavaScript (server-function forms send URL-encoded data only). Files live under
//! `<data_dir>/cv`, outside the public folder, and are served only to their owner and to the
//! agents of an offer they applied to.

use super::{access::OfferScope, applications, profiles};
use crate::{accounts::server::Caller, server::state::AppState};
use axum::{
    extract::{Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use rand::RngCore;

/// Where the candidate's page is, with the outcome as a message key.
fn back(outcome: &str) -> Response {
    Redirect::to(&format!("/stages/candidatures?cv={outcome}")).into_response()
}

/// True when the bytes are a PDF document (by content, not by file name).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    mut multipart: Multipart,
) -> Response {
    let Some(user) = caller.account() else {
        return Redirect::to("/compte/connexion?suite=/stages/candidatures").into_response();
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("cv") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes),
                Err(error) => {
                    tracing::info!(%error, user = user.id, "CV upload interrupted or too large");
                    return back("field-cv-too-big");
                }
            },
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(error) => {
                tracing::info!(%error, user = user.id, "CV upload refused");
                return back("field-cv-too-big");
            }
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return back("field-required");
    };
    if bytes.len() > state.config.limits.cv_max_bytes {
        tracing::info!(user = user.id, size = bytes.len(), "CV too large");
        return back("field-cv-too-big");
    }
    if !is_pdf(&bytes) {
        tracing::info!(user = user.id, "CV refused: not a PDF");
        return back("field-cv-not-pdf");
    }
    let dir = state.config.server.data_dir.join("cv");
    let mut random = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let name = format!("{}-{}.pdf", user.id, hex::encode(random));
    let stored = async {
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::write(dir.join(&name), &bytes).await
    };
    if let Err(error) = stored.await {
        tracing::error!(%error, "CV not written");
        return back("error-internal");
    }
    match profiles::set_cv(&state.db, user.id, &name, bytes.len() as i64).await {
        Ok(previous) => {
            if let Some(previous) = previous.filter(|p| *p != name) {
                let _ = tokio::fs::remove_file(dir.join(previous)).await;
            }
            tracing::info!(user = user.id, size = bytes.len(), "CV stored");
            back("ok")
        }
        Err(error) => {
            tracing::error!(%error, "CV not recorded");
            let _ = tokio::fs::remove_file(dir.join(&name)).await;
            back("error-internal")
        }
    }
}

pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    Path(owner): Path<i64>,
) -> Response {
    let Some(user) = caller.account() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let allowed = if user.id == owner {
        Ok(true)
    } else {
        match OfferScope::of(&state.db, &caller).await {
            Ok(scope) if scope.is_staff() => {
                applications::candidate_applied_within(&state.db, owner, &scope).await
            }
            Ok(_) => Ok(false),
            Err(e) => Err(e),
        }
    };
    match allowed {
        Ok(true) => {}
        Ok(false) => {
            tracing::info!(user = user.id, owner, "CV download refused");
            // Another candidate's CV: not found, as if there were none.
            return crate::error::AppError::not_yours(false)
                .status()
                .into_response();
        }
        Err(error) => {
            tracing::error!(%error, "CV access check failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let file = match profiles::cv(&state.db, owner).await {
        Ok(Some((file, _))) => file,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "CV lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match tokio::fs::read(state.config.server.data_dir.join("cv").join(file)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (header::CONTENT_DISPOSITION, "inline; filename=\"cv.pdf\""),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "CV file missing");
            StatusCode::NOT_FOUND.into_response()
        }
    }
}
