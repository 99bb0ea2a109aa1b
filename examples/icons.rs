//! Draws the app's icons into `public/` from the geometry of `public/favicon.svg` (a portico on
//! the brand blue, 32 units square): `icon-192.png` and `icon-512.png` (rounded, transparent
//! corners), `icon-maskable-512.png` (full bleed, the portico inside the central safe circle
//! that launchers keep whatever shape they cut), `apple-touch-icon.png` (180 px, full bleed:
//! iOS rounds it itself and shows transparency as black) and `favicon.ico` (16, 32 and 48 px).
//!
//! Run again after changing the drawing: `cargo run --features ssr --example icons`.

use image::{
    codecs::ico::{IcoEncoder, IcoFrame},
    ExtendedColorType, ImageFormat, Rgba, RgbaImage,
};
use std::path::Path;

/// `--brand` in style/main.css.
const BRAND: Rgba<u8> = Rgba([0x1d, 0x3f, 0x8f, 0xff]);
const WHITE: Rgba<u8> = Rgba([0xff, 0xff, 0xff, 0xff]);
/// Samples per pixel along each axis (16 per pixel): smooth edges.
const SAMPLES: u32 = 4;

/// How an icon frames the drawing.
#[derive(Clone, Copy)]
enum Frame {
    /// Rounded corners (6 of 32 units), transparent outside.
    Rounded,
    /// The whole square blue; the portico scaled by this factor about the centre.
    FullBleed(f64),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    draw(192, Frame::Rounded).save_with_format(public.join("icon-192.png"), ImageFormat::Png)?;
    draw(512, Frame::Rounded).save_with_format(public.join("icon-512.png"), ImageFormat::Png)?;
    // The portico spans 20 of 32 units; at 0.8 its corners stay inside the safe circle
    // (diameter 80 % of the icon).
    draw(512, Frame::FullBleed(0.8))
        .save_with_format(public.join("icon-maskable-512.png"), ImageFormat::Png)?;
    draw(180, Frame::FullBleed(1.0))
        .save_with_format(public.join("apple-touch-icon.png"), ImageFormat::Png)?;
    let frames = [16, 32, 48]
        .into_iter()
        .map(|size| {
            let icon = draw(size, Frame::Rounded);
            IcoFrame::as_png(icon.as_raw(), size, size, ExtendedColorType::Rgba8)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let ico = std::fs::File::create(public.join("favicon.ico"))?;
    IcoEncoder::new(ico).encode_images(&frames)?;
    Ok(())
}

/// The icon at `size` pixels square.
fn draw(size: u32, frame: Frame) -> RgbaImage {
    RgbaImage::from_fn(size, size, |x, y| {
        let (mut blue, mut white) = (0u32, 0u32);
        for i in 0..SAMPLES {
            for j in 0..SAMPLES {
                // The sample's position in the drawing's 32 units.
                let u = (f64::from(x) + (f64::from(i) + 0.5) / f64::from(SAMPLES)) * 32.0
                    / f64::from(size);
                let v = (f64::from(y) + (f64::from(j) + 0.5) / f64::from(SAMPLES)) * 32.0
                    / f64::from(size);
                let (inside, scale) = match frame {
                    Frame::Rounded => (in_rounded_square(u, v), 1.0),
                    Frame::FullBleed(scale) => (true, scale),
                };
                if !inside {
                    continue;
                }
                if in_portico(16.0 + (u - 16.0) / scale, 16.0 + (v - 16.0) / scale) {
                    white += 1;
                } else {
                    blue += 1;
                }
            }
        }
        blend(blue, white)
    })
}

/// The average of the samples: blue and white weighted, alpha the share covered.
fn blend(blue: u32, white: u32) -> Rgba<u8> {
    let covered = blue + white;
    if covered == 0 {
        return Rgba([0, 0, 0, 0]);
    }
    let channel =
        |c: usize| ((u32::from(BRAND[c]) * blue + u32::from(WHITE[c]) * white) / covered) as u8;
    let alpha = (255 * covered / (SAMPLES * SAMPLES)) as u8;
    Rgba([channel(0), channel(1), channel(2), alpha])
}

/// `<rect width="32" height="32" rx="6"/>`.
fn in_rounded_square(u: f64, v: f64) -> bool {
    let radius = 6.0;
    let cx = u.clamp(radius, 32.0 - radius);
    let cy = v.clamp(radius, 32.0 - radius);
    (u - cx).powi(2) + (v - cy).powi(2) <= radius * radius
        && (0.0..=32.0).contains(&u)
        && (0.0..=32.0).contains(&v)
}

/// The white path: a base step, a pediment and three columns.
fn in_portico(u: f64, v: f64) -> bool {
    let rect =
        |x0: f64, y0: f64, x1: f64, y1: f64| (x0..=x1).contains(&u) && (y0..=y1).contains(&v);
    // M8 12h16l-8-6z: the triangle (8,12) (24,12) (16,6).
    let pediment = (6.0..=12.0).contains(&v) && (u - 16.0).abs() <= (v - 6.0) * 8.0 / 6.0;
    rect(6.0, 24.0, 26.0, 26.0)
        || pediment
        || rect(9.0, 13.0, 11.0, 23.0)
        || rect(15.0, 13.0, 17.0, 23.0)
        || rect(21.0, 13.0, 23.0, 23.0)
}
