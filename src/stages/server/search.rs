//! The offer search: the in-memory offer index finds the page's offers and the facet counts,
//! the database gives the page's rows and the labels (always current).

use super::{offer_index::OfferIndex, store};
use crate::{
    server::{db::Db, human_dates::HumanDates},
    stages::search::{Facet, SearchQuery, SearchResults},
};
use sqlx::Row;

pub const PER_PAGE: i64 = 20;

fn facets(counts: Vec<(String, i64)>) -> Vec<Facet> {
    counts
        .into_iter()
        .map(|(value, count)| Facet {
            label: value.clone(),
            value,
            count,
        })
        .collect()
}

/// The page of `query` for the day `today` ("YYYY-MM-DD" in the city), dated for `dates`' reader.
pub async fn search(
    index: &OfferIndex,
    db: &Db,
    query: &SearchQuery,
    today: &str,
    dates: &HumanDates,
) -> Result<SearchResults, sqlx::Error> {
    let hits = index.search(query, today, PER_PAGE as usize);
    let offers = store::summaries(db, &hits.ids, dates).await?;
    let names: Vec<(i64, String)> = if hits.families.is_empty() {
        vec![]
    } else {
        let rows = sqlx::query("SELECT id, name FROM metier_families")
            .fetch_all(&db.pool)
            .await?;
        rows.into_iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect::<Result<_, sqlx::Error>>()?
    };
    let metiers: Vec<Facet> = match query.famille.as_deref().and_then(|f| f.parse::<i64>().ok()) {
        Some(family) if !hits.metiers.is_empty() => {
            let rows =
                sqlx::query("SELECT id, name FROM metiers WHERE family_id = $1 ORDER BY name")
                    .bind(family)
                    .fetch_all(&db.pool)
                    .await?;
            let mut out = Vec::new();
            for row in rows {
                let id: i64 = row.try_get("id")?;
                if let Some((_, count)) = hits.metiers.iter().find(|(m, _)| *m == id) {
                    out.push(Facet {
                        value: id.to_string(),
                        label: row.try_get("name")?,
                        count: *count,
                    });
                }
            }
            out
        }
        _ => vec![],
    };
    let mut families: Vec<Facet> = hits
        .families
        .into_iter()
        .map(|(id, count)| Facet {
            value: id.to_string(),
            label: names
                .iter()
                .find(|(n, _)| *n == id)
                .map_or_else(|| id.to_string(), |(_, name)| name.clone()),
            count,
        })
        .collect();
    families.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(SearchResults {
        offers,
        total: hits.total,
        page: query.page_number().get(),
        per_page: PER_PAGE,
        directions: facets(hits.directions),
        families,
        metiers,
        levels: facets(hits.levels),
        // The start months read as words ("juin 2027"); the value stays "2027-06".
        starts: facets(hits.starts)
            .into_iter()
            .map(|f| Facet {
                label: dates.month(&f.value).text,
                ..f
            })
            .collect(),
        paid: facets(hits.paid),
    })
}
