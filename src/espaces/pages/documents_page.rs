//! `/espaces/:id/documents/:document`: one document — download and preview (images and PDF,
//! in a tab of their own), its versions (download any, restore one as the newest), rename,
//! move and delete to the bin for contributors, its share links (make, revoke; the new link
//! shown once) and, for animators, when the links were opened.

use super::{
    share_panel::{share_list, NewLink},
    space::SpaceHeader,
    space_id,
};
use crate::{
    espaces::{
        documents_api::{
            load_document, DeleteDocument, MoveDocument, RenameDocument, RestoreVersion,
            RevokeShare, ShareDocument,
        },
        documents_types::{previewable, version_url, DocumentPage},
        types::{SpaceAction, SpaceHome, SpaceRole},
    },
    i18n::{t, use_locale},
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FormError, TextField},
        refused_form::ServerForm,
        sizes::byte_size,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether the caller writes in the space's documents (sees the bin and share links): a
/// contributor or an animator, or a site admin.
pub(super) fn is_writer(space: &SpaceHome) -> bool {
    matches!(
        space.role,
        Some(SpaceRole::Animator | SpaceRole::Contributor)
    ) || space.can(SpaceAction::ManageSettings)
        || space.can(SpaceAction::Restore)
}

/// The page's actions, above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    rename: ServerAction<RenameDocument>,
    moved: ServerAction<MoveDocument>,
    delete: ServerAction<DeleteDocument>,
    restore: ServerAction<RestoreVersion>,
    share: ServerAction<ShareDocument>,
    revoke: ServerAction<RevokeShare>,
}

