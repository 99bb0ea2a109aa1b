//! A page's revisions (`wiki_revisions`, `wiki_revision_authors`): numbered states of its text
//! cut from the stored body when editing goes quiet ([`super::revision_round`]) or on demand,
//! each with the accounts whose updates it took in (read from the log between it and the
//! previous one), the title then, and its HTML as readers get it (the reading cache of that
//! revision). Cutting one records a line of the space's activity in the same transaction.

use super::log::{self, LoadError};
use crate::{
    espaces::{
        server::activity::{self, MailTo, NewActivity},
        types::Module,
    },
    server::{
        db::Db,
        sql::{insert_pairs, Sql, Value},
        state::AppState,
        text,
    },
    wiki::{links, types::BODY_TEXT},
};
use sqlx::Row;
use std::collections::HashMap;
use yrs::{GetString, Transact};

/// What asks for a revision.
#[derive(Debug, Clone, Copy)]
pub struct Cut<'a> {
    pub page: i64,
    /// Who asked for it (`None`: cut because editing went quiet).
    pub saved_by: Option<i64>,
    /// A few words on it from whoever asked (empty when none).
    pub note: &'a str,
    /// The number of the revision it brings back, for a restore.
    pub restored_from: Option<i64>,
}

/// Why a revision was not cut.
#[derive(Debug, thiserror::Error)]
pub enum CutError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("wiki revision: {0}")]
    Database(#[from] sqlx::Error),
    /// The page is gone (deleted for good) or in the bin.
    #[error("wiki revision: no such page")]
    NoPage,
}

/// One revision as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub body_md: String,
    pub body_html: Option<String>,
    pub saved_by: Option<i64>,
    pub note: String,
    pub restored_from: Option<i64>,
    pub created_at: i64,
    /// When an animator approved it (a space with approval on).
    pub approved_at: Option<i64>,
    /// When an animator asked for changes to it, and what.
    pub changes_asked_at: Option<i64>,
    pub changes_note: String,
}

const COLUMNS: &str =
    "id, number, title, body_md, body_html, saved_by, note, restored_from, created_at, \
     approved_at, changes_asked_at, changes_note";

