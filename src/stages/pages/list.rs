//! The Stages front page: the open offers first, a words box and the filters beside them (a
//! disclosure on a phone). Everything the candidate chooses lives in the URL; without
//! JavaScript the forms are plain GETs and the filters links, with it the results follow each
//! change, the typing included, without a full reload.

use super::{
    search_filters::{active_filters, OfferFilters},
    OfferFacts,
};
use crate::ui::pagination::Pagination;
use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::pages::auth_context::use_auth,
    i18n::{t, use_locale},
    stages::{
        api::search_offers,
        saved_search_api::SaveSearch,
        search::{SearchQuery, SearchResults},
    },
    ui::{
        filters::ActiveFilters, forms::FormError, platform::PlatformIntro,
        search_layout::SearchLayout, status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StagesHome() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| SearchQuery::from_pairs(|key| p.get(key))));
    let results = page_resource(move || query.get(), search_offers);
    let user = use_auth().user;
    let locale = use_locale();
    let words = Signal::derive(move || query.with(|q| q.q.clone().unwrap_or_default()));
    let follow = move |typed: String| {
        let words = crate::query_text::bounded_param(Some(typed));
        query.get_untracked().with("q", words).url(1)
    };
    let count = Signal::derive(move || {
        results
            .get()
            .and_then(Result::ok)
            .map(|r| locale.t_with("offers-open-count", &[("count", r.total.to_string())]))
    });
    let active = Signal::derive(move || query.with(SearchQuery::active_filters));
    let filters = move || {
        results.get().and_then(Result::ok).map(|results| {
            view! {
                <OfferFilters query=query.get_untracked() results/>
            }
        })
    };
    let shown = move || {
        results.get().map(|result| match result {
            Ok(results) => {
                let signed_in = user.get().and_then(|u| u.ok()).flatten().is_some();
                view! { <Results query=query.get_untracked() results signed_in/> }.into_any()
            }
            Err(error) => view! { <ErrorPage error/> }.into_any(),
        })
    };
    // Without JavaScript, the words form carries the filters chosen.
    let kept = move || {
        query.with(|q| {
            q.criteria_fields()
                .into_iter()
                .filter(|(key, _)| *key != "q")
                .filter_map(|(key, value)| {
                    value
                        .clone()
                        .map(|v| view! { <input type="hidden" name=key value=v/> })
                })
                .collect_view()
        })
    };
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
                <SearchLayout action="/stages" words_id="search-q" words follow kept active filters count results=shown/>
            </Transition>
        </div>
    }
}

/// The chips of the active filters, a page of offers, the ways to follow the search.
#[component]
fn Results(query: SearchQuery, results: SearchResults, signed_in: bool) -> impl IntoView {
    let last = (results.total + results.per_page - 1) / results.per_page;
    let (previous, next) = (query.url(results.page - 1), query.url(results.page + 1));
    let (feed, criteria) = (query.feed_url(), query.criteria());
    let sign_in = format!(
        "/compte/connexion?suite={}",
        crate::stages::search::encode(&query.url(1))
    );
    let chips = active_filters(&query, &results);
    let clear = SearchQuery {
        q: query.q.clone(),
        tri: query.tri.clone(),
        ..Default::default()
    }
    .url(1);
    view! {
        <div class="results">
            <ActiveFilters filters=chips clear/>
            <ul class="offer-list">
                {results.offers.into_iter().map(|o| view! {
                    <li class="card">
                        <h3><a href=format!("/stages/offres/{}", o.id)>{o.title.clone()}</a></h3>
                        <OfferFacts offer=o/>
                    </li>
                }).collect_view()}
            </ul>
            <Pagination previous=(results.page > 1).then_some(previous) next=(results.page < last).then_some(next)/>
            <div class="search-follow">
                <a href=feed type="application/atom+xml">{t("offers-feed")}</a>
                {if signed_in {
                    view! { <AlertForm query=criteria/> }.into_any()
                } else {
                    view! { <a href=sign_in>{t("alerts-sign-in")}</a> }.into_any()
                }}
            </div>
        </div>
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
