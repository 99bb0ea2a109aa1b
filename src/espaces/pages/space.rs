//! `/espaces/:id`: a space's home — name, description, modules, members count, the archive
//! state, links to members and settings, the activity of its modules (`activity.rs`).

use super::{
    activity::{activity_resource, SpaceActivityPanel},
    space_resource,
};
use crate::{
    espaces::{
        api::ArchiveSpace,
        types::{SpaceAction, SpaceHome},
    },
    i18n::t,
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        refused_form::ServerForm,
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::PageResource;
use leptos_meta::Title;

#[component]
pub fn SpacePage() -> impl IntoView {
    let space = space_resource();
    let activity = activity_resource();
    provide_refetch(move || space.refetch());
    let archive = ServerAction::<ArchiveSpace>::new();
    refetch_on_success(archive.value());
    view! {
        <div class="page">
            <FormError value=archive.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || space.get().map(|result| match result {
                    Ok(space) => view! { <Home space archive activity/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The space's name, its state and the links every page of the space shares.
#[component]
pub fn SpaceHeader(space: SpaceHome) -> impl IntoView {
    let base = format!("/espaces/{}", space.id);
    view! {
        <Title text=space.name.clone()/>
        <h1>{space.name.clone()}</h1>
        {space.archived.then(|| view! { <p class="alert alert-info" role="status">{t("space-archived-note")}</p> })}
        <nav class="space-nav" aria-label=t("space-nav")>
            <a href=base.clone()>{t("space-home")}</a>" · "
            <a href=format!("{base}/membres")>{t("space-members")}</a>
            {space.modules.contains(&crate::espaces::types::Module::Forum).then(|| view! { " · "<a href=format!("{base}/forum")>{t("forum-title")}</a> })}
            {space.modules.contains(&crate::espaces::types::Module::Calendar).then(|| view! { " · "<a href=format!("{base}/agenda")>{t("space-calendar")}</a> })}
            {space.modules.contains(&crate::espaces::types::Module::Documents).then(|| view! { " · "<a href=format!("{base}/documents")>{t("space-documents")}</a> })}
            {space.modules.contains(&crate::espaces::types::Module::Wiki).then(|| view! { " · "<a href=format!("{base}/wiki")>{t("wiki-title")}</a> })}
            {space.can(SpaceAction::ManageSettings).then(|| view! { " · "<a href=format!("{base}/reglages")>{t("space-settings")}</a> })}
        </nav>
    }
}

#[component]
fn Home(
    space: SpaceHome,
    archive: ServerAction<ArchiveSpace>,
    activity: PageResource<Result<crate::espaces::activity_types::SpaceActivity, crate::error::AppError>>,
) -> impl IntoView {
    let restore = space.can(SpaceAction::Restore);
    let id = space.id;
    view! {
        <SpaceHeader space=space.clone()/>
        <p>{space.description.clone()}</p>
        <dl class="facts">
            <dt>{t("space-template")}</dt><dd>{t(&space.template.label_key())}</dd>
            <dt>{t("space-visibility")}</dt><dd>{t(&space.visibility.label_key())}</dd>
            <dt>{t("space-modules")}</dt>
            <dd>{space.modules.iter().map(|m| t(&m.label_key())).collect::<Vec<_>>().join(", ")}</dd>
            <dt>{t("space-members-count")}</dt><dd>{space.members}</dd>
            {space.role.map(|r| view! { <dt>{t("space-my-role")}</dt><dd>{t(&r.label_key())}</dd> })}
        </dl>
        <SpaceActivityPanel id activity/>
        {restore.then(|| view! {
            <ServerForm action=archive>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="archived" value="false"/>
                <button type="submit">{t("space-restore")}</button>
            </ServerForm>
        })}
    }
}