/// Cuts a revision of `cut.page` from its stored body at `now`; its number, or `None` when the
/// title and text are those of the last revision (nothing is written then but the page's
/// `revised_at` and `revised_through`, so the round does not come back for it).
pub async fn cut(app: &AppState, cut: Cut<'_>, now: i64) -> Result<Option<i64>, CutError> {
    let mut tx = app.db.begin_write().await?;
    // The page's row is locked first (PostgreSQL; SQLite has one writer): appends to its log
    // take the same lock (`log::append`), so the log read below is all there is until this
    // commits, and two cuts of one page follow each other — the second finds nothing new.
    let locked = sqlx::query(
        "UPDATE wiki_pages SET revised_at = revised_at WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(cut.page)
    .execute(&mut *tx)
    .await?;
    if locked.rows_affected() == 0 {
        return Err(CutError::NoPage);
    }
    let page = sqlx::query("SELECT space_id, title FROM wiki_pages WHERE id = $1")
        .bind(cut.page)
        .fetch_one(&mut *tx)
        .await?;
    let (space, title): (i64, String) = (page.get("space_id"), page.get("title"));
    let (doc, last_row) = log::load(&app.db, cut.page).await?;
    let text = doc
        .get_or_insert_text(BODY_TEXT)
        .get_string(&doc.transact());
    let previous: Option<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT number, through_update, title, body_md FROM wiki_revisions WHERE page_id = $1 ORDER BY number DESC LIMIT 1",
    )
    .bind(cut.page)
    .fetch_optional(&mut *tx)
    .await?;
    let (number, through) = previous
        .as_ref()
        .map_or((0, 0), |(number, through, _, _)| (*number, *through));
    // The log rows after the previous revision stay in the log until cut (compaction folds
    // only what a revision holds), so they name every author since.
    let through_now = last_row.max(through);
    let unchanged = previous
        .as_ref()
        .is_some_and(|(_, _, t, body)| *t == title && *body == text);
    if unchanged {
        mark_revised(&mut tx, cut.page, now, through_now).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let authors: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM wiki_updates WHERE page_id = $1 AND id > $2 AND id <= $3 AND user_id IS NOT NULL \
         GROUP BY user_id ORDER BY MAX(id) DESC",
    )
    .bind(cut.page)
    .bind(through)
    .bind(through_now)
    .fetch_all(&mut *tx)
    .await?;
    let number = number + 1;
    let revision: i64 = sqlx::query_scalar(
        "INSERT INTO wiki_revisions (page_id, number, through_update, title, body_md, body_html, saved_by, note, restored_from, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(cut.page)
    .bind(number)
    .bind(through_now)
    .bind(&title)
    .bind(&text)
    .bind(links::render(&text, space))
    .bind(cut.saved_by)
    .bind(cut.note)
    .bind(cut.restored_from)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for author in &authors {
        sqlx::query("INSERT INTO wiki_revision_authors (revision_id, user_id) VALUES ($1, $2)")
            .bind(revision)
            .bind(author)
            .execute(&mut *tx)
            .await?;
    }
    mark_revised(&mut tx, cut.page, now, through_now).await?;
    index(&mut tx, cut.page, &title, &text).await?;
    if number > 1 || !text.is_empty() {
        activity::record(
            &mut tx,
            &NewActivity {
                space_id: space,
                // The last to write, or whoever asked for it.
                actor_id: authors.first().copied().or(cut.saved_by),
                module: Module::Wiki,
                action: if cut.restored_from.is_some() {
                    "activity-wiki-restored"
                } else {
                    "activity-wiki-revised"
                },
                subject: title,
                link: format!("/espaces/{space}/wiki/{}", cut.page),
                mentioned: Vec::new(),
                // A page written all day would fill the inboxes of those asking for an e-mail
                // at once: an editing session reaches the feed and the digest; what someone
                // chose to do (save, restore) reaches everyone.
                mail_to: if cut.saved_by.is_some() {
                    MailTo::Everyone
                } else {
                    MailTo::Mentioned
                },
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    app.jobs.wake();
    Ok(Some(number))
}

/// Records what page `page`'s text now links to (`wiki_links`: its backlinks elsewhere) and
/// its search terms (`wiki_page_terms`: its title and text, French and English stems).
pub async fn index(
    conn: &mut sqlx::AnyConnection,
    page: i64,
    title: &str,
    text: &str,
) -> Result<(), sqlx::Error> {
    for table in ["wiki_links", "wiki_page_terms"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE page_id = $1"))
            .bind(page)
            .execute(&mut *conn)
            .await?;
    }
    insert_pairs(
        conn,
        "wiki_links (page_id, target_key)",
        links::targets(text)
            .into_iter()
            .map(|key| (Value::from(page), key.into())),
    )
    .await?;
    insert_pairs(
        conn,
        "wiki_page_terms (page_id, term)",
        text::bilingual_terms(&format!("{title}\n{text}"))
            .into_iter()
            .map(|term| (Value::from(page), term.into())),
    )
    .await
}

/// Indexes page `page` again (`index`) with its title now and its last revision's text: what
/// a rename changes without a new revision.
pub async fn reindex(db: &Db, page: i64) -> Result<(), sqlx::Error> {
    let title: String = sqlx::query_scalar("SELECT title FROM wiki_pages WHERE id = $1")
        .bind(page)
        .fetch_one(&db.pool)
        .await?;
    let text = latest(db, page)
        .await?
        .map(|r| r.body_md)
        .unwrap_or_default();
    let mut tx = db.begin_write().await?;
    index(&mut tx, page, &title, &text).await?;
    tx.commit().await
}

/// Records that page `page` was revised at `now` up to log row `through`.
async fn mark_revised(
    tx: &mut sqlx::AnyConnection,
    page: i64,
    now: i64,
    through: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE wiki_pages SET revised_at = $2, revised_through = CASE WHEN revised_through > $3 THEN revised_through ELSE $3 END WHERE id = $1",
    )
    .bind(page)
    .bind(now)
    .bind(through)
    .execute(tx)
    .await?;
    Ok(())
}

/// Page `page`'s revisions, newest first (their text left out: `find` reads one), each with its
/// authors' display names by name (the tombstone's for an erased account).
pub async fn list(db: &Db, page: i64) -> Result<Vec<(RevisionRow, Vec<String>)>, sqlx::Error> {
    let rows: Vec<RevisionRow> = sqlx::query_as(
        "SELECT id, number, title, '' AS body_md, NULL AS body_html, saved_by, note, restored_from, created_at, \
         approved_at, changes_asked_at, changes_note \
         FROM wiki_revisions WHERE page_id = $1 ORDER BY number DESC",
    )
    .bind(page)
    .fetch_all(&db.pool)
    .await?;
    let mut authors = authors_of(db, rows.iter().map(|r| r.id)).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let names = authors.remove(&row.id).unwrap_or_default();
            (row, names)
        })
        .collect())
}

