//! The community around fiches: comments, flags and moderation. Types shared by server and
//! browser.

use super::types::FicheView;
use serde::{Deserialize, Serialize};

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// Markdown rendered and sanitised.
    pub body_html: String,
    pub at: i64,
    /// Only editors ever receive hidden comments (marked so).
    pub hidden: bool,
    /// How many members flagged it (editors only; 0 for others).
    pub flags: i64,
}

/// Everything the fiche page shows, in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FichePageData {
    pub fiche: FicheView,
    pub comments: Vec<CommentView>,
    /// The reader is a signed-in member.
    pub can_comment: bool,
    pub moderator: bool,
    /// The reader follows this fiche (its new comments reach their notifications).
    pub following: bool,
}

/// Something that happened to a member on the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    /// "comment" or "mention".
    pub kind: String,
    pub actor: String,
    pub subject: String,
    pub link: String,
    pub at: i64,
    pub unread: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedComment {
    pub comment: CommentView,
    pub fiche_id: i64,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub editor: String,
    pub action: String,
    pub item: String,
    pub reason: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationDesk {
    pub flagged: Vec<FlaggedComment>,
    pub log: Vec<LogEntry>,
}
