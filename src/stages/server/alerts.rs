//! Saved searches in the database, and the alert round: every `alerts.every_seconds` (once
//! across all processes), each saved search is run against the offers published since its
//! last round, and its owner gets one mail listing the new ones (in their language), sent by
//! a job.

use super::store;
use crate::{
    i18n::Locale,
    server::{
        db::Db,
        human_dates::HumanDates,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        state::AppState,
    },
    stages::{saved_search::SavedSearch, saved_search::SAVED_SEARCHES_MAX, search::SearchQuery},
};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::time::Duration;

/// A stored "q=…&direction=…" back into a query.
pub fn parse(stored: &str) -> SearchQuery {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(stored.as_bytes())
        .into_owned()
        .collect();
    SearchQuery::from_pairs(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

/// Saves `query` for `user_id`; false when the account already has the most it may keep.
/// New offers count from now: what the search finds at this moment is not news.
pub async fn save(app: &AppState, user_id: i64, query: &SearchQuery) -> Result<bool, sqlx::Error> {
    let stored = query.query_string(1);
    let db = &app.db;
    let exists = || async {
        Ok::<_, sqlx::Error>(
            sqlx::query("SELECT id FROM saved_searches WHERE user_id = $1 AND query = $2")
                .bind(user_id)
                .bind(&stored)
                .fetch_optional(&db.pool)
                .await?
                .is_some(),
        )
    };
    if exists().await? {
        return Ok(true);
    }
    let at = app.clock.now_seconds();
    let known = super::offer_index::OfferIndex::of(app)?
        .search_since(query, &app.clock.today_iso(), at, 0)
        .ids;
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
    let families = sqlx::query("SELECT id, name FROM metier_families")
        .fetch_all(&db.pool)
        .await?;
    let metiers = sqlx::query("SELECT id, name FROM metiers")
        .fetch_all(&db.pool)
        .await?;
    let name =
        |rows: &[sqlx::any::AnyRow], id: Option<i64>| -> Result<Option<String>, sqlx::Error> {
            match id {
                Some(id) => rows
                    .iter()
                    .find(|r| r.try_get::<i64, _>("id").ok() == Some(id))
                    .map(|r| r.try_get("name"))
                    .transpose(),
                None => Ok(None),
            }
        };
    rows.into_iter()
        .map(|row| {
            let query = parse(&row.try_get::<String, _>("query")?);
            let family_name = name(
                &families,
                query.famille.as_deref().and_then(|f| f.parse().ok()),
            )?;
            let metier_name = name(
                &metiers,
                query.metier.as_deref().and_then(|m| m.parse().ok()),
            )?;
            Ok(SavedSearch {
                id: row.try_get("id")?,
                query,
                family_name,
                metier_name,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// Deletes saved search `id` of `user_id`; false when they have no such search.
pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(&db.pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The job kind of an alert mail.
pub const KIND: &str = "stages.alert";

/// An alert mail to send; the job's payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct Alert {
    pub search_id: i64,
    /// The new offers listed in the mail, newest first (at most [`LISTED`]).
    pub offers: Vec<i64>,
    /// How many new offers there were in all.
    pub count: usize,
}

/// Most offers listed in one alert mail (the link shows them all).
const LISTED: usize = 10;

/// The periodic round (once every `alerts.every_seconds` across all processes).
pub fn periodic(every_seconds: u64) -> Round {
    Round {
        name: "stages.alerts",
        every: Duration::from_secs(every_seconds.max(1)),
        first_at_once: true,
        run: |app| Box::pin(async move { round(&app).await.map(|_| ()).map_err(JobError::from) }),
    }
}

/// One alert round over every saved search: for each search with new offers, moves its mark
/// past them and queues its mail, in one transaction (so the mail is neither lost nor queued
/// twice). Returns how many mails were queued.
pub async fn round(app: &AppState) -> Result<usize, sqlx::Error> {
    let searches =
        sqlx::query("SELECT id, query, checked_at, checked_ids FROM saved_searches ORDER BY id")
            .fetch_all(&app.db.pool)
            .await?;
    let today = app.clock.today_iso();
    let mut queued = 0;
    for row in searches {
        let id: i64 = row.try_get("id")?;
        let query = parse(&row.try_get::<String, _>("query")?);
        let checked_at: i64 = row.try_get("checked_at")?;
        let checked_ids: String = row.try_get("checked_ids")?;
        let known: Vec<i64> = checked_ids
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let newest = SearchQuery {
            tri: Some("recent".into()),
            ..query.clone()
        };
        let fresh: Vec<i64> = super::offer_index::OfferIndex::of(app)?
            .search_since(&newest, &today, checked_at, 0)
            .ids
            .into_iter()
            .filter(|o| !known.contains(o))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let times = store::published_times(&app.db, &fresh).await?;
        // Move the mark to the newest offer told; remember who shares its second.
        let last = times
            .iter()
            .map(|(_, at)| *at)
            .max()
            .unwrap_or(checked_at)
            .max(checked_at);
        let mut at_last: Vec<i64> = times
            .iter()
            .filter(|(_, at)| *at == last)
            .map(|(o, _)| *o)
            .collect();
        if last == checked_at {
            at_last.extend(known);
        }
        let mut tx = app.db.pool.begin().await?;
        // Only from the mark read above: a search marked meanwhile is not told twice.
        let moved = sqlx::query("UPDATE saved_searches SET checked_at = $1, checked_ids = $2 WHERE id = $3 AND checked_at = $4 AND checked_ids = $5")
            .bind(last)
            .bind(id_text(&at_last))
            .bind(id)
            .bind(checked_at)
            .bind(&checked_ids)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved == 1 {
            let alert = Alert {
                search_id: id,
                offers: fresh[..fresh.len().min(LISTED)].to_vec(),
                count: fresh.len(),
            };
            jobs::enqueue(
                &mut tx,
                NewJob {
                    kind: KIND,
                    payload: &alert,
                    dedup_key: None,
                },
            )
            .await?;
            tx.commit().await?;
            tracing::info!(search = id, offers = fresh.len(), "search alert queued");
            queued += 1;
        }
    }
    Ok(queued)
}

/// The job handler: the alert mail, in its owner's language; a search deleted meanwhile gets none.
pub fn send(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let alert: Alert = job.payload()?;
        let row = sqlx::query("SELECT s.query, u.email, u.display_name, u.locale, u.time_zone FROM saved_searches s JOIN users u ON u.id = s.user_id WHERE s.id = $1")
            .bind(alert.search_id)
            .fetch_optional(&app.db.pool)
            .await?;
        let Some(row) = row else { return Ok(()) };
        let query = parse(&row.try_get::<String, _>("query")?);
        let locale =
            Locale::try_from(row.try_get::<String, _>("locale")?).map_err(sqlx::Error::from)?;
        let dates = HumanDates::for_account(&app, locale, &row.try_get::<String, _>("time_zone")?);
        let offers = store::summaries(&app.db, &alert.offers, &dates).await?;
        let apply_before = locale.t("offer-deadline");
        let list: String = offers
            .iter()
            .map(|o| {
                format!(
                    "- {} ({}, {apply_before} {}) : {}\n",
                    o.title,
                    o.direction_code,
                    o.deadline.text,
                    app.config.public_link(&format!("/stages/offres/{}", o.id))
                )
            })
            .collect();
        let args = [
            ("name", row.try_get::<String, _>("display_name")?),
            ("count", alert.count.to_string()),
            ("offers", list),
            ("search", app.config.public_link(&query.url(1))),
            ("manage", app.config.public_link("/stages/alertes")),
        ];
        let to: String = row.try_get("email")?;
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &to,
                &locale.t_with("mail-alert-subject", &args),
                locale.t_with("mail-alert-body", &args),
            )
            .await?;
        Ok(())
    })
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
