//! Following an application up: its file (history, messages with the candidate, the agents'
//! private notes), the directions' answer templates and the agents who handle a direction's
//! pool of spontaneous applications. Types shared by server and browser.

use super::application::ApplicationState;
use crate::{accounts::types::Named, ui::time::HumanTime};
use serde::{Deserialize, Serialize};

/// Longest message or note, in characters.
pub const MESSAGE_MAX: usize = 5_000;

/// A message or a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub author: String,
    pub from_candidate: bool,
    pub body: String,
    pub at: HumanTime,
}

/// One move of the pipeline, with who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    pub from: Option<ApplicationState>,
    pub to: ApplicationState,
    pub actor: String,
    pub at: HumanTime,
}

/// What only the agents see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSide {
    pub candidate_email: String,
    pub notes: Vec<Entry>,
    pub moves: Vec<ApplicationState>,
    /// The direction's answer for each decision, ready to edit before sending.
    pub accepted_answer: String,
    pub declined_answer: String,
}

/// An application as a page: the candidate sees theirs, the agents those in their scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationFile {
    pub id: i64,
    pub offer_id: Option<i64>,
    pub offer_title: Option<String>,
    pub direction_code: String,
    pub direction_name: String,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub cover_letter: String,
    pub has_cv: bool,
    pub profile: super::profile::CandidateProfile,
    pub state: ApplicationState,
    pub created_at: HumanTime,
    pub history: Vec<Move>,
    pub messages: Vec<Entry>,
    /// The viewer is the candidate (they may reply and withdraw).
    pub mine: bool,
    pub staff: Option<StaffSide>,
}

/// A direction's answer templates, as its admins edit them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionTemplates {
    pub direction: Named,
    pub accepted: String,
    pub declined: String,
}

/// A direction's pool of spontaneous applications: who handles it, and who could.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolDesk {
    pub direction: Named,
    pub handlers: Vec<Named>,
    /// Host agents of the direction's services not yet handling the pool.
    pub candidates: Vec<Named>,
}

/// A decision's answer template: the direction's own, or the site's default.
pub fn default_answer_key(state: ApplicationState) -> &'static str {
    if state == ApplicationState::Accepted {
        "answer-default-accepted"
    } else {
        "answer-default-declined"
    }
}
