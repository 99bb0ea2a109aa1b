//! Saved searches in the database, and the alert round: every `alerts.every_seconds` (once
//! across all processes), each saved search is run against the offers published since its
//! last round, and its owner gets one mail listing the new ones (in their language), sent by
//! a job.

use super::store;
use crate::{
    accounts::server::store::recipient,
    server::{
        db::Db,
        human_dates::HumanDates,
        jobs::{self, Job, JobError, JobFuture, NewJob, Round},
        sql::{insert_pairs, Sql},
        state::AppState,
    },
    stages::{saved_search::SavedSearch, saved_search::SAVED_SEARCHES_MAX, search::SearchQuery},
};
use serde::{Deserialize, Serialize};
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
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO saved_searches (user_id, query, created_at, checked_at) SELECT $1, $2, $3, $3 \
         WHERE (SELECT COUNT(*) FROM saved_searches WHERE user_id = $1) < $4 ON CONFLICT (user_id, query) DO NOTHING RETURNING id",
    )
    .bind(user_id)
    .bind(&stored)
    .bind(at)
    .bind(SAVED_SEARCHES_MAX)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        // Not inserted: either the account is full, or the same search was saved at this instant.
        tx.rollback().await?;
        return exists().await;
    };
    remember(&mut tx, id, &known).await?;
    tx.commit().await?;
    Ok(true)
}

/// Records that saved search `id` has been told about `offers` (published at its mark's second).
async fn remember(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    offers: &[i64],
) -> Result<(), sqlx::Error> {
    insert_pairs(
        conn,
        "saved_search_known (search_id, offer_id)",
        offers.iter().map(|o| (id.into(), (*o).into())),
    )
    .await
}

/// The saved searches of `user_id`, newest first, with the names of the job family and
/// métier they filter on.
pub async fn of_account(db: &Db, user_id: i64) -> Result<Vec<SavedSearch>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as("SELECT id, query, created_at FROM saved_searches WHERE user_id = $1 ORDER BY created_at DESC, id DESC").bind(user_id).fetch_all(&db.pool).await?;
    let families: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM metier_families")
        .fetch_all(&db.pool)
        .await?;
    let metiers: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM metiers")
        .fetch_all(&db.pool)
        .await?;
    let name = |names: &[(i64, String)], id: Option<&str>| -> Option<String> {
        let id: i64 = id?.parse().ok()?;
        names
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, name)| name.clone())
    };
    Ok(rows
        .into_iter()
        .map(|(id, query, created_at)| {
            let query = parse(&query);
            SavedSearch {
                id,
                family_name: name(&families, query.famille.as_deref()),
                metier_name: name(&metiers, query.metier.as_deref()),
                query,
                created_at,
            }
        })
        .collect())
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
    let searches: Vec<MarkedSearch> = sqlx::query_as(
        "SELECT id, query, checked_at, mark_version FROM saved_searches ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await?;
    let mut known_of =
        Sql::new("SELECT search_id, offer_id FROM saved_search_known ORDER BY search_id, offer_id")
            .fetch_grouped::<i64>(&app.db.pool)
            .await?;
    let today = app.clock.today_iso();
    let mut queued = 0;
    for search in searches {
        let known = known_of.remove(&search.id).unwrap_or_default();
        let newest = SearchQuery {
            tri: Some("recent".into()),
            ..parse(&search.query)
        };
        let fresh: Vec<i64> = super::offer_index::OfferIndex::of(app)?
            .search_since(&newest, &today, search.checked_at, 0)
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
            .unwrap_or(search.checked_at)
            .max(search.checked_at);
        let mut at_last: Vec<i64> = times
            .iter()
            .filter(|(_, at)| *at == last)
            .map(|(o, _)| *o)
            .collect();
        if last == search.checked_at {
            at_last.extend(known);
        }
        let mut tx = app.db.begin_write().await?;
        // Only from the mark read above: a search marked meanwhile is not told twice.
        let moved = sqlx::query("UPDATE saved_searches SET checked_at = $1, mark_version = mark_version + 1 WHERE id = $2 AND mark_version = $3")
            .bind(last)
            .bind(search.id)
            .bind(search.mark_version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if moved == 1 {
            sqlx::query("DELETE FROM saved_search_known WHERE search_id = $1")
                .bind(search.id)
                .execute(&mut *tx)
                .await?;
            remember(&mut tx, search.id, &at_last).await?;
            let alert = Alert {
                search_id: search.id,
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
            tracing::info!(
                search = search.id,
                offers = fresh.len(),
                "search alert queued"
            );
            queued += 1;
        }
    }
    Ok(queued)
}

/// A saved search and its mark, as the alert round reads it.
#[derive(sqlx::FromRow)]
struct MarkedSearch {
    id: i64,
    /// The search as stored ("q=…&direction=…").
    query: String,
    /// Offers published before this time (Unix seconds) are known; so are those of
    /// `saved_search_known`, published at this very second.
    checked_at: i64,
    /// Incremented by every move of the mark: the round's compare-and-set.
    mark_version: i64,
}

/// The job handler: the alert mail, in its owner's language; a search deleted meanwhile gets none.
pub fn send(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let alert: Alert = job.payload()?;
        let search: Option<(String, i64)> =
            sqlx::query_as("SELECT query, user_id FROM saved_searches WHERE id = $1")
                .bind(alert.search_id)
                .fetch_optional(&app.db.pool)
                .await?;
        let Some((query, owner)) = search else {
            return Ok(());
        };
        let Some(owner) = recipient(&app.db, owner).await? else {
            return Ok(());
        };
        let query = parse(&query);
        let locale = owner.locale;
        let dates = HumanDates::for_account(&app, locale, &owner.time_zone);
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
            ("name", owner.display_name),
            ("count", alert.count.to_string()),
            ("offers", list),
            ("search", app.config.public_link(&query.url(1))),
            ("manage", app.config.public_link("/stages/alertes")),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &owner.email,
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
