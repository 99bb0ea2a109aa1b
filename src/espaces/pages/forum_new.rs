//! `/espaces/:id/forum/nouveau`: starting a thread — its category, title and opening post
//! (Markdown); the thread's page opens once it is saved (a plain form's redirect without
//! JavaScript).

use super::{forum::category_name, space::SpaceHeader, space_id};
use crate::{
    error::AppError,
    espaces::{
        forum_api::{load_forum, StartForumThread},
        forum_types::ForumPage,
    },
    i18n::t,
    ui::{
        forms::{field_error, open_on_success, FormError, Select, TextField},
        refused_form::ServerForm,
        status_pages::ErrorPage,
        writing::WritingField,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;

#[component]
pub fn SpaceForumNewPage() -> impl IntoView {
    let id = space_id();
    let page = page_resource(id.clone(), |id| async move {
        match id {
            Some(id) => load_forum(id, None, 0, String::new()).await,
            None => Err(AppError::NotFound),
        }
    });
    let start = ServerAction::<StartForumThread>::new();
    let space = move || id().unwrap_or_default();
    open_on_success(start.value(), move |thread| {
        format!("/espaces/{}/forum/{thread}", space())
    });
    view! {
        <div class="page forum">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) if page.can_post => view! { <NewThread page start/> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn NewThread(page: ForumPage, start: ServerAction<StartForumThread>) -> impl IntoView {
    let id = page.space.id;
    let default = page
        .categories
        .iter()
        .find(|c| c.is_default())
        .map(|c| c.id.to_string())
        .unwrap_or_default();
    let options: Vec<(String, String)> = page
        .categories
        .iter()
        .map(|c| (c.id.to_string(), category_name(&c.name)))
        .collect();
    let draft = RwSignal::new(String::new());
    view! {
        <SpaceHeader space=page.space.clone()/>
        <p><a href=format!("/espaces/{id}/forum")>{t("forum-back")}</a></p>
        <h2>{t("forum-new-thread")}</h2>
        <FormError value=start.value()/>
        <ServerForm action=start attr:class="form">
            <input type="hidden" name="id" value=id.to_string()/>
            <Select name="category" label=t("forum-category") options selected=default optional=true error=field_error(start.value(), "category")/>
            <TextField name="title" label=t("forum-thread-title") error=field_error(start.value(), "title")/>
            <WritingField draft label=t("forum-thread-body") error=field_error(start.value(), "body")/>
            <button type="submit">{t("forum-thread-submit")}</button>
        </ServerForm>
    }
}
