//! The shapes of a space's documents, shared by server and browser: folders, documents and
//! their versions, the bin, share links and their openings, and the rules a document or
//! folder name follows ([`clean_name`]: path separators, control characters and the names
//! Windows reserves refused or made safe).

use super::types::SpaceHome;
use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// Longest document or folder name, in characters.
pub const NAME_MAX: usize = 255;

/// Names Windows gives to devices, whatever the extension (a file saved under one of them
/// cannot be opened there).
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Why a name was refused: the translation key of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRefusal {
    /// Nothing left once cleaned.
    Empty,
    /// Longer than [`NAME_MAX`].
    TooLong,
    /// A `/` or `\`, or only dots: a path, not a name.
    Path,
    /// A name Windows reserves (`CON`, `NUL.txt`…).
    Reserved,
}

impl NameRefusal {
    /// The translation key of its message.
    pub fn key(self) -> &'static str {
        match self {
            NameRefusal::Empty => "field-required",
            NameRefusal::TooLong => "field-document-name-long",
            NameRefusal::Path => "field-document-name-path",
            NameRefusal::Reserved => "field-document-name-reserved",
        }
    }
}

/// Invisible marks that change the direction text is shown in ("gpj.exe" read "exe.jpg").
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A name typed by a person (a rename, a new folder), cleaned: control characters and
/// direction marks dropped, spaces collapsed at both ends, trailing dots dropped (Windows
/// drops them). Refused: empty, too long, a path (`/`, `\`, `..`) or a reserved name.
pub fn clean_name(name: &str) -> Result<String, NameRefusal> {
    if name.contains(['/', '\\']) {
        return Err(NameRefusal::Path);
    }
    let cleaned: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !is_direction_mark(*c) && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    let cleaned = cleaned
        .trim()
        .trim_end_matches(['.', ' '])
        .trim()
        .to_string();
    if cleaned.is_empty() {
        return if name.trim().chars().all(|c| c == '.') && !name.trim().is_empty() {
            Err(NameRefusal::Path)
        } else {
            Err(NameRefusal::Empty)
        };
    }
    if cleaned.chars().count() > NAME_MAX {
        return Err(NameRefusal::TooLong);
    }
    let stem = cleaned.split('.').next().unwrap_or(&cleaned).trim();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return Err(NameRefusal::Reserved);
    }
    Ok(cleaned)
}

/// The name of an uploaded file as the browser sent it, made safe: its last path segment
/// (old browsers send `C:\…\a.pdf`; a hostile client `../../etc/passwd`), then
/// [`clean_name`]; a name still refused is refused.
pub fn upload_name(sent: &str) -> Result<String, NameRefusal> {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or(sent);
    clean_name(last)
}

/// The key two names are compared by (the same name in another case is the same document).
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
}

/// Whether a type is shown in the browser (in a tab of its own) rather than saved.
pub fn previewable(content_type: &str) -> bool {
    matches!(
        content_type,
        "application/pdf" | "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// A folder, by its id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderRow {
    pub id: i64,
    pub name: String,
}

/// A folder with its whole path, for the "move to" choice (`Rapports / 2026`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderChoice {
    pub id: i64,
    pub path: String,
}

/// One document in a list: its current version's size, type, date and author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub id: i64,
    pub name: String,
    pub folder_id: Option<i64>,
    /// The folder's path (search results), empty at the top.
    pub folder_path: String,
    pub size: i64,
    pub content_type: String,
    /// The current version's number.
    pub version: i64,
    /// The current version's id (its download address).
    pub version_id: i64,
    pub updated: HumanTime,
    pub author: Option<String>,
}

impl DocumentRow {
    /// Where the current version is downloaded.
    pub fn download_url(&self, space: i64) -> String {
        version_url(space, self.id, self.version_id)
    }
}

/// Where a version is downloaded (`?affichage=inline` opens it in the browser).
pub fn version_url(space: i64, document: i64, version: i64) -> String {
    format!("/espaces/{space}/documents/{document}/versions/{version}/fichier")
}

/// A file an upload stored as a version: its document, name and detected type, and where that
/// version is fetched ([`version_url`]). The upload route's JSON answer lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    pub document: i64,
    pub name: String,
    pub content_type: String,
    pub url: String,
}

/// The upload route's answer to a script (`Accept: application/json`): whether every file
/// was stored, the message to show, and the files stored (those before a refusal too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct UploadAnswer {
    pub ok: bool,
    pub key: String,
    pub message: String,
    #[serde(default)]
    pub documents: Vec<UploadedFile>,
}

