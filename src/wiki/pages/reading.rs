//! `/espaces/:id/wiki/:page`: one page as readers get it — its title and its text rendered and
//! sanitised on the server (the same Markdown code as every text of the site).

use super::page_of_address;
use crate::{
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{status_pages::ErrorPage, time::TimeTag},
    wiki::types::WikiPageView,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WikiReadingPage() -> impl IntoView {
    let loaded = page_of_address();
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || loaded.get().map(|result| match result {
                    Ok(page) => view! { <Reading page/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Reading(page: WikiPageView) -> impl IntoView {
    let back = format!("/espaces/{}/wiki", page.space.id);
    let empty = page.html.trim().is_empty();
    view! {
        <SpaceHeader space=page.space.clone()/>
        <Title text=page.title.clone()/>
        <p>
            <a href=back>{t("wiki-back")}</a>
            {page.can_edit.then(|| view! { " · "<a href=format!("/espaces/{}/wiki/{}/modifier", page.space.id, page.id)>{t("wiki-edit")}</a> })}
        </p>
        <article class="wiki-page">
            <h2>{page.title.clone()}</h2>
            <p class="muted">{t("wiki-updated")}" "<TimeTag when=page.updated/></p>
            {if empty {
                view! { <p>{t("wiki-empty-page")}</p> }.into_any()
            } else {
                view! { <div class="prose" inner_html=page.html/> }.into_any()
            }}
        </article>
    }
}
