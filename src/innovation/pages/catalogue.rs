//! /innovation — the published catalogue, fiches first: a words box, the filters beside them
//! (a disclosure on a phone) as links, the active ones as chips. Everything lives in the URL;
//! without JavaScript the forms are plain GETs, with it the results follow each change, the
//! typing included, without a full reload.

use super::fiches::FicheCard;
use crate::{
    accounts::pages::auth_context::use_auth,
    i18n::t,
    innovation::{
        api::browse_fiches,
        browse::{BrowseQuery, BrowseResults, PER_PAGE},
        types::Maturity,
    },
    ui::{
        filters::{ActiveFilter, ActiveFilters, FilterGroup, FilterValue},
        pagination::Pagination,
        platform::PlatformIntro,
        search_layout::SearchLayout,
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::{components::Form, hooks::use_query_map};

/// How many fields or countries show before "N more".
const SHOWN: usize = 6;

/// The catalogue's languages: URL value and name (in itself).
const LANGUAGES: [(&str, &str); 2] = [("fr", "Français"), ("en", "English")];

#[component]
pub fn InnovationHome() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| BrowseQuery::from_pairs(|key| p.get(key))));
    let results = page_resource(move || query.get(), browse_fiches);
    let user = use_auth().user;
    let words = Signal::derive(move || query.with(|q| q.q.clone().unwrap_or_default()));
    let follow = move |typed: String| {
        let words = crate::query_text::bounded_param(Some(typed));
        query.get_untracked().with("q", words).url(1)
    };
    let count = Signal::derive(move || {
        results
            .get()
            .and_then(Result::ok)
            .map(|r| format!("{} · {}", t("innovation-fiches"), r.total))
    });
    let active = Signal::derive(move || query.with(BrowseQuery::active_filters));
    let filters = move || {
        results.get().and_then(Result::ok).map(|results| {
            view! {
                <CatalogueFilters query=query.get_untracked() results/>
            }
        })
    };
    let shown = move || {
        results.get().map(|result| match result {
            Ok(results) => view! { <Catalogue query=query.get_untracked() results/> }.into_any(),
            Err(error) => view! { <ErrorPage error/> }.into_any(),
        })
    };
    // Without JavaScript, the words form carries the filters chosen.
    let kept = move || query.with(|q| hidden_fields(q, "q"));
    view! {
        <PlatformIntro platform="innovation"/>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                <p class="desk-links">
                    <a href="/innovation/discussions">{t("threads-title")}</a>
                    <a href="/innovation/regles">{t("innovation-rules")}</a>
                    <a href="/innovation/flux.atom" type="application/atom+xml">{t("innovation-feed")}</a>
                    <a href="/innovation/donnees.json">{t("innovation-open-data")}" (JSON)"</a>
                    <a href="/innovation/donnees.csv">"CSV"</a>
                    {move || user.get().and_then(|u| u.ok()).flatten().map(|u| view! {
                        <a href="/innovation/mes-fiches">{t("innovation-my-fiches")}</a>
                        <a href="/innovation/notifications">{t("notifications-title")}</a>
                        <a href="/innovation/membres">{t("members-title")}</a>
                        {u.can(crate::accounts::types::Permission::Edit).then(|| view! {
                            <a href="/innovation/relecture">{t("innovation-review-queue")}</a>
                            <a href="/innovation/moderation">{t("moderation-title")}</a>
                        })}
                    })}
                </p>
                <SearchLayout action="/innovation" words_id="browse-q" words follow kept active filters count results=shown/>
            </Transition>
        </div>
    }
}

/// Hidden fields carrying the criteria of `query`, `except` one.
fn hidden_fields(query: &BrowseQuery, except: &str) -> impl IntoView {
    query
        .fields()
        .into_iter()
        .filter(|(key, _)| *key != except)
        .filter_map(|(key, value)| {
            value
                .clone()
                .map(|v| view! { <input type="hidden" name=key value=v/> })
        })
        .collect_view()
}

