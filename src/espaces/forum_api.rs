//! Server functions of a space's forum. Every one asks `module_role` first (404 for a space the
//! caller may not see, or whose forum is off), then the action: reading for anyone who sees
//! the space; starting a thread, replying, editing one's own posts for contributors and
//! animators of a live space (409 while archived, 409 `forum-thread-locked` on a locked
//! thread); deleting one's own post (the opening one only while nobody replied) or, for
//! animators, any; choosing the solution for the thread's author or an animator; pinning,
//! locking and the categories for animators.

use super::forum_types::{ForumPage, ThreadPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        forum_types::{check_body, check_category, check_thread, ThreadModeration},
        server::{
            access::module_role,
            forum::{self, post_facts, thread_facts, Writing},
            forum_categories, forum_read,
            spaces,
        },
        types::{choice, Module, SpaceAccess, SpaceAction},
    },
    crate::{
        accounts::server::Caller,
        error::AppResult,
        paging::PageNumber,
        server::{
            app_state, human_dates::HumanDates, redirect_plain_form, respond, state::AppState,
            text,
        },
    },
};

/// The state, the caller and its standing in space `id`, whose forum must be on (404 when
/// the caller may not see the space or the space has no forum).
#[cfg(feature = "ssr")]
async fn forum_standing(id: i64) -> AppResult<(AppState, Caller, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = module_role(&caller, &state.db, id, Module::Forum).await?;
    Ok((state, caller, access))
}

/// [`forum_standing`] for a change: a visitor is asked to sign in first (401).
#[cfg(feature = "ssr")]
async fn writer_standing(id: i64) -> AppResult<(AppState, i64, SpaceAccess)> {
    Caller::current().await?.account_id()?;
    let (state, caller, access) = forum_standing(id).await?;
    Ok((state, caller.account_id()?, access))
}

/// Whether the caller moderates the forum: an animator of a live space.
#[cfg(feature = "ssr")]
fn moderates(access: &SpaceAccess) -> bool {
    access.allows(SpaceAction::ManageMembers)
}

/// Space `id`'s forum: its categories and threads (pinned first), limited to `category` (0:
/// every category), or the threads whose posts hold every word of `q` (stemmed, French or
/// English). Both may be left out (a browser's call sends an empty `q`; an `Option<i64>`
/// would be sent empty too, which does not decode: hence 0). `page` is `?page=` as written,
/// read by `paging::PageNumber` (missing, empty or out of range: clamped), with
/// [`super::forum_types::THREADS_PER_PAGE`] threads a page.
#[server(endpoint = "espaces/forum")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_forum(
    id: i64,
    #[server(default)] q: Option<String>,
    #[server(default)] category: i64,
    #[server(default)] page: String,
) -> Result<ForumPage, AppError> {
    respond(
        async {
            let (state, caller, access) = forum_standing(id).await?;
            let now = state.clock.now_seconds();
            let dates = HumanDates::for_reader().await?;
            let query = crate::query_text::bounded_param(q).map(|q| q.trim().to_string());
            let words = query.as_deref().map(text::bilingual_words).unwrap_or_default();
            let category = (category != 0).then_some(category);
            let filter = forum_read::ThreadFilter {
                category,
                words: &words,
            };
            let page = PageNumber::parse(Some(&page));
            let (threads, more) = if query.is_some() && words.is_empty() {
                (Vec::new(), false)
            } else {
                forum_read::threads(&state.db, id, caller.id(), &filter, page, &dates).await?
            };
            Ok(ForumPage {
                space: spaces::home(&state.db, &access, now).await?,
                categories: forum_categories::list(&state.db, id, now).await?,
                threads,
                query,
                category,
                page: page.get(),
                more,
                can_post: access.allows(SpaceAction::Contribute),
                can_moderate: moderates(&access),
            })
        }
        .await,
    )
}

