//! The forum's shapes, shared by server and browser: a space's forum page (categories and
//! threads, or the threads a search finds), a thread page (its posts and what the caller may
//! do on them), the limits of what a form sends and its checks.

use super::types::SpaceHome;
use crate::{error::AppError, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// Longest thread title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest post, in characters (Markdown).
pub const BODY_MAX: usize = 20_000;
/// Longest category name, in characters.
pub const CATEGORY_MAX: usize = 80;
/// Threads per page of a forum's list (the most recently active first, pinned ones before).
pub const THREADS_PER_PAGE: i64 = 50;

/// One category of a space's forum; the default one has an empty name, shown "Général".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumCategory {
    pub id: i64,
    /// Empty for the default category (shown with the key `forum-category-default`).
    pub name: String,
    pub threads: i64,
}

impl ForumCategory {
    /// Whether this is the space's default category.
    pub fn is_default(&self) -> bool {
        self.name.is_empty()
    }
}

/// One thread in a forum's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadRow {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    /// The category's name (empty: the default one).
    pub category: String,
    /// The author's display name (the former-member name once erased).
    pub author: String,
    pub replies: i64,
    pub pinned: bool,
    pub locked: bool,
    pub solved: bool,
    /// Holds posts the caller has not read (always false for a visitor).
    pub unread: bool,
    pub last_post: HumanTime,
}

/// `/espaces/:id/forum`: the space, its categories, its threads (pinned first, then the most
/// recently active), or those a search found, and whether the caller may post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPage {
    pub space: SpaceHome,
    pub categories: Vec<ForumCategory>,
    pub threads: Vec<ThreadRow>,
    /// The search's words, when the list is a search's answer.
    pub query: Option<String>,
    /// The category the list is limited to.
    pub category: Option<i64>,
    /// The list's page, from 1 ([`THREADS_PER_PAGE`] threads a page).
    pub page: i64,
    /// Whether more threads follow this page.
    pub more: bool,
    /// Contributors and animators of a live space.
    pub can_post: bool,
    /// Animators of a live space (categories, pins, locks, any deletion).
    pub can_moderate: bool,
}

/// One post of a thread page: the opening post, then the replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub id: i64,
    pub author: String,
    /// The Markdown, for quoting and editing.
    pub body_md: String,
    /// Sanitised HTML (`server::markdown`).
    pub body_html: String,
    pub at: HumanTime,
    pub edited: Option<HumanTime>,
    pub solution: bool,
    /// Newer than what the caller had read before opening the page.
    pub unread: bool,
    pub can_edit: bool,
    pub can_delete: bool,
}

/// `/espaces/:id/forum/:thread`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub space: SpaceHome,
    pub id: i64,
    pub title: String,
    pub category: String,
    pub pinned: bool,
    pub locked: bool,
    /// The opening post first.
    pub posts: Vec<PostView>,
    /// May reply: contributors and animators of a live space, while the thread is not locked.
    pub can_reply: bool,
    /// May choose the solution: the thread's author (contributing) or an animator.
    pub can_mark_solution: bool,
    /// Animators of a live space: pin, lock.
    pub can_moderate: bool,
}

/// What `forum_moderate` does to a thread (animators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadModeration {
    Pin,
    Unpin,
    Lock,
    Unlock,
}

impl ThreadModeration {
    pub const ALL: [ThreadModeration; 4] = [
        ThreadModeration::Pin,
        ThreadModeration::Unpin,
        ThreadModeration::Lock,
        ThreadModeration::Unlock,
    ];

    /// The code forms send.
    pub fn code(self) -> &'static str {
        match self {
            ThreadModeration::Pin => "pin",
            ThreadModeration::Unpin => "unpin",
            ThreadModeration::Lock => "lock",
            ThreadModeration::Unlock => "unlock",
        }
    }

    pub fn parse(code: &str) -> Option<ThreadModeration> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The translation key of its button.
    pub fn label_key(self) -> String {
        format!("forum-{}", self.code())
    }
}

/// A new thread's title and opening post, checked (all errors at once).
pub fn check_thread(title: &str, body: &str) -> Result<(String, String), AppError> {
    let title = AppError::required_text("title", title, TITLE_MAX);
    let body = AppError::required_text("body", body, BODY_MAX);
    match (title, body) {
        (Ok(title), Ok(body)) => Ok((title, body)),
        (title, body) => Err(AppError::Invalid(
            [title.err(), body.err()]
                .into_iter()
                .flatten()
                .flat_map(|e| match e {
                    AppError::Invalid(errors) => errors,
                    _ => Vec::new(),
                })
                .collect(),
        )),
    }
}

/// A post's text, checked.
pub fn check_body(body: &str) -> Result<String, AppError> {
    AppError::required_text("body", body, BODY_MAX)
}

/// A category's name, checked (an empty name is the default category's, so it is required).
pub fn check_category(name: &str) -> Result<String, AppError> {
    AppError::required_text("name", name, CATEGORY_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_needs_a_title_and_a_body() {
        let Err(AppError::Invalid(errors)) = check_thread(" ", "") else {
            panic!("refused")
        };
        assert_eq!(errors.len(), 2);
        assert!(check_thread("Titre", "Texte").is_ok());
        assert!(check_thread(&"x".repeat(TITLE_MAX + 1), "Texte").is_err());
        assert!(check_category("").is_err());
        assert_eq!(ThreadModeration::parse("lock"), Some(ThreadModeration::Lock));
        assert_eq!(ThreadModeration::parse("delete"), None);
    }
}
