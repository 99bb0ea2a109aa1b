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

/// A row of [`select`].
#[derive(sqlx::FromRow)]
pub struct ContributionRow {
    id: i64,
    /// None when the author's account is gone.
    display_name: Option<String>,
    body_md: String,
    body_html: String,
    /// Unix seconds.
    created_at: i64,
    hidden_at: Option<i64>,
    /// The fiche or thread it belongs to.
    parent: i64,
    flags: i64,
}

impl ContributionRow {
    /// The contribution as pages show it, dated for `dates`' reader.
    pub fn view(self, dates: &HumanDates) -> CommentView {
        CommentView {
            id: self.id,
            author: self.display_name.unwrap_or_default(),
            body_html: self.body_html,
            body_md: self.body_md,
            at: self.created_at,
            shown_at: dates.instant(self.created_at),
            hidden: self.hidden_at.is_some(),
            flags: self.flags,
        }
    }
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
    let parent: Option<i64> = sqlx::query_scalar(&visible_source(kind, "$1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(parent.map(|parent| link(kind, id, parent)))
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
    let mut tx = db.begin_write().await?;
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
        let rows: Vec<ContributionRow> = sqlx::query_as(&sql).fetch_all(&db.pool).await?;
        for row in rows {
            let parent = row.parent;
            let item = row.view(dates);
            let reasons: Vec<String> = sqlx::query_scalar(
                "SELECT reason FROM flags WHERE item_kind = $1 AND item_id = $2 ORDER BY at",
            )
            .bind(kind.code())
            .bind(item.id)
            .fetch_all(&db.pool)
            .await?;
            out.push(FlaggedItem {
                kind,
                link: link(kind, item.id, parent),
                reasons,
                item,
            });
        }
    }
    out.sort_by_key(|f| (std::cmp::Reverse(f.item.flags), f.item.at));
    Ok(out)
}

/// A row of [`log`].
#[derive(sqlx::FromRow)]
struct LogRow {
    /// None when the editor's account is gone.
    display_name: Option<String>,
    action: String,
    item_kind: String,
    item_id: i64,
    reason: String,
    at: i64,
}

/// The moderation log, newest first (the last 200 decisions).
pub async fn log(db: &Db, dates: &HumanDates) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows: Vec<LogRow> = sqlx::query_as("SELECT u.display_name, l.action, l.item_kind, l.item_id, l.reason, l.at FROM moderation_log l LEFT JOIN users u ON u.id = l.editor_id ORDER BY l.at DESC, l.id DESC LIMIT 200")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| LogEntry {
            editor: r.display_name.unwrap_or_default(),
            action: r.action,
            item: format!("{} {}", r.item_kind, r.item_id),
            reason: r.reason,
            at: dates.instant(r.at),
        })
        .collect())
}