/// Thread `thread` of space `id` with its posts and what the caller may do on each; opening
/// it records that a signed-in caller has read it all (the posts new to them stay marked on
/// this page).
#[server(endpoint = "espaces/forum_thread")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_thread", skip_all, fields(account = tracing::field::Empty, id = id, thread = thread)))]
pub async fn load_forum_thread(id: i64, thread: i64) -> Result<ThreadPage, AppError> {
    respond(
        async {
            let (state, caller, access) = forum_standing(id).await?;
            let now = state.clock.now_seconds();
            let dates = HumanDates::for_reader().await?;
            let head = forum_read::head(&state.db, id, thread)
                .await?
                .ok_or(AppError::NotFound)?;
            let me = caller.id();
            let read = match me {
                Some(user) => Some(forum::mark_read(&state.db, thread, user).await?),
                None => None,
            };
            let moderator = moderates(&access);
            let contributes = access.allows(SpaceAction::Contribute);
            let mut posts = forum_read::posts(&state.db, thread, read, &dates).await?;
            let replies = posts.len().saturating_sub(1);
            for (n, post) in posts.iter_mut().enumerate() {
                let mine = me.is_some() && post.author_id == me;
                post.view.can_edit = mine && contributes;
                post.view.can_delete =
                    moderator || (mine && contributes && (n > 0 || replies == 0));
            }
            let author = me.is_some() && head.author_id == me;
            Ok(ThreadPage {
                space: spaces::home(&state.db, &access, now).await?,
                id: head.id,
                title: head.title,
                category: head.category,
                pinned: head.pinned_at.is_some(),
                locked: head.locked_at.is_some(),
                can_reply: contributes && head.locked_at.is_none(),
                can_mark_solution: replies > 0 && (moderator || (author && contributes)),
                can_moderate: moderator,
                posts: posts.into_iter().map(|p| p.view).collect(),
            })
        }
        .await,
    )
}

/// Starts a thread in space `id` (contributors and animators): its title and opening post
/// (Markdown), in `category` (empty: the default one). Returns the thread's id.
#[server(endpoint = "espaces/forum_start")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_start", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn start_forum_thread(
    id: i64,
    category: String,
    title: String,
    body: String,
) -> Result<i64, AppError> {
    respond(
        async {
            let (state, author, access) = writer_standing(id).await?;
            access.require(SpaceAction::Contribute)?;
            let (title, body) = check_thread(&title, &body)?;
            let at = state.clock.now_seconds();
            let mut tx = state.db.begin_write().await?;
            let category = match category.trim() {
                "" => forum_categories::default_category(&mut tx, id, at).await?,
                code => {
                    let chosen = choice("category", code, |c| c.parse::<i64>().ok())?;
                    if !forum_categories::belongs(&mut tx, id, chosen).await? {
                        return Err(AppError::field("category", "field-unknown"));
                    }
                    chosen
                }
            };
            let writing = Writing {
                space_id: id,
                author,
                body: &body,
                at,
            };
            let (thread, _) = forum::start(&mut tx, writing, category, &title).await?;
            tx.commit().await?;
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/forum/{thread}"));
            Ok(thread)
        }
        .await,
    )
}

/// Replies to thread `thread` of space `id` (contributors and animators; 409 on a locked
/// thread). Returns the post's id.
#[server(endpoint = "espaces/forum_reply")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_reply", skip_all, fields(account = tracing::field::Empty, id = id, thread = thread)))]
pub async fn reply_forum_thread(id: i64, thread: i64, body: String) -> Result<i64, AppError> {
    respond(
        async {
            let (state, author, access) = writer_standing(id).await?;
            let facts = thread_facts(&state.db, id, thread)
                .await?
                .ok_or(AppError::NotFound)?;
            access.require(SpaceAction::Contribute)?;
            if facts.locked_at.is_some() {
                return Err(AppError::Conflict("forum-thread-locked".into()));
            }
            let body = check_body(&body)?;
            let at = state.clock.now_seconds();
            let mut tx = state.db.begin_write().await?;
            let writing = Writing {
                space_id: id,
                author,
                body: &body,
                at,
            };
            let post = forum::reply(&mut tx, writing, &facts).await?;
            tx.commit().await?;
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/forum/{thread}#message-{post}"));
            Ok(post)
        }
        .await,
    )
}

/// Replaces the text of one's own post `post` in space `id` (contributors and animators of a
/// live space); the post shows it was edited.
#[server(endpoint = "espaces/forum_edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_edit", skip_all, fields(account = tracing::field::Empty, id = id, post = post)))]
pub async fn edit_forum_post(id: i64, post: i64, body: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, me, access) = writer_standing(id).await?;
            let facts = post_facts(&state.db, id, post)
                .await?
                .ok_or(AppError::NotFound)?;
            access.require(SpaceAction::Contribute)?;
            if facts.author_id != Some(me) {
                return Err(AppError::Forbidden);
            }
            let body = check_body(&body)?;
            let writing = Writing {
                space_id: id,
                author: me,
                body: &body,
                at: state.clock.now_seconds(),
            };
            forum::edit(&state.db, &facts, writing).await?;
            // A line of activity may have been recorded: its mails are jobs.
            state.jobs.wake();
            redirect_plain_form(&format!(
                "/espaces/{id}/forum/{}#message-{post}",
                facts.thread_id
            ));
            Ok(())
        }
        .await,
    )
}

