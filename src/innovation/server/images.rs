//! Images for fiches: uploaded on a multipart route of their own (works without JavaScript),
//! checked by content (PNG, JPEG, GIF, WebP), size and pixels, stored under
//! the storage (folder `images`) by a random name with their widths (`image_widths`; not for GIFs, which
//! may move), and served with their type. The author then places them in the Markdown text.

use super::image_widths::{self, image_key, WidthsError};
use crate::{
    accounts::server::Caller,
    server::{
        db::now,
        image_widths::ImageWidthsError,
        state::AppState,
        storage::download::{object_response, Disposition},
    },
};
use axum::{
    extract::{Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use rand::RngCore;
use sqlx::Row;

/// The image type of `bytes`, by their first bytes: (content type, file extension).
pub fn image_type(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(("image/jpeg", "jpg"))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(("image/gif", "gif"))
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("image/webp", "webp"))
    } else {
        None
    }
}

/// Back to the fiche's desk with the outcome in the URL.
fn back(fiche: i64, outcome: &str) -> Response {
    Redirect::to(&format!("/innovation/suivi/{fiche}?{outcome}")).into_response()
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    mut multipart: Multipart,
) -> Response {
    let Some(user) = caller.account() else {
        return Redirect::to("/compte/connexion?suite=/innovation/mes-fiches").into_response();
    };
    let (mut file, mut fiche, mut interrupted) = (None, None, false);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("image") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes),
                Err(error) => {
                    tracing::info!(%error, user = user.id, "image upload interrupted or too large");
                    interrupted = true;
                    break;
                }
            },
            Ok(Some(field)) if field.name() == Some("fiche") => {
                fiche = field
                    .text()
                    .await
                    .ok()
                    .and_then(|t| t.trim().parse::<i64>().ok())
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(error) => {
                tracing::info!(%error, user = user.id, "image upload refused");
                break;
            }
        }
    }
    // Only the fiche's author adds images to it.
    let Some(fiche) = fiche.filter(|f| *f > 0) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    match super::store::find(&state.db, fiche).await {
        Ok(Some(row)) if row.author_id == user.id => {}
        // Someone else's fiche: not found, as if there were none.
        Ok(_) => {
            return crate::error::AppError::not_yours(false)
                .status()
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "image upload: fiche not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    if interrupted {
        return back(fiche, "image_error=field-image-too-big");
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return back(fiche, "image_error=field-required");
    };
    if bytes.len() > state.config.limits.image_max_bytes {
        tracing::info!(user = user.id, size = bytes.len(), "image too large");
        return back(fiche, "image_error=field-image-too-big");
    }
    let Some((content_type, extension)) = image_type(&bytes) else {
        tracing::info!(user = user.id, "image refused: not an image");
        return back(fiche, "image_error=field-image-type");
    };
    // Decoded within bounds before anything is stored: a picture that does not decode, or
    // whose header claims more pixels than accepted (a decompression bomb), is refused.
    let derived = match image_widths::derive(bytes.to_vec()).await {
        Ok(derived) => derived,
        Err(WidthsError::Image(ImageWidthsError::TooManyPixels)) => {
            tracing::info!(user = user.id, "image refused: too many pixels");
            return back(fiche, "image_error=field-image-too-many-pixels");
        }
        Err(WidthsError::Image(error)) => {
            tracing::info!(user = user.id, %error, "image refused: does not decode");
            return back(fiche, "image_error=field-image-undecodable");
        }
        Err(error) => {
            tracing::error!(%error, "image not decoded");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut random = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let name = format!("{}.{extension}", hex::encode(random));
    let Ok(key) = image_key(&name) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let size = bytes.len();
    if let Err(error) = state.storage.put_bytes(&key, bytes).await {
        tracing::error!(%error, "image not written");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let recorded = record(&state, &name, content_type, size, user.id, &derived).await;
    if let Err(error) = recorded {
        // Nothing half-saved: the file goes with the rows that were not recorded.
        let _ = state.storage.delete(&key).await;
        tracing::error!(%error, "image not recorded");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    tracing::info!(user = user.id, fiche, image = name, "image uploaded");
    back(fiche, &format!("image=/innovation/images/{name}"))
}

/// Records the uploaded image `name` (its file written) and its widths, or nothing.
async fn record(
    state: &AppState,
    name: &str,
    content_type: &str,
    bytes: usize,
    owner: i64,
    derived: &crate::server::image_widths::Derived,
) -> Result<(), WidthsError> {
    let id: i64 = sqlx::query_scalar("INSERT INTO fiche_images (name, owner_id, content_type, bytes, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(name)
        .bind(owner)
        .bind(content_type)
        .bind(bytes as i64)
        .bind(now())
        .fetch_one(&state.db.pool)
        .await?;
    if let Err(error) =
        image_widths::store(&state.db, &state.storage, id, name, content_type, derived).await
    {
        sqlx::query("DELETE FROM fiche_images WHERE id = $1")
            .bind(id)
            .execute(&state.db.pool)
            .await?;
        return Err(error);
    }
    Ok(())
}

pub async fn serve(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let row = match sqlx::query("SELECT content_type FROM fiche_images WHERE name = $1 UNION ALL SELECT content_type FROM fiche_image_widths WHERE name = $1")
        .bind(&name)
        .fetch_optional(&state.db.pool)
        .await
    {
        Ok(Some(row)) => row,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "image not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let content_type: String = row
        .try_get("content_type")
        .unwrap_or_else(|_| "application/octet-stream".into());
    // The name comes from the table, never from a path the client chose.
    let object = match image_key(&name) {
        Ok(key) => state.storage.get(&key).await.map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match object {
        Ok(Some(object)) => (
            [(header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            object_response(object, &content_type, Disposition::Inline, &name),
        )
            .into_response(),
        Ok(None) => {
            tracing::error!(image = name, "image file missing");
            StatusCode::NOT_FOUND.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "image file not read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(
            super::image_type(b"\x89PNG\r\n\x1a\n...."),
            Some(("image/png", "png"))
        );
        assert_eq!(
            super::image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 "),
            Some(("image/webp", "webp"))
        );
        assert_eq!(
            super::image_type(b"<svg onload=alert(1)>"),
            None,
            "SVG can carry scripts: refused"
        );
        assert_eq!(super::image_type(b"%PDF-1.7"), None);
    }
}