/// The chips of the active filters and a page of fiches.
#[component]
fn Catalogue(query: BrowseQuery, results: BrowseResults) -> impl IntoView {
    let last = (results.total + PER_PAGE - 1) / PER_PAGE;
    let (previous, next) = (query.url(results.page - 1), query.url(results.page + 1));
    let chips = active_filters(&query, &results);
    let clear = BrowseQuery {
        q: query.q.clone(),
        ..Default::default()
    }
    .url(1);
    view! {
        <div class="results">
            <ActiveFilters filters=chips clear/>
            <ul class="offer-list">
                {results.fiches.into_iter().map(|fiche| view! { <FicheCard fiche/> }).collect_view()}
            </ul>
            <Pagination previous=(results.page > 1).then_some(previous) next=(results.page < last).then_some(next)/>
        </div>
    }
}

/// The catalogue's filters as links (fields, countries, maturity, language), and the city,
/// typed, in a small GET form.
#[component]
fn CatalogueFilters(query: BrowseQuery, results: BrowseResults) -> impl IntoView {
    let values = |key: &'static str, options: Vec<(String, String)>| {
        options
            .into_iter()
            .map(|(value, label)| {
                let chosen = query.get(key) == Some(value.as_str());
                FilterValue {
                    label,
                    count: None,
                    href: query.with(key, (!chosen).then_some(value)).url(1),
                    chosen,
                }
            })
            .collect::<Vec<_>>()
    };
    let fields = values(
        "champ",
        results
            .fields
            .iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect(),
    );
    let countries = values(
        "pays",
        results
            .countries
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect(),
    );
    let maturities = values(
        "maturite",
        Maturity::ALL
            .into_iter()
            .map(|m| (m.code().to_string(), t(&m.label_key())))
            .collect(),
    );
    let languages = values(
        "langue",
        LANGUAGES
            .into_iter()
            .map(|(code, name)| (code.to_string(), name.to_string()))
            .collect(),
    );
    view! {
        <div class="filter-groups">
            <FilterGroup title=t("fiche-fields") values=fields shown=SHOWN/>
            <FilterGroup title=t("fiche-country") values=countries shown=SHOWN/>
            <FilterGroup title=t("fiche-maturity") values=maturities/>
            <FilterGroup title=t("fiche-language") values=languages/>
            <Form method="GET" action="/innovation" attr:class="more-criteria">
                {hidden_fields(&query, "ville")}
                <div class="field">
                    <label for="browse-city">{t("fiche-city")}</label>
                    <input id="browse-city" name="ville" list="browse-cities" value=query.ville.clone().unwrap_or_default()/>
                    <datalist id="browse-cities">
                        {results.cities.iter().map(|c| view! { <option value=c.clone()></option> }).collect_view()}
                    </datalist>
                </div>
                <button type="submit" class="secondary">{t("filters-apply")}</button>
            </Form>
        </div>
    }
}

/// The filters `query` applies, as chips (the words are not a filter).
fn active_filters(query: &BrowseQuery, results: &BrowseResults) -> Vec<ActiveFilter> {
    query
        .fields()
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)))
        .filter_map(|(key, value)| {
            let label = match key {
                "champ" => results
                    .fields
                    .iter()
                    .find(|(id, _)| id.to_string() == value)
                    .map_or_else(|| value.to_string(), |(_, name)| name.clone()),
                "pays" | "ville" => value.to_string(),
                "maturite" => {
                    Maturity::parse(value).map_or_else(|| value.to_string(), |m| t(&m.label_key()))
                }
                "tag" => format!("#{value}"),
                "langue" => LANGUAGES
                    .into_iter()
                    .find(|(code, _)| *code == value)
                    .map_or_else(|| value.to_string(), |(_, name)| name.to_string()),
                _ => return None,
            };
            Some(ActiveFilter {
                label,
                href: query.with(key, None).url(1),
            })
        })
        .collect()
}
