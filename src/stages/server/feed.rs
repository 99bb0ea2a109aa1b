//! The Atom feed of new offers, at /stages/flux.atom: the 50 most recently published offers
//! still open, for feed readers and job boards; with search parameters (those of /stages),
//! the offers that search finds.

use super::store;
use crate::{
    i18n::Locale,
    server::{feeds, human_dates::HumanDates, state::AppState},
    stages::search::SearchQuery,
};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

pub async fn atom(State(state): State<AppState>, Query(params): Query<std::collections::HashMap<String, String>>) -> Response {
    let search = SearchQuery::from_pairs(|key| params.get(key).cloned()).criteria();
    let newest = SearchQuery { tri: Some("recent".into()), ..search.clone() };
    let ids = state.catalogue.search(&newest, &state.clock.today_iso(), 50).ids;
    // The feed is in French, its dates in the city's time zone.
    let dates = HumanDates::new(Locale::Fr, state.clock.zone().clone());
    let offers = match store::summaries(&state.db, &ids, &dates).await {
        Ok(offers) => offers,
        Err(error) => {
            tracing::error!(%error, "offer feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let published = match store::published_times(&state.db, &offers.iter().map(|o| o.id).collect::<Vec<_>>()).await {
        Ok(times) => times,
        Err(error) => {
            tracing::error!(%error, "offer feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let site = state.config.public_link("");
    let title = match &search.q {
        Some(words) => format!("Parvis — offres de stage : « {words} »"),
        None if search == SearchQuery::default() => "Parvis — offres de stage".to_string(),
        None => "Parvis — offres de stage (recherche)".to_string(),
    };
    let entries: Vec<feeds::Entry> = offers
        .iter()
        .map(|offer| feeds::Entry {
            title: offer.title.clone(),
            link: format!("{site}/stages/offres/{}", offer.id),
            updated: published.iter().find(|(id, _)| *id == offer.id).map_or(0, |(_, t)| *t),
            author: offer.direction_code.clone(),
            summary: format!(
                "{} · {} — {} — {} semaines à partir de {} — candidater avant le {}",
                offer.direction_code, offer.service, offer.metier, offer.duration_weeks, offer.start_month.text, offer.deadline.text
            ),
        })
        .collect();
    let xml = feeds::atom(&title, "fr", &format!("{site}{}", search.feed_url()), &format!("{site}{}", search.url(1)), &entries);
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}
