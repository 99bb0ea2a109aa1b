//! Fiche images in the widths a page offers (`server::image_widths`: 480, 960 and 1,600 pixels,
//! never upscaled). Each width is a file beside the upload (`<name stem>-<width>w.jpg`, or
//! `.png` for a picture with transparency) listed in `fiche_image_widths`; the image's own size
//! is kept on its `fiche_images` row. The uploaded file stays: the Markdown, feeds and sharing
//! data name it, and it is what any later width is made from.
//!
//! Made on upload (a picture that does not decode, or has too many pixels, is refused there);
//! images uploaded before get theirs from the `innovation.image_widths` round, once, at the
//! first start and then hourly for any left over (one that does not decode is marked 0 × 0 and
//! served as it is).

use crate::server::{
    db::Db,
    image_widths::{self, Derived, ImageWidthsError},
    jobs::{JobError, Round},
    sql::Sql,
    state::AppState,
    storage::{KeyError, Storage, StorageError, StorageKey},
};
use std::{collections::HashMap, time::Duration};

/// Where the pages link the images (`plug.rs`), as stored HTML names them.
pub const URL_PREFIX: &str = "/innovation/images/";

/// The storage folder of images and their widths (`<data_dir>/images` on the local disk).
pub const IMAGE_FOLDER: &str = "images";

/// Where the image or width file `name` is stored.
pub fn image_key(name: &str) -> Result<StorageKey, KeyError> {
    StorageKey::in_folder(IMAGE_FOLDER, name)
}

/// How wide the image shows: the page's column (72 rem less its padding), or the screen less
/// its margins on anything narrower. The browser picks the width from it.
const SIZES: &str = "(min-width: 72rem) 70rem, calc(100vw - 2rem)";