/// Where the upload form posts.
pub fn upload_url(space: i64) -> String {
    format!("/espaces/{space}/documents/depot")
}

/// The documents page of a space: one folder's subfolders and documents, or the search
/// results across the space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentsPage {
    pub space: SpaceHome,
    /// The folder shown; `None`: the top.
    pub folder: Option<i64>,
    /// From the top to the folder shown.
    pub path: Vec<FolderRow>,
    pub folders: Vec<FolderRow>,
    pub documents: Vec<DocumentRow>,
    /// The search, when the list is its results.
    pub query: String,
    /// Bytes stored for the space (every version, the bin included) and its quota.
    pub used_bytes: i64,
    pub quota_bytes: i64,
    /// The largest upload.
    pub upload_max_bytes: i64,
    /// Every folder of the space, for moving a document.
    pub all_folders: Vec<FolderChoice>,
    /// Documents in the bin.
    pub in_bin: i64,
}

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub id: i64,
    pub number: i64,
    pub size: i64,
    pub content_type: String,
    pub original_name: String,
    pub uploaded: HumanTime,
    pub author: Option<String>,
    /// The number of the version it restored, if it is a restoration.
    pub restored_from: Option<i64>,
}

/// A share link of a document (its token is shown once, when made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRow {
    pub id: i64,
    pub created: HumanTime,
    pub expires: HumanTime,
    pub author: Option<String>,
    pub revoked: bool,
    pub expired: bool,
    pub openings: i64,
}

/// One opening of a share link (for the animators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningRow {
    pub share_id: i64,
    pub opened: HumanTime,
}

/// A document's page: its versions, its share links (contributors) and their openings
/// (animators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentPage {
    pub space: SpaceHome,
    pub document: DocumentRow,
    /// From the top to its folder.
    pub path: Vec<FolderRow>,
    pub in_bin: bool,
    pub versions: Vec<VersionRow>,
    pub shares: Vec<ShareRow>,
    pub openings: Vec<OpeningRow>,
    pub all_folders: Vec<FolderChoice>,
    /// The longest life of a share link, in days.
    pub share_max_days: i64,
    /// The share link the caller just made, shown once to a browser without JavaScript
    /// (`crate::link_token::SHOWN_ONCE_PARAMETER`).
    pub new_link: Option<String>,
}

/// A document in the bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinRow {
    pub id: i64,
    pub name: String,
    pub folder_path: String,
    pub size: i64,
    pub deleted: HumanTime,
    pub deleted_by: Option<String>,
}

/// A space's bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinPage {
    pub space: SpaceHome,
    pub documents: Vec<BinRow>,
}

/// What someone opening a share link sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedDocument {
    pub name: String,
    pub size: i64,
    pub content_type: String,
    pub expires: HumanTime,
    /// Where the file is downloaded, with this opening's proof (`?ouverture=`).
    pub url: String,
    /// Where it is shown in the browser (images and PDF), with the same proof.
    pub preview_url: Option<String>,
}

/// Where a share link's file is downloaded.
pub fn shared_file_url(token: &str) -> String {
    format!("/espaces/partage/{token}/fichier")
}

/// The page a share link opens.
pub fn shared_page_path(token: &str) -> String {
    format!("/espaces/partage/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_or_refused() {
        assert_eq!(
            clean_name("  Rapport final.pdf ").as_deref(),
            Ok("Rapport final.pdf")
        );
        assert_eq!(clean_name("a\u{0}b\u{202e}c.txt").as_deref(), Ok("abc.txt"));
        assert_eq!(clean_name("notes...").as_deref(), Ok("notes"));
        assert_eq!(clean_name("../etc/passwd"), Err(NameRefusal::Path));
        assert_eq!(clean_name("a\\b"), Err(NameRefusal::Path));
        assert_eq!(clean_name(".."), Err(NameRefusal::Path));
        assert_eq!(clean_name("  "), Err(NameRefusal::Empty));
        assert_eq!(clean_name("CON"), Err(NameRefusal::Reserved));
        assert_eq!(clean_name("nul.txt"), Err(NameRefusal::Reserved));
        assert_eq!(clean_name("Lpt9.tar.gz"), Err(NameRefusal::Reserved));
        assert!(clean_name("console.txt").is_ok());
        assert_eq!(clean_name(&"é".repeat(256)), Err(NameRefusal::TooLong));
        assert_eq!(upload_name("../../etc/passwd").as_deref(), Ok("passwd"));
        assert_eq!(upload_name("C:\\Users\\a\\cv.pdf").as_deref(), Ok("cv.pdf"));
        assert_eq!(upload_name("dir/"), Err(NameRefusal::Empty));
    }
}
