//! /stages/candidatures/:id — one application as a file: the letter, the history of moves,
//! the messages between candidate and agents; for the agents also their private notes and the
//! decision with its answer. Messages arrive live; drafts survive the refresh.

use super::received::ProfileFacts;
use crate::accounts::types::shown_name;
use crate::ui::refused_form::{kept_value, kept_value_where, ServerForm};
use crate::{
    error::AppError,
    i18n::t,
    stages::{
        application::ApplicationState,
        application_api::{MoveApplication, WithdrawApplication},
        follow_up::{ApplicationFile, Entry, StaffSide},
        follow_up_api::{load_application_file, AddApplicationNote, SendApplicationMessage},
    },
    ui::{
        forms::{
            field_error, on_success, provide_refetch, refetch_on_success, FieldFrame, FormError,
        },
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ApplicationFilePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<i64>().ok())
    };
    let tick = RwSignal::new(0u64);
    super::refresh_on_application_events(tick, crate::ui::live::CatchUp::FromLoad);
    let file = page_resource(
        move || (id(), tick.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_application_file(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // An action here loads the file again, as a live event does.
    provide_refetch(move || tick.update(|t| *t += 1));
    // Kept outside the refreshed part, so a live refresh never loses what is being typed.
    let drafts = Drafts {
        message: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
    };
    view! {
        <Title text=t("file-title")/>
        <h1>{t("file-title")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || file.get().map(|result| match result {
                    Ok(file) => view! { <File file drafts/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[derive(Clone, Copy)]
struct Drafts {
    message: RwSignal<String>,
    note: RwSignal<String>,
}

#[component]
fn File(file: ApplicationFile, drafts: Drafts) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawApplication>::new();
    refetch_on_success(withdraw.value());
    let id = file.id.to_string();
    view! {
        <section class="panel">
            <h2>
                {match (file.offer_id, file.offer_title.clone()) {
                    (Some(offer), Some(title)) => view! { <a href=format!("/stages/offres/{offer}")>{title}</a> }.into_any(),
                    _ => view! { <span>{format!("{} — {}", t("file-spontaneous"), file.direction_name)}</span> }.into_any(),
                }}
            </h2>
            <p class="application-state" data-state=file.state.code()>{t(file.state.label_key())}</p>
            <p class="offer-facts">
                <span>{file.candidate_name.clone()}</span>
                {file.staff.as_ref().map(|s| view! { <span>{s.candidate_email.clone()}</span> })}
                <span><TimeTag when=file.created_at.clone()/></span>
            </p>
            {(file.has_cv && file.staff.is_some()).then(|| view! { <p><a href=format!("/stages/cv/{}", file.candidate_id)>{t("cv-of-candidate")}</a></p> })}
            <ProfileFacts profile=file.profile.clone()/>
            <h3>{t("file-letter")}</h3>
            <p class="cover-letter">{file.cover_letter.clone()}</p>
            {(file.mine && file.state.is_pending()).then(|| view! {
                <FormError value=withdraw.value()/>
                <ServerForm action=withdraw attr:class="inline-form">
                    <input type="hidden" name="id" value=id.clone()/>
                    <button type="submit" class="secondary">{t("application-withdraw")}</button>
                </ServerForm>
            })}
        </section>
        {file.staff.clone().map(|staff| view! { <Decision id=file.id staff/> })}
        <section class="panel messages">
            <h2>{t("file-messages")}</h2>
            <Entries entries=file.messages.clone() empty=t("file-messages-none")/>
            <MessageForm id=file.id draft=drafts.message/>
        </section>
        {file.staff.clone().map(|staff| view! {
            <section class="panel notes">
                <h2>{t("file-notes")}</h2>
                <p class="field-hint">{t("file-notes-hint")}</p>
                <Entries entries=staff.notes empty=t("file-notes-none")/>
                <NoteForm id=file.id draft=drafts.note/>
            </section>
        })}
        <section class="panel">
            <h2>{t("file-history")}</h2>
            <ol class="history">
                {file.history.iter().map(|m| view! {
                    <li>
                        <TimeTag when=m.at.clone()/>" — "
                        {if m.from.is_none() { t("file-history-created") } else { t(m.to.label_key()) }}
                        {(!m.actor.is_empty()).then(|| format!(" ({} {})", t("file-by"), m.actor))}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Entries(entries: Vec<Entry>, empty: String) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="entries">
            {entries.into_iter().map(|e| view! {
                <li class="entry" class:from-candidate=e.from_candidate>
                    <p class="entry-meta">
                        <strong>{shown_name(&e.author, || t("former-member"))}</strong>" · "
                        {if e.from_candidate { t("file-from-candidate") } else { t("file-from-agent") }}" · "
                        <TimeTag when=e.at/>
                    </p>
                    <p class="entry-body">{e.body}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A message to the other side.
#[component]
fn MessageForm(id: i64, draft: RwSignal<String>) -> impl IntoView {
    let send = ServerAction::<SendApplicationMessage>::new();
    refetch_on_success(send.value());
    on_success(send.value(), move |_| draft.set(String::new()));
    view! {
        <FormError value=send.value()/>
        <ServerForm action=send attr:class="form">
            <input type="hidden" name="id" value=id.to_string()/>
            <DraftField id="message-body" label=t("file-message-body") draft error=field_error(send.value(), "body")/>
            <button type="submit">{t("file-message-send")}</button>
        </ServerForm>
    }
}

/// A private note of the agents.
#[component]
fn NoteForm(id: i64, draft: RwSignal<String>) -> impl IntoView {
    let add = ServerAction::<AddApplicationNote>::new();
    refetch_on_success(add.value());
    on_success(add.value(), move |_| draft.set(String::new()));
    view! {
        <FormError value=add.value()/>
        <ServerForm action=add attr:class="form">
            <input type="hidden" name="id" value=id.to_string()/>
            <DraftField id="note-body" label=t("file-note-body") draft error=field_error(add.value(), "body")/>
            <p class="field-hint">{t("file-note-export")}</p>
            <button type="submit">{t("file-note-add")}</button>
        </ServerForm>
    }
}

/// A "body" text area bound to a draft that outlives the page's live refreshes.
#[component]
fn DraftField(
    id: &'static str,
    label: String,
    draft: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    // Only a refused post without JavaScript has text to show before hydration.
    let kept = kept_value("body");
    if let Some(kept) = &kept {
        draft.set(kept.clone());
    }
    view! {
        <FieldFrame id=id.to_string() label hint=None error>
            <textarea
                id=id
                name="body"
                rows="4"
                required=true
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(|| error_id.clone())
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            >
                {kept}
            </textarea>
        </FieldFrame>
    }
}

/// The agents' moves; a decision shows the answer the candidate will get, ready to edit.
#[component]
fn Decision(id: i64, staff: StaffSide) -> impl IntoView {
    let moving = ServerAction::<MoveApplication>::new();
    refetch_on_success(moving.value());
    if staff.moves.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="panel decision">
            <h2>{t("file-decide")}</h2>
            <FormError value=moving.value()/>
            {staff.moves.clone().into_iter().map(|next| {
                let answer = match next {
                    ApplicationState::Accepted => Some(staff.accepted_answer.clone()),
                    ApplicationState::Declined => Some(staff.declined_answer.clone()),
                    _ => None,
                };
                let field = format!("answer-{}", next.code());
                view! {
                    <ServerForm action=moving reset_on_success=true attr:class="form decision-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="state" value=next.code()/>
                        {answer.map(|text| kept_value_where("message", &[("state", next.code())]).unwrap_or(text)).map(|text| view! {
                            <div class="field">
                                <label for=field.clone()>{t("file-answer")}</label>
                                <p class="field-hint">{t("file-answer-hint")}</p>
                                <textarea id=field.clone() name="message" rows="6">{text}</textarea>
                            </div>
                        })}
                        <button type="submit" class="secondary">{t(&format!("application-move-{}", next.code()))}</button>
                    </ServerForm>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}
