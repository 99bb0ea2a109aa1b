//! Innovation articles ("fiches"): their states, what an author writes, and what readers and
//! editors see. Shared by server and browser.

use crate::{error::FieldError, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Maturity {
    Idea,
    Pilot,
    Deployed,
    Scaled,
    Stopped,
}

crate::stored_code::stored_code!(Maturity, "maturity");

impl Maturity {
    pub const ALL: [Maturity; 5] = [
        Maturity::Idea,
        Maturity::Pilot,
        Maturity::Deployed,
        Maturity::Scaled,
        Maturity::Stopped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Maturity::Idea => "idea",
            Maturity::Pilot => "pilot",
            Maturity::Deployed => "deployed",
            Maturity::Scaled => "scaled",
            Maturity::Stopped => "stopped",
        }
    }

    pub fn parse(code: &str) -> Option<Maturity> {
        Maturity::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("maturity-{}", self.code())
    }
}

/// Where the working copy of a fiche stands in the editorial review. A published fiche keeps
/// its published revision on the site while a new version goes through review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FicheState {
    Draft,
    Submitted,
    ChangesRequested,
    Published,
    Rejected,
}

crate::stored_code::stored_code!(FicheState, "fiche state");

impl FicheState {
    pub const ALL: [FicheState; 5] = [
        FicheState::Draft,
        FicheState::Submitted,
        FicheState::ChangesRequested,
        FicheState::Published,
        FicheState::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FicheState::Draft => "draft",
            FicheState::Submitted => "submitted",
            FicheState::ChangesRequested => "changes_requested",
            FicheState::Published => "published",
            FicheState::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<FicheState> {
        FicheState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("fiche-state-{}", self.code())
    }

    /// The author may change the working copy (not while an editor reviews it).
    pub fn editable(self) -> bool {
        self != FicheState::Submitted
    }
}

/// What an editor decides on a submitted fiche.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// A comment to the author; the fiche stays under review.
    Comment,
    RequestChanges,
    Reject,
    Publish,
}

crate::stored_code::stored_code!(ReviewAction, "review action");

impl ReviewAction {
    pub fn code(self) -> &'static str {
        match self {
            ReviewAction::Comment => "comment",
            ReviewAction::RequestChanges => "request_changes",
            ReviewAction::Reject => "reject",
            ReviewAction::Publish => "publish",
        }
    }

    pub fn parse(code: &str) -> Option<ReviewAction> {
        [
            ReviewAction::Comment,
            ReviewAction::RequestChanges,
            ReviewAction::Reject,
            ReviewAction::Publish,
        ]
        .into_iter()
        .find(|a| a.code() == code)
    }
}

/// The form of a fiche, as typed (numbers and lists as text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FicheInput {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// Field ids, chosen with checkboxes.
    pub fields: Vec<i64>,
    pub city: String,
    pub country: String,
    pub year_started: String,
    pub maturity: String,
    pub cost_range: String,
    pub funding: String,
    pub results: String,
    pub lessons: String,
    /// One link per line.
    pub sources: String,
    pub contact: String,
    /// Comma-separated.
    pub tags: String,
    /// The author's declaration of interests (links to a vendor or to the city described).
    pub interests: String,
}

pub const BODY_MAX: usize = 40_000;

impl FicheInput {
    /// The input trimmed and checked field by field; `this_year` bounds the start year.
    pub fn validate(&self, this_year: i64) -> Result<FicheInput, Vec<FieldError>> {
        let mut errors = crate::characters::refused_fields(self);
        let mut refuse = |field: &str, key: &str| {
            errors.push(FieldError {
                field: field.into(),
                key: key.into(),
            })
        };
        let trim = |s: &str| s.trim().to_string();
        let mut fields = self.fields.clone();
        fields.sort_unstable();
        fields.dedup();
        let clean = FicheInput {
            language: trim(&self.language),
            title: trim(&self.title),
            summary: trim(&self.summary),
            body: trim(&self.body),
            fields,
            city: trim(&self.city),
            country: trim(&self.country),
            year_started: trim(&self.year_started),
            maturity: trim(&self.maturity),
            cost_range: trim(&self.cost_range),
            funding: trim(&self.funding),
            results: trim(&self.results),
            lessons: trim(&self.lessons),
            sources: self
                .sources
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            contact: trim(&self.contact),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(", "),
            interests: trim(&self.interests),
        };
        let length = |text: &str| text.chars().count();
        if !matches!(clean.language.as_str(), "fr" | "en") {
            refuse("language", "field-unknown");
        }
        if !(5..=150).contains(&length(&clean.title)) {
            refuse("title", "fiche-field-title");
        }
        if !(20..=600).contains(&length(&clean.summary)) {
            refuse("summary", "fiche-field-summary");
        }
        if length(&clean.body) < 50 {
            refuse("body", "fiche-field-body");
        } else if length(&clean.body) > BODY_MAX {
            refuse("body", "field-too-long");
        }
        if clean.fields.is_empty() || clean.fields.len() > 4 {
            refuse("fields", "fiche-field-fields");
        }
        for (field, value, max) in [("city", &clean.city, 100), ("country", &clean.country, 100)] {
            if value.is_empty() {
                refuse(field, "field-required");
            } else if length(value) > max {
                refuse(field, "field-too-long");
            }
        }
        if !clean.year_started.is_empty()
            && !clean
                .year_started
                .parse::<i64>()
                .is_ok_and(|y| (1900..=this_year).contains(&y))
        {
            refuse("year_started", "fiche-field-year");
        }
        if Maturity::parse(&clean.maturity).is_none() {
            refuse("maturity", "field-required");
        }
        for (field, value, max) in [
            ("cost_range", &clean.cost_range, 200),
            ("funding", &clean.funding, 500),
            ("results", &clean.results, 10_000),
            ("lessons", &clean.lessons, 10_000),
            ("contact", &clean.contact, 200),
            ("tags", &clean.tags, 300),
        ] {
            if length(value) > max {
                refuse(field, "field-too-long");
            }
        }
        if clean.sources.lines().any(|l| {
            !(l.starts_with("https://") || l.starts_with("http://"))
                || l.contains(char::is_whitespace)
        }) {
            refuse("sources", "fiche-field-sources");
        }
        if clean.interests.is_empty() {
            refuse("interests", "fiche-field-interests");
        } else if length(&clean.interests) > 1_000 {
            refuse("interests", "field-too-long");
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }
}

/// A fiche in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub city: String,
    pub country: String,
    pub maturity: Maturity,
    pub language: String,
    pub state: FicheState,
    /// Field names in the reader's language.
    pub fields: Vec<String>,
}

