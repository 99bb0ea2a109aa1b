//! The mails of a space's activity, through the durable jobs: one mail per line to each member
//! who asked for an e-mail at once ([`ACTIVITY_MAIL`], queued by `activity::record` in the
//! change's transaction), and the daily digest ([`periodic`], every `digest.every_seconds`
//! once across all processes) to members who chose it: the round moves each membership's
//! `digest_through` and queues the mail in one transaction, so a line is told once, and a
//! failed send is retried by the worker. Both re-check at sending time that the recipient is
//! still a member with that setting: a member removed in between hears nothing more.

use super::activity_lines::{Line, LINE_COLUMNS, LINE_JOINS, MODULE_ON};
use crate::{
    accounts::{server::store::recipient, types::shown_name},
    i18n::Locale,
    server::{
        human_dates::HumanDates,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        sql::Sql,
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The job kind of one line's mail to one member.
pub const ACTIVITY_MAIL: &str = "espaces.activity_mail";
/// The job kind of a member's digest.
pub const DIGEST_MAIL: &str = "espaces.digest_mail";
/// Most lines one digest lists (the mail links to "my spaces" for the rest).
const LISTED: usize = 40;

/// The payload of [`ACTIVITY_MAIL`].
#[derive(Debug, Serialize, Deserialize)]
pub struct ActivityMail {
    pub activity_id: i64,
    pub user_id: i64,
}

/// The payload of [`DIGEST_MAIL`]: the lines listed, newest first, and how many there were.
#[derive(Debug, Serialize, Deserialize)]
pub struct DigestMail {
    pub user_id: i64,
    pub activities: Vec<i64>,
    pub count: usize,
}

/// One line in words, in `locale`: "Ada a déposé « plan.pdf »".
pub fn sentence(locale: Locale, line: &Line) -> String {
    let actor = shown_name(line.actor.as_deref().unwrap_or(""), || {
        locale.t("former-member")
    });
    locale.t_with(
        &line.action,
        &[("actor", actor), ("subject", line.subject.clone())],
    )
}

/// Whether `user_id` is still a member of `space_id` with setting `notify`.
async fn still_wants(
    app: &AppState,
    space_id: i64,
    user_id: i64,
    notify: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM space_members WHERE space_id = $1 AND user_id = $2 AND notify = $3 \
         AND (access_ends_at IS NULL OR access_ends_at > $4)",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(notify)
    .bind(app.clock.now_seconds())
    .fetch_optional(&app.db.pool)
    .await?;
    Ok(row.is_some())
}

/// The job handler of [`ACTIVITY_MAIL`].
pub fn send_activity(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let mail: ActivityMail = job.payload()?;
        let line: Option<Line> = sqlx::query_as(&format!(
            "SELECT {LINE_COLUMNS} FROM {LINE_JOINS} WHERE a.id = $1"
        ))
        .bind(mail.activity_id)
        .fetch_optional(&app.db.pool)
        .await?;
        let Some(line) = line else {
            return Ok(());
        };
        if !still_wants(&app, line.space_id, mail.user_id, "immediate").await? {
            return Ok(());
        }
        let Some(member) = recipient(&app.db, mail.user_id).await? else {
            return Ok(());
        };
        let locale = member.locale;
        let args = [
            ("name", member.display_name),
            ("space", line.space_name.clone()),
            ("line", sentence(locale, &line)),
            ("link", app.config.public_link(&line.link)),
            (
                "manage",
                app.config
                    .public_link(&format!("/espaces/{}", line.space_id)),
            ),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &member.email,
                &locale.t_with("mail-space-activity-subject", &args),
                locale.t_with("mail-space-activity-body", &args),
            )
            .await?;
        Ok(())
    })
}

/// The digest's periodic round (a fresh database waits one period).
pub fn periodic(every_seconds: u64) -> Round {
    Round {
        name: "espaces.digest",
        every: Duration::from_secs(every_seconds.max(1)),
        first_at_once: false,
        run: |app| Box::pin(async move { round(&app).await.map(|_| ()).map_err(JobError::from) }),
    }
}

