//! The forum's threads and posts, written (`forum_threads`, `forum_posts` and their search
//! terms `forum_post_terms`): starting a thread and replying, each with its line of the
//! space's activity and the members its `@Name`s mention, in one transaction; editing and
//! deleting a post; pinning, locking, choosing the solution; what a member has read
//! (`forum_reads`). The checks of who may do what are the server functions' (`forum_api.rs`),
//! on the facts [`thread_facts`] and [`post_facts`] read. Reading lists: `forum_read.rs`.

use super::activity::{self, MailTo, NewActivity};
use crate::{
    espaces::{forum_types::ThreadModeration, types::Module},
    server::{
        db::Db,
        markdown, mentions,
        sql::{insert_pairs, Value},
        text,
    },
};
use sqlx::AnyConnection;

/// The SQL answering a current member of space `$2` (at `$3`) whose name key is `$1`: a
/// forum's `@Name` mentions members of its space only.
const MEMBER_NAMED: &str = "SELECT u.id FROM users u JOIN space_members m ON m.user_id = u.id \
     WHERE u.name_key = $1 AND m.space_id = $2 AND (m.access_ends_at IS NULL OR m.access_ends_at > $3) \
     ORDER BY u.id LIMIT 1";

/// A thread as the checks see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadFacts {
    pub id: i64,
    pub title: String,
    pub author_id: Option<i64>,
    pub locked_at: Option<i64>,
}

/// Thread `thread` of space `space_id`, if there is one.
pub async fn thread_facts(
    db: &Db,
    space_id: i64,
    thread: i64,
) -> Result<Option<ThreadFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, title, author_id, locked_at FROM forum_threads WHERE id = $1 AND space_id = $2",
    )
    .bind(thread)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await
}

/// A post as the checks see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostFacts {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: Option<i64>,
    /// The thread's opening post (its lowest id).
    pub opening: i64,
    /// The thread's other posts.
    pub replies: i64,
}

impl PostFacts {
    /// Whether this is the thread's opening post.
    pub fn is_opening(&self) -> bool {
        self.opening == self.id
    }
}

/// Post `post` of a thread of space `space_id`, if there is one.
pub async fn post_facts(
    db: &Db,
    space_id: i64,
    post: i64,
) -> Result<Option<PostFacts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.thread_id, p.author_id, \
         (SELECT MIN(o.id) FROM forum_posts o WHERE o.thread_id = p.thread_id) AS opening, \
         (SELECT COUNT(*) FROM forum_posts o WHERE o.thread_id = p.thread_id) - 1 AS replies \
         FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id \
         WHERE p.id = $1 AND t.space_id = $2",
    )
    .bind(post)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await
}

/// Replaces post `post`'s search terms with those of `text` (French and English stems).
async fn index(conn: &mut AnyConnection, post: i64, text_of: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM forum_post_terms WHERE post_id = $1")
        .bind(post)
        .execute(&mut *conn)
        .await?;
    insert_pairs(
        conn,
        "forum_post_terms (post_id, term)",
        text::bilingual_terms(text_of)
            .into_iter()
            .map(|term| (Value::from(post), term.into())),
    )
    .await
}

/// Adds a post (rendered and indexed; `title` is indexed with it for an opening post) and
/// moves its author's read marker to it.
async fn insert_post(
    conn: &mut AnyConnection,
    thread: i64,
    author: i64,
    title: Option<&str>,
    body: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO forum_posts (thread_id, author_id, body_md, body_html, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(thread)
    .bind(author)
    .bind(body)
    .bind(markdown::render(body))
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    index(conn, id, &format!("{} {body}", title.unwrap_or_default())).await?;
    read_up_to(conn, thread, author, id).await?;
    Ok(id)
}

/// Records that `user` has read thread `thread` up to post `post` (a marker never moves back).
async fn read_up_to(
    conn: &mut AnyConnection,
    thread: i64,
    user: i64,
    post: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO forum_reads (thread_id, user_id, last_post_id) VALUES ($1, $2, $3) \
         ON CONFLICT (thread_id, user_id) DO UPDATE SET last_post_id = excluded.last_post_id \
         WHERE forum_reads.last_post_id < excluded.last_post_id",
    )
    .bind(thread)
    .bind(user)
    .bind(post)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records that `user` has read all of thread `thread` now; returns the newest post they had
/// read before (0: none).
pub async fn mark_read(db: &Db, thread: i64, user: i64) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let before: Option<i64> = sqlx::query_scalar(
        "SELECT last_post_id FROM forum_reads WHERE thread_id = $1 AND user_id = $2",
    )
    .bind(thread)
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM forum_posts WHERE thread_id = $1")
            .bind(thread)
            .fetch_one(&mut *tx)
            .await?;
    if let Some(newest) = newest {
        read_up_to(&mut tx, thread, user, newest).await?;
    }
    tx.commit().await?;
    Ok(before.unwrap_or(0))
}

