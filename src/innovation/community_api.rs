//! Server functions of the community: the fiche page with its comments, commenting, follows
//! and notifications, flagging, and the editors' moderation of every kind of contribution.

use super::community::{
    FichePageData, FollowKind, ItemKind, ModerationAction, ModerationDesk, NotificationsData,
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        community::{city_key, COMMENT_MAX},
        server::{comments, contributions, digest, notify, store, threads, Standing},
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        i18n::request_locale,
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// A published fiche with its comments, in one answer for the page: one round of queries
/// running together on the pool (the fiche with its fields, who reads, its comments and its
/// related fiches, all read by the fiche's id); a second only for a fiche with translations
/// or a signed-in reader's follows.
#[server(endpoint = "innovation/page")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/page", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_fiche_page(id: i64) -> Result<FichePageData, AppError> {
    respond(
        async {
            let db = app_state()?.db;
            // The caller first, alone: it is read once per request and kept in the request's
            // context, which `HumanDates::for_reader` then reads without a second extraction.
            let caller = Caller::current().await?;
            let Standing {
                member,
                editor: moderator,
            } = Standing::of(&caller);
            let account = caller.id();
            let (page, dates, comments, related) = tokio::try_join!(
                async {
                    Ok::<_, AppError>(store::published_page(&db, id, request_locale()).await?)
                },
                HumanDates::for_reader(),
                async { Ok::<_, AppError>(comments::rows_of_fiche(&db, id, moderator).await?) },
                async { Ok::<_, AppError>(store::related(&db, id).await?) },
            )?;
            let (mut fiche, first_published_at) = page.ok_or(AppError::NotFound)?;
            fiche.published_shown = dates.instant(fiche.published_at);
            let comments = comments.into_iter().map(|c| c.view(&dates)).collect();
            let (fiche_target, city_target) =
                (id.to_string(), city_key(&fiche.city, &fiche.country));
            let followed = async {
                match account {
                    Some(user) => tokio::try_join!(
                        notify::follows(&db, user, FollowKind::Fiche, &fiche_target),
                        notify::follows(&db, user, FollowKind::City, &city_target)
                    ),
                    None => Ok((false, false)),
                }
            };
            let (translations, (following, following_city)) =
                tokio::try_join!(store::translations(&db, &fiche), followed)?;
            Ok(FichePageData {
                share: super::server::share::fiche(
                    &app_state()?.config,
                    &fiche,
                    first_published_at,
                ),
                comments,
                translations,
                related,
                fiche,
                can_comment: member,
                moderator,
                following,
                following_city,
            })
        }
        .await,
    )
}

/// A member comments a published fiche (Markdown; quote with "> ").
#[server(endpoint = "innovation/comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/comment", skip_all, fields(account = tracing::field::Empty, fiche = fiche)))]
pub async fn post_comment(fiche: i64, body: String) -> Result<i64, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Contribute)?;
            let body = AppError::required_text("body", &body, COMMENT_MAX)?;
            let db = app_state()?.db;
            let Some(view) = store::published(&db, fiche, request_locale()).await? else {
                return Err(AppError::NotFound);
            };
            let author = store::find(&db, fiche)
                .await?
                .map(|f| f.author_id)
                .ok_or(AppError::NotFound)?;
            let id = comments::add(&db, fiche, account.id, &body).await?;
            tracing::info!(user = account.id, fiche, comment = id, "comment posted");
            // The comment is saved; telling people is best effort and never undoes it.
            let link = format!("/innovation/fiches/{fiche}#commentaire-{id}");
            let news = notify::News {
                kind: "comment",
                actor: account.id,
                actor_name: &account.display_name,
                subject: &view.title,
                link: &link,
                target: notify::Target::Contribution(ItemKind::Comment, id),
            };
            let target = fiche.to_string();
            let told = async {
                // Commenting follows the fiche, for the commenter and for its author.
                notify::follow(&db, account.id, FollowKind::Fiche, &target, true).await?;
                notify::follow(&db, author, FollowKind::Fiche, &target, true).await?;
                notify::tell(
                    &db,
                    &news,
                    &[(FollowKind::Fiche, target.clone())],
                    Some(&body),
                )
                .await
            };
            if let Err(error) = told.await {
                tracing::error!(%error, comment = id, "notifications not recorded");
            }
            redirect_plain_form(&format!("/innovation/fiches/{fiche}#commentaire-{id}"));
            Ok(id)
        }
        .await,
    )
}

