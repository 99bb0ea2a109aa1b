//! The candidate's profile: what agents read next to the letter and the CV. Kept by the
//! candidate on their desk; every field may stay empty.

use super::education::EducationLevel;
use crate::error::{AppError, FieldError};
use serde::{Deserialize, Serialize};

/// Every field defaults to empty, so a form that leaves one out still decodes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateProfile {
    pub school: String,
    pub discipline: String,
    /// An education level code, or empty.
    pub education_level: String,
    pub phone: String,
    pub presentation: String,
}

pub const PRESENTATION_MAX: usize = 2_000;

impl CandidateProfile {
    /// The profile trimmed, or every field's problem.
    pub fn validate(&self) -> Result<CandidateProfile, AppError> {
        let clean = CandidateProfile {
            school: self.school.trim().to_string(),
            discipline: self.discipline.trim().to_string(),
            education_level: self.education_level.trim().to_string(),
            phone: self.phone.trim().to_string(),
            presentation: self.presentation.trim().to_string(),
        };
        let mut errors = crate::characters::refused_fields(&clean);
        let mut refuse = |field: &str, key: &str| {
            errors.push(FieldError {
                field: field.into(),
                key: key.into(),
            })
        };
        for (field, value, max) in [
            ("school", &clean.school, 150),
            ("discipline", &clean.discipline, 100),
            ("presentation", &clean.presentation, PRESENTATION_MAX),
        ] {
            if value.chars().count() > max {
                refuse(field, "field-too-long");
            }
        }
        if !clean.education_level.is_empty()
            && EducationLevel::parse(&clean.education_level).is_none()
        {
            refuse("education_level", "field-unknown");
        }
        let digits = clean.phone.chars().filter(char::is_ascii_digit).count();
        if !clean.phone.is_empty()
            && (!clean
                .phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
                || !(6..=20).contains(&digits))
        {
            refuse("phone", "field-phone");
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == CandidateProfile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_checked_field_by_field() {
        let good = CandidateProfile {
            school: " Sciences Po ".into(),
            phone: "+33 6 12 34 56 78".into(),
            education_level: "bac5".into(),
            ..Default::default()
        };
        assert_eq!(good.validate().expect("valid").school, "Sciences Po");
        let bad = CandidateProfile {
            phone: "call me".into(),
            education_level: "phd".into(),
            presentation: "x".repeat(PRESENTATION_MAX + 1),
            ..Default::default()
        };
        let error = bad.validate().expect_err("invalid");
        assert_eq!(
            (
                error.field_key("phone"),
                error.field_key("education_level"),
                error.field_key("presentation")
            ),
            (
                Some("field-phone"),
                Some("field-unknown"),
                Some("field-too-long")
            )
        );
        assert!(CandidateProfile::default()
            .validate()
            .expect("empty is fine")
            .is_empty());
    }
}
