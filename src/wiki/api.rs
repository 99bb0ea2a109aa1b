//! Server functions of a space's wiki. Every one asks `module_role` first (404 for a space the
//! caller may not see, or whose wiki is off); reading is for anyone who sees the space,
//! creating a page for its contributors and animators while it is live (409 archived).
//! Editing a page's text goes through its live connection (`server::socket`), which checks
//! the same standing on every update.

use super::types::{WikiIndex, WikiPageView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{pages, reading},
        types::{clean_title, WikiPageRow},
    },
    crate::{
        accounts::server::Caller,
        error::AppResult,
        espaces::{
            server::{access::module_role, spaces},
            types::{Module, SpaceAccess, SpaceAction},
        },
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond, state::AppState},
    },
};

/// The state, the caller and its standing in space `id`, whose wiki must be on.
#[cfg(feature = "ssr")]
async fn wiki_standing(id: i64) -> AppResult<(AppState, Caller, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = module_role(&caller, &state.db, id, Module::Wiki).await?;
    Ok((state, caller, access))
}

/// Space `id`'s wiki: its pages in tree order and whether the caller may write.
#[server(endpoint = "wiki/index")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/index", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_wiki(id: i64) -> Result<WikiIndex, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            let now = state.clock.now_seconds();
            let dates = HumanDates::for_reader().await?;
            let pages = pages::list(&state.db, id)
                .await?
                .into_iter()
                .map(|page| WikiPageRow {
                    id: page.id,
                    title: page.title,
                    parent_id: page.parent_id,
                    updated: dates.instant(page.updated_at),
                })
                .collect();
            Ok(WikiIndex {
                space: spaces::home(&state.db, &access, now).await?,
                pages,
                can_edit: access.allows(SpaceAction::Contribute),
            })
        }
        .await,
    )
}

/// Page `page` of space `id`, rendered from its current text.
#[server(endpoint = "wiki/page")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/page", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn load_wiki_page(id: i64, page: i64) -> Result<WikiPageView, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            let row = pages::find(&state.db, id, page)
                .await?
                .ok_or(AppError::NotFound)?;
            let html = reading::html(&state.db, page).await.map_err(|error| {
                tracing::error!(%error, page, "wiki page not read");
                AppError::Internal
            })?;
            let dates = HumanDates::for_reader().await?;
            Ok(WikiPageView {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                id: row.id,
                title: row.title,
                html,
                updated: dates.instant(row.updated_at),
                can_edit: access.allows(SpaceAction::Contribute),
            })
        }
        .await,
    )
}

/// Creates page `title` in space `id` (contributors and animators of a live space), empty,
/// at the end of the top level; its id. 422 on `title` when it is empty, too long, holds a
/// character a `[[link]]` uses, or names a page the space has.
#[server(endpoint = "wiki/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/create", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn create_wiki_page(id: i64, title: String) -> Result<i64, AppError> {
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
                None,
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
