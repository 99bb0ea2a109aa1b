//! The calendar's tables: `space_events` (an event and its recurrence), its cancelled
//! occurrences (`space_event_exceptions`), its attendees (`space_event_attendees`) and each
//! member's private feed token (`space_calendar_feeds`, its SHA-256 only).

use super::calendar_rules::{read_stored, stored, CheckedEvent, Rule, Series};
use crate::{
    espaces::calendar_types::{Answer, Recurrence},
    server::{clock::zone_named, db::Db, tokens},
};
use jiff::{civil::Date, tz::TimeZone};
use sqlx::AnyConnection;
use std::collections::{BTreeSet, HashMap};

/// An event as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub space_id: i64,
    pub uid: String,
    pub title: String,
    pub place: String,
    pub description: String,
    pub all_day: i64,
    pub starts_local: String,
    pub ends_local: String,
    pub recurrence: Recurrence,
    pub every: i64,
    pub until_date: Option<String>,
    pub occurrences: Option<i64>,
    pub created_by: Option<i64>,
    pub updated_at: i64,
}

const EVENT_COLUMNS: &str = "e.id, e.space_id, e.uid, e.title, e.place, e.description, e.all_day, \
     e.starts_local, e.ends_local, e.recurrence, e.every, e.until_date, e.occurrences, e.created_by, e.updated_at";

impl EventRow {
    /// Its rule, as stored.
    pub fn rule(&self) -> Rule {
        Rule {
            freq: self.recurrence,
            every: self.every.max(1),
            until: self.until_date.as_deref().and_then(|d| d.parse().ok()),
            count: self.occurrences,
        }
    }

    /// Its series in `zone`, with `exceptions`; `None` when a stored date does not read.
    pub fn series(&self, zone: &TimeZone, exceptions: BTreeSet<Date>) -> Option<Series> {
        Some(Series {
            start: read_stored(&self.starts_local)?,
            end: read_stored(&self.ends_local)?,
            all_day: self.all_day != 0,
            rule: self.rule(),
            exceptions,
            zone: zone.clone(),
        })
    }
}

/// A space's name and time zone (the city's when the stored name is unknown).
pub async fn space_zone(
    db: &Db,
    space_id: i64,
) -> Result<Option<(String, String, TimeZone)>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT name, time_zone FROM spaces WHERE id = $1")
            .bind(space_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(name, zone_name)| {
        let zone = zone_named(&zone_name)
            .unwrap_or_else(|| zone_named("Europe/Paris").unwrap_or(TimeZone::UTC));
        (name, zone_name, zone)
    }))
}

/// A new iCalendar UID.
pub fn new_uid() -> String {
    let (token, _) = tokens::issue();
    format!("{}@parvis", &token[..32])
}

/// Records a new event of `space_id` by `author` on `conn`; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    space_id: i64,
    event: &CheckedEvent,
    zone: &TimeZone,
    author: Option<i64>,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let series = series_of(event, zone);
    sqlx::query_scalar(
        "INSERT INTO space_events (space_id, uid, title, place, description, all_day, starts_local, ends_local, \
         starts_at, last_ends_at, recurrence, every, until_date, occurrences, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
    )
    .bind(space_id)
    .bind(new_uid())
    .bind(&event.title)
    .bind(&event.place)
    .bind(&event.description)
    .bind(i64::from(event.all_day))
    .bind(stored(event.start))
    .bind(stored(event.end))
    .bind(series.first_start().unwrap_or(0))
    .bind(series.last_end())
    .bind(event.rule.freq.code())
    .bind(event.rule.every)
    .bind(event.rule.until.map(|d| d.to_string()))
    .bind(event.rule.count)
    .bind(author)
    .bind(at)
    .fetch_one(&mut *conn)
    .await
}

fn series_of(event: &CheckedEvent, zone: &TimeZone) -> Series {
    Series {
        start: event.start,
        end: event.end,
        all_day: event.all_day,
        rule: event.rule,
        exceptions: BTreeSet::new(),
        zone: zone.clone(),
    }
}

/// Saves event `id`'s new text, time and recurrence.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    event: &CheckedEvent,
    zone: &TimeZone,
    at: i64,
) -> Result<(), sqlx::Error> {
    let series = series_of(event, zone);
    sqlx::query(
        "UPDATE space_events SET title = $2, place = $3, description = $4, all_day = $5, starts_local = $6, \
         ends_local = $7, starts_at = $8, last_ends_at = $9, recurrence = $10, every = $11, until_date = $12, \
         occurrences = $13, updated_at = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(&event.title)
    .bind(&event.place)
    .bind(&event.description)
    .bind(i64::from(event.all_day))
    .bind(stored(event.start))
    .bind(stored(event.end))
    .bind(series.first_start().unwrap_or(0))
    .bind(series.last_end())
    .bind(event.rule.freq.code())
    .bind(event.rule.every)
    .bind(event.rule.until.map(|d| d.to_string()))
    .bind(event.rule.count)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Event `id` of space `space_id`.
pub async fn by_id(db: &Db, space_id: i64, id: i64) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM space_events e WHERE e.id = $1 AND e.space_id = $2"
    ))
    .bind(id)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await
}