/// What someone writes in a space's forum.
#[derive(Debug, Clone, Copy)]
pub struct Writing<'a> {
    pub space_id: i64,
    pub author: i64,
    pub body: &'a str,
    pub at: i64,
}

/// The current members of `space_id` that `body`'s `@Name`s mention at `at`.
async fn members_mentioned(
    conn: &mut AnyConnection,
    space_id: i64,
    body: &str,
    at: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    mentions::resolve(conn, body, MEMBER_NAMED, &[space_id, at]).await
}

/// Records `writing`'s line of activity (`action`, about `title`, linking to `link`) with
/// the current members of the space its `@Name`s mention.
async fn tell(
    conn: &mut AnyConnection,
    writing: Writing<'_>,
    action: &'static str,
    title: &str,
    link: String,
) -> Result<(), sqlx::Error> {
    let mentioned = members_mentioned(conn, writing.space_id, writing.body, writing.at).await?;
    tell_mentioned(
        conn,
        writing,
        action,
        title,
        link,
        mentioned,
        MailTo::Everyone,
    )
    .await
}

/// Records `writing`'s line of activity with `mentioned` told of it, mailed at once to
/// `mail_to`.
async fn tell_mentioned(
    conn: &mut AnyConnection,
    writing: Writing<'_>,
    action: &'static str,
    title: &str,
    link: String,
    mentioned: Vec<i64>,
    mail_to: MailTo,
) -> Result<(), sqlx::Error> {
    activity::record(
        conn,
        &NewActivity {
            space_id: writing.space_id,
            actor_id: Some(writing.author),
            module: Module::Forum,
            action,
            subject: title.to_string(),
            link,
            mentioned,
            mail_to,
        },
        writing.at,
    )
    .await?;
    Ok(())
}

/// Starts a thread in `category` (of the writing's space, checked by the caller) with its
/// opening post; returns (thread, post).
pub async fn start(
    conn: &mut AnyConnection,
    writing: Writing<'_>,
    category: i64,
    title: &str,
) -> Result<(i64, i64), sqlx::Error> {
    let thread: i64 = sqlx::query_scalar(
        "INSERT INTO forum_threads (space_id, category_id, author_id, title, created_at, last_post_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(writing.space_id)
    .bind(category)
    .bind(writing.author)
    .bind(title)
    .bind(writing.at)
    .fetch_one(&mut *conn)
    .await?;
    let post = insert_post(
        conn,
        thread,
        writing.author,
        Some(title),
        writing.body,
        writing.at,
    )
    .await?;
    let link = format!("/espaces/{}/forum/{thread}", writing.space_id);
    tell(conn, writing, "activity-forum-thread", title, link).await?;
    Ok((thread, post))
}

/// Adds a reply to `thread` (of the writing's space, open: checked by the caller); returns
/// the post.
pub async fn reply(
    conn: &mut AnyConnection,
    writing: Writing<'_>,
    thread: &ThreadFacts,
) -> Result<i64, sqlx::Error> {
    let post = insert_post(
        conn,
        thread.id,
        writing.author,
        None,
        writing.body,
        writing.at,
    )
    .await?;
    sqlx::query("UPDATE forum_threads SET last_post_at = $2 WHERE id = $1")
        .bind(thread.id)
        .bind(writing.at)
        .execute(&mut *conn)
        .await?;
    let link = format!(
        "/espaces/{}/forum/{}#message-{post}",
        writing.space_id, thread.id
    );
    tell(conn, writing, "activity-forum-reply", &thread.title, link).await?;
    Ok(post)
}

/// Replaces post `post`'s text with `writing`'s (rendered and indexed again), marked edited.
/// Members whom the new text mentions and the old one did not are told, through one line of
/// activity (`activity-forum-edit`); an edit that adds no mention records none (the feed
/// would fill with typo fixes).
pub async fn edit(db: &Db, post: &PostFacts, writing: Writing<'_>) -> Result<(), sqlx::Error> {
    let (body, at) = (writing.body, writing.at);
    let mut tx = db.begin_write().await?;
    let old: String = sqlx::query_scalar("SELECT body_md FROM forum_posts WHERE id = $1")
        .bind(post.id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE forum_posts SET body_md = $2, body_html = $3, edited_at = $4 WHERE id = $1",
    )
    .bind(post.id)
    .bind(body)
    .bind(markdown::render(body))
    .bind(at)
    .execute(&mut *tx)
    .await?;
    let title: String = sqlx::query_scalar("SELECT title FROM forum_threads WHERE id = $1")
        .bind(post.thread_id)
        .fetch_one(&mut *tx)
        .await?;
    let indexed = if post.is_opening() {
        format!("{title} {body}")
    } else {
        body.to_string()
    };
    index(&mut tx, post.id, &indexed).await?;
    let before = members_mentioned(&mut tx, writing.space_id, &old, at).await?;
    let added: Vec<i64> = members_mentioned(&mut tx, writing.space_id, body, at)
        .await?
        .into_iter()
        .filter(|id| !before.contains(id))
        .collect();
    if !added.is_empty() {
        let link = format!(
            "/espaces/{}/forum/{}#message-{}",
            writing.space_id, post.thread_id, post.id
        );
        tell_mentioned(
            &mut tx,
            writing,
            "activity-forum-edit",
            &title,
            link,
            added,
            MailTo::Mentioned,
        )
        .await?;
    }
    tx.commit().await
}

/// Deletes post `post`; its thread with every post when it is the opening one.
pub async fn delete(db: &Db, post: &PostFacts) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // Children first: the foreign keys' cascades are not relied on.
    if post.is_opening() {
        for sql in [
            "DELETE FROM forum_post_terms WHERE post_id IN (SELECT id FROM forum_posts WHERE thread_id = $1)",
            "DELETE FROM forum_reads WHERE thread_id = $1",
            "DELETE FROM forum_posts WHERE thread_id = $1",
            "DELETE FROM forum_threads WHERE id = $1",
        ] {
            sqlx::query(sql)
                .bind(post.thread_id)
                .execute(&mut *tx)
                .await?;
        }
    } else {
        for sql in [
            "DELETE FROM forum_post_terms WHERE post_id = $1",
            "DELETE FROM forum_posts WHERE id = $1",
        ] {
            sqlx::query(sql).bind(post.id).execute(&mut *tx).await?;
        }
    }
    tx.commit().await
}

