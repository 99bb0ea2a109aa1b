//! Received applications as cards with the pipeline moves: shared by the offer page and the
//! direction's pool of spontaneous applications.

use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    stages::{
        application::ReceivedApplication, application_api::MoveApplication,
        profile::CandidateProfile, types::EducationLevel,
    },
    ui::forms::{refetch_on_success, FormError},
};
use leptos::prelude::*;

#[component]
pub fn ApplicationCards(list: Vec<ReceivedApplication>) -> impl IntoView {
    let moving = ServerAction::<MoveApplication>::new();
    refetch_on_success(moving.value());
    if list.is_empty() {
        return view! { <p>{t("applications-none-received")}</p> }.into_any();
    }
    view! {
        <FormError value=moving.value()/>
        <ul class="offer-list">
            {list.into_iter().map(|a| view! {
                <li class="card application">
                    <h3>{a.candidate_name.clone()}" "<small>{a.candidate_email.clone()}</small></h3>
                    <p class="application-state" data-state=a.state.code()>{t(a.state.label_key())}</p>
                    <ProfileFacts profile=a.profile.clone()/>
                    <p class="cover-letter">{a.cover_letter.clone()}</p>
                    <p>
                        <a href=format!("/stages/candidatures/{}", a.id)>{t("file-open")}</a>
                        {a.has_cv.then(|| view! { " · "<a href=format!("/stages/cv/{}", a.candidate_id)>{t("cv-of-candidate")}</a> })}
                    </p>
                    <div class="state-actions">
                        {a.state.agent_moves().iter().map(|next| view! {
                            <ServerForm action=moving attr:class="inline-form">
                                <input type="hidden" name="id" value=a.id.to_string()/>
                                <input type="hidden" name="state" value=next.code()/>
                                <button type="submit" class="secondary">{t(&format!("application-move-{}", next.code()))}</button>
                            </ServerForm>
                        }).collect_view()}
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The candidate's profile for the agents: school, discipline, level, phone, presentation.
#[component]
pub fn ProfileFacts(profile: CandidateProfile) -> impl IntoView {
    if profile.is_empty() {
        return ().into_any();
    }
    let level = EducationLevel::parse(&profile.education_level).map(|l| t(l.label_key()));
    let facts: Vec<String> = [
        Some(profile.school),
        Some(profile.discipline),
        level,
        Some(profile.phone),
    ]
    .into_iter()
    .flatten()
    .filter(|f| !f.is_empty())
    .collect();
    view! {
        <p class="offer-facts profile-facts">{facts.into_iter().map(|f| view! { <span>{f}</span> }).collect_view()}</p>
        {(!profile.presentation.is_empty()).then(|| view! { <p class="presentation">{profile.presentation}</p> })}
    }
    .into_any()
}
