//! Server functions of a space's shared calendar: a period (agenda, week, month), one event,
//! creating and editing events (contributors their own, animators any), cancelling and
//! restoring one occurrence of a recurrence, inviting members and answering, and each
//! member's private feed link. Every function asks `module_role` first: 404 for a space the
//! caller may not see, 403 for a reader who would write, 409 in an archived space. The feed,
//! one event's .ics and the import are plain HTTP (`server::calendar_http`).

use super::calendar_types::{Answer, CalendarPage, EventDetail, EventForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        calendar_types::{
            AttendeeRow, CalendarDay, CalendarView, MemberChoice, OccurrenceItem, Recurrence,
        },
        server::{
            access::module_role,
            activity::{record, MailTo, NewActivity},
            calendar_mail, calendar_rules,
            calendar_rules::Occurrence,
            calendar_store::{self, EventRow},
        },
        types::{choice, Module, SpaceAccess, SpaceAction, SpaceRole},
    },
    crate::{
        accounts::server::Caller,
        error::AppResult,
        server::{
            app_state, human_dates::HumanDates, markdown, redirect_plain_form, respond,
            state::AppState,
        },
    },
    jiff::{civil::Date, tz::TimeZone, Timestamp, ToSpan},
    std::collections::BTreeSet,
};

/// Days an agenda page covers.
#[cfg(feature = "ssr")]
const AGENDA_DAYS: i64 = 31;

/// The state, the caller and its standing in space `id` (404 when it may not see it or the
/// space does not use the calendar).
#[cfg(feature = "ssr")]
async fn standing(id: i64) -> AppResult<(AppState, Caller, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = module_role(&caller, &state.db, id, Module::Calendar).await?;
    Ok((state, caller, access))
}

