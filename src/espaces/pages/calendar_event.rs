//! `/espaces/:id/agenda/:event`: one event — when (in the reader's time zone), where, its
//! description, its recurrence and next occurrences (cancel or restore one), its attendees
//! and their answers, the caller's answer, the invitation of members, its .ics, and for its
//! author or an animator the form that edits it and its deletion. Plain forms throughout.

use super::{calendar::EventFields, space_id};
use crate::{
    espaces::{
        calendar_api::{
            load_event, AnswerEvent, CancelOccurrence, DeleteEvent, InviteAttendee, SaveEvent,
        },
        calendar_types::{Answer, EventDetail},
    },
    i18n::{t, use_locale},
    ui::{
        forms::{open_on_success, provide_refetch, refetch_on_success, FormError},
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page's actions, created above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveEvent>,
    delete: ServerAction<DeleteEvent>,
    cancel: ServerAction<CancelOccurrence>,
    invite: ServerAction<InviteAttendee>,
    answer: ServerAction<AnswerEvent>,
}

#[component]
pub fn SpaceEventPage() -> impl IntoView {
    let id = space_id();
    let space = id.clone();
    let params = use_params_map();
    let key = move || {
        (
            id(),
            params
                .with(|p| p.get("event"))
                .and_then(|e| e.parse::<i64>().ok()),
        )
    };
    let page = page_resource(key, |(id, event)| async move {
        match (id, event) {
            (Some(id), Some(event)) => load_event(id, event).await,
            _ => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let actions = Actions {
        save: ServerAction::new(),
        delete: ServerAction::new(),
        cancel: ServerAction::new(),
        invite: ServerAction::new(),
        answer: ServerAction::new(),
    };
    refetch_on_success(actions.save.value());
    refetch_on_success(actions.cancel.value());
    refetch_on_success(actions.invite.value());
    refetch_on_success(actions.answer.value());
    open_on_success(actions.delete.value(), move |_| {
        format!("/espaces/{}/agenda", space().unwrap_or(0))
    });
    view! {
        <div class="page calendar-page">
            <FormError value=actions.delete.value()/>
            <FormError value=actions.cancel.value()/>
            <FormError value=actions.answer.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(event) => view! { <Event event actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Event(event: EventDetail, actions: Actions) -> impl IntoView {
    let (id, event_id) = (event.space_id, event.id);
    let locale = use_locale();
    let repeats = (event.recurrence != crate::espaces::calendar_types::Recurrence::None).then(|| {
        let mut words = t(&event.recurrence.label_key());
        if event.every > 1 {
            words.push_str(&format!(
                " ({})",
                locale.t_with("calendar-every", &[("every", event.every.to_string())])
            ));
        }
        if !event.recurrence_end.is_empty() {
            words.push_str(&format!(", {}", event.recurrence_end));
        }
        words
    });
    let can_edit = event.can_edit;
    view! {
        <Title text=event.title.clone()/>
        <nav class="space-nav" aria-label=t("space-nav")>
            <a href=format!("/espaces/{id}")>{event.space_name.clone()}</a>" · "
            <a href=format!("/espaces/{id}/agenda")>{t("calendar-back")}</a>
        </nav>
        <h1>{event.title.clone()}</h1>
        <dl class="facts">
            <dt>{t("calendar-starts")}</dt><dd><TimeTag when=event.starts.clone()/></dd>
            <dt>{t("calendar-ends")}</dt><dd><TimeTag when=event.ends.clone()/></dd>
            {(!event.place.is_empty()).then(|| view! { <dt>{t("calendar-place")}</dt><dd>{event.place.clone()}</dd> })}
            {repeats.map(|words| view! { <dt>{t("calendar-repeats")}</dt><dd>{words}</dd> })}
        </dl>
        <div class="prose" inner_html=event.description_html.clone()></div>
        <p><a href=format!("/espaces/{id}/agenda/{event_id}/ics") download="">{t("calendar-export")}</a></p>
        {event.my_answer.map(|mine| view! { <MyAnswer id event_id mine action=actions.answer/> })}
        <Attendees event=event.clone() actions/>
        {(!event.upcoming.is_empty()).then(|| view! {
            <section>
                <h2>{t("calendar-upcoming")}</h2>
                <ul class="calendar-upcoming">
                    {event.upcoming.iter().cloned().map(|o| view! {
                        <li class:cancelled=o.cancelled>
                            <TimeTag when=o.starts.clone()/>
                            {o.cancelled.then(|| view! { " · "<strong>{t("calendar-cancelled")}</strong> })}
                            {can_edit.then(|| view! {
                                <ServerForm action=actions.cancel attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="event" value=event_id.to_string()/>
                                    <input type="hidden" name="date" value=o.occurrence.clone()/>
                                    <input type="hidden" name="restore" value=o.cancelled.to_string()/>
                                    <button type="submit" class="secondary">
                                        {if o.cancelled { t("calendar-restore-occurrence") } else { t("calendar-cancel-occurrence") }}
                                    </button>
                                </ServerForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {can_edit.then(|| view! {
            <details class="panel">
                <summary>{t("calendar-edit-event")}</summary>
                <FormError value=actions.save.value()/>
                <ServerForm action=actions.save attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="event" value=event_id.to_string()/>
                    <EventFields form=event.form.clone() action=actions.save/>
                    <button type="submit">{t("calendar-save")}</button>
                </ServerForm>
                <ServerForm action=actions.delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="event" value=event_id.to_string()/>
                    <button type="submit" class="danger">{t("calendar-delete")}</button>
                </ServerForm>
            </details>
        })}
    }
}

#[component]
fn MyAnswer(id: i64, event_id: i64, mine: Answer, action: ServerAction<AnswerEvent>) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{t("calendar-my-answer")}": "{t(&mine.label_key())}</h2>
            <div class="inline-forms">
                {Answer::GIVEN.iter().map(|answer| view! {
                    <ServerForm action attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="event" value=event_id.to_string()/>
                        <input type="hidden" name="answer" value=answer.code()/>
                        <button type="submit" class:secondary={*answer != mine} aria-pressed=(*answer == mine).to_string()>{t(&answer.label_key())}</button>
                    </ServerForm>
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Attendees(event: EventDetail, actions: Actions) -> impl IntoView {
    let (id, event_id) = (event.space_id, event.id);
    let options = event.invitable.clone();
    view! {
        <section>
            <h2>{t("calendar-attendees")}</h2>
            {if event.attendees.is_empty() {
                view! { <p>{t("calendar-no-attendees")}</p> }.into_any()
            } else {
                view! {
                    <ul class="calendar-attendees">
                        {event.attendees.iter().map(|a| view! {
                            <li>{a.name.clone()}" · "{t(&a.answer.label_key())}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(event.can_edit && !options.is_empty()).then(|| view! {
                <FormError value=actions.invite.value()/>
                <ServerForm action=actions.invite attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="event" value=event_id.to_string()/>
                    <label for="calendar-invite-member">{t("calendar-invite-member")}</label>" "
                    <select id="calendar-invite-member" name="user_id">
                        {options.iter().map(|m| view! { <option value=m.user_id.to_string()>{m.name.clone()}</option> }).collect_view()}
                    </select>" "
                    <button type="submit">{t("calendar-invite")}</button>
                </ServerForm>
            })}
        </section>
    }
}
