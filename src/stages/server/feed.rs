//! The Atom feed of new offers, at /stages/flux.atom: the 50 most recently published offers
//! still open, for feed readers and job boards; with search parameters (those of /stages),
//! the offers that search finds. Titled in the reader's language; the words searched are
//! echoed in the title, cleaned of what XML forbids by `feeds`.

use super::store;
use crate::{
    server::{feeds, human_dates::HumanDates, state::AppState},
    stages::search::SearchQuery,
};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

pub async fn atom(
    State(state): State<AppState>,
    Query(params): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let locale = feeds::reader_locale(&headers);
    let search = SearchQuery::from_pairs(|key| params.get(key).cloned()).criteria();
    let newest = SearchQuery {
        tri: Some("recent".into()),
        ..search.clone()
    };
    let ids = match super::offer_index::OfferIndex::of(&state) {
        Ok(index) => index.search(&newest, &state.clock.today_iso(), 50).ids,
        Err(error) => {
            tracing::error!(%error, "offer feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // The feed's human parts are in the reader's language, its dates in the city's time zone.
    let dates = HumanDates::new(locale, state.clock.zone().clone());
    let offers = match store::summaries(&state.db, &ids, &dates).await {
        Ok(offers) => offers,
        Err(error) => {
            tracing::error!(%error, "offer feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let published =
        match store::published_times(&state.db, &offers.iter().map(|o| o.id).collect::<Vec<_>>())
            .await
        {
            Ok(times) => times,
            Err(error) => {
                tracing::error!(%error, "offer feed failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    let site = state.config.public_link("");
    let title = match &search.q {
        Some(words) => locale.t_with("feed-offers-search-title", &[("words", words.clone())]),
        None if search == SearchQuery::default() => locale.t("feed-offers-title"),
        None => locale.t("feed-offers-filtered-title"),
    };
    let entries: Vec<feeds::Entry> = offers
        .iter()
        .map(|offer| feeds::Entry {
            title: offer.title.clone(),
            link: format!("{site}/stages/offres/{}", offer.id),
            updated: published
                .iter()
                .find(|(id, _)| *id == offer.id)
                .map_or(0, |(_, t)| *t),
            author: offer.direction_code.clone(),
            summary: locale.t_with(
                "feed-offer-summary",
                &[
                    ("direction", offer.direction_code.clone()),
                    ("service", offer.service.clone()),
                    ("metier", offer.metier.clone()),
                    ("weeks", offer.duration_weeks.to_string()),
                    ("start", offer.start_month.text.clone()),
                    ("deadline", offer.deadline.text.clone()),
                ],
            ),
        })
        .collect();
    let (feed, page) = (
        format!("{site}{}", search.feed_url()),
        format!("{site}{}", search.url(1)),
    );
    feeds::atom_response(
        &feeds::FeedHead {
            title: &title,
            language: locale.code(),
            feed: &feed,
            page: &page,
        },
        &entries,
    )
}
