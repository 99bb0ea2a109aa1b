//! A page's text as readers get it, wherever it is read (its reading page, a share link's
//! page): a table of contents when it has several headings, then the HTML rendered and
//! sanitised on the server, or a word saying the page is empty.

use crate::{i18n::t, markdown::Heading};
use leptos::prelude::*;

/// `toc` and `html` of a page; `under_h1`: the page's title is the document's `h1` (the
/// contents' heading is then an `h2`, else an `h3` under the title's `h2`).
#[component]
pub fn PageText(toc: Vec<Heading>, html: String, #[prop(optional)] under_h1: bool) -> impl IntoView {
    let toc = (toc.len() > 1).then_some(toc);
    let empty = html.trim().is_empty();
    let heading = move || match under_h1 {
        true => view! { <h2>{t("wiki-toc")}</h2> }.into_any(),
        false => view! { <h3>{t("wiki-toc")}</h3> }.into_any(),
    };
    view! {
        {toc.map(|toc| view! {
            <nav class="wiki-toc" aria-label=t("wiki-toc")>
                {heading()}
                <ul>
                    {toc.into_iter().map(|h| view! {
                        <li class=format!("toc-level-{}", h.level)><a href=format!("#{}", h.anchor)>{h.text}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
        })}
        {if empty {
            view! { <p>{t("wiki-empty-page")}</p> }.into_any()
        } else {
            view! { <div class="prose" inner_html=html/> }.into_any()
        }}
    }
}
