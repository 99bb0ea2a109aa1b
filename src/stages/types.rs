//! Offer types shared by server and browser, and the validation of what an agent submits.

use crate::{accounts::types::Named, error::FieldError, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// Offers ask for a level, profiles state one: the type lives in `education.rs`.
pub use super::education::EducationLevel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferState {
    Draft,
    Published,
    Filled,
    Closed,
    Archived,
}

crate::stored_code::stored_code!(OfferState, "offer state");

impl OfferState {
    pub const ALL: [OfferState; 5] = [
        OfferState::Draft,
        OfferState::Published,
        OfferState::Filled,
        OfferState::Closed,
        OfferState::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OfferState::Draft => "draft",
            OfferState::Published => "published",
            OfferState::Filled => "filled",
            OfferState::Closed => "closed",
            OfferState::Archived => "archived",
        }
    }

    pub fn parse(code: &str) -> Option<OfferState> {
        OfferState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            OfferState::Draft => "offer-state-draft",
            OfferState::Published => "offer-state-published",
            OfferState::Filled => "offer-state-filled",
            OfferState::Closed => "offer-state-closed",
            OfferState::Archived => "offer-state-archived",
        }
    }

    /// The moves an agent may make: draft → published → filled or closed → archived; a
    /// closed offer may be published again; a draft may be archived without publication.
    pub fn next(self) -> &'static [OfferState] {
        match self {
            OfferState::Draft => &[OfferState::Published, OfferState::Archived],
            OfferState::Published => &[OfferState::Filled, OfferState::Closed],
            OfferState::Filled => &[OfferState::Archived],
            OfferState::Closed => &[OfferState::Published, OfferState::Archived],
            OfferState::Archived => &[],
        }
    }
}

/// In France an internship longer than two months must be paid (the "gratification").
pub const UNPAID_MAX_WEEKS: i64 = 8;
/// An internship lasts six months at most per school year.
pub const MAX_WEEKS: i64 = 26;

/// What an agent submits. Numbers and dates come as text so that a bad value gets a message
/// next to its field rather than a refused request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferInput {
    pub service_id: String,
    pub metier_id: String,
    pub title: String,
    pub description: String,
    pub profile: String,
    pub education_level: String,
    pub discipline: String,
    pub duration_weeks: String,
    pub start_month: String,
    pub deadline: String,
    pub places: String,
    pub address: String,
    pub arrondissement: String,
    pub remote_days: String,
    #[serde(default)]
    pub paid: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
}

/// An offer that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOffer {
    pub service_id: i64,
    pub metier_id: i64,
    pub title: String,
    pub description: String,
    pub profile: String,
    pub education_level: EducationLevel,
    pub discipline: String,
    pub duration_weeks: i64,
    pub start_month: String,
    pub deadline: String,
    pub places: i64,
    pub address: String,
    pub arrondissement: Option<i64>,
    pub remote_days: i64,
    pub paid: bool,
    pub contact_name: String,
    pub contact_email: String,
}

fn is_month(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && text[..4].parse::<u32>().is_ok()
        && text[5..]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m))
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[7] == b'-'
        && is_month(&text[..7])
        && text[8..]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
}