#[component]
pub fn SpaceDocumentPage() -> impl IntoView {
    let id = space_id();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            id(),
            params
                .with(|p| p.get("document"))
                .and_then(|d| d.parse::<i64>().ok()),
            query
                .with(|q| q.get(crate::link_token::SHOWN_ONCE_PARAMETER))
                .unwrap_or_default(),
        )
    };
    let page = page_resource(key, |(id, document, lien)| async move {
        match (id, document) {
            (Some(id), Some(document)) => load_document(id, document, lien).await,
            _ => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let actions = Actions {
        rename: ServerAction::new(),
        moved: ServerAction::new(),
        delete: ServerAction::new(),
        restore: ServerAction::new(),
        share: ServerAction::new(),
        revoke: ServerAction::new(),
    };
    refetch_on_success(actions.rename.value());
    refetch_on_success(actions.moved.value());
    refetch_on_success(actions.delete.value());
    refetch_on_success(actions.restore.value());
    refetch_on_success(actions.share.value());
    refetch_on_success(actions.revoke.value());
    view! {
        <div class="page">
            <FormError value=actions.delete.value()/>
            <FormError value=actions.restore.value()/>
            <FormError value=actions.revoke.value()/>
            <FormError value=actions.moved.value()/>
            {move || actions.share.value().get().and_then(Result::ok).map(|link| view! { <NewLink link/> })}
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(data) => view! { <Document data actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Document(data: DocumentPage, actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let DocumentPage {
        space,
        document,
        path,
        in_bin,
        versions,
        shares,
        openings,
        all_folders,
        share_max_days,
        new_link,
    } = data;
    let id = space.id;
    let doc = document.id;
    let contribute = space.can(SpaceAction::Contribute) && !in_bin;
    let writer = is_writer(&space);
    let animator =
        space.role == Some(SpaceRole::Animator) || space.can(SpaceAction::ManageSettings);
    let base = format!("/espaces/{id}/documents");
    let download = document.download_url(id);
    let preview =
        previewable(&document.content_type).then(|| format!("{download}?affichage=inline"));
    view! {
        {new_link.map(|link| view! { <NewLink link/> })}
        <SpaceHeader space=space.clone()/>
        <nav aria-label=t("documents-path") class="breadcrumbs">
            <a href=base.clone()>{t("documents-top")}</a>
            {path.iter().map(|f| view! { " / "<a href=format!("{base}?dossier={}", f.id)>{f.name.clone()}</a> }).collect_view()}
        </nav>
        <h2 class="document-title">{document.name.clone()}</h2>
        {in_bin.then(|| view! { <p class="alert alert-info" role="status">{t("documents-in-bin")}</p> })}
        <dl class="facts">
            <dt>{t("documents-size")}</dt><dd>{byte_size(locale, document.size)}</dd>
            <dt>{t("documents-type")}</dt><dd>{document.content_type.clone()}</dd>
            <dt>{t("documents-updated")}</dt><dd><TimeTag when=document.updated.clone()/></dd>
            <dt>{t("documents-version")}</dt><dd>{document.version}</dd>
        </dl>
        <p>
            <a class="button" href=download.clone() download=document.name.clone()>{t("documents-download")}</a>
            {preview.map(|url| view! { " "<a class="button secondary" href=url target="_blank" rel="noopener">{t("documents-preview")}</a> })}
        </p>
        {contribute.then(|| view! {
            <section class="panel">
                <h2>{t("documents-rename")}</h2>
                <FormError value=actions.rename.value()/>
                <ServerForm action=actions.rename attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="document" value=doc.to_string()/>
                    <TextField name="name" label=t("documents-new-name") value=document.name.clone() error=field_error(actions.rename.value(), "name")/>
                    <button type="submit">{t("documents-rename-submit")}</button>
                </ServerForm>
                <h2>{t("documents-move")}</h2>
                <ServerForm action=actions.moved attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="document" value=doc.to_string()/>
                    <label for="move-folder">{t("documents-move-to")}</label>
                    <select id="move-folder" name="folder">
                        <option value="0" selected=document.folder_id.is_none()>{t("documents-top")}</option>
                        {all_folders.iter().map(|f| view! { <option value=f.id.to_string() selected=document.folder_id == Some(f.id)>{f.path.clone()}</option> }).collect_view()}
                    </select>
                    <button type="submit">{t("documents-move-submit")}</button>
                </ServerForm>
                <ServerForm action=actions.delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="document" value=doc.to_string()/>
                    <button type="submit" class="danger">{t("documents-delete")}</button>
                </ServerForm>
            </section>
        })}
        <section>
            <h2>{t("documents-versions")}</h2>
            <ul class="version-list">
                {versions.into_iter().map(|v| {
                    let url = version_url(id, doc, v.id);
                    let current = v.number == document.version;
                    view! {
                        <li>
                            <strong>{format!("v{}", v.number)}</strong>" · "{byte_size(locale, v.size)}" · "<TimeTag when=v.uploaded/>
                            {v.author.map(|a| view! { " · "{a} })}
                            {v.restored_from.map(|n| view! { " · "{t("documents-restored-from")}{format!(" v{n}")} })}
                            " · "<a href=url download=v.original_name>{t("documents-download")}</a>
                            {(contribute && !current).then(|| view! {
                                <ServerForm action=actions.restore attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="document" value=doc.to_string()/>
                                    <input type="hidden" name="version" value=v.id.to_string()/>
                                    <button type="submit" class="secondary">{t("documents-restore-version")}{format!(" v{}", v.number)}</button>
                                </ServerForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        {writer.then(|| view! {
            <section class="panel">
                <h2>{t("documents-shares")}</h2>
                <p class="hint">{t("documents-shares-hint")}</p>
                {contribute.then(|| view! {
                    <FormError value=actions.share.value()/>
                    <ServerForm action=actions.share attr:class="form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="document" value=doc.to_string()/>
                        <label for="share-days">{t("documents-share-days")}</label>
                        <input id="share-days" type="number" name="days" min="1" max=share_max_days.to_string() value="7" required=true/>
                        <button type="submit">{t("documents-share-submit")}</button>
                    </ServerForm>
                })}
                {share_list(
                    shares,
                    animator.then_some(openings),
                    contribute.then_some(move |share: i64| view! {
                        <ServerForm action=actions.revoke attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="share" value=share.to_string()/>
                            <button type="submit" class="danger">{t("documents-share-revoke")}</button>
                        </ServerForm>
                    }.into_any()),
                )}
            </section>
        })}
    }
}
