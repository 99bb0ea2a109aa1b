//! Discussion threads: a member asks the community a question ("Who has tried…?"), tied to
//! one to four fields, and members reply. Types shared by server and browser.

use super::community::CommentView;
use crate::{error::FieldError, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

pub const THREADS_PER_PAGE: i64 = 30;
pub const TITLE_MAX: usize = 150;
pub const QUESTION_MAX: usize = 10_000;

/// A new thread, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreadInput {
    pub title: String,
    pub body: String,
    /// Field ids, chosen with checkboxes.
    pub fields: Vec<i64>,
}

impl ThreadInput {
    /// The input trimmed and checked field by field.
    pub fn validate(&self) -> Result<ThreadInput, Vec<FieldError>> {
        let mut errors = crate::characters::refused_fields(self);
        let mut fields = self.fields.clone();
        fields.sort_unstable();
        fields.dedup();
        let clean = ThreadInput {
            title: self.title.trim().to_string(),
            body: self.body.trim().to_string(),
            fields,
        };
        let mut refuse = |field: &str, key: &str| {
            errors.push(FieldError {
                field: field.into(),
                key: key.into(),
            })
        };
        match clean.title.chars().count() {
            0 => refuse("title", "field-required"),
            n if n < 5 => refuse("title", "thread-field-title"),
            n if n > TITLE_MAX => refuse("title", "field-too-long"),
            _ => {}
        }
        match clean.body.chars().count() {
            0 => refuse("body", "field-required"),
            n if n > QUESTION_MAX => refuse("body", "field-too-long"),
            _ => {}
        }
        if clean.fields.is_empty() || clean.fields.len() > 4 {
            refuse("fields", "fiche-field-fields");
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }
}

/// Which threads the list shows: words and a field, in the URL of /innovation/discussions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadQuery {
    pub q: Option<String>,
    /// Field id.
    pub champ: Option<String>,
    pub page: Option<String>,
}

impl ThreadQuery {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> ThreadQuery {
        let value = |key: &str| {
            get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        ThreadQuery {
            q: crate::query_text::bounded_param(value("q")),
            champ: value("champ"),
            page: value("page"),
        }
    }

    /// The page asked for, clamped (see `PageNumber`).
    pub fn page_number(&self) -> crate::paging::PageNumber {
        crate::paging::PageNumber::parse(self.page.as_deref())
    }

    pub fn field(&self) -> Option<i64> {
        self.champ.as_deref().and_then(|c| c.parse().ok())
    }

    pub fn url(&self, page: i64) -> String {
        crate::paging::list_url(
            "/innovation/discussions",
            &[("q", &self.q), ("champ", &self.champ)],
            page,
        )
    }
}

/// A thread in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub fields: Vec<String>,
    pub replies: i64,
    pub last_reply_at: HumanTime,
}

/// A page of the thread list, with the fields to filter on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadList {
    pub threads: Vec<ThreadSummary>,
    pub total: i64,
    pub page: i64,
    pub fields: Vec<(i64, String)>,
    pub can_post: bool,
    /// The reader follows the field filtered on.
    pub following_field: bool,
}

/// A thread with its replies, in one answer for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPageData {
    pub id: i64,
    pub title: String,
    pub fields: Vec<(i64, String)>,
    /// The question, as a contribution (flags, hidden mark).
    pub question: CommentView,
    pub replies: Vec<CommentView>,
    pub can_reply: bool,
    pub moderator: bool,
    pub following: bool,
}
