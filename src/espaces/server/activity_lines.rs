//! One line of `space_activity` as stored, with its space's and actor's names ([`Line`]), and
//! the SQL pieces that read it: shared by the feed (`activity.rs`) and the mails
//! (`activity_mail.rs`).

use crate::{
    espaces::types::{ActivityItem, Module},
    server::human_dates::HumanDates,
};

/// One line as stored, with its space's and actor's names.
#[derive(Debug, sqlx::FromRow)]
pub struct Line {
    pub id: i64,
    pub space_id: i64,
    pub space_name: String,
    pub actor_id: Option<i64>,
    pub actor: Option<String>,
    pub module: Module,
    pub action: String,
    pub subject: String,
    pub link: String,
    pub created_at: i64,
}

/// The columns of [`Line`], for `FROM space_activity a JOIN spaces s … LEFT JOIN users u`.
pub const LINE_COLUMNS: &str =
    "a.id, a.space_id, s.name AS space_name, a.actor_id, u.display_name AS actor, \
     a.module, a.action, a.subject, a.link, a.created_at";

/// The joins [`LINE_COLUMNS`] reads. Only lines of a module the space uses: one switched off
/// takes its lines and mentions out of the feed, "my spaces" and the mails (they come back if
/// it is switched on again). Every line shown or mailed goes through this or [`MODULE_ON`]
/// (the administrators' "last activity" and the live page's signal count every line).
pub const LINE_JOINS: &str = "space_activity a JOIN spaces s ON s.id = a.space_id \
     JOIN space_modules sm ON sm.space_id = a.space_id AND sm.module = a.module \
     LEFT JOIN users u ON u.id = a.actor_id";

/// The SQL condition "line `a`'s module is on in its space", for counts that do not read
/// [`LINE_JOINS`].
pub const MODULE_ON: &str =
    "EXISTS (SELECT 1 FROM space_modules sm WHERE sm.space_id = a.space_id AND sm.module = a.module)";

impl Line {
    /// The line for a page: its time in `dates`' zone and language; `new` when it came after
    /// `since` (Unix seconds) from someone other than `viewer`.
    pub fn item(self, dates: &HumanDates, since: Option<i64>, viewer: Option<i64>) -> ActivityItem {
        let own = viewer.is_some() && self.actor_id == viewer;
        ActivityItem {
            id: self.id,
            space_id: self.space_id,
            space_name: self.space_name,
            actor: self.actor.unwrap_or_default(),
            module: self.module,
            action: self.action,
            subject: self.subject,
            link: self.link,
            at: dates.instant(self.created_at),
            new: !own && since.is_some_and(|since| self.created_at > since),
        }
    }
}
