//! `/espaces/:id/wiki`: a space's wiki pages in tree order, each with when it last changed,
//! and for contributors the form that creates a page (which then opens; a plain form's
//! redirect without JavaScript).

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{
        forms::{field_error, open_on_success, FormError, TextField},
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
    wiki::{
        api::{load_wiki, CreateWikiPage},
        types::WikiIndex,
    },
};
use leptos::prelude::*;

#[component]
pub fn WikiIndexPage() -> impl IntoView {
    let id = param("id");
    let index = Resource::new(id.clone(), |id| async move {
        match id {
            Some(id) => load_wiki(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let create = ServerAction::<CreateWikiPage>::new();
    let space = move || id().unwrap_or_default();
    open_on_success(create.value(), move |page| {
        format!("/espaces/{}/wiki/{page}", space())
    });
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || index.get().map(|result| match result {
                    Ok(index) => view! { <Index index create/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Index(index: WikiIndex, create: ServerAction<CreateWikiPage>) -> impl IntoView {
    let id = index.space.id;
    let can_edit = index.can_edit;
    let pages = index.pages;
    view! {
        <SpaceHeader space=index.space.clone()/>
        <h2>{t("wiki-pages")}</h2>
        {if pages.is_empty() {
            view! { <p>{t("wiki-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="wiki-pages">
                    {pages.into_iter().map(|page| view! {
                        <li>
                            <a href=format!("/espaces/{id}/wiki/{}", page.id)>{page.title}</a>
                            " · "<span class="muted">{t("wiki-updated")}" "<TimeTag when=page.updated/></span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {can_edit.then(|| view! {
            <h2>{t("wiki-new-page")}</h2>
            <FormError value=create.value()/>
            <ServerForm action=create attr:class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField name="title" label=t("wiki-page-title") error=field_error(create.value(), "title")/>
                <button type="submit">{t("wiki-create")}</button>
            </ServerForm>
        })}
    }
}
