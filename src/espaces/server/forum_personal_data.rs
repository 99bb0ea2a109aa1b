//! The forum's part of an account's "my data" archive (`forum.json`: the threads it started,
//! the posts it wrote, how far it read each thread) and of its erasure: the read markers go;
//! threads and posts stay with their spaces, shown under the tombstone's former-member name
//! (as Innovation's comments and replies).

use crate::server::{
    db::Db,
    personal_data::{arrays, PersonalData},
};
use sqlx::AnyConnection;

/// The forum's part of `account`'s archive: one file, `forum.json`.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let parts: [(&str, &str); 3] = [
        (
            "threads_started",
            "SELECT s.name AS space, t.title, t.created_at FROM forum_threads t \
             JOIN spaces s ON s.id = t.space_id WHERE t.author_id = $1 ORDER BY t.id",
        ),
        (
            "posts",
            "SELECT s.name AS space, t.title AS thread, p.body_md, p.created_at, p.edited_at, p.solution_at \
             FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id JOIN spaces s ON s.id = t.space_id \
             WHERE p.author_id = $1 ORDER BY p.id",
        ),
        (
            "threads_read",
            "SELECT s.name AS space, t.title AS thread, r.last_post_id FROM forum_reads r \
             JOIN forum_threads t ON t.id = r.thread_id JOIN spaces s ON s.id = t.space_id \
             WHERE r.user_id = $1 ORDER BY r.thread_id",
        ),
    ];
    data.file("forum.json", arrays(db, &parts, account).await?);
    Ok(data)
}

/// Erases the forum's data of `account` on `conn` (its read markers); returns the rows
/// deleted. Its threads and posts stay, under the tombstone's name.
pub async fn erase(conn: &mut AnyConnection, account: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM forum_reads WHERE user_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}
