//! The shared calendar's wire types: what a page receives (a period of days with their
//! occurrences, one event with its attendees) and what its forms send (an event). Dates and
//! times arrive formatted by the server in the reader's language and time zone
//! (`ui::time::HumanTime`); the rules (recurrence, time zones, iCalendar) are server-side
//! (`espaces::server::calendar_*`).

use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// Longest event title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest place, in characters.
pub const PLACE_MAX: usize = 300;
/// Longest description (Markdown), in characters.
pub const DESCRIPTION_MAX: usize = 10_000;
/// Most occurrences a recurrence with a count may have.
pub const COUNT_MAX: i64 = 500;
/// Largest interval of a recurrence (every n weeks or months).
pub const EVERY_MAX: i64 = 52;

/// How an event repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Once.
    #[default]
    None,
    /// Every n weeks, on the same weekday and time.
    Weekly,
    /// Every n months, on the same day of the month (months without that day are skipped).
    Monthly,
}

impl Recurrence {
    pub const ALL: &'static [Recurrence] =
        &[Recurrence::None, Recurrence::Weekly, Recurrence::Monthly];

    /// The code stored and sent by forms.
    pub fn code(self) -> &'static str {
        match self {
            Recurrence::None => "none",
            Recurrence::Weekly => "weekly",
            Recurrence::Monthly => "monthly",
        }
    }

    pub fn parse(code: &str) -> Option<Recurrence> {
        Recurrence::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// The translation key of its name.
    pub fn label_key(self) -> String {
        format!("calendar-recurrence-{}", self.code())
    }
}

crate::stored_code::stored_code!(Recurrence, "event recurrence");

/// An attendee's answer to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Invited, not answered yet.
    #[default]
    Pending,
    Yes,
    No,
    Maybe,
}

impl Answer {
    pub const ALL: &'static [Answer] = &[Answer::Pending, Answer::Yes, Answer::No, Answer::Maybe];
    /// The answers an attendee may give.
    pub const GIVEN: &'static [Answer] = &[Answer::Yes, Answer::No, Answer::Maybe];

    /// The code stored and sent by forms.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Pending => "pending",
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Maybe => "maybe",
        }
    }

    pub fn parse(code: &str) -> Option<Answer> {
        Answer::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// The translation key of its name.
    pub fn label_key(self) -> String {
        format!("calendar-answer-{}", self.code())
    }
}

crate::stored_code::stored_code!(Answer, "attendee answer");

/// How a period is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CalendarView {
    /// The coming weeks as a list (works without JavaScript, and on a phone).
    #[default]
    Agenda,
    /// One week, day by day.
    Week,
    /// One month as a grid of weeks.
    Month,
}

impl CalendarView {
    pub const ALL: &'static [CalendarView] = &[
        CalendarView::Agenda,
        CalendarView::Week,
        CalendarView::Month,
    ];

    /// The code used in links (`?vue=`).
    pub fn code(self) -> &'static str {
        match self {
            CalendarView::Agenda => "agenda",
            CalendarView::Week => "week",
            CalendarView::Month => "month",
        }
    }

    pub fn parse(code: &str) -> Option<CalendarView> {
        CalendarView::ALL.iter().copied().find(|r| r.code() == code)
    }

    /// The translation key of its name.
    pub fn label_key(self) -> String {
        format!("calendar-view-{}", self.code())
    }
}

/// An event as its form sends it: dates `YYYY-MM-DD`, times `HH:MM` in the space's time zone;
/// for an all-day event the times are ignored and the end date is the last day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub end_time: String,
    /// "on" (a checked box) or "true" for an all-day event.
    #[serde(default)]
    pub all_day: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub description: String,
    /// `none`, `weekly`, `monthly` (empty: none).
    #[serde(default)]
    pub recurrence: String,
    /// Every n weeks or months (empty: 1).
    #[serde(default)]
    pub every: String,
    /// The last local date of the recurrence (empty: none).
    #[serde(default)]
    pub until: String,
    /// The number of occurrences (empty: none).
    #[serde(default)]
    pub count: String,
}

impl EventForm {
    /// Whether the all-day box is checked.
    pub fn is_all_day(&self) -> bool {
        matches!(self.all_day.as_str(), "on" | "true" | "1")
    }
}

/// One occurrence of an event in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceItem {
    pub event_id: i64,
    pub title: String,
    pub place: String,
    pub all_day: bool,
    pub recurring: bool,
    /// The local date of the occurrence's start in the space's zone (`YYYY-MM-DD`): what names
    /// it to cancel or restore it.
    pub occurrence: String,
    /// "10:00" – "11:30" in the reader's zone (empty for an all-day event).
    pub start_time: String,
    pub end_time: String,
    /// Its start and end, in words, in the reader's zone.
    pub starts: HumanTime,
    pub ends: HumanTime,
    /// Cancelled (an exception of its recurrence): shown struck, restorable.
    pub cancelled: bool,
}

/// One day of a period, in the reader's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    /// `YYYY-MM-DD`, and its words.
    pub date: HumanTime,
    /// The weekday's name.
    pub weekday: String,
    /// The day of the month (the month grid's cell).
    pub day: i8,
    /// Outside the month shown (the month grid's first and last weeks).
    pub outside: bool,
    pub today: bool,
    pub items: Vec<OccurrenceItem>,
}

/// A space's calendar over one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub space_id: i64,
    pub space_name: String,
    /// The space's time zone (IANA name), in which forms are filled.
    pub space_zone: String,
    pub view: CalendarView,
    /// The period in words ("mars 2027", "semaine du 22 mars 2027").
    pub period: String,
    /// The first day shown (`YYYY-MM-DD`), and the first day of the previous and next periods.
    pub anchor: String,
    pub previous: String,
    pub next: String,
    pub today: String,
    /// The days shown (the agenda: only days with events).
    pub days: Vec<CalendarDay>,
    /// Whether the caller may create events (contributors, animators; never when archived).
    pub can_create: bool,
    /// Whether the caller (a member) has a private feed link.
    pub has_feed: bool,
    pub is_member: bool,
    /// The feed link the caller just made, shown once to a browser without JavaScript
    /// (`crate::link_token::SHOWN_ONCE_PARAMETER`).
    pub new_feed_link: Option<String>,
}

/// An attendee and their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub user_id: i64,
    pub name: String,
    pub answer: Answer,
}

/// A member who may be invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberChoice {
    pub user_id: i64,
    pub name: String,
}

/// One event as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub id: i64,
    pub space_id: i64,
    pub space_name: String,
    pub title: String,
    pub place: String,
    /// The description rendered (Markdown through the sanitiser).
    pub description_html: String,
    pub all_day: bool,
    pub starts: HumanTime,
    pub ends: HumanTime,
    pub recurrence: Recurrence,
    pub every: i64,
    /// The recurrence's end in words ("jusqu'au …", "12 fois"), empty when it has none.
    pub recurrence_end: String,
    /// The next occurrences (cancelled ones included, marked).
    pub upcoming: Vec<OccurrenceItem>,
    pub attendees: Vec<AttendeeRow>,
    /// The caller's answer when invited.
    pub my_answer: Option<Answer>,
    /// Whether the caller may edit, cancel occurrences, invite (its author or an animator).
    pub can_edit: bool,
    /// Members not invited yet (for the invitation form).
    pub invitable: Vec<MemberChoice>,
    /// The event as its form shows it (editing).
    pub form: EventForm,
}
