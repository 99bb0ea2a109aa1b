//! Espaces' pages: `/espaces` (the presentation, and for a signed-in account its spaces, the
//! invitations waiting and, for a city agent, the form that creates a space), a space's home,
//! members and settings, the invitation and one-time sign-in links, and the site admins' list
//! of city agents and their overview of every space.

mod activity;
mod agents;
mod forum;
mod forum_new;
mod forum_thread;
mod calendar;
mod calendar_event;
mod home;
mod invitation;
mod members;
mod overview;
mod settings;
mod share_panel;
mod space;
mod documents;
mod documents_bin;
mod documents_page;
mod documents_shared;
mod documents_upload;

pub use agents::AgentsPage;
pub use forum::SpaceForumPage;
pub use forum_new::SpaceForumNewPage;
pub use forum_thread::SpaceForumThreadPage;
pub use calendar::SpaceCalendarPage;
pub use calendar_event::SpaceEventPage;
pub use home::EspacesHome;
pub use invitation::{InvitationPage, SignInLinkPage};
pub use members::SpaceMembersPage;
pub use overview::SpacesOverviewPage;
pub use settings::SpaceSettingsPage;
pub use share_panel::{share_list, NewLink};
pub use space::{SpaceHeader, SpacePage};
pub use documents::SpaceDocumentsPage;
pub use documents_bin::SpaceBinPage;
pub use documents_page::SpaceDocumentPage;
pub use documents_shared::SharedDocumentPage;
#[cfg(feature = "hydrate")]
pub use documents_upload::post_files;

use leptos::prelude::*;
use crate::ui::page_resource::{page_resource, PageResource};
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

/// Bumped each time the space's live stream (`server::live`, `/espaces/:id/evenements`) says
/// the caller's standing or the space's activity changed; the space's resources read it, so an
/// open page follows a role change, a removal (the page then shows the space gone) and new
/// activity without a reload.
#[derive(Clone, Copy)]
struct SpaceLive(RwSignal<u64>);

/// The space of the page's address (404 when the address holds no number), read again when its
/// live stream announces a change. Provides [`SpaceLive`] to the page's other resources.
fn space_resource() -> PageResource<Result<crate::espaces::types::SpaceHome, crate::error::AppError>> {
    let tick = RwSignal::new(0_u64);
    provide_context(SpaceLive(tick));
    let id = space_id();
    let stream_id = id.clone();
    Effect::new(move |_| {
        if let Some(id) = stream_id() {
            crate::ui::live::refresh_on_events(
                format!("/espaces/{id}/evenements"),
                "space",
                tick,
                crate::ui::live::CatchUp::AfterReconnect,
            );
        }
    });
    page_resource(
        move || (id(), tick.get()),
        |(id, _)| async move {
            match id {
                Some(id) => crate::espaces::api::load_space(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    )
}

/// The live tick of the page's space (0 and never bumped outside a space's pages).
fn space_live_tick() -> u64 {
    use_context::<SpaceLive>().map_or(0, |live| live.0.get())
}
