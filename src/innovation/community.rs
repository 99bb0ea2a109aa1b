//! The community around fiches: comments, threads' replies, follows, flags and moderation.
//! Types shared by server and browser.

use super::types::FicheView;
use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 5_000;

/// A member's contribution: a comment on a fiche, or a reply in a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// Markdown rendered and sanitised.
    pub body_html: String,
    /// The author's Markdown, for quoting.
    pub body_md: String,
    /// When it was written, Unix seconds (feeds).
    pub at: i64,
    /// `at` as the reader reads it.
    pub shown_at: HumanTime,
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
    /// The reader follows the fiche's city.
    pub following_city: bool,
    /// The other languages this fiche is published in.
    pub translations: Vec<FicheRef>,
    /// Other fiches sharing its tags, fields and country, closest first.
    pub related: Vec<FicheRef>,
    /// Canonical address, Open Graph and Article data.
    pub share: crate::ui::share::SharePage,
}

/// A published fiche named in a list: a translation, a related fiche.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheRef {
    pub fiche: i64,
    pub language: String,
    pub title: String,
    /// "City, Country".
    pub place: String,
}

/// Something that happened to a member on the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    /// "comment" (on a followed fiche), "reply" (in a followed thread), "mention", "thread"
    /// (new in a followed field), "fiche" (published in a followed field or city).
    pub kind: String,
    pub actor: String,
    pub subject: String,
    pub link: String,
    pub at: HumanTime,
    pub unread: bool,
}

/// What a member can follow; a city is "City|Country" as fiches spell it, the others an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowKind {
    Fiche,
    Thread,
    Field,
    City,
}

crate::stored_code::stored_code!(FollowKind, "follow kind");

impl FollowKind {
    pub fn code(self) -> &'static str {
        match self {
            FollowKind::Fiche => "fiche",
            FollowKind::Thread => "thread",
            FollowKind::Field => "field",
            FollowKind::City => "city",
        }
    }

    pub fn parse(code: &str) -> Option<FollowKind> {
        [
            FollowKind::Fiche,
            FollowKind::Thread,
            FollowKind::Field,
            FollowKind::City,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// The key a city is followed by.
pub fn city_key(city: &str, country: &str) -> String {
    format!("{}|{}", city.trim(), country.trim())
}

/// Something a member follows, named and linked for their notifications page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    pub kind: FollowKind,
    pub target: String,
    pub label: String,
    pub link: String,
}

/// The notifications page in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsData {
    pub notifications: Vec<Notification>,
    pub follows: Vec<Followed>,
    /// The member gets unread notifications by e-mail, in a digest.
    pub digest: bool,
    /// The innovation fields, to follow one.
    pub fields: Vec<(i64, String)>,
}

/// Which kind of contribution a flag or a moderation decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Comment,
    Thread,
    Reply,
}

crate::stored_code::stored_code!(ItemKind, "contribution kind");

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Comment => "comment",
            ItemKind::Thread => "thread",
            ItemKind::Reply => "reply",
        }
    }

    pub fn parse(code: &str) -> Option<ItemKind> {
        [ItemKind::Comment, ItemKind::Thread, ItemKind::Reply]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// What an editor decides on a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModerationAction {
    Hide,
    Restore,
    Delete,
}

impl ModerationAction {
    pub fn code(self) -> &'static str {
        match self {
            ModerationAction::Hide => "hide",
            ModerationAction::Restore => "restore",
            ModerationAction::Delete => "delete",
        }
    }
}

/// A flagged contribution still visible, for the editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedItem {
    pub kind: ItemKind,
    pub item: CommentView,
    /// Where it is read.
    pub link: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub editor: String,
    pub action: String,
    pub item: String,
    pub reason: String,
    pub at: HumanTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationDesk {
    pub flagged: Vec<FlaggedItem>,
    pub log: Vec<LogEntry>,
}
