//! Saved searches in the database, and the alert round: every `alerts.every_seconds`, each
//! saved search is run against the offers published since its last round, and its owner gets
//! one mail listing the new ones (in their language).

use super::store;
use crate::{
    i18n::Locale,
    server::{
        db::Db,
        human_dates::HumanDates,
        state::AppState,
    },
    stages::{saved_search::SavedSearch, saved_search::SAVED_SEARCHES_MAX, search::SearchQuery},
};
use sqlx::Row;
use std::time::Duration;

/// A stored "q=…&direction=…" back into a query.
pub fn parse(stored: &str) -> SearchQuery {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(stored.as_bytes()).into_owned().collect();
    SearchQuery::from_pairs(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

/// Saves `query` for `user_id`; false when the account already has the most it may keep.
/// New offers count from now: what the search finds at this moment is not news.
pub async fn save(app: &AppState, user_id: i64, query: &SearchQuery) -> Result<bool, sqlx::Error> {
    let stored = query.query_string(1);
    let db = &app.db;
    let exists = || async {
        Ok::<_, sqlx::Error>(sqlx::query("SELECT id FROM saved_searches WHERE user_id = $1 AND query = $2").bind(user_id).bind(&stored).fetch_optional(&db.pool).await?.is_some())
    };
    if exists().await? {
        return Ok(true);
    }
    let at = app.clock.now_seconds();
    let known = app.catalogue.search_since(query, &app.clock.today_iso(), at, 0).ids;
    let done = sqlx::query(
        "INSERT INTO saved_searches (user_id, query, created_at, checked_at, checked_ids) SELECT $1, $2, $3, $3, $4 \
         WHERE (SELECT COUNT(*) FROM saved_searches WHERE user_id = $1) < $5 ON CONFLICT (user_id, query) DO NOTHING",
    )
    .bind(user_id)
    .bind(&stored)
    .bind(at)
    .bind(id_text(&known))
    .bind(SAVED_SEARCHES_MAX)
    .execute(&db.pool)
    .await?;
    // Not inserted: either the account is full, or the same search was saved at this instant.
    Ok(done.rows_affected() == 1 || exists().await?)
}

fn id_text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" ")
}

pub async fn of_account(db: &Db, user_id: i64) -> Result<Vec<SavedSearch>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, query, created_at FROM saved_searches WHERE user_id = $1 ORDER BY created_at DESC, id DESC").bind(user_id).fetch_all(&db.pool).await?;
    let families = sqlx::query("SELECT id, name FROM metier_families").fetch_all(&db.pool).await?;
    let metiers = sqlx::query("SELECT id, name FROM metiers").fetch_all(&db.pool).await?;
    let name = |rows: &[sqlx::any::AnyRow], id: Option<i64>| -> Result<Option<String>, sqlx::Error> {
        match id {
            Some(id) => rows.iter().find(|r| r.try_get::<i64, _>("id").ok() == Some(id)).map(|r| r.try_get("name")).transpose(),
            None => Ok(None),
        }
    };
    rows.into_iter()
        .map(|row| {
            let query = parse(&row.try_get::<String, _>("query")?);
            let family_name = name(&families, query.famille.as_deref().and_then(|f| f.parse().ok()))?;
            let metier_name = name(&metiers, query.metier.as_deref().and_then(|m| m.parse().ok()))?;
            Ok(SavedSearch { id: row.try_get("id")?, query, family_name, metier_name, created_at: row.try_get("created_at")? })
        })
        .collect()
}

/// Deletes saved search `id` of `user_id`; false when they have no such search.
pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2").bind(id).bind(user_id).execute(&db.pool).await?.rows_affected() == 1)
}

/// Runs the alert round every `alerts.every_seconds`.
pub fn spawn(app: AppState) {
    let every = Duration::from_secs(app.config.alerts.every_seconds.max(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(error) = round(&app).await {
                tracing::error!(%error, "search alerts: round failed");
            }
        }
    });
}

/// Most offers listed in one alert mail (the link shows them all).
const LISTED: usize = 10;

/// One alert round over every saved search.
pub async fn round(app: &AppState) -> Result<(), sqlx::Error> {
    let searches = sqlx::query(
        "SELECT s.id, s.query, s.checked_at, s.checked_ids, u.email, u.display_name, u.locale, u.time_zone FROM saved_searches s JOIN users u ON u.id = s.user_id ORDER BY s.id",
    )
    .fetch_all(&app.db.pool)
    .await?;
    let today = app.clock.today_iso();
    for row in searches {
        let id: i64 = row.try_get("id")?;
        let query = parse(&row.try_get::<String, _>("query")?);
        let checked_at: i64 = row.try_get("checked_at")?;
        let known: Vec<i64> = row.try_get::<String, _>("checked_ids")?.split_whitespace().filter_map(|n| n.parse().ok()).collect();
        let newest = SearchQuery { tri: Some("recent".into()), ..query.clone() };
        let fresh: Vec<i64> = app.catalogue.search_since(&newest, &today, checked_at, 0).ids.into_iter().filter(|o| !known.contains(o)).collect();
        if fresh.is_empty() {
            continue;
        }
        let locale = Locale::try_from(row.try_get::<String, _>("locale")?)?;
        let dates = HumanDates::for_account(app, locale, &row.try_get::<String, _>("time_zone")?);
        let offers = store::summaries(&app.db, &fresh[..fresh.len().min(LISTED)], &dates).await?;
        let times = store::published_times(&app.db, &fresh).await?;
        let apply_before = locale.t("offer-deadline");
        let list: String = offers
            .iter()
            .map(|o| format!("- {} ({}, {apply_before} {}) : {}\n", o.title, o.direction_code, o.deadline.text, app.config.public_link(&format!("/stages/offres/{}", o.id))))
            .collect();
        let args = [
            ("name", row.try_get::<String, _>("display_name")?),
            ("count", fresh.len().to_string()),
            ("offers", list),
            ("search", app.config.public_link(&query.url(1))),
            ("manage", app.config.public_link("/stages/alertes")),
        ];
        let to: String = row.try_get("email")?;
        match app.mailer.send(&to, &locale.t_with("mail-alert-subject", &args), locale.t_with("mail-alert-body", &args)).await {
            Ok(()) => {
                // Move the mark to the newest offer told; remember who shares its second.
                let last = times.iter().map(|(_, at)| *at).max().unwrap_or(checked_at).max(checked_at);
                let mut at_last: Vec<i64> = times.iter().filter(|(_, at)| *at == last).map(|(o, _)| *o).collect();
                if last == checked_at {
                    at_last.extend(known);
                }
                sqlx::query("UPDATE saved_searches SET checked_at = $1, checked_ids = $2 WHERE id = $3").bind(last).bind(id_text(&at_last)).bind(id).execute(&app.db.pool).await?;
                tracing::info!(search = id, offers = fresh.len(), "search alert sent");
            }
            // Not marked as told: the next round tries again.
            Err(error) => tracing::error!(%error, search = id, "search alert not sent"),
        }
    }
    Ok(())
}
#[cfg(test)]
mod tests {
    #[test]
    fn stored_queries_read_back() {
        let query = super::parse("q=jardin+%C3%A9cologique&direction=DEVE&teletravail=1");
        assert_eq!(query.q.as_deref(), Some("jardin écologique"));
        assert_eq!(query.direction.as_deref(), Some("DEVE"));
        assert_eq!(super::parse(&query.query_string(1)), query);
    }
}
