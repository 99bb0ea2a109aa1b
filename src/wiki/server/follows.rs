//! Following a page (`wiki_follows`): a member who follows a page sees it among "pages you
//! follow that changed" in the wiki's list until they open it again, and gets a digest mail of
//! such changes (the `wiki.follows` round, once a day, through the durable jobs). Only current
//! members of the page's space are told (a follower who left is told nothing); a revision they
//! wrote alone is no news to them.

use crate::{
    accounts::server::store,
    server::{
        db::Db,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        state::AppState,
    },
    wiki::types::PageLink,
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The job kind of a follower's digest mail.
pub const FOLLOW_MAIL: &str = "wiki.follow_mail";

/// The payload of [`FOLLOW_MAIL`].
#[derive(Debug, Serialize, Deserialize)]
pub struct FollowMail {
    pub user_id: i64,
    /// (space, page) of each followed page that changed.
    pub pages: Vec<(i64, i64)>,
}

/// The condition "follow `f` is of a current member (at the time bound to `now`) of page `p`'s
/// space, the page not in the bin, with a revision `r` newer than `{column}` that someone else
/// wrote in".
fn news(column: &str, now: &str) -> String {
    format!(
        "p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM space_members m WHERE m.space_id = p.space_id \
         AND m.user_id = f.user_id AND (m.access_ends_at IS NULL OR m.access_ends_at > {now})) \
         AND EXISTS (SELECT 1 FROM wiki_revisions r WHERE r.page_id = p.id AND r.number > f.{column} \
         AND EXISTS (SELECT 1 FROM wiki_revision_authors a WHERE a.revision_id = r.id AND a.user_id <> f.user_id))"
    )
}

/// The number of page `page`'s last revision (0 when none).
async fn last_number(db: &Db, page: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(number), 0) FROM wiki_revisions WHERE page_id = $1")
        .bind(page)
        .fetch_one(&db.pool)
        .await
}

/// Makes `user` follow page `page` (from its last revision on) or stop following it.
pub async fn set(db: &Db, page: i64, user: i64, follow: bool, now: i64) -> Result<(), sqlx::Error> {
    if follow {
        let last = last_number(db, page).await?;
        sqlx::query(
            "INSERT INTO wiki_follows (page_id, user_id, seen_through, mailed_through, created_at) \
             VALUES ($1, $2, $3, $3, $4) ON CONFLICT (page_id, user_id) DO NOTHING",
        )
        .bind(page)
        .bind(user)
        .bind(last)
        .bind(now)
        .execute(&db.pool)
        .await?;
    } else {
        sqlx::query("DELETE FROM wiki_follows WHERE page_id = $1 AND user_id = $2")
            .bind(page)
            .bind(user)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

/// Whether `user` follows page `page`; when they do, their opening it now counts as having
/// seen its last revision.
pub async fn opened(db: &Db, page: i64, user: i64) -> Result<bool, sqlx::Error> {
    let last = last_number(db, page).await?;
    let done = sqlx::query(
        "UPDATE wiki_follows SET seen_through = CASE WHEN seen_through > $3 THEN seen_through ELSE $3 END \
         WHERE page_id = $1 AND user_id = $2",
    )
    .bind(page)
    .bind(user)
    .bind(last)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The pages of space `space` that `user` follows and that changed since they last opened
/// them, by title.
pub async fn changed(
    db: &Db,
    space: i64,
    user: i64,
    now: i64,
) -> Result<Vec<PageLink>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT p.id, p.title FROM wiki_follows f JOIN wiki_pages p ON p.id = f.page_id \
         WHERE f.user_id = $1 AND p.space_id = $3 AND {} ORDER BY p.title_key, p.id",
        news("seen_through", "$2")
    ))
    .bind(user)
    .bind(now)
    .bind(space)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| PageLink { id, title })
        .collect())
}

/// The daily round of follower digests.
pub fn round() -> Round {
    Round {
        name: "wiki.follows",
        every: Duration::from_secs(86_400),
        first_at_once: false,
        run: |app| Box::pin(async move { digest_round(&app).await.map(drop) }),
    }
}

/// Queues one digest per follower with followed pages changed since their last digest, and
/// moves their `mailed_through` (in one transaction each); the number queued.
pub async fn digest_round(app: &AppState) -> Result<usize, JobError> {
    let now = app.clock.now_seconds();
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT f.user_id, p.space_id, p.id FROM wiki_follows f JOIN wiki_pages p ON p.id = f.page_id \
         WHERE {} ORDER BY f.user_id, p.space_id, p.title_key",
        news("mailed_through", "$1")
    ))
    .bind(now)
    .fetch_all(&app.db.pool)
    .await?;
    let mut queued = 0;
    let mut at = 0;
    while at < rows.len() {
        let user = rows[at].0;
        let pages: Vec<(i64, i64)> = rows[at..]
            .iter()
            .take_while(|(u, _, _)| *u == user)
            .map(|(_, space, page)| (*space, *page))
            .collect();
        at += pages.len();
        let mut tx = app.db.begin_write().await?;
        for (_, page) in &pages {
            sqlx::query(
                "UPDATE wiki_follows SET mailed_through = (SELECT COALESCE(MAX(number), 0) FROM wiki_revisions WHERE page_id = $1) \
                 WHERE page_id = $1 AND user_id = $2",
            )
            .bind(page)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        }
        jobs::enqueue(
            &mut tx,
            NewJob {
                kind: FOLLOW_MAIL,
                payload: &FollowMail {
                    user_id: user,
                    pages,
                },
                dedup_key: None,
            },
        )
        .await?;
        tx.commit().await?;
        queued += 1;
    }
    if queued > 0 {
        app.jobs.wake();
    }
    Ok(queued)
}

/// The job handler of [`FOLLOW_MAIL`]: the followed pages still readable, each with its link.
pub fn send(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let mail: FollowMail = job.payload()?;
        let Some(person) = store::recipient(&app.db, mail.user_id).await? else {
            return Ok(());
        };
        let locale = person.locale;
        let mut list = String::new();
        for (space, page) in &mail.pages {
            let title: Option<String> = sqlx::query_scalar(
                "SELECT title FROM wiki_pages WHERE id = $1 AND deleted_at IS NULL",
            )
            .bind(page)
            .fetch_optional(&app.db.pool)
            .await?;
            if let Some(title) = title {
                let link = app
                    .config
                    .public_link(&format!("/espaces/{space}/wiki/{page}"));
                list.push_str(&format!("- {title} : {link}\n"));
            }
        }
        if list.is_empty() {
            return Ok(());
        }
        let args = [("name", person.display_name), ("list", list)];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &person.email,
                &locale.t_with("mail-wiki-follow-subject", &args),
                locale.t_with("mail-wiki-follow-body", &args),
            )
            .await?;
        Ok(())
    })
}

/// Deletes `account`'s follows (its erasure, on the erasure's transaction); how many.
pub async fn erase(conn: &mut sqlx::AnyConnection, account: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM wiki_follows WHERE user_id = $1")
        .bind(account)
        .execute(conn)
        .await?
        .rows_affected())
}
