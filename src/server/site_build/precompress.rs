//! Brotli and gzip siblings (`x.wasm.br`, `x.wasm.gz`) of the site's compressible files, which
//! `server::static_files` serves to clients that accept them.

use super::SiteBuildError;
use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

/// The encodings written, as the file-name suffix `ServeDir` looks for.
pub const SUFFIXES: [&str; 2] = ["br", "gz"];

/// Files of these types gain from compression; images and fonts are compressed already.
const COMPRESSIBLE: [&str; 13] = [
    "wasm",
    "js",
    "mjs",
    "css",
    "html",
    "svg",
    "json",
    "webmanifest",
    "txt",
    "xml",
    "map",
    "ico",
    "ftl",
];

/// Smaller files go out as they are (`server::compression::MIN_BYTES` for dynamic answers).
const MIN_BYTES: u64 = crate::server::compression::MIN_BYTES as u64;

/// Up to this size a release site's file gets brotli's best quality (11, about 1 MB/s here);
/// above it quality 9 (none of a release build's files is that large today).
const BEST_QUALITY_UP_TO: usize = 4 * 1024 * 1024;

/// Whether to compress quickly rather than best: when the binary preparing the site is a debug
/// build, so is the site (`scripts/build-site` runs the binary it just built), and its 40 MB of
/// unoptimised WASM, sent to browsers on this machine only, took over two minutes at the best
/// levels. A release site always gets the best levels.
pub const QUICK: bool = cfg!(debug_assertions);

/// A sibling is kept only when it saves at least this share of the bytes (a PNG icon does not).
const MIN_SAVING_PERCENT: usize = 5;

/// Whether `path` is a file worth compressing, by its extension and size.
pub fn is_compressible(path: &Path) -> bool {
    let by_type = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e));
    by_type && fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() >= MIN_BYTES)
}

/// `path` with `.suffix` added to its name (`x.wasm` → `x.wasm.br`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `path` is itself a sibling written here.
pub fn is_sibling(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SUFFIXES.contains(&e))
}

/// Whether both siblings of `path` exist and are at least as recent as it.
pub fn has_fresh_siblings(path: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(source) = modified(path) else {
        return false;
    };
    SUFFIXES
        .iter()
        .all(|suffix| modified(&sibling(path, suffix)).is_some_and(|time| time >= source))
}

/// Writes the brotli and gzip siblings of `path` (each only when it saves enough); returns how
/// many it wrote.
pub fn compress(path: &Path) -> Result<usize, SiteBuildError> {
    let data = fs::read(path).map_err(SiteBuildError::io(path))?;
    let mut written = 0;
    for suffix in SUFFIXES {
        let packed = match suffix {
            "br" => brotli_bytes(&data),
            _ => gzip_bytes(&data),
        }
        .map_err(SiteBuildError::io(path))?;
        let target = sibling(path, suffix);
        if packed.len() * 100 <= data.len() * (100 - MIN_SAVING_PERCENT) {
            // Whole: a sibling newer than its source is served without another look.
            super::write_whole(&target, |partial| fs::write(partial, packed))?;
            written += 1;
        } else if target.exists() {
            fs::remove_file(&target).map_err(SiteBuildError::io(&target))?;
        }
    }
    Ok(written)
}

fn brotli_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let quality = if QUICK {
        5
    } else if data.len() <= BEST_QUALITY_UP_TO {
        11
    } else {
        9
    };
    // A 16 MB window (the largest standard one): WASM repeats itself across megabytes.
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, quality, 24);
    writer.write_all(data)?;
    writer.flush()?;
    Ok(writer.into_inner())
}

fn gzip_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let level = if QUICK {
        flate2::Compression::default()
    } else {
        flate2::Compression::best()
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(data)?;
    encoder.finish()
}
