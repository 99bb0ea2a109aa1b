//! Received applications as cards with the pipeline moves: shared by the offer page and the
//! direction's pool of spontaneous applications.

use crate::{
    i18n::t,
    stages::{application::ReceivedApplication, application_api::MoveApplication},
    ui::forms::{reload_on_success, FormError},
};
use leptos::prelude::*;

#[component]
pub fn ApplicationCards(list: Vec<ReceivedApplication>) -> impl IntoView {
    let moving = ServerAction::<MoveApplication>::new();
    reload_on_success(moving.value());
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
                    <p class="cover-letter">{a.cover_letter.clone()}</p>
                    <p>
                        <a href=format!("/stages/candidatures/{}", a.id)>{t("file-open")}</a>
                        {a.has_cv.then(|| view! { " · "<a href=format!("/stages/cv/{}", a.candidate_id)>{t("cv-of-candidate")}</a> })}
                    </p>
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
    }
    .into_any()
}
