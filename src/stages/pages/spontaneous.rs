//! A candidate offers themselves to one or several directions.

use crate::ui::refused_form::{kept_choice, kept_value, ServerForm};
use crate::{
    i18n::t,
    reference::{api::load_reference, types::ReferenceData},
    stages::application_api::ApplySpontaneously,
    ui::{
        forms::{field_error, open_on_success, FormError, TextArea},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn SpontaneousPage() -> impl IntoView {
    let reference = page_resource(|| (), |_| load_reference());
    view! {
        <Title text=t("spontaneous-title")/>
        <h1>{t("spontaneous-title")}</h1>
        <p class="lead">{t("spontaneous-lead")}</p>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || reference.get().map(|result| match result {
                    Ok(data) => view! { <SpontaneousForm data/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn SpontaneousForm(data: ReferenceData) -> impl IntoView {
    let send = ServerAction::<ApplySpontaneously>::new();
    open_on_success(send.value(), |_| "/stages/candidatures".to_string());
    let directions_error = field_error(send.value(), "directions");
    view! {
        <FormError value=send.value()/>
        <ServerForm action=send attr:class="form">
            <fieldset class="field" aria-describedby="directions-error">
                <legend>{t("spontaneous-directions")}</legend>
                <ul class="checkbox-list">
                    {data.directions.into_iter().enumerate().map(|(i, d)| {
                        let id = format!("direction-{}", d.id);
                        let checked = kept_choice("directions", &d.id.to_string()).unwrap_or(false);
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() name=format!("directions[{i}]") value=d.id.to_string() checked=checked/>
                                <label for=id>{format!("{} — {}", d.code, d.name)}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="field-error" id="directions-error" hidden=move || directions_error.get().is_none()>{move || directions_error.get()}</p>
            </fieldset>
            <div class="field">
                <label for="field-family">{t("spontaneous-family")}</label>
                <select id="field-family" name="family_id">
                    <option value="">{t("spontaneous-family-any")}</option>
                    {let kept_family = kept_value("family_id");
                    data.families.into_iter().map(move |f| {
                        let chosen = kept_family.as_deref() == Some(f.id.to_string().as_str());
                        view! { <option value=f.id.to_string() selected=chosen>{f.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextArea name="cover_letter" label=t("apply-letter") hint=t("apply-letter-hint") error=field_error(send.value(), "cover_letter")/>
            <button type="submit">{t("spontaneous-submit")}</button>
        </ServerForm>
    }
}
