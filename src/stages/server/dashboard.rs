//! Dashboard figures and the CSV export, for the offers and applications an account manages.
//! The figures also count what is left of applications deleted since (`application_figures`,
//! kept anonymous by migration 0024's trigger: see `retention.rs`), so they do not change when
//! the people behind them are deleted; the export lists only the applications that exist.

use super::access::OfferScope;
use crate::{
    accounts::server::Caller,
    server::{db::Db, sql::Sql, state::AppState},
    stages::{
        application::ApplicationState,
        dashboard::{answer_times, Dashboard, OfferCounts},
        types::OfferState,
    },
};
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::BTreeMap;

/// One application as the dashboard counts it.
#[derive(sqlx::FromRow)]
pub struct Line {
    pub id: i64,
    pub offer_id: Option<i64>,
    #[sqlx(rename = "title")]
    pub offer_title: Option<String>,
    /// The offer's state code (None for a spontaneous application); see [`Line::offer_state`].
    #[sqlx(rename = "offer_state")]
    pub offer_state_code: Option<String>,
    #[sqlx(rename = "code")]
    pub direction: String,
    pub service: Option<String>,
    #[sqlx(rename = "display_name")]
    pub candidate: String,
    pub email: String,
    pub state: ApplicationState,
    pub created_at: i64,
    pub first_answer_at: Option<i64>,
}

impl Line {
    /// The offer's state, None for a spontaneous application; an unknown stored code is an error.
    pub fn offer_state(&self) -> Result<Option<OfferState>, crate::stored_code::UnknownCode> {
        self.offer_state_code
            .as_deref()
            .map(OfferState::try_from)
            .transpose()
    }
}

/// The scope as SQL over applications `a` and offers `o`.
fn scope_filter(scope: &OfferScope) -> Sql {
    let mut sql = Sql::default();
    if !scope.all {
        sql.push(" WHERE (a.direction_id IN (")
            .push_binds(scope.directions.iter().copied())
            .push(") OR o.service_id IN (")
            .push_binds(scope.services.iter().copied())
            .push("))");
    }
    sql
}

/// The applications within `scope`, newest first, with their candidates (the CSV export).
pub async fn lines(db: &Db, scope: &OfferScope) -> Result<Vec<Line>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.id, a.offer_id, o.title, o.state AS offer_state, d.code, s.name AS service, u.display_name, u.email, a.state, a.created_at, a.first_answer_at \
         FROM applications a JOIN directions d ON d.id = a.direction_id JOIN users u ON u.id = a.candidate_id \
         LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN services s ON s.id = o.service_id",
    );
    sql.push_sql(&scope_filter(scope))
        .push(" ORDER BY a.created_at DESC LIMIT 100000");
    sql.query_as().fetch_all(&db.pool).await
}

/// What is kept of the deleted applications within `scope`, as lines with no candidate (empty
/// name and address): the anonymous part of the figures.
async fn kept_lines(db: &Db, scope: &OfferScope) -> Result<Vec<Line>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT a.application_id AS id, a.offer_id, o.title, o.state AS offer_state, d.code, s.name AS service, '' AS display_name, '' AS email, a.state, a.created_at, a.first_answer_at \
         FROM application_figures a JOIN directions d ON d.id = a.direction_id \
         LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN services s ON s.id = o.service_id",
    );
    sql.push_sql(&scope_filter(scope));
    sql.query_as().fetch_all(&db.pool).await
}