/// A member flags a comment, a thread or a reply for the editors.
#[server(endpoint = "innovation/flag")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/flag", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn flag_item(
    kind: ItemKind,
    id: i64,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Contribute)?;
            let db = app_state()?.db;
            crate::characters::check("reason", &reason)?;
            let link = contributions::visible_link(&db, kind, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let reason: String = reason.trim().chars().take(500).collect();
            contributions::flag(&db, kind, id, account.id, &reason).await?;
            tracing::info!(
                user = account.id,
                kind = kind.code(),
                id,
                "contribution flagged"
            );
            redirect_plain_form(&link);
            Ok(())
        }
        .await,
    )
}

/// An editor hides, restores or deletes a contribution, with a reason kept in the log.
#[server(endpoint = "innovation/moderate")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/moderate", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn moderate_item(
    kind: ItemKind,
    id: i64,
    action: ModerationAction,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Edit)?;
            crate::characters::check("reason", &reason)?;
            let reason = reason.trim().chars().take(500).collect::<String>();
            if !contributions::moderate(&app_state()?.db, kind, id, action, account.id, &reason)
                .await?
            {
                return Err(AppError::NotFound);
            }
            tracing::info!(
                editor = account.id,
                kind = kind.code(),
                id,
                action = action.code(),
                "contribution moderated"
            );
            redirect_plain_form("/innovation/moderation");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "innovation/moderation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/moderation", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_moderation() -> Result<ModerationDesk, AppError> {
    respond(
        async {
            Caller::current().await?.require(Permission::Edit)?;
            let db = app_state()?.db;
            let dates = HumanDates::for_reader().await?;
            Ok(ModerationDesk {
                flagged: contributions::flagged(&db, &dates).await?,
                log: contributions::log(&db, &dates).await?,
            })
        }
        .await,
    )
}

/// Follows (or stops following) a published fiche, a thread, a field or a city of the catalogue.
#[server(endpoint = "innovation/follow")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/follow", skip_all, fields(account = tracing::field::Empty, follow = follow)))]
pub async fn follow_subject(
    kind: FollowKind,
    target: String,
    follow: bool,
) -> Result<(), AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.signed_in()?;
            let db = app_state()?.db;
            let id = target.trim().parse::<i64>().ok();
            let exists = match (kind, id) {
                (FollowKind::Fiche, Some(id)) => {
                    store::published(&db, id, request_locale()).await?.is_some()
                }
                (FollowKind::Thread, Some(id)) => threads::find(&db, id, false).await?.is_some(),
                (FollowKind::Field, Some(id)) => store::field_names(&db, request_locale())
                    .await?
                    .iter()
                    .any(|(f, _)| *f == id),
                (FollowKind::City, _) => match target.split_once('|') {
                    Some((city, country)) => store::has_city(&db, city, country).await?,
                    None => false,
                },
                _ => false,
            };
            // Stopping is always allowed (what was followed may be gone since).
            if follow && !exists {
                return Err(AppError::NotFound);
            }
            notify::follow(&db, account.id, kind, target.trim(), follow).await?;
            let back = match kind {
                FollowKind::Fiche => format!("/innovation/fiches/{}", target.trim()),
                FollowKind::Thread => format!("/innovation/discussions/{}", target.trim()),
                _ => "/innovation/notifications".to_string(),
            };
            redirect_plain_form(&back);
            Ok(())
        }
        .await,
    )
}

/// The member's notifications, what they follow, and whether the digest is on.
#[server(endpoint = "innovation/notifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/notifications", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_notifications() -> Result<NotificationsData, AppError> {
    respond(
        async {
            let user = Caller::current().await?.account_id()?;
            let db = app_state()?.db;
            Ok(NotificationsData {
                notifications: notify::of_user(&db, user, &HumanDates::for_reader().await?).await?,
                follows: notify::followed(&db, user, request_locale()).await?,
                digest: digest::enabled(&db, user).await?,
                fields: store::field_names(&db, request_locale()).await?,
            })
        }
        .await,
    )
}

#[server(endpoint = "innovation/notifications_read")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/notifications_read", skip_all, fields(account = tracing::field::Empty)))]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    respond(
        async {
            notify::mark_read(&app_state()?.db, Caller::current().await?.account_id()?).await?;
            redirect_plain_form("/innovation/notifications");
            Ok(())
        }
        .await,
    )
}

/// Turns the member's e-mail digest of notifications on or off.
#[server(endpoint = "innovation/digest")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/digest", skip_all, fields(account = tracing::field::Empty, on = on)))]
pub async fn set_digest(on: bool) -> Result<(), AppError> {
    respond(
        async {
            let user = Caller::current().await?.account_id()?;
            digest::set_enabled(&app_state()?.db, user, on).await?;
            tracing::info!(user, on, "notification digest set");
            redirect_plain_form("/innovation/notifications");
            Ok(())
        }
        .await,
    )
}
