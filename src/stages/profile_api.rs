//! The candidate's profile: its server function (the type and its checks are in `profile.rs`).

use super::profile::CandidateProfile;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{server::require_role, types::Role},
    server::{app_state, redirect_plain_form, respond},
};

/// Saves the signed-in candidate's profile, all fields at once.
#[server(endpoint = "stages/candidate_profile")]
pub async fn save_candidate_profile(profile: CandidateProfile) -> Result<(), AppError> {
    respond(
        async {
            let (account, _) = require_role(Role::Candidate).await?;
            let profile = profile.validate()?;
            super::server::profiles::set_profile(&app_state()?.db, account.id, &profile).await?;
            tracing::info!(candidate = account.id, "profile saved");
            redirect_plain_form("/stages/candidatures");
            Ok(())
        }
        .await,
    )
}
