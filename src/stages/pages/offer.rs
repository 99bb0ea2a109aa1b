use super::received::ApplicationCards;
use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    stages::{
        api::{offer_details, ChangeOfferState},
        application_api::{offer_applications, ApplyToOffer},
        types::{OfferView, Viewer},
    },
    ui::{
        facts::{Fact, KeyFacts},
        forms::{field_error, provide_refetch, refetch_on_success, FormError, Refetch, TextArea},
        share::ShareTags,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::{context::Provider, prelude::*};
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let offer = page_resource(id, |id| async move {
        match id {
            Some(id) => offer_details(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    // Moving the offer or applying shows the offer again without a full load.
    provide_refetch(move || offer.refetch());
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

#[component]
fn Offer(offer: OfferView) -> impl IntoView {
    let change = ServerAction::<ChangeOfferState>::new();
    refetch_on_success(change.value());
    let place = offer
        .arrondissement
        .map(|a| format!("{}, Paris {a}e", offer.address))
        .unwrap_or_else(|| offer.address.clone());
    let arrondissement = super::arrondissement_label(offer.arrondissement);
    let id = offer.id;
    view! {
        <Title text=offer.title.clone()/>
        <ShareTags share=offer.share.clone()/>
        <article class="offer">
            <p class="offer-state" data-state=offer.state.code()>{t(offer.state.label_key())}</p>
            <h1>{offer.title.clone()}</h1>
            <p class="offer-host">{format!("{} · {}", offer.direction.name, offer.service.name)}</p>
            <KeyFacts>
                <Fact label=t("offer-duration")>{format!("{} {}", offer.duration_weeks, t("offer-weeks"))}</Fact>
                <Fact label=t("offer-start")><TimeTag when=offer.start_shown.clone()/></Fact>
                <Fact label=t("offer-arrondissement")>{arrondissement}</Fact>
                <Fact label=t("offer-gratification")>{if offer.paid { t("offer-paid") } else { t("offer-unpaid") }}</Fact>
                <Fact label=t("offer-deadline")><TimeTag when=offer.deadline_shown.clone()/></Fact>
            </KeyFacts>
            {if offer.open {
                view! { <ApplyShortcut offer_id=id viewer=offer.viewer.clone()/> }.into_any()
            } else {
                view! { <p class="alert alert-error">{t("offer-not-open")}</p> }.into_any()
            }}
            <h2>{t("offer-description")}</h2>
            <div class="prose" inner_html=offer.description_html.clone()></div>
            {(!offer.profile_html.is_empty()).then(|| view! {
                <h2>{t("offer-profile")}</h2>
                <div class="prose" inner_html=offer.profile_html.clone()></div>
            })}
            <h2>{t("offer-details")}</h2>
            <KeyFacts>
                <Fact label=t("offer-direction")>{offer.direction.name.clone()}</Fact>
                <Fact label=t("offer-service")>{offer.service.name.clone()}</Fact>
                <Fact label=t("offer-metier")>{offer.metier.name.clone()}</Fact>
                <Fact label=t("offer-education")>{t(offer.education_level.label_key())}" — "{offer.discipline.clone()}</Fact>
                <Fact label=t("offer-places")>{offer.places}</Fact>
                <Fact label=t("offer-location")>{place}</Fact>
                <Fact label=t("offer-remote")>{format!("{} / 5", offer.remote_days)}</Fact>
                <Fact label=t("offer-contact")>{offer.contact_name.clone()}</Fact>
            </KeyFacts>
            {offer.open.then(|| view! { <ApplySection offer_id=id viewer=offer.viewer.clone()/> })}
        </article>
        {offer.manageable.then(|| view! {
            <section class="panel">
                <h2>{t("offers-manage")}</h2>
                <FormError value=change.value()/>
                <p><a class="button" href=format!("/stages/gestion/offre/{id}")>{t("offer-edit")}</a></p>
                <div class="state-actions">
                    {offer.state.next().iter().map(|next| view! {
                        <ServerForm action=change attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="state" value=next.code()/>
                            <button type="submit" class="secondary">{t(&format!("offer-move-{}", next.code()))}</button>
                        </ServerForm>
                    }).collect_view()}
                </div>
            </section>
            <ReceivedApplications offer_id=id/>
        })}
    }
}

/// The id of the apply section, which [`ApplyShortcut`] leads to.
const APPLY_ID: &str = "candidater";

/// The apply action on the first screen, under the key facts: a visitor signs in, a candidate
/// goes to the letter below (the section gets the focus), one who applied sees where it stands.
#[component]
fn ApplyShortcut(offer_id: i64, viewer: Viewer) -> impl IntoView {
    let to_section = move |event: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(section) = document()
                .get_element_by_id(APPLY_ID)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                // The section itself takes the focus, as the browser's own jump would do.
                event.prevent_default();
                let _ = section.focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    let body = match (viewer.signed_in, viewer.application, viewer.candidate) {
        (false, _, _) => view! {
            <a class="button" href=format!("/compte/connexion?suite=/stages/offres/{offer_id}")>{t("apply-sign-in")}</a>
        }
        .into_any(),
        (true, Some(state), _) => view! {
            <a href=format!("#{APPLY_ID}") on:click=to_section>{t("apply-done")}" "{t(state.label_key())}</a>
        }
        .into_any(),
        (true, None, true) => view! {
            <a class="button" href=format!("#{APPLY_ID}") on:click=to_section>{t("apply-title")}</a>
        }
        .into_any(),
        (true, None, false) => view! { <span>{t("apply-candidates-only")}</span> }.into_any(),
    };
    view! { <p class="apply-shortcut">{body}</p> }
}

/// Apply, or see where one's application stands; visitors are asked to sign in first.
#[component]
fn ApplySection(offer_id: i64, viewer: Viewer) -> impl IntoView {
    let apply = ServerAction::<ApplyToOffer>::new();
    refetch_on_success(apply.value());
    let body = match (viewer.signed_in, viewer.application, viewer.candidate) {
        (false, _, _) => view! {
            <p><a class="button" href=format!("/compte/connexion?suite=/stages/offres/{offer_id}")>{t("apply-sign-in")}</a></p>
        }
        .into_any(),
        (true, Some(state), _) => view! {
            <p class="application-state" data-state=state.code()>{t("apply-done")}" "{t(state.label_key())}</p>
            <p><a href="/stages/candidatures">{t("nav-my-applications")}</a></p>
        }
        .into_any(),
        (true, None, true) => view! {
            <FormError value=apply.value()/>
            <ServerForm action=apply attr:class="form">
                <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                <TextArea name="cover_letter" label=t("apply-letter") hint=t("apply-letter-hint") error=field_error(apply.value(), "cover_letter")/>
                <button type="submit">{t("apply-submit")}</button>
            </ServerForm>
        }
        .into_any(),
        (true, None, false) => view! { <p>{t("apply-candidates-only")}</p> }.into_any(),
    };
    view! {
        <section class="panel apply" id=APPLY_ID tabindex="-1" aria-labelledby="apply-title">
            <h2 id="apply-title">{t("apply-title")}</h2>
            {body}
        </section>
    }
}

/// The applications to this offer, with the pipeline moves, for its managers.
#[component]
fn ReceivedApplications(offer_id: i64) -> impl IntoView {
    // New applications and other agents' moves show up without a reload.
    let tick = RwSignal::new(0u64);
    super::refresh_on_application_events(tick, crate::ui::live::CatchUp::AfterReconnect);
    // Loaded in the browser only: a load nested in the page's own would hydrate out of order.
    let received = LocalResource::new(move || {
        tick.track();
        offer_applications(offer_id)
    });
    view! {
        <section class="panel received">
            <h2>{t("applications-received")}</h2>
            // A move loads this list again, not the whole offer.
            <Provider value=Refetch::new(move || tick.update(|t| *t += 1))>
                <Transition fallback=|| ()>
                    {move || received.get().map(|result| match result {
                        Ok(list) => view! { <ApplicationCards list/> }.into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    })}
                </Transition>
            </Provider>
        </section>
    }
}
