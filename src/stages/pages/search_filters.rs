//! The filters of the offer search: the counted filters (direction, métier family and
//! métier, level, pay) as links with their counts, the others in a small GET form, and the
//! active ones as chips. Every link and the form carry the rest of the search.

use crate::{
    i18n::{t, use_locale},
    stages::{
        search::{Facet, SearchQuery, SearchResults},
        types::EducationLevel,
    },
    ui::filters::{ActiveFilter, FilterGroup, FilterValue},
};
use leptos::prelude::*;
use leptos_router::components::Form;

/// Criteria the filter links carry: the form below keeps them in hidden fields.
const LINKED: [&str; 6] = ["q", "direction", "famille", "metier", "niveau", "gratifie"];

/// How many directions or families show before "N more".
const SHOWN: usize = 6;

/// The offer filters, for [`crate::ui::filters::FiltersPanel`].
#[component]
pub fn OfferFilters(query: SearchQuery, results: SearchResults) -> impl IntoView {
    let values = |key: &'static str, facets: &[Facet], label: &dyn Fn(&Facet) -> String| {
        facets
            .iter()
            .map(|facet| {
                let chosen = query.get(key) == Some(facet.value.as_str());
                FilterValue {
                    label: label(facet),
                    count: Some(facet.count),
                    href: query
                        .with(key, (!chosen).then(|| facet.value.clone()))
                        .url(1),
                    chosen,
                }
            })
            .collect::<Vec<_>>()
    };
    let by_count = |facets: &[Facet]| {
        let mut sorted = facets.to_vec();
        sorted.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        sorted
    };
    let plain = |f: &Facet| f.label.clone();
    let directions = values("direction", &by_count(&results.directions), &plain);
    let families = values("famille", &by_count(&results.families), &plain);
    let metiers = values("metier", &results.metiers, &plain);
    let levels = values("niveau", &results.levels, &|f: &Facet| {
        level_label(&f.value)
    });
    let paid = values("gratifie", &results.paid, &|f: &Facet| paid_label(&f.value));
    view! {
        <div class="filter-groups">
            <FilterGroup title=t("offer-direction") values=directions shown=SHOWN/>
            <FilterGroup title=t("search-family") values=families shown=SHOWN/>
            <FilterGroup title=t("offer-metier") values=metiers shown=SHOWN/>
            <FilterGroup title=t("offer-education") values=levels/>
            <FilterGroup title=t("offer-gratification") values=paid/>
            <MoreCriteria query results/>
        </div>
    }
}

fn level_label(value: &str) -> String {
    EducationLevel::parse(value).map_or_else(|| value.to_string(), |l| t(l.label_key()))
}

fn paid_label(value: &str) -> String {
    t(if value == "1" {
        "offer-paid"
    } else {
        "offer-unpaid"
    })
}

/// The criteria without counts (left-out direction, durations, start, place, remote work,
/// order): a GET form; with JavaScript each change runs the search at once.
#[component]
fn MoreCriteria(query: SearchQuery, results: SearchResults) -> impl IntoView {
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
    let kept: Vec<(&str, String)> = LINKED
        .into_iter()
        .filter_map(|key| query.get(key).map(|v| (key, v.to_string())))
        .collect();
    let chosen = move |key: &str, option: &str| query.get(key) == Some(option);
    let weeks = t("offer-weeks");
    view! {
        <Form method="GET" action="/stages" attr:class="more-criteria" on:change=submit_on_change>
            {kept.into_iter().map(|(key, value)| view! { <input type="hidden" name=key value=value/> }).collect_view()}
            <div class="field">
                <label for="search-not-direction">{t("search-not-direction")}</label>
                <select id="search-not-direction" name="sauf_direction">
                    <option value="">{t("search-none")}</option>
                    {results.directions.iter().map(|f| view! { <option value=f.value.clone() selected=chosen("sauf_direction", &f.value)>{f.label.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="search-duration-min">{t("search-duration-min")}</label>
                <select id="search-duration-min" name="duree_min">
                    <option value="">{t("search-any")}</option>
                    {[4, 8, 12, 16, 24].into_iter().map(|w| {
                        let value = w.to_string();
                        view! { <option value=value.clone() selected=chosen("duree_min", &value)>{format!("≥ {w} {weeks}")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="search-duration">{t("search-duration")}</label>
                <select id="search-duration" name="duree_max">
                    <option value="">{t("search-any")}</option>
                    {[4, 8, 12, 16, 26].into_iter().map(|w| {
                        let value = w.to_string();
                        view! { <option value=value.clone() selected=chosen("duree_max", &value)>{format!("≤ {w} {weeks}")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="search-start">{t("search-start")}</label>
                <select id="search-start" name="debut">
                    <option value="">{t("search-any")}</option>
                    {results.starts.iter().map(|f| view! { <option value=f.value.clone() selected=chosen("debut", &f.value)>{f.label.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="search-arrondissement">{t("offer-arrondissement")}</label>
                <select id="search-arrondissement" name="arrondissement">
                    <option value="">{t("search-any")}</option>
                    {(1..=20).map(|a| {
                        let value = a.to_string();
                        view! { <option value=value.clone() selected=chosen("arrondissement", &value)>{format!("Paris {a}e")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field checkbox-field">
                <input id="search-remote" name="teletravail" type="checkbox" value="1" checked=chosen("teletravail", "1")/>
                <label for="search-remote">{t("search-remote")}</label>
            </div>
            <div class="field">
                <label for="search-sort">{t("search-sort")}</label>
                <select id="search-sort" name="tri">
                    <option value="pertinence" selected=chosen("tri", "pertinence")>{t("search-sort-relevance")}</option>
                    <option value="recent" selected=chosen("tri", "recent")>{t("search-sort-recent")}</option>
                    <option value="echeance" selected=chosen("tri", "echeance")>{t("search-sort-deadline")}</option>
                </select>
            </div>
            <button type="submit" class="secondary">{t("filters-apply")}</button>
        </Form>
    }
}

/// The filters `query` applies, as chips (the words and the order are not filters).
pub fn active_filters(query: &SearchQuery, results: &SearchResults) -> Vec<ActiveFilter> {
    let locale = use_locale();
    let named = |facets: &[Facet], value: &str| {
        facets
            .iter()
            .find(|f| f.value == value)
            .map_or_else(|| value.to_string(), |f| f.label.clone())
    };
    let weeks = t("offer-weeks");
    query
        .criteria_fields()
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)))
        .filter_map(|(key, value)| {
            let label = match key {
                "direction" => value.to_string(),
                "sauf_direction" => locale.t_with("search-except", &[("direction", value.into())]),
                "famille" => named(&results.families, value),
                "metier" => named(&results.metiers, value),
                "niveau" => level_label(value),
                "gratifie" => paid_label(value),
                "arrondissement" => format!("Paris {value}e"),
                "teletravail" => t("search-remote"),
                "duree_min" => format!("≥ {value} {weeks}"),
                "duree_max" => format!("≤ {value} {weeks}"),
                "debut" => format!("{} {}", t("search-start"), named(&results.starts, value)),
                _ => return None,
            };
            Some(ActiveFilter {
                label,
                href: query.with(key, None).url(1),
            })
        })
        .collect()
}
