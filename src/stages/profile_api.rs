//! The candidate's profile: its server function (the type and its checks are in `profile.rs`).

use super::profile::CandidateProfile;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    accounts::{server::Caller, types::Permission},
    server::{app_state, redirect_plain_form, respond},
};

/// Saves the signed-in candidate's profile, all fields at once.
#[server(endpoint = "stages/candidate_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "stages/candidate_profile", skip_all, fields(account = tracing::field::Empty)))]
pub async fn save_candidate_profile(profile: CandidateProfile) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Apply)?;
            let profile = profile.validate()?;
            super::server::profiles::set_profile(&app_state()?.db, account.id, &profile).await?;
            tracing::info!(candidate = account.id, "profile saved");
            redirect_plain_form("/stages/candidatures");
            Ok(())
        }
        .await,
    )
}