impl OfferInput {
    /// Checks every field; `today` is "YYYY-MM-DD". Returns every problem at once.
    pub fn validate(&self, today: &str) -> Result<ValidOffer, Vec<FieldError>> {
        let mut errors = crate::characters::refused_fields(self);
        let mut refuse = |field: &str, key: &str| {
            errors.push(FieldError {
                field: field.into(),
                key: key.into(),
            })
        };
        let text = |value: &str| value.trim().to_string();
        let number = |value: &str| value.trim().parse::<i64>().ok();

        let service_id = number(&self.service_id);
        if service_id.is_none() {
            refuse("service_id", "field-required");
        }
        let metier_id = number(&self.metier_id);
        if metier_id.is_none() {
            refuse("metier_id", "field-required");
        }
        let title = text(&self.title);
        if title.chars().count() < 5 || title.chars().count() > 150 {
            refuse("title", "field-offer-title");
        }
        let description = text(&self.description);
        if description.is_empty() || description.len() > 20_000 {
            refuse("description", "field-offer-description");
        }
        let profile = text(&self.profile);
        if profile.len() > 10_000 {
            refuse("profile", "field-too-long");
        }
        let education_level = EducationLevel::parse(self.education_level.trim());
        if education_level.is_none() {
            refuse("education_level", "field-required");
        }
        let discipline = text(&self.discipline);
        if discipline.is_empty() || discipline.chars().count() > 120 {
            refuse("discipline", "field-required");
        }
        let duration_weeks = number(&self.duration_weeks).filter(|w| (1..=MAX_WEEKS).contains(w));
        if duration_weeks.is_none() {
            refuse("duration_weeks", "field-offer-duration");
        }
        let start_month = text(&self.start_month);
        if !is_month(&start_month) {
            refuse("start_month", "field-month");
        }
        let deadline = text(&self.deadline);
        if !is_date(&deadline) {
            refuse("deadline", "field-date");
        } else if deadline.as_str() < today {
            refuse("deadline", "field-deadline-past");
        } else if is_month(&start_month) && deadline[..7] > *start_month {
            refuse("deadline", "field-deadline-after-start");
        }
        let places = number(&self.places).filter(|p| (1..=50).contains(p));
        if places.is_none() {
            refuse("places", "field-offer-places");
        }
        let address = text(&self.address);
        if address.is_empty() || address.chars().count() > 200 {
            refuse("address", "field-required");
        }
        let arrondissement = match self.arrondissement.trim() {
            "" => Some(None),
            value => value
                .parse::<i64>()
                .ok()
                .filter(|a| (1..=20).contains(a))
                .map(Some),
        };
        if arrondissement.is_none() {
            refuse("arrondissement", "field-arrondissement");
        }
        let remote_days = match self.remote_days.trim() {
            "" => Some(0),
            value => value.parse::<i64>().ok().filter(|d| (0..=5).contains(d)),
        };
        if remote_days.is_none() {
            refuse("remote_days", "field-remote-days");
        }
        // Past two months the internship is paid by law, whatever the box says.
        let paid = self.paid.is_some() || duration_weeks.is_some_and(|w| w > UNPAID_MAX_WEEKS);
        let contact_name = text(&self.contact_name);
        if contact_name.is_empty() || contact_name.chars().count() > 80 {
            refuse("contact_name", "field-required");
        }
        let contact_email = crate::accounts::types::normalise_email(&self.contact_email);
        if let Err(key) = contact_email {
            refuse("contact_email", key);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidOffer {
            service_id: service_id.unwrap_or_default(),
            metier_id: metier_id.unwrap_or_default(),
            title,
            description,
            profile,
            education_level: education_level.unwrap_or(EducationLevel::Bac),
            discipline,
            duration_weeks: duration_weeks.unwrap_or_default(),
            start_month,
            deadline,
            places: places.unwrap_or(1),
            address,
            arrondissement: arrondissement.flatten(),
            remote_days: remote_days.unwrap_or_default(),
            paid,
            contact_name,
            contact_email: contact_email.unwrap_or_default(),
        })
    }
}

/// One offer in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferSummary {
    pub id: i64,
    pub title: String,
    pub state: OfferState,
    pub direction_code: String,
    pub service: String,
    pub metier: String,
    pub duration_weeks: i64,
    /// The first month ("juin 2027"), formatted for the reader on the server.
    pub start_month: HumanTime,
    /// The last day to apply ("31 janvier 2027"), formatted for the reader on the server.
    pub deadline: HumanTime,
    pub arrondissement: Option<i64>,
    pub paid: bool,
}

