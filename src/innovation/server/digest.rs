//! The e-mail digest: every `digest.every_seconds`, each member with notifications neither
//! read nor mailed yet gets one message listing them, in their language, unless they turned
//! the digest off on their notifications page. A failed send leaves them for the next round.
//! Only notifications whose target the member may see when the digest is sent are listed or
//! marked (`notify::VISIBLE`): one hidden meanwhile waits, and goes out if it is restored.

use super::notify::VISIBLE;
use crate::{
    i18n::Locale,
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        state::AppState,
    },
};
use sqlx::Row;
use std::time::Duration;

/// Most notifications listed in one digest (the link shows them all).
const LISTED: usize = 20;

pub async fn enabled(db: &Db, user: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT user_id FROM digest_optouts WHERE user_id = $1").bind(user).fetch_optional(&db.pool).await?.is_none())
}

pub async fn set_enabled(db: &Db, user: i64, on: bool) -> Result<(), sqlx::Error> {
    let sql = if on { "DELETE FROM digest_optouts WHERE user_id = $1" } else { "INSERT INTO digest_optouts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING" };
    sqlx::query(sql).bind(user).execute(&db.pool).await?;
    Ok(())
}

/// Runs the digest round every `digest.every_seconds`.
pub fn spawn(app: AppState) {
    let every = Duration::from_secs(app.config.digest.every_seconds.max(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is immediate: skip it, so a restart does not mail before the period.
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(error) = round(&app).await {
                tracing::error!(%error, "notification digest: round failed");
            }
        }
    });
}

/// One digest round; the number of digests sent.
pub async fn round(app: &AppState) -> Result<usize, sqlx::Error> {
    let db = &app.db;
    let members_sql = format!(
        "SELECT DISTINCT u.id, u.email, u.display_name, u.locale, u.time_zone FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE n.read_at IS NULL AND n.mailed_at IS NULL AND {} AND NOT EXISTS (SELECT 1 FROM digest_optouts o WHERE o.user_id = u.id) ORDER BY u.id",
        *VISIBLE
    );
    let members = sqlx::query(&members_sql).fetch_all(&db.pool).await?;
    let pending_sql = format!("SELECT n.id, n.kind, n.actor, n.subject, n.link, n.at FROM notifications n WHERE n.user_id = $1 AND n.read_at IS NULL AND n.mailed_at IS NULL AND {} ORDER BY n.at DESC, n.id DESC", *VISIBLE);
    // What was listed, up to the newest: hidden ones stay unmailed for a later round.
    let mark_sql = format!(
        "UPDATE notifications SET mailed_at = $1 WHERE id IN (SELECT n.id FROM notifications n WHERE n.user_id = $2 AND n.mailed_at IS NULL AND n.id <= $3 AND {})",
        *VISIBLE
    );
    let mut sent = 0;
    for member in members {
        let user: i64 = member.try_get("id")?;
        let rows = sqlx::query(&pending_sql).bind(user).fetch_all(&db.pool).await?;
        let Some(newest) = rows.first().map(|r| r.try_get::<i64, _>("id")).transpose()? else { continue };
        let locale = Locale::try_from(member.try_get::<String, _>("locale")?)?;
        let dates = HumanDates::for_account(app, locale, &member.try_get::<String, _>("time_zone")?);
        let mut list = String::new();
        for row in rows.iter().take(LISTED) {
            let what = locale.t(&format!("notifications-{}", row.try_get::<String, _>("kind")?));
            let link = app.config.public_link(&row.try_get::<String, _>("link")?);
            let when = dates.instant_text(row.try_get("at")?);
            list.push_str(&format!("- {when} — {} {} « {} » : {link}\n", row.try_get::<String, _>("actor")?, what, row.try_get::<String, _>("subject")?));
        }
        let args = [
            ("name", member.try_get::<String, _>("display_name")?),
            ("count", rows.len().to_string()),
            ("list", list),
            ("manage", app.config.public_link("/innovation/notifications")),
        ];
        let to: String = member.try_get("email")?;
        match app.mailer.send(&to, &locale.t_with("mail-digest-subject", &args), locale.t_with("mail-digest-body", &args)).await {
            Ok(()) => {
                // Only what was listed (up to the newest) is marked; newer ones wait for the next round.
                sqlx::query(&mark_sql)
                    .bind(now())
                    .bind(user)
                    .bind(newest)
                    .execute(&db.pool)
                    .await?;
                tracing::info!(user, notifications = rows.len(), "notification digest sent");
                sent += 1;
            }
            Err(error) => tracing::error!(%error, user, "notification digest not sent"),
        }
    }
    Ok(sent)
}