/// The space's name, zone name and zone.
#[cfg(feature = "ssr")]
async fn zone_of(state: &AppState, id: i64) -> AppResult<(String, String, TimeZone)> {
    calendar_store::space_zone(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the caller may change `event`: its author (a contributor still) or an animator.
#[cfg(feature = "ssr")]
fn may_edit(access: &SpaceAccess, caller: &Caller, event: &EventRow) -> bool {
    access.allows(SpaceAction::Contribute)
        && (access.acting_role() == Some(SpaceRole::Animator)
            || (event.created_by.is_some() && event.created_by == caller.id()))
}

/// Event `event` of space `id` that the caller may change: 404 when it is not there, then
/// 403 (or 409 when the space is archived) when it is not the caller's to change.
#[cfg(feature = "ssr")]
async fn editable(
    state: &AppState,
    caller: &Caller,
    access: &SpaceAccess,
    id: i64,
    event: i64,
) -> AppResult<EventRow> {
    let row = calendar_store::by_id(&state.db, id, event)
        .await?
        .ok_or(AppError::NotFound)?;
    access.require(SpaceAction::Contribute)?;
    if !may_edit(access, caller, &row) {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// "10:00" of an instant in the reader's zone.
#[cfg(feature = "ssr")]
fn clock_time(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone()).strftime("%H:%M").to_string()
}

/// One occurrence as a page shows it, in the reader's zone.
#[cfg(feature = "ssr")]
fn item(row: &EventRow, occurrence: &Occurrence, dates: &HumanDates) -> OccurrenceItem {
    let all_day = row.all_day != 0;
    let (starts, ends, start_time, end_time) = if all_day {
        let last = occurrence
            .end
            .date()
            .yesterday()
            .unwrap_or(occurrence.end.date());
        (
            dates.date(&occurrence.date.to_string()),
            dates.date(&last.max(occurrence.date).to_string()),
            String::new(),
            String::new(),
        )
    } else {
        (
            dates.instant(occurrence.start.timestamp().as_second()),
            dates.instant(occurrence.end.timestamp().as_second()),
            clock_time(occurrence.start.timestamp(), dates.zone()),
            clock_time(occurrence.end.timestamp(), dates.zone()),
        )
    };
    OccurrenceItem {
        event_id: row.id,
        title: row.title.clone(),
        place: row.place.clone(),
        all_day,
        recurring: row.recurrence != Recurrence::None,
        occurrence: occurrence.date.to_string(),
        start_time,
        end_time,
        starts,
        ends,
        cancelled: occurrence.cancelled,
    }
}

/// Whether `occurrence` falls on local `day` of the reader (`from`..`to` its instants); an
/// all-day event on the days of its own dates.
#[cfg(feature = "ssr")]
fn on_day(
    all_day: bool,
    occurrence: &Occurrence,
    day: Date,
    from: Timestamp,
    to: Timestamp,
) -> bool {
    if all_day {
        occurrence.date <= day && day < occurrence.end.date()
    } else {
        let (start, end) = (occurrence.start.timestamp(), occurrence.end.timestamp());
        (start < to && end > from) || (start == end && start >= from && start < to)
    }
}

/// The weekday's name in the reader's language.
#[cfg(feature = "ssr")]
fn weekday(dates: &HumanDates, day: Date) -> String {
    dates.locale().t(&format!(
        "calendar-weekday-{}",
        day.weekday().to_monday_one_offset()
    ))
}

/// Space `id`'s calendar over one period: `view` (`agenda`, the default: the 31 days from
/// `date`, only days with events; `week`: the week of `date`; `month`: the month of `date`,
/// as whole weeks), `date` a `YYYY-MM-DD` (default: today). Occurrences are laid out in the
/// reader's time zone. 404 for a space the caller may not see.
#[server(endpoint = "espaces/calendar")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/calendar", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_calendar(
    id: i64,
    #[server(default)] view: String,
    #[server(default)] date: String,
    #[server(default)] lien: String,
) -> Result<CalendarPage, AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            access.require(SpaceAction::Read)?;
            let dates = HumanDates::for_reader().await?;
            let reader = dates.zone().clone();
            let view = if view.is_empty() {
                CalendarView::Agenda
            } else {
                choice("view", &view, CalendarView::parse)?
            };
            let today = state.clock.now().to_zoned(reader.clone()).date();
            let anchor = if date.is_empty() {
                today
            } else {
                date.parse::<Date>()
                    .map_err(|_| AppError::field("date", "calendar-error-date"))?
            };
            let (first, days, previous, next, period) = match view {
                CalendarView::Agenda => (
                    anchor,
                    AGENDA_DAYS,
                    anchor.checked_sub(AGENDA_DAYS.days()),
                    anchor.checked_add(AGENDA_DAYS.days()),
                    dates.locale().t_with(
                        "calendar-period-agenda",
                        &[("from", dates.date(&anchor.to_string()).text)],
                    ),
                ),
                CalendarView::Week => {
                    let monday = anchor
                        .checked_sub(i64::from(anchor.weekday().to_monday_zero_offset()).days())
                        .map_err(|_| AppError::field("date", "calendar-error-date"))?;
                    (
                        monday,
                        7,
                        monday.checked_sub(1.week()),
                        monday.checked_add(1.week()),
                        dates.locale().t_with(
                            "calendar-period-week",
                            &[("from", dates.date(&monday.to_string()).text)],
                        ),
                    )
                }
                CalendarView::Month => {
                    let first_of = anchor.first_of_month();
                    let start = first_of
                        .checked_sub(i64::from(first_of.weekday().to_monday_zero_offset()).days())
                        .map_err(|_| AppError::field("date", "calendar-error-date"))?;
                    let last = anchor.last_of_month();
                    let end = last
                        .checked_add(i64::from(6 - last.weekday().to_monday_zero_offset()).days())
                        .map_err(|_| AppError::field("date", "calendar-error-date"))?;
                    let length = start
                        .until(end)
                        .map(|s| i64::from(s.get_days()) + 1)
                        .unwrap_or(35);
                    (
                        start,
                        length,
                        first_of.checked_sub(1.month()),
                        first_of.checked_add(1.month()),
                        dates.month(&first_of.strftime("%Y-%m").to_string()).text,
                    )
                }
            };
            let bad_date = || AppError::field("date", "calendar-error-date");
            let (previous, next) = (
                previous.map_err(|_| bad_date())?,
                next.map_err(|_| bad_date())?,
            );
            let end_day = first.checked_add(days.days()).map_err(|_| bad_date())?;
            let from = first
                .to_zoned(reader.clone())
                .map_err(|_| bad_date())?
                .timestamp();
            let to = end_day
                .to_zoned(reader.clone())
                .map_err(|_| bad_date())?
                .timestamp();
            let (space_name, space_zone, zone) = zone_of(&state, id).await?;
            // All-day events are dated in the space's zone: a day wider on each side.
            let widen = jiff::SignedDuration::from_hours(24);
            let rows = calendar_store::in_period(
                &state.db,
                id,
                Some((
                    from.checked_sub(widen).unwrap_or(from).as_second(),
                    to.checked_add(widen).unwrap_or(to).as_second(),
                )),
            )
            .await?;
            let mut exceptions = calendar_store::exceptions(&state.db, id).await?;
            let mut found: Vec<(&EventRow, Occurrence)> = Vec::new();
            for row in &rows {
                let Some(series) =
                    row.series(&zone, exceptions.remove(&row.id).unwrap_or_default())
                else {
                    continue;
                };
                let wide_from = from.checked_sub(widen).unwrap_or(from);
                let wide_to = to.checked_add(widen).unwrap_or(to);
                for occurrence in series.occurrences(wide_from, wide_to, 400) {
                    found.push((row, occurrence));
                }
            }
            found.sort_by_key(|(row, o)| (row.all_day == 0, o.start.timestamp(), row.id));
            let mut out = Vec::new();
            let mut day = first;
            while day < end_day {
                let next_day = day.tomorrow().map_err(|_| bad_date())?;
                let (day_from, day_to) = (
                    day.to_zoned(reader.clone())
                        .map_err(|_| bad_date())?
                        .timestamp(),
                    next_day
                        .to_zoned(reader.clone())
                        .map_err(|_| bad_date())?
                        .timestamp(),
                );
                let items: Vec<OccurrenceItem> = found
                    .iter()
                    .filter(|(row, o)| on_day(row.all_day != 0, o, day, day_from, day_to))
                    .map(|(row, o)| item(row, o, &dates))
                    .collect();
                if view != CalendarView::Agenda || !items.is_empty() {
                    out.push(CalendarDay {
                        date: dates.date(&day.to_string()),
                        weekday: weekday(&dates, day),
                        day: day.day(),
                        outside: view == CalendarView::Month && day.month() != anchor.month(),
                        today: day == today,
                        items,
                    });
                }
                day = next_day;
            }
            let (has_feed, new_feed_link) = match caller.id() {
                Some(user) if access.role.is_some() => {
                    let now = state.clock.now_seconds();
                    let new = calendar_store::feed_made_just_now(&state.db, id, user, &lien, now)
                        .await?
                        .then(|| state.config.public_link(&feed_path(&lien)));
                    (calendar_store::has_feed(&state.db, id, user).await?, new)
                }
                _ => (false, None),
            };
            Ok(CalendarPage {
                space_id: id,
                space_name,
                space_zone,
                view,
                period,
                anchor: first.to_string(),
                previous: previous.to_string(),
                next: next.to_string(),
                today: today.to_string(),
                days: out,
                can_create: access.allows(SpaceAction::Contribute),
                has_feed,
                is_member: access.role.is_some(),
                new_feed_link,
            })
        }
        .await,
    )
}

