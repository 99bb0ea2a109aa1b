//! Follows and notifications. Members follow fiches, threads, fields and cities; news of
//! what they follow (a comment, a reply, a new thread in a field, a fiche published in a
//! field or a city) and mentions of their "@Name" reach their notifications, which the
//! digest later mails.
//!
//! A notification names what it tells of (`Target`), and is shown or mailed only while its
//! reader may see that: every read goes through [`VISIBLE`], checked when reading and when
//! sending, not only when the notification was made. A hidden comment, reply or thread (or
//! one in a hidden thread), a deleted one, or a fiche no longer published takes its
//! notifications off the list, its count and the digest; restoring it brings them back.

use crate::{
    i18n::Locale,
    innovation::community::{FollowKind, Followed, ItemKind, Notification},
    server::{
        db::{now, Db},
        human_dates::HumanDates,
    },
};
use std::sync::LazyLock;

/// What a notification is about: a contribution, or a fiche (stored as `item_kind`, `item_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Contribution(ItemKind, i64),
    Fiche(i64),
}

impl Target {
    fn code(self) -> &'static str {
        match self {
            Target::Contribution(kind, _) => kind.code(),
            Target::Fiche(_) => "fiche",
        }
    }

    fn id(self) -> i64 {
        match self {
            Target::Contribution(_, id) | Target::Fiche(id) => id,
        }
    }
}

/// The one visibility rule of notifications, an SQL condition on the notification `n`: its
/// target is visible to readers now (see `contributions::visible_source`; a fiche: published).
/// A notification of a kind this list does not know is never shown.
pub static VISIBLE: LazyLock<String> = LazyLock::new(|| {
    let mut cases: Vec<String> = [ItemKind::Comment, ItemKind::Thread, ItemKind::Reply]
        .into_iter()
        .map(|kind| {
            format!(
                "(n.item_kind = '{}' AND EXISTS ({}))",
                kind.code(),
                super::contributions::visible_source(kind, "n.item_id")
            )
        })
        .collect();
    cases.push("(n.item_kind = 'fiche' AND EXISTS (SELECT 1 FROM fiches f WHERE f.id = n.item_id AND f.published_revision_id IS NOT NULL))".into());
    format!("({})", cases.join(" OR "))
});

/// A follow's target as follows are compared: folded by `server::text`, so a city is one
/// city however a fiche spells it ("Montréal|Canada", "MONTREAL|Canada"); ids fold to themselves.
fn target_key(target: &str) -> String {
    crate::server::text::key(target)
}

/// Starts (`on`) or stops following; stopping ends every follow of the same folded target.
pub async fn follow(
    db: &Db,
    user: i64,
    kind: FollowKind,
    target: &str,
    on: bool,
) -> Result<(), sqlx::Error> {
    let sql = if on {
        "INSERT INTO follows (user_id, kind, target, target_key) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind, target) DO NOTHING"
    } else {
        "DELETE FROM follows WHERE user_id = $1 AND kind = $2 AND (target = $3 OR target_key = $4)"
    };
    sqlx::query(sql)
        .bind(user)
        .bind(kind.code())
        .bind(target)
        .bind(target_key(target))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn follows(
    db: &Db,
    user: i64,
    kind: FollowKind,
    target: &str,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT user_id FROM follows WHERE user_id = $1 AND kind = $2 AND target_key = $3",
    )
    .bind(user)
    .bind(kind.code())
    .bind(target_key(target))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.is_some())
}

