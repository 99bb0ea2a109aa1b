//! Server functions of the community: the fiche page with its comments, commenting, flagging,
//! and the editors' moderation.

use super::community::{FichePageData, ModerationDesk, Notification};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        community::COMMENT_MAX,
        server::{comments, notify, store},
    },
    crate::{
        accounts::server::{current_account, require_account},
        i18n::request_locale,
        server::{app_state, redirect_plain_form, respond},
    },
};

/// (is a member, is an editor) for account `id`.
#[cfg(feature = "ssr")]
async fn standing(id: i64) -> Result<(bool, bool), AppError> {
    Ok(super::server::standing(&app_state()?.db, id).await?)
}

/// A published fiche with its comments, in one answer for the page.
#[server(endpoint = "innovation/page")]
pub async fn load_fiche_page(id: i64) -> Result<FichePageData, AppError> {
    respond(
        async {
            let db = app_state()?.db;
            let fiche = store::published(&db, id, request_locale()).await?.ok_or(AppError::NotFound)?;
            let (member, moderator, following) = match current_account().await? {
                Some(account) => {
                    let (member, moderator) = standing(account.id).await?;
                    (member, moderator, notify::follows(&db, id, account.id).await?)
                }
                None => (false, false, false),
            };
            Ok(FichePageData { comments: comments::of_fiche(&db, id, moderator).await?, fiche, can_comment: member, moderator, following })
        }
        .await,
    )
}

/// A member comments a published fiche (Markdown; quote with "> ").
#[server(endpoint = "innovation/comment")]
pub async fn post_comment(fiche: i64, body: String) -> Result<i64, AppError> {
    respond(
        async {
            let account = require_account().await?;
            if !standing(account.id).await?.0 {
                return Err(AppError::Forbidden);
            }
            let body = AppError::required_text("body", &body, COMMENT_MAX)?;
            let db = app_state()?.db;
            let Some(view) = store::published(&db, fiche, request_locale()).await? else { return Err(AppError::NotFound) };
            let author = store::find(&db, fiche).await?.map(|f| f.author_id).ok_or(AppError::NotFound)?;
            let id = comments::add(&db, fiche, account.id, &body).await?;
            tracing::info!(user = account.id, fiche, comment = id, "comment posted");
            // The comment is saved; telling people is best effort and never undoes it.
            let link = format!("/innovation/fiches/{fiche}#commentaire-{id}");
            if let Err(error) = notify::commented(&db, fiche, &view.title, author, account.id, &account.display_name, &link, &body).await {
                tracing::error!(%error, comment = id, "notifications not recorded");
            }
            redirect_plain_form(&format!("/innovation/fiches/{fiche}#commentaire-{id}"));
            Ok(id)
        }
        .await,
    )
}

/// A member flags a comment for the editors.
#[server(endpoint = "innovation/flag")]
pub async fn flag_comment(comment: i64, #[server(default)] reason: String) -> Result<(), AppError> {
    respond(
        async {
            let account = require_account().await?;
            if !standing(account.id).await?.0 {
                return Err(AppError::Forbidden);
            }
            let db = app_state()?.db;
            let Some((fiche, false)) = comments::fiche_of(&db, comment).await? else { return Err(AppError::NotFound) };
            let reason: String = reason.trim().chars().take(500).collect();
            comments::flag(&db, comment, account.id, &reason).await?;
            tracing::info!(user = account.id, comment, "comment flagged");
            redirect_plain_form(&format!("/innovation/fiches/{fiche}"));
            Ok(())
        }
        .await,
    )
}

/// An editor hides, restores or deletes a comment, with a reason kept in the log.
#[server(endpoint = "innovation/moderate")]
pub async fn moderate_comment(comment: i64, action: String, #[server(default)] reason: String) -> Result<(), AppError> {
    respond(
        async {
            let account = require_account().await?;
            if !standing(account.id).await?.1 {
                return Err(AppError::Forbidden);
            }
            if !matches!(action.as_str(), "hide" | "restore" | "delete") {
                return Err(AppError::field("action", "field-unknown"));
            }
            let reason = reason.trim().chars().take(500).collect::<String>();
            if !comments::moderate(&app_state()?.db, comment, &action, account.id, &reason).await? {
                return Err(AppError::NotFound);
            }
            tracing::info!(editor = account.id, comment, action, "comment moderated");
            redirect_plain_form("/innovation/moderation");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "innovation/moderation")]
pub async fn load_moderation() -> Result<ModerationDesk, AppError> {
    respond(
        async {
            let account = require_account().await?;
            if !standing(account.id).await?.1 {
                return Err(AppError::Forbidden);
            }
            let db = app_state()?.db;
            Ok(ModerationDesk { flagged: comments::flagged(&db).await?, log: comments::log(&db).await? })
        }
        .await,
    )
}

/// Follows (or stops following) a published fiche.
#[server(endpoint = "innovation/follow")]
pub async fn follow_fiche(fiche: i64, follow: bool) -> Result<(), AppError> {
    respond(
        async {
            let account = require_account().await?;
            let db = app_state()?.db;
            if store::published(&db, fiche, request_locale()).await?.is_none() {
                return Err(AppError::NotFound);
            }
            notify::follow(&db, fiche, account.id, follow).await?;
            redirect_plain_form(&format!("/innovation/fiches/{fiche}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "innovation/notifications")]
pub async fn load_notifications() -> Result<Vec<Notification>, AppError> {
    respond(async { Ok(notify::of_user(&app_state()?.db, require_account().await?.id).await?) }.await)
}

#[server(endpoint = "innovation/notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    respond(
        async {
            notify::mark_read(&app_state()?.db, require_account().await?.id).await?;
            redirect_plain_form("/innovation/notifications");
            Ok(())
        }
        .await,
    )
}
