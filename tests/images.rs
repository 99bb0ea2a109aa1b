//! Fiche images: a large photo stored in a few widths (never upscaled) and offered with
//! `srcset`, `sizes` and its dimensions; decompression bombs and broken files refused with a
//! message; images uploaded before widths existed given theirs by the round.

mod common;

use common::fiches::{form, newsroom, save, submit_and_publish, PASSWORD};
use common::TestApp;
use image::{codecs::jpeg::JpegEncoder, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::io::Write;

/// A photo-like picture (gradients with fine detail) as JPEG, at the best quality that stays
/// under the upload limit (2 MB).
fn photo(width: u32, height: u32) -> Vec<u8> {
    [92, 85, 75, 60, 40]
        .into_iter()
        .map(|quality| photo_at(width, height, quality))
        .find(|bytes| bytes.len() < 1_900_000)
        .expect("a quality under the limit")
}

fn photo_at(width: u32, height: u32, quality: u8) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        let ripple = ((x * 7 + y * 13) % 17) as u8 * 6;
        Rgb([
            (x * 255 / width) as u8 ^ ripple,
            (y * 255 / height) as u8,
            ((x + y) % 256) as u8 / 2 + ripple,
        ])
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("JPEG");
    bytes
}

/// A small logo with transparent corners, as PNG.
fn logo(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbaImage::from_fn(width, height, |x, y| {
        if x < 10 && y < 10 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([29, 63, 143, 255])
        }
    });
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("PNG");
    bytes
}

/// A PNG whose header claims `width` × `height` RGB pixels, with a few kilobytes of
/// compressed zeros for data: what a decompression bomb looks like to a decoder.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut zeros = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    zeros
        .write_all(&vec![0u8; 4 * 1024 * 1024])
        .expect("deflate");
    let data = zeros.finish().expect("deflate");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &data);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Uploads `bytes` to fiche `id`: (status, the address the browser is sent back to).
async fn upload(app: &TestApp, who: &reqwest::Client, id: i64, bytes: Vec<u8>) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("photo");
    let form = reqwest::multipart::Form::new()
        .text("fiche", id.to_string())
        .part("image", part);
    let response = who
        .post(app.url("/innovation/images"))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (response.status().as_u16(), location)
}

/// The widths recorded for the image at `url`: (width, height, file name, content type, bytes).
async fn widths_of(app: &TestApp, url: &str) -> Vec<(i64, i64, String, String, i64)> {
    let name = url.rsplit('/').next().expect("name");
    sqlx::query_as(
        "SELECT w.width, w.height, w.name, w.content_type, w.bytes FROM fiche_image_widths w \
         JOIN fiche_images i ON i.id = w.image_id WHERE i.name = $1 ORDER BY w.width",
    )
    .bind(name)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("widths")
}

async fn own_size(app: &TestApp, url: &str) -> (Option<i64>, Option<i64>) {
    let name = url.rsplit('/').next().expect("name");
    sqlx::query_as("SELECT width, height FROM fiche_images WHERE name = $1")
        .bind(name)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("image row")
}

async fn draft(app: &TestApp, author: &reqwest::Client, field: i64) -> i64 {
    let body = "Le texte de la fiche, assez long pour passer les vérifications de longueur, avec une image plus bas.";
    save(app, author, None, &form(field, "Une fiche illustrée", body))
        .await
        .1
        .expect("saved")
}

