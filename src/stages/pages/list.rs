use super::OfferFacts;
use crate::{
    accounts::auth_context::use_auth,
    i18n::{t, use_locale},
    stages::api::open_offers,
    ui::{platform::PlatformIntro, status_pages::ErrorPage},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The Stages front page: what it is, then the open offers, newest first.
#[component]
pub fn StagesHome() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page")).and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).max(1);
    let offers = Resource::new(page, |page| open_offers(Some(page)));
    let user = use_auth().user;
    view! {
        <PlatformIntro platform="stages"/>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || user.get().and_then(|u| u.ok()).flatten().filter(|u| u.is_staff()).map(|_| view! {
                    <p><a class="button" href="/stages/gestion">{t("offers-manage")}</a></p>
                })}
                {move || offers.get().map(|result| match result {
                    Ok(page) => {
                        let heading = use_locale().t_with("offers-open-count", &[("count", page.total.to_string())]);
                        let last = (page.total + page.per_page - 1) / page.per_page;
                        view! {
                            <h2>{heading}</h2>
                            <p><a href="/stages/flux.atom" type="application/atom+xml">{t("offers-feed")}</a></p>
                            <ul class="offer-list">
                                {page.offers.into_iter().map(|o| view! {
                                    <li class="card">
                                        <h3><a href=format!("/stages/offres/{}", o.id)>{o.title.clone()}</a></h3>
                                        <OfferFacts offer=o/>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <nav class="pagination" aria-label=t("pagination")>
                                {(page.page > 1).then(|| view! { <a href=format!("/stages?page={}", page.page - 1)>{t("previous")}</a> })}
                                {(page.page < last).then(|| view! { <a href=format!("/stages?page={}", page.page + 1)>{t("next")}</a> })}
                            </nav>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
