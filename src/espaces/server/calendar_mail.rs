//! The calendar's mails, sent by the durable jobs: an invitation carrying the event as an
//! `.ics` attachment ([`INVITATION_MAIL`]), and the reminder round ([`reminders`]) that, about
//! 24 hours before an occurrence, queues one reminder per attendee who did not decline
//! ([`REMINDER_MAIL`]); `space_event_reminders` keeps each occurrence reminded once. Each mail
//! checks at sending time that its recipient is still invited and a member.

use super::{calendar_ics, calendar_rules::Occurrence, calendar_store};
use crate::{
    accounts::server::store::recipient,
    server::{
        human_dates::HumanDates,
        jobs::{self, Job, JobError, NewJob, Round},
        state::AppState,
    },
};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeSet, time::Duration};

/// The job kind of an invitation to an event.
pub const INVITATION_MAIL: &str = "espaces.event_invitation_mail";
/// The job kind of one attendee's reminder of one occurrence.
pub const REMINDER_MAIL: &str = "espaces.event_reminder_mail";
/// How long before an occurrence its reminder goes out.
pub const REMINDER_AHEAD: SignedDuration = SignedDuration::from_hours(24);

/// The payload of both mails.
#[derive(Debug, Serialize, Deserialize)]
pub struct EventMail {
    pub event_id: i64,
    pub user_id: i64,
    /// The occurrence's start (Unix seconds) for a reminder; the first start for an invitation.
    #[serde(default)]
    pub starts_at: i64,
}

/// Queues the invitation of `user` to `event_id` on `conn` (the invitation's transaction).
pub async fn queue_invitation(
    conn: &mut sqlx::AnyConnection,
    event_id: i64,
    user: i64,
) -> Result<(), sqlx::Error> {
    jobs::enqueue(
        conn,
        NewJob {
            kind: INVITATION_MAIL,
            payload: &EventMail {
                event_id,
                user_id: user,
                starts_at: 0,
            },
            dedup_key: None,
        },
    )
    .await?;
    Ok(())
}

/// Whether `user` is still invited to `event_id` and a current member of its space, and has
/// not declined; the event's space id then.
async fn still_invited(app: &AppState, event_id: i64, user: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.space_id, a.answer FROM space_event_attendees a JOIN space_events e ON e.id = a.event_id \
         JOIN space_members m ON m.space_id = e.space_id AND m.user_id = a.user_id \
         AND (m.access_ends_at IS NULL OR m.access_ends_at > $3) WHERE a.event_id = $1 AND a.user_id = $2",
    )
    .bind(event_id)
    .bind(user)
    .bind(app.clock.now_seconds())
    .fetch_optional(&app.db.pool)
    .await
}

/// Sends [`INVITATION_MAIL`] or [`REMINDER_MAIL`] (`reminder`).
async fn send(app: AppState, job: Job, reminder: bool) -> Result<(), JobError> {
    let mail: EventMail = job.payload()?;
    let Some((space_id, answer)) = still_invited(&app, mail.event_id, mail.user_id).await? else {
        return Ok(());
    };
    if reminder && answer == "no" {
        return Ok(());
    }
    let Some(to) = recipient(&app.db, mail.user_id).await? else {
        return Ok(());
    };
    let Some(event) = calendar_store::by_id(&app.db, space_id, mail.event_id).await? else {
        return Ok(());
    };
    let Some((space_name, tzid, zone)) = calendar_store::space_zone(&app.db, space_id).await? else {
        return Ok(());
    };
    let dates = HumanDates::for_account(&app, to.locale, &to.time_zone);
    let exceptions = calendar_store::exceptions(&app.db, space_id)
        .await?
        .remove(&event.id)
        .unwrap_or_default();
    let starts_at = if reminder {
        mail.starts_at
    } else {
        event
            .series(&zone, BTreeSet::new())
            .and_then(|s| s.first_start())
            .unwrap_or(0)
    };
    let locale = to.locale;
    let args = [
        ("title", event.title.clone()),
        ("space", space_name.clone()),
        ("when", dates.instant_text(starts_at)),
        ("place", event.place.clone()),
        (
            "link",
            app.config
                .public_link(&format!("/espaces/{space_id}/agenda/{}", event.id)),
        ),
    ];
    let (subject_key, body_key) = if reminder {
        ("mail-event-reminder-subject", "mail-event-reminder-body")
    } else {
        ("mail-event-invitation-subject", "mail-event-invitation-body")
    };
    let subject = locale.t_with(subject_key, &args);
    let body = locale.t_with(body_key, &args);
    if reminder {
        app.mailer
            .send_as(&job.message_id(&app.config), &to.email, &subject, body)
            .await?;
    } else {
        let ics = calendar_ics::single(&event, &exceptions, &tzid, &zone, &space_name);
        app.mailer
            .send_with_attachment_as(
                &job.message_id(&app.config),
                &to.email,
                &subject,
                body,
                "invitation.ics",
                "text/calendar; charset=utf-8; method=PUBLISH",
                ics.into_bytes(),
            )
            .await?;
    }
    Ok(())
}

