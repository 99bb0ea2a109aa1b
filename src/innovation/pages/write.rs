//! The author's side: /innovation/mes-fiches (their fiches in every state) and the fiche form
//! at /innovation/ecrire (new) and /innovation/ecrire/:id (changes).

use super::fiches::FicheCard;
use crate::ui::refused_form::{kept_choice, ServerForm};
use crate::{
    error::AppError,
    i18n::t,
    innovation::{
        api::{load_fiche_desk, load_fiche_fields, load_my_fiches, SaveFiche},
        types::{FicheInput, Maturity},
    },
    ui::{
        forms::{field_error, open_on_success, FormError, Select, TextArea, TextField},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MyFichesPage() -> impl IntoView {
    let fiches = page_resource(|| (), |_| load_my_fiches());
    let user = crate::accounts::pages::auth_context::use_auth().user;
    view! {
        <Title text=t("innovation-my-fiches")/>
        <h1>{t("innovation-my-fiches")}</h1>
        // Offered only to accounts the server lets write (`Permission::Contribute`).
        <Transition fallback=|| ()>
            {move || user.get().and_then(|u| u.ok()).flatten().filter(|u| u.can(crate::accounts::types::Permission::Contribute)).map(|_| view! {
                <p><a class="button" href="/innovation/ecrire">{t("fiche-new")}</a></p>
            })}
        </Transition>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || fiches.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("fiche-none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="offer-list">
                            {list.into_iter().map(|fiche| {
                                let id = fiche.id;
                                let state = fiche.state;
                                view! {
                                    <FicheCard fiche>
                                        <p class="fiche-state" data-state=state.code()>
                                            {t(&state.label_key())}" · "
                                            <a href=format!("/innovation/suivi/{id}")>{t("fiche-follow")}</a>
                                        </p>
                                    </FicheCard>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn NewFichePage() -> impl IntoView {
    let fields = page_resource(|| (), |_| load_fiche_fields());
    view! {
        <Title text=t("fiche-new")/>
        <h1>{t("fiche-new")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || fields.get().map(|result| match result {
                    Ok(fields) => view! { <FicheForm id=None input=FicheInput { language: "fr".into(), ..Default::default() } fields/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn EditFichePage() -> impl IntoView {
    let params = use_params_map();
    let data = page_resource(
        move || {
            params
                .with(|p| p.get("id"))
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((id, load_fiche_desk(id).await?, load_fiche_fields().await?))
        },
    );
    view! {
        <Title text=t("fiche-edit")/>
        <h1>{t("fiche-edit")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok((id, desk, fields)) => view! { <FicheForm id=Some(id) input=desk.input fields/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn FicheForm(id: Option<i64>, input: FicheInput, fields: Vec<(i64, String)>) -> impl IntoView {
    let save = ServerAction::<SaveFiche>::new();
    open_on_success(save.value(), |id: &i64| format!("/innovation/suivi/{id}"));
    let error = move |field: &'static str| field_error(save.value(), field);
    let maturities = Maturity::ALL
        .into_iter()
        .map(|m| (m.code().to_string(), t(&m.label_key())))
        .collect();
    let languages = vec![
        ("fr".to_string(), "Français".to_string()),
        ("en".to_string(), "English".to_string()),
    ];
    view! {
        <p><a href="/innovation/regles">{t("innovation-rules")}</a></p>
        <FormError value=save.value()/>
        <ServerForm action=save attr:class="form fiche-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <Select name="fiche[language]" label=t("fiche-language") options=languages selected=input.language error=error("language")/>
            <TextField name="fiche[title]" label=t("fiche-title") value=input.title error=error("title")/>
            <TextArea name="fiche[summary]" label=t("fiche-summary") value=input.summary error=error("summary")/>
            <TextArea name="fiche[body]" label=t("fiche-body") hint=t("markdown-hint") value=input.body error=error("body")/>
            <FieldChoice name="fiche[fields]" fields chosen=input.fields.clone() error=error("fields")/>
            <TextField name="fiche[city]" label=t("fiche-city") value=input.city error=error("city")/>
            <TextField name="fiche[country]" label=t("fiche-country") value=input.country error=error("country")/>
            <TextField name="fiche[year_started]" label=t("fiche-year") kind="number" value=input.year_started error=error("year_started") optional=true/>
            <Select name="fiche[maturity]" label=t("fiche-maturity") options=maturities selected=input.maturity error=error("maturity")/>
            <TextField name="fiche[cost_range]" label=t("fiche-cost") value=input.cost_range error=error("cost_range") optional=true/>
            <TextField name="fiche[funding]" label=t("fiche-funding") value=input.funding error=error("funding") optional=true/>
            <TextArea name="fiche[results]" label=t("fiche-results") hint=t("fiche-results-hint") value=input.results error=error("results") optional=true/>
            <TextArea name="fiche[lessons]" label=t("fiche-lessons") value=input.lessons error=error("lessons") optional=true/>
            <TextArea name="fiche[sources]" label=t("fiche-sources") hint=t("fiche-sources-hint") value=input.sources error=error("sources") optional=true/>
            <TextField name="fiche[contact]" label=t("fiche-contact") value=input.contact error=error("contact") optional=true/>
            <TextField name="fiche[tags]" label=t("fiche-tags") hint=t("fiche-tags-hint") value=input.tags error=error("tags") optional=true/>
            <TextArea name="fiche[interests]" label=t("fiche-interests") hint=t("fiche-interests-hint") value=input.interests error=error("interests")/>
            <button type="submit">{t("fiche-save")}</button>
        </ServerForm>
    }
}

/// Checkboxes of the innovation fields, posted as `{name}[0]`, `{name}[1]`…
#[component]
pub fn FieldChoice(
    name: &'static str,
    fields: Vec<(i64, String)>,
    chosen: Vec<i64>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{}-error", crate::ui::forms::field_id(name));
    let described_by = error_id.clone();
    view! {
        <fieldset class="field" aria-describedby=described_by>
            <legend>{t("fiche-fields")}</legend>
            {fields.into_iter().enumerate().map(|(index, (field, label))| {
                let id = format!("{}-{field}", crate::ui::forms::field_id(name));
                let checked = kept_choice(name, &field.to_string()).unwrap_or_else(|| chosen.contains(&field));
                view! {
                    <div class="checkbox-field">
                        <input type="checkbox" id=id.clone() name=format!("{name}[{index}]") value=field.to_string() checked=checked/>
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id=error_id hidden=move || error.get().is_none()>{move || error.get()}</p>
        </fieldset>
    }
}