/// Images made into widths per round.
const ROUND_BATCH: i64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum WidthsError {
    #[error(transparent)]
    Image(#[from] ImageWidthsError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("image file {0}: {1}")]
    File(String, #[source] StorageError),
    #[error("image file {0}: not found")]
    Missing(String),
    #[error("image work stopped: {0}")]
    Blocking(#[from] tokio::task::JoinError),
}

/// Decodes and resizes `bytes` on the blocking pool.
pub async fn derive(bytes: Vec<u8>) -> Result<Derived, WidthsError> {
    Ok(tokio::task::spawn_blocking(move || image_widths::derive(&bytes)).await??)
}

/// Stores the widths of the image `name` (row `image_id`, of `content_type`) beside it and
/// records them with the image's own size; a GIF, which may be animated, gets its size only
/// (widths would be stills of its first frame). Nothing half-saved: the files go when the rows
/// are not recorded.
pub async fn store(
    db: &Db,
    storage: &Storage,
    image_id: i64,
    name: &str,
    content_type: &str,
    derived: &Derived,
) -> Result<(), WidthsError> {
    let widths = if content_type == "image/gif" {
        &[][..]
    } else {
        &derived.widths[..]
    };
    let stem = name.split('.').next().unwrap_or(name);
    let files: Vec<String> = widths
        .iter()
        .map(|w| format!("{stem}-{}w.{}", w.width, w.extension))
        .collect();
    let keys: Vec<StorageKey> = files
        .iter()
        .map(|file| image_key(file).map_err(|e| WidthsError::File(file.clone(), e.into())))
        .collect::<Result<_, _>>()?;
    let written = async {
        for ((file, key), width) in files.iter().zip(&keys).zip(widths) {
            storage
                .put_bytes(key, width.bytes.clone())
                .await
                .map_err(|e| WidthsError::File(file.clone(), e))?;
        }
        let mut tx = db.begin_write().await?;
        for (file, width) in files.iter().zip(widths) {
            sqlx::query("INSERT INTO fiche_image_widths (image_id, width, height, name, content_type, bytes) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(image_id)
                .bind(i64::from(width.width))
                .bind(i64::from(width.height))
                .bind(file)
                .bind(width.content_type)
                .bind(width.bytes.len() as i64)
                .execute(&mut *tx)
                .await?;
        }
        record_size(&mut *tx, image_id, derived.width, derived.height).await?;
        tx.commit().await?;
        Ok::<_, WidthsError>(())
    }
    .await;
    if written.is_err() {
        for key in &keys {
            let _ = storage.delete(key).await;
        }
    }
    written
}

async fn record_size<'c, E>(
    db: E,
    image_id: i64,
    width: u32,
    height: u32,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE fiche_images SET width = $1, height = $2 WHERE id = $3")
        .bind(i64::from(width))
        .bind(i64::from(height))
        .bind(image_id)
        .execute(db)
        .await?;
    Ok(())
}

/// An image's own size and its widths (width, file name), narrowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes {
    pub width: i64,
    pub height: i64,
    pub widths: Vec<(i64, String)>,
}

#[derive(sqlx::FromRow)]
struct SizeRow {
    image: String,
    width: i64,
    height: i64,
    each_width: i64,
    file: String,
}

/// `html` (stored, sanitised) with each of our images given its widths (`srcset`, `sizes`),
/// its size (`width`, `height`: the page keeps its place before it loads) and lazy loading.
pub async fn with_widths(db: &Db, html: String) -> Result<String, sqlx::Error> {
    let names = image_names(&html);
    if names.is_empty() {
        return Ok(html);
    }
    let mut sql = Sql::new(
        "SELECT i.name AS image, i.width, i.height, w.width AS each_width, w.name AS file \
         FROM fiche_images i JOIN fiche_image_widths w ON w.image_id = i.id WHERE i.name IN (",
    );
    sql.push_binds(names).push(") ORDER BY i.name, w.width");
    let rows: Vec<SizeRow> = sql.query_as().fetch_all(&db.pool).await?;
    let mut sizes: HashMap<String, Sizes> = HashMap::new();
    for row in rows {
        sizes
            .entry(row.image)
            .or_insert_with(|| Sizes {
                width: row.width,
                height: row.height,
                widths: Vec::new(),
            })
            .widths
            .push((row.each_width, row.file));
    }
    Ok(add_widths(&html, &sizes))
}

/// The names of our images that `html` shows (`<img src="/innovation/images/…">`).
fn image_names(html: &str) -> Vec<String> {
    let marker = format!("<img src=\"{URL_PREFIX}");
    let mut names: Vec<String> = html
        .match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Inserts the attributes right after each known image's `src` (so they come before any the
/// author wrote: the first of two same-named attributes counts).
fn add_widths(html: &str, sizes: &HashMap<String, Sizes>) -> String {
    let marker = format!("<img src=\"{URL_PREFIX}");
    let mut out = String::with_capacity(html.len() + sizes.len() * 300);
    let mut rest = html;
    while let Some(at) = rest.find(&marker) {
        let after_marker = &rest[at + marker.len()..];
        let Some(end) = after_marker.find('"') else {
            break;
        };
        let name = &after_marker[..end];
        let src_end = at + marker.len() + end + 1;
        out.push_str(&rest[..src_end]);
        if let Some(image) = sizes
            .get(name)
            .filter(|s| s.width > 0 && !s.widths.is_empty())
        {
            let srcset: Vec<String> = image
                .widths
                .iter()
                .map(|(width, file)| format!("{URL_PREFIX}{file} {width}w"))
                .collect();
            out.push_str(&format!(
                " srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"",
                srcset.join(", "),
                image.width,
                image.height
            ));
        }
        rest = &rest[src_end..];
    }
    out.push_str(rest);
    out
}

/// Images uploaded before widths existed get theirs: at the first start, then every hour for
/// any left over.
pub fn round() -> Round {
    Round {
        name: "innovation.image_widths",
        every: Duration::from_secs(3600),
        first_at_once: true,
        run: |app| Box::pin(run_round(app)),
    }
}

async fn run_round(app: AppState) -> Result<(), JobError> {
    let pending: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, content_type FROM fiche_images WHERE width IS NULL ORDER BY id LIMIT $1",
    )
    .bind(ROUND_BATCH)
    .fetch_all(&app.db.pool)
    .await?;
    for (id, name, content_type) in pending {
        let read = match image_key(&name) {
            Ok(key) => app.storage.read_bytes(&key).await,
            Err(error) => Err(error.into()),
        };
        let made = match read {
            Ok(Some(bytes)) => match derive(bytes.to_vec()).await {
                Ok(derived) => {
                    store(&app.db, &app.storage, id, &name, &content_type, &derived).await
                }
                Err(error) => Err(error),
            },
            Ok(None) => Err(WidthsError::Missing(name.clone())),
            Err(error) => Err(WidthsError::File(name.clone(), error)),
        };
        match made {
            Ok(()) => tracing::info!(image = name, "image widths made"),
            Err(WidthsError::Db(error)) => return Err(error.into()),
            // Served as it is from now on; not tried again.
            Err(error) => {
                tracing::warn!(image = name, %error, "image widths not made");
                record_size(&app.db.pool, id, 0, 0).await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_images_get_their_widths_and_others_stay() {
        let html = "<p><img src=\"/innovation/images/a.png\" alt=\"A\"> \
                    <img src=\"/innovation/images/b.png\" alt=\"B\"> \
                    <img src=\"https://elsewhere.example/x.png\" alt=\"C\"></p>";
        assert_eq!(image_names(html), ["a.png", "b.png"]);
        let sizes = HashMap::from([(
            "a.png".to_string(),
            Sizes {
                width: 2000,
                height: 1000,
                widths: vec![(480, "a-480w.jpg".into()), (960, "a-960w.jpg".into())],
            },
        )]);
        let out = add_widths(html, &sizes);
        assert!(out.contains(
            "<img src=\"/innovation/images/a.png\" srcset=\"/innovation/images/a-480w.jpg 480w, /innovation/images/a-960w.jpg 960w\" sizes=\""
        ), "{out}");
        assert!(
            out.contains(
                "width=\"2000\" height=\"1000\" loading=\"lazy\" decoding=\"async\" alt=\"A\">"
            ),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"/innovation/images/b.png\" alt=\"B\">"),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"https://elsewhere.example/x.png\" alt=\"C\">"),
            "{out}"
        );
    }
}
