//! `/espaces/partage/wiki/:token`: a wiki page as its share link opens it, for anyone, no
//! account needed — its title, its text as the space's readers get it (rendered and sanitised
//! on the server, readable without JavaScript), a table of contents, the date the link ends.
//! A revoked or expired link says so (409, its own message); an unknown one is the site's
//! 404 page. Each opening is logged for the animators.

use super::text::PageText;
use crate::{
    i18n::t,
    ui::{status_pages::ErrorPage, time::TimeTag},
    wiki::{share_api::open_shared_wiki_page, types::SharedWikiPage as Shared},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SharedWikiPage() -> impl IntoView {
    let params = use_params_map();
    let shared = page_resource(
        move || params.with(|p| p.get("token")).unwrap_or_default(),
        |token| async move { open_shared_wiki_page(token).await },
    );
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || shared.get().map(|result| match result {
                    Ok(page) => view! { <SharedReading page/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn SharedReading(page: Shared) -> impl IntoView {
    view! {
        <Title text=page.title.clone()/>
        <article class="wiki-page">
            <h1>{page.title.clone()}</h1>
            <p class="muted">
                {t("wiki-updated")}" "<TimeTag when=page.updated/>
                " · "{t("documents-share-until")}" "<TimeTag when=page.expires/>
            </p>
            <PageText toc=page.toc html=page.html under_h1=true/>
        </article>
    }
}
