//! Comments, flags and the moderation log in the database. A hidden comment is left out of
//! every reader's query here, so pages and feeds never see it.

use crate::{
    innovation::community::{CommentView, FlaggedComment, LogEntry},
    server::{
        db::{now, Db},
        markdown,
    },
};
use sqlx::{any::AnyRow, Row};

fn view(row: &AnyRow, with_flags: bool) -> Result<CommentView, sqlx::Error> {
    Ok(CommentView {
        id: row.try_get("id")?,
        author: row.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
        body_html: row.try_get("body_html")?,
        at: row.try_get("created_at")?,
        hidden: row.try_get::<Option<i64>, _>("hidden_at")?.is_some(),
        flags: if with_flags { row.try_get("flags")? } else { 0 },
    })
}

const SELECT: &str = "SELECT c.id, u.display_name, c.body_html, c.created_at, c.hidden_at, \
     (SELECT COUNT(*) FROM comment_flags g WHERE g.comment_id = c.id) AS flags FROM fiche_comments c LEFT JOIN users u ON u.id = c.author_id";

/// The comments of a fiche, oldest first; hidden ones only for moderators.
pub async fn of_fiche(db: &Db, fiche: i64, moderator: bool) -> Result<Vec<CommentView>, sqlx::Error> {
    let filter = if moderator { "" } else { " AND c.hidden_at IS NULL" };
    let rows = sqlx::query(&format!("{SELECT} WHERE c.fiche_id = $1{filter} ORDER BY c.created_at, c.id")).bind(fiche).fetch_all(&db.pool).await?;
    rows.iter().map(|r| view(r, moderator)).collect()
}

pub async fn add(db: &Db, fiche: i64, author: i64, body: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("INSERT INTO fiche_comments (fiche_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(fiche)
        .bind(author)
        .bind(body)
        .bind(markdown::render(body))
        .bind(now())
        .fetch_one(&db.pool)
        .await?;
    row.try_get("id")
}

/// The fiche a visible comment belongs to.
pub async fn fiche_of(db: &Db, comment: i64) -> Result<Option<(i64, bool)>, sqlx::Error> {
    let row = sqlx::query("SELECT fiche_id, hidden_at FROM fiche_comments WHERE id = $1").bind(comment).fetch_optional(&db.pool).await?;
    row.map(|r| Ok((r.try_get("fiche_id")?, r.try_get::<Option<i64>, _>("hidden_at")?.is_some()))).transpose()
}

pub async fn flag(db: &Db, comment: i64, user: i64, reason: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO comment_flags (comment_id, user_id, reason, at) VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, user_id) DO UPDATE SET reason = excluded.reason")
        .bind(comment)
        .bind(user)
        .bind(reason)
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Hides, restores or deletes a comment and logs it, all or nothing; false when there was
/// nothing to do (already in that state, or gone).
pub async fn moderate(db: &Db, comment: i64, action: &str, editor: i64, reason: &str) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let done = match action {
        "hide" => sqlx::query("UPDATE fiche_comments SET hidden_at = $1 WHERE id = $2 AND hidden_at IS NULL").bind(at).bind(comment).execute(&mut *tx).await?,
        "restore" => sqlx::query("UPDATE fiche_comments SET hidden_at = NULL WHERE id = $1 AND hidden_at IS NOT NULL").bind(comment).execute(&mut *tx).await?,
        _ => sqlx::query("DELETE FROM fiche_comments WHERE id = $1").bind(comment).execute(&mut *tx).await?,
    }
    .rows_affected()
        == 1;
    if done {
        if action == "restore" {
            sqlx::query("DELETE FROM comment_flags WHERE comment_id = $1").bind(comment).execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO moderation_log (item_kind, item_id, action, editor_id, reason, at) VALUES ('comment', $1, $2, $3, $4, $5)")
            .bind(comment)
            .bind(action)
            .bind(editor)
            .bind(reason)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Flagged comments still visible, most flagged first.
pub async fn flagged(db: &Db) -> Result<Vec<FlaggedComment>, sqlx::Error> {
    let rows = sqlx::query(FLAGGED).fetch_all(&db.pool).await?;
    let mut out = Vec::new();
    for row in rows {
        let id: i64 = row.try_get("id")?;
        let reasons = sqlx::query("SELECT reason FROM comment_flags WHERE comment_id = $1 ORDER BY at").bind(id).fetch_all(&db.pool).await?;
        out.push(FlaggedComment {
            comment: view(&row, true)?,
            fiche_id: row.try_get("fiche_id")?,
            reasons: reasons.into_iter().map(|r| r.try_get("reason")).collect::<Result<_, _>>()?,
        });
    }
    Ok(out)
}

const FLAGGED: &str = "SELECT c.id, u.display_name, c.body_html, c.created_at, c.hidden_at, \
     (SELECT COUNT(*) FROM comment_flags g WHERE g.comment_id = c.id) AS flags, c.fiche_id FROM fiche_comments c LEFT JOIN users u ON u.id = c.author_id \
     WHERE c.hidden_at IS NULL AND EXISTS (SELECT 1 FROM comment_flags g WHERE g.comment_id = c.id) ORDER BY flags DESC, c.id";

pub async fn log(db: &Db) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows = sqlx::query("SELECT u.display_name, l.action, l.item_kind, l.item_id, l.reason, l.at FROM moderation_log l LEFT JOIN users u ON u.id = l.editor_id ORDER BY l.at DESC, l.id DESC LIMIT 200")
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(LogEntry {
                editor: r.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                action: r.try_get("action")?,
                item: format!("{} {}", r.try_get::<String, _>("item_kind")?, r.try_get::<i64, _>("item_id")?),
                reason: r.try_get("reason")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}
