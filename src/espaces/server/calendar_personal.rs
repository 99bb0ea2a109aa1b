//! The shared calendar's part of an account's "my data" archive (`calendar.json`: the events
//! it created, the events it was invited to with its answers, its private feed links' dates)
//! and of its erasure: its invitations and feed links go; the events it created stay with
//! their spaces, pointing at the tombstone.

use crate::server::{
    db::Db,
    personal_data::{arrays, PersonalData},
};
use sqlx::AnyConnection;

/// The calendar's part of `account`'s archive: one file, `calendar.json`.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let parts: [(&str, &str); 3] = [
        (
            "events_created",
            "SELECT s.name AS space, e.title, e.place, e.description, e.starts_local, e.ends_local, e.all_day, \
             e.recurrence, e.created_at, e.updated_at FROM space_events e JOIN spaces s ON s.id = e.space_id \
             WHERE e.created_by = $1 ORDER BY e.created_at, e.id",
        ),
        (
            "invitations",
            "SELECT s.name AS space, e.title, e.starts_local, a.answer, a.invited_at, a.answered_at \
             FROM space_event_attendees a JOIN space_events e ON e.id = a.event_id JOIN spaces s ON s.id = e.space_id \
             WHERE a.user_id = $1 ORDER BY a.invited_at, e.id",
        ),
        (
            "feed_links",
            "SELECT s.name AS space, f.created_at FROM space_calendar_feeds f JOIN spaces s ON s.id = f.space_id \
             WHERE f.user_id = $1 ORDER BY f.created_at",
        ),
    ];
    data.file("calendar.json", arrays(db, &parts, account).await?);
    Ok(data)
}

/// Erases the calendar's data of `account` on `conn` (the erasure's transaction): its
/// invitations to events and its feed links. Returns the number of rows deleted.
pub async fn erase(conn: &mut AnyConnection, account: i64) -> Result<u64, sqlx::Error> {
    let mut deleted = 0;
    for sql in [
        "DELETE FROM space_event_attendees WHERE user_id = $1",
        "DELETE FROM space_calendar_feeds WHERE user_id = $1",
    ] {
        deleted += sqlx::query(sql)
            .bind(account)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(deleted)
}
