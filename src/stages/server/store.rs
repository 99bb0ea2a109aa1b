//! Offers in the database.

use super::access::OfferScope;
use crate::{
    accounts::types::Named,
    server::{
        db::{id_list, now, Db},
        human_dates::HumanDates,
        markdown,
    },
    stages::types::{EducationLevel, OfferInput, OfferState, OfferSummary, OfferView, ValidOffer},
};
use sqlx::{any::AnyRow, Row};

/// An offer row with the ids that decide who manages it.
pub struct OfferRecord {
    pub direction_id: i64,
    pub service_id: i64,
    pub view: OfferView,
}

const SELECT_OFFER: &str = "SELECT o.*, d.code AS direction_code, d.name AS direction_name, s.name AS service_name, m.name AS metier_name \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id JOIN metiers m ON m.id = o.metier_id";

fn state(row: &AnyRow) -> Result<OfferState, sqlx::Error> {
    let code: String = row.try_get("state")?;
    OfferState::parse(&code).ok_or_else(|| sqlx::Error::Decode(format!("unknown offer state {code}").into()))
}

fn record(row: AnyRow, today: &str) -> Result<OfferRecord, sqlx::Error> {
    let level: String = row.try_get("education_level")?;
    let state = state(&row)?;
    let deadline: String = row.try_get("deadline")?;
    let paid: i64 = row.try_get("paid")?;
    let arrondissement: Option<i64> = row.try_get("arrondissement")?;
    let remote_days: i64 = row.try_get("remote_days")?;
    let duration_weeks: i64 = row.try_get("duration_weeks")?;
    let places: i64 = row.try_get("places")?;
    let direction_id: i64 = row.try_get("direction_id")?;
    let service_id: i64 = row.try_get("service_id")?;
    let metier_id: i64 = row.try_get("metier_id")?;
    let input = OfferInput {
        service_id: service_id.to_string(),
        metier_id: metier_id.to_string(),
        title: row.try_get("title")?,
        description: row.try_get("description_md")?,
        profile: row.try_get("profile_md")?,
        education_level: level.clone(),
        discipline: row.try_get("discipline")?,
        duration_weeks: duration_weeks.to_string(),
        start_month: row.try_get("start_month")?,
        deadline: deadline.clone(),
        places: places.to_string(),
        address: row.try_get("address")?,
        arrondissement: arrondissement.map(|a| a.to_string()).unwrap_or_default(),
        remote_days: remote_days.to_string(),
        paid: (paid == 1).then(|| "on".to_string()),
        contact_name: row.try_get("contact_name")?,
        contact_email: row.try_get("contact_email")?,
    };
    let view = OfferView {
        id: row.try_get("id")?,
        state,
        title: input.title.clone(),
        direction: Named { id: direction_id, name: format!("{} — {}", row.try_get::<String, _>("direction_code")?, row.try_get::<String, _>("direction_name")?) },
        service: Named { id: service_id, name: row.try_get("service_name")? },
        metier: Named { id: metier_id, name: row.try_get("metier_name")? },
        description_html: row.try_get("description_html")?,
        profile_html: row.try_get("profile_html")?,
        education_level: EducationLevel::parse(&level).unwrap_or(EducationLevel::Bac),
        discipline: input.discipline.clone(),
        duration_weeks,
        start_month: input.start_month.clone(),
        start_shown: Default::default(),
        deadline_shown: Default::default(),
        open: state == OfferState::Published && deadline.as_str() >= today,
        deadline,
        places,
        address: input.address.clone(),
        arrondissement,
        remote_days,
        paid: paid == 1,
        contact_name: input.contact_name.clone(),
        contact_email: input.contact_email.clone(),
        published_at: row.try_get("published_at")?,
        manageable: false,
        input: Some(input),
        viewer: Default::default(),
        share: Default::default(),
    };
    Ok(OfferRecord { direction_id, service_id, view })
}

pub async fn find(db: &Db, id: i64, today: &str) -> Result<Option<OfferRecord>, sqlx::Error> {
    sqlx::query(&format!("{SELECT_OFFER} WHERE o.id = $1")).bind(id).fetch_optional(&db.pool).await?.map(|row| record(row, today)).transpose()
}

pub async fn metier_exists(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT id FROM metiers WHERE id = $1 AND archived_at IS NULL").bind(id).fetch_optional(&db.pool).await?.is_some())
}

/// Inserts (no `id`) or updates an offer; the Markdown is rendered and sanitised once, here.
pub async fn save(db: &Db, id: Option<i64>, offer: &ValidOffer, direction_id: i64, user_id: i64) -> Result<i64, sqlx::Error> {
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
    let row = sqlx::query(sql)
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
    let id: i64 = match row {
        Some(row) => row.try_get("id")?,
        None => return Err(sqlx::Error::RowNotFound),
    };
    index(db, id).await?;
    Ok(id)
}

/// The columns an offer's search terms are made of, joined from the offer and its reference
/// names (`WHERE` left to the caller).
const INDEXED: &str = "SELECT o.id, o.title, o.description_md, o.profile_md, o.discipline, d.code, d.name AS direction, s.name AS service, m.name AS metier, f.name AS family \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id \
     JOIN metiers m ON m.id = o.metier_id JOIN metier_families f ON f.id = m.family_id";

