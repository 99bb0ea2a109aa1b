//! What comments on fiches, threads and their replies share: reading them with their author
//! and flag count, members' flags, and the editors' moderation with its log. A hidden
//! contribution is left out of every reader's query, so pages, feeds and search never see it.

use crate::{
    innovation::community::{CommentView, FlaggedItem, ItemKind, LogEntry, ModerationAction},
    server::{
        db::{now, Db},
        human_dates::HumanDates,
    },
};
use sqlx::{any::AnyRow, Row};

/// (table, column naming what it belongs to: the fiche, or the thread).
fn source(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Comment => ("fiche_comments", "fiche_id"),
        ItemKind::Thread => ("threads", "id"),
        ItemKind::Reply => ("thread_replies", "thread_id"),
    }
}

/// Contributions of `kind` as `c`, with `display_name`, `parent` and `flags` for `view`;
/// flags are counted only `with_flags` (for moderators: readers' pages skip the lookups).
pub fn select(kind: ItemKind, with_flags: bool) -> String {
    let (table, parent) = source(kind);
    let flags = if with_flags {
        format!(
            "(SELECT COUNT(*) FROM flags g WHERE g.item_kind = '{}' AND g.item_id = c.id)",
            kind.code()
        )
    } else {
        "CAST(0 AS BIGINT)".into()
    };
    format!(
        "SELECT c.id, u.display_name, c.body_md, c.body_html, c.created_at, c.hidden_at, c.{parent} AS parent, {flags} AS flags \
         FROM {table} c LEFT JOIN users u ON u.id = c.author_id"
    )
}

/// A row of `select`, dated for `dates`' reader.
pub fn view(row: &AnyRow, dates: &HumanDates) -> Result<CommentView, sqlx::Error> {
    let at: i64 = row.try_get("created_at")?;
    Ok(CommentView {
        id: row.try_get("id")?,
        author: row
            .try_get::<Option<String>, _>("display_name")?
            .unwrap_or_default(),
        body_html: row.try_get("body_html")?,
        body_md: row.try_get("body_md")?,
        at,
        shown_at: dates.instant(at),
        hidden: row.try_get::<Option<i64>, _>("hidden_at")?.is_some(),
        flags: row.try_get("flags")?,
    })
}

/// Where a contribution is read.
fn link(kind: ItemKind, id: i64, parent: i64) -> String {
    match kind {
        ItemKind::Comment => format!("/innovation/fiches/{parent}#commentaire-{id}"),
        ItemKind::Thread => format!("/innovation/discussions/{id}"),
        ItemKind::Reply => format!("/innovation/discussions/{parent}#reponse-{id}"),
    }
}

/// What readers may see, as one query: the contribution of `kind` whose id is the SQL
/// expression `id`, with its fiche or thread as `parent`, when it is not hidden, its thread is
/// not hidden and its fiche is published. Links and notifications (`notify::VISIBLE`) both
/// use it, so nothing links to what a reader cannot open.
pub fn visible_source(kind: ItemKind, id: &str) -> String {
    match kind {
        ItemKind::Comment => format!(
            "SELECT c.fiche_id AS parent FROM fiche_comments c JOIN fiches f ON f.id = c.fiche_id \
             WHERE c.id = {id} AND c.hidden_at IS NULL AND f.published_revision_id IS NOT NULL"
        ),
        ItemKind::Thread => format!("SELECT t.id AS parent FROM threads t WHERE t.id = {id} AND t.hidden_at IS NULL"),
        ItemKind::Reply => format!(
            "SELECT r.thread_id AS parent FROM thread_replies r JOIN threads t ON t.id = r.thread_id \
             WHERE r.id = {id} AND r.hidden_at IS NULL AND t.hidden_at IS NULL"
        ),
    }
}

