//! Server functions of discussion threads: the list, a thread with its replies, starting a
//! thread and replying. Flags, moderation and follows go through `community_api`, as for
//! comments.

use super::threads::{ThreadInput, ThreadList, ThreadPageData, ThreadQuery};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        community::{FollowKind, COMMENT_MAX},
        server::{notify, store, threads, Standing},
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        i18n::request_locale,
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

#[server(endpoint = "innovation/threads")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/threads", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_threads(#[server(default)] query: ThreadQuery) -> Result<ThreadList, AppError> {
    respond(
        async {
            let db = app_state()?.db;
            let locale = request_locale();
            let caller = Caller::current().await?;
            let (Standing { member, .. }, account) = (Standing::of(&caller), caller.id());
            let (threads, total) =
                threads::list(&db, &query, locale, &HumanDates::for_reader().await?).await?;
            let following_field = match (account, query.field()) {
                (Some(user), Some(field)) => {
                    notify::follows(&db, user, FollowKind::Field, &field.to_string()).await?
                }
                _ => false,
            };
            Ok(ThreadList {
                threads,
                total,
                page: query.page_number().get(),
                fields: store::field_names(&db, locale).await?,
                can_post: member,
                following_field,
            })
        }
        .await,
    )
}

/// A thread with its replies; a hidden thread is found by editors only.
#[server(endpoint = "innovation/thread")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/thread", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_thread(id: i64) -> Result<ThreadPageData, AppError> {
    respond(
        async {
            let db = app_state()?.db;
            let caller = Caller::current().await?;
            let (
                Standing {
                    member,
                    editor: moderator,
                },
                account,
            ) = (Standing::of(&caller), caller.id());
            let (title, field_ids) = threads::find(&db, id, moderator)
                .await?
                .ok_or(AppError::NotFound)?;
            let (question, replies) =
                threads::contributions(&db, id, moderator, &HumanDates::for_reader().await?)
                    .await?
                    .ok_or(AppError::NotFound)?;
            let following = match account {
                Some(user) => {
                    notify::follows(&db, user, FollowKind::Thread, &id.to_string()).await?
                }
                None => false,
            };
            let names = store::field_names(&db, request_locale()).await?;
            let fields = names
                .into_iter()
                .filter(|(f, _)| field_ids.contains(f))
                .collect();
            Ok(ThreadPageData {
                id,
                title,
                fields,
                question,
                replies,
                can_reply: member,
                moderator,
                following,
            })
        }
        .await,
    )
}

/// A member asks the community a question, tied to fields; those following the fields hear of it.
#[server(endpoint = "innovation/thread_start")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/thread_start", skip_all, fields(account = tracing::field::Empty)))]
pub async fn start_thread(thread: ThreadInput) -> Result<i64, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Contribute)?;
            let db = app_state()?.db;
            let clean = thread.validate().map_err(AppError::Invalid)?;
            let known = store::field_names(&db, request_locale()).await?;
            if !clean
                .fields
                .iter()
                .all(|f| known.iter().any(|(id, _)| id == f))
            {
                return Err(AppError::field("fields", "field-unknown"));
            }
            let id = threads::create(&db, account.id, &clean).await?;
            tracing::info!(user = account.id, thread = id, "thread started");
            let link = format!("/innovation/discussions/{id}");
            let news = notify::News {
                kind: "thread",
                actor: account.id,
                actor_name: &account.display_name,
                subject: &clean.title,
                link: &link,
                target: notify::Target::Contribution(
                    crate::innovation::community::ItemKind::Thread,
                    id,
                ),
            };
            let targets: Vec<(FollowKind, String)> = clean
                .fields
                .iter()
                .map(|f| (FollowKind::Field, f.to_string()))
                .collect();
            let told = async {
                notify::follow(&db, account.id, FollowKind::Thread, &id.to_string(), true).await?;
                notify::tell(&db, &news, &targets, Some(&clean.body)).await
            };
            if let Err(error) = told.await {
                tracing::error!(%error, thread = id, "notifications not recorded");
            }
            redirect_plain_form(&link);
            Ok(id)
        }
        .await,
    )
}

/// A member replies in a visible thread (Markdown; quote with "> "); they follow it from now on.
#[server(endpoint = "innovation/thread_reply")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/thread_reply", skip_all, fields(account = tracing::field::Empty, thread = thread)))]
pub async fn reply_thread(thread: i64, body: String) -> Result<i64, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let account = caller.require(Permission::Contribute)?;
            let db = app_state()?.db;
            let body = AppError::required_text("body", &body, COMMENT_MAX)?;
            let (title, _) = threads::find(&db, thread, false)
                .await?
                .ok_or(AppError::NotFound)?;
            let id = threads::reply(&db, thread, account.id, &body).await?;
            tracing::info!(user = account.id, thread, reply = id, "thread reply posted");
            let link = format!("/innovation/discussions/{thread}#reponse-{id}");
            let news = notify::News {
                kind: "reply",
                actor: account.id,
                actor_name: &account.display_name,
                subject: &title,
                link: &link,
                target: notify::Target::Contribution(
                    crate::innovation::community::ItemKind::Reply,
                    id,
                ),
            };
            let target = thread.to_string();
            let told = async {
                notify::follow(&db, account.id, FollowKind::Thread, &target, true).await?;
                notify::tell(
                    &db,
                    &news,
                    &[(FollowKind::Thread, target.clone())],
                    Some(&body),
                )
                .await
            };
            if let Err(error) = told.await {
                tracing::error!(%error, reply = id, "notifications not recorded");
            }
            redirect_plain_form(&link);
            Ok(id)
        }
        .await,
    )
}
