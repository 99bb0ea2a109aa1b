//! Which WASM chunk files a group of lazy pages needs, read from the split build's manifest
//! (cargo-leptos writes `pkg/__wasm_split_manifest.<hash>.json`: each `#[lazy]` function's
//! unique name, `<function>_<number>`, to the file stems of its chunks). A lazy page names
//! them on its `<body>` for the loader to fetch once the page is painted
//! (`app::hydration_loader`); Leptos's own `<link rel="preload">` of them started their
//! download before the first paint.

use leptos::config::LeptosOptions;
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
};

/// The manifest: a lazy function's unique name to the stems of its chunk files.
type Manifest = HashMap<String, Vec<String>>;

/// URLs (`/<pkg dir>/<stem>.wasm`) of the chunks the lazy function `function` (its name in
/// `app/lazy_pages.rs`) loads, in the manifest's order; empty when the site has no manifest (a
/// build without `--split`, a test's site), cannot read it (logged once), or lists no such
/// function.
pub fn chunk_urls(options: &LeptosOptions, function: &str) -> Vec<String> {
    // Read once per site and process: the site does not change under a running server (tests
    // run several sites in one process).
    static MANIFESTS: OnceLock<Mutex<HashMap<PathBuf, Arc<Manifest>>>> = OnceLock::new();
    let file = Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join(super::asset_names::split_manifest_name(options.hash_files));
    let manifest = {
        let mut manifests = MANIFESTS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(manifests.entry(file).or_insert_with_key(|file| Arc::new(read_manifest(file))))
    };
    let pkg = options.site_pkg_dir.as_ref();
    manifest
        .iter()
        .find(|(name, _)| is_unique_name_of(name, function))
        .map(|(_, stems)| stems.iter().map(|stem| format!("/{pkg}/{stem}.wasm")).collect())
        .unwrap_or_default()
}

fn read_manifest(file: &Path) -> Manifest {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        // An unsplit build or a test's site has none: nothing to name.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Manifest::new(),
        Err(error) => {
            tracing::warn!(file = %file.display(), %error, "split manifest unreadable: lazy pages name no chunks");
            return Manifest::new();
        }
    };
    serde_json::from_str(&text).unwrap_or_else(|error| {
        tracing::warn!(file = %file.display(), %error, "split manifest unreadable: lazy pages name no chunks");
        Manifest::new()
    })
}

/// Whether `name` is the `#[lazy]` macro's unique name for `function`: `<function>_<digits>`.
fn is_unique_name_of(name: &str, function: &str) -> bool {
    name.strip_prefix(function)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|number| !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_is_known_by_its_name_and_number_only() {
        assert!(is_unique_name_of("innovation_reading_462981131521276578", "innovation_reading"));
        assert!(!is_unique_name_of("innovation_reading_462981131521276578", "innovation"));
        assert!(!is_unique_name_of("innovation_reading_desk_4629", "innovation_reading"));
        assert!(!is_unique_name_of("innovation_reading_", "innovation_reading"));
        assert!(!is_unique_name_of("innovation_reading", "innovation_reading"));
    }

    #[test]
    fn a_missing_or_broken_manifest_names_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(read_manifest(&dir.path().join("none.json")).is_empty());
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, "{not json").expect("write");
        assert!(read_manifest(&broken).is_empty());
        let good = dir.path().join("good.json");
        std::fs::write(&good, r#"{"account_pages_12":["chunk_1","split_account_pages_12"]}"#).expect("write");
        assert_eq!(read_manifest(&good)["account_pages_12"], ["chunk_1", "split_account_pages_12"]);
    }
}
