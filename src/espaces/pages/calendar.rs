//! `/espaces/:id/agenda`: a space's shared calendar as an agenda (the default: a list of the
//! coming days with events, plain links and forms, usable without JavaScript and on a phone),
//! a week or a month (`?vue=week|month&date=YYYY-MM-DD`), navigation by period; the form that
//! creates an event (contributors, animators), the import of an .ics file (a plain multipart
//! form), and each member's private subscription link. One event: `calendar_event.rs`.

use super::space_id;
use crate::{
    espaces::{
        calendar_api::{load_calendar, NewCalendarFeed, RevokeCalendarFeed, SaveEvent},
        calendar_types::{CalendarDay, CalendarPage, CalendarView, EventForm, OccurrenceItem},
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
use leptos_router::hooks::use_query_map;

#[component]
pub fn SpaceCalendarPage() -> impl IntoView {
    let id = space_id();
    let space = id.clone();
    let query = use_query_map();
    let key = move || {
        let q = query.get();
        (
            id(),
            q.get("vue").unwrap_or_default(),
            q.get("date").unwrap_or_default(),
            q.get(crate::link_token::SHOWN_ONCE_PARAMETER)
                .unwrap_or_default(),
        )
    };
    let page = page_resource(key, |(id, view, date, lien)| async move {
        match id {
            Some(id) => load_calendar(id, view, date, lien).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let save = ServerAction::<SaveEvent>::new();
    let feed = ServerAction::<NewCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    refetch_on_success(revoke.value());
    open_on_success(save.value(), move |event| {
        format!("/espaces/{}/agenda/{event}", space().unwrap_or(0))
    });
    let imported = move || query.with(|q| q.get("importe"));
    let import_error = move || query.with(|q| q.get("import_erreur"));
    view! {
        <div class="page calendar-page">
            {move || imported().map(|n| view! {
                <p class="alert alert-success" role="status">{use_locale().t_with("calendar-imported", &[("count", n)])}</p>
            })}
            {move || import_error().map(|key| view! {
                <p class="alert alert-error" role="alert">{t(&key)}</p>
            })}
            <FormError value=revoke.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <Calendar page save feed revoke/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The link to `view` of the period starting `date`.
fn period_link(id: i64, view: CalendarView, date: &str) -> String {
    format!("/espaces/{id}/agenda?vue={}&date={date}", view.code())
}

#[component]
fn Calendar(
    page: CalendarPage,
    save: ServerAction<SaveEvent>,
    feed: ServerAction<NewCalendarFeed>,
    revoke: ServerAction<RevokeCalendarFeed>,
) -> impl IntoView {
    let id = page.space_id;
    let view_kind = page.view;
    let title = use_locale().t_with("calendar-title", &[("space", page.space_name.clone())]);
    let views = CalendarView::ALL
        .iter()
        .map(|v| {
            let current = *v == view_kind;
            view! {
                <a href=period_link(id, *v, &page.anchor) aria-current=current.then_some("page")>{t(&v.label_key())}</a>" "
            }
        })
        .collect_view();
    let body = match view_kind {
        CalendarView::Month => view! { <MonthGrid id days=page.days.clone()/> }.into_any(),
        _ => view! { <DayList id days=page.days.clone()/> }.into_any(),
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <nav class="space-nav" aria-label=t("space-nav")>
            <a href=format!("/espaces/{id}")>{t("space-home")}</a>" · "
            <a href=format!("/espaces/{id}/agenda") aria-current="page">{t("space-calendar")}</a>
        </nav>
        <nav class="calendar-views" aria-label=t("calendar-views")>{views}</nav>
        <nav class="calendar-nav" aria-label=page.period.clone()>
            <a href=period_link(id, view_kind, &page.previous) rel="prev">{t("calendar-previous")}</a>" · "
            <a href=period_link(id, view_kind, &page.today)>{t("calendar-today")}</a>" · "
            <a href=period_link(id, view_kind, &page.next) rel="next">{t("calendar-next")}</a>
        </nav>
        <h2>{page.period.clone()}</h2>
        <p class="hint">{use_locale().t_with("calendar-zone-note", &[("zone", page.space_zone.clone())])}</p>
        {body}
        {page.can_create.then(|| view! { <NewEvent id save/> <Import id/> })}
        {page.is_member.then(|| view! { <Feed id has_feed=page.has_feed new_link=page.new_feed_link.clone() feed revoke/> })}
    }
}

/// One occurrence: time, title (a link to the event), place, its state.
#[component]
fn Item(id: i64, item: OccurrenceItem) -> impl IntoView {
    let when = if item.all_day {
        t("calendar-all-day")
    } else {
        format!("{} – {}", item.start_time, item.end_time)
    };
    view! {
        <li class="calendar-item" class:cancelled=item.cancelled>
            <span class="calendar-time">{when}</span>" "
            <a href=format!("/espaces/{id}/agenda/{}", item.event_id)>{item.title.clone()}</a>
            {(!item.place.is_empty()).then(|| view! { " · "<span>{item.place.clone()}</span> })}
            {item.recurring.then(|| view! { " · "<span class="tag">{t("calendar-recurring")}</span> })}
            {item.cancelled.then(|| view! { " · "<strong>{t("calendar-cancelled")}</strong> })}
        </li>
    }
}

/// The agenda and the week: one section per day.
#[component]
fn DayList(id: i64, days: Vec<CalendarDay>) -> impl IntoView {
    if days.iter().all(|d| d.items.is_empty()) && days.len() != 7 {
        return view! { <p>{t("calendar-empty")}</p> }.into_any();
    }
    view! {
        <ol class="calendar-days">
            {days.into_iter().map(|day| view! {
                <li class="calendar-day" class:today=day.today>
                    <h3>{day.weekday.clone()}" "<TimeTag when=day.date.clone()/></h3>
                    {if day.items.is_empty() {
                        view! { <p class="hint">"—"</p> }.into_any()
                    } else {
                        view! {
                            <ul>{day.items.into_iter().map(|item| view! { <Item id item/> }).collect_view()}</ul>
                        }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// The month: weeks of seven days, each day with its events' titles.
#[component]
fn MonthGrid(id: i64, days: Vec<CalendarDay>) -> impl IntoView {
    let weekdays: Vec<String> = days.iter().take(7).map(|d| d.weekday.clone()).collect();
    let weeks: Vec<Vec<CalendarDay>> = days.chunks(7).map(<[CalendarDay]>::to_vec).collect();
    view! {
        <div class="calendar-month-wrap">
            <table class="calendar-month">
                <thead><tr>{weekdays.into_iter().map(|w| view! { <th scope="col">{w}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {weeks.into_iter().map(|week| view! {
                        <tr>
                            {week.into_iter().map(|day| view! {
                                <td class:outside=day.outside class:today=day.today>
                                    <span class="calendar-date"><time datetime=day.date.iso.clone()>{day.day}</time></span>
                                    <ul>
                                        {day.items.into_iter().map(|item| view! {
                                            <li class:cancelled=item.cancelled>
                                                <a href=format!("/espaces/{id}/agenda/{}", item.event_id) title=item.title.clone()>
                                                    {(!item.all_day).then(|| format!("{} ", item.start_time))}{item.title.clone()}
                                                </a>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The fields of an event's form (`form[…]`), filled with `form`.
#[component]
pub(super) fn EventFields(form: EventForm, action: ServerAction<SaveEvent>) -> impl IntoView {
    use crate::ui::forms::{field_error, Select, TextArea, TextField};
    let value = action.value();
    let recurrences = crate::espaces::calendar_types::Recurrence::ALL
        .iter()
        .map(|r| (r.code().to_string(), t(&r.label_key())))
        .collect::<Vec<_>>();
    let recurrence = if form.recurrence.is_empty() {
        "none".to_string()
    } else {
        form.recurrence.clone()
    };
    let all_day = form.is_all_day();
    view! {
        <TextField name="form[title]" label=t("calendar-field-title") value=form.title.clone() error=field_error(value, "title")/>
        <div class="field-row">
            <TextField name="form[start_date]" kind="date" label=t("calendar-field-start-date") value=form.start_date.clone() error=field_error(value, "start_date")/>
            <TextField name="form[start_time]" kind="time" label=t("calendar-field-start-time") value=form.start_time.clone() error=field_error(value, "start_time") optional=true/>
        </div>
        <div class="field-row">
            <TextField name="form[end_date]" kind="date" label=t("calendar-field-end-date") value=form.end_date.clone() error=field_error(value, "end_date") optional=true/>
            <TextField name="form[end_time]" kind="time" label=t("calendar-field-end-time") value=form.end_time.clone() error=field_error(value, "end_time") optional=true/>
        </div>
        <p class="field">
            <label><input type="checkbox" name="form[all_day]" value="on" checked=all_day/>" "{t("calendar-field-all-day")}</label>
        </p>
        <TextField name="form[place]" label=t("calendar-field-place") value=form.place.clone() error=field_error(value, "place") optional=true/>
        <TextArea name="form[description]" label=t("calendar-field-description") value=form.description.clone() error=field_error(value, "description") optional=true/>
        <Select name="form[recurrence]" label=t("calendar-field-recurrence") options=recurrences selected=recurrence error=field_error(value, "recurrence")/>
        <div class="field-row">
            <TextField name="form[every]" kind="number" label=t("calendar-field-every") value=form.every.clone() error=field_error(value, "every") optional=true/>
            <TextField name="form[until]" kind="date" label=t("calendar-field-until") value=form.until.clone() error=field_error(value, "until") optional=true/>
            <TextField name="form[count]" kind="number" label=t("calendar-field-count") value=form.count.clone() error=field_error(value, "count") optional=true/>
        </div>
    }
}

#[component]
fn NewEvent(id: i64, save: ServerAction<SaveEvent>) -> impl IntoView {
    view! {
        <details class="panel">
            <summary>{t("calendar-new-event")}</summary>
            <FormError value=save.value()/>
            <ServerForm action=save attr:class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <EventFields form=EventForm::default() action=save/>
                <button type="submit">{t("calendar-save")}</button>
            </ServerForm>
        </details>
    }
}

/// The import of an .ics file: a plain multipart form the server answers with a redirect.
#[component]
fn Import(id: i64) -> impl IntoView {
    view! {
        <details class="panel">
            <summary>{t("calendar-import")}</summary>
            <form class="form" method="post" enctype="multipart/form-data" action=format!("/espaces/{id}/agenda/import")>
                <p class="field">
                    <label for="calendar-import-file">{t("calendar-import-file")}</label>
                    <input id="calendar-import-file" type="file" name="file" accept=".ics,text/calendar" required/>
                </p>
                <button type="submit">{t("calendar-import-submit")}</button>
            </form>
        </details>
    }
}

/// The member's private subscription link: make a new one (shown once), revoke it.
#[component]
fn Feed(
    id: i64,
    has_feed: bool,
    /// The link just made by a form posted without JavaScript.
    new_link: Option<String>,
    feed: ServerAction<NewCalendarFeed>,
    revoke: ServerAction<RevokeCalendarFeed>,
) -> impl IntoView {
    let link = move || {
        feed.value()
            .get()
            .and_then(Result::ok)
            .or_else(|| new_link.clone())
    };
    view! {
        <section class="panel">
            <h2>{t("calendar-feed")}</h2>
            <p>{t("calendar-feed-explain")}</p>
            {has_feed.then(|| view! { <p>{t("calendar-feed-active")}</p> })}
            {move || link().map(|link| view! {
                <p>{t("calendar-feed-link")}" "<code class="feed-link">{link}</code></p>
            })}
            <ServerForm action=feed attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit">{t("calendar-feed-new")}</button>
            </ServerForm>
            {has_feed.then(|| view! {
                <ServerForm action=revoke attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="secondary">{t("calendar-feed-revoke")}</button>
                </ServerForm>
            })}
        </section>
    }
}
