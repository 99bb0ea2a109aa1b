//! Followers and notifications: a comment tells the fiche's followers (its author and
//! everyone who commented or chose to follow) and every member it mentions by "@Name".

use crate::{
    innovation::community::Notification,
    server::db::{now, Db},
};
use sqlx::Row;

pub async fn follow(db: &Db, fiche: i64, user: i64, on: bool) -> Result<(), sqlx::Error> {
    let sql = if on {
        "INSERT INTO fiche_followers (fiche_id, user_id) VALUES ($1, $2) ON CONFLICT (fiche_id, user_id) DO NOTHING"
    } else {
        "DELETE FROM fiche_followers WHERE fiche_id = $1 AND user_id = $2"
    };
    sqlx::query(sql).bind(fiche).bind(user).execute(&db.pool).await?;
    Ok(())
}

pub async fn follows(db: &Db, fiche: i64, user: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT user_id FROM fiche_followers WHERE fiche_id = $1 AND user_id = $2").bind(fiche).bind(user).fetch_optional(&db.pool).await?.is_some())
}

/// The members a comment names with "@" followed by their display name (one to three words).
pub async fn mentioned(db: &Db, body: &str) -> Result<Vec<i64>, sqlx::Error> {
    let mut found = Vec::new();
    for (at, _) in body.match_indices('@') {
        let words: Vec<&str> = body[at + 1..].split_whitespace().take(3).collect();
        for n in (1..=words.len()).rev() {
            let name = words[..n].join(" ").trim_end_matches(|c: char| !c.is_alphanumeric()).to_string();
            if name.is_empty() {
                continue;
            }
            let row = sqlx::query("SELECT id FROM users WHERE LOWER(display_name) = LOWER($1) LIMIT 1").bind(&name).fetch_optional(&db.pool).await?;
            if let Some(row) = row {
                let id: i64 = row.try_get("id")?;
                if !found.contains(&id) {
                    found.push(id);
                }
                break;
            }
        }
    }
    Ok(found)
}

/// After `actor` commented on `fiche`: they follow it from now on; its followers and the
/// members mentioned are told (never the actor).
pub async fn commented(db: &Db, fiche: i64, fiche_title: &str, author: i64, actor: i64, actor_name: &str, link: &str, body: &str) -> Result<(), sqlx::Error> {
    follow(db, fiche, actor, true).await?;
    follow(db, fiche, author, true).await?;
    let at = now();
    let mentions = mentioned(db, body).await?;
    for user in &mentions {
        if *user != actor {
            insert(db, *user, "mention", actor_name, fiche_title, link, at).await?;
        }
    }
    let followers = sqlx::query("SELECT user_id FROM fiche_followers WHERE fiche_id = $1").bind(fiche).fetch_all(&db.pool).await?;
    for row in followers {
        let user: i64 = row.try_get("user_id")?;
        if user != actor && !mentions.contains(&user) {
            insert(db, user, "comment", actor_name, fiche_title, link, at).await?;
        }
    }
    Ok(())
}

async fn insert(db: &Db, user: i64, kind: &str, actor: &str, subject: &str, link: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notifications (user_id, kind, actor, subject, link, at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(user)
        .bind(kind)
        .bind(actor)
        .bind(subject)
        .bind(link)
        .bind(at)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn of_user(db: &Db, user: i64) -> Result<Vec<Notification>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, kind, actor, subject, link, at, read_at FROM notifications WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT 100")
        .bind(user)
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Notification {
                id: r.try_get("id")?,
                kind: r.try_get("kind")?,
                actor: r.try_get("actor")?,
                subject: r.try_get("subject")?,
                link: r.try_get("link")?,
                at: r.try_get("at")?,
                unread: r.try_get::<Option<i64>, _>("read_at")?.is_none(),
            })
        })
        .collect()
}

pub async fn mark_read(db: &Db, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL").bind(now()).bind(user).execute(&db.pool).await?;
    Ok(())
}
