//! The Stages front page: the search form and the open offers. Everything the candidate
//! chooses lives in the URL; without JavaScript the form is a plain GET, with it the results
//! follow each change without a full reload.

use super::OfferFacts;
use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::pages::auth_context::use_auth,
    i18n::{t, use_locale},
    stages::{
        api::search_offers,
        saved_search_api::SaveSearch,
        search::{Facet, SearchQuery, SearchResults},
        types::EducationLevel,
    },
    ui::{forms::FormError, platform::PlatformIntro, status_pages::ErrorPage},
};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

#[component]
pub fn StagesHome() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| SearchQuery::from_pairs(|key| p.get(key))));
    let results = Resource::new(move || query.get(), search_offers);
    let user = use_auth().user;
    view! {
        <PlatformIntro platform="stages"/>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || user.get().and_then(|u| u.ok()).flatten().map(|u| view! {
                    <p class="desk-links">
                        {u.can(crate::accounts::types::Permission::Apply).then(|| view! { <a href="/stages/candidatures">{t("nav-my-applications")}</a> })}
                        " "
                        {u.can(crate::accounts::types::Permission::ManageOffers).then(|| view! { <a class="button" href="/stages/gestion">{t("offers-manage")}</a> })}
                    </p>
                })}
                {move || results.get().map(|result| match result {
                    Ok(results) => {
                        let signed_in = user.get().and_then(|u| u.ok()).flatten().is_some();
                        view! { <Search query=query.get_untracked() results signed_in/> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// Options of a facet, "label (count)", the current value selected.
fn facet_options(
    facets: &[Facet],
    current: &Option<String>,
    label: impl Fn(&Facet) -> String,
) -> impl IntoView {
    facets
        .iter()
        .map(|f| {
            let selected = current.as_deref() == Some(f.value.as_str());
            view! { <option value=f.value.clone() selected=selected>{format!("{} ({})", label(f), f.count)}</option> }
        })
        .collect_view()
}

#[component]
fn Search(query: SearchQuery, results: SearchResults, signed_in: bool) -> impl IntoView {
    // With JavaScript, each change runs the search at once (the router keeps it in the URL).
    let submit_on_change = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = event
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                let _ = form.request_submit();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    let heading = use_locale().t_with("offers-open-count", &[("count", results.total.to_string())]);
    let last = (results.total + results.per_page - 1) / results.per_page;
    let (previous, next) = (query.url(results.page - 1), query.url(results.page + 1));
    let chosen = |value: &Option<String>, option: &str| value.as_deref() == Some(option);
    let level_label = |f: &Facet| {
        EducationLevel::parse(&f.value)
            .map(|l| t(l.label_key()))
            .unwrap_or_else(|| f.value.clone())
    };
    let paid_label = |f: &Facet| {
        if f.value == "1" {
            t("offer-paid")
        } else {
            t("offer-unpaid")
        }
    };
    let (feed, criteria) = (query.feed_url(), query.criteria());
    let sign_in = format!(
        "/compte/connexion?suite={}",
        crate::stages::search::encode(&query.url(1))
    );
    view! {
        <Form method="GET" action="/stages" attr:class="search-form" attr:role="search" on:change=submit_on_change>
            <div class="field search-words">
                <label for="search-q">{t("search-words")}</label>
                <input id="search-q" name="q" type="search" value=query.q.clone().unwrap_or_default()/>
            </div>
            <div class="filters">
                <div class="field">
                    <label for="search-direction">{t("offer-direction")}</label>
                    <select id="search-direction" name="direction">
                        <option value="">{t("search-any")}</option>
                        {facet_options(&results.directions, &query.direction, |f| f.label.clone())}
                    </select>
                </div>
                <div class="field">
                    <label for="search-not-direction">{t("search-not-direction")}</label>
                    <select id="search-not-direction" name="sauf_direction">
                        <option value="">{t("search-none")}</option>
                        {results.directions.iter().map(|f| {
                            let selected = query.sauf_direction.as_deref() == Some(f.value.as_str());
                            view! { <option value=f.value.clone() selected=selected>{f.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-family">{t("search-family")}</label>
                    <select id="search-family" name="famille">
                        <option value="">{t("search-any")}</option>
                        {facet_options(&results.families, &query.famille, |f| f.label.clone())}
                    </select>
                </div>
                {(!results.metiers.is_empty()).then(|| view! {
                    <div class="field">
                        <label for="search-metier">{t("offer-metier")}</label>
                        <select id="search-metier" name="metier">
                            <option value="">{t("search-any")}</option>
                            {facet_options(&results.metiers, &query.metier, |f| f.label.clone())}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="search-level">{t("offer-education")}</label>
                    <select id="search-level" name="niveau">
                        <option value="">{t("search-any")}</option>
                        {facet_options(&results.levels, &query.niveau, level_label)}
                    </select>
                </div>
                <div class="field">
                    <label for="search-paid">{t("offer-gratification")}</label>
                    <select id="search-paid" name="gratifie">
                        <option value="">{t("search-any")}</option>
                        {facet_options(&results.paid, &query.gratifie, paid_label)}
                    </select>
                </div>
                <div class="field">
                    <label for="search-duration-min">{t("search-duration-min")}</label>
                    <select id="search-duration-min" name="duree_min">
                        <option value="">{t("search-any")}</option>
                        {[4, 8, 12, 16, 24].into_iter().map(|w| {
                            let value = w.to_string();
                            view! { <option value=value.clone() selected=chosen(&query.duree_min, &value)>{format!("≥ {w} {}", t("offer-weeks"))}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-duration">{t("search-duration")}</label>
                    <select id="search-duration" name="duree_max">
                        <option value="">{t("search-any")}</option>
                        {[4, 8, 12, 16, 26].into_iter().map(|w| {
                            let value = w.to_string();
                            view! { <option value=value.clone() selected=chosen(&query.duree_max, &value)>{format!("≤ {w} {}", t("offer-weeks"))}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-start">{t("search-start")}</label>
                    <select id="search-start" name="debut">
                        <option value="">{t("search-any")}</option>
                        {results.starts.iter().map(|f| view! { <option value=f.value.clone() selected=chosen(&query.debut, &f.value)>{f.label.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="search-arrondissement">{t("offer-arrondissement")}</label>
                    <select id="search-arrondissement" name="arrondissement">
                        <option value="">{t("search-any")}</option>
                        {(1..=20).map(|a| {
                            let value = a.to_string();
                            view! { <option value=value.clone() selected=chosen(&query.arrondissement, &value)>{format!("Paris {a}e")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox-field">
                    <input id="search-remote" name="teletravail" type="checkbox" value="1" checked=chosen(&query.teletravail, "1")/>
                    <label for="search-remote">{t("search-remote")}</label>
                </div>
                <div class="field">
                    <label for="search-sort">{t("search-sort")}</label>
                    <select id="search-sort" name="tri">
                        <option value="pertinence" selected=chosen(&query.tri, "pertinence")>{t("search-sort-relevance")}</option>
                        <option value="recent" selected=chosen(&query.tri, "recent")>{t("search-sort-recent")}</option>
                        <option value="echeance" selected=chosen(&query.tri, "echeance")>{t("search-sort-deadline")}</option>
                    </select>
                </div>
            </div>
            <button type="submit">{t("search")}</button>
            " "
            <a href="/stages">{t("search-reset")}</a>
        </Form>
        <h2 aria-live="polite">{heading}</h2>
        <div class="search-follow">
            <a href=feed type="application/atom+xml">{t("offers-feed")}</a>
            {if signed_in {
                view! { <AlertForm query=criteria/> }.into_any()
            } else {
                view! { <a href=sign_in>{t("alerts-sign-in")}</a> }.into_any()
            }}
        </div>
        <ul class="offer-list">
            {results.offers.into_iter().map(|o| view! {
                <li class="card">
                    <h3><a href=format!("/stages/offres/{}", o.id)>{o.title.clone()}</a></h3>
                    <OfferFacts offer=o/>
                </li>
            }).collect_view()}
        </ul>
        <nav class="pagination" aria-label=t("pagination")>
            {(results.page > 1).then(|| view! { <a href=previous>{t("previous")}</a> })}
            {(results.page < last).then(|| view! { <a href=next>{t("next")}</a> })}
        </nav>
    }
}

/// "Alert me": saves the search's criteria for mail alerts.
#[component]
fn AlertForm(query: SearchQuery) -> impl IntoView {
    let save = ServerAction::<SaveSearch>::new();
    let fields: Vec<(&str, String)> = query
        .criteria_fields()
        .into_iter()
        .filter_map(|(key, value)| value.clone().map(|v| (key, v)))
        .collect();
    view! {
        <ServerForm action=save attr:class="inline-form">
            {fields.into_iter().map(|(key, value)| view! { <input type="hidden" name=format!("query[{key}]") value=value/> }).collect_view()}
            <button type="submit" class="secondary">{t("alerts-save")}</button>
        </ServerForm>
        <FormError value=save.value()/>
        <div class="alert alert-success" role="status" hidden=move || !matches!(save.value().get(), Some(Ok(_)))>
            {t("alerts-saved")}" "<a href="/stages/alertes">{t("alerts-title")}</a>
        </div>
    }
}
