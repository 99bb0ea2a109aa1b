//! Share links of one wiki page for someone outside its space, as a document's are (one
//! mechanism: `espaces::server::shares`, the `WIKI_PAGE` kind): a contributor makes one valid
//! 1 to `[espaces] share_link_max_days` days and revokes it; anyone holding it reads the page
//! as the space's readers do (its last revision, the last approved one with approval on),
//! each opening logged for the animators.

use super::types::SharedWikiPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        api::page_writer,
        links,
        server::{approval, pages, reading},
        types::shared_wiki_path,
    },
    crate::{
        espaces::server::shares::{self, Shared, WIKI_PAGE},
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// Makes a link sharing page `page` of space `id` with someone outside the space, valid
/// `days` days (1 to `[espaces] share_link_max_days`); its address, shown once (a plain form
/// comes back to the page with it: `link_token::shown_once`). Contributors and animators of a
/// live space; 422 on `days` out of range.
#[server(endpoint = "wiki/share")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/share", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn share_wiki_page(id: i64, page: i64, days: i64) -> Result<String, AppError> {
    respond(
        async {
            let (state, account, _) = page_writer(id, page).await?;
            let back = format!("/espaces/{id}/wiki/{page}");
            shares::make_link(
                &state,
                &WIKI_PAGE,
                page,
                account,
                days,
                &back,
                shared_wiki_path,
            )
            .await
        }
        .await,
    )
}

/// Revokes share link `share` of page `page` of space `id` (contributors and animators); 404
/// when it is no link of the space's pages still valid.
#[server(endpoint = "wiki/revoke_share")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/revoke_share", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn revoke_wiki_share(id: i64, page: i64, share: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, account, _) = page_writer(id, page).await?;
            let now = state.clock.now_seconds();
            if !shares::revoke(&state.db, &WIKI_PAGE, id, share, account, now).await? {
                return Err(AppError::NotFound);
            }
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}"));
            Ok(())
        }
        .await,
    )
}

/// What a wiki page's share link opens, for anyone (no account): the page as the space's
/// readers get it; the opening is logged. 404 for an unknown link; 409
/// (`error-share-link-ended`) for a revoked or expired one, or whose page is in the bin or
/// whose space's wiki is off.
#[server(endpoint = "wiki/shared")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/shared", skip_all))]
pub async fn open_shared_wiki_page(token: String) -> Result<SharedWikiPage, AppError> {
    respond(
        async {
            let state = app_state()?;
            let now = state.clock.now_seconds();
            let (share, page, space, expires_at) =
                match shares::find(&state.db, &WIKI_PAGE, token.trim(), now).await? {
                    Shared::Valid {
                        share,
                        thing,
                        space_id,
                        expires_at,
                    } => (share, thing, space_id, expires_at),
                    Shared::Ended => {
                        return Err(AppError::Conflict("error-share-link-ended".into()))
                    }
                    Shared::Unknown => return Err(AppError::NotFound),
                };
            let row = pages::find(&state.db, space, page)
                .await?
                .ok_or(AppError::NotFound)?;
            let approval_on = approval::is_on(&state.db, space).await?;
            let read = reading::current(&state.db, space, page, approval_on)
                .await
                .map_err(|error| {
                    tracing::error!(%error, page, "shared wiki page not read");
                    AppError::Internal
                })?;
            shares::log_opening(&state.db, &WIKI_PAGE, share, now, None).await?;
            let dates = HumanDates::for_reader().await?;
            Ok(SharedWikiPage {
                title: row.title,
                html: links::unlink(&read.html, space),
                toc: read.toc,
                updated: dates.instant(read.revision.map_or(row.updated_at, |(_, at)| at)),
                expires: dates.instant(expires_at),
            })
        }
        .await,
    )
}
