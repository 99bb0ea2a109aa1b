//! Discussion threads and their replies in the database. Readers never see a hidden thread
//! (nor its replies) or a hidden reply; moderators see them marked.

use super::store::field_ids_of;
use super::{
    contributions::{select, ContributionRow},
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
        markdown,
        sql::{insert_pairs, Sql, Value},
        text,
    },
};
use sqlx::{AnyConnection, Row};

/// Replaces the fields and search terms of thread `id` (its title and question, in French
/// and English) in `thread_fields` and `thread_terms`.
async fn write_relations(
    conn: &mut AnyConnection,
    id: i64,
    fields: &[i64],
    title: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    for table in ["thread_fields", "thread_terms"] {
        Sql::new(&format!("DELETE FROM {table} WHERE thread_id = "))
            .push_bind(id)
            .query()
            .execute(&mut *conn)
            .await?;
    }
    let mut fields = fields.to_vec();
    fields.sort_unstable();
    fields.dedup();
    insert_pairs(
        conn,
        "thread_fields (thread_id, field_id)",
        fields.into_iter().map(|f| (id.into(), f.into())),
    )
    .await?;
    insert_pairs(
        conn,
        "thread_terms (thread_id, term)",
        text::bilingual_terms(&format!("{title} {body}"))
            .into_iter()
            .map(|t| (id.into(), t.into())),
    )
    .await
}

