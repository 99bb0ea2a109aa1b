//! Server functions of a space's wiki. Every one asks `module_role` first (404 for a space the
//! caller may not see, or whose wiki is off); reading is for anyone who sees the space,
//! creating a page for its contributors and animators while it is live (409 archived).
//! Editing a page's text goes through its live connection (`server::socket`), which checks
//! the same standing on every update.

use super::types::{WikiBin, WikiChanges, WikiIndex, WikiPageView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{approval, follows, pages, reading, revisions, rooms::Rooms, tree},
        tree::standing,
        types::{clean_title, shared_wiki_path, BinnedPage, ChangeItem, PageLink, Wanted, WikiPageRow},
    },
    crate::{
        accounts::server::Caller,
        error::AppResult,
        espaces::{
            server::{
                access::module_role,
                shares::{self, WIKI_PAGE},
                spaces,
            },
            types::{Module, SpaceAccess, SpaceAction, SpaceRole},
        },
        query_text,
        server::{
            app_state, human_dates::HumanDates, redirect_plain_form, respond, state::AppState, text,
        },
    },
};

/// The state, the caller and its standing in space `id`, whose wiki must be on.
#[cfg(feature = "ssr")]
pub(super) async fn wiki_standing(id: i64) -> AppResult<(AppState, Caller, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = module_role(&caller, &state.db, id, Module::Wiki).await?;
    Ok((state, caller, access))
}

/// Space `id`'s wiki: its pages in tree order and whether the caller may write. `q`: words
/// to search the titles and texts for (the pages found instead, by title). `titre`: the title
/// a `[[link]]` asked for, with the page it leads to, if any.
#[server(endpoint = "wiki/index")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/index", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_wiki(
    id: i64,
    #[server(default)] q: String,
    #[server(default)] titre: String,
) -> Result<WikiIndex, AppError> {
    respond(
        async {
            let (state, caller, access) = wiki_standing(id).await?;
            let now = state.clock.now_seconds();
            let dates = HumanDates::for_reader().await?;
            let query = query_text::bounded(&q).trim().to_string();
            let followed_changed = match (caller.id(), access.role) {
                (Some(user), Some(_)) => follows::changed(&state.db, id, user, now).await?,
                _ => Vec::new(),
            };
            let found = if query.is_empty() {
                pages::list(&state.db, id).await?
            } else {
                pages::search(&state.db, id, &text::bilingual_words(&query)).await?
            };
            let wanted = match clean_title(&titre) {
                Ok(title) => Some(Wanted {
                    page: pages::resolve(&state.db, id, &title).await?,
                    title,
                }),
                Err(_) => None,
            };
            let pages = page_rows(found, &dates);
            Ok(WikiIndex {
                space: spaces::home(&state.db, &access, now).await?,
                pages,
                can_edit: access.allows(SpaceAction::Contribute),
                query,
                wanted,
                followed_changed,
                approval: approval::is_on(&state.db, id).await?,
                can_manage: access.allows(SpaceAction::ManageSettings),
            })
        }
        .await,
    )
}

/// `pages` as the list shows them.
#[cfg(feature = "ssr")]
fn page_rows(pages: Vec<pages::PageRow>, dates: &HumanDates) -> Vec<WikiPageRow> {
    pages
        .into_iter()
        .map(|page| WikiPageRow {
            id: page.id,
            title: page.title,
            parent_id: page.parent_id,
            updated: dates.instant(page.updated_at),
        })
        .collect()
}

/// Page `page` of space `id` as readers get it: its last revision (the stored text before the
/// first one), rendered; for writers, its share links (`lien`: the one the caller just made,
/// shown again once to a plain form), for animators their openings.
#[server(endpoint = "wiki/page")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/page", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn load_wiki_page(
    id: i64,
    page: i64,
    #[server(default)] lien: String,
) -> Result<WikiPageView, AppError> {
    respond(
        async {
            let (state, caller, access) = wiki_standing(id).await?;
            let row = pages::find(&state.db, id, page)
                .await?
                .ok_or(AppError::NotFound)?;
            // A follower opening the page has seen its last revision.
            let following = match (caller.id(), access.role) {
                (Some(user), Some(_)) => Some(follows::opened(&state.db, page, user).await?),
                _ => None,
            };
            let approval_on = approval::is_on(&state.db, id).await?;
            let dates = HumanDates::for_reader().await?;
            let read = reading::current(&state.db, id, page, approval_on)
                .await
                .map_err(|error| {
                    tracing::error!(%error, page, "wiki page not read");
                    AppError::Internal
                })?;
            let can_edit = access.allows(SpaceAction::Contribute);
            let mut tree = standing(page_rows(pages::list(&state.db, id).await?, &dates), page);
            if !can_edit {
                tree.places.clear();
            }
            let now = state.clock.now_seconds();
            let shares = match can_edit {
                true => shares::list(&state.db, &WIKI_PAGE, page, now, &dates).await?,
                false => Vec::new(),
            };
            let openings = match access.acting_role() == Some(SpaceRole::Animator) {
                true => Some(shares::openings(&state.db, &WIKI_PAGE, page, &dates).await?),
                false => None,
            };
            let new_link = match caller.id() {
                Some(account)
                    if can_edit
                        && shares::made_just_now(&state.db, &WIKI_PAGE, page, account, &lien, now)
                            .await? =>
                {
                    Some(state.config.public_link(&shared_wiki_path(&lien)))
                }
                _ => None,
            };
            Ok(WikiPageView {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                id: row.id,
                title: row.title,
                html: reading::point_links(&state.db, id, &read.html).await?,
                revision: read.revision.map(|(number, _)| number),
                updated: dates.instant(read.revision.map_or(row.updated_at, |(_, at)| at)),
                toc: read.toc,
                backlinks: pages::backlinks(&state.db, id, page)
                    .await?
                    .into_iter()
                    .map(|(id, title)| PageLink { id, title })
                    .collect(),
                following,
                waiting: read.waiting,
                tree,
                shares,
                openings,
                share_max_days: state.config.espaces.share_link_max_days,
                new_link,
                can_edit,
            })
        }
        .await,
    )
}

