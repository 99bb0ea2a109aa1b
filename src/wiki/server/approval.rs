//! Approval, optional per space (`wiki_settings.approval`): readers then get each page's last
//! approved revision, and the revisions live editing makes wait for an animator, who approves
//! one (it and every earlier one count as read) or asks for changes with a note. Switching
//! approval on approves each page's last revision as it stands, so readers keep what they had.

use crate::{
    espaces::{
        server::activity::{self, MailTo, NewActivity},
        types::Module,
    },
    server::db::Db,
};

/// Whether space `space` has approval on.
pub async fn is_on(db: &Db, space: i64) -> Result<bool, sqlx::Error> {
    let on: Option<i64> =
        sqlx::query_scalar("SELECT approval FROM wiki_settings WHERE space_id = $1")
            .bind(space)
            .fetch_optional(&db.pool)
            .await?;
    Ok(on.is_some_and(|on| on != 0))
}

/// Switches approval on or off in space `space` by `by` at `now`; on, each page's last
/// revision not approved yet is approved.
pub async fn set(db: &Db, space: i64, on: bool, by: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO wiki_settings (space_id, approval, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (space_id) DO UPDATE SET approval = $2, updated_at = $3",
    )
    .bind(space)
    .bind(i64::from(on))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if on {
        sqlx::query(
            "UPDATE wiki_revisions SET approved_at = $2, approved_by = $3 WHERE approved_at IS NULL AND id IN ( \
               SELECT r.id FROM wiki_revisions r JOIN wiki_pages p ON p.id = r.page_id WHERE p.space_id = $1 \
               AND r.number = (SELECT MAX(l.number) FROM wiki_revisions l WHERE l.page_id = r.page_id))",
        )
        .bind(space)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// An animator's decision on a revision waiting for approval.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    Approve,
    /// Changes asked for, with a note saying which.
    AskChanges(&'a str),
}

/// Records `decision` on revision `number` of page `page` of space `space` (not approved yet)
/// as `by` at `now`, with a line of the space's activity that tells the revision's authors
/// (their mail at once if they asked for one); false when there is no such revision waiting.
pub async fn decide(
    db: &Db,
    space: i64,
    page: i64,
    number: i64,
    decision: Decision<'_>,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = match decision {
        Decision::Approve => sqlx::query(
            "UPDATE wiki_revisions SET approved_at = $3, approved_by = $4 WHERE page_id = $1 AND number = $2 AND approved_at IS NULL",
        )
        .bind(page)
        .bind(number)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?,
        Decision::AskChanges(note) => sqlx::query(
            "UPDATE wiki_revisions SET changes_asked_at = $3, changes_asked_by = $4, changes_note = $5 \
             WHERE page_id = $1 AND number = $2 AND approved_at IS NULL",
        )
        .bind(page)
        .bind(number)
        .bind(now)
        .bind(by)
        .bind(note)
        .execute(&mut *tx)
        .await?,
    };
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let (revision, title): (i64, String) =
        sqlx::query_as("SELECT id, title FROM wiki_revisions WHERE page_id = $1 AND number = $2")
            .bind(page)
            .bind(number)
            .fetch_one(&mut *tx)
            .await?;
    let authors: Vec<i64> =
        sqlx::query_scalar("SELECT user_id FROM wiki_revision_authors WHERE revision_id = $1")
            .bind(revision)
            .fetch_all(&mut *tx)
            .await?;
    activity::record(
        &mut tx,
        &NewActivity {
            space_id: space,
            actor_id: Some(by),
            module: Module::Wiki,
            action: match decision {
                Decision::Approve => "activity-wiki-approved",
                Decision::AskChanges(_) => "activity-wiki-changes-asked",
            },
            subject: title,
            link: format!("/espaces/{space}/wiki/{page}/historique"),
            mentioned: authors,
            mail_to: MailTo::Mentioned,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
