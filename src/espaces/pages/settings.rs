//! `/espaces/:id/reglages`: an animator renames the space, describes it, chooses its
//! visibility and modules, archives it (read-only; restored from its home).

use super::{space::SpaceHeader, space_resource};
use crate::{
    espaces::{
        api::{ArchiveSpace, SaveSettings},
        types::{Module, SpaceAction, SpaceHome, Visibility},
    },
    i18n::t,
    ui::{
        forms::{
            field_error, provide_refetch, refetch_on_success, FormError, FormSuccess, Select,
            TextArea, TextField,
        },
        refused_form::ServerForm,
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;

#[component]
pub fn SpaceSettingsPage() -> impl IntoView {
    let space = space_resource();
    provide_refetch(move || space.refetch());
    let save = ServerAction::<SaveSettings>::new();
    let archive = ServerAction::<ArchiveSpace>::new();
    refetch_on_success(save.value());
    refetch_on_success(archive.value());
    view! {
        <div class="page">
            <FormSuccess value=save.value() message=t("space-settings-saved")/>
            <FormError value=save.value()/>
            <FormError value=archive.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || space.get().map(|result| match result {
                    Ok(space) if space.can(SpaceAction::ManageSettings) || space.can(SpaceAction::Restore) => {
                        view! { <Settings space save archive/> }.into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=crate::error::AppError::Forbidden/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Settings(
    space: SpaceHome,
    save: ServerAction<SaveSettings>,
    archive: ServerAction<ArchiveSpace>,
) -> impl IntoView {
    let id = space.id;
    let visibilities: Vec<(String, String)> = Visibility::ALL
        .iter()
        .map(|v| (v.code().to_string(), t(&v.label_key())))
        .collect();
    let editable = space.can(SpaceAction::ManageSettings);
    view! {
        <SpaceHeader space=space.clone()/>
        <h2>{t("space-settings")}</h2>
        {editable.then(|| view! {
            <ServerForm action=save attr:class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField name="settings[name]" label=t("space-name") value=space.name.clone() error=field_error(save.value(), "name")/>
                <TextArea name="settings[description]" label=t("space-description") value=space.description.clone() error=field_error(save.value(), "description") optional=true/>
                <Select name="settings[visibility]" label=t("space-visibility") options=visibilities selected=space.visibility.code().to_string() error=field_error(save.value(), "visibility")/>
                <fieldset>
                    <legend>{t("space-modules")}</legend>
                    {Module::ALL.iter().enumerate().map(|(n, m)| {
                        let box_id = format!("module-{}", m.code());
                        view! {
                            <div class="check">
                                <input type="checkbox" id=box_id.clone() name=format!("settings[modules][{n}]") value=m.code() checked=space.modules.contains(m)/>
                                <label for=box_id>{t(&m.label_key())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">{t("space-settings-save")}</button>
            </ServerForm>
            <section class="panel">
                <h2>{t("space-archive")}</h2>
                <p>{t("space-archive-lead")}</p>
                <ServerForm action=archive>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="archived" value="true"/>
                    <button type="submit" class="danger">{t("space-archive-submit")}</button>
                </ServerForm>
            </section>
        })}
        {(!editable).then(|| view! {
            <ServerForm action=archive>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="archived" value="false"/>
                <button type="submit">{t("space-restore")}</button>
            </ServerForm>
        })}
    }
}
