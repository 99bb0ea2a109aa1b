//! The e-mail digest: every `digest.every_seconds` (once across all processes), each member
//! with notifications neither read nor mailed yet gets one message listing them, in their
//! language, unless they turned the digest off on their notifications page. The round marks
//! them mailed and queues the mail as a job in one transaction: a failed send is retried by
//! the worker, never lost. Only notifications whose target the member may see are marked
//! (`notify::VISIBLE`, at the round) and listed (at the send): one hidden before the round
//! waits, and goes out if it is restored.

use super::notify::VISIBLE;
use crate::{
    accounts::server::store::recipient,
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        sql::Sql,
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Most notifications listed in one digest (the link shows them all).
const LISTED: usize = 20;

pub async fn enabled(db: &Db, user: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT user_id FROM digest_optouts WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&db.pool)
            .await?
            .is_none(),
    )
}

pub async fn set_enabled(db: &Db, user: i64, on: bool) -> Result<(), sqlx::Error> {
    let sql = if on {
        "DELETE FROM digest_optouts WHERE user_id = $1"
    } else {
        "INSERT INTO digest_optouts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING"
    };
    sqlx::query(sql).bind(user).execute(&db.pool).await?;
    Ok(())
}

/// The job kind of a digest mail.
pub const KIND: &str = "innovation.digest";

/// A digest to send; the job's payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct Digest {
    pub user_id: i64,
    /// The notifications listed, newest first (at most [`LISTED`]).
    pub notifications: Vec<i64>,
    /// How many were marked mailed with this digest.
    pub count: usize,
}

/// The periodic round (once every `digest.every_seconds` across all processes; a fresh
/// database waits one period, so a restart does not mail before it).
pub fn periodic(every_seconds: u64) -> Round {
    Round {
        name: "innovation.digest",
        every: Duration::from_secs(every_seconds.max(1)),
        first_at_once: false,
        run: |app| Box::pin(async move { round(&app).await.map(|_| ()).map_err(JobError::from) }),
    }
}

/// One digest round: for each member with visible notifications neither read nor mailed, marks
/// them mailed and queues the digest mail, in one transaction. Returns how many were queued.
pub async fn round(app: &AppState) -> Result<usize, sqlx::Error> {
    let db = &app.db;
    let members_sql = format!(
        "SELECT DISTINCT u.id FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE n.read_at IS NULL AND n.mailed_at IS NULL AND {} AND NOT EXISTS (SELECT 1 FROM digest_optouts o WHERE o.user_id = u.id) ORDER BY u.id",
        *VISIBLE
    );
    let members: Vec<i64> = sqlx::query_scalar(&members_sql).fetch_all(&db.pool).await?;
    let pending_sql = format!("SELECT n.id FROM notifications n WHERE n.user_id = $1 AND n.read_at IS NULL AND n.mailed_at IS NULL AND {} ORDER BY n.at DESC, n.id DESC", *VISIBLE);
    // What was listed, up to the newest: hidden ones stay unmailed for a later round.
    let mark_sql = format!(
        "UPDATE notifications SET mailed_at = $1 WHERE id IN (SELECT n.id FROM notifications n WHERE n.user_id = $2 AND n.mailed_at IS NULL AND n.id <= $3 AND {})",
        *VISIBLE
    );
    let mut queued = 0;
    for user in members {
        let mut tx = db.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&pending_sql)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
        let Some(newest) = ids.iter().max().copied() else {
            continue;
        };
        let marked = sqlx::query(&mark_sql)
            .bind(now())
            .bind(user)
            .bind(newest)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let digest = Digest {
            user_id: user,
            notifications: ids.iter().take(LISTED).copied().collect(),
            count: ids.len(),
        };
        jobs::enqueue(
            &mut tx,
            NewJob {
                kind: KIND,
                payload: &digest,
                dedup_key: Some(format!("{KIND}:{user}:{newest}")),
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(
            user,
            notifications = ids.len(),
            marked,
            "notification digest queued"
        );
        queued += 1;
    }
    Ok(queued)
}

/// A notification listed in a digest mail.
#[derive(sqlx::FromRow)]
struct Listed {
    kind: String,
    actor: String,
    subject: String,
    link: String,
    /// Unix seconds.
    at: i64,
}

/// The job handler: the digest mail, in the member's language, listing what is still visible.
pub fn send(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let digest: Digest = job.payload()?;
        let db = &app.db;
        let Some(member) = recipient(db, digest.user_id).await? else {
            return Ok(());
        };
        let mut sql = Sql::new(
            "SELECT n.kind, n.actor, n.subject, n.link, n.at FROM notifications n WHERE n.id IN (",
        );
        sql.push_binds(digest.notifications.iter().copied())
            .push(") AND ")
            .push(&VISIBLE)
            .push(" ORDER BY n.at DESC, n.id DESC");
        let rows: Vec<Listed> = sql.query_as().fetch_all(&db.pool).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let locale = member.locale;
        let dates = HumanDates::for_account(&app, locale, &member.time_zone);
        let mut list = String::new();
        for row in &rows {
            let what = locale.t(&format!("notifications-{}", row.kind));
            let link = app.config.public_link(&row.link);
            let when = dates.instant_text(row.at);
            list.push_str(&format!(
                "- {when} — {} {what} « {} » : {link}\n",
                row.actor, row.subject
            ));
        }
        let args = [
            ("name", member.display_name),
            ("count", digest.count.to_string()),
            ("list", list),
            (
                "manage",
                app.config.public_link("/innovation/notifications"),
            ),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &member.email,
                &locale.t_with("mail-digest-subject", &args),
                locale.t_with("mail-digest-body", &args),
            )
            .await?;
        Ok(())
    })
}
