use crate::{
    i18n::t,
    stages::{
        api::{offer_details, ChangeOfferState},
        types::OfferView,
    },
    ui::{
        forms::{reload_on_success, FormError},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|id| id.parse::<i64>().ok());
    let offer = Resource::new(id, |id| async move {
        match id {
            Some(id) => offer_details(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || offer.get().map(|result| match result {
                    Ok(offer) => view! { <Offer offer/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// schema.org JobPosting data for search engines (a data block: it is not executed).
fn job_posting(offer: &OfferView) -> String {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description_html,
        "employmentType": "INTERN",
        "validThrough": offer.deadline,
        "hiringOrganization": { "@type": "Organization", "name": offer.direction.name },
        "jobLocation": { "@type": "Place", "address": { "@type": "PostalAddress", "streetAddress": offer.address, "addressLocality": "Paris", "addressCountry": "FR" } },
    })
    .to_string()
    .replace("</", "<\\/")
}

#[component]
fn Offer(offer: OfferView) -> impl IntoView {
    let change = ServerAction::<ChangeOfferState>::new();
    reload_on_success(change.value());
    let place = offer.arrondissement.map(|a| format!("{}, Paris {a}e", offer.address)).unwrap_or_else(|| offer.address.clone());
    let json_ld = job_posting(&offer);
    let id = offer.id;
    view! {
        <Title text=offer.title.clone()/>
        <script type="application/ld+json" inner_html=json_ld></script>
        <article class="offer">
            <p class="offer-state" data-state=offer.state.code()>{t(offer.state.label_key())}</p>
            <h1>{offer.title.clone()}</h1>
            <dl class="facts">
                <dt>{t("offer-direction")}</dt><dd>{offer.direction.name.clone()}</dd>
                <dt>{t("offer-service")}</dt><dd>{offer.service.name.clone()}</dd>
                <dt>{t("offer-metier")}</dt><dd>{offer.metier.name.clone()}</dd>
                <dt>{t("offer-education")}</dt><dd>{t(offer.education_level.label_key())}" — "{offer.discipline.clone()}</dd>
                <dt>{t("offer-duration")}</dt><dd>{format!("{} {}", offer.duration_weeks, t("offer-weeks"))}</dd>
                <dt>{t("offer-start")}</dt><dd>{offer.start_month.clone()}</dd>
                <dt>{t("offer-deadline")}</dt><dd>{offer.deadline.clone()}</dd>
                <dt>{t("offer-places")}</dt><dd>{offer.places}</dd>
                <dt>{t("offer-location")}</dt><dd>{place}</dd>
                <dt>{t("offer-remote")}</dt><dd>{format!("{} / 5", offer.remote_days)}</dd>
                <dt>{t("offer-gratification")}</dt><dd>{if offer.paid { t("offer-paid") } else { t("offer-unpaid") }}</dd>
                <dt>{t("offer-contact")}</dt><dd>{offer.contact_name.clone()}</dd>
            </dl>
            <h2>{t("offer-description")}</h2>
            <div class="prose" inner_html=offer.description_html.clone()></div>
            {(!offer.profile_html.is_empty()).then(|| view! {
                <h2>{t("offer-profile")}</h2>
                <div class="prose" inner_html=offer.profile_html.clone()></div>
            })}
            {(!offer.open).then(|| view! { <p class="alert alert-error">{t("offer-not-open")}</p> })}
        </article>
        {offer.manageable.then(|| view! {
            <section class="panel">
                <h2>{t("offers-manage")}</h2>
                <FormError value=change.value()/>
                <p><a class="button" href=format!("/stages/gestion/offre/{id}")>{t("offer-edit")}</a></p>
                <div class="state-actions">
                    {offer.state.next().iter().map(|next| view! {
                        <ActionForm action=change attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="state" value=next.code()/>
                            <button type="submit" class="secondary">{t(&format!("offer-move-{}", next.code()))}</button>
                        </ActionForm>
                    }).collect_view()}
                </div>
            </section>
        })}
    }
}
