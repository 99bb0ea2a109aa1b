//! The wiki's pages: `/espaces/:id/wiki` (the list of pages and, for those who write, the form
//! that creates one) and `/espaces/:id/wiki/:page` (a page as readers get it, rendered on the
//! server, readable without JavaScript), `…/historique` (its revisions and their diffs),
//! `…/auteurs` (who wrote each line) and `/espaces/:id/wiki/:page/modifier` (the live editor,
//! a lazy page of its own), and `/espaces/partage/wiki/:token` (a page a share link opens).

mod bin;
mod blame;
mod changes;
mod editor;
mod history;
mod index;
mod reading;
mod shared;
mod text;

pub use bin::WikiBinPage;
pub use blame::WikiBlamePage;
pub use changes::WikiChangesPage;
pub use editor::WikiEditorPage;
pub use history::WikiHistoryPage;
pub use index::WikiIndexPage;
pub use reading::WikiReadingPage;
pub use shared::SharedWikiPage;

use leptos::prelude::*;
use crate::ui::page_resource::{page_resource, PageResource};
use leptos_router::hooks::use_params_map;

/// The number of the address's segment `name` (`:id`, `:page`), if it is one.
fn param(name: &'static str) -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get(name))
            .and_then(|v| v.parse::<i64>().ok())
    }
}

/// The page named by the address (`/espaces/:id/wiki/:page…`), as readers get it (with the
/// share link just made, `?lien=`, for a plain form's return).
fn page_of_address() -> PageResource<Result<crate::wiki::types::WikiPageView, crate::error::AppError>> {
    let id = param("id");
    let page = param("page");
    let query = leptos_router::hooks::use_query_map();
    page_resource(
        move || {
            let lien = query.with(|q| q.get(crate::link_token::SHOWN_ONCE_PARAMETER));
            (id(), page(), lien.unwrap_or_default())
        },
        |(id, page, lien)| async move {
            match (id, page) {
                (Some(id), Some(page)) => crate::wiki::api::load_wiki_page(id, page, lien).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    )
}
