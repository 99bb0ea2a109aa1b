//! The filters of a results-first search page (offers, the innovation catalogue): one
//! disclosure ("Filtres 2") that a phone keeps closed and a wide screen shows as a side
//! column, each filter's values as links with their counts, and the active filters as
//! removable chips above the results. All of it is plain HTML that works without JavaScript:
//! the disclosure is a `<details>`, a value and a chip are links to the search they give.

use crate::i18n::{t, use_locale};
use leptos::prelude::*;

/// One value of a filter, as a link to the search it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterValue {
    pub label: String,
    /// How many results the search would have with this value; `None` where not counted.
    pub count: Option<i64>,
    /// The search with this value chosen (without it, when it is `chosen`).
    pub href: String,
    pub chosen: bool,
}

/// A filter the search applies, as a chip: what it keeps and the search without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    pub label: String,
    pub href: String,
}

/// The filters' disclosure: its summary names how many filters are active. On a wide screen
/// the stylesheet shows its content whatever its state, as a column beside the results
/// (`::details-content`; a browser without it keeps the summary). With JavaScript, following
/// a value's link on a phone closes it, so the new results are what shows.
#[component]
pub fn FiltersPanel(#[prop(into)] active: Signal<usize>, children: Children) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Details>::new();
    // Where the panel is a column, its summary is hidden: the panel is opened, so that what
    // assistive technologies read agrees with what shows.
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            if !summary_shown(&panel) {
                panel.set_open(true);
            }
        }
    });
    let close_after_choice = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let on_link = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a").ok().flatten())
                .is_some();
            if let Some(panel) = panel
                .get_untracked()
                .filter(|p| on_link && summary_shown(p))
            {
                panel.set_open(false);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! {
        <details class="filters-panel" node_ref=panel on:click=close_after_choice>
            <summary>
                {t("filters-title")}
                <span class="filters-count" hidden=move || active.get() == 0>
                    <span class="visually-hidden">{t("filters-active-before-count")}" "</span>
                    {move || active.get()}
                </span>
            </summary>
            <div class="filters-body">
                <h2 class="filters-heading">{t("filters-title")}</h2>
                {children()}
            </div>
        </details>
    }
}

/// Whether the panel's summary shows (on a phone) or not (the panel is a column).
fn summary_shown(panel: &leptos::web_sys::HtmlDetailsElement) -> bool {
    use leptos::wasm_bindgen::JsCast;
    panel
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        .is_some_and(|s| s.offset_height() > 0)
}

/// A filter and its values as links; past the first `shown`, the others wait behind "N more"
/// (a chosen value is always among the first).
#[component]
pub fn FilterGroup(
    title: String,
    values: Vec<FilterValue>,
    #[prop(default = usize::MAX)] shown: usize,
) -> impl IntoView {
    let mut values = values;
    if let Some(at) = values
        .iter()
        .position(|v| v.chosen)
        .filter(|at| *at >= shown)
    {
        let chosen = values.remove(at);
        values.insert(0, chosen);
    }
    let rest = values.split_off(shown.min(values.len()));
    let more = use_locale().t_with("filters-more", &[("count", rest.len().to_string())]);
    (!values.is_empty()).then(|| {
        view! {
            <section class="filter-group">
                <h3>{title}</h3>
                <ul class="filter-values">{values.into_iter().map(value_link).collect_view()}</ul>
                {(!rest.is_empty()).then(|| view! {
                    <details class="filter-more">
                        <summary>{more}</summary>
                        <ul class="filter-values">{rest.into_iter().map(value_link).collect_view()}</ul>
                    </details>
                })}
            </section>
        }
    })
}

fn value_link(value: FilterValue) -> impl IntoView {
    view! {
        <li>
            <a class="filter-value" href=value.href aria-current=value.chosen.then_some("true")>
                <span class="filter-label">
                    {value.label}
                    {value.chosen.then(|| view! { <span class="visually-hidden">" — "{t("filters-chosen")}</span> })}
                </span>
                {value.count.map(|n| view! {
                    <span class="filter-count"><span class="visually-hidden">" ("</span>{n}<span class="visually-hidden">")"</span></span>
                })}
            </a>
        </li>
    }
}

/// The active filters as chips, each a link to the search without it, and one to `clear`
/// them all; nothing when no filter is active.
#[component]
pub fn ActiveFilters(filters: Vec<ActiveFilter>, clear: String) -> impl IntoView {
    (!filters.is_empty()).then(|| {
        view! {
            <ul class="chips" aria-label=t("filters-active")>
                {filters.into_iter().map(|f| view! {
                    <li>
                        <a class="chip" href=f.href>
                            <span class="visually-hidden">{t("filters-remove")}" "</span>
                            {f.label}
                            <span class="chip-x" aria-hidden="true">"×"</span>
                        </a>
                    </li>
                }).collect_view()}
                <li><a class="chip-clear" href=clear>{t("filters-clear")}</a></li>
            </ul>
        }
    })
}
