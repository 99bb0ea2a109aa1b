//! Levels of study: what an offer asks for and what a candidate's profile states.

use serde::{Deserialize, Serialize};

/// A level of study (baccalauréat, bac+2 … doctorat), stored and sent as its code ("bac3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    Bac,
    Bac2,
    Bac3,
    Bac5,
    Doctorat,
}

crate::stored_code::stored_code!(EducationLevel, "education level");

impl EducationLevel {
    pub const ALL: [EducationLevel; 5] = [
        EducationLevel::Bac,
        EducationLevel::Bac2,
        EducationLevel::Bac3,
        EducationLevel::Bac5,
        EducationLevel::Doctorat,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EducationLevel::Bac => "bac",
            EducationLevel::Bac2 => "bac2",
            EducationLevel::Bac3 => "bac3",
            EducationLevel::Bac5 => "bac5",
            EducationLevel::Doctorat => "doctorat",
        }
    }

    pub fn parse(code: &str) -> Option<EducationLevel> {
        EducationLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            EducationLevel::Bac => "education-bac",
            EducationLevel::Bac2 => "education-bac2",
            EducationLevel::Bac3 => "education-bac3",
            EducationLevel::Bac5 => "education-bac5",
            EducationLevel::Doctorat => "education-doctorat",
        }
    }
}
