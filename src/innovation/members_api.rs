//! Member profiles and the directory: their server functions (the types and checks are in
//! `members.rs`).

use super::members::{DirectoryPage, MemberCard, MemberProfile};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        members::{CONTACTS_PER_DAY, CONTACT_MAX},
        server::{members, store},
    },
    crate::{
        accounts::server::{store::recipient, Caller},
        i18n::request_locale,
        server::{app_state, redirect_plain_form, respond},
    },
};

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
            let members = members::search(
                &db,
                q.as_deref().map(str::trim).filter(|q| !q.is_empty()),
                field,
                country.as_deref().map(str::trim).filter(|c| !c.is_empty()),
                &names,
            )
            .await?;
            Ok(DirectoryPage {
                members,
                fields: names,
            })
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
            members::card_of(&db, id, &names)
                .await?
                .ok_or(AppError::NotFound)
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
            Ok((
                members::profile(&db, account.id).await?.unwrap_or_default(),
                store::field_names(&db, request_locale()).await?,
            ))
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
            if recipient(&app.db, id).await?.is_none() {
                return Err(AppError::NotFound);
            }
            if members::contacts_today(&app.db, account.id).await? >= CONTACTS_PER_DAY {
                return Err(AppError::RateLimited);
            }
            let sender_link = app
                .config
                .public_link(&format!("/innovation/membres/{}", account.id));
            let mail = members::Contact {
                recipient_id: id,
                sender_name: account.display_name.clone(),
                sender_link,
                body,
            };
            // Mailed by the job worker: a relay that is down delays the message, it does not lose it.
            members::contact(&app, account.id, id, &mail).await?;
            tracing::info!(sender = account.id, recipient = id, "member contacted");
            redirect_plain_form(&format!("/innovation/membres/{id}"));
            Ok(())
        }
        .await,
    )
}
