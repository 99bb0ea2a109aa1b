//! Espaces' pages: `/espaces` (the presentation, and for a signed-in account its spaces, the
//! invitations waiting and, for a city agent, the form that creates a space), a space's home,
//! members and settings, the invitation and one-time sign-in links, and the site admins' list
//! of city agents and their overview of every space.

mod activity;
mod agents;
mod home;
mod invitation;
mod members;
mod overview;
mod settings;
mod space;
mod documents;
mod documents_bin;
mod documents_page;
mod documents_shared;
mod documents_upload;

pub use agents::AgentsPage;
pub use home::EspacesHome;
pub use invitation::{InvitationPage, SignInLinkPage};
pub use members::SpaceMembersPage;
pub use overview::SpacesOverviewPage;
pub use settings::SpaceSettingsPage;
pub use space::SpacePage;
pub use documents::SpaceDocumentsPage;
pub use documents_bin::SpaceBinPage;
pub use documents_page::SpaceDocumentPage;
pub use documents_shared::SharedDocumentPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The space id of the page's address (`/espaces/:id/…`), if it is a number.
fn space_id() -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    }
}

/// The space of the page's address (404 when the address holds no number).
fn space_resource() -> Resource<Result<crate::espaces::types::SpaceHome, crate::error::AppError>> {
    Resource::new(space_id(), |id| async move {
        match id {
            Some(id) => crate::espaces::api::load_space(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    })
}