/// Recomputes every follow's folded target in one transaction (after the text
/// normalisation changed; see `server::text_rebuild`). Returns how many targets.
pub async fn index_targets(db: &Db) -> Result<usize, sqlx::Error> {
    let targets: Vec<String> = sqlx::query_scalar("SELECT DISTINCT target FROM follows")
        .fetch_all(&db.pool)
        .await?;
    let mut tx = db.begin_write().await?;
    for target in &targets {
        sqlx::query("UPDATE follows SET target_key = $1 WHERE target = $2")
            .bind(target_key(target))
            .bind(target)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(targets.len())
}

/// What `user` follows, named in `locale` and linked; fiches and threads no longer readable
/// are left out.
pub async fn followed(db: &Db, user: i64, locale: Locale) -> Result<Vec<Followed>, sqlx::Error> {
    let rows: Vec<(FollowKind, String)> =
        sqlx::query_as("SELECT kind, target FROM follows WHERE user_id = $1 ORDER BY kind, target")
            .bind(user)
            .fetch_all(&db.pool)
            .await?;
    let fields = super::store::field_names(db, locale).await?;
    let mut out = Vec::new();
    for (kind, target) in rows {
        // A city's target is "City|Country"; the others' an id (0 when it is not one: nothing found).
        let id: i64 = target.parse().unwrap_or(0);
        let (kind, label, link) = match kind {
            FollowKind::Fiche => {
                let title =
                    sqlx::query_scalar("SELECT title FROM fiche_catalogue WHERE fiche_id = $1")
                        .bind(id)
                        .fetch_optional(&db.pool)
                        .await?;
                (FollowKind::Fiche, title, format!("/innovation/fiches/{id}"))
            }
            FollowKind::Thread => {
                let title = sqlx::query_scalar(
                    "SELECT title FROM threads WHERE id = $1 AND hidden_at IS NULL",
                )
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
                (
                    FollowKind::Thread,
                    title,
                    format!("/innovation/discussions/{id}"),
                )
            }
            FollowKind::Field => (
                FollowKind::Field,
                fields
                    .iter()
                    .find(|(f, _)| *f == id)
                    .map(|(_, n)| n.clone()),
                format!("/innovation?champ={id}"),
            ),
            FollowKind::City => {
                let (city, country) = target.split_once('|').unwrap_or((&target, ""));
                let place = crate::innovation::browse::BrowseQuery {
                    ville: Some(city.into()),
                    pays: Some(country.into()),
                    ..Default::default()
                };
                (
                    FollowKind::City,
                    Some(format!("{city}, {country}")),
                    place.url(1),
                )
            }
        };
        if let Some(label) = label {
            out.push(Followed {
                kind,
                target,
                label,
                link,
            });
        }
    }
    Ok(out)
}

/// What happened, told to members in their notifications.
pub struct News<'a> {
    /// "comment", "reply", "thread" or "fiche" (see `Notification::kind`).
    pub kind: &'a str,
    pub actor: i64,
    pub actor_name: &'a str,
    pub subject: &'a str,
    pub link: &'a str,
    /// What the news is about; its visibility decides whether the notification shows.
    pub target: Target,
}

/// Tells of `news` the members following any of `targets` and those `text` mentions (a
/// mention is told as such, once); never the actor, and each member once.
pub async fn tell(
    db: &Db,
    news: &News<'_>,
    targets: &[(FollowKind, String)],
    text: Option<&str>,
) -> Result<(), sqlx::Error> {
    let at = now();
    let mut told = vec![news.actor];
    if let Some(text) = text {
        for user in crate::server::mentions::mentioned(db, text).await? {
            if !told.contains(&user) {
                insert(db, user, "mention", news, at).await?;
                told.push(user);
            }
        }
    }
    for (kind, target) in targets {
        let users: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT user_id FROM follows WHERE kind = $1 AND target_key = $2",
        )
        .bind(kind.code())
        .bind(target_key(target))
        .fetch_all(&db.pool)
        .await?;
        for user in users {
            if !told.contains(&user) {
                insert(db, user, news.kind, news, at).await?;
                told.push(user);
            }
        }
    }
    Ok(())
}

async fn insert(
    db: &Db,
    user: i64,
    kind: &str,
    news: &News<'_>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (user_id, kind, actor, subject, link, at, item_kind, item_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(user)
        .bind(kind)
        .bind(news.actor_name)
        .bind(news.subject)
        .bind(news.link)
        .bind(at)
        .bind(news.target.code())
        .bind(news.target.id())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A row of [`of_user`].
#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    kind: String,
    actor: String,
    subject: String,
    link: String,
    at: i64,
    read_at: Option<i64>,
}

/// The member's latest notifications whose target they may still see, dated for `dates`' reader.
pub async fn of_user(
    db: &Db,
    user: i64,
    dates: &HumanDates,
) -> Result<Vec<Notification>, sqlx::Error> {
    let sql = format!("SELECT n.id, n.kind, n.actor, n.subject, n.link, n.at, n.read_at FROM notifications n WHERE n.user_id = $1 AND {} ORDER BY n.at DESC, n.id DESC LIMIT 100", *VISIBLE);
    let rows: Vec<NotificationRow> = sqlx::query_as(&sql).bind(user).fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| Notification {
            id: r.id,
            kind: r.kind,
            actor: r.actor,
            subject: r.subject,
            link: r.link,
            at: dates.instant(r.at),
            unread: r.read_at.is_none(),
        })
        .collect())
}

pub async fn mark_read(db: &Db, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now())
        .bind(user)
        .execute(&db.pool)
        .await?;
    Ok(())
}
