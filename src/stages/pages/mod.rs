//! Stages pages, one file each.

mod alerts;
mod application_file;
mod applications;
mod dashboard;
mod direction;
mod edit;
mod list;
mod manage;
mod offer;
mod received;
mod search_filters;
mod spontaneous;

pub use alerts::SavedSearchesPage;
pub use application_file::ApplicationFilePage;
pub use applications::MyApplicationsPage;
pub use dashboard::DashboardPage;
pub use direction::DirectionSettingsPage;
pub use edit::{EditOfferPage, NewOfferPage};
pub use list::StagesHome;
pub use manage::ManageOffersPage;
pub use offer::OfferPage;
pub use spontaneous::SpontaneousPage;

use crate::{
    i18n::t,
    stages::types::OfferSummary,
    ui::{live::CatchUp, time::TimeTag},
};
use leptos::prelude::*;

/// Bumps `tick` each time the server announces a change to an application this user may see
/// (the `application` events of `/stages/evenements`).
pub(crate) fn refresh_on_application_events(tick: RwSignal<u64>, catch_up: CatchUp) {
    crate::ui::live::refresh_on_events("/stages/evenements", "application", tick, catch_up);
}

/// Where an offer is, in a word: "Paris 12e", or outside Paris.
fn arrondissement_label(arrondissement: Option<i64>) -> String {
    arrondissement.map_or_else(|| t("offer-outside-paris"), |a| format!("Paris {a}e"))
}

/// One line of facts about an offer, shared by the public list and the management list.
#[component]
fn OfferFacts(offer: OfferSummary) -> impl IntoView {
    let place = arrondissement_label(offer.arrondissement);
    view! {
        <p class="offer-facts">
            <span>{format!("{} · {}", offer.direction_code, offer.service)}</span>
            <span>{offer.metier}</span>
            <span>{format!("{} {}", offer.duration_weeks, t("offer-weeks"))}</span>
            <span>{t("offer-start")}" "<TimeTag when=offer.start_month/></span>
            <span>{place}</span>
            <span>{if offer.paid { t("offer-paid") } else { t("offer-unpaid") }}</span>
            <span>{t("offer-deadline")}" "<TimeTag when=offer.deadline/></span>
        </p>
    }
}
