//! The site admin's page for reference data.

use super::{
    api::{load_reference, SaveReference},
    types::ReferenceData,
};
use crate::{
    i18n::t,
    ui::{
        forms::{field_error, FormError, FormSuccess, TextField},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReferenceAdmin() -> impl IntoView {
    let save = ServerAction::<SaveReference>::new();
    let data = Resource::new(move || save.version().get(), |_| load_reference());
    let user = crate::accounts::auth_context::use_auth().user;
    view! {
        <Title text=t("reference-title")/>
        <h1>{t("reference-title")}</h1>
        <Transition fallback=move || view! { <p>{t("loading")}</p> }>
            {move || user.get().map(|u| match u {
                Ok(Some(u)) if u.has(crate::accounts::types::Role::SiteAdmin) => view! {
                    <section class="panel">
                        <h2>{t("reference-add-service")}</h2>
                        <ActionForm action=save attr:class="form">
                            <input type="hidden" name="kind" value="service"/>
                            <div class="field">
                                <label for="parent-direction">{t("reference-direction")}</label>
                                <select id="parent-direction" name="parent_id" required=true>
                                    {move || data.get().and_then(|d| d.ok()).map(|d: ReferenceData| d.directions.into_iter().map(|d| view! {
                                        <option value=d.id.to_string()>{format!("{} — {}", d.code, d.name)}</option>
                                    }).collect_view())}
                                </select>
                            </div>
                            <TextField name="name" label=t("reference-name") error=field_error(save.value(), "name")/>
                            <button type="submit">{t("save")}</button>
                        </ActionForm>
                        <FormError value=save.value()/>
                        <FormSuccess value=save.value() message=t("saved")/>
                    </section>
                }.into_any(),
                Ok(Some(_)) => view! { <ErrorPage error=crate::error::AppError::Forbidden/> }.into_any(),
                Ok(None) => view! { <ErrorPage error=crate::error::AppError::Unauthenticated/> }.into_any(),
                Err(e) => view! { <ErrorPage error=e/> }.into_any(),
            })}
            {move || data.get().map(|d| match d {
                Ok(d) => view! { <ReferenceLists data=d/> }.into_any(),
                Err(e) => view! { <ErrorPage error=e/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ReferenceLists(data: ReferenceData) -> impl IntoView {
    let summary = crate::i18n::use_locale().t_with(
        "reference-summary",
        &[
            ("directions", data.directions.len().to_string()),
            ("metiers", data.metier_count().to_string()),
            ("fields", data.fields.len().to_string()),
        ],
    );
    view! {
        <p class="lead">{summary}</p>
        <section>
            <h2>{t("reference-directions")}</h2>
            <ul class="reference-list">
                {data.directions.into_iter().map(|d| view! {
                    <li>
                        <strong>{d.code}</strong>" — "{d.name}
                        <ul>{d.services.into_iter().map(|s| view! { <li>{s.name}</li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{t("reference-metiers")}</h2>
            <ul class="reference-list">
                {data.families.into_iter().map(|f| view! {
                    <li><strong>{f.name}</strong>" ("{f.metiers.len()}")"</li>
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{t("reference-fields")}</h2>
            <ul class="reference-list">
                {data.fields.into_iter().map(|f| view! { <li>{f.name_fr}" / "{f.name_en}</li> }).collect_view()}
            </ul>
        </section>
    }
}
