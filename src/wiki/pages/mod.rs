//! The wiki's pages: `/espaces/:id/wiki` (the list of pages and, for those who write, the form
//! that creates one) and `/espaces/:id/wiki/:page` (a page as readers get it, rendered on the
//! server, readable without JavaScript), `…/historique` (its revisions and their diffs),
//! `…/auteurs` (who wrote each line) and `/espaces/:id/wiki/:page/modifier` (the live editor,
//! a lazy page of its own).

mod bin;
mod blame;
mod changes;
mod editor;
mod history;
mod index;
mod reading;

pub use bin::WikiBinPage;
pub use blame::WikiBlamePage;
pub use changes::WikiChangesPage;
pub use editor::WikiEditorPage;
pub use history::WikiHistoryPage;
pub use index::WikiIndexPage;
pub use reading::WikiReadingPage;

use leptos::prelude::*;
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

/// The page named by the address (`/espaces/:id/wiki/:page…`), as readers get it.
fn page_of_address() -> Resource<Result<crate::wiki::types::WikiPageView, crate::error::AppError>> {
    let id = param("id");
    let page = param("page");
    Resource::new(
        move || (id(), page()),
        |(id, page)| async move {
            match (id, page) {
                (Some(id), Some(page)) => crate::wiki::api::load_wiki_page(id, page).await,
                _ => Err(crate::error::AppError::NotFound),
            }
        },
    )
}
