//! [`StorageKey`]: where an object lives, checked once where it is made. Keys are made by the
//! code (a folder and a random or numbered name), never taken as they come from a client: a
//! person's original file name is kept in the database and reaches them only through
//! `Content-Disposition` (`super::download`). So the rule is an allow-list, strict enough that
//! the same key is a safe relative path on any disk and a plain S3 key:
//!
//! - segments separated by `/`, at most [`MAX_SEGMENTS`], each 1 to 255 bytes, the whole at
//!   most [`MAX_BYTES`]: no empty segment, hence no absolute key and no `//`;
//! - each segment of ASCII letters, digits, `-`, `_` and `.`, not starting with `.` (no `.`,
//!   `..` or hidden file) nor ending with `.` (Windows drops it); so no control character, no
//!   `\`, `:`, `%` or `#` (the local backend's staged uploads are `<key>#<n>`);
//! - no segment that Windows reserves as a device (`CON`, `NUL`, `COM1`, `LPT9`…, with or
//!   without an extension, in any case).

use std::fmt;

/// The longest key, in bytes (S3 allows 1,024).
pub const MAX_BYTES: usize = 1024;
/// The most segments (folders and the name) a key has.
pub const MAX_SEGMENTS: usize = 8;
const MAX_SEGMENT_BYTES: usize = 255;

/// Names Windows gives to devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A checked key: a relative path of safe segments (see the module's rules).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StorageKey(String);

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key or empty segment (an absolute key, or `//`)")]
    Empty,
    #[error("key longer than {MAX_BYTES} bytes or {MAX_SEGMENTS} segments")]
    TooLong,
    #[error("segment {0:?} names the current or parent folder, or a hidden file")]
    Dots(String),
    #[error("segment {0:?} holds a character outside letters, digits, `-`, `_` and `.`")]
    Character(String),
    #[error("segment {0:?} is a name Windows reserves")]
    Reserved(String),
}

impl StorageKey {
    /// `key` when it follows the rules.
    pub fn new(key: impl Into<String>) -> Result<StorageKey, KeyError> {
        let key = key.into();
        if key.len() > MAX_BYTES {
            return Err(KeyError::TooLong);
        }
        let mut segments = 0;
        for segment in key.split('/') {
            segments += 1;
            if segments > MAX_SEGMENTS {
                return Err(KeyError::TooLong);
            }
            check_segment(segment)?;
        }
        Ok(StorageKey(key))
    }

    /// `name` inside `folder` (`"cv"`, `"images"`…); both are checked.
    pub fn in_folder(folder: &str, name: &str) -> Result<StorageKey, KeyError> {
        check_segment(name)?;
        StorageKey::new(format!("{folder}/{name}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its last segment (the object's own name).
    pub fn name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }

    pub(super) fn path(&self) -> object_store::path::Path {
        // Every segment is plain ASCII without `/`, `%` or dots alone: stored as it is.
        object_store::path::Path::from(self.0.as_str())
    }
}

fn check_segment(segment: &str) -> Result<(), KeyError> {
    if segment.is_empty() {
        return Err(KeyError::Empty);
    }
    if segment.len() > MAX_SEGMENT_BYTES {
        return Err(KeyError::TooLong);
    }
    if segment.starts_with('.') || segment.ends_with('.') {
        return Err(KeyError::Dots(printable(segment)));
    }
    if !segment
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(KeyError::Character(printable(segment)));
    }
    let stem = segment.split('.').next().unwrap_or(segment);
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return Err(KeyError::Reserved(segment.to_string()));
    }
    Ok(())
}

/// A refused segment as it may go into a log line: control characters escaped.
fn printable(segment: &str) -> String {
    segment
        .chars()
        .flat_map(char::escape_default)
        .take(80)
        .collect()
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for StorageKey {
    type Error = KeyError;

    fn try_from(key: String) -> Result<Self, Self::Error> {
        StorageKey::new(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_the_code_makes_are_accepted() {
        for key in [
            "cv/12-0a1b2c3d4e5f60718293a4b5.pdf",
            "images/0a1b2c3d4e5f60718293a4b5c6d7e8f9.png",
            "images/0a1b-480w.jpg",
            "exports/3-abcdef.zip",
            "espaces/12/documents/345/v2",
            "README",
        ] {
            let parsed = StorageKey::new(key).expect(key);
            assert_eq!(parsed.as_str(), key);
        }
        assert_eq!(
            StorageKey::in_folder("cv", "1-a.pdf").expect("key").name(),
            "1-a.pdf"
        );
    }

    #[test]
    fn path_traversal_and_absolute_keys_are_refused() {
        for key in [
            "../etc/passwd",
            "cv/../../etc/passwd",
            "cv/..",
            "./cv",
            "cv/./a.pdf",
            "/etc/passwd",
            "cv//a.pdf",
            "cv/",
            "",
            "cv/.hidden",
            "cv\\..\\a.pdf",
            "C:/Windows/a",
            "cv/a.pdf.",
            "%2e%2e/a",
        ] {
            assert!(StorageKey::new(key).is_err(), "{key:?} accepted");
        }
        assert_eq!(
            StorageKey::in_folder("cv", "../a.pdf"),
            Err(KeyError::Dots("../a.pdf".into())),
            "a name cannot climb out of its folder"
        );
        assert!(StorageKey::in_folder("cv", "a/b.pdf").is_err());
    }

    #[test]
    fn control_and_other_characters_are_refused() {
        for key in [
            "cv/a\u{0}.pdf",
            "cv/a\n.pdf",
            "cv/a\r.pdf",
            "cv/a\u{7f}.pdf",
            "cv/a\u{202e}fdp.exe",
            "cv/a b.pdf",
            "cv/a#1",
            "cv/a:b",
            "cv/é.pdf",
            "cv/a*.pdf",
            "cv/\"a\".pdf",
        ] {
            assert!(
                matches!(StorageKey::new(key), Err(KeyError::Character(_))),
                "{key:?}"
            );
        }
        let error = StorageKey::new("cv/a\u{0}\n").expect_err("refused");
        assert!(
            !error.to_string().contains('\n') && !error.to_string().contains('\u{0}'),
            "the message is safe to log: {error}"
        );
    }

    #[test]
    fn names_windows_reserves_are_refused() {
        for key in [
            "CON",
            "cv/con.pdf",
            "nul",
            "images/Com1.png",
            "a/LPT9",
            "aux.txt",
        ] {
            assert!(
                matches!(StorageKey::new(key), Err(KeyError::Reserved(_))),
                "{key:?}"
            );
        }
        for key in ["console", "cv/nullable.pdf", "COM10", "lpt"] {
            assert!(StorageKey::new(key).is_ok(), "{key:?}");
        }
    }

    #[test]
    fn long_keys_are_refused() {
        assert_eq!(
            StorageKey::new("a".repeat(256)),
            Err(KeyError::TooLong),
            "a segment over 255 bytes"
        );
        assert_eq!(
            StorageKey::new(["a"; MAX_SEGMENTS + 1].join("/")),
            Err(KeyError::TooLong)
        );
        assert_eq!(
            StorageKey::new(std::array::from_fn::<_, 6, _>(|_| "a".repeat(200)).join("/")),
            Err(KeyError::TooLong),
            "more than 1,024 bytes"
        );
    }
}
