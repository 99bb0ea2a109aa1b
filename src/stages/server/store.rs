//! Offers in the database.

use super::access::OfferScope;
use crate::{
    accounts::types::Named,
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        markdown,
        sql::Sql,
    },
    stages::types::{EducationLevel, OfferInput, OfferState, OfferSummary, OfferView, ValidOffer},
};

/// An offer row with the ids that decide who manages it.
pub struct OfferRecord {
    pub direction_id: i64,
    pub service_id: i64,
    pub view: OfferView,
}

const SELECT_OFFER: &str = "SELECT o.id, o.state, o.direction_id, o.service_id, o.metier_id, o.title, o.description_md, o.description_html, o.profile_md, \
     o.profile_html, o.education_level, o.discipline, o.duration_weeks, o.start_month, o.deadline, o.places, o.address, o.arrondissement, o.remote_days, o.paid, \
     o.contact_name, o.contact_email, o.published_at, d.code AS direction_code, d.name AS direction_name, s.name AS service_name, m.name AS metier_name \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id JOIN metiers m ON m.id = o.metier_id";

/// A row of [`SELECT_OFFER`].
#[derive(sqlx::FromRow)]
struct OfferRow {
    id: i64,
    state: OfferState,
    direction_id: i64,
    service_id: i64,
    metier_id: i64,
    title: String,
    description_md: String,
    description_html: String,
    profile_md: String,
    profile_html: String,
    education_level: EducationLevel,
    discipline: String,
    duration_weeks: i64,
    start_month: String,
    deadline: String,
    places: i64,
    address: String,
    arrondissement: Option<i64>,
    remote_days: i64,
    paid: i64,
    contact_name: String,
    contact_email: String,
    published_at: Option<i64>,
    direction_code: String,
    direction_name: String,
    service_name: String,
    metier_name: String,
}

fn record(row: OfferRow, today: &str) -> OfferRecord {
    let input = OfferInput {
        service_id: row.service_id.to_string(),
        metier_id: row.metier_id.to_string(),
        title: row.title.clone(),
        description: row.description_md,
        profile: row.profile_md,
        education_level: row.education_level.code().to_string(),
        discipline: row.discipline.clone(),
        duration_weeks: row.duration_weeks.to_string(),
        start_month: row.start_month.clone(),
        deadline: row.deadline.clone(),
        places: row.places.to_string(),
        address: row.address.clone(),
        arrondissement: row
            .arrondissement
            .map(|a| a.to_string())
            .unwrap_or_default(),
        remote_days: row.remote_days.to_string(),
        paid: (row.paid == 1).then(|| "on".to_string()),
        contact_name: row.contact_name.clone(),
        contact_email: row.contact_email.clone(),
    };
    let view = OfferView {
        id: row.id,
        state: row.state,
        title: row.title,
        direction: Named {
            id: row.direction_id,
            name: format!("{} — {}", row.direction_code, row.direction_name),
        },
        service: Named {
            id: row.service_id,
            name: row.service_name,
        },
        metier: Named {
            id: row.metier_id,
            name: row.metier_name,
        },
        description_html: row.description_html,
        profile_html: row.profile_html,
        education_level: row.education_level,
        discipline: row.discipline,
        duration_weeks: row.duration_weeks,
        start_month: row.start_month,
        start_shown: Default::default(),
        deadline_shown: Default::default(),
        open: row.state == OfferState::Published && row.deadline.as_str() >= today,
        deadline: row.deadline,
        places: row.places,
        address: row.address,
        arrondissement: row.arrondissement,
        remote_days: row.remote_days,
        paid: row.paid == 1,
        contact_name: row.contact_name,
        contact_email: row.contact_email,
        published_at: row.published_at,
        manageable: false,
        input: Some(input),
        viewer: Default::default(),
        share: Default::default(),
    };
    OfferRecord {
        direction_id: row.direction_id,
        service_id: row.service_id,
        view,
    }
}

