//! Application types shared by server and browser, and the selection pipeline.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    Received,
    InReview,
    Interview,
    Accepted,
    Declined,
    Withdrawn,
    Expired,
}

crate::stored_code::stored_code!(ApplicationState, "application state");

impl ApplicationState {
    pub const ALL: [ApplicationState; 7] = [
        ApplicationState::Received,
        ApplicationState::InReview,
        ApplicationState::Interview,
        ApplicationState::Accepted,
        ApplicationState::Declined,
        ApplicationState::Withdrawn,
        ApplicationState::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationState::Received => "received",
            ApplicationState::InReview => "in_review",
            ApplicationState::Interview => "interview",
            ApplicationState::Accepted => "accepted",
            ApplicationState::Declined => "declined",
            ApplicationState::Withdrawn => "withdrawn",
            ApplicationState::Expired => "expired",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicationState> {
        ApplicationState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ApplicationState::Received => "application-state-received",
            ApplicationState::InReview => "application-state-in_review",
            ApplicationState::Interview => "application-state-interview",
            ApplicationState::Accepted => "application-state-accepted",
            ApplicationState::Declined => "application-state-declined",
            ApplicationState::Withdrawn => "application-state-withdrawn",
            ApplicationState::Expired => "application-state-expired",
        }
    }

    /// Still waiting for a decision.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            ApplicationState::Received | ApplicationState::InReview | ApplicationState::Interview
        )
    }

    /// The moves an agent may make from this state.
    pub fn agent_moves(self) -> &'static [ApplicationState] {
        match self {
            ApplicationState::Received => &[
                ApplicationState::InReview,
                ApplicationState::Interview,
                ApplicationState::Accepted,
                ApplicationState::Declined,
            ],
            ApplicationState::InReview => &[
                ApplicationState::Interview,
                ApplicationState::Accepted,
                ApplicationState::Declined,
            ],
            ApplicationState::Interview => {
                &[ApplicationState::Accepted, ApplicationState::Declined]
            }
            _ => &[],
        }
    }
}

pub const COVER_LETTER_MAX: usize = 5_000;

/// An application as its candidate sees it (on the server, a row of
/// `stages::server::applications::of_candidate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyApplication {
    pub id: i64,
    pub offer_id: Option<i64>,
    pub offer_title: Option<String>,
    pub direction_code: String,
    pub state: ApplicationState,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An application as the agents of the offer see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedApplication {
    pub id: i64,
    pub candidate_id: i64,
    pub candidate_name: String,
    pub candidate_email: String,
    pub cover_letter: String,
    pub has_cv: bool,
    pub state: ApplicationState,
    pub created_at: i64,
    pub profile: super::profile::CandidateProfile,
}

/// The candidate's side of the Stages desk: their CV and their applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDesk {
    /// The candidate's account id, which names their CV's address.
    pub user_id: i64,
    pub cv_bytes: Option<i64>,
    pub cv_max_bytes: i64,
    pub profile: super::profile::CandidateProfile,
    pub applications: Vec<MyApplication>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_moves() {
        assert!(ApplicationState::Received
            .agent_moves()
            .contains(&ApplicationState::Interview));
        assert!(ApplicationState::Accepted.agent_moves().is_empty());
        assert!(!ApplicationState::Withdrawn.is_pending());
        for state in ApplicationState::ALL {
            assert_eq!(ApplicationState::parse(state.code()), Some(state));
        }
    }
}
