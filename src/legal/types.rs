//! What the legal pages show, as sent to the page, and the list of the cookies Parvis sets.

use crate::{i18n::LANG_COOKIE, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// An organisation the legal notice names (`[legal]` in `Leptos.toml`). `email` may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

/// The unit of a retention period (the configuration's, for the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodUnit {
    Hours,
    Days,
    Months,
}

/// One retention setting: its `[retention]` key (whose translations are `retention-<key>`,
/// what is kept, and `retention-<key>-why`, why that long), its length and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPeriod {
    pub key: String,
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl RetentionPeriod {
    /// The translation key of "{ $amount } months" (and days, hours) for this period, singular
    /// for 1.
    pub fn length_key(&self) -> &'static str {
        match (self.unit, self.amount == 1) {
            (PeriodUnit::Hours, true) => "legal-hours-one",
            (PeriodUnit::Hours, false) => "legal-hours",
            (PeriodUnit::Days, true) => "legal-days-one",
            (PeriodUnit::Days, false) => "legal-days",
            (PeriodUnit::Months, true) => "legal-months-one",
            (PeriodUnit::Months, false) => "legal-months",
        }
    }
}

/// What the accessibility checks still find: one rule of axe-core on some pages. Kept in
/// `src/legal/accessibility_remaining.json`, which `end2end/tests/accessibility_audit.spec.ts`
/// compares with what it finds (a new violation, or one listed that is gone, fails it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemainingIssue {
    /// The axe-core rule ("color-contrast").
    pub rule: String,
    /// axe-core's impact: "minor", "moderate", "serious" or "critical".
    pub impact: String,
    /// The route patterns where it is found ("/stages/offres/:id").
    pub pages: Vec<String>,
    /// "desktop", "phone" or both.
    pub viewports: Vec<String>,
    /// What it means for a reader, in French and in English.
    pub fr: String,
    pub en: String,
}

/// Everything the four pages show that an installation sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalFacts {
    /// The site's public address (`server.public_url`).
    pub site: String,
    pub publisher: Organisation,
    pub director: String,
    pub host: Organisation,
    pub dpo: Organisation,
    pub accessibility_email: String,
    pub accessibility_form_url: String,
    pub audit_date: HumanTime,
    /// Every `[retention]` rule, in the configuration's order.
    pub retention: Vec<RetentionPeriod>,
    /// `session.cookie_name` and `session.idle_hours`.
    pub session_cookie: String,
    pub session_idle_hours: i64,
    pub remaining: Vec<RemainingIssue>,
}

/// A cookie's name: the session's is configured (`session.cookie_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieName {
    Session,
    Fixed(&'static str),
}

/// How long a cookie lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieLifetime {
    /// Until `session.idle_hours` pass without a request (each request extends it).
    SessionIdle,
    Days(u32),
}

/// One cookie Parvis sets, and why it is strictly necessary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieUse {
    pub name: CookieName,
    /// Translation key of its purpose.
    pub purpose_key: &'static str,
    pub lifetime: CookieLifetime,
}

impl CookieUse {
    /// The cookie's name on this installation.
    pub fn name_with(&self, session_cookie: &str) -> String {
        match self.name {
            CookieName::Session => session_cookie.to_string(),
            CookieName::Fixed(name) => name.to_string(),
        }
    }
}

/// Every cookie Parvis sets, all strictly necessary (no consent needed: CNIL, délibération
/// 2020-091, art. 82 of the loi Informatique et Libertés). The cookie notice renders this list;
/// `tests/legal.rs` and `end2end/tests/cookies.spec.ts` fail when the site sets any other.
pub const COOKIES: &[CookieUse] = &[
    CookieUse {
        name: CookieName::Session,
        purpose_key: "cookies-session-purpose",
        lifetime: CookieLifetime::SessionIdle,
    },
    CookieUse {
        name: CookieName::Fixed(LANG_COOKIE),
        purpose_key: "cookies-language-purpose",
        lifetime: CookieLifetime::Days(crate::i18n::LANG_COOKIE_DAYS),
    },
];
