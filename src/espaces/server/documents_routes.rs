//! A space's documents over plain HTTP routes (server functions take no file): the upload
//! (`POST /espaces/{id}/documents/depot`, a multipart form that works without JavaScript and
//! that the page's script sends with a progress bar), the download of any version, and the
//! download of a document shared by link. Uploads have their own body limit
//! (`[espaces] upload_max_bytes`), are streamed into the storage (memory stays flat), refused
//! before anything is stored when the space's quota would be passed (`Content-Length` when
//! sent, else as soon as the stream goes past it), typed from their first bytes, never from
//! their name; an interrupted upload never becomes a version (its pending row lets the sweep
//! delete what a crash left).

use super::{
    access::module_role_in,
    shares::{self, Shared},
    documents::{self, forget_file, NewVersion, VersionError},
    documents_sniff::{sniff, SNIFF_BYTES},
};
use crate::{
    accounts::server::Caller,
    error::{AppError, Race},
    espaces::{
        documents_types::{
            previewable, shared_page_path, upload_name, version_url, UploadAnswer, UploadedFile,
        },
        types::{Module, SpaceAccess, SpaceAction, SpaceRole},
    },
    i18n::Locale,
    server::{
        feeds::reader_locale,
        state::AppState,
        storage::{
            download::{object_response, Disposition},
            PutError, StorageKey,
        },
    },
};
use axum::{
    extract::{
        multipart::{Field, MultipartRejection},
        DefaultBodyLimit, Multipart, Path, Query, State,
    },
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};
use bytes::Bytes;
use futures_util::StreamExt;
use rand::RngCore;
use serde::Deserialize;

/// What a multipart form adds to its files (boundaries, headers, the folder field): the body
/// may be this much larger than the files it carries.
const FORM_SLACK_BYTES: u64 = 64 * 1024;

/// The routes, the upload with its own body limit.
pub fn routes(upload_max_bytes: u64) -> Router<AppState> {
    let limit =
        usize::try_from(upload_max_bytes.saturating_add(FORM_SLACK_BYTES)).unwrap_or(usize::MAX);
    Router::new()
        .route(
            "/espaces/{id}/documents/depot",
            post(upload).layer(DefaultBodyLimit::max(limit)),
        )
        .route(
            "/espaces/{id}/documents/{document}/versions/{version}/fichier",
            get(download),
        )
        .route("/espaces/partage/{token}/fichier", get(shared_download))
}

/// A refusal as a response: its status and its message in the reader's language.
fn refusal(error: &AppError, locale: Locale) -> Response {
    (
        error.status(),
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        locale.t(error.message_key()),
    )
        .into_response()
}

/// The caller's standing in a space that uses documents, or the refusal to answer.
async fn standing(
    state: &AppState,
    caller: &Caller,
    id: i64,
    locale: Locale,
) -> Result<SpaceAccess, Response> {
    module_role_in(state, caller, &state.db, id, Module::Documents)
        .await
        .map_err(|e| refusal(&e, locale))
}

/// How an upload ended, as the form or the script is told.
struct Outcome {
    status: StatusCode,
    key: &'static str,
}

impl Outcome {
    fn refused(status: StatusCode, key: &'static str) -> Outcome {
        Outcome { status, key }
    }

