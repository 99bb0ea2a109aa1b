//! The live wiki's shapes, shared by server and browser: a space's list of pages, one page as
//! a reader gets it, the title rule, and what the live connection is called.

use crate::{error::AppError, espaces::types::SpaceHome, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// Longest page title, in characters.
pub const TITLE_MAX: usize = 120;

/// Characters a title may not hold: they delimit a `[[Page title]]` link (`[`, `]`), its
/// label (`|`) or a heading within the page (`#`), so a title holding one could not be linked.
pub const TITLE_FORBIDDEN: &[char] = &['[', ']', '|', '#'];

/// The name of the page body's text in its Yjs document (what every client binds to).
pub const BODY_TEXT: &str = "body";

/// One page of a space's wiki in its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiPageRow {
    pub id: i64,
    pub title: String,
    /// The page it sits under in the tree (`None`: at the top).
    pub parent_id: Option<i64>,
    pub updated: HumanTime,
}

/// `/espaces/:id/wiki`: the space, its pages (tree order: by position then title; with a
/// search, the pages found, by title) and whether the caller may create and edit pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiIndex {
    pub space: SpaceHome,
    pub pages: Vec<WikiPageRow>,
    pub can_edit: bool,
    /// The words searched for (`?q=`), as given; empty without a search.
    pub query: String,
    /// The title a `[[link]]` asked for (`?titre=`).
    pub wanted: Option<Wanted>,
    /// The pages the caller follows that changed since they last opened them.
    pub followed_changed: Vec<PageLink>,
    /// Whether revisions wait for an animator's approval before readers get them.
    pub approval: bool,
    /// Whether the caller may switch approval on or off (animators).
    pub can_manage: bool,
}

/// The title a `[[link]]` asked for, and the page it leads to (by its title or a former one):
/// none yet, and the list offers to create it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wanted {
    pub title: String,
    pub page: Option<i64>,
}

/// A link to a page of the same wiki.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    pub id: i64,
    pub title: String,
}

/// `/espaces/:id/wiki/corbeille`: the space's pages in the bin, the last put there first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiBin {
    pub space: SpaceHome,
    pub pages: Vec<BinnedPage>,
    /// Whether the caller may take pages out (animators).
    pub can_restore: bool,
}

/// A page in the bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinnedPage {
    pub id: i64,
    pub title: String,
    pub deleted: HumanTime,
}

/// `/espaces/:id/wiki/modifications`: the last revisions of the space's pages, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiChanges {
    pub space: SpaceHome,
    pub changes: Vec<ChangeItem>,
}

/// One revision among the recent changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeItem {
    pub page: i64,
    /// The page's title in that revision.
    pub title: String,
    pub number: i64,
    pub at: HumanTime,
    pub authors: Vec<String>,
    pub restored_from: Option<i64>,
}

/// `/espaces/:id/wiki/:page`: one page as a reader gets it, rendered on the server from the
/// page's last revision (sanitised HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiPageView {
    pub space: SpaceHome,
    pub id: i64,
    pub title: String,
    pub html: String,
    /// The number of the revision shown (`None`: the text before the first revision).
    pub revision: Option<i64>,
    pub updated: HumanTime,
    /// Its headings, for a table of contents.
    pub toc: Vec<crate::markdown::Heading>,
    /// The pages that link to it (by its title or a former one).
    pub backlinks: Vec<PageLink>,
    /// Whether the caller follows it (`None`: not a member, who cannot).
    pub following: Option<bool>,
    /// A newer revision than the one shown waits for an animator's approval.
    pub waiting: bool,
    pub can_edit: bool,
}

/// Someone else on the page being edited, as the editor lists them: their name and colour as
/// the server stamped them, and the line their cursor is on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub name: String,
    pub color: String,
    pub line: usize,
}

/// Where the editor's live connection stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// Opening, or waiting for the page's state: the text cannot be edited yet.
    Connecting,
    /// In sync: every change goes out as it is typed.
    Live,
    /// The connection dropped: editing goes on, changes are kept in this browser and sent on
    /// reconnection.
    Offline,
    /// The server ended the session for good (access lost, read-only): the reason it gave.
    Ended(String),
}

/// The key two titles are compared by: lower case, runs of white space as one space. "Plan
/// vélo" and "plan  Vélo" are the same page; "Plan velo" is another.
pub fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `title` as it is kept: trimmed, white space runs as one space; refused (field `title`)
/// when empty, longer than [`TITLE_MAX`], or holding a refused character or one of
/// [`TITLE_FORBIDDEN`] (`wiki-title-characters`).
pub fn clean_title(title: &str) -> Result<String, AppError> {
    let joined = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = AppError::required_text("title", &joined, TITLE_MAX)?;
    if title.contains(TITLE_FORBIDDEN) {
        return Err(AppError::field("title", "wiki-title-characters"));
    }
    Ok(title)
}

/// The path of the live connection to page `page` of space `space`. A Yjs client given
/// `/espaces/{space}/wiki/ws` as its server address and the page id as its room name (as
/// y-websocket joins the two) connects here.
pub fn socket_path(space: i64, page: i64) -> String {
    format!("/espaces/{space}/wiki/ws/{page}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_kept_tidy_and_compared_by_their_key() {
        assert_eq!(clean_title("  Plan   vélo ").expect("tidy"), "Plan vélo");
        assert_eq!(title_key("Plan  Vélo"), title_key("plan vélo"));
        assert_ne!(title_key("Plan velo"), title_key("Plan vélo"));
        for refused in ["", "   ", "a[b", "x]]", "a|b", "#1", "bell\u{7}"] {
            assert!(clean_title(refused).is_err(), "{refused:?}");
        }
        assert!(clean_title(&"é".repeat(TITLE_MAX)).is_ok());
        assert!(clean_title(&"é".repeat(TITLE_MAX + 1)).is_err());
    }
}
