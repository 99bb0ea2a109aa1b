//! An uploaded picture made into the few widths a page offers in `srcset`, so a phone loads a
//! 480-pixel JPEG instead of a 2 MB photo. Decoding is bounded: the header's dimensions are
//! checked before any pixel is decoded (a small file can claim 30,000 × 30,000 pixels, several
//! gigabytes once decoded), and the decoder's allocations are capped. Work for the blocking
//! pool: decoding and resizing take tens of milliseconds.

use image::{
    codecs::{
        jpeg::JpegEncoder,
        png::{CompressionType, FilterType as PngFilter, PngEncoder},
    },
    imageops::FilterType,
    DynamicImage, ImageDecoder, ImageReader, Limits,
};
use std::io::Cursor;

/// The widths offered, in pixels. A picture narrower than one gets its own width instead:
/// never upscaled.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// Longest side accepted, in pixels (checked from the header, before decoding).
pub const MAX_SIDE: u32 = 12_000;
/// Most pixels accepted (a 40-megapixel photo decodes to 120 MB of RGB).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Most memory the decoder may allocate at once.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// JPEG quality of the widths: photos look the same at a third of the bytes.
const JPEG_QUALITY: u8 = 82;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImageWidthsError {
    /// Not a picture the decoder reads (a truncated or corrupt file, an unknown format).
    #[error("the image does not decode: {0}")]
    Undecodable(String),
    /// More pixels than [`MAX_SIDE`] / [`MAX_PIXELS`] allow, or than the decoder may allocate.
    #[error("the image has more pixels than accepted ({MAX_SIDE} per side, {MAX_PIXELS} in all)")]
    TooManyPixels,
}

/// One width of a picture, encoded.
#[derive(Debug)]
pub struct Resized {
    pub width: u32,
    pub height: u32,
    pub content_type: &'static str,
    /// File extension matching `content_type`.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// A picture's own size (upright, after its EXIF orientation) and its widths, narrowest first.
#[derive(Debug)]
pub struct Derived {
    pub width: u32,
    pub height: u32,
    pub widths: Vec<Resized>,
}

/// Decodes `bytes` within the limits and makes each width of [`WIDTHS`] (or the picture's own
/// when narrower): JPEG when the picture is opaque, PNG when it has transparent pixels.
pub fn derive(bytes: &[u8]) -> Result<Derived, ImageWidthsError> {
    let picture = decode(bytes)?;
    let (width, height) = (picture.width(), picture.height());
    let transparent = picture.has_alpha() && has_transparent_pixel(&picture);
    let mut targets: Vec<u32> = WIDTHS.iter().map(|w| (*w).min(width)).collect();
    targets.dedup();
    let widths = targets
        .into_iter()
        .map(|target| {
            let resized = if target == width {
                picture.clone()
            } else {
                let target_height = scaled_height(width, height, target);
                picture.resize_exact(target, target_height, FilterType::Lanczos3)
            };
            encode(&resized, transparent)
        })
        .collect::<Result<_, _>>()?;
    Ok(Derived {
        width,
        height,
        widths,
    })
}

/// `height` scaled as `width` becomes `target`, rounded, at least 1.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    scaled.clamp(1, u64::from(u32::MAX)) as u32
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, ImageWidthsError> {
    let undecodable = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => ImageWidthsError::TooManyPixels,
        other => ImageWidthsError::Undecodable(other.to_string()),
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageWidthsError::Undecodable(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(undecodable)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageWidthsError::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(undecodable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(undecodable)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// Whether any pixel is not fully opaque (read in place for the usual layouts: no copy).
fn has_transparent_pixel(picture: &DynamicImage) -> bool {
    match picture {
        DynamicImage::ImageRgba8(pixels) => pixels.pixels().any(|p| p[3] < u8::MAX),
        DynamicImage::ImageLumaA8(pixels) => pixels.pixels().any(|p| p[1] < u8::MAX),
        DynamicImage::ImageRgba16(pixels) => pixels.pixels().any(|p| p[3] < u16::MAX),
        DynamicImage::ImageLumaA16(pixels) => pixels.pixels().any(|p| p[1] < u16::MAX),
        other => other.to_rgba8().pixels().any(|p| p[3] < u8::MAX),
    }
}

fn encode(picture: &DynamicImage, transparent: bool) -> Result<Resized, ImageWidthsError> {
    let mut bytes = Vec::new();
    let failed = |e: image::ImageError| ImageWidthsError::Undecodable(e.to_string());
    let (content_type, extension) = if transparent {
        let encoder =
            PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, PngFilter::Adaptive);
        picture
            .to_rgba8()
            .write_with_encoder(encoder)
            .map_err(failed)?;
        ("image/png", "png")
    } else {
        let encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
        picture
            .to_rgb8()
            .write_with_encoder(encoder)
            .map_err(failed)?;
        ("image/jpeg", "jpg")
    };
    Ok(Resized {
        width: picture.width(),
        height: picture.height(),
        content_type,
        extension,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(1000, 1, 480), 1);
        assert_eq!(scaled_height(3, 1000, 1), 333);
    }
}