/// The (search terms, title terms) of an offer row selected by [`INDEXED`].
fn offer_terms(row: &sqlx::any::AnyRow) -> Result<(String, String), sqlx::Error> {
    let title: String = row.try_get("title")?;
    let mut all = title.clone();
    for column in ["description_md", "profile_md", "discipline", "code", "direction", "service", "metier", "family"] {
        all.push(' ');
        all.push_str(&row.try_get::<String, _>(column)?);
    }
    Ok((crate::server::text::stored(&all), crate::server::text::stored(&title)))
}

const SET_TERMS: &str = "UPDATE offers SET search_terms = $1, title_terms = $2 WHERE id = $3";

/// Recomputes the search terms of offer `id` from its text and its reference names.
pub async fn index(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let row = sqlx::query(&format!("{INDEXED} WHERE o.id = $1")).bind(id).fetch_one(&db.pool).await?;
    let (terms, title_terms) = offer_terms(&row)?;
    sqlx::query(SET_TERMS).bind(terms).bind(title_terms).bind(id).execute(&db.pool).await?;
    Ok(())
}

/// Recomputes the search terms of every offer, in one transaction (after the text
/// normalisation changed; see `server::text_rebuild`). Returns how many offers.
pub async fn index_all(db: &Db) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query(INDEXED).fetch_all(&db.pool).await?;
    let mut tx = db.pool.begin().await?;
    for row in &rows {
        let (terms, title_terms) = offer_terms(row)?;
        sqlx::query(SET_TERMS).bind(terms).bind(title_terms).bind(row.try_get::<i64, _>("id")?).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Moves an offer from `from` to `to` on the caller's transaction; false when it was no
/// longer in `from`.
pub async fn move_state(conn: &mut sqlx::AnyConnection, id: i64, from: OfferState, to: OfferState) -> Result<bool, sqlx::Error> {
    let sql = if to == OfferState::Published {
        "UPDATE offers SET state = $1, updated_at = $2, published_at = COALESCE(published_at, $2) WHERE id = $3 AND state = $4"
    } else {
        "UPDATE offers SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4"
    };
    let done = sqlx::query(sql).bind(to.code()).bind(now()).bind(id).bind(from.code()).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

const SELECT_SUMMARY: &str = "SELECT o.id, o.title, o.state, d.code AS direction_code, s.name AS service_name, m.name AS metier_name, \
     o.duration_weeks, o.start_month, o.deadline, o.arrondissement, o.paid \
     FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id JOIN metiers m ON m.id = o.metier_id";

/// One offer in a list, its dates formatted by `dates`.
pub fn summary(row: AnyRow, dates: &HumanDates) -> Result<OfferSummary, sqlx::Error> {
    Ok(OfferSummary {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        state: state(&row)?,
        direction_code: row.try_get("direction_code")?,
        service: row.try_get("service_name")?,
        metier: row.try_get("metier_name")?,
        duration_weeks: row.try_get("duration_weeks")?,
        start_month: dates.month(&row.try_get::<String, _>("start_month")?),
        deadline: dates.date(&row.try_get::<String, _>("deadline")?),
        arrondissement: row.try_get("arrondissement")?,
        paid: row.try_get::<i64, _>("paid")? == 1,
    })
}

/// The summaries of offers `ids`, in that order, dated for `dates`' reader.
pub async fn summaries(db: &Db, ids: &[i64], dates: &HumanDates) -> Result<Vec<OfferSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows = sqlx::query(&format!("{SELECT_SUMMARY} WHERE o.id IN ({})", id_list(ids))).fetch_all(&db.pool).await?;
    let mut found: Vec<OfferSummary> = rows.into_iter().map(|row| summary(row, dates)).collect::<Result<_, _>>()?;
    found.sort_by_key(|o| ids.iter().position(|id| *id == o.id));
    Ok(found)
}

/// The offers an account manages, most recently changed first.
pub async fn managed(db: &Db, scope: &OfferScope, dates: &HumanDates) -> Result<Vec<OfferSummary>, sqlx::Error> {
    if !scope.is_staff() {
        return Ok(vec![]);
    }
    let filter = if scope.all { String::new() } else { format!(" WHERE o.service_id IN ({}) OR o.direction_id IN ({})", id_list(&scope.services), id_list(&scope.directions)) };
    let rows = sqlx::query(&format!("{SELECT_SUMMARY}{filter} ORDER BY o.updated_at DESC, o.id DESC LIMIT 500")).fetch_all(&db.pool).await?;
    rows.into_iter().map(|row| summary(row, dates)).collect()
}

/// When each of `ids` was first published.
/// Every offer taking applications (published, deadline `today` or later), newest first, with
/// its last change in Unix seconds: what the sitemap lists. At most `limit`.
pub async fn open_offer_times(db: &Db, today: &str, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, updated_at FROM offers WHERE state = 'published' AND deadline >= $1 ORDER BY published_at DESC, id DESC LIMIT $2")
        .bind(today)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter().map(|r| Ok((r.try_get("id")?, r.try_get("updated_at")?))).collect()
}

pub async fn published_times(db: &Db, ids: &[i64]) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows = sqlx::query(&format!("SELECT id, published_at FROM offers WHERE id IN ({}) AND published_at IS NOT NULL", id_list(ids))).fetch_all(&db.pool).await?;
    rows.into_iter().map(|r| Ok((r.try_get("id")?, r.try_get("published_at")?))).collect()
}
