//! /stages/alertes: the account's saved searches, each with its link, its feed and a way to
//! stop its alerts.

use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    stages::{
        saved_search::SavedSearch,
        saved_search_api::{load_saved_searches, DeleteSavedSearch},
        types::EducationLevel,
    },
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn SavedSearchesPage() -> impl IntoView {
    let searches = page_resource(|| (), |_| load_saved_searches());
    provide_refetch(move || searches.refetch());
    view! {
        <Title text=t("alerts-title")/>
        <h1>{t("alerts-title")}</h1>
        <div class="page">
            <p>{t("alerts-lead")}</p>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || searches.get().map(|result| match result {
                    Ok(list) => view! { <SavedList list/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The search in words: "« jardin » · DEVE · Bac +3 …".
pub fn describe(search: &SavedSearch) -> String {
    let q = &search.query;
    let mut parts = Vec::new();
    if let Some(words) = &q.q {
        parts.push(format!("« {words} »"));
    }
    parts.extend(q.direction.clone());
    if let Some(code) = &q.sauf_direction {
        parts.push(format!("{} {code}", t("search-not-direction")));
    }
    parts.extend(search.family_name.clone());
    parts.extend(search.metier_name.clone());
    if let Some(level) = q.niveau.as_deref().and_then(EducationLevel::parse) {
        parts.push(t(level.label_key()));
    }
    if let Some(a) = &q.arrondissement {
        parts.push(format!("Paris {a}e"));
    }
    if q.teletravail.as_deref() == Some("1") {
        parts.push(t("search-remote"));
    }
    match q.gratifie.as_deref() {
        Some("1") => parts.push(t("offer-paid")),
        Some("0") => parts.push(t("offer-unpaid")),
        _ => {}
    }
    if let Some(weeks) = &q.duree_min {
        parts.push(format!("≥ {weeks} {}", t("offer-weeks")));
    }
    if let Some(weeks) = &q.duree_max {
        parts.push(format!("≤ {weeks} {}", t("offer-weeks")));
    }
    if let Some(month) = &q.debut {
        parts.push(format!("{} {month}", t("search-start")));
    }
    if parts.is_empty() {
        t("alerts-every-offer")
    } else {
        parts.join(" · ")
    }
}

#[component]
fn SavedList(list: Vec<SavedSearch>) -> impl IntoView {
    let delete = ServerAction::<DeleteSavedSearch>::new();
    refetch_on_success(delete.value());
    if list.is_empty() {
        return view! { <p>{t("alerts-none")}" "<a href="/stages">{t("alerts-go-search")}</a></p> }
            .into_any();
    }
    view! {
        <FormError value=delete.value()/>
        <ul class="offer-list saved-searches">
            {list.into_iter().map(|search| view! {
                <li class="card">
                    <h2><a href=search.query.url(1)>{describe(&search)}</a></h2>
                    <p>
                        <a href=search.query.feed_url() type="application/atom+xml">{t("alerts-feed")}</a>
                    </p>
                    <ServerForm action=delete attr:class="inline-form">
                        <input type="hidden" name="id" value=search.id.to_string()/>
                        <button type="submit" class="secondary">{t("alerts-delete")}</button>
                    </ServerForm>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