    /// A database error while recording `what`: a [`Race`] is a 409 with its message (as
    /// `AppError::from` answers it), anything else is logged and internal.
    fn database(error: sqlx::Error, what: &str) -> Outcome {
        match Race::of(&error) {
            Some(race) => {
                tracing::warn!(%error, ?race, "documents: {what} refused by a change at the same moment");
                Outcome::refused(StatusCode::CONFLICT, race.message_key())
            }
            None => {
                tracing::error!(%error, "documents: {what} failed");
                Outcome::refused(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        }
    }
}

/// The answer to an upload: JSON for a script (`Accept: application/json`: an
/// `UploadAnswer`), else a redirect back to the folder with the outcome's key (`?depot=`).
fn answer(
    json: bool,
    locale: Locale,
    id: i64,
    folder: Option<i64>,
    outcome: &Outcome,
    stored: &[UploadedFile],
) -> Response {
    if json {
        return (
            outcome.status,
            Json(UploadAnswer {
                ok: outcome.status.is_success(),
                key: outcome.key.to_string(),
                message: locale.t(outcome.key),
                documents: stored.to_vec(),
            }),
        )
            .into_response();
    }
    let folder = folder.map(|f| format!("dossier={f}&")).unwrap_or_default();
    Redirect::to(&format!(
        "/espaces/{id}/documents?{folder}depot={}",
        outcome.key
    ))
    .into_response()
}

/// `POST /espaces/{id}/documents/depot`: the fields `dossier` (a folder id, empty for the
/// top) then one or more `fichier` files. Contributors and animators of a live space.
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let locale = reader_locale(&headers);
    let json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let access = match standing(&state, &caller, id, locale).await {
        Ok(access) => access,
        Err(response) => return response,
    };
    if let Err(error) = access.require(SpaceAction::Contribute) {
        return refusal(&error, locale);
    }
    let Some(account) = caller.id() else {
        return refusal(&AppError::Unauthenticated, locale);
    };
    let Ok(mut multipart) = multipart else {
        return answer(
            json,
            locale,
            id,
            None,
            &Outcome::refused(StatusCode::BAD_REQUEST, "field-required"),
            &[],
        );
    };
    let quota = state.config.espaces.quota_bytes;
    let max = state.config.espaces.upload_max_bytes;
    let used = match used_bytes(&state, id).await {
        Ok(used) => used,
        Err(outcome) => return answer(json, locale, id, None, &outcome, &[]),
    };
    // Refused before reading anything when the announced body cannot fit.
    if let Some(length) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
    {
        let files = length.saturating_sub(FORM_SLACK_BYTES);
        if used.saturating_add(files) > quota {
            tracing::info!(space = id, length, "document upload refused: quota");
            return answer(
                json,
                locale,
                id,
                None,
                &Outcome::refused(StatusCode::PAYLOAD_TOO_LARGE, "error-documents-quota"),
                &[],
            );
        }
        if files > max {
            return answer(
                json,
                locale,
                id,
                None,
                &Outcome::refused(StatusCode::PAYLOAD_TOO_LARGE, "field-document-too-big"),
                &[],
            );
        }
    }
    let mut folder: Option<i64> = None;
    let mut stored: Vec<UploadedFile> = Vec::new();
    let outcome = loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("dossier") => {
                let text = field.text().await.unwrap_or_default();
                folder = text.trim().parse::<i64>().ok().filter(|f| *f > 0);
                if let Some(f) = folder {
                    let known = match state.db.pool.acquire().await {
                        Ok(mut conn) => documents::folder_in_space(&mut conn, id, f).await,
                        Err(e) => Err(e),
                    };
                    match known {
                        Ok(true) => {}
                        Ok(false) => {
                            break Outcome::refused(StatusCode::NOT_FOUND, "error-not-found")
                        }
                        Err(error) => break Outcome::database(error, "folder lookup"),
                    }
                }
            }
            Ok(Some(field)) if field.name() == Some("fichier") => {
                match store(&state, id, folder, account, field).await {
                    Ok(Some(file)) => stored.push(file),
                    Ok(None) => {}
                    Err(outcome) => break outcome,
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => {
                break if stored.is_empty() {
                    Outcome::refused(StatusCode::UNPROCESSABLE_ENTITY, "field-required")
                } else {
                    Outcome {
                        status: StatusCode::OK,
                        key: "documents-uploaded",
                    }
                };
            }
            Err(error) => {
                tracing::info!(%error, space = id, "document upload interrupted");
                break Outcome::refused(StatusCode::BAD_REQUEST, "error-upload-interrupted");
            }
        }
    };
    if !stored.is_empty() {
        state.jobs.wake();
    }
    answer(json, locale, id, folder, &outcome, &stored)
}

/// The bytes space `id` stores, or the outcome of a failed lookup.
async fn used_bytes(state: &AppState, id: i64) -> Result<u64, Outcome> {
    let used = match state.db.pool.acquire().await {
        Ok(mut conn) => documents::stored_bytes(&mut conn, id).await,
        Err(e) => Err(e),
    };
    used.map(|u| u.max(0) as u64).map_err(|error| {
        tracing::error!(%error, "documents: stored bytes lookup failed");
        Outcome::refused(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
    })
}

/// Streams one `fichier` field into the storage and records it as a version: `Ok(None)`
/// for an empty field (no file chosen), `Err` with the outcome to show when refused — then
/// nothing is kept.
async fn store(
    state: &AppState,
    id: i64,
    folder: Option<i64>,
    account: i64,
    mut field: Field<'_>,
) -> Result<Option<UploadedFile>, Outcome> {
    let sent = field.file_name().unwrap_or_default().to_string();
    let mut head: Vec<u8> = Vec::new();
    while head.len() < SNIFF_BYTES {
        match field.chunk().await {
            Ok(Some(chunk)) => head.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(error) => {
                tracing::info!(%error, space = id, "document upload interrupted");
                return Err(Outcome::refused(
                    StatusCode::BAD_REQUEST,
                    "error-upload-interrupted",
                ));
            }
        }
    }
    if sent.is_empty() && head.is_empty() {
        return Ok(None);
    }
    let name = upload_name(&sent)
        .map_err(|refusal| Outcome::refused(StatusCode::UNPROCESSABLE_ENTITY, refusal.key()))?;
    let content_type = sniff(&head[..head.len().min(SNIFF_BYTES)]);
    let quota = state.config.espaces.quota_bytes;
    let max = state.config.espaces.upload_max_bytes;
    let remaining = quota.saturating_sub(used_bytes(state, id).await?);
    if head.len() as u64 > remaining {
        return Err(Outcome::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "error-documents-quota",
        ));
    }
    let limit = max.min(remaining);
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let Ok(key) = StorageKey::new(format!("espaces/{id}/documents/{}", hex::encode(random))) else {
        return Err(Outcome::refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-internal",
        ));
    };
    let now = state.clock.now_seconds();
    if let Err(error) = sqlx::query(
        "INSERT INTO space_document_uploads (storage_key, space_id, started_at) VALUES ($1, $2, $3)",
    )
    .bind(key.as_str())
    .bind(id)
    .bind(now)
    .execute(&state.db.pool)
    .await
    {
        return Err(Outcome::database(error, "pending upload"));
    }
    let body = futures_util::stream::once(async move { Ok(Bytes::from(head)) }).chain(field);
    let size = match state.storage.put_stream(&key, body, Some(limit)).await {
        Ok(size) => size,
        Err(error) => {
            // Nothing was stored (the upload is aborted): the pending row goes too.
            forget_file(&state.db, &state.storage, key.as_str()).await;
            return Err(match error {
                PutError::TooLarge(_) if limit < max => {
                    tracing::info!(space = id, "document upload refused: quota");
                    Outcome::refused(StatusCode::PAYLOAD_TOO_LARGE, "error-documents-quota")
                }
                PutError::TooLarge(_) => {
                    Outcome::refused(StatusCode::PAYLOAD_TOO_LARGE, "field-document-too-big")
                }
                PutError::Body(error) => {
                    tracing::info!(%error, space = id, "document upload interrupted");
                    Outcome::refused(StatusCode::BAD_REQUEST, "error-upload-interrupted")
                }
                PutError::Storage(error) => {
                    tracing::error!(%error, "documents: file not written");
                    Outcome::refused(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
                }
            });
        }
    };
    let recorded = documents::add_version(
        &state.db,
        &NewVersion {
            space_id: id,
            folder,
            name: &name,
            key: &key,
            size,
            content_type,
            by: account,
            at: state.clock.now_seconds(),
            quota_bytes: quota,
        },
    )
    .await;
    match recorded {
        Ok(added) => {
            tracing::info!(
                space = id,
                document = added.document,
                number = added.number,
                size,
                "document version stored"
            );
            Ok(Some(UploadedFile {
                document: added.document,
                url: version_url(id, added.document, added.version),
                name,
                content_type: content_type.to_string(),
            }))
        }
        Err(error) => {
            forget_file(&state.db, &state.storage, key.as_str()).await;
            Err(match error {
                VersionError::Quota => {
                    Outcome::refused(StatusCode::PAYLOAD_TOO_LARGE, "error-documents-quota")
                }
                VersionError::NoFolder => {
                    Outcome::refused(StatusCode::NOT_FOUND, "error-not-found")
                }
                // Retried once already: a third upload of the same new name raced it too.
                VersionError::NameRace => {
                    Outcome::refused(StatusCode::CONFLICT, "error-document-name-taken")
                }
                VersionError::Db(error) => Outcome::database(error, "version"),
            })
        }
    }
}

/// `?affichage=inline`: shown in the browser (images and PDF only).
#[derive(Debug, Deserialize)]
pub struct Display {
    #[serde(default)]
    affichage: String,
    /// A shared file's: the proof of the opening of the link's page it was fetched from.
    #[serde(default)]
    ouverture: String,
}

impl Display {
    fn disposition(&self, content_type: &str) -> Disposition {
        if self.affichage == "inline" && previewable(content_type) {
            Disposition::Inline
        } else {
            Disposition::Attachment
        }
    }
}

/// Streams the stored file `key` with its name and type.
async fn serve(
    state: &AppState,
    key: &str,
    content_type: &str,
    disposition: Disposition,
    name: &str,
) -> Response {
    let object = match StorageKey::new(key) {
        Ok(key) => state.storage.get(&key).await.map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match object {
        Ok(Some(object)) => (
            [(header::CACHE_CONTROL, "private, no-store")],
            object_response(object, content_type, disposition, name),
        )
            .into_response(),
        Ok(None) => {
            tracing::error!(key, "documents: stored file missing");
            StatusCode::NOT_FOUND.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "documents: stored file not read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /espaces/{id}/documents/{document}/versions/{version}/fichier`: whoever reads the
/// space; a document in the bin only for its contributors and animators.
pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, document, version)): Path<(i64, i64, i64)>,
    Query(display): Query<Display>,
    headers: HeaderMap,
) -> Response {
    let locale = reader_locale(&headers);
    let access = match standing(&state, &caller, id, locale).await {
        Ok(access) => access,
        Err(response) => return response,
    };
    let found = match documents::stored_version(&state.db, id, document, version).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "documents: version lookup failed");
            return refusal(&AppError::Internal, locale);
        }
    };
    let writer = matches!(
        access.acting_role(),
        Some(SpaceRole::Animator | SpaceRole::Contributor)
    );
    match found {
        Some(v) if v.deleted_at.is_none() || writer => {
            let disposition = display.disposition(&v.content_type);
            serve(
                &state,
                &v.storage_key,
                &v.content_type,
                disposition,
                &v.name,
            )
            .await
        }
        _ => refusal(&AppError::NotFound, locale),
    }
}

