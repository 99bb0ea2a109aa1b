//! The e-mail digest: every `digest.every_seconds` (once across all processes), each member
//! with notifications neither read nor mailed yet gets one message listing them, in their
//! language, unless they turned the digest off on their notifications page. The round marks
//! them mailed and queues the mail as a job in one transaction: a failed send is retried by
//! the worker, never lost. Only notifications whose target the member may see are marked
//! (`notify::VISIBLE`, at the round) and listed (at the send): one hidden before the round
//! waits, and goes out if it is restored.

use super::notify::VISIBLE;
use crate::{
    i18n::Locale,
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        sql::Sql,
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use sqlx::Row;
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
    let members = sqlx::query(&members_sql).fetch_all(&db.pool).await?;
    let pending_sql = format!("SELECT n.id FROM notifications n WHERE n.user_id = $1 AND n.read_at IS NULL AND n.mailed_at IS NULL AND {} ORDER BY n.at DESC, n.id DESC", *VISIBLE);
    // What was listed, up to the newest: hidden ones stay unmailed for a later round.
    let mark_sql = format!(
        "UPDATE notifications SET mailed_at = $1 WHERE id IN (SELECT n.id FROM notifications n WHERE n.user_id = $2 AND n.mailed_at IS NULL AND n.id <= $3 AND {})",
        *VISIBLE
    );
    let mut queued = 0;
    for member in members {
        let user: i64 = member.try_get("id")?;
        let mut tx = db.pool.begin().await?;
        let ids: Vec<i64> = sqlx::query(&pending_sql)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<Result<_, _>>()?;
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

/// The job handler: the digest mail, in the member's language, listing what is still visible.
pub fn send(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let digest: Digest = job.payload()?;
        let db = &app.db;
        let Some(member) =
            sqlx::query("SELECT email, display_name, locale, time_zone FROM users WHERE id = $1")
                .bind(digest.user_id)
                .fetch_optional(&db.pool)
                .await?
        else {
            return Ok(());
        };
        let mut sql = Sql::new("SELECT n.id, n.kind, n.actor, n.subject, n.link, n.at FROM notifications n WHERE n.id IN (");
        sql.push_binds(digest.notifications.iter().copied())
            .push(") AND ")
            .push(&VISIBLE)
            .push(" ORDER BY n.at DESC, n.id DESC");
        let rows = sql.query().fetch_all(&db.pool).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let locale =
            Locale::try_from(member.try_get::<String, _>("locale")?).map_err(sqlx::Error::from)?;
        let dates =
            HumanDates::for_account(&app, locale, &member.try_get::<String, _>("time_zone")?);
        let mut list = String::new();
        for row in &rows {
            let what = locale.t(&format!(
                "notifications-{}",
                row.try_get::<String, _>("kind")?
            ));
            let link = app.config.public_link(&row.try_get::<String, _>("link")?);
            let when = dates.instant_text(row.try_get("at")?);
            list.push_str(&format!(
                "- {when} — {} {} « {} » : {link}\n",
                row.try_get::<String, _>("actor")?,
                what,
                row.try_get::<String, _>("subject")?
            ));
        }
        let args = [
            ("name", member.try_get::<String, _>("display_name")?),
            ("count", digest.count.to_string()),
            ("list", list),
            (
                "manage",
                app.config.public_link("/innovation/notifications"),
            ),
        ];
        let to: String = member.try_get("email")?;
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &to,
                &locale.t_with("mail-digest-subject", &args),
                locale.t_with("mail-digest-body", &args),
            )
            .await?;
        Ok(())
    })
}
