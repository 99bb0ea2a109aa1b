//! The `space_activity` table: what every module records when something happens in a space
//! ([`record`], inside the change's own transaction, so a line exists exactly when the change
//! does), the feed a space's home lists ([`feed`]), "what changed since my last visit"
//! ([`visit`], and the counts of `spaces::mine`), the mentions a member has not seen
//! ([`unread_mentions`]) and each member's notification setting ([`set_notify`]). The mails
//! (at once, or the daily digest) are in `activity_mail.rs`.

use super::{
    activity_lines::{Line, LINE_COLUMNS, LINE_JOINS, MODULE_ON},
    activity_mail,
};
use crate::{
    espaces::{
        activity_types::FEED_LENGTH,
        types::{ActivityItem, Module, Notify},
    },
    server::{
        db::Db,
        human_dates::HumanDates,
        jobs::{self, NewJob},
    },
};
use sqlx::AnyConnection;

/// What a module tells of a change in a space.
#[derive(Debug, Clone)]
pub struct NewActivity {
    pub space_id: i64,
    /// Who did it (`None`: the system).
    pub actor_id: Option<i64>,
    pub module: Module,
    /// The translation key of the sentence, with Fluent arguments `$actor` and `$subject`
    /// (`activity-document-uploaded` = "{ $actor } a déposé « { $subject } »").
    pub action: &'static str,
    /// Plain text: a file name, a thread's or an event's title.
    pub subject: String,
    /// The site path the line links to (`/espaces/3/documents/41`).
    pub link: String,
    /// Accounts mentioned (the forum's `@Name`); only current members of the space other
    /// than the actor are recorded.
    pub mentioned: Vec<i64>,
    /// Who of the members asking for an e-mail at once gets one.
    pub mail_to: MailTo,
}

/// The members with the "e-mail at once" setting a line is mailed to (the digest and the
/// feed show every line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTo {
    /// All of them (a new document, thread, reply, event).
    Everyone,
    /// Only those it mentions: a line that exists to tell them (an edit adding a mention),
    /// which would be noise in everyone's inbox.
    Mentioned,
}

/// The SQL condition "member `m`'s access has not ended at `$now`" (`$n` given).
fn current(now_param: &str) -> String {
    format!("(m.access_ends_at IS NULL OR m.access_ends_at > {now_param})")
}

/// Records `activity` at `at` (Unix seconds) on `conn` — call it inside the transaction of
/// the change it reports — with its mentions, and queues one mail job for each member who
/// asked for an e-mail at once (not the actor; see [`MailTo`]). Returns the line's id. After the commit, wake
/// the job worker (`app.jobs.wake()`).
pub async fn record(
    conn: &mut AnyConnection,
    activity: &NewActivity,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO space_activity (space_id, actor_id, module, action, subject, link, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(activity.space_id)
    .bind(activity.actor_id)
    .bind(activity.module.code())
    .bind(activity.action)
    .bind(&activity.subject)
    .bind(&activity.link)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    let actor = activity.actor_id.unwrap_or(0);
    let mention_sql = format!(
        "INSERT INTO space_mentions (activity_id, user_id) SELECT $1, m.user_id FROM space_members m \
         WHERE m.space_id = $2 AND m.user_id = $3 AND m.user_id <> $4 AND {} ON CONFLICT DO NOTHING",
        current("$5")
    );
    for user in &activity.mentioned {
        sqlx::query(&mention_sql)
            .bind(id)
            .bind(activity.space_id)
            .bind(*user)
            .bind(actor)
            .bind(at)
            .execute(&mut *conn)
            .await?;
    }
    let recipients: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT m.user_id FROM space_members m WHERE m.space_id = $1 AND m.notify = 'immediate' \
         AND m.user_id <> $2 AND {} ORDER BY m.user_id",
        current("$3")
    ))
    .bind(activity.space_id)
    .bind(actor)
    .bind(at)
    .fetch_all(&mut *conn)
    .await?;
    for user_id in recipients {
        if activity.mail_to == MailTo::Mentioned && !activity.mentioned.contains(&user_id) {
            continue;
        }
        jobs::enqueue(
            &mut *conn,
            NewJob {
                kind: activity_mail::ACTIVITY_MAIL,
                payload: &activity_mail::ActivityMail {
                    activity_id: id,
                    user_id,
                },
                dedup_key: Some(format!("{}:{id}:{user_id}", activity_mail::ACTIVITY_MAIL)),
            },
        )
        .await?;
    }
    Ok(id)
}