/// The events of `space_id` that may have an occurrence in `[from, to)` (Unix seconds), or
/// all of them when `from` and `to` are `None`.
pub async fn in_period(
    db: &Db,
    space_id: i64,
    period: Option<(i64, i64)>,
) -> Result<Vec<EventRow>, sqlx::Error> {
    match period {
        Some((from, to)) => {
            sqlx::query_as(&format!(
                "SELECT {EVENT_COLUMNS} FROM space_events e WHERE e.space_id = $1 AND e.starts_at < $3 \
                 AND (e.last_ends_at IS NULL OR e.last_ends_at >= $2) ORDER BY e.starts_at, e.id"
            ))
            .bind(space_id)
            .bind(from)
            .bind(to)
            .fetch_all(&db.pool)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {EVENT_COLUMNS} FROM space_events e WHERE e.space_id = $1 ORDER BY e.starts_at, e.id"
            ))
            .bind(space_id)
            .fetch_all(&db.pool)
            .await
        }
    }
}

/// The cancelled occurrences of the events `ids`, by event.
pub async fn exceptions(
    db: &Db,
    space_id: i64,
) -> Result<HashMap<i64, BTreeSet<Date>>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT x.event_id, x.occurrence_date FROM space_event_exceptions x \
         JOIN space_events e ON e.id = x.event_id WHERE e.space_id = $1",
    )
    .bind(space_id)
    .fetch_all(&db.pool)
    .await?;
    let mut map: HashMap<i64, BTreeSet<Date>> = HashMap::new();
    for (event, day) in rows {
        if let Ok(day) = day.parse::<Date>() {
            map.entry(event).or_default().insert(day);
        }
    }
    Ok(map)
}

/// Cancels (or, with `restore`, brings back) the occurrence of event `id` on local date `day`.
pub async fn set_exception(
    conn: &mut AnyConnection,
    id: i64,
    day: Date,
    restore: bool,
) -> Result<(), sqlx::Error> {
    let sql = if restore {
        "DELETE FROM space_event_exceptions WHERE event_id = $1 AND occurrence_date = $2"
    } else {
        "INSERT INTO space_event_exceptions (event_id, occurrence_date) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    };
    sqlx::query(sql)
        .bind(id)
        .bind(day.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes event `id` (its exceptions, attendees and reminders go with it).
pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM space_events WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Event `id`'s attendees with their name and answer, by name.
pub async fn attendees(db: &Db, id: i64) -> Result<Vec<(i64, String, Answer)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.user_id, u.display_name, a.answer FROM space_event_attendees a \
         JOIN users u ON u.id = a.user_id WHERE a.event_id = $1 ORDER BY u.display_name, a.user_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The current members of `space_id` (id, name), by name.
pub async fn members(db: &Db, space_id: i64, now: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.display_name FROM space_members m JOIN users u ON u.id = m.user_id \
         WHERE m.space_id = $1 AND (m.access_ends_at IS NULL OR m.access_ends_at > $2) \
         ORDER BY u.display_name, u.id",
    )
    .bind(space_id)
    .bind(now)
    .fetch_all(&db.pool)
    .await
}

/// Invites `user` to event `id` when they are a current member of its space and not invited
/// yet; whether they were invited now.
pub async fn invite(
    conn: &mut AnyConnection,
    space_id: i64,
    id: i64,
    user: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO space_event_attendees (event_id, user_id, answer, invited_at) \
         SELECT $1, m.user_id, 'pending', $4 FROM space_members m WHERE m.space_id = $2 AND m.user_id = $3 \
         AND (m.access_ends_at IS NULL OR m.access_ends_at > $4) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(space_id)
    .bind(user)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records `user`'s answer to event `id`; false when they are not invited.
pub async fn answer(
    db: &Db,
    id: i64,
    user: i64,
    answer: Answer,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE space_event_attendees SET answer = $3, answered_at = $4 WHERE event_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .bind(answer.code())
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives `user` a new private feed token for `space_id` (the previous one stops working);
/// returns the token (only its digest is kept).
pub async fn new_feed(db: &Db, space_id: i64, user: i64, at: i64) -> Result<String, sqlx::Error> {
    let (token, hash) = tokens::issue();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM space_calendar_feeds WHERE space_id = $1 AND user_id = $2")
        .bind(space_id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO space_calendar_feeds (space_id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(space_id)
    .bind(user)
    .bind(hash)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Whether `token` is `user`'s current feed link of `space_id`, made less than
/// [`SHOWN_AGAIN_SECONDS`](crate::link_token::SHOWN_AGAIN_SECONDS) before `now`: only then is
/// it shown again (the new link of a form posted without JavaScript).
pub async fn feed_made_just_now(
    db: &Db,
    space_id: i64,
    user: i64,
    token: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !crate::link_token::well_formed(token) {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT space_id FROM space_calendar_feeds WHERE token_hash = $1 AND space_id = $2 \
         AND user_id = $3 AND created_at > $4",
    )
    .bind(tokens::digest(token))
    .bind(space_id)
    .bind(user)
    .bind(now - crate::link_token::SHOWN_AGAIN_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Revokes `user`'s feed token of `space_id`; whether there was one.
pub async fn revoke_feed(db: &Db, space_id: i64, user: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM space_calendar_feeds WHERE space_id = $1 AND user_id = $2")
        .bind(space_id)
        .bind(user)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether `user` has a feed token for `space_id`.
pub async fn has_feed(db: &Db, space_id: i64, user: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_calendar_feeds WHERE space_id = $1 AND user_id = $2",
    )
    .bind(space_id)
    .bind(user)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// The space a feed token opens: its holder must still be a current member.
pub async fn feed_space(db: &Db, token: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT f.space_id FROM space_calendar_feeds f JOIN space_members m ON m.space_id = f.space_id \
         AND m.user_id = f.user_id AND (m.access_ends_at IS NULL OR m.access_ends_at > $2) \
         WHERE f.token_hash = $1",
    )
    .bind(tokens::digest(token))
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}