/// The link of a contribution readers can see (None when hidden, in a hidden thread, or gone).
pub async fn visible_link(db: &Db, kind: ItemKind, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(&visible_source(kind, "$1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| Ok(link(kind, id, r.try_get("parent")?)))
        .transpose()
}

pub async fn flag(
    db: &Db,
    kind: ItemKind,
    id: i64,
    user: i64,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO flags (item_kind, item_id, user_id, reason, at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (item_kind, item_id, user_id) DO UPDATE SET reason = excluded.reason",
    )
    .bind(kind.code())
    .bind(id)
    .bind(user)
    .bind(reason)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Hides, restores or deletes a contribution and logs it, all or nothing; false when there
/// was nothing to do (already in that state, or gone). Deleting a thread deletes its replies.
pub async fn moderate(
    db: &Db,
    kind: ItemKind,
    id: i64,
    action: ModerationAction,
    editor: i64,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let (table, _) = source(kind);
    let at = now();
    let mut tx = db.pool.begin().await?;
    if action == ModerationAction::Delete && kind == ItemKind::Thread {
        sqlx::query("DELETE FROM flags WHERE item_kind = 'reply' AND item_id IN (SELECT id FROM thread_replies WHERE thread_id = $1)").bind(id).execute(&mut *tx).await?;
    }
    let sql = match action {
        ModerationAction::Hide => {
            format!("UPDATE {table} SET hidden_at = $2 WHERE id = $1 AND hidden_at IS NULL")
        }
        ModerationAction::Restore => {
            format!("UPDATE {table} SET hidden_at = NULL WHERE id = $1 AND hidden_at IS NOT NULL")
        }
        ModerationAction::Delete => format!("DELETE FROM {table} WHERE id = $1"),
    };
    let query = sqlx::query(&sql).bind(id);
    let query = if action == ModerationAction::Hide {
        query.bind(at)
    } else {
        query
    };
    let done = query.execute(&mut *tx).await?.rows_affected() == 1;
    if done {
        if action != ModerationAction::Hide {
            sqlx::query("DELETE FROM flags WHERE item_kind = $1 AND item_id = $2")
                .bind(kind.code())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("INSERT INTO moderation_log (item_kind, item_id, action, editor_id, reason, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(kind.code())
            .bind(id)
            .bind(action.code())
            .bind(editor)
            .bind(reason)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Flagged contributions still visible, most flagged first.
pub async fn flagged(db: &Db, dates: &HumanDates) -> Result<Vec<FlaggedItem>, sqlx::Error> {
    let mut out = Vec::new();
    for kind in [ItemKind::Comment, ItemKind::Thread, ItemKind::Reply] {
        let sql = format!("{} WHERE c.hidden_at IS NULL AND EXISTS (SELECT 1 FROM flags g WHERE g.item_kind = '{}' AND g.item_id = c.id)", select(kind, true), kind.code());
        for row in sqlx::query(&sql).fetch_all(&db.pool).await? {
            let item = view(&row, dates)?;
            let reasons = sqlx::query(
                "SELECT reason FROM flags WHERE item_kind = $1 AND item_id = $2 ORDER BY at",
            )
            .bind(kind.code())
            .bind(item.id)
            .fetch_all(&db.pool)
            .await?;
            out.push(FlaggedItem {
                kind,
                link: link(kind, item.id, row.try_get("parent")?),
                reasons: reasons
                    .into_iter()
                    .map(|r| r.try_get("reason"))
                    .collect::<Result<_, _>>()?,
                item,
            });
        }
    }
    out.sort_by_key(|f| (std::cmp::Reverse(f.item.flags), f.item.at));
    Ok(out)
}

pub async fn log(db: &Db, dates: &HumanDates) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows = sqlx::query("SELECT u.display_name, l.action, l.item_kind, l.item_id, l.reason, l.at FROM moderation_log l LEFT JOIN users u ON u.id = l.editor_id ORDER BY l.at DESC, l.id DESC LIMIT 200")
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(LogEntry {
                editor: r
                    .try_get::<Option<String>, _>("display_name")?
                    .unwrap_or_default(),
                action: r.try_get("action")?,
                item: format!(
                    "{} {}",
                    r.try_get::<String, _>("item_kind")?,
                    r.try_get::<i64, _>("item_id")?
                ),
                reason: r.try_get("reason")?,
                at: dates.instant(r.try_get("at")?),
            })
        })
        .collect()
}