/// Creates page `title` in space `id` (contributors and animators of a live space), empty,
/// at the end of the top level or of page `parent`'s children; its id. 422 on `title` when it
/// is empty, too long, holds a character a `[[link]]` uses, or names a page the space has;
/// 404 when `parent` is not one of the space's pages.
#[server(endpoint = "wiki/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/create", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn create_wiki_page(
    id: i64,
    title: String,
    #[server(default)] parent: Option<i64>,
) -> Result<i64, AppError> {
    respond(
        async {
            Caller::current().await?.account_id()?;
            let (state, caller, access) = wiki_standing(id).await?;
            access.require(SpaceAction::Contribute)?;
            let title = clean_title(&title)?;
            let page = pages::create(
                &state.db,
                id,
                &title,
                parent,
                caller.account_id()?,
                state.clock.now_seconds(),
            )
            .await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(page)
        }
        .await,
    )
}

/// The caller's account and standing in space `id`, contributing, whose page `page` exists:
/// who may rename or bin it, save or restore its revisions. 401 first for a visitor, then 404/403 as the space's rules say.
#[cfg(feature = "ssr")]
pub(super) async fn page_writer(id: i64, page: i64) -> AppResult<(AppState, i64, SpaceAccess)> {
    let account = Caller::current().await?.account_id()?;
    let (state, _, access) = wiki_standing(id).await?;
    pages::find(&state.db, id, page)
        .await?
        .ok_or(AppError::NotFound)?;
    access.require(SpaceAction::Contribute)?;
    Ok((state, account, access))
}

/// Renames page `page` of space `id` to `title` (contributors and animators of a live space):
/// its former title stays an alias, so `[[links]]` written with it still lead to it. 422 on
/// `title` as at creation.
#[server(endpoint = "wiki/rename")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/rename", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn rename_wiki_page(id: i64, page: i64, title: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = page_writer(id, page).await?;
            let title = clean_title(&title)?;
            pages::rename(&state.db, id, page, &title, state.clock.now_seconds()).await?;
            revisions::reindex(&state.db, page).await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(())
        }
        .await,
    )
}

/// Moves page `page` of space `id` under page `parent` (`0`: to the top of the tree), after
/// its other children (contributors and animators of a live space). 422 on `parent` when it
/// is the page itself or a page under it; 404 when it is not one of the space's pages.
#[server(endpoint = "wiki/move")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/move", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn move_wiki_page(id: i64, page: i64, parent: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = page_writer(id, page).await?;
            let parent = (parent != 0).then_some(parent);
            tree::move_under(&state.db, id, page, parent).await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(())
        }
        .await,
    )
}

/// Moves page `page` of space `id` one place before (`earlier`) or after its sibling in the
/// tree (contributors and animators of a live space); whether it moved (not when it already
/// was first, or last).
#[server(endpoint = "wiki/reorder")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/reorder", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn reorder_wiki_page(id: i64, page: i64, earlier: bool) -> Result<bool, AppError> {
    respond(
        async {
            let (state, _, _) = page_writer(id, page).await?;
            let moved = tree::shift(&state.db, id, page, earlier).await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(moved)
        }
        .await,
    )
}

/// Puts page `page` of space `id` in the bin (contributors and animators of a live space):
/// it leaves the list, links to it offer to create it again, and everyone editing it is
/// disconnected at once, told why. Animators take it out again.
#[server(endpoint = "wiki/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/delete", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn delete_wiki_page(id: i64, page: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = page_writer(id, page).await?;
            if !pages::set_binned(&state.db, id, page, true, state.clock.now_seconds()).await? {
                return Err(AppError::NotFound);
            }
            if let Ok(rooms) = state.domains.get::<Rooms>() {
                rooms.dismiss(&state, page, "page deleted").await;
            }
            redirect_plain_form(&format!("/espaces/{id}/wiki"));
            Ok(())
        }
        .await,
    )
}

