//! The live wiki's shapes, shared by server and browser: a space's list of pages, one page as
//! a reader gets it, the title rule, and what the live connection is called.

use crate::{
    error::AppError,
    espaces::{
        documents_types::{OpeningRow, ShareRow},
        types::SpaceHome,
    },
    ui::time::HumanTime,
};
use serde::{Deserialize, Serialize};

/// Longest page title, in characters.
pub const TITLE_MAX: usize = 120;

/// Characters a title may not hold: they delimit a `[[Page title]]` link (`[`, `]`), its
/// label (`|`) or a heading within the page (`#`), so a title holding one could not be linked.
pub const TITLE_FORBIDDEN: &[char] = &['[', ']', '|', '#'];

/// What the editor's keys in the browser's `localStorage` start with: one per account and
/// page edited, holding the page's Yjs state ([`kept_edits_key`]), so edits made offline
/// survive a closed tab or an expired session. Signing out removes them
/// ([`forget_kept_edits`]).
pub const KEPT_EDITS_PREFIX: &str = "parvis-wiki-";

/// The `localStorage` key of page `page`'s state kept for account `account`: another account
/// signed in on the same browser never reads (nor sends) it.
pub fn kept_edits_key(account: i64, page: i64) -> String {
    format!("{KEPT_EDITS_PREFIX}{account}-{page}")
}

/// Removes every page's state the editor kept in this browser (at sign-out: the next person
/// on a shared browser neither reads it nor sends it under their account). Edits made offline
/// and never sent go with it.
#[cfg(feature = "hydrate")]
pub fn forget_kept_edits() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let count = storage.length().unwrap_or(0);
    let kept: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(KEPT_EDITS_PREFIX))
        .collect();
    for key in kept {
        let _ = storage.remove_item(&key);
    }
}

/// Editors' colours, stamped by the server on each one's presence (chosen by account), dark
/// enough for white text on them (WCAG AA at 4.5:1). The site's CSP forbids inline styles, so
/// each has its class in `style/main.css` (`.who-1f6feb { --who: #1f6feb; }`:
/// `cursors::color_class`).
pub const EDITOR_COLORS: &[&str] = &[
    "#1f6feb", "#b3261e", "#1a7f37", "#8250df", "#9a6700", "#bf3989", "#0e7490", "#c2410c",
];

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
    /// Where it stands in the page tree (the places it may move to: for writers only).
    pub tree: Standing,
    /// Its share links (writers only) and when they were opened (`None` but for animators).
    pub shares: Vec<ShareRow>,
    pub openings: Option<Vec<OpeningRow>>,
    /// The longest life of a share link, in days.
    pub share_max_days: i64,
    /// The share link the caller just made, shown once to a browser without JavaScript
    /// (`?lien=`, checked by the server).
    pub new_link: Option<String>,
    pub can_edit: bool,
}

/// A page a moved page may go under, with its depth in the tree (0: at the top), in reading
/// order (each page followed by its children).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: i64,
    pub title: String,
    pub depth: usize,
}

/// Where a page stands in its wiki's page tree (`wiki::tree::standing`): what its reading page
/// shows and offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Standing {
    /// From the top down to its parent.
    pub ancestors: Vec<PageLink>,
    pub children: Vec<PageLink>,
    /// Its parent in the tree (`None`: at the top).
    pub parent: Option<i64>,
    /// The pages it may move under: every page but itself and those under it.
    pub places: Vec<Place>,
    /// Whether it has a sibling before it, after it (it can move up, down).
    pub has_previous: bool,
    pub has_next: bool,
}

/// `/espaces/partage/wiki/:token`: a page as a share link opens it for anyone, rendered as
/// the space's readers get it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWikiPage {
    pub title: String,
    pub html: String,
    pub toc: Vec<crate::markdown::Heading>,
    pub updated: HumanTime,
    /// When the link ends.
    pub expires: HumanTime,
}

/// The page a wiki page's share link opens.
pub fn shared_wiki_path(token: &str) -> String {
    format!("/espaces/partage/wiki/{token}")
}

/// Someone else on the page being edited, as the editor lists and draws them: their name and
/// colour as the server stamped them, the line their cursor is on (1-based), and their
/// selection (UTF-16 offsets into the text: where it started, where the caret is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub name: String,
    pub color: String,
    pub line: usize,
    pub anchor: usize,
    pub head: usize,
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