/// One event of space `id`: its text, time in the reader's zone, recurrence, next occurrences,
/// attendees and the caller's answer. 404 for a space the caller may not see or an event not
/// in it.
#[server(endpoint = "espaces/event")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/event", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn load_event(id: i64, event: i64) -> Result<EventDetail, AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            access.require(SpaceAction::Read)?;
            let row = calendar_store::by_id(&state.db, id, event)
                .await?
                .ok_or(AppError::NotFound)?;
            let dates = HumanDates::for_reader().await?;
            let (space_name, _, zone) = zone_of(&state, id).await?;
            let exceptions = calendar_store::exceptions(&state.db, id)
                .await?
                .remove(&row.id)
                .unwrap_or_default();
            let series = row.series(&zone, exceptions).ok_or(AppError::Internal)?;
            let first = series
                .occurrences(Timestamp::MIN, Timestamp::MAX, 1)
                .into_iter()
                .next()
                .ok_or(AppError::Internal)?;
            let first_item = item(&row, &first, &dates);
            let upcoming: Vec<OccurrenceItem> = if row.recurrence == Recurrence::None {
                Vec::new()
            } else {
                series
                    .occurrences(state.clock.now(), Timestamp::MAX, 12)
                    .iter()
                    .map(|o| item(&row, o, &dates))
                    .collect()
            };
            let attendees: Vec<AttendeeRow> = calendar_store::attendees(&state.db, row.id)
                .await?
                .into_iter()
                .map(|(user_id, name, answer)| AttendeeRow {
                    user_id,
                    name,
                    answer,
                })
                .collect();
            let my_answer = caller
                .id()
                .and_then(|me| attendees.iter().find(|a| a.user_id == me))
                .map(|a| a.answer);
            let can_edit = may_edit(&access, &caller, &row);
            let invitable = if can_edit {
                calendar_store::members(&state.db, id, state.clock.now_seconds())
                    .await?
                    .into_iter()
                    .filter(|(user, _)| !attendees.iter().any(|a| a.user_id == *user))
                    .map(|(user_id, name)| MemberChoice { user_id, name })
                    .collect()
            } else {
                Vec::new()
            };
            let locale = dates.locale();
            let recurrence_end = match (row.until_date.as_deref(), row.occurrences) {
                (Some(until), _) => {
                    locale.t_with("calendar-until", &[("date", dates.date(until).text)])
                }
                (None, Some(count)) => {
                    locale.t_with("calendar-count", &[("count", count.to_string())])
                }
                _ => String::new(),
            };
            let start = series.start;
            let last_day = if series.all_day {
                series.end.date().yesterday().unwrap_or(series.end.date())
            } else {
                series.end.date()
            };
            let form = EventForm {
                title: row.title.clone(),
                start_date: start.date().to_string(),
                start_time: start.strftime("%H:%M").to_string(),
                end_date: last_day.to_string(),
                end_time: series.end.strftime("%H:%M").to_string(),
                all_day: if series.all_day {
                    "on".into()
                } else {
                    String::new()
                },
                place: row.place.clone(),
                description: row.description.clone(),
                recurrence: row.recurrence.code().into(),
                every: row.every.to_string(),
                until: row.until_date.clone().unwrap_or_default(),
                count: row.occurrences.map(|c| c.to_string()).unwrap_or_default(),
            };
            Ok(EventDetail {
                id: row.id,
                space_id: id,
                space_name,
                title: row.title.clone(),
                place: row.place.clone(),
                description_html: markdown::render(&row.description),
                all_day: series.all_day,
                starts: first_item.starts,
                ends: first_item.ends,
                recurrence: row.recurrence,
                every: row.every,
                recurrence_end,
                upcoming,
                attendees,
                my_answer,
                can_edit,
                invitable,
                form,
            })
        }
        .await,
    )
}

