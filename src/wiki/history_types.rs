//! The shapes of a wiki page's history, shared by server and browser: its revisions, a diff
//! between two of them, and who wrote each line (blame).

use crate::{espaces::types::SpaceHome, ui::line_diff::DiffLine, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// Longest note on a revision saved on demand, in characters.
pub const NOTE_MAX: usize = 200;

/// One revision in a page's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionItem {
    pub number: i64,
    pub at: HumanTime,
    /// The display names of those whose edits it took in.
    pub authors: Vec<String>,
    /// Saved on demand (with `note`), rather than cut when editing went quiet.
    pub on_demand: bool,
    pub note: String,
    /// The number of the revision it brought back.
    pub restored_from: Option<i64>,
    /// Approved by an animator (a space with approval on).
    pub approved: bool,
    /// The changes an animator asked for, when they did.
    pub changes_asked: Option<String>,
}

/// The lines that changed from revision `from` to revision `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionDiff {
    pub from: i64,
    pub to: i64,
    pub lines: Vec<DiffLine>,
}

/// `/espaces/:id/wiki/:page/historique`: the page's revisions, newest first, and the diff the
/// address asks for (`?de=…&a=…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiHistory {
    pub space: SpaceHome,
    pub id: i64,
    pub title: String,
    pub revisions: Vec<RevisionItem>,
    pub diff: Option<RevisionDiff>,
    /// Whether the caller may save and restore revisions (contributors, animators).
    pub can_edit: bool,
    /// Whether revisions wait for approval in this space.
    pub approval: bool,
    /// Whether the caller approves them (animators, with approval on).
    pub can_approve: bool,
}

/// One line of the page with who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlameLine {
    pub text: String,
    /// Who wrote most of it (empty when no account claims it).
    pub author: String,
    /// Who wrote the rest of it.
    pub others: Vec<String>,
}

/// `/espaces/:id/wiki/:page/auteurs`: the page's current text, line by line, with who wrote
/// each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WikiBlame {
    pub space: SpaceHome,
    pub id: i64,
    pub title: String,
    pub lines: Vec<BlameLine>,
}
