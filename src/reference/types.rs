use crate::accounts::types::Named;
use serde::{Deserialize, Serialize};

/// The kinds of reference item a site admin edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    Direction,
    Service,
    MetierFamily,
    Metier,
    Field,
}

impl RefKind {
    /// The kind whose id a new item of this kind needs, if any.
    pub fn parent(self) -> Option<RefKind> {
        match self {
            RefKind::Service => Some(RefKind::Direction),
            RefKind::Metier => Some(RefKind::MetierFamily),
            _ => None,
        }
    }

    pub fn has_code(self) -> bool {
        matches!(self, RefKind::Direction | RefKind::Field)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub services: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRef {
    pub id: i64,
    pub name: String,
    pub metiers: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRef {
    pub id: i64,
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReferenceData {
    pub directions: Vec<DirectionRef>,
    pub families: Vec<FamilyRef>,
    pub fields: Vec<FieldRef>,
}

impl ReferenceData {
    pub fn metier_count(&self) -> usize {
        self.families.iter().map(|f| f.metiers.len()).sum()
    }
}
