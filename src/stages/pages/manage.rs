use super::received::ApplicationCards;
use crate::{
    accounts::types::Permission,
    error::AppError,
    i18n::t,
    stages::{api::managed_offers, application_api::spontaneous_pool},
    ui::{status_pages::ErrorPage, time::TimeTag},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

/// The agent's desk: every offer of their services (or direction), in every state.
#[component]
pub fn ManageOffersPage() -> impl IntoView {
    let offers = page_resource(|| (), |_| managed_offers());
    let tick = RwSignal::new(0u64);
    super::refresh_on_application_events(tick, crate::ui::live::CatchUp::AfterReconnect);
    let pool = page_resource(move || tick.get(), |_| spontaneous_pool());
    // A move in the pool loads the pool again.
    crate::ui::forms::provide_refetch(move || tick.update(|t| *t += 1));
    let user = crate::accounts::pages::auth_context::use_auth().user;
    view! {
        <Title text=t("offers-manage")/>
        <h1>{t("offers-manage")}</h1>
        <p>
            <a class="button" href="/stages/gestion/offre">{t("offer-new")}</a>" "
            <a href="/stages/tableau-de-bord">{t("dashboard-title")}</a>
            <Transition fallback=|| ()>
                {move || user.get().and_then(|u| u.ok()).flatten().filter(|u| u.can(Permission::ManageDirections)).map(|_| view! {
                    " "<a href="/stages/direction">{t("direction-settings")}</a>
                })}
            </Transition>
        </p>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || offers.get().map(|result| match result {
                    Ok(offers) if offers.is_empty() => view! { <p>{t("offers-none")}</p> }.into_any(),
                    Ok(offers) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t("offers-manage")>
                        <table class="data-table">
                            <caption class="visually-hidden">{t("offers-manage")}</caption>
                            <thead><tr>
                                <th scope="col">{t("offer-title")}</th>
                                <th scope="col">{t("offer-service")}</th>
                                <th scope="col">{t("offer-state")}</th>
                                <th scope="col">{t("offer-deadline")}</th>
                            </tr></thead>
                            <tbody>
                                {offers.into_iter().map(|o| view! {
                                    <tr>
                                        <td><a href=format!("/stages/offres/{}", o.id)>{o.title}</a></td>
                                        <td>{format!("{} · {}", o.direction_code, o.service)}</td>
                                        <td data-state=o.state.code()>{t(o.state.label_key())}</td>
                                        <td><TimeTag when=o.deadline/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
            // Direction admins also handle their direction's pool of spontaneous applications.
            <Transition fallback=|| ()>
                {move || pool.get().map(|result| match result {
                    Ok(list) => view! {
                        <section class="panel received pool">
                            <h2>{t("spontaneous-pool")}</h2>
                            <ApplicationCards list/>
                        </section>
                    }.into_any(),
                    Err(AppError::Forbidden | AppError::Unauthenticated) => ().into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
