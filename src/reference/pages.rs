//! The site admin's page for reference data: add any item, rename directions and fields.

use super::{
    api::{load_reference, SaveReference},
    types::{DirectionRef, FieldRef, ReferenceData},
};
use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{pages::auth_context::use_auth, types::Permission},
    error::AppError,
    i18n::{t, use_locale},
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FieldFrame, FormError},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn ReferenceAdmin() -> impl IntoView {
    let save = ServerAction::<SaveReference>::new();
    let data = page_resource(|| (), |_| load_reference());
    provide_refetch(move || data.refetch());
    refetch_on_success(save.value());
    let user = use_auth().user;
    view! {
        <Title text=t("reference-title")/>
        <h1>{t("reference-title")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || {
                    let (user, data) = (user.get()?, data.get()?);
                    Some(match (user, data) {
                        (Err(error), _) => view! { <ErrorPage error/> }.into_any(),
                        (Ok(None), _) => view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any(),
                        (Ok(Some(u)), _) if !u.can(Permission::AdministerSite) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                        (Ok(Some(_)), Err(error)) => view! { <ErrorPage error/> }.into_any(),
                        (Ok(Some(_)), Ok(data)) => view! { <Editor data save/> }.into_any(),
                    })
                }}
            </Transition>
        </div>
    }
}

#[component]
fn Editor(data: ReferenceData, save: ServerAction<SaveReference>) -> impl IntoView {
    let summary = use_locale().t_with(
        "reference-summary",
        &[
            ("directions", data.directions.len().to_string()),
            ("metiers", data.metier_count().to_string()),
            ("fields", data.fields.len().to_string()),
        ],
    );
    let kinds = [
        ("direction", "reference-kind-direction"),
        ("service", "reference-kind-service"),
        ("metier_family", "reference-kind-family"),
        ("metier", "reference-kind-metier"),
        ("field", "reference-kind-field"),
    ];
    let parent_error = field_error(save.value(), "parent_id");
    let direction_options = data.directions.iter().map(|d| view! { <option value=d.id.to_string()>{format!("{} — {}", d.code, d.name)}</option> }).collect_view();
    let family_options = data
        .families
        .iter()
        .map(|f| view! { <option value=f.id.to_string()>{f.name.clone()}</option> })
        .collect_view();
    view! {
        <p class="lead">{summary}</p>
        <FormError value=save.value()/>
        <section class="panel">
            <h2>{t("reference-add")}</h2>
            <p>{t("reference-add-help")}</p>
            <ServerForm action=save reset_on_success=true attr:class="form">
                <div class="field">
                    <label for="ref-kind">{t("reference-kind")}</label>
                    <select id="ref-kind" name="kind">
                        {kinds.into_iter().map(|(value, key)| view! { <option value=value>{t(key)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field" class:field-invalid=move || parent_error.get().is_some()>
                    <label for="ref-parent">{t("reference-parent")}</label>
                    <select id="ref-parent" name="parent_id">
                        <option value="">{t("reference-parent-none")}</option>
                        <optgroup label=t("reference-directions")>
                            {direction_options}
                        </optgroup>
                        <optgroup label=t("reference-metiers")>
                            {family_options}
                        </optgroup>
                    </select>
                    <p class="field-error" hidden=move || parent_error.get().is_none()>{move || parent_error.get()}</p>
                </div>
                <SmallField name="code" label=t("reference-code") error=field_error(save.value(), "code")/>
                <SmallField name="name" label=t("reference-name") error=field_error(save.value(), "name")/>
                <SmallField name="name_en" label=t("reference-name-en") error=field_error(save.value(), "name_en")/>
                <button type="submit">{t("save")}</button>
            </ServerForm>
        </section>
        <section>
            <h2>{t("reference-directions")}</h2>
            <ul class="reference-list">
                {data.directions.into_iter().map(|d| view! { <DirectionItem direction=d save/> }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{t("reference-metiers")}</h2>
            <ul class="reference-list">
                {data.families.into_iter().map(|f| view! {
                    <li>
                        <details>
                            <summary><strong>{f.name}</strong>" ("{f.metiers.len()}")"</summary>
                            <ul>{f.metiers.into_iter().map(|m| view! { <li>{m.name}</li> }).collect_view()}</ul>
                        </details>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{t("reference-fields")}</h2>
            <ul class="reference-list">
                {data.fields.into_iter().map(|f| view! { <FieldItem field=f save/> }).collect_view()}
            </ul>
        </section>
    }
}

/// An optional text input (the server says which are required for the chosen kind).
#[component]
fn SmallField(name: &'static str, label: String, error: Signal<Option<String>>) -> impl IntoView {
    let id = format!("ref-{name}");
    view! {
        <FieldFrame id=id.clone() label hint=None error>
            <input id=id name=name type="text" aria-invalid=move || error.get().is_some().then_some("true")/>
        </FieldFrame>
    }
}

#[component]
fn DirectionItem(direction: DirectionRef, save: ServerAction<SaveReference>) -> impl IntoView {
    let id = format!("rename-direction-{}", direction.id);
    view! {
        <li>
            <ServerForm action=save attr:class="inline-form rename-form">
                <input type="hidden" name="kind" value="direction"/>
                <input type="hidden" name="id" value=direction.id.to_string()/>
                <input type="hidden" name="code" value=direction.code.clone()/>
                <label for=id.clone()><strong>{direction.code.clone()}</strong></label>
                <input id=id name="name" type="text" value=direction.name.clone() required=true/>
                <button type="submit" class="secondary">{t("rename")}</button>
            </ServerForm>
            <ul>{direction.services.into_iter().map(|s| view! { <li>{s.name}</li> }).collect_view()}</ul>
        </li>
    }
}

#[component]
fn FieldItem(field: FieldRef, save: ServerAction<SaveReference>) -> impl IntoView {
    let (fr, en) = (
        format!("rename-field-{}-fr", field.id),
        format!("rename-field-{}-en", field.id),
    );
    view! {
        <li>
            <ServerForm action=save attr:class="inline-form rename-form">
                <input type="hidden" name="kind" value="field"/>
                <input type="hidden" name="id" value=field.id.to_string()/>
                <input type="hidden" name="code" value=field.code.clone()/>
                <label for=fr.clone()>{format!("{} (fr)", field.code)}</label>
                <input id=fr name="name" type="text" value=field.name_fr required=true/>
                <label for=en.clone()>{format!("{} (en)", field.code)}</label>
                <input id=en name="name_en" type="text" value=field.name_en required=true/>
                <button type="submit" class="secondary">{t("rename")}</button>
            </ServerForm>
        </li>
    }
}
