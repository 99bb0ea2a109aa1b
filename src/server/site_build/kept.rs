//! The kept folder: a copy of each hashed bundle file (with its compressed siblings) whose
//! modification time is the last build that used it.

use super::{files, precompress, SiteBuildError};
use std::{
    fs,
    path::{Path, PathBuf},
    time::SystemTime,
};

/// The kept copy of a site's `pkg/` folder.
pub struct Kept {
    dir: PathBuf,
}

impl Kept {
    pub fn new(dir: PathBuf) -> Kept {
        Kept { dir }
    }

    /// When `file` (relative to `pkg`) is kept with the same bytes, copies its kept siblings
    /// beside it, so they need not be compressed again. Whether any was. The bytes are compared,
    /// not trusted to the name: a sibling of other bytes under the same name (a name whose hash
    /// was not of the final file) would send a browser a stale file.
    pub fn reuse_siblings(&self, pkg: &Path, file: &Path) -> Result<bool, SiteBuildError> {
        let kept = self.dir.join(file);
        if !kept.is_file() || !same_bytes(&kept, &pkg.join(file)) {
            return Ok(false);
        }
        let mut reused = false;
        for suffix in precompress::SUFFIXES {
            let from = precompress::sibling(&kept, suffix);
            if from.is_file() {
                let to = precompress::sibling(&pkg.join(file), suffix);
                fs::copy(&from, &to).map_err(SiteBuildError::io(&to))?;
                reused = true;
            }
        }
        Ok(reused)
    }

    /// Keeps `file` of this build (relative to `pkg`) with its siblings, marked as used `now`.
    pub fn record(&self, pkg: &Path, file: &Path, now: SystemTime) -> Result<(), SiteBuildError> {
        let source = pkg.join(file);
        let kept = self.dir.join(file);
        if let Some(parent) = kept.parent() {
            fs::create_dir_all(parent).map_err(SiteBuildError::io(parent))?;
        }
        if kept.is_file() && !same_bytes(&source, &kept) {
            remove_with_siblings(&kept)?;
        }
        copy_if_missing(&source, &kept)?;
        for suffix in precompress::SUFFIXES {
            let sibling = precompress::sibling(&source, suffix);
            if sibling.is_file() {
                copy_if_missing(&sibling, &precompress::sibling(&kept, suffix))?;
            }
        }
        fs::File::options()
            .write(true)
            .open(&kept)
            .and_then(|f| f.set_modified(now))
            .map_err(SiteBuildError::io(&kept))
    }

    /// Deletes the kept files of earlier builds (not in `current`) last used before `oldest`,
    /// with their siblings; how many.
    pub fn prune(&self, current: &[PathBuf], oldest: SystemTime) -> Result<usize, SiteBuildError> {
        let mut pruned = 0;
        for (relative, kept) in self.earlier(current)? {
            let used = fs::metadata(&kept)
                .and_then(|m| m.modified())
                .map_err(SiteBuildError::io(&kept))?;
            if used < oldest {
                remove_with_siblings(&kept)?;
                tracing::debug!(file = %relative.display(), "kept bundle file deleted");
                pruned += 1;
            }
        }
        Ok(pruned)
    }

    /// Puts the kept files of earlier builds (not in `current`) back into `pkg`, with their
    /// siblings; how many.
    pub fn restore(&self, pkg: &Path, current: &[PathBuf]) -> Result<usize, SiteBuildError> {
        let earlier = self.earlier(current)?;
        for (relative, kept) in &earlier {
            let target = pkg.join(relative);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(SiteBuildError::io(parent))?;
            }
            fs::copy(kept, &target).map_err(SiteBuildError::io(&target))?;
            for suffix in precompress::SUFFIXES {
                let from = precompress::sibling(kept, suffix);
                if from.is_file() {
                    let to = precompress::sibling(&target, suffix);
                    fs::copy(&from, &to).map_err(SiteBuildError::io(&to))?;
                }
            }
        }
        Ok(earlier.len())
    }

    /// Kept files (not siblings) that are not part of `current`: (relative path, kept path).
    fn earlier(&self, current: &[PathBuf]) -> Result<Vec<(PathBuf, PathBuf)>, SiteBuildError> {
        if !self.dir.is_dir() {
            return Ok(Vec::new());
        }
        Ok(files(&self.dir)?
            .into_iter()
            .filter(|path| !precompress::is_sibling(path))
            .filter_map(|path| {
                let relative = path.strip_prefix(&self.dir).ok()?.to_path_buf();
                (!current.contains(&relative)).then_some((relative, path))
            })
            .collect())
    }
}

/// Whether the two files hold the same bytes (false when either cannot be read).
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (fs::read(a), fs::read(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Copies whole (`write_whole`): a kept file is trusted from then on.
fn copy_if_missing(from: &Path, to: &Path) -> Result<(), SiteBuildError> {
    if !to.is_file() {
        super::write_whole(to, |partial| fs::copy(from, partial).map(drop))?;
    }
    Ok(())
}

fn remove_with_siblings(kept: &Path) -> Result<(), SiteBuildError> {
    for suffix in precompress::SUFFIXES {
        let sibling = precompress::sibling(kept, suffix);
        if sibling.is_file() {
            fs::remove_file(&sibling).map_err(SiteBuildError::io(&sibling))?;
        }
    }
    fs::remove_file(kept).map_err(SiteBuildError::io(kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_reused_only_for_the_same_bytes() {
        let root = std::env::temp_dir().join(format!("parvis-kept-{}", std::process::id()));
        let (pkg, kept_dir) = (root.join("pkg"), root.join("kept"));
        fs::create_dir_all(&pkg).expect("pkg");
        let kept = Kept::new(kept_dir.clone());
        let name = Path::new("chunk_1.abc.wasm");
        fs::write(pkg.join(name), b"first build").expect("file");
        fs::write(precompress::sibling(&pkg.join(name), "br"), b"first br").expect("sibling");
        kept.record(&pkg, name, SystemTime::now()).expect("recorded");
        // The next build writes other bytes under the same name, without siblings.
        fs::remove_file(precompress::sibling(&pkg.join(name), "br")).expect("emptied");
        fs::write(pkg.join(name), b"second build").expect("file");
        assert!(!kept.reuse_siblings(&pkg, name).expect("checked"));
        assert!(!precompress::sibling(&pkg.join(name), "br").exists());
        kept.record(&pkg, name, SystemTime::now()).expect("recorded again");
        assert_eq!(fs::read(kept_dir.join(name)).expect("kept"), b"second build");
        assert!(!precompress::sibling(&kept_dir.join(name), "br").exists());
        // The same bytes again: the kept siblings are reused.
        fs::write(precompress::sibling(&pkg.join(name), "br"), b"second br").expect("sibling");
        kept.record(&pkg, name, SystemTime::now()).expect("recorded");
        fs::remove_file(precompress::sibling(&pkg.join(name), "br")).expect("emptied");
        assert!(kept.reuse_siblings(&pkg, name).expect("checked"));
        assert_eq!(
            fs::read(precompress::sibling(&pkg.join(name), "br")).expect("reused"),
            b"second br"
        );
        let _ = fs::remove_dir_all(&root);
    }
}