/// A published fiche as readers see it: its published revision, rendered and sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheView {
    pub id: i64,
    pub revision: i64,
    /// The fiche this one translates, when linked.
    pub translation_of: Option<i64>,
    /// Other fiches are linked as translations of this one.
    pub translated: bool,
    pub language: String,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub fields: Vec<String>,
    pub city: String,
    pub country: String,
    pub year_started: Option<i64>,
    pub maturity: Maturity,
    pub cost_range: String,
    pub funding: String,
    pub results_html: String,
    pub lessons_html: String,
    pub sources: Vec<String>,
    pub contact: String,
    pub tags: Vec<String>,
    pub interests: String,
    pub author: String,
    /// Unix seconds (open data, feeds).
    pub published_at: i64,
    /// `published_at` as the reader reads it (filled by the server functions of pages).
    #[serde(default)]
    pub published_shown: HumanTime,
}

/// One sign that a text may promote a vendor or a city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// "link", "brand", "superlative" or "call-to-buy".
    pub kind: String,
    pub excerpt: String,
}

pub use crate::ui::line_diff::DiffLine;

/// One revision in a fiche's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRef {
    pub id: i64,
    pub number: i64,
    pub author: String,
    pub at: HumanTime,
    pub published: bool,
}

/// One editorial step: a comment, a request for changes, a rejection, a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewEntry {
    pub editor: String,
    pub action: ReviewAction,
    pub comment: String,
    pub at: HumanTime,
}

/// What the author's desk and the editor's review show of one fiche.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheDesk {
    pub id: i64,
    pub state: FicheState,
    pub input: FicheInput,
    pub author: String,
    pub revisions: Vec<RevisionRef>,
    pub reviews: Vec<ReviewEntry>,
    /// Signs of promotion in the working copy (for the editor; the author sees them too).
    pub warnings: Vec<Warning>,
    pub published: bool,
    /// The reader may review (an editor).
    pub reviewer: bool,
    /// The reader wrote it.
    pub mine: bool,
    /// The fiche this one translates, when linked.
    pub translation_of: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> FicheInput {
        FicheInput {
            language: "fr".into(),
            title: "Vélos en libre-service".into(),
            summary: "Un réseau de vélos partagés accessible jour et nuit.".into(),
            body: "Le service propose des vélos mécaniques et électriques dans toute la ville, avec des stations tous les 300 mètres.".into(),
            fields: vec![2, 2],
            city: "Paris".into(),
            country: "France".into(),
            year_started: "2007".into(),
            maturity: "scaled".into(),
            sources: " https://fr.wikipedia.org/wiki/V%C3%A9lib%27 \n\n".into(),
            tags: "Vélo, Mobilité ".into(),
            interests: "Aucun lien.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_fiche_passes_cleaned() {
        let clean = complete().validate(2026).expect("valid");
        assert_eq!(
            (clean.fields, clean.tags.as_str(), clean.sources.as_str()),
            (
                vec![2],
                "vélo, mobilité",
                "https://fr.wikipedia.org/wiki/V%C3%A9lib%27"
            )
        );
    }

    #[test]
    fn every_problem_is_named() {
        let bad = FicheInput {
            language: "de".into(),
            year_started: "2999".into(),
            sources: "pas un lien".into(),
            ..Default::default()
        };
        let fields: Vec<String> = bad
            .validate(2026)
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        for field in [
            "language",
            "title",
            "summary",
            "body",
            "fields",
            "city",
            "country",
            "year_started",
            "maturity",
            "sources",
            "interests",
        ] {
            assert!(
                fields.iter().any(|f| f == field),
                "{field} not refused: {fields:?}"
            );
        }
    }
}
