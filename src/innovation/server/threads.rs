//! Discussion threads and their replies in the database. Readers never see a hidden thread
//! (nor its replies) or a hidden reply; moderators see them marked.

use super::{
    contributions::{select, view},
    store::{field_names, names},
};
use crate::{
    i18n::Locale,
    innovation::{
        community::{CommentView, ItemKind},
        threads::{ThreadInput, ThreadQuery, ThreadSummary, THREADS_PER_PAGE},
    },
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        markdown, text,
    },
};
use sqlx::Row;

fn field_text(fields: &[i64]) -> String {
    format!(" {} ", fields.iter().map(i64::to_string).collect::<Vec<_>>().join(" "))
}

fn field_ids(text: &str) -> Vec<i64> {
    text.split_whitespace().filter_map(|n| n.parse().ok()).collect()
}

/// The stored search terms of a thread: its title and question, in French and English.
fn thread_terms(title: &str, body: &str) -> String {
    text::bilingual_stored(&format!("{title} {body}"))
}

/// Recomputes every thread's search terms in one transaction (after the text normalisation
/// changed; see `server::text_rebuild`). Returns how many threads.
pub async fn index_all(db: &Db) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT id, title, body_md FROM threads").fetch_all(&db.pool).await?;
    let mut tx = db.pool.begin().await?;
    for row in &rows {
        let terms = thread_terms(&row.try_get::<String, _>("title")?, &row.try_get::<String, _>("body_md")?);
        sqlx::query("UPDATE threads SET search_terms = $1 WHERE id = $2").bind(terms).bind(row.try_get::<i64, _>("id")?).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

pub async fn create(db: &Db, author: i64, input: &ThreadInput) -> Result<i64, sqlx::Error> {
    let at = now();
    let row = sqlx::query(
        "INSERT INTO threads (author_id, title, body_md, body_html, field_ids, search_terms, created_at, last_reply_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(author)
    .bind(&input.title)
    .bind(&input.body)
    .bind(markdown::render(&input.body))
    .bind(field_text(&input.fields))
    .bind(thread_terms(&input.title, &input.body))
    .bind(at)
    .fetch_one(&db.pool)
    .await?;
    row.try_get("id")
}

/// A thread's title and field ids, when `moderator` or readers may see it.
pub async fn find(db: &Db, id: i64, moderator: bool) -> Result<Option<(String, Vec<i64>)>, sqlx::Error> {
    let filter = if moderator { "" } else { " AND hidden_at IS NULL" };
    let row = sqlx::query(&format!("SELECT title, field_ids FROM threads WHERE id = $1{filter}")).bind(id).fetch_optional(&db.pool).await?;
    row.map(|r| Ok((r.try_get("title")?, field_ids(&r.try_get::<String, _>("field_ids")?)))).transpose()
}

/// The question of thread `id` and its replies, oldest first; hidden replies only for moderators.
pub async fn contributions(db: &Db, id: i64, moderator: bool, dates: &HumanDates) -> Result<Option<(CommentView, Vec<CommentView>)>, sqlx::Error> {
    let Some(question) = sqlx::query(&format!("{} WHERE c.id = $1", select(ItemKind::Thread, moderator))).bind(id).fetch_optional(&db.pool).await? else { return Ok(None) };
    let filter = if moderator { "" } else { " AND c.hidden_at IS NULL" };
    let rows = sqlx::query(&format!("{} WHERE c.thread_id = $1{filter} ORDER BY c.created_at, c.id", select(ItemKind::Reply, moderator))).bind(id).fetch_all(&db.pool).await?;
    Ok(Some((view(&question, dates)?, rows.iter().map(|row| view(row, dates)).collect::<Result<_, _>>()?)))
}

/// Adds a reply to a thread and moves the thread up the list, all or nothing.
pub async fn reply(db: &Db, thread: i64, author: i64, body: &str) -> Result<i64, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query("INSERT INTO thread_replies (thread_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(thread)
        .bind(author)
        .bind(body)
        .bind(markdown::render(body))
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE threads SET last_reply_at = $1 WHERE id = $2").bind(at).bind(thread).execute(&mut *tx).await?;
    tx.commit().await?;
    row.try_get("id")
}

/// Visible threads matching `query`, most recently active first, with their total.
pub async fn list(db: &Db, query: &ThreadQuery, locale: Locale, dates: &HumanDates) -> Result<(Vec<ThreadSummary>, i64), sqlx::Error> {
    let mut conditions = vec!["t.hidden_at IS NULL".to_string()];
    let mut values: Vec<String> = Vec::new();
    if let Some(field) = query.field() {
        values.push(format!("% {field} %"));
        conditions.push(format!("t.field_ids LIKE ${}", values.len()));
    }
    let words = query.q.as_deref().map(text::bilingual_words).unwrap_or_default();
    if let Some((condition, patterns)) = text::terms_condition("t.search_terms", &words, values.len() + 1) {
        conditions.push(condition);
        values.extend(patterns);
    }
    let filter = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) AS n FROM threads t WHERE {filter}");
    let total: i64 = values.iter().fold(sqlx::query(&count_sql), |q, v| q.bind(v.clone())).fetch_one(&db.pool).await?.try_get("n")?;
    let list_sql = format!(
        "SELECT t.id, t.title, t.field_ids, t.last_reply_at, u.display_name, \
         (SELECT COUNT(*) FROM thread_replies r WHERE r.thread_id = t.id AND r.hidden_at IS NULL) AS replies \
         FROM threads t LEFT JOIN users u ON u.id = t.author_id WHERE {filter} ORDER BY t.last_reply_at DESC, t.id DESC LIMIT {THREADS_PER_PAGE} OFFSET {}",
        query.page_number().offset(THREADS_PER_PAGE)
    );
    let rows = values.iter().fold(sqlx::query(&list_sql), |q, v| q.bind(v.clone())).fetch_all(&db.pool).await?;
    let fields = field_names(db, locale).await?;
    let threads = rows
        .into_iter()
        .map(|r| {
            Ok(ThreadSummary {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                author: r.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                fields: names(&field_ids(&r.try_get::<String, _>("field_ids")?), &fields),
                replies: r.try_get("replies")?,
                last_reply_at: dates.instant(r.try_get("last_reply_at")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((threads, total))
}

/// A visible thread or reply, for the feed.
pub struct Post {
    pub thread: i64,
    pub title: String,
    pub author: String,
    pub body_html: String,
    pub at: i64,
    /// The reply's id; None for the question that opened the thread.
    pub reply: Option<i64>,
}

/// The newest visible questions and replies (in `field` only, when given), newest first.
pub async fn recent_posts(db: &Db, field: Option<i64>, limit: i64) -> Result<Vec<Post>, sqlx::Error> {
    let in_field = if field.is_some() { " AND t.field_ids LIKE $1" } else { "" };
    let sql = format!(
        "SELECT t.id AS thread, t.title, u.display_name, t.body_html, t.created_at AS at, NULL AS reply FROM threads t LEFT JOIN users u ON u.id = t.author_id \
         WHERE t.hidden_at IS NULL{in_field} \
         UNION ALL SELECT t.id AS thread, t.title, u.display_name, r.body_html, r.created_at AS at, r.id AS reply FROM thread_replies r \
         JOIN threads t ON t.id = r.thread_id LEFT JOIN users u ON u.id = r.author_id WHERE t.hidden_at IS NULL AND r.hidden_at IS NULL{in_field} \
         ORDER BY at DESC LIMIT {limit}"
    );
    let query = sqlx::query(&sql);
    let query = match field {
        Some(field) => query.bind(format!("% {field} %")),
        None => query,
    };
    let rows = query.fetch_all(&db.pool).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Post {
                thread: r.try_get("thread")?,
                title: r.try_get("title")?,
                author: r.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                body_html: r.try_get("body_html")?,
                at: r.try_get("at")?,
                reply: r.try_get("reply")?,
            })
        })
        .collect()
}