/// Recomputes every thread's search terms in one transaction (after the text normalisation
/// changed; see `server::text_rebuild`). Returns how many threads.
pub async fn index_all(db: &Db) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, title, body_md FROM threads")
        .fetch_all(&db.pool)
        .await?;
    let mut tx = db.begin_write().await?;
    for (id, title, body) in &rows {
        sqlx::query("DELETE FROM thread_terms WHERE thread_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_pairs(
            &mut tx,
            "thread_terms (thread_id, term)",
            text::bilingual_terms(&format!("{title} {body}"))
                .into_iter()
                .map(|t| (Value::from(*id), t.into())),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Creates a thread with its fields and search terms, all or nothing.
pub async fn create(db: &Db, author: i64, input: &ThreadInput) -> Result<i64, sqlx::Error> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar("INSERT INTO threads (author_id, title, body_md, body_html, created_at, last_reply_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
        .bind(author)
        .bind(&input.title)
        .bind(&input.body)
        .bind(markdown::render(&input.body))
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    write_relations(&mut tx, id, &input.fields, &input.title, &input.body).await?;
    tx.commit().await?;
    Ok(id)
}

/// A thread's title and field ids, when `moderator` or readers may see it.
pub async fn find(
    db: &Db,
    id: i64,
    moderator: bool,
) -> Result<Option<(String, Vec<i64>)>, sqlx::Error> {
    let mut sql = Sql::new("SELECT title FROM threads WHERE id = ");
    sql.push_bind(id);
    if !moderator {
        sql.push(" AND hidden_at IS NULL");
    }
    let Some(title) = sql
        .query_scalar::<String>()
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some((
        title,
        field_ids_of(db, "thread_fields", "thread_id", &[id])
            .await?
            .remove(&id)
            .unwrap_or_default(),
    )))
}

/// The question of thread `id` and its replies, oldest first; hidden replies only for moderators.
pub async fn contributions(
    db: &Db,
    id: i64,
    moderator: bool,
    dates: &HumanDates,
) -> Result<Option<(CommentView, Vec<CommentView>)>, sqlx::Error> {
    let Some(question) = sqlx::query_as::<_, ContributionRow>(&format!(
        "{} WHERE c.id = $1",
        select(ItemKind::Thread, moderator)
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let filter = if moderator {
        ""
    } else {
        " AND c.hidden_at IS NULL"
    };
    let rows: Vec<ContributionRow> = sqlx::query_as(&format!(
        "{} WHERE c.thread_id = $1{filter} ORDER BY c.created_at, c.id",
        select(ItemKind::Reply, moderator)
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(Some((
        question.view(dates),
        rows.into_iter().map(|row| row.view(dates)).collect(),
    )))
}

/// Adds a reply to a thread and moves the thread up the list, all or nothing.
pub async fn reply(db: &Db, thread: i64, author: i64, body: &str) -> Result<i64, sqlx::Error> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query("INSERT INTO thread_replies (thread_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(thread)
        .bind(author)
        .bind(body)
        .bind(markdown::render(body))
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE threads SET last_reply_at = $1 WHERE id = $2")
        .bind(at)
        .bind(thread)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    row.try_get("id")
}

/// A thread in a list, as [`list`] reads it.
#[derive(sqlx::FromRow)]
struct ThreadRow {
    id: i64,
    title: String,
    last_reply_at: i64,
    display_name: Option<String>,
    replies: i64,
}

/// Visible threads matching `query`, most recently active first, with their total. Words are
/// matched through the `thread_terms` index.
pub async fn list(
    db: &Db,
    query: &ThreadQuery,
    locale: Locale,
    dates: &HumanDates,
) -> Result<(Vec<ThreadSummary>, i64), sqlx::Error> {
    let mut filter = Sql::new(
        " FROM threads t LEFT JOIN users u ON u.id = t.author_id WHERE t.hidden_at IS NULL",
    );
    if let Some(field) = query.field() {
        filter
            .push(" AND t.id IN (SELECT thread_id FROM thread_fields WHERE field_id = ")
            .push_bind(field)
            .push(")");
    }
    let words = query
        .q
        .as_deref()
        .map(text::bilingual_words)
        .unwrap_or_default();
    if !words.is_empty() {
        filter
            .push(" AND t.id IN (")
            .push_terms_match("thread_terms", "thread_id", &words)
            .push(")");
    }
    let mut select = Sql::new("SELECT t.id, t.title, t.last_reply_at, u.display_name, (SELECT COUNT(*) FROM thread_replies r WHERE r.thread_id = t.id AND r.hidden_at IS NULL) AS replies");
    select
        .push_sql(&filter)
        .push(" ORDER BY t.last_reply_at DESC, t.id DESC LIMIT ")
        .push_bind(THREADS_PER_PAGE)
        .push(" OFFSET ")
        .push_bind(query.page_number().offset(THREADS_PER_PAGE));
    let mut count = Sql::new("SELECT COUNT(*)");
    count.push_sql(&filter);
    let (rows, total): (Vec<ThreadRow>, i64) = tokio::try_join!(
        select.query_as().fetch_all(&db.pool),
        count.query_scalar().fetch_one(&db.pool)
    )?;
    let mut thread_fields = field_ids_of(
        db,
        "thread_fields",
        "thread_id",
        &rows.iter().map(|r| r.id).collect::<Vec<_>>(),
    )
    .await?;
    let fields = field_names(db, locale).await?;
    let threads = rows
        .into_iter()
        .map(|r| ThreadSummary {
            fields: names(&thread_fields.remove(&r.id).unwrap_or_default(), &fields),
            id: r.id,
            title: r.title,
            author: r.display_name.unwrap_or_default(),
            replies: r.replies,
            last_reply_at: dates.instant(r.last_reply_at),
        })
        .collect();
    Ok((threads, total))
}

/// A visible thread or reply, for the feed.
#[derive(sqlx::FromRow)]
pub struct Post {
    pub thread: i64,
    pub title: String,
    /// The author's name ("" when the account is gone).
    pub author: String,
    pub body_html: String,
    pub at: i64,
    /// The reply's id; None for the question that opened the thread.
    pub reply: Option<i64>,
}

/// The newest visible questions and replies (in `field` only, when given), newest first.
pub async fn recent_posts(
    db: &Db,
    field: Option<i64>,
    limit: i64,
) -> Result<Vec<Post>, sqlx::Error> {
    let in_field = |sql: &mut Sql| {
        if let Some(field) = field {
            sql.push(" AND t.id IN (SELECT thread_id FROM thread_fields WHERE field_id = ")
                .push_bind(field)
                .push(")");
        }
    };
    let mut sql = Sql::new(
        "SELECT t.id AS thread, t.title, COALESCE(u.display_name, '') AS author, t.body_html, t.created_at AS at, NULL AS reply FROM threads t LEFT JOIN users u ON u.id = t.author_id \
         WHERE t.hidden_at IS NULL",
    );
    in_field(&mut sql);
    sql.push(
        " UNION ALL SELECT t.id AS thread, t.title, COALESCE(u.display_name, '') AS author, r.body_html, r.created_at AS at, r.id AS reply FROM thread_replies r \
         JOIN threads t ON t.id = r.thread_id LEFT JOIN users u ON u.id = r.author_id WHERE t.hidden_at IS NULL AND r.hidden_at IS NULL",
    );
    in_field(&mut sql);
    sql.push(" ORDER BY at DESC LIMIT ").push_bind(limit);
    sql.query_as().fetch_all(&db.pool).await
}