/// `GET /espaces/partage/{token}/fichier`: the current version of a shared document, for
/// anyone holding a valid link, logged as an opening unless fetched with the proof of a
/// recent opening of the link's page (`?ouverture=`: the page logged itself); an ended or
/// unknown link goes to its page, which says so.
pub async fn shared_download(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(display): Query<Display>,
) -> Response {
    let now = state.clock.now_seconds();
    let (share, document) = match shares::find(&state.db, &shares::DOCUMENT, &token, now).await {
        Ok(Shared::Valid {
            share,
            thing: document,
            ..
        }) => (share, document),
        Ok(Shared::Ended | Shared::Unknown) => {
            let page = if crate::link_token::well_formed(&token) {
                shared_page_path(&token)
            } else {
                shared_page_path("0")
            };
            return Redirect::to(&page).into_response();
        }
        Err(error) => {
            tracing::error!(%error, "documents: share lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match documents::current_file(&state.db, document).await {
        Ok(Some((name, key, content_type, _))) => {
            // The link's page logged its own opening and gave its links that opening's
            // proof; the file's address opened otherwise (sent on, bookmarked, the proof
            // too old or made up) is an opening too.
            let from_page =
                match shares::within_opening(&state.db, &shares::DOCUMENT, share, &display.ouverture, now)
                    .await
                {
                    Ok(known) => known,
                    Err(error) => {
                        tracing::error!(%error, "documents: opening proof lookup failed");
                        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                    }
                };
            if !from_page {
                if let Err(error) = shares::log_opening(&state.db, &shares::DOCUMENT, share, now, None).await
                {
                    tracing::error!(%error, "documents: opening not logged");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
            let disposition = display.disposition(&content_type);
            serve(&state, &key, &content_type, disposition, &name).await
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "documents: shared file lookup failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