/// Pins, unpins, locks or unlocks thread `thread`.
pub async fn moderate(
    db: &Db,
    thread: i64,
    action: ThreadModeration,
    at: i64,
) -> Result<(), sqlx::Error> {
    let query = match action {
        ThreadModeration::Pin => {
            sqlx::query("UPDATE forum_threads SET pinned_at = $2 WHERE id = $1")
                .bind(thread)
                .bind(at)
        }
        ThreadModeration::Lock => {
            sqlx::query("UPDATE forum_threads SET locked_at = $2 WHERE id = $1")
                .bind(thread)
                .bind(at)
        }
        ThreadModeration::Unpin => {
            sqlx::query("UPDATE forum_threads SET pinned_at = NULL WHERE id = $1").bind(thread)
        }
        ThreadModeration::Unlock => {
            sqlx::query("UPDATE forum_threads SET locked_at = NULL WHERE id = $1").bind(thread)
        }
    };
    query.execute(&db.pool).await?;
    Ok(())
}

/// Makes reply `post` thread `thread`'s one solution, or clears it (`None`). False when
/// `post` is not a reply of that thread (nothing changed).
pub async fn set_solution(
    db: &Db,
    thread: i64,
    post: Option<i64>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE forum_posts SET solution_at = NULL WHERE thread_id = $1")
        .bind(thread)
        .execute(&mut *tx)
        .await?;
    if let Some(post) = post {
        let done = sqlx::query(
            "UPDATE forum_posts SET solution_at = $3 WHERE id = $2 AND thread_id = $1 \
             AND id > (SELECT MIN(o.id) FROM forum_posts o WHERE o.thread_id = $1)",
        )
        .bind(thread)
        .bind(post)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Recomputes every post's search terms in one transaction (after the text normalisation
/// changed; see `server::text_rebuild`). Returns how many posts.
pub async fn index_all(db: &Db) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.id, CASE WHEN p.id = (SELECT MIN(o.id) FROM forum_posts o WHERE o.thread_id = p.thread_id) \
         THEN t.title ELSE '' END, p.body_md FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut tx = db.begin_write().await?;
    for (id, title, body) in &rows {
        index(&mut tx, *id, &format!("{title} {body}")).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}
