//! CV upload and download, on routes of their own: a plain multipart form works without
//! JavaScript (server-function forms send URL-encoded data only). Files go to the storage
//! (`server::storage`, folder `cv`: `<data_dir>/cv` on the local disk, outside the public
//! folder), streamed both ways, and are served only to their owner and to the agents of an
//! offer they applied to.

use super::{access::OfferScope, applications, profiles};
use crate::{
    accounts::server::Caller,
    server::{
        state::AppState,
        storage::{
            download::{object_response, Disposition},
            PutError,
        },
    },
};
use axum::{
    extract::{multipart::Field, Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use bytes::Bytes;
use futures_util::StreamExt;
use rand::RngCore;

/// How a PDF file begins.
const PDF_MAGIC: &[u8] = b"%PDF-";

/// Where the candidate's page is, with the outcome as a message key.
fn back(outcome: &str) -> Response {
    Redirect::to(&format!("/stages/candidatures?cv={outcome}")).into_response()
}

/// True when the bytes are a PDF document (by content, not by file name).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(PDF_MAGIC)
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    mut multipart: Multipart,
) -> Response {
    let Some(user) = caller.account() else {
        return Redirect::to("/compte/connexion?suite=/stages/candidatures").into_response();
    };
    let mut stored: Option<(String, u64)> = None;
    let outcome = loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("cv") => {
                match store(&state, user.id, field).await {
                    Ok(file) => {
                        // A second `cv` field replaces the first.
                        if let Some((earlier, _)) = stored.replace(file) {
                            delete_file(&state, &earlier).await;
                        }
                    }
                    Err(outcome) => break Some(outcome),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break None,
            Err(error) => {
                tracing::info!(%error, user = user.id, "CV upload refused");
                break Some("field-cv-too-big");
            }
        }
    };
    if let Some(outcome) = outcome {
        if let Some((file, _)) = &stored {
            delete_file(&state, file).await;
        }
        return back(outcome);
    }
    let Some((name, size)) = stored else {
        return back("field-required");
    };
    match profiles::set_cv(&state.db, user.id, &name, size as i64).await {
        Ok(previous) => {
            if let Some(previous) = previous.filter(|p| *p != name) {
                delete_file(&state, &previous).await;
            }
            tracing::info!(user = user.id, size, "CV stored");
            back("ok")
        }
        Err(error) => {
            tracing::error!(%error, "CV not recorded");
            delete_file(&state, &name).await;
            back("error-internal")
        }
    }
}

/// Streams the `cv` field into the storage under a new name, checked as it comes: a PDF by
/// its first bytes, at most `limits.cv_max_bytes` (refused as soon as it goes past, nothing
/// kept). The stored name and size, or the outcome to show.
async fn store(
    state: &AppState,
    user: i64,
    mut field: Field<'_>,
) -> Result<(String, u64), &'static str> {
    // The first bytes, to know the type before anything is stored.
    let mut head = Vec::new();
    while head.len() < PDF_MAGIC.len() {
        match field.chunk().await {
            Ok(Some(chunk)) => head.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(error) => {
                tracing::info!(%error, user, "CV upload interrupted or too large");
                return Err("field-cv-too-big");
            }
        }
    }
    if head.is_empty() {
        return Err("field-required");
    }
    if !is_pdf(&head) {
        tracing::info!(user, "CV refused: not a PDF");
        return Err("field-cv-not-pdf");
    }
    let mut random = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let name = format!("{user}-{}.pdf", hex::encode(random));
    let Ok(key) = profiles::cv_key(&name) else {
        return Err("error-internal");
    };
    let body = futures_util::stream::once(async move { Ok(Bytes::from(head)) }).chain(field);
    let limit = state.config.limits.cv_max_bytes as u64;
    match state.storage.put_stream(&key, body, Some(limit)).await {
        Ok(size) => Ok((name, size)),
        Err(PutError::TooLarge(_)) => {
            tracing::info!(user, "CV too large");
            Err("field-cv-too-big")
        }
        Err(PutError::Body(error)) => {
            tracing::info!(%error, user, "CV upload interrupted or too large");
            Err("field-cv-too-big")
        }
        Err(PutError::Storage(error)) => {
            tracing::error!(%error, "CV not written");
            Err("error-internal")
        }
    }
}

/// Deletes a stored CV file, logging a failure (the retention round deletes what no profile
/// names).
pub async fn delete_file(state: &AppState, file: &str) {
    let deleted = match profiles::cv_key(file) {
        Ok(key) => state.storage.delete(&key).await,
        Err(error) => Err(error.into()),
    };
    if let Err(error) = deleted {
        tracing::warn!(%error, "a CV file not deleted");
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
    let object = match profiles::cv_key(&file) {
        Ok(key) => state.storage.get(&key).await.map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match object {
        Ok(Some(object)) => (
            [(header::CACHE_CONTROL, "private, no-store")],
            object_response(object, "application/pdf", Disposition::Inline, "cv.pdf"),
        )
            .into_response(),
        Ok(None) => {
            tracing::error!(file, "CV file missing");
            StatusCode::NOT_FOUND.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "CV file not read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