/// The newest lines of space `space_id` (at most [`FEED_LENGTH`]), marked new after `since`
/// unless `viewer` wrote them.
pub async fn feed(
    db: &Db,
    space_id: i64,
    viewer: Option<i64>,
    since: Option<i64>,
    dates: &HumanDates,
) -> Result<Vec<ActivityItem>, sqlx::Error> {
    let lines: Vec<Line> = sqlx::query_as(&format!(
        "SELECT {LINE_COLUMNS} FROM {LINE_JOINS} WHERE a.space_id = $1 ORDER BY a.id DESC LIMIT $2"
    ))
    .bind(space_id)
    .bind(FEED_LENGTH)
    .fetch_all(&db.pool)
    .await?;
    Ok(lines
        .into_iter()
        .map(|line| line.item(dates, since, viewer))
        .collect())
}

/// Records that member `user_id` opened space `space_id` at `now`: their mentions there are
/// read. Returns their previous visit (their joining when this is the first), or `None` when
/// they are not a member.
pub async fn visit(
    db: &Db,
    space_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Option<(i64, Notify)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let previous: Option<(Option<i64>, i64, Notify)> = sqlx::query_as(&format!(
        "SELECT m.last_visit_at, m.joined_at, m.notify FROM space_members m \
         WHERE m.space_id = $1 AND m.user_id = $2 AND {}",
        current("$3")
    ))
    .bind(space_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((last, joined, notify)) = previous else {
        return Ok(None);
    };
    sqlx::query("UPDATE space_members SET last_visit_at = $3 WHERE space_id = $1 AND user_id = $2")
        .bind(space_id)
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE space_mentions SET read_at = $3 WHERE user_id = $2 AND read_at IS NULL \
         AND activity_id IN (SELECT id FROM space_activity WHERE space_id = $1)",
    )
    .bind(space_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some((last.unwrap_or(joined), notify)))
}

/// The lines that mention `user_id` in spaces they still belong to and have not opened since,
/// newest first (at most [`FEED_LENGTH`]).
pub async fn unread_mentions(
    db: &Db,
    user_id: i64,
    now: i64,
    dates: &HumanDates,
) -> Result<Vec<ActivityItem>, sqlx::Error> {
    let lines: Vec<Line> = sqlx::query_as(&format!(
        "SELECT {LINE_COLUMNS} FROM {LINE_JOINS} JOIN space_mentions n ON n.activity_id = a.id \
         JOIN space_members m ON m.space_id = a.space_id AND m.user_id = n.user_id \
         WHERE n.user_id = $1 AND n.read_at IS NULL AND {} ORDER BY a.id DESC LIMIT $3",
        current("$2")
    ))
    .bind(user_id)
    .bind(now)
    .bind(FEED_LENGTH)
    .fetch_all(&db.pool)
    .await?;
    Ok(lines
        .into_iter()
        .map(|line| line.item(dates, None, Some(user_id)))
        .collect())
}

/// Sets member `user_id`'s notification setting in space `space_id`; false when they are not
/// a member (their access ended included).
pub async fn set_notify(
    db: &Db,
    space_id: i64,
    user_id: i64,
    notify: Notify,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE space_members SET notify = $3 WHERE space_id = $1 AND user_id = $2 AND {}",
        current("$4").replace("m.", "")
    ))
    .bind(space_id)
    .bind(user_id)
    .bind(notify.code())
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The SQL expression counting space `s`'s lines newer than member `m`'s last visit (or
/// joining) and not their own — the "news" of "my spaces".
pub fn news_count() -> String {
    format!(
        "(SELECT COUNT(*) FROM space_activity a WHERE a.space_id = s.id \
         AND a.created_at > COALESCE(m.last_visit_at, m.joined_at) \
         AND (a.actor_id IS NULL OR a.actor_id <> m.user_id) AND {MODULE_ON})"
    )
}