/// Publishes fiche `id` with `markdown` as its text, and returns its page.
async fn publish_with(
    app: &TestApp,
    author: &reqwest::Client,
    field: i64,
    id: i64,
    markdown: &str,
) -> scraper::Html {
    let editor = app.sign_in("editor@example.org", PASSWORD).await;
    save(
        app,
        author,
        Some(id),
        &form(field, "Une fiche illustrée", markdown),
    )
    .await
    .1
    .expect("saved");
    submit_and_publish(app, author, &editor, id).await;
    let html = app
        .client()
        .get(app.url(&format!("/innovation/fiches/{id}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    scraper::Html::parse_document(&html)
}

fn image_address(location: &str) -> String {
    location
        .split("image=")
        .nth(1)
        .unwrap_or_else(|| panic!("no image address in {location}"))
        .to_string()
}

#[tokio::test]
async fn a_large_photo_is_stored_in_widths_and_offered_with_srcset() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let id = draft(&app, &author, field).await;
    let original = photo(2400, 1600);
    assert!(
        original.len() > 400_000,
        "a heavy photo: {} bytes",
        original.len()
    );
    let (status, location) = upload(&app, &author, id, original.clone()).await;
    assert_eq!(status, 303, "{location}");
    let url = image_address(&location);

    assert_eq!(own_size(&app, &url).await, (Some(2400), Some(1600)));
    let widths = widths_of(&app, &url).await;
    let dimensions: Vec<(i64, i64)> = widths.iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(dimensions, [(480, 320), (960, 640), (1600, 1067)]);
    for (width, height, name, content_type, bytes) in &widths {
        assert_eq!(content_type, "image/jpeg");
        let served = app
            .client()
            .get(app.url(&format!("/innovation/images/{name}")))
            .send()
            .await
            .expect("width");
        assert_eq!(served.status(), 200);
        assert_eq!(
            served
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("image/jpeg")
        );
        let body = served.bytes().await.expect("bytes");
        assert_eq!(body.len() as i64, *bytes);
        assert!(
            body.len() < original.len() / 2,
            "{name}: {} bytes",
            body.len()
        );
        let decoded = image::load_from_memory(&body).expect("decodes");
        assert_eq!(
            (i64::from(decoded.width()), i64::from(decoded.height())),
            (*width, *height)
        );
    }
    // The upload stays, as the text names it.
    let served = app
        .client()
        .get(app.url(&url))
        .send()
        .await
        .expect("original");
    assert_eq!(served.bytes().await.expect("bytes").len(), original.len());

    let page = publish_with(
        &app,
        &author,
        field,
        id,
        &format!("Le quai.\n\n![Le quai]({url})"),
    )
    .await;
    let selector = scraper::Selector::parse(".fiche-body img").expect("selector");
    let img = page
        .select(&selector)
        .next()
        .expect("the image on the page");
    let attr = |name: &str| img.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(attr("src"), url);
    assert_eq!(attr("alt"), "Le quai");
    assert_eq!(
        (attr("width").as_str(), attr("height").as_str()),
        ("2400", "1600")
    );
    let srcset: Vec<(String, String)> = attr("srcset")
        .split(", ")
        .map(|candidate| {
            let (address, width) = candidate.split_once(' ').expect("address and width");
            (address.to_string(), width.to_string())
        })
        .collect();
    let expected: Vec<(String, String)> = widths
        .iter()
        .map(|w| (format!("/innovation/images/{}", w.2), format!("{}w", w.0)))
        .collect();
    assert_eq!(srcset, expected);
    assert!(attr("sizes").contains("100vw"), "{}", attr("sizes"));
    assert_eq!(attr("loading"), "lazy");
}

#[tokio::test]
async fn a_small_picture_is_never_upscaled_and_keeps_its_transparency() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let id = draft(&app, &author, field).await;
    let (_, location) = upload(&app, &author, id, logo(300, 200)).await;
    let url = image_address(&location);
    assert_eq!(own_size(&app, &url).await, (Some(300), Some(200)));
    let widths = widths_of(&app, &url).await;
    assert_eq!(widths.len(), 1, "{widths:?}");
    assert_eq!(
        (widths[0].0, widths[0].1, widths[0].3.as_str()),
        (300, 200, "image/png")
    );
}

#[tokio::test]
async fn bombs_and_broken_images_are_refused_with_a_message() {
    let (app, field) = newsroom().await;
    let author = app.sign_in("author@example.org", PASSWORD).await;
    let id = draft(&app, &author, field).await;
    let whole = image::load_from_memory(&photo(400, 300)).expect("photo");
    let mut png = Vec::new();
    whole
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("PNG");
    let truncated = png[..png.len() / 2].to_vec();
    // A bomb is small: a few kilobytes standing for gigabytes of pixels.
    assert!(bomb(30_000, 30_000).len() < 20_000);
    for (bytes, key, message) in [
        // 30,000 × 30,000: 2.7 GB once decoded, from a file of a few kilobytes.
        (
            bomb(30_000, 30_000),
            "field-image-too-many-pixels",
            "trop de pixels",
        ),
        // Within the longest side, beyond the pixel count (64 megapixels).
        (
            bomb(8_000, 8_000),
            "field-image-too-many-pixels",
            "trop de pixels",
        ),
        (truncated, "field-image-undecodable", "illisible"),
    ] {
        let (status, location) = upload(&app, &author, id, bytes).await;
        assert_eq!(status, 303, "{key}: {location}");
        assert!(
            location.ends_with(&format!("image_error={key}")),
            "{location}"
        );
        let desk = author.get(app.url(&location)).send().await.expect("desk");
        assert_eq!(desk.status(), 200);
        assert!(desk.text().await.expect("html").contains(message), "{key}");
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM fiche_images")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(stored, 0, "nothing kept of refused images");
}

#[tokio::test]
async fn images_uploaded_before_get_their_widths_from_the_round() {
    let (app, _) = newsroom().await;
    let dir = app.state.config.server.data_dir.join("images");
    std::fs::create_dir_all(&dir).expect("folder");
    for (name, bytes) in [
        ("0a.jpg", photo(1200, 900)),
        ("0b.png", b"\x89PNG\r\n\x1a\nbroken".to_vec()),
    ] {
        std::fs::write(dir.join(name), &bytes).expect("file");
        sqlx::query("INSERT INTO fiche_images (name, owner_id, content_type, bytes, created_at) VALUES ($1, NULL, $2, $3, 0)")
            .bind(name)
            .bind(if name.ends_with("jpg") { "image/jpeg" } else { "image/png" })
            .bind(bytes.len() as i64)
            .execute(&app.state.db.pool)
            .await
            .expect("old image");
    }
    let round = parvis::innovation::server::image_widths::round();
    (round.run)(app.state.clone()).await.expect("round");

    let url = "/innovation/images/0a.jpg";
    assert_eq!(own_size(&app, url).await, (Some(1200), Some(900)));
    let dimensions: Vec<(i64, i64)> = widths_of(&app, url)
        .await
        .iter()
        .map(|w| (w.0, w.1))
        .collect();
    assert_eq!(dimensions, [(480, 360), (960, 720), (1200, 900)]);
    // One that does not decode is served as it is, and not tried again.
    assert_eq!(
        own_size(&app, "/innovation/images/0b.png").await,
        (Some(0), Some(0))
    );
    assert!(widths_of(&app, "/innovation/images/0b.png")
        .await
        .is_empty());
}
