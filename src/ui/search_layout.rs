//! The frame of a results-first search page (offers, the innovation catalogue): the words
//! form, the filters' disclosure beside the results (see `super::filters`), and the results
//! under their count, which is read out when it changes.

use super::{filters::FiltersPanel, keyword_box::KeywordBox};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::Form;

/// `action` is the page's path, which the words form (`q`, box id `words_id`) sends to by GET
/// with the search's other criteria as `kept` hidden fields; `words` and `follow` are the
/// [`KeywordBox`]'s; `active` counts the filters applied; `filters` fills their panel;
/// `count` says how many results there are and `results` shows them.
#[component]
pub fn SearchLayout(
    action: &'static str,
    words_id: &'static str,
    #[prop(into)] words: Signal<String>,
    follow: impl Fn(String) -> String + Send + 'static,
    #[prop(into)] kept: ViewFn,
    #[prop(into)] active: Signal<usize>,
    #[prop(into)] filters: ViewFn,
    #[prop(into)] count: Signal<Option<String>>,
    #[prop(into)] results: ViewFn,
) -> impl IntoView {
    view! {
        <div class="search-page">
            <Form method="GET" action=action attr:class="search-bar" attr:role="search">
                <label for=words_id>{t("search-words")}</label>
                <div class="search-row">
                    <KeywordBox id=words_id words follow/>
                    <button type="submit">{t("search")}</button>
                </div>
                {move || kept.run()}
            </Form>
            <FiltersPanel active>{move || filters.run()}</FiltersPanel>
            <section class="search-results" aria-labelledby="results-count">
                <h2 id="results-count" class="results-count" aria-live="polite">{move || count.get()}</h2>
                {move || results.run()}
            </section>
        </div>
    }
}