/// Creates an event in space `id` (`event` 0) or saves event `event`: contributors and
/// animators create, contributors edit their own, animators any (403 otherwise; 409 in an
/// archived space). The form is checked whole (422 with every field's error; an end before
/// the start is refused). Answers the event's id. A creation is recorded in the space's
/// activity in the same transaction.
#[server(endpoint = "espaces/save_event")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/save_event", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn save_event(
    id: i64,
    #[server(default)] event: i64,
    form: EventForm,
) -> Result<i64, AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            let author = caller.account_id()?;
            let existing = if event == 0 {
                access.require(SpaceAction::Contribute)?;
                None
            } else {
                Some(editable(&state, &caller, &access, id, event).await?)
            };
            let checked = calendar_rules::check(&form)?;
            let (_, _, zone) = zone_of(&state, id).await?;
            let now = state.clock.now_seconds();
            let mut tx = state.db.begin_write().await?;
            let saved = match existing {
                Some(row) => {
                    calendar_store::update(&mut tx, row.id, &checked, &zone, now).await?;
                    row.id
                }
                None => {
                    let new =
                        calendar_store::insert(&mut tx, id, &checked, &zone, Some(author), now)
                            .await?;
                    record(
                        &mut tx,
                        &NewActivity {
                            space_id: id,
                            actor_id: Some(author),
                            module: Module::Calendar,
                            action: "activity-event-created",
                            subject: checked.title.clone(),
                            link: format!("/espaces/{id}/agenda/{new}"),
                            mentioned: vec![],
                            mail_to: MailTo::Everyone,
                        },
                        now,
                    )
                    .await?;
                    new
                }
            };
            tx.commit().await?;
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/agenda/{saved}"));
            Ok(saved)
        }
        .await,
    )
}

/// Deletes event `event` of space `id` (its author or an animator).
#[server(endpoint = "espaces/delete_event")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/delete_event", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn delete_event(id: i64, event: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            caller.account_id()?;
            let row = editable(&state, &caller, &access, id, event).await?;
            let mut tx = state.db.begin_write().await?;
            calendar_store::delete(&mut tx, row.id).await?;
            tx.commit().await?;
            redirect_plain_form(&format!("/espaces/{id}/agenda"));
            Ok(())
        }
        .await,
    )
}