/// The authors' display names of each of `revisions`, by name, in one query.
async fn authors_of(
    db: &Db,
    revisions: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, Vec<String>>, sqlx::Error> {
    let ids: Vec<i64> = revisions.collect();
    let mut authors: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(authors);
    }
    let mut sql = Sql::new(
        "SELECT a.revision_id, u.display_name FROM wiki_revision_authors a JOIN users u ON u.id = a.user_id \
         WHERE a.revision_id IN (",
    );
    sql.push_binds(ids).push(") ORDER BY u.display_name");
    let rows: Vec<(i64, String)> = sql.query_as().fetch_all(&db.pool).await?;
    for (revision, name) in rows {
        authors.entry(revision).or_default().push(name);
    }
    Ok(authors)
}

/// The last `limit` revisions of space `space`'s pages (not in the bin), newest first: (page,
/// revision without its text, its authors' display names) — the wiki's recent changes.
pub async fn recent(
    db: &Db,
    space: i64,
    limit: i64,
) -> Result<Vec<(i64, RevisionRow, Vec<String>)>, sqlx::Error> {
    let rows: Vec<(i64, RevisionRow)> = sqlx::query_as::<_, RecentRow>(
        "SELECT r.page_id, r.id, r.number, r.title, '' AS body_md, NULL AS body_html, r.saved_by, r.note, \
         r.restored_from, r.created_at, r.approved_at, r.changes_asked_at, r.changes_note \
         FROM wiki_revisions r JOIN wiki_pages p ON p.id = r.page_id \
         WHERE p.space_id = $1 AND p.deleted_at IS NULL ORDER BY r.created_at DESC, r.id DESC LIMIT $2",
    )
    .bind(space)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| (r.page_id, r.revision))
    .collect();
    let mut authors = authors_of(db, rows.iter().map(|(_, r)| r.id)).await?;
    Ok(rows
        .into_iter()
        .map(|(page, revision)| {
            let names = authors.remove(&revision.id).unwrap_or_default();
            (page, revision, names)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct RecentRow {
    page_id: i64,
    #[sqlx(flatten)]
    revision: RevisionRow,
}

/// Revision `number` of page `page`.
pub async fn find(db: &Db, page: i64, number: i64) -> Result<Option<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM wiki_revisions WHERE page_id = $1 AND number = $2"
    ))
    .bind(page)
    .bind(number)
    .fetch_optional(&db.pool)
    .await
}

/// Page `page`'s last revision.
pub async fn latest(db: &Db, page: i64) -> Result<Option<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM wiki_revisions WHERE page_id = $1 ORDER BY number DESC LIMIT 1"
    ))
    .bind(page)
    .fetch_optional(&db.pool)
    .await
}

/// Page `page`'s last approved revision.
pub async fn latest_approved(db: &Db, page: i64) -> Result<Option<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM wiki_revisions WHERE page_id = $1 AND approved_at IS NOT NULL ORDER BY number DESC LIMIT 1"
    ))
    .bind(page)
    .fetch_optional(&db.pool)
    .await
}

/// The last log row page `page`'s revisions hold (0 when none): compaction folds no row after
/// it, so the next revision can still name its authors.
pub async fn held_through(db: &Db, page: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COALESCE(MAX(through_update), 0) FROM wiki_revisions WHERE page_id = $1",
    )
    .bind(page)
    .fetch_one(&db.pool)
    .await
}
