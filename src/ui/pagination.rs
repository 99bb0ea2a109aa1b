//! The "previous / next" links under a paged list (offers, fiches, discussions, a space's
//! forum): plain links, so paging works without JavaScript and each page has its address.

use crate::i18n::t;
use leptos::prelude::*;

/// A `nav` with a link to the previous page when `previous` is given and to the next one
/// when `next` is; nothing inside when the list fits one page.
#[component]
pub fn Pagination(previous: Option<String>, next: Option<String>) -> impl IntoView {
    view! {
        <nav class="pagination" aria-label=t("pagination")>
            {previous.map(|href| view! { <a href=href rel="prev">{t("previous")}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t("next")}</a> })}
        </nav>
    }
}