/// Everything the offer page shows; the Markdown fields come rendered and sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferView {
    pub id: i64,
    pub state: OfferState,
    pub title: String,
    pub direction: Named,
    pub service: Named,
    pub metier: Named,
    pub description_html: String,
    pub profile_html: String,
    pub education_level: EducationLevel,
    pub discipline: String,
    pub duration_weeks: i64,
    /// "YYYY-MM".
    pub start_month: String,
    /// "YYYY-MM-DD", the last day applications are taken (until 23:59:59 in the city).
    pub deadline: String,
    /// `start_month` and `deadline` as the reader reads them (filled by the server function).
    #[serde(default)]
    pub start_shown: HumanTime,
    #[serde(default)]
    pub deadline_shown: HumanTime,
    pub places: i64,
    pub address: String,
    pub arrondissement: Option<i64>,
    pub remote_days: i64,
    pub paid: bool,
    pub contact_name: String,
    pub contact_email: String,
    pub published_at: Option<i64>,
    /// Published and the deadline not passed: applications are taken.
    pub open: bool,
    /// The viewer may edit it and change its state.
    pub manageable: bool,
    /// The submitted text, for the edit form (only filled for those who may edit).
    pub input: Option<OfferInput>,
    /// Who is looking, for the apply section.
    pub viewer: Viewer,
    /// Canonical address, Open Graph and JobPosting data (filled by the server function).
    pub share: crate::ui::share::SharePage,
}

/// The reader of an offer page, as far as applying goes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub signed_in: bool,
    pub candidate: bool,
    /// Where their application to this offer stands, if they applied.
    pub application: Option<crate::stages::application::ApplicationState>,
}

/// What the offer form offers to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferFormChoices {
    /// Services the agent may publish for, with their direction code.
    pub services: Vec<(Named, String)>,
    pub families: Vec<crate::reference::types::FamilyRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> OfferInput {
        OfferInput {
            service_id: "3".into(),
            metier_id: "7".into(),
            title: "Stage en écologie urbaine".into(),
            description: "Participer au plan biodiversité.".into(),
            profile: String::new(),
            education_level: "bac3".into(),
            discipline: "Écologie".into(),
            duration_weeks: "12".into(),
            start_month: "2027-03".into(),
            deadline: "2027-01-31".into(),
            places: "1".into(),
            address: "103 avenue de France".into(),
            arrondissement: "13".into(),
            remote_days: "1".into(),
            paid: None,
            contact_name: "Agathe Agent".into(),
            contact_email: "agent@paris.fr".into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.key)).collect()
    }

    #[test]
    fn a_complete_offer_passes_and_long_internships_are_paid() {
        let offer = good().validate("2026-11-28").expect("valid");
        assert!(offer.paid, "12 weeks > 2 months: paid by law");
        assert_eq!(offer.arrondissement, Some(13));
        let short = OfferInput {
            duration_weeks: "6".into(),
            ..good()
        }
        .validate("2026-11-28")
        .expect("valid");
        assert!(!short.paid);
    }

    #[test]
    fn every_problem_is_named() {
        let bad = OfferInput {
            title: "abc".into(),
            description: " ".into(),
            education_level: "master".into(),
            duration_weeks: "40".into(),
            start_month: "2027-13".into(),
            deadline: "31/01/2027".into(),
            places: "0".into(),
            arrondissement: "21".into(),
            remote_days: "6".into(),
            contact_email: "nope".into(),
            ..good()
        };
        let errors = fields(bad.validate("2026-11-28").expect_err("invalid"));
        for field in [
            "title",
            "description",
            "education_level",
            "duration_weeks",
            "start_month",
            "deadline",
            "places",
            "arrondissement",
            "remote_days",
            "contact_email",
        ] {
            assert!(
                errors.iter().any(|(f, _)| f == field),
                "{field} not reported in {errors:?}"
            );
        }
    }

    #[test]
    fn the_deadline_comes_before_the_start_and_not_in_the_past() {
        let late = OfferInput {
            deadline: "2027-04-02".into(),
            ..good()
        };
        assert_eq!(
            fields(late.validate("2026-11-28").expect_err("late")),
            vec![("deadline".into(), "field-deadline-after-start".into())]
        );
        let past = OfferInput {
            deadline: "2026-11-27".into(),
            ..good()
        };
        assert_eq!(
            fields(past.validate("2026-11-28").expect_err("past")),
            vec![("deadline".into(), "field-deadline-past".into())]
        );
    }

    #[test]
    fn state_moves() {
        assert!(OfferState::Draft.next().contains(&OfferState::Published));
        assert!(!OfferState::Archived.next().contains(&OfferState::Published));
        assert!(!OfferState::Draft.next().contains(&OfferState::Filled));
    }
}
