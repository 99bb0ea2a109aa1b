use crate::{
    accounts::{auth_context::use_auth, types::Role},
    i18n::t,
    stages::{
        application_api::{my_application_state, offer_applications, ApplyToOffer, MoveApplication},
        api::{offer_details, ChangeOfferState},
        types::OfferView,
    },
    ui::{
        forms::{field_error, reload_on_success, FormError, TextArea},
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
            {if offer.open {
                view! { <ApplySection offer_id=id/> }.into_any()
            } else {
                view! { <p class="alert alert-error">{t("offer-not-open")}</p> }.into_any()
            }}
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
            <ReceivedApplications offer_id=id/>
        })}
    }
}

/// Apply, or see where one's application stands; visitors are asked to sign in first.
#[component]
fn ApplySection(offer_id: i64) -> impl IntoView {
    let user = use_auth().user;
    let mine = Resource::new(move || offer_id, my_application_state);
    let apply = ServerAction::<ApplyToOffer>::new();
    reload_on_success(apply.value());
    view! {
        <section class="panel apply">
            <h2>{t("apply-title")}</h2>
            <Transition fallback=|| ()>
                {move || {
                    let signed_in = user.get()?.ok().flatten();
                    let state = mine.get()?.ok().flatten();
                    Some(match (signed_in, state) {
                        (None, _) => view! {
                            <p><a class="button" href=format!("/compte/connexion?suite=/stages/offres/{offer_id}")>{t("apply-sign-in")}</a></p>
                        }.into_any(),
                        (Some(_), Some(state)) => view! {
                            <p class="application-state" data-state=state.code()>{t("apply-done")}" "{t(state.label_key())}</p>
                            <p><a href="/stages/candidatures">{t("nav-my-applications")}</a></p>
                        }.into_any(),
                        (Some(u), None) if u.has(Role::Candidate) => view! {
                            <FormError value=apply.value()/>
                            <ActionForm action=apply attr:class="form">
                                <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                                <TextArea name="cover_letter" label=t("apply-letter") hint=t("apply-letter-hint") error=field_error(apply.value(), "cover_letter")/>
                                <button type="submit">{t("apply-submit")}</button>
                            </ActionForm>
                        }.into_any(),
                        (Some(_), None) => view! { <p>{t("apply-candidates-only")}</p> }.into_any(),
                    })
                }}
            </Transition>
        </section>
    }
}

/// The applications to this offer, with the pipeline moves, for its managers.
#[component]
fn ReceivedApplications(offer_id: i64) -> impl IntoView {
    // New applications and other agents' moves show up without a reload.
    let tick = RwSignal::new(0u64);
    crate::ui::live::refresh_on_application_events(tick);
    let received = Resource::new(move || (offer_id, tick.get()), |(offer_id, _)| offer_applications(offer_id));
    let moving = ServerAction::<MoveApplication>::new();
    reload_on_success(moving.value());
    view! {
        <section class="panel received">
            <h2>{t("applications-received")}</h2>
            <FormError value=moving.value()/>
            <Transition fallback=|| ()>
                {move || received.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("applications-none-received")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="offer-list">
                            {list.into_iter().map(|a| view! {
                                <li class="card application">
                                    <h3>{a.candidate_name.clone()}" "<small>{a.candidate_email.clone()}</small></h3>
                                    <p class="application-state" data-state=a.state.code()>{t(a.state.label_key())}</p>
                                    <p class="cover-letter">{a.cover_letter.clone()}</p>
                                    {a.has_cv.then(|| view! { <p><a href=format!("/stages/cv/{}", a.candidate_id)>{t("cv-of-candidate")}</a></p> })}
                                    <div class="state-actions">
                                        {a.state.agent_moves().iter().map(|next| view! {
                                            <ActionForm action=moving attr:class="inline-form">
                                                <input type="hidden" name="id" value=a.id.to_string()/>
                                                <input type="hidden" name="state" value=next.code()/>
                                                <button type="submit" class="secondary">{t(&format!("application-move-{}", next.code()))}</button>
                                            </ActionForm>
                                        }).collect_view()}
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
