//! `/espaces/:id/wiki/corbeille`: the pages in the bin (contributors and animators see them),
//! each taken out again by an animator.

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
    wiki::{
        api::{load_wiki_bin, RestoreWikiPage},
        types::WikiBin,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn WikiBinPage() -> impl IntoView {
    let id = param("id");
    let bin = page_resource(id, |id| async move {
        match id {
            Some(id) => load_wiki_bin(id).await,
            None => Err(AppError::NotFound),
        }
    });
    provide_refetch(move || bin.refetch());
    let restore = ServerAction::<RestoreWikiPage>::new();
    refetch_on_success(restore.value());
    view! {
        <div class="page wiki">
            <FormError value=restore.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || bin.get().map(|result| match result {
                    Ok(bin) => view! { <Bin bin restore/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Bin(bin: WikiBin, restore: ServerAction<RestoreWikiPage>) -> impl IntoView {
    let space = bin.space.id;
    let can_restore = bin.can_restore;
    view! {
        <SpaceHeader space=bin.space.clone()/>
        <Title text=t("wiki-bin")/>
        <p><a href=format!("/espaces/{space}/wiki")>{t("wiki-back")}</a></p>
        <h2>{t("wiki-bin")}</h2>
        {if bin.pages.is_empty() {
            view! { <p>{t("wiki-bin-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="wiki-pages">
                    {bin.pages.into_iter().map(|page| view! {
                        <li>
                            {page.title}" · "<span class="muted">{t("wiki-deleted")}" "<TimeTag when=page.deleted/></span>
                            {can_restore.then(|| view! {
                                <ServerForm action=restore attr:class="inline-form">
                                    <input type="hidden" name="id" value=space.to_string()/>
                                    <input type="hidden" name="page" value=page.id.to_string()/>
                                    <button type="submit" class="secondary">{t("wiki-take-out")}</button>
                                </ServerForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
