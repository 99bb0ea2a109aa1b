//! Which built files carry a content hash in their name. cargo-leptos (`hash-files = true` in
//! `Cargo.toml`) names the bundle `pkg/parvis.<hash>.wasm`, `.js`, `.css` (and, with `--split`,
//! `__wasm_split.<hash>.js` and `<chunk>.<hash>.wasm`), the hash being the file's MD5 in
//! unpadded base64url: 22 characters. Such a file never changes under its name, so it is
//! served as immutable and kept across builds (`server::site_build`).

/// The file in which cargo-leptos lists the hashes of the build, beside the server binary.
pub const HASH_FILE: &str = "hash.txt";

/// Whether the running binary has cargo-leptos's `hash.txt` beside it, the only place Leptos
/// reads the hashed names from (`HydrationScripts`, `HashedStylesheet`; with hashing on and no
/// such file, Leptos panics on a split build). A binary cargo-leptos did not build (a test)
/// has none: its pages name the unhashed files.
pub fn hash_file_beside_binary() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
        .is_some_and(|file| file.is_file())
}

/// The bundle's JS and WASM file names as Leptos's `HydrationScripts` makes them: with
/// `hash_files`, `<output>.<hash>.js` / `.wasm` from the `hash.txt` beside the binary (the
/// plain names when it has none: a binary cargo-leptos did not build); without, the plain
/// names, the WASM's with wasm-bindgen's `_bg` unless the build named its output.
pub fn bundle_names(output_name: &str, hash_files: bool) -> (String, String) {
    let (mut js, mut wasm) = (output_name.to_string(), output_name.to_string());
    if hash_files {
        if let Some(hash) = build_hash("js") {
            js = format!("{output_name}.{hash}");
        }
        if let Some(hash) = build_hash("wasm") {
            wasm = format!("{output_name}.{hash}");
        }
    } else if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        wasm.push_str("_bg");
    }
    (js, wasm)
}

/// The name of the split WASM's manifest (lazy function → chunk files) in the package
/// folder, as Leptos's `HydrationScripts` finds it: `__wasm_split_manifest.<hash>.json` from
/// the `hash.txt` beside the binary, the plain name without hashes or without that file.
pub fn split_manifest_name(hash_files: bool) -> String {
    match build_hash("manifest").filter(|_| hash_files) {
        Some(hash) => format!("__wasm_split_manifest.{hash}.json"),
        None => "__wasm_split_manifest.json".to_string(),
    }
}

/// The hash `hash.txt` gives the build's file `kind` (`js`, `wasm`, `manifest`…); none when
/// the running binary has no such file beside it. Read once per process: every page names
/// the bundle, and the file never changes under a running binary.
fn build_hash(kind: &str) -> Option<&'static str> {
    static HASHES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hashes = HASHES.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
            .and_then(|file| std::fs::read_to_string(file).ok())
            .unwrap_or_default()
    });
    hashes
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .find(|(file, _)| file.trim() == kind)
        .map(|(_, hash)| hash.trim())
}

/// Length of cargo-leptos's content hash: 16 bytes of MD5 in unpadded base64url.
const HASH_LEN: usize = 22;

/// Whether `file_name` (a name, not a path; a `.br` or `.gz` sibling counts as its source)
/// has a dot-separated segment that is a cargo-leptos content hash (not its placeholder, 22
/// underscores, which names the split loader of a build without hashes).
pub fn is_hashed(file_name: &str) -> bool {
    file_name.split('.').skip(1).any(|segment| {
        segment.len() == HASH_LEN
            && segment.bytes().all(is_base64url)
            && !segment.bytes().all(|byte| byte == b'_')
    })
}

/// Whether the URL path `path` names a hashed file of the bundle (under `/pkg/`).
pub fn is_hashed_bundle_path(path: &str) -> bool {
    path.strip_prefix("/pkg/")
        .and_then(|rest| rest.rsplit('/').next())
        .is_some_and(is_hashed)
}

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("parvis.Xq3b9L0aZ-_kP2mN4rT7vw.wasm"));
        assert!(is_hashed("parvis.Xq3b9L0aZ-_kP2mN4rT7vw.wasm.br"));
        assert!(is_hashed("__wasm_split.Xq3b9L0aZ-_kP2mN4rT7vw.js"));
        assert!(!is_hashed("parvis.wasm"));
        assert!(!is_hashed("parvis_bg.wasm.gz"));
        // 21 and 23 characters, and a character outside base64url.
        assert!(!is_hashed("parvis.Xq3b9L0aZ-_kP2mN4rT7v.js"));
        assert!(!is_hashed("parvis.Xq3b9L0aZ-_kP2mN4rT7vwx.js"));
        assert!(!is_hashed("parvis.Xq3b9L0aZ+_kP2mN4rT7vw.js"));
        assert!(!is_hashed("__wasm_split.______________________.js"));
        // The hash is never the first segment (the name before it).
        assert!(!is_hashed("Xq3b9L0aZ-_kP2mN4rT7vw.js"));
    }

    #[test]
    fn only_bundle_paths_count() {
        assert!(is_hashed_bundle_path(
            "/pkg/parvis.Xq3b9L0aZ-_kP2mN4rT7vw.css"
        ));
        assert!(!is_hashed_bundle_path("/parvis.Xq3b9L0aZ-_kP2mN4rT7vw.css"));
        assert!(!is_hashed_bundle_path("/pkg/parvis.css"));
    }
}