/// Cancels the occurrence of recurring event `event` that starts on local date `date`
/// (`YYYY-MM-DD`, in the space's zone), or brings it back (`restore`). Its author or an
/// animator; 422 when the event has no occurrence that day.
#[server(endpoint = "espaces/cancel_occurrence")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/cancel_occurrence", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn cancel_occurrence(
    id: i64,
    event: i64,
    date: String,
    #[server(default)] restore: bool,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            caller.account_id()?;
            let row = editable(&state, &caller, &access, id, event).await?;
            let day = date
                .parse::<Date>()
                .map_err(|_| AppError::field("date", "calendar-error-date"))?;
            let (_, _, zone) = zone_of(&state, id).await?;
            let series = row
                .series(&zone, BTreeSet::new())
                .ok_or(AppError::Internal)?;
            if row.recurrence == Recurrence::None || !series.has_occurrence_on(day) {
                return Err(AppError::field("date", "calendar-error-no-occurrence"));
            }
            let mut tx = state.db.begin_write().await?;
            calendar_store::set_exception(&mut tx, row.id, day, restore).await?;
            tx.commit().await?;
            redirect_plain_form(&format!("/espaces/{id}/agenda/{event}"));
            Ok(())
        }
        .await,
    )
}

/// Invites member `user_id` of space `id` to event `event` (its author or an animator): they
/// get a mail carrying the event as an .ics file, through the jobs. 422 for someone who is
/// not a current member or is invited already.
#[server(endpoint = "espaces/invite_attendee")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/invite_attendee", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn invite_attendee(id: i64, event: i64, user_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            caller.account_id()?;
            let row = editable(&state, &caller, &access, id, event).await?;
            let now = state.clock.now_seconds();
            let mut tx = state.db.begin_write().await?;
            if !calendar_store::invite(&mut tx, id, row.id, user_id, now).await? {
                return Err(AppError::field("user_id", "calendar-error-not-invitable"));
            }
            calendar_mail::queue_invitation(&mut tx, row.id, user_id).await?;
            tx.commit().await?;
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/agenda/{event}"));
            Ok(())
        }
        .await,
    )
}

/// The caller's answer to event `event` of space `id`: `yes`, `no` or `maybe`. Invited
/// members only (403 for anyone else who sees the space; 409 in an archived space).
#[server(endpoint = "espaces/answer_event")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/answer_event", skip_all, fields(account = tracing::field::Empty, id = id, event = event)))]
pub async fn answer_event(id: i64, event: i64, answer: String) -> Result<Answer, AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            let user = caller.account_id()?;
            access.require(SpaceAction::Read)?;
            let row = calendar_store::by_id(&state.db, id, event)
                .await?
                .ok_or(AppError::NotFound)?;
            if access.archived {
                return Err(AppError::Conflict("error-space-archived".into()));
            }
            let answer = choice("answer", &answer, |code| {
                Answer::parse(code).filter(|a| Answer::GIVEN.contains(a))
            })?;
            if !calendar_store::answer(&state.db, row.id, user, answer, state.clock.now_seconds())
                .await?
            {
                return Err(AppError::Forbidden);
            }
            redirect_plain_form(&format!("/espaces/{id}/agenda/{event}"));
            Ok(answer)
        }
        .await,
    )
}

/// The address of the iCalendar feed `token` opens.
#[cfg(feature = "ssr")]
fn feed_path(token: &str) -> String {
    format!("/espaces/agenda/{token}.ics")
}

/// Gives the caller (a member of space `id`) a new private link to the space's iCalendar
/// feed, for Outlook, Thunderbird or a phone to subscribe to; the previous link stops
/// working. Answers the link (shown once: only its digest is kept). 403 for a non-member who
/// sees the space.
#[server(endpoint = "espaces/calendar_feed")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/calendar_feed", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn new_calendar_feed(id: i64) -> Result<String, AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            let user = caller.account_id()?;
            if access.role.is_none() {
                return Err(AppError::Forbidden);
            }
            let token =
                calendar_store::new_feed(&state.db, id, user, state.clock.now_seconds()).await?;
            redirect_plain_form(&crate::link_token::shown_once(
                &format!("/espaces/{id}/agenda"),
                &token,
            ));
            Ok(state.config.public_link(&feed_path(&token)))
        }
        .await,
    )
}

/// Revokes the caller's feed link of space `id` (members; 403 for anyone else).
#[server(endpoint = "espaces/revoke_calendar_feed")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/revoke_calendar_feed", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn revoke_calendar_feed(id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, caller, access) = standing(id).await?;
            let user = caller.account_id()?;
            if access.role.is_none() {
                return Err(AppError::Forbidden);
            }
            calendar_store::revoke_feed(&state.db, id, user).await?;
            redirect_plain_form(&format!("/espaces/{id}/agenda"));
            Ok(())
        }
        .await,
    )
}
