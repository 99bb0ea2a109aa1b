//! `/espaces/:id/corbeille`: the documents deleted in a space (they still count toward its
//! quota) — contributors see them; animators restore one, delete one for good, or empty it.

use super::{space::SpaceHeader, space_id};
use crate::{
    espaces::{
        documents_api::{load_bin, EmptyBin, RestoreDocument},
        documents_types::BinPage,
        types::{SpaceAction, SpaceRole},
    },
    i18n::{t, use_locale},
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        refused_form::ServerForm,
        sizes::byte_size,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;

#[component]
pub fn SpaceBinPage() -> impl IntoView {
    let id = space_id();
    let page = page_resource(id, |id| async move {
        match id {
            Some(id) => load_bin(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let restore = ServerAction::<RestoreDocument>::new();
    let empty = ServerAction::<EmptyBin>::new();
    refetch_on_success(restore.value());
    refetch_on_success(empty.value());
    view! {
        <div class="page">
            <FormError value=restore.value()/>
            <FormError value=empty.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(data) => view! { <Bin data restore empty/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Bin(
    data: BinPage,
    restore: ServerAction<RestoreDocument>,
    empty: ServerAction<EmptyBin>,
) -> impl IntoView {
    let locale = use_locale();
    let BinPage { space, documents } = data;
    let id = space.id;
    let keeper = space.can(SpaceAction::Contribute)
        && (space.role == Some(SpaceRole::Animator) || space.can(SpaceAction::ManageSettings));
    let nothing = documents.is_empty();
    view! {
        <SpaceHeader space=space.clone()/>
        <h2>{t("documents-bin")}</h2>
        <p class="hint">{t("documents-bin-hint")}</p>
        <p><a href=format!("/espaces/{id}/documents")>{t("documents-back")}</a></p>
        {if nothing {
            view! { <p>{t("documents-bin-empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="document-list">
                    {documents.into_iter().map(|d| view! {
                        <li>
                            <a href=format!("/espaces/{id}/documents/{}", d.id) class="document-name">{d.name.clone()}</a>
                            {(!d.folder_path.is_empty()).then(|| view! { <span class="hint">" · "{d.folder_path.clone()}</span> })}
                            <span class="document-meta">
                                {byte_size(locale, d.size)}" · "{t("documents-deleted")}" "<TimeTag when=d.deleted/>
                                {d.deleted_by.map(|a| view! { " · "{a} })}
                            </span>
                            {keeper.then(|| view! {
                                <ServerForm action=restore attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="document" value=d.id.to_string()/>
                                    <button type="submit" class="secondary">{t("documents-bin-restore")}</button>
                                </ServerForm>
                                <ServerForm action=empty attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="document" value=d.id.to_string()/>
                                    <button type="submit" class="danger">{t("documents-bin-delete")}</button>
                                </ServerForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(keeper && !nothing).then(|| view! {
            <ServerForm action=empty>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="danger">{t("documents-bin-empty-all")}</button>
            </ServerForm>
        })}
    }
}
