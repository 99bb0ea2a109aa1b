//! What follows `cargo leptos build` (`parvis prepare-site`, run by `scripts/build-site`, which
//! every script that builds calls): each language's messages written as hashed files for the
//! browser (`server::messages_file`), the hashed bundle files of earlier builds brought back for
//! pages still open on them, and brotli and gzip siblings written beside every compressible
//! file of the site.
//!
//! cargo-leptos empties the site folder at each build, so the hashed files live on in a folder
//! beside it (`<site_root>-kept`, e.g. `target/site-kept`): a page loaded before a deploy asks
//! for its own `pkg/parvis.<hash>.wasm` (and, with `--split`, chunks of the same build, maybe
//! hours later). A kept file's modification time is the last build it belonged to; it is
//! deleted once no build has used it for the kept period (48 hours unless `--keep-hours`).
//! On a new machine (a container image) that folder must persist across deploys, like `data/`.

mod kept;
mod precompress;

use super::asset_names;
use super::messages_file;
use crate::i18n::Locale;
use std::{
    fs,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

pub use precompress::sibling;

/// How long a hashed file no build uses any more stays available, by default.
pub const DEFAULT_KEEP_HOURS: u64 = 48;

#[derive(Debug, thiserror::Error)]
pub enum SiteBuildError {
    #[error("{0} is not a built site (no pkg/ folder): run `cargo leptos build` first")]
    NotBuilt(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl SiteBuildError {
    /// Maps an I/O error on `path`.
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteBuildError + '_ {
        move |source| SiteBuildError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What one run did, for the build log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Compressed siblings written.
    pub compressed: usize,
    /// Hashed files of this build whose siblings came from the kept folder (same name, same
    /// bytes), not compressed again.
    pub reused: usize,
    /// Hashed files of earlier builds put back into the site.
    pub restored: usize,
    /// Kept files no build has used for the kept period, deleted.
    pub pruned: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} compressed files written, {} reused, {} files of earlier builds kept, {} older ones deleted",
            self.compressed, self.reused, self.restored, self.pruned
        )
    }
}

/// The folder where the hashed files of `site_root` outlive the next build: `<site>-kept` for a
/// release site, `<site>-kept-debug` for a debug one. Both kinds of build write the same site
/// folder but compress differently (`precompress::QUICK`), and a file that is the same in both
/// (the messages) must not bring a debug build's quick siblings into a release site.
pub fn kept_dir(site_root: &Path) -> PathBuf {
    let name = site_root
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let kind = if precompress::QUICK { "-debug" } else { "" };
    site_root.with_file_name(format!("{name}-kept{kind}"))
}

/// Prepares the site cargo-leptos just built in `site_root`, keeping files of earlier builds
/// unused for less than `keep_for` (counted back from `now`).
pub fn prepare(
    site_root: &Path,
    keep_for: Duration,
    now: SystemTime,
) -> Result<Report, SiteBuildError> {
    let pkg = site_root.join("pkg");
    if !pkg.is_dir() {
        return Err(SiteBuildError::NotBuilt(site_root.to_path_buf()));
    }
    let kept = kept::Kept::new(kept_dir(site_root).join("pkg"));
    let mut report = Report::default();
    write_messages(&pkg)?;

    // This build's hashed files: recorded as used now, their siblings reused when kept.
    let current = hashed_sources(&pkg)?;
    for file in &current {
        if kept.reuse_siblings(&pkg, file)? {
            report.reused += 1;
        }
    }
    // Every compressible file of the site without fresh siblings (all of them after a build).
    for path in files(site_root)? {
        if precompress::is_compressible(&path) && !precompress::has_fresh_siblings(&path) {
            report.compressed += precompress::compress(&path)?;
        }
    }
    for file in &current {
        kept.record(&pkg, file, now)?;
    }
    // Earlier builds' files: deleted after the kept period, else put back.
    let oldest_kept = now.checked_sub(keep_for).unwrap_or(SystemTime::UNIX_EPOCH);
    report.pruned = kept.prune(&current, oldest_kept)?;
    report.restored = kept.restore(&pkg, &current)?;
    Ok(report)
}

/// Each language's messages for the browser, under `pkg/messages/` (cargo-leptos emptied the
/// folder; an unchanged file is not written again).
fn write_messages(pkg: &Path) -> Result<(), SiteBuildError> {
    let dir = pkg.join(messages_file::DIR);
    fs::create_dir_all(&dir).map_err(SiteBuildError::io(&dir))?;
    for locale in Locale::ALL {
        let path = dir.join(messages_file::file_name(locale));
        if !path.is_file() {
            write_whole(&path, |partial| fs::write(partial, messages_file::text(locale)))?;
        }
    }
    Ok(())
}

/// Writes `to` through a temporary name beside it (`<to>.partial`, written by `write`, then
/// renamed), so an interrupted run never leaves a partial file under a name that is trusted
/// as it stands: a hashed file, or a compressed sibling newer than its source.
fn write_whole(
    to: &Path,
    write: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), SiteBuildError> {
    let partial = precompress::sibling(to, "partial");
    write(&partial).map_err(SiteBuildError::io(&partial))?;
    fs::rename(&partial, to).map_err(SiteBuildError::io(to))
}

/// The hashed files under `pkg` (not their compressed siblings), relative to it.
fn hashed_sources(pkg: &Path) -> Result<Vec<PathBuf>, SiteBuildError> {
    Ok(files(pkg)?
        .into_iter()
        .filter(|path| !precompress::is_sibling(path))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(asset_names::is_hashed)
        })
        .filter_map(|path| path.strip_prefix(pkg).ok().map(Path::to_path_buf))
        .collect())
}

/// Every file under `dir`, at any depth.
fn files(dir: &Path) -> Result<Vec<PathBuf>, SiteBuildError> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).map_err(SiteBuildError::io(&folder))? {
            let path = entry.map_err(SiteBuildError::io(&folder))?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.is_file() {
                found.push(path);
            }
        }
    }
    Ok(found)
}