/// Space `id`'s pages in the bin (contributors and animators).
#[server(endpoint = "wiki/bin")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/bin", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_wiki_bin(id: i64) -> Result<WikiBin, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            if !matches!(
                access.acting_role(),
                Some(SpaceRole::Animator | SpaceRole::Contributor)
            ) {
                return Err(AppError::Forbidden);
            }
            let dates = HumanDates::for_reader().await?;
            let pages = pages::binned(&state.db, id)
                .await?
                .into_iter()
                .map(|(page, at)| BinnedPage {
                    id: page.id,
                    title: page.title,
                    deleted: dates.instant(at),
                })
                .collect();
            Ok(WikiBin {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                pages,
                can_restore: access.require_keeper().is_ok(),
            })
        }
        .await,
    )
}

/// Takes page `page` of space `id` out of the bin (animators of a live space).
#[server(endpoint = "wiki/restore_page")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/restore_page", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn restore_wiki_page(id: i64, page: i64) -> Result<(), AppError> {
    respond(
        async {
            Caller::current().await?.account_id()?;
            let (state, _, access) = wiki_standing(id).await?;
            access.require_keeper()?;
            if !pages::set_binned(&state.db, id, page, false, state.clock.now_seconds()).await? {
                return Err(AppError::NotFound);
            }
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(())
        }
        .await,
    )
}

/// The last revisions of space `id`'s pages, newest first (the wiki's recent changes).
#[server(endpoint = "wiki/changes")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/changes", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_wiki_changes(id: i64) -> Result<WikiChanges, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            let dates = HumanDates::for_reader().await?;
            let changes = revisions::recent(&state.db, id, CHANGES_SHOWN)
                .await?
                .into_iter()
                .map(|(page, revision, authors)| ChangeItem {
                    page,
                    title: revision.title,
                    number: revision.number,
                    at: dates.instant(revision.created_at),
                    authors,
                    restored_from: revision.restored_from,
                })
                .collect();
            Ok(WikiChanges {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                changes,
            })
        }
        .await,
    )
}

/// How many revisions the recent changes show.
#[cfg(feature = "ssr")]
const CHANGES_SHOWN: i64 = 100;

/// Makes the caller follow page `page` of space `id` (`follow`) or stop: members only (403 for
/// anyone else who sees the space). A follower sees the page among those that changed in the
/// wiki's list and gets a daily digest mail of them.
#[server(endpoint = "wiki/follow")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/follow", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn follow_wiki_page(id: i64, page: i64, follow: bool) -> Result<bool, AppError> {
    respond(
        async {
            let user = Caller::current().await?.account_id()?;
            let (state, _, access) = wiki_standing(id).await?;
            pages::find(&state.db, id, page)
                .await?
                .ok_or(AppError::NotFound)?;
            if access.role.is_none() {
                return Err(AppError::Forbidden);
            }
            follows::set(&state.db, page, user, follow, state.clock.now_seconds()).await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(follow)
        }
        .await,
    )
}

/// Switches approval on or off in space `id`'s wiki (animators of a live space): on, readers
/// get each page's last approved revision (each page's last one now counts as approved).
#[server(endpoint = "wiki/approval")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/approval", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn set_wiki_approval(id: i64, on: bool) -> Result<bool, AppError> {
    respond(
        async {
            let user = Caller::current().await?.account_id()?;
            let (state, _, access) = wiki_standing(id).await?;
            access.require(SpaceAction::ManageSettings)?;
            approval::set(&state.db, id, on, user, state.clock.now_seconds()).await?;
            redirect_plain_form(&format!("/espaces/{id}/wiki"));
            Ok(on)
        }
        .await,
    )
}

/// `markdown` rendered as a page of space `id` is rendered for its readers (`links::render`,
/// the site's Markdown and sanitiser, then `reading::point_links`: each wiki link pointed at
/// the page it leads to, or marked as leading nowhere): the live editor's preview, drawn by
/// the server so that the browser carries no Markdown or sanitising code of its own. For those
/// who may write the wiki: 401 without an account, 404 for a space the caller may not see (or
/// whose wiki is off), 403 for its readers, 409 in an archived space; 422 on `markdown` over
/// the size of one of the page's live updates (`socket::MAX_MESSAGE_BYTES`).
#[server(endpoint = "wiki/preview")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "wiki/preview", skip_all, fields(account = tracing::field::Empty, id = id))
)]
pub async fn preview_wiki_text(id: i64, markdown: String) -> Result<String, AppError> {
    respond(
        async {
            Caller::current().await?.account_id()?;
            let (state, _, access) = wiki_standing(id).await?;
            access.require(SpaceAction::Contribute)?;
            if markdown.len() > super::server::socket::MAX_MESSAGE_BYTES {
                return Err(AppError::field("markdown", "field-too-long"));
            }
            // Off the async workers: a long text takes milliseconds to render and sanitise.
            let html = tokio::task::spawn_blocking(move || super::links::render(&markdown, id))
                .await
                .map_err(|error| {
                    tracing::error!(%error, "wiki preview rendering task failed");
                    AppError::Internal
                })?;
            Ok(reading::point_links(&state.db, id, &html).await?)
        }
        .await,
    )
}
