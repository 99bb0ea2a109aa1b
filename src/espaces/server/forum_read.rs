//! The forum, read: a space's threads (pinned first, then the most recently active; within
//! one category, or those whose posts hold every searched word in French or English) with
//! their reply count, solved mark and the viewer's unread marker, and one thread's posts.

use crate::{
    accounts::types::FORMER_MEMBER,
    paging::PageNumber,
    espaces::forum_types::{PostView, ThreadRow, THREADS_PER_PAGE},
    server::{
        db::Db,
        human_dates::HumanDates,
        sql::Sql,
    },
};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    category_id: i64,
    category: String,
    author: Option<String>,
    posts: i64,
    pinned_at: Option<i64>,
    locked_at: Option<i64>,
    solved: i64,
    newest: i64,
    seen: i64,
    last_post_at: i64,
}

/// What a thread list is limited to.
#[derive(Debug, Default)]
pub struct ThreadFilter<'a> {
    pub category: Option<i64>,
    /// Each searched word's (French, English) stems (`text::bilingual_words`).
    pub words: &'a [(String, String)],
}

/// Page `page` of space `space_id`'s threads as `viewer` sees them
/// ([`THREADS_PER_PAGE`] a page), and whether more follow.
pub async fn threads(
    db: &Db,
    space_id: i64,
    viewer: Option<i64>,
    filter: &ThreadFilter<'_>,
    page: PageNumber,
    dates: &HumanDates,
) -> Result<(Vec<ThreadRow>, bool), sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT t.id, t.title, t.category_id, c.name AS category, u.display_name AS author, \
         (SELECT COUNT(*) FROM forum_posts p WHERE p.thread_id = t.id) AS posts, t.pinned_at, t.locked_at, \
         (SELECT COUNT(*) FROM forum_posts p WHERE p.thread_id = t.id AND p.solution_at IS NOT NULL) AS solved, \
         COALESCE((SELECT MAX(p.id) FROM forum_posts p WHERE p.thread_id = t.id), 0) AS newest, \
         COALESCE((SELECT r.last_post_id FROM forum_reads r WHERE r.thread_id = t.id AND r.user_id = ",
    );
    sql.push_bind(viewer.unwrap_or(0))
        .push(
            "), 0) AS seen, t.last_post_at FROM forum_threads t \
             JOIN forum_categories c ON c.id = t.category_id \
             LEFT JOIN users u ON u.id = t.author_id WHERE t.space_id = ",
        )
        .push_bind(space_id);
    if let Some(category) = filter.category {
        sql.push(" AND t.category_id = ").push_bind(category);
    }
    if !filter.words.is_empty() {
        sql.push(" AND t.id IN (SELECT fp.thread_id FROM forum_posts fp WHERE fp.id IN (")
            .push_terms_match("forum_post_terms", "post_id", filter.words)
            .push("))");
    }
    sql.push(
        " ORDER BY CASE WHEN t.pinned_at IS NULL THEN 1 ELSE 0 END, t.last_post_at DESC, t.id DESC LIMIT ",
    )
    // One more than a page: whether another page follows, without counting them all.
    .push_bind(THREADS_PER_PAGE + 1)
    .push(" OFFSET ")
    .push_bind(page.offset(THREADS_PER_PAGE));
    let mut rows: Vec<Row> = sql.query_as().fetch_all(&db.pool).await?;
    let more = rows.len() as i64 > THREADS_PER_PAGE;
    rows.truncate(THREADS_PER_PAGE as usize);
    let threads = rows
        .into_iter()
        .map(|r| ThreadRow {
            id: r.id,
            title: r.title,
            category_id: r.category_id,
            category: r.category,
            author: r.author.unwrap_or_else(|| FORMER_MEMBER.to_string()),
            replies: (r.posts - 1).max(0),
            pinned: r.pinned_at.is_some(),
            locked: r.locked_at.is_some(),
            solved: r.solved > 0,
            unread: viewer.is_some() && r.newest > r.seen,
            last_post: dates.instant(r.last_post_at),
        })
        .collect();
    Ok((threads, more))
}

/// One thread's head, as its page shows it.
#[derive(Debug, sqlx::FromRow)]
pub struct ThreadHead {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub author_id: Option<i64>,
    pub pinned_at: Option<i64>,
    pub locked_at: Option<i64>,
}

/// Thread `thread` of space `space_id`, if there is one.
pub async fn head(db: &Db, space_id: i64, thread: i64) -> Result<Option<ThreadHead>, sqlx::Error> {
    sqlx::query_as(
        "SELECT t.id, t.title, c.name AS category, t.author_id, t.pinned_at, t.locked_at \
         FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id \
         WHERE t.id = $1 AND t.space_id = $2",
    )
    .bind(thread)
    .bind(space_id)
    .fetch_optional(&db.pool)
    .await
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    author_id: Option<i64>,
    author: Option<String>,
    body_md: String,
    body_html: String,
    created_at: i64,
    edited_at: Option<i64>,
    solution_at: Option<i64>,
}

/// A post and its author's account (for the rights the page shows).
pub struct Post {
    pub view: PostView,
    pub author_id: Option<i64>,
}

/// Thread `thread`'s posts, oldest (the opening one) first; those after `read` are marked
/// unread. Rights are left false for the caller to set.
pub async fn posts(
    db: &Db,
    thread: i64,
    read: Option<i64>,
    dates: &HumanDates,
) -> Result<Vec<Post>, sqlx::Error> {
    let rows: Vec<PostRow> = sqlx::query_as(
        "SELECT p.id, p.author_id, u.display_name AS author, p.body_md, p.body_html, p.created_at, \
         p.edited_at, p.solution_at FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id \
         WHERE p.thread_id = $1 ORDER BY p.id",
    )
    .bind(thread)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Post {
            author_id: r.author_id,
            view: PostView {
                id: r.id,
                author: r.author.unwrap_or_else(|| FORMER_MEMBER.to_string()),
                body_md: r.body_md,
                body_html: r.body_html,
                at: dates.instant(r.created_at),
                edited: r.edited_at.map(|at| dates.instant(at)),
                solution: r.solution_at.is_some(),
                unread: read.is_some_and(|read| r.id > read),
                can_edit: false,
                can_delete: false,
            },
        })
        .collect())
}