pub async fn find(db: &Db, id: i64, today: &str) -> Result<Option<OfferRecord>, sqlx::Error> {
    let row: Option<OfferRow> = sqlx::query_as(&format!("{SELECT_OFFER} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|row| record(row, today)))
}

pub async fn metier_exists(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("SELECT id FROM metiers WHERE id = $1 AND archived_at IS NULL")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
            .is_some(),
    )
}

/// Inserts (no `id`) or updates an offer; the Markdown is rendered and sanitised once, here.
pub async fn save(
    db: &Db,
    id: Option<i64>,
    offer: &ValidOffer,
    direction_id: i64,
    user_id: i64,
) -> Result<i64, sqlx::Error> {
    let at = now();
    let sql = match id {
        None => {
            "INSERT INTO offers (direction_id, service_id, metier_id, title, description_md, description_html, profile_md, profile_html, \
                 education_level, discipline, duration_weeks, start_month, deadline, places, address, arrondissement, remote_days, paid, \
                 contact_name, contact_email, state, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 'draft', $21, $22, $22) RETURNING id"
        }
        Some(_) => {
            "UPDATE offers SET direction_id = $1, service_id = $2, metier_id = $3, title = $4, description_md = $5, description_html = $6, \
                 profile_md = $7, profile_html = $8, education_level = $9, discipline = $10, duration_weeks = $11, start_month = $12, deadline = $13, \
                 places = $14, address = $15, arrondissement = $16, remote_days = $17, paid = $18, contact_name = $19, contact_email = $20, \
                 updated_at = $22 WHERE id = $21 AND state <> 'archived' RETURNING id"
        }
    };
    let row: Option<i64> = sqlx::query_scalar(sql)
        .bind(direction_id)
        .bind(offer.service_id)
        .bind(offer.metier_id)
        .bind(&offer.title)
        .bind(&offer.description)
        .bind(markdown::render(&offer.description))
        .bind(&offer.profile)
        .bind(markdown::render(&offer.profile))
        .bind(offer.education_level.code())
        .bind(&offer.discipline)
        .bind(offer.duration_weeks)
        .bind(&offer.start_month)
        .bind(&offer.deadline)
        .bind(offer.places)
        .bind(&offer.address)
        .bind(offer.arrondissement)
        .bind(offer.remote_days)
        .bind(i64::from(offer.paid))
        .bind(&offer.contact_name)
        .bind(&offer.contact_email)
        .bind(id.unwrap_or(user_id))
        .bind(at)
        .fetch_optional(&db.pool)
        .await?;
    let Some(id) = row else {
        return Err(sqlx::Error::RowNotFound);
    };
    index(db, id).await?;
    Ok(id)
}

/// The columns an offer's search terms are made of, joined from the offer and its reference
/// names (`WHERE` left to the caller).
const INDEXED: &str = "SELECT o.id, o.title, o.description_md, o.profile_md, o.discipline, d.code, d.name AS direction, s.name AS service, m.name AS metier, f.name AS family \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id \
     JOIN metiers m ON m.id = o.metier_id JOIN metier_families f ON f.id = m.family_id";

/// A row of [`INDEXED`].
#[derive(sqlx::FromRow)]
struct IndexedRow {
    id: i64,
    title: String,
    description_md: String,
    profile_md: String,
    discipline: String,
    code: String,
    direction: String,
    service: String,
    metier: String,
    family: String,
}

impl IndexedRow {
    /// The offer's (search terms, title terms).
    fn terms(&self) -> (String, String) {
        let all = [
            &self.title,
            &self.description_md,
            &self.profile_md,
            &self.discipline,
            &self.code,
            &self.direction,
            &self.service,
            &self.metier,
            &self.family,
        ]
        .map(String::as_str)
        .join(" ");
        (
            crate::server::text::stored(&all),
            crate::server::text::stored(&self.title),
        )
    }
}

const SET_TERMS: &str = "UPDATE offers SET search_terms = $1, title_terms = $2 WHERE id = $3";

/// Recomputes the search terms of offer `id` from its text and its reference names.
pub async fn index(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let row: IndexedRow = sqlx::query_as(&format!("{INDEXED} WHERE o.id = $1"))
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
    let (terms, title_terms) = row.terms();
    sqlx::query(SET_TERMS)
        .bind(terms)
        .bind(title_terms)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Recomputes the search terms of every offer, in one transaction (after the text
/// normalisation changed; see `server::text_rebuild`). Returns how many offers.
pub async fn index_all(db: &Db) -> Result<usize, sqlx::Error> {
    let rows: Vec<IndexedRow> = sqlx::query_as(INDEXED).fetch_all(&db.pool).await?;
    let mut tx = db.begin_write().await?;
    for row in &rows {
        let (terms, title_terms) = row.terms();
        sqlx::query(SET_TERMS)
            .bind(terms)
            .bind(title_terms)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Moves an offer from `from` to `to` on the caller's transaction; false when it was no
/// longer in `from`.
pub async fn move_state(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: OfferState,
    to: OfferState,
) -> Result<bool, sqlx::Error> {
    let sql = if to == OfferState::Published {
        "UPDATE offers SET state = $1, updated_at = $2, published_at = COALESCE(published_at, $2) WHERE id = $3 AND state = $4"
    } else {
        "UPDATE offers SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4"
    };
    let done = sqlx::query(sql)
        .bind(to.code())
        .bind(now())
        .bind(id)
        .bind(from.code())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

const SELECT_SUMMARY: &str = "SELECT o.id, o.title, o.state, d.code AS direction_code, s.name AS service_name, m.name AS metier_name, \
     o.duration_weeks, o.start_month, o.deadline, o.arrondissement, o.paid \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id JOIN metiers m ON m.id = o.metier_id";

/// A row of [`SELECT_SUMMARY`].
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    title: String,
    state: OfferState,
    direction_code: String,
    service_name: String,
    metier_name: String,
    duration_weeks: i64,
    start_month: String,
    deadline: String,
    arrondissement: Option<i64>,
    paid: i64,
}

/// One offer in a list, its dates formatted by `dates`.
fn summary(row: SummaryRow, dates: &HumanDates) -> OfferSummary {
    OfferSummary {
        id: row.id,
        title: row.title,
        state: row.state,
        direction_code: row.direction_code,
        service: row.service_name,
        metier: row.metier_name,
        duration_weeks: row.duration_weeks,
        start_month: dates.month(&row.start_month),
        deadline: dates.date(&row.deadline),
        arrondissement: row.arrondissement,
        paid: row.paid == 1,
    }
}

/// The summaries of offers `ids`, in that order, dated for `dates`' reader.
pub async fn summaries(
    db: &Db,
    ids: &[i64],
    dates: &HumanDates,
) -> Result<Vec<OfferSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut sql = Sql::new(SELECT_SUMMARY);
    sql.push(" WHERE o.id IN (")
        .push_binds(ids.iter().copied())
        .push(")");
    let rows: Vec<SummaryRow> = sql.query_as().fetch_all(&db.pool).await?;
    let mut found: Vec<OfferSummary> = rows.into_iter().map(|row| summary(row, dates)).collect();
    found.sort_by_key(|o| ids.iter().position(|id| *id == o.id));
    Ok(found)
}

/// The offers an account manages, most recently changed first.
pub async fn managed(
    db: &Db,
    scope: &OfferScope,
    dates: &HumanDates,
) -> Result<Vec<OfferSummary>, sqlx::Error> {
    if !scope.is_staff() {
        return Ok(vec![]);
    }
    let mut sql = Sql::new(SELECT_SUMMARY);
    if !scope.all {
        sql.push(" WHERE o.service_id IN (")
            .push_binds(scope.services.iter().copied())
            .push(") OR o.direction_id IN (")
            .push_binds(scope.directions.iter().copied())
            .push(")");
    }
    sql.push(" ORDER BY o.updated_at DESC, o.id DESC LIMIT 500");
    let rows: Vec<SummaryRow> = sql.query_as().fetch_all(&db.pool).await?;
    Ok(rows.into_iter().map(|row| summary(row, dates)).collect())
}

/// When each of `ids` was first published.
/// Every offer taking applications (published, deadline `today` or later), newest first, with
/// its last change in Unix seconds: what the sitemap lists. At most `limit`.
pub async fn open_offer_times(
    db: &Db,
    today: &str,
    limit: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, updated_at FROM offers WHERE state = 'published' AND deadline >= $1 ORDER BY published_at DESC, id DESC LIMIT $2")
        .bind(today)
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

pub async fn published_times(db: &Db, ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut sql = Sql::new("SELECT id, published_at FROM offers WHERE id IN (");
    sql.push_binds(ids.iter().copied())
        .push(") AND published_at IS NOT NULL");
    sql.query_as().fetch_all(&db.pool).await
}
