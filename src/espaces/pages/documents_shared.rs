//! `/espaces/partage/:token`: what a share link opens, for anyone, no account needed — the
//! document's name, size and the date the link ends, a download button and, for images and
//! PDF, a preview in a tab of their own. A revoked or expired link says so (409, its own
//! message); an unknown one is the site's 404 page. Each opening is logged for the animators.

use crate::{
    espaces::documents_api::open_shared_document,
    i18n::{t, use_locale},
    ui::{sizes::byte_size, status_pages::ErrorPage, time::TimeTag},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SharedDocumentPage() -> impl IntoView {
    let params = use_params_map();
    let shared = page_resource(
        move || params.with(|p| p.get("token")).unwrap_or_default(),
        |token| async move { open_shared_document(token).await },
    );
    view! {
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || shared.get().map(|result| match result {
                    Ok(document) => {
                        let locale = use_locale();
                        let preview = document.preview_url.clone();
                        view! {
                            <Title text=document.name.clone()/>
                            <h1>{document.name.clone()}</h1>
                            <p>{t("documents-shared-intro")}</p>
                            <dl class="facts">
                                <dt>{t("documents-size")}</dt><dd>{byte_size(locale, document.size)}</dd>
                                <dt>{t("documents-share-until")}</dt><dd><TimeTag when=document.expires.clone()/></dd>
                            </dl>
                            <p>
                                <a class="button" href=document.url.clone() download=document.name.clone()>{t("documents-download")}</a>
                                {preview.map(|url| view! { " "<a class="button secondary" href=url target="_blank" rel="noopener">{t("documents-preview")}</a> })}
                            </p>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