pub async fn dashboard(
    db: &Db,
    scope: &OfferScope,
    today: &str,
    in_a_week: &str,
    dates: &crate::server::human_dates::HumanDates,
) -> Result<Dashboard, sqlx::Error> {
    let mut lines = lines(db, scope).await?;
    lines.extend(kept_lines(db, scope).await?);
    let mut offers: BTreeMap<i64, OfferCounts> = BTreeMap::new();
    let mut by_direction: BTreeMap<String, Vec<(i64, Option<i64>)>> = BTreeMap::new();
    let mut by_service: BTreeMap<String, Vec<(i64, Option<i64>)>> = BTreeMap::new();
    let mut spontaneous_waiting = 0;
    for line in &lines {
        let pair = (line.created_at, line.first_answer_at);
        by_direction
            .entry(line.direction.clone())
            .or_default()
            .push(pair);
        let state = line.state;
        match (line.offer_id, &line.service) {
            (Some(offer_id), Some(service)) => {
                by_service
                    .entry(format!("{} · {service}", line.direction))
                    .or_default()
                    .push(pair);
                let entry = match offers.entry(offer_id) {
                    std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
                    std::collections::btree_map::Entry::Vacant(entry) => {
                        entry.insert(OfferCounts {
                            offer_id,
                            title: line.offer_title.clone().unwrap_or_default(),
                            state: line.offer_state()?.ok_or_else(|| {
                                sqlx::Error::Decode(
                                    "an offer's application without the offer's state".into(),
                                )
                            })?,
                            counts: vec![0; ApplicationState::ALL.len()],
                        })
                    }
                };
                if let Some(index) = ApplicationState::ALL.iter().position(|s| *s == state) {
                    entry.counts[index] += 1;
                }
            }
            _ if state.is_pending() => spontaneous_waiting += 1,
            _ => {}
        }
    }
    // Offers about to close, within the scope.
    let mut sql = Sql::new(
        "SELECT id, title, deadline FROM offers WHERE state = 'published' AND deadline >= ",
    );
    sql.push_bind(today)
        .push(" AND deadline <= ")
        .push_bind(in_a_week);
    if !scope.all {
        sql.push(" AND (service_id IN (")
            .push_binds(scope.services.iter().copied())
            .push(") OR direction_id IN (")
            .push_binds(scope.directions.iter().copied())
            .push("))");
    }
    sql.push(" ORDER BY deadline");
    let expiring = sql
        .query_as::<(i64, String, String)>()
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id, title, deadline)| Ok((id, title, dates.date(&deadline))))
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Dashboard {
        offers: offers.into_values().collect(),
        by_direction: by_direction
            .into_iter()
            .map(|(unit, rows)| answer_times(unit, &rows))
            .collect(),
        by_service: by_service
            .into_iter()
            .map(|(unit, rows)| answer_times(unit, &rows))
            .collect(),
        expiring,
        spontaneous_waiting,
    })
}

/// GET /stages/export.csv: the applications the account manages, for a spreadsheet.
pub async fn export(State(state): State<AppState>, caller: Caller) -> Response {
    let Some(user) = caller.account() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let scope = match OfferScope::of(&state.db, &caller).await {
        Ok(scope) => scope,
        Err(error) => {
            tracing::error!(%error, "export: roles not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if !scope.is_staff() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let lines = match lines(&state.db, &scope).await {
        Ok(lines) => lines,
        Err(error) => {
            tracing::error!(%error, "export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut writer = crate::server::csv_export::SpreadsheetCsv::default();
    let header = [
        "candidature",
        "offre",
        "intitulé",
        "direction",
        "service",
        "candidat",
        "courriel",
        "état",
        "reçue (UTC)",
        "première réponse (UTC)",
    ];
    let date = |t: i64| {
        jiff::Timestamp::from_second(t)
            .map(|d| d.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
            .unwrap_or_default()
    };
    let mut result = writer.row(header);
    for line in &lines {
        if result.is_err() {
            break;
        }
        result = writer.row([
            line.id.to_string(),
            line.offer_id.map(|i| i.to_string()).unwrap_or_default(),
            line.offer_title
                .clone()
                .unwrap_or_else(|| "candidature spontanée".into()),
            line.direction.clone(),
            line.service.clone().unwrap_or_default(),
            line.candidate.clone(),
            line.email.clone(),
            line.state.code().to_string(),
            date(line.created_at),
            line.first_answer_at.map(date).unwrap_or_default(),
        ]);
    }
    match result.and_then(|()| writer.finish()) {
        Ok(bytes) => {
            tracing::info!(user = user.id, rows = lines.len(), "applications exported");
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"candidatures.csv\"",
                    ),
                    (header::CACHE_CONTROL, "private, no-store"),
                ],
                bytes,
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(%error, "export not written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