/// Deletes post `post` of space `id`: one's own (the opening post, with its thread, only
/// while nobody replied: 409 `forum-thread-has-replies`), or any for an animator. Returns
/// true when the whole thread went.
#[server(endpoint = "espaces/forum_delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_delete", skip_all, fields(account = tracing::field::Empty, id = id, post = post)))]
pub async fn delete_forum_post(id: i64, post: i64) -> Result<bool, AppError> {
    respond(
        async {
            let (state, me, access) = writer_standing(id).await?;
            let facts = post_facts(&state.db, id, post)
                .await?
                .ok_or(AppError::NotFound)?;
            if !moderates(&access) {
                access.require(SpaceAction::Contribute)?;
                if facts.author_id != Some(me) {
                    return Err(AppError::Forbidden);
                }
                if facts.is_opening() && facts.replies > 0 {
                    return Err(AppError::Conflict("forum-thread-has-replies".into()));
                }
            }
            forum::delete(&state.db, &facts).await?;
            tracing::info!(user = me, post, thread = facts.thread_id, "forum post deleted");
            if facts.is_opening() {
                redirect_plain_form(&format!("/espaces/{id}/forum"));
            } else {
                redirect_plain_form(&format!("/espaces/{id}/forum/{}", facts.thread_id));
            }
            Ok(facts.is_opening())
        }
        .await,
    )
}

/// Pins, unpins, locks or unlocks thread `thread` of space `id` (animators; `action`: `pin`,
/// `unpin`, `lock`, `unlock`).
#[server(endpoint = "espaces/forum_moderate")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_moderate", skip_all, fields(account = tracing::field::Empty, id = id, thread = thread)))]
pub async fn moderate_forum_thread(id: i64, thread: i64, action: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, access) = writer_standing(id).await?;
            thread_facts(&state.db, id, thread)
                .await?
                .ok_or(AppError::NotFound)?;
            access.require(SpaceAction::ManageMembers)?;
            let action = choice("action", &action, ThreadModeration::parse)?;
            forum::moderate(&state.db, thread, action, state.clock.now_seconds()).await?;
            redirect_plain_form(&format!("/espaces/{id}/forum/{thread}"));
            Ok(())
        }
        .await,
    )
}

/// Makes reply `post` the solution of thread `thread` of space `id`, or clears it (`post` 0):
/// the thread's author (contributing) or an animator of a live space.
#[server(endpoint = "espaces/forum_solution")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_solution", skip_all, fields(account = tracing::field::Empty, id = id, thread = thread)))]
pub async fn mark_forum_solution(id: i64, thread: i64, post: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, me, access) = writer_standing(id).await?;
            let facts = thread_facts(&state.db, id, thread)
                .await?
                .ok_or(AppError::NotFound)?;
            if !moderates(&access) {
                access.require(SpaceAction::Contribute)?;
                if facts.author_id != Some(me) {
                    return Err(AppError::Forbidden);
                }
            }
            let chosen = (post != 0).then_some(post);
            if !forum::set_solution(&state.db, thread, chosen, state.clock.now_seconds()).await? {
                return Err(AppError::field("post", "field-unknown"));
            }
            redirect_plain_form(&format!("/espaces/{id}/forum/{thread}#message-{post}"));
            Ok(())
        }
        .await,
    )
}

/// Adds a category to space `id`'s forum (`category` 0) or renames one (animators). Returns
/// its id.
#[server(endpoint = "espaces/forum_category")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_category", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn save_forum_category(id: i64, category: i64, name: String) -> Result<i64, AppError> {
    respond(
        async {
            let (state, _, access) = writer_standing(id).await?;
            access.require(SpaceAction::ManageSettings)?;
            let name = check_category(&name)?;
            let saved = if category == 0 {
                forum_categories::create(&state.db, id, &name, state.clock.now_seconds()).await?
            } else if forum_categories::rename(&state.db, id, category, &name).await? {
                category
            } else {
                return Err(AppError::NotFound);
            };
            redirect_plain_form(&format!("/espaces/{id}/forum"));
            Ok(saved)
        }
        .await,
    )
}

/// Deletes category `category` of space `id`'s forum (animators; not the default one, which
/// receives its threads).
#[server(endpoint = "espaces/forum_category_delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/forum_category_delete", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn delete_forum_category(id: i64, category: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, access) = writer_standing(id).await?;
            access.require(SpaceAction::ManageSettings)?;
            if !forum_categories::delete(&state.db, id, category, state.clock.now_seconds())
                .await?
            {
                return Err(AppError::NotFound);
            }
            redirect_plain_form(&format!("/espaces/{id}/forum"));
            Ok(())
        }
        .await,
    )
}