/// One digest round: for each member with the digest setting and lines by others past their
/// `digest_through` in any of their spaces, moves it and queues one mail, in one transaction.
/// Returns how many digests were queued.
pub async fn round(app: &AppState) -> Result<usize, sqlx::Error> {
    let db = &app.db;
    let at = app.clock.now_seconds();
    let waiting = format!(
        "FROM space_members m JOIN space_activity a ON a.space_id = m.space_id \
         AND a.id > m.digest_through AND (a.actor_id IS NULL OR a.actor_id <> m.user_id) AND {MODULE_ON} \
         WHERE m.notify = 'digest' AND (m.access_ends_at IS NULL OR m.access_ends_at > $1)"
    );
    let users: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT m.user_id {waiting} ORDER BY m.user_id"
    ))
    .bind(at)
    .fetch_all(&db.pool)
    .await?;
    let mut queued = 0;
    for user in users {
        let mut tx = db.begin_write().await?;
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT a.id {waiting} AND m.user_id = $2 ORDER BY a.id DESC"
        ))
        .bind(at)
        .bind(user)
        .fetch_all(&mut *tx)
        .await?;
        let Some(newest) = ids.first().copied() else {
            continue;
        };
        // Every membership of the member with the digest setting moves to the newest line.
        sqlx::query(
            "UPDATE space_members SET digest_through = $2 WHERE user_id = $1 AND notify = 'digest' AND digest_through < $2",
        )
        .bind(user)
        .bind(newest)
        .execute(&mut *tx)
        .await?;
        let digest = DigestMail {
            user_id: user,
            activities: ids.iter().take(LISTED).copied().collect(),
            count: ids.len(),
        };
        jobs::enqueue(
            &mut tx,
            NewJob {
                kind: DIGEST_MAIL,
                payload: &digest,
                dedup_key: Some(format!("{DIGEST_MAIL}:{user}:{newest}")),
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user, lines = ids.len(), "space digest queued");
        queued += 1;
    }
    if queued > 0 {
        app.jobs.wake();
    }
    Ok(queued)
}

/// The job handler of [`DIGEST_MAIL`]: lines of spaces the member still belongs to.
pub fn send_digest(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let digest: DigestMail = job.payload()?;
        let Some(member) = recipient(&app.db, digest.user_id).await? else {
            return Ok(());
        };
        let mut sql = Sql::new(&format!(
            "SELECT {LINE_COLUMNS} FROM {LINE_JOINS} JOIN space_members m ON m.space_id = a.space_id \
             AND m.user_id = "
        ));
        sql.push_bind(digest.user_id)
            .push(" AND (m.access_ends_at IS NULL OR m.access_ends_at > ")
            .push_bind(app.clock.now_seconds())
            .push(") WHERE a.id IN (")
            .push_binds(digest.activities.iter().copied())
            .push(") ORDER BY a.space_id, a.id DESC");
        let lines: Vec<Line> = sql.query_as().fetch_all(&app.db.pool).await?;
        if lines.is_empty() {
            return Ok(());
        }
        let locale = member.locale;
        let dates = HumanDates::for_account(&app, locale, &member.time_zone);
        let mut list = String::new();
        let mut space = None;
        for line in &lines {
            if space != Some(line.space_id) {
                space = Some(line.space_id);
                list.push_str(&format!("\n{}\n", line.space_name));
            }
            list.push_str(&format!(
                "- {} — {} : {}\n",
                dates.instant_text(line.created_at),
                sentence(locale, line),
                app.config.public_link(&line.link)
            ));
        }
        let args = [
            ("name", member.display_name),
            ("count", digest.count.to_string()),
            ("list", list),
            ("manage", app.config.public_link("/espaces")),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &member.email,
                &locale.t_with("mail-space-digest-subject", &args),
                locale.t_with("mail-space-digest-body", &args),
            )
            .await?;
        Ok(())
    })
}
