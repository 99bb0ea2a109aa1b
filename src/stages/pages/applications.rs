//! The candidate's page: their CV and their applications, each with its state.

use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::{t, use_locale},
    stages::{
        application::CandidateDesk,
        application_api::{load_candidate_desk, WithdrawApplication},
        profile::CandidateProfile,
        profile_api::SaveCandidateProfile,
        types::EducationLevel,
    },
    ui::{
        forms::{
            field_error, provide_refetch, refetch_on_success, FormError, FormSuccess, Select,
            TextArea, TextField,
        },
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    // A change an agent makes shows up here without a reload.
    let tick = RwSignal::new(0u64);
    super::refresh_on_application_events(tick, crate::ui::live::CatchUp::AfterReconnect);
    let desk = page_resource(move || tick.get(), |_| load_candidate_desk());
    provide_refetch(move || tick.update(|t| *t += 1));
    view! {
        <Title text=t("nav-my-applications")/>
        <h1>{t("nav-my-applications")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || desk.get().map(|result| match result {
                    Ok(desk) => view! { <Desk desk/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Desk(desk: CandidateDesk) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawApplication>::new();
    refetch_on_success(withdraw.value());
    let query = use_query_map();
    // The upload route sends the browser back here with its outcome.
    let outcome = query.with_untracked(|q| q.get("cv"));
    let locale = use_locale();
    let max = format!("{:.0}", desk.cv_max_bytes as f64 / 1_048_576.0);
    view! {
        <ProfileForm profile=desk.profile.clone()/>
        <section class="panel">
            <h2>{t("cv-title")}</h2>
            {outcome.map(|key| if key == "ok" {
                view! { <p class="alert alert-success" role="status">{t("cv-saved")}</p> }.into_any()
            } else {
                view! { <p class="alert alert-error" role="alert">{locale.t(&key)}</p> }.into_any()
            })}
            {match desk.cv_bytes {
                Some(bytes) => view! {
                    <p>
                        <a href=format!("/stages/cv/{}", desk.user_id)>{t("cv-current")}</a>
                        {format!(" ({} Ko)", bytes / 1024)}
                    </p>
                }.into_any(),
                None => view! { <p>{t("cv-none")}</p> }.into_any(),
            }}
            <form class="form" method="post" action="/stages/cv" enctype="multipart/form-data">
                <div class="field">
                    <label for="field-cv">{t("cv-file")}</label>
                    <p class="field-hint" id="field-cv-hint">{locale.t_with("cv-hint", &[("max", max)])}</p>
                    <input id="field-cv" name="cv" type="file" accept="application/pdf" required=true aria-describedby="field-cv-hint"/>
                </div>
                <button type="submit">{t("cv-upload")}</button>
            </form>
        </section>
        <section>
            <h2>{t("applications-title")}</h2>
            <p><a href="/stages/candidature-spontanee">{t("spontaneous-link")}</a></p>
            <FormError value=withdraw.value()/>
            {if desk.applications.is_empty() {
                view! { <p>{t("applications-none")}" "<a href="/stages">{t("applications-browse")}</a></p> }.into_any()
            } else {
                view! {
                    <ul class="offer-list">
                        {desk.applications.into_iter().map(|a| view! {
                            <li class="card application">
                                <h3>
                                    {match (a.offer_id, a.offer_title) {
                                        (Some(id), Some(title)) => view! { <a href=format!("/stages/offres/{id}")>{title}</a> }.into_any(),
                                        _ => view! { <span>{t("application-spontaneous")}</span> }.into_any(),
                                    }}
                                </h3>
                                <p class="application-state" data-state=a.state.code()>{t(a.state.label_key())}</p>
                                <p class="offer-facts"><span>{a.direction_code}</span></p>
                                <p><a href=format!("/stages/candidatures/{}", a.id)>{t("file-open")}</a></p>
                                {a.state.is_pending().then(|| view! {
                                    <ServerForm action=withdraw attr:class="inline-form">
                                        <input type="hidden" name="id" value=a.id.to_string()/>
                                        <button type="submit" class="secondary">{t("application-withdraw")}</button>
                                    </ServerForm>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The candidate's profile, read by the agents next to each application.
#[component]
fn ProfileForm(profile: CandidateProfile) -> impl IntoView {
    let save = ServerAction::<SaveCandidateProfile>::new();
    let error = move |field: &'static str| field_error(save.value(), field);
    let levels = EducationLevel::ALL
        .into_iter()
        .map(|l| (l.code().to_string(), t(l.label_key())))
        .collect();
    view! {
        <section class="panel">
            <h2>{t("profile-title")}</h2>
            <p class="field-hint">{t("profile-lead")}</p>
            <FormError value=save.value()/>
            <FormSuccess value=save.value() message=t("profile-saved")/>
            <ServerForm action=save attr:class="form">
                <TextField name="profile[school]" label=t("profile-school") value=profile.school error=error("school") optional=true/>
                <TextField name="profile[discipline]" label=t("offer-discipline") value=profile.discipline error=error("discipline") optional=true/>
                <Select name="profile[education_level]" label=t("offer-education") options=levels selected=profile.education_level error=error("education_level") optional=true/>
                <TextField name="profile[phone]" label=t("profile-phone") kind="tel" autocomplete="tel" value=profile.phone error=error("phone") optional=true/>
                <TextArea name="profile[presentation]" label=t("profile-presentation") value=profile.presentation error=error("presentation") optional=true/>
                <button type="submit">{t("profile-save")}</button>
            </ServerForm>
        </section>
    }
}
