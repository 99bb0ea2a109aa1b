//! The offer search in SQL: filters, French-aware words, facet counts, sorting, pages. Every
//! value is bound; the SQL text is built only from fixed pieces.

use super::text;
use crate::{
    server::db::Db,
    stages::search::{Facet, SearchQuery, SearchResults},
};
use sqlx::{any::AnyArguments, query::Query, Any, Row};

pub const PER_PAGE: i64 = 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Direction,
    Family,
    Level,
    Paid,
}

#[derive(Clone)]
enum Value {
    Text(String),
    Int(i64),
}

struct Conditions {
    sql: String,
    values: Vec<Value>,
}

impl Conditions {
    fn push(&mut self, condition: &str, value: Value) {
        self.values.push(value);
        self.sql.push_str(&condition.replace('?', &format!("${}", self.values.len())));
    }
}

/// The WHERE clause of `query`, leaving out the filter of `skip` (for its facet counts).
fn conditions(query: &SearchQuery, today: &str, skip: Option<Dimension>) -> Conditions {
    let mut c = Conditions { sql: String::new(), values: vec![] };
    c.push(" WHERE o.state = 'published' AND o.deadline >= ?", Value::Text(today.to_string()));
    for term in query.q.as_deref().map(text::terms).unwrap_or_default() {
        c.push(" AND o.search_terms LIKE ?", Value::Text(format!("% {term} %")));
    }
    if skip != Some(Dimension::Direction) {
        if let Some(code) = &query.direction {
            c.push(" AND d.code = ?", Value::Text(code.clone()));
        }
    }
    if let Some(code) = &query.sauf_direction {
        c.push(" AND d.code <> ?", Value::Text(code.clone()));
    }
    if skip != Some(Dimension::Family) {
        if let Some(family) = query.famille.as_deref().and_then(|f| f.parse::<i64>().ok()) {
            c.push(" AND m.family_id = ?", Value::Int(family));
        }
    }
    if skip != Some(Dimension::Level) {
        if let Some(level) = &query.niveau {
            c.push(" AND o.education_level = ?", Value::Text(level.clone()));
        }
    }
    if let Some(arrondissement) = query.arrondissement.as_deref().and_then(|a| a.parse::<i64>().ok()) {
        c.push(" AND o.arrondissement = ?", Value::Int(arrondissement));
    }
    if query.teletravail.as_deref() == Some("1") {
        c.sql.push_str(" AND o.remote_days > 0");
    }
    if skip != Some(Dimension::Paid) {
        match query.gratifie.as_deref() {
            Some("1") => c.sql.push_str(" AND o.paid = 1"),
            Some("0") => c.sql.push_str(" AND o.paid = 0"),
            _ => {}
        }
    }
    if let Some(weeks) = query.duree_max.as_deref().and_then(|w| w.parse::<i64>().ok()) {
        c.push(" AND o.duration_weeks <= ?", Value::Int(weeks));
    }
    c
}

fn bind<'q>(mut statement: Query<'q, Any, AnyArguments<'q>>, values: &[Value]) -> Query<'q, Any, AnyArguments<'q>> {
    for value in values {
        statement = match value {
            Value::Text(text) => statement.bind(text.clone()),
            Value::Int(number) => statement.bind(*number),
        };
    }
    statement
}

const FROM: &str = " FROM offers o JOIN directions d ON d.id = o.direction_id JOIN services s ON s.id = o.service_id JOIN metiers m ON m.id = o.metier_id JOIN metier_families f ON f.id = m.family_id";

async fn facet(db: &Db, query: &SearchQuery, today: &str, dimension: Dimension, key: &str, label: &str) -> Result<Vec<Facet>, sqlx::Error> {
    let c = conditions(query, today, Some(dimension));
    let sql = format!("SELECT {key} AS value, {label} AS label, COUNT(*) AS n{FROM}{} GROUP BY {key}, {label} ORDER BY {label}", c.sql);
    let rows = bind(sqlx::query(&sql), &c.values).fetch_all(&db.pool).await?;
    rows.into_iter()
        .map(|r| {
            let value = match r.try_get::<String, _>("value") {
                Ok(text) => text,
                Err(_) => r.try_get::<i64, _>("value")?.to_string(),
            };
            let label = match r.try_get::<String, _>("label") {
                Ok(text) => text,
                Err(_) => r.try_get::<i64, _>("label")?.to_string(),
            };
            Ok(Facet { value, label, count: r.try_get("n")? })
        })
        .collect()
}

pub async fn search(db: &Db, query: &SearchQuery, today: &str) -> Result<SearchResults, sqlx::Error> {
    let page = query.page_number();
    let c = conditions(query, today, None);
    let total: i64 = bind(sqlx::query(&format!("SELECT COUNT(*) AS n{FROM}{}", c.sql)), &c.values).fetch_one(&db.pool).await?.try_get("n")?;

    let mut values = c.values.clone();
    let terms = query.q.as_deref().map(text::terms).unwrap_or_default();
    let order = match query.tri.as_deref() {
        Some("echeance") => " ORDER BY o.deadline ASC, o.id DESC".to_string(),
        Some("recent") => " ORDER BY o.published_at DESC, o.id DESC".to_string(),
        _ if !terms.is_empty() => {
            // Relevance: offers whose title holds the words first.
            let mut score = Vec::new();
            for term in &terms {
                values.push(Value::Text(format!("% {term} %")));
                score.push(format!("CASE WHEN o.title_terms LIKE ${} THEN 1 ELSE 0 END", values.len()));
            }
            format!(" ORDER BY ({}) DESC, o.published_at DESC, o.id DESC", score.join(" + "))
        }
        _ => " ORDER BY o.published_at DESC, o.id DESC".to_string(),
    };
    values.push(Value::Int(PER_PAGE));
    values.push(Value::Int((page - 1) * PER_PAGE));
    let sql = format!(
        "SELECT o.id, o.title, o.state, d.code AS direction_code, s.name AS service_name, m.name AS metier_name, o.duration_weeks, o.start_month, \
         o.deadline, o.arrondissement, o.paid{FROM}{}{order} LIMIT ${} OFFSET ${}",
        c.sql,
        values.len() - 1,
        values.len()
    );
    let rows = bind(sqlx::query(&sql), &values).fetch_all(&db.pool).await?;
    let offers = rows.into_iter().map(super::store::summary).collect::<Result<_, _>>()?;

    Ok(SearchResults {
        offers,
        total,
        page,
        per_page: PER_PAGE,
        directions: facet(db, query, today, Dimension::Direction, "d.code", "d.code").await?,
        families: facet(db, query, today, Dimension::Family, "m.family_id", "f.name").await?,
        levels: facet(db, query, today, Dimension::Level, "o.education_level", "o.education_level").await?,
        paid: facet(db, query, today, Dimension::Paid, "o.paid", "o.paid").await?,
    })
}
