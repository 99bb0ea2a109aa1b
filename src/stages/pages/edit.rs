use crate::ui::refused_form::{kept_checked, ServerForm};
use crate::{
    error::AppError,
    i18n::{t, use_locale},
    stages::{
        api::{load_offer_form_choices, offer_details, SaveOffer},
        types::{EducationLevel, OfferFormChoices, OfferInput, UNPAID_MAX_WEEKS},
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
pub fn NewOfferPage() -> impl IntoView {
    let choices = page_resource(|| (), |_| load_offer_form_choices());
    view! {
        <Title text=t("offer-new")/>
        <h1>{t("offer-new")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || choices.get().map(|result| match result {
                    Ok(choices) => view! { <OfferForm id=None input=OfferInput::default() choices/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn EditOfferPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let data = page_resource(id, |id| async move {
        let id = id.ok_or(AppError::NotFound)?;
        let offer = offer_details(id).await?;
        // The offer loaded, so it is published (public) or managed here: a published offer of
        // someone else's service is public, editing it is Forbidden.
        let input = offer.input.ok_or(AppError::Forbidden)?;
        Ok::<_, AppError>((id, input, load_offer_form_choices().await?))
    });
    view! {
        <Title text=t("offer-edit")/>
        <h1>{t("offer-edit")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok((id, input, choices)) => view! { <OfferForm id=Some(id) input choices/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn OfferForm(id: Option<i64>, input: OfferInput, choices: OfferFormChoices) -> impl IntoView {
    let save = ServerAction::<SaveOffer>::new();
    open_on_success(save.value(), |id: &i64| format!("/stages/offres/{id}"));
    let error = move |field: &'static str| field_error(save.value(), field);
    let services = choices
        .services
        .into_iter()
        .map(|(s, code)| (s.id.to_string(), format!("{code} — {}", s.name)))
        .collect();
    let metiers = choices
        .families
        .into_iter()
        .flat_map(|f| {
            f.metiers
                .into_iter()
                .map(move |m| (m.id.to_string(), format!("{} — {}", f.name, m.name)))
        })
        .collect();
    let levels = EducationLevel::ALL
        .into_iter()
        .map(|l| (l.code().to_string(), t(l.label_key())))
        .collect();
    let paid_hint = use_locale().t_with(
        "offer-paid-hint",
        &[("weeks", UNPAID_MAX_WEEKS.to_string())],
    );
    let paid_checked = input.paid.is_some();
    view! {
        <FormError value=save.value()/>
        <ServerForm action=save attr:class="form offer-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <TextField name="offer[title]" label=t("offer-title") value=input.title error=error("title")/>
            <Select name="offer[service_id]" label=t("offer-service") options=services selected=input.service_id error=error("service_id")/>
            <Select name="offer[metier_id]" label=t("offer-metier") options=metiers selected=input.metier_id error=error("metier_id")/>
            <TextArea name="offer[description]" label=t("offer-description") hint=t("markdown-hint") value=input.description error=error("description")/>
            <TextArea name="offer[profile]" label=t("offer-profile") value=input.profile error=error("profile") optional=true/>
            <Select name="offer[education_level]" label=t("offer-education") options=levels selected=input.education_level error=error("education_level")/>
            <TextField name="offer[discipline]" label=t("offer-discipline") value=input.discipline error=error("discipline")/>
            <TextField name="offer[duration_weeks]" label=t("offer-duration-weeks") kind="number" value=input.duration_weeks error=error("duration_weeks")/>
            <TextField name="offer[start_month]" label=t("offer-start-month") kind="month" hint=t("month-hint") value=input.start_month error=error("start_month")/>
            <TextField name="offer[deadline]" label=t("offer-deadline") kind="date" hint=t("date-hint") value=input.deadline error=error("deadline")/>
            <TextField name="offer[places]" label=t("offer-places") kind="number" value=if input.places.is_empty() { "1".to_string() } else { input.places } error=error("places")/>
            <TextField name="offer[address]" label=t("offer-address") autocomplete="street-address" value=input.address error=error("address")/>
            <TextField name="offer[arrondissement]" label=t("offer-arrondissement") kind="number" hint=t("arrondissement-hint") value=input.arrondissement error=error("arrondissement") optional=true/>
            <TextField name="offer[remote_days]" label=t("offer-remote-days") kind="number" value=input.remote_days error=error("remote_days") optional=true/>
            <div class="field checkbox-field">
                <input id="field-offer-paid" name="offer[paid]" type="checkbox" checked=kept_checked("offer[paid]").unwrap_or(paid_checked) aria-describedby="field-offer-paid-hint"/>
                <label for="field-offer-paid">{t("offer-paid-label")}</label>
                <p class="field-hint" id="field-offer-paid-hint">{paid_hint}</p>
            </div>
            <TextField name="offer[contact_name]" label=t("offer-contact") value=input.contact_name error=error("contact_name")/>
            <TextField name="offer[contact_email]" label=t("offer-contact-email") kind="email" value=input.contact_email error=error("contact_email")/>
            <button type="submit">{t("save")}</button>
        </ServerForm>
    }
}