/// The handler of [`INVITATION_MAIL`].
pub fn send_invitation(app: AppState, job: Job) -> jobs::JobFuture {
    Box::pin(send(app, job, false))
}

/// The handler of [`REMINDER_MAIL`].
pub fn send_reminder(app: AppState, job: Job) -> jobs::JobFuture {
    Box::pin(send(app, job, true))
}

/// The reminder round, every `every_seconds` once across all processes.
pub fn periodic(every_seconds: u64) -> Round {
    Round {
        name: "espaces.event_reminders",
        every: Duration::from_secs(every_seconds.max(1)),
        first_at_once: false,
        run: |app| Box::pin(async move { reminders(&app).await.map(|_| ()).map_err(JobError::from) }),
    }
}

/// One reminder round: each occurrence (not cancelled) of an event with attendees, in a space
/// that uses the calendar (switched off: no mail about it), that starts
/// within the next [`REMINDER_AHEAD`] and was not reminded yet is marked reminded and gets one
/// mail job per attendee who did not decline, in one transaction. Returns the jobs queued.
pub async fn reminders(app: &AppState) -> Result<usize, sqlx::Error> {
    let now = app.clock.now();
    let until = now.checked_add(REMINDER_AHEAD).unwrap_or(now);
    let spaces: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT e.space_id FROM space_events e JOIN space_event_attendees a ON a.event_id = e.id \
         JOIN space_modules m ON m.space_id = e.space_id AND m.module = 'calendar' \
         WHERE e.starts_at < $2 AND (e.last_ends_at IS NULL OR e.last_ends_at >= $1) ORDER BY e.space_id",
    )
    .bind(now.as_second())
    .bind(until.as_second())
    .fetch_all(&app.db.pool)
    .await?;
    let mut queued = 0;
    for space in spaces {
        queued += remind_space(app, space, now, until).await?;
    }
    if queued > 0 {
        app.jobs.wake();
    }
    Ok(queued)
}

async fn remind_space(app: &AppState, space: i64, now: Timestamp, until: Timestamp) -> Result<usize, sqlx::Error> {
    let Some((_, _, zone)) = calendar_store::space_zone(&app.db, space).await? else {
        return Ok(0);
    };
    let events = calendar_store::in_period(&app.db, space, Some((now.as_second(), until.as_second()))).await?;
    let mut exceptions = calendar_store::exceptions(&app.db, space).await?;
    let mut queued = 0;
    for event in events {
        let Some(series) = event.series(&zone, exceptions.remove(&event.id).unwrap_or_default()) else {
            continue;
        };
        let coming: Vec<Occurrence> = series
            .occurrences(now, until, 8)
            .into_iter()
            .filter(|o| !o.cancelled && o.start.timestamp() > now)
            .collect();
        for occurrence in coming {
            queued += remind_one(app, event.id, &occurrence).await?;
        }
    }
    Ok(queued)
}

async fn remind_one(app: &AppState, event_id: i64, occurrence: &Occurrence) -> Result<usize, sqlx::Error> {
    let mut tx = app.db.begin_write().await?;
    let fresh = sqlx::query(
        "INSERT INTO space_event_reminders (event_id, occurrence_date, queued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(event_id)
    .bind(occurrence.date.to_string())
    .bind(app.clock.now_seconds())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if fresh == 0 {
        return Ok(0);
    }
    let users: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM space_event_attendees WHERE event_id = $1 AND answer <> 'no' ORDER BY user_id",
    )
    .bind(event_id)
    .fetch_all(&mut *tx)
    .await?;
    for user in &users {
        jobs::enqueue(
            &mut *tx,
            NewJob {
                kind: REMINDER_MAIL,
                payload: &EventMail {
                    event_id,
                    user_id: *user,
                    starts_at: occurrence.start.timestamp().as_second(),
                },
                dedup_key: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(users.len())
}
