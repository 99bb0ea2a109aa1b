//! Member profiles and the directory: who works on what, where, in which languages; and a
//! way to write to a member without either side seeing the other's address.

use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::server::{members, store},
    crate::{
        accounts::server::Caller,
        i18n::request_locale,
        server::{app_state, redirect_plain_form, respond},
    },
};

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
            languages: self.languages.split(',').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "),
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
                errors.push(FieldError { field: field.into(), key: "field-required".into() });
            } else if value.chars().count() > max {
                errors.push(FieldError { field: field.into(), key: "field-too-long".into() });
            }
        }
        if clean.fields.len() > 8 {
            errors.push(FieldError { field: "fields".into(), key: "field-too-long".into() });
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

/// The directory, for signed-in members: by words (name, organisation, city, job), field and
/// country.
#[server(endpoint = "innovation/directory")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/directory", skip_all, fields(account = tracing::field::Empty, field = ?field)))]
pub async fn load_directory(
    #[server(default)] q: Option<String>,
    #[server(default)] field: Option<i64>,
    #[server(default)] country: Option<String>,
) -> Result<DirectoryPage, AppError> {
    respond(
        async {
            Caller::current().await?.account_id()?;
            let db = app_state()?.db;
            let names = store::field_names(&db, request_locale()).await?;
            let members =
                members::search(&db, q.as_deref().map(str::trim).filter(|q| !q.is_empty()), field, country.as_deref().map(str::trim).filter(|c| !c.is_empty()), &names).await?;
            Ok(DirectoryPage { members, fields: names })
        }
        .await,
    )
}

/// One member's profile (signed-in members only).
#[server(endpoint = "innovation/member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/member", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_member(id: i64) -> Result<MemberCard, AppError> {
    respond(
        async {
            Caller::current().await?.account_id()?;
            let db = app_state()?.db;
            let names = store::field_names(&db, request_locale()).await?;
            members::card_of(&db, id, &names).await?.ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// The signed-in member's own profile, for its form (empty when not written yet).
#[server(endpoint = "innovation/my_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/my_profile", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_my_member_profile() -> Result<(MemberProfile, Vec<(i64, String)>), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let db = app_state()?.db;
            Ok((members::profile(&db, account.id).await?.unwrap_or_default(), store::field_names(&db, request_locale()).await?))
        }
        .await,
    )
}

#[server(endpoint = "innovation/save_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/save_profile", skip_all, fields(account = tracing::field::Empty)))]
pub async fn save_member_profile(profile: MemberProfile) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let clean = profile.validate()?;
            members::save(&app_state()?.db, account.id, &clean).await?;
            tracing::info!(user = account.id, "member profile saved");
            redirect_plain_form(&format!("/innovation/membres/{}", account.id));
            Ok(())
        }
        .await,
    )
}

/// Sends a message to a member by mail, from the site: the recipient sees the sender's name
/// and profile link, never their address, and the sender never sees the recipient's.
#[server(endpoint = "innovation/contact")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/contact", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn contact_member(id: i64, body: String) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let body = AppError::required_text("body", &body, CONTACT_MAX)?;
            if id == account.id {
                return Err(AppError::field("body", "member-contact-self"));
            }
            let app = app_state()?;
            let Some((email, locale)) = members::address(&app.db, id).await? else { return Err(AppError::NotFound) };
            if members::contacts_today(&app.db, account.id).await? >= CONTACTS_PER_DAY {
                return Err(AppError::RateLimited);
            }
            members::record_contact(&app.db, account.id, id).await?;
            let link = app.config.public_link(&format!("/innovation/membres/{}", account.id));
            let args = [("name", account.display_name.clone()), ("message", body), ("link", link)];
            if let Err(error) = app.mailer.send(&email, &locale.t_with("mail-member-contact-subject", &args), locale.t_with("mail-member-contact-body", &args)).await {
                tracing::error!(%error, "member contact not sent");
                return Err(AppError::Internal);
            }
            tracing::info!(sender = account.id, recipient = id, "member contacted");
            redirect_plain_form(&format!("/innovation/membres/{id}"));
            Ok(())
        }
        .await,
    )
}
