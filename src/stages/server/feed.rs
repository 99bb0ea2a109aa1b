//! The Atom feed of new offers, at /stages/flux.atom: the 50 most recently published offers
//! still open, for feed readers and job boards; with search parameters (those of /stages),
//! the offers that search finds.

use super::{store, today};
use crate::{server::state::AppState, stages::search::SearchQuery};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

fn rfc3339(seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(seconds).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

pub async fn atom(State(state): State<AppState>, Query(params): Query<std::collections::HashMap<String, String>>) -> Response {
    let search = SearchQuery::from_pairs(|key| params.get(key).cloned()).criteria();
    let newest = SearchQuery { tri: Some("recent".into()), ..search.clone() };
    let ids = state.catalogue.search(&newest, &today(), 50).ids;
    let offers = match store::summaries(&state.db, &ids).await {
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
    let updated = published.iter().map(|(_, t)| *t).max().unwrap_or(0);
    let title = match &search.q {
        Some(words) => format!("Parvis — offres de stage : « {words} »"),
        None if search == SearchQuery::default() => "Parvis — offres de stage".to_string(),
        None => "Parvis — offres de stage (recherche)".to_string(),
    };
    let (feed, page) = (escape(&format!("{site}{}", search.feed_url())), escape(&format!("{site}{}", search.url(1))));
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n\
         <title>{}</title>\n<id>{feed}</id>\n<link rel=\"self\" href=\"{feed}\"/>\n\
         <link rel=\"alternate\" href=\"{page}\"/>\n<updated>{}</updated>\n",
        escape(&title),
        rfc3339(updated)
    );
    for offer in &offers {
        let when = published.iter().find(|(id, _)| *id == offer.id).map_or(0, |(_, t)| *t);
        let link = format!("{site}/stages/offres/{}", offer.id);
        let summary = format!(
            "{} · {} — {} — {} semaines à partir de {} — candidater avant le {}",
            offer.direction_code, offer.service, offer.metier, offer.duration_weeks, offer.start_month, offer.deadline
        );
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{link}</id>\n<link href=\"{link}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            escape(&offer.title),
            rfc3339(when),
            escape(&offer.direction_code),
            escape(&summary)
        ));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
