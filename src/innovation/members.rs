//! Member profiles and the directory: who works on what, where, in which languages; and a
//! way to write to a member without either side seeing the other's address.

use crate::error::{AppError, FieldError};
use serde::{Deserialize, Serialize};

/// What a member says of themselves (the form, and what others read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberProfile {
    pub job_title: String,
    pub organisation: String,
    pub city: String,
    pub country: String,
    pub fields: Vec<i64>,
    /// Comma-separated.
    pub languages: String,
    pub bio: String,
}

impl MemberProfile {
    pub fn validate(&self) -> Result<MemberProfile, AppError> {
        let trim = |s: &str| s.trim().to_string();
        let mut fields = self.fields.clone();
        fields.sort_unstable();
        fields.dedup();
        let clean = MemberProfile {
            job_title: trim(&self.job_title),
            organisation: trim(&self.organisation),
            city: trim(&self.city),
            country: trim(&self.country),
            fields,
            languages: self
                .languages
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            bio: trim(&self.bio),
        };
        let mut errors = crate::characters::refused_fields(&clean);
        for (field, value, max, required) in [
            ("job_title", &clean.job_title, 120, true),
            ("organisation", &clean.organisation, 150, true),
            ("city", &clean.city, 100, true),
            ("country", &clean.country, 100, true),
            ("languages", &clean.languages, 200, false),
            ("bio", &clean.bio, 2_000, false),
        ] {
            if required && value.is_empty() {
                errors.push(FieldError {
                    field: field.into(),
                    key: "field-required".into(),
                });
            } else if value.chars().count() > max {
                errors.push(FieldError {
                    field: field.into(),
                    key: "field-too-long".into(),
                });
            }
        }
        if clean.fields.len() > 8 {
            errors.push(FieldError {
                field: "fields".into(),
                key: "field-too-long".into(),
            });
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(AppError::Invalid(errors))
        }
    }
}

/// A member as the directory shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberCard {
    pub id: i64,
    pub name: String,
    pub profile: MemberProfile,
    /// Field names in the reader's language.
    pub field_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub members: Vec<MemberCard>,
    pub fields: Vec<(i64, String)>,
}

/// Messages one member may send others per day (a brake on spam, not a quota people meet).
pub const CONTACTS_PER_DAY: i64 = 20;
pub const CONTACT_MAX: usize = 3_000;
