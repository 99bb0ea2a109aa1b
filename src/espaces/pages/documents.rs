//! `/espaces/:id/documents`: a space's documents — the folder path, its subfolders and
//! documents (size, date, author, version), the search by name across the space, the space's
//! storage against its quota, the upload box (`documents_upload.rs`: button, drag and drop,
//! progress bar; a plain form without JavaScript), a new folder, and renaming or deleting
//! (when empty) the open folder for contributors, the bin's link. `?dossier=` names the folder, `?q=` the search, `?depot=` an upload's outcome (the
//! plain form's redirect).

use super::{
    documents_upload::{UploadBox, UploadProgress},
    space::SpaceHeader,
    space_id,
};
use crate::{
    espaces::{
        documents_api::{load_documents, CreateFolder, DeleteFolder, RenameFolder},
        documents_types::{previewable, DocumentRow, DocumentsPage},
        types::SpaceAction,
    },
    i18n::{t, use_locale},
    ui::{
        forms::{
            field_error, load_page_on_success, provide_refetch, refetch_on_success, FormError,
            TextField,
        },
        refused_form::ServerForm,
        sizes::byte_size,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::use_query_map;

/// The outcomes an upload's redirect may name (`?depot=`), shown as messages.
const UPLOAD_OUTCOMES: [&str; 10] = [
    "documents-uploaded",
    "error-documents-quota",
    "field-document-too-big",
    "error-upload-interrupted",
    "field-required",
    "field-document-name-long",
    "field-document-name-path",
    "field-document-name-reserved",
    "error-not-found",
    "error-internal",
];

#[component]
pub fn SpaceDocumentsPage() -> impl IntoView {
    let id = space_id();
    let query = use_query_map();
    let space = id.clone();
    let key = move || {
        let q = query.get();
        (
            id(),
            q.get("dossier")
                .and_then(|f| f.parse::<i64>().ok())
                .unwrap_or(0),
            q.get("q").unwrap_or_default(),
        )
    };
    let page = page_resource(key, |(id, folder, q)| async move {
        match id {
            Some(id) => load_documents(id, folder, q).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let upload = UploadProgress::default();
    let folder_action = FolderActions {
        create: ServerAction::new(),
        rename: ServerAction::new(),
        delete: ServerAction::new(),
    };
    refetch_on_success(folder_action.create.value());
    refetch_on_success(folder_action.rename.value());
    // The folder is gone: a whole page load of its parent (no Transition rebuilt under an
    // action: README, development notes).
    load_page_on_success(folder_action.delete.value(), move |parent: &i64| {
        let base = format!("/espaces/{}/documents", space().unwrap_or_default());
        if *parent > 0 {
            format!("{base}?dossier={parent}")
        } else {
            base
        }
    });
    let outcome = move || {
        query
            .get()
            .get("depot")
            .filter(|k| UPLOAD_OUTCOMES.contains(&k.as_str()))
    };
    view! {
        <div class="page">
            {move || outcome().map(|key| {
                let class = if key == "documents-uploaded" { "alert alert-success" } else { "alert alert-error" };
                view! { <p class=class role="status">{t(&key)}</p> }
            })}
            <FormError value=folder_action.create.value()/>
            <FormError value=folder_action.rename.value()/>
            <FormError value=folder_action.delete.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(data) => view! { <Documents data folder_action on_done=Callback::new(move |()| page.refetch()) upload/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The folder forms' actions, created above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct FolderActions {
    create: ServerAction<CreateFolder>,
    rename: ServerAction<RenameFolder>,
    delete: ServerAction<DeleteFolder>,
}

/// A document's line in a list.
#[component]
pub(super) fn DocumentLine(space: i64, document: DocumentRow, show_folder: bool) -> impl IntoView {
    let locale = use_locale();
    let link = format!("/espaces/{space}/documents/{}", document.id);
    let download = document.download_url(space);
    let preview =
        previewable(&document.content_type).then(|| format!("{download}?affichage=inline"));
    view! {
        <li>
            <a href=link class="document-name">{document.name.clone()}</a>
            {(show_folder && !document.folder_path.is_empty()).then(|| view! { <span class="hint">" · "{document.folder_path.clone()}</span> })}
            <span class="document-meta">
                {byte_size(locale, document.size)}" · "<TimeTag when=document.updated.clone()/>
                {document.author.clone().map(|a| view! { " · "{a} })}
                " · "{format!("v{}", document.version)}
            </span>
            <span class="document-actions">
                <a href=download.clone() download=document.name.clone()>{t("documents-download")}</a>
                {preview.map(|url| view! { " · "<a href=url target="_blank" rel="noopener">{t("documents-preview")}</a> })}
            </span>
        </li>
    }
}

#[component]
fn Documents(
    data: DocumentsPage,
    folder_action: FolderActions,
    on_done: Callback<()>,
    upload: UploadProgress,
) -> impl IntoView {
    let locale = use_locale();
    let DocumentsPage {
        space,
        folder,
        path,
        folders,
        documents,
        query,
        used_bytes,
        quota_bytes,
        upload_max_bytes,
        in_bin,
        ..
    } = data;
    let id = space.id;
    let contribute = space.can(SpaceAction::Contribute);
    let writer = super::documents_page::is_writer(&space);
    let base = format!("/espaces/{id}/documents");
    let searching = !query.is_empty();
    let usage = locale.t_with(
        "documents-usage",
        &[
            ("used", byte_size(locale, used_bytes)),
            ("quota", byte_size(locale, quota_bytes)),
        ],
    );
    let hint = locale.t_with(
        "documents-max-size",
        &[("size", byte_size(locale, upload_max_bytes))],
    );
    view! {
        <SpaceHeader space=space.clone()/>
        <h2>{t("documents-title")}</h2>
        <p class="hint">{usage}</p>
        <form method="get" action=base.clone() class="search-form" role="search">
            <label for="documents-q">{t("documents-search")}</label>
            <input id="documents-q" type="search" name="q" value=query.clone()/>
            <button type="submit" class="secondary">{t("documents-search-submit")}</button>
        </form>
        <nav aria-label=t("documents-path") class="breadcrumbs">
            <a href=base.clone()>{t("documents-top")}</a>
            {path.iter().map(|f| view! { " / "<a href=format!("{base}?dossier={}", f.id)>{f.name.clone()}</a> }).collect_view()}
        </nav>
        {searching.then(|| view! { <p>{t("documents-search-results")}" « "{query.clone()}" »"</p> })}
        {(!folders.is_empty()).then(|| view! {
            <ul class="folder-list">
                {folders.iter().map(|f| view! { <li><a href=format!("{base}?dossier={}", f.id)>"📁 "{f.name.clone()}</a></li> }).collect_view()}
            </ul>
        })}
        {if documents.is_empty() {
            view! { <p>{t(if searching { "documents-none-found" } else { "documents-none" })}</p> }.into_any()
        } else {
            view! {
                <ul class="document-list">
                    {documents.into_iter().map(|d| view! { <DocumentLine space=id document=d show_folder=searching/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(contribute && !searching).then(|| view! {
            <UploadBox space=id folder hint on_done progress=upload/>
            <section class="panel">
                <h2>{t("documents-new-folder")}</h2>
                <ServerForm action=folder_action.create attr:class="form" reset_on_success=true>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="parent" value=folder.unwrap_or(0).to_string()/>
                    <TextField name="name" label=t("documents-folder-name") error=field_error(folder_action.create.value(), "name")/>
                    <button type="submit">{t("documents-new-folder-submit")}</button>
                </ServerForm>
            </section>
        })}
        {folder.filter(|_| contribute && !searching).map(|folder| {
            let current = path.last().map(|f| f.name.clone()).unwrap_or_default();
            view! { <FolderTools space=id folder current actions=folder_action/> }
        })}
        {writer.then(|| view! {
            <p><a href=format!("/espaces/{id}/corbeille")>{t("documents-bin")}{format!(" ({in_bin})")}</a></p>
        })}
    }
}

/// Renaming the open folder, and deleting it (the server refuses while it holds anything).
#[component]
fn FolderTools(space: i64, folder: i64, current: String, actions: FolderActions) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{t("documents-this-folder")}</h2>
            <ServerForm action=actions.rename attr:class="form">
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="folder" value=folder.to_string()/>
                // Not a TextField: the new-folder form's field above is the page's "name".
                <label for="folder-rename">{t("documents-folder-rename")}</label>
                <input id="folder-rename" name="name" value=current required=true/>
                <button type="submit" class="secondary">{t("documents-folder-rename-submit")}</button>
            </ServerForm>
            <ServerForm action=actions.delete>
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="folder" value=folder.to_string()/>
                <button type="submit" class="secondary">{t("documents-folder-delete")}</button>
            </ServerForm>
        </section>
    }
}
