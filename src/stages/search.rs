//! Offer search: what the candidate asks (all of it in the URL) and what comes back.

use super::types::OfferSummary;
use serde::{Deserialize, Serialize};

/// The search form; every field is a URL parameter of /stages, so a search can be shared,
/// bookmarked and replayed with the back button, with or without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    /// Direction code to keep, and one to leave out.
    pub direction: Option<String>,
    pub sauf_direction: Option<String>,
    /// Métier family id, and métier id.
    pub famille: Option<String>,
    pub metier: Option<String>,
    /// Education level code.
    pub niveau: Option<String>,
    pub arrondissement: Option<String>,
    /// "1": some remote work.
    pub teletravail: Option<String>,
    /// "1": paid only; "0": unpaid only.
    pub gratifie: Option<String>,
    /// Shortest and longest duration wanted, in weeks.
    pub duree_min: Option<String>,
    pub duree_max: Option<String>,
    /// Earliest start wanted, "YYYY-MM".
    pub debut: Option<String>,
    /// "pertinence", "recent" or "echeance".
    pub tri: Option<String>,
    pub page: Option<String>,
}

impl SearchQuery {
    /// Reads the query from URL parameters (unknown ones are ignored).
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<String> + 'a) -> SearchQuery {
        let value = |key: &str| crate::query_text::bounded_code(get(key));
        SearchQuery {
            q: crate::query_text::bounded_param(get("q")),
            direction: value("direction"),
            sauf_direction: value("sauf_direction"),
            famille: value("famille"),
            metier: value("metier"),
            niveau: value("niveau"),
            arrondissement: value("arrondissement"),
            teletravail: value("teletravail"),
            gratifie: value("gratifie"),
            duree_min: value("duree_min"),
            duree_max: value("duree_max"),
            debut: value("debut"),
            tri: value("tri"),
            page: value("page"),
        }
    }

    /// The criteria as (URL parameter, value), in URL order; the order and page are apart.
    pub fn criteria_fields(&self) -> [(&'static str, &Option<String>); 13] {
        [
            ("q", &self.q),
            ("direction", &self.direction),
            ("sauf_direction", &self.sauf_direction),
            ("famille", &self.famille),
            ("metier", &self.metier),
            ("niveau", &self.niveau),
            ("arrondissement", &self.arrondissement),
            ("teletravail", &self.teletravail),
            ("gratifie", &self.gratifie),
            ("duree_min", &self.duree_min),
            ("duree_max", &self.duree_max),
            ("debut", &self.debut),
            ("tri", &self.tri),
        ]
    }

    /// The search as URL parameters ("q=jardin&direction=DEVE"), at `page`.
    pub fn query_string(&self, page: i64) -> String {
        let mut parts: Vec<String> = self
            .criteria_fields()
            .iter()
            .filter_map(|(key, value)| value.as_ref().map(|v| format!("{key}={}", encode(v))))
            .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }

    /// The URL of this search at `page`.
    pub fn url(&self, page: i64) -> String {
        match self.query_string(page) {
            params if params.is_empty() => "/stages".to_string(),
            params => format!("/stages?{params}"),
        }
    }

    /// The same search without its order and page: what a saved search or a feed keeps.
    pub fn criteria(&self) -> SearchQuery {
        let code = |value: &Option<String>| crate::query_text::bounded_code(value.clone());
        SearchQuery {
            q: crate::query_text::bounded_param(self.q.clone()),
            direction: code(&self.direction),
            sauf_direction: code(&self.sauf_direction),
            famille: code(&self.famille),
            metier: code(&self.metier),
            niveau: code(&self.niveau),
            arrondissement: code(&self.arrondissement),
            teletravail: code(&self.teletravail),
            gratifie: code(&self.gratifie),
            duree_min: code(&self.duree_min),
            duree_max: code(&self.duree_max),
            debut: code(&self.debut),
            tri: None,
            page: None,
        }
    }

    /// The Atom feed of the offers this search finds, newest first.
    pub fn feed_url(&self) -> String {
        match self.criteria().query_string(1) {
            params if params.is_empty() => "/stages/flux.atom".to_string(),
            params => format!("/stages/flux.atom?{params}"),
        }
    }

    /// The page asked for, clamped (see `PageNumber`).
    pub fn page_number(&self) -> crate::paging::PageNumber {
        crate::paging::PageNumber::parse(self.page.as_deref())
    }
}

/// Percent-encodes a URL parameter value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// One value of a filter with the number of offers it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub offers: Vec<OfferSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub directions: Vec<Facet>,
    pub families: Vec<Facet>,
    /// The métiers of the chosen family (empty when no family is chosen).
    pub metiers: Vec<Facet>,
    pub levels: Vec<Facet>,
    /// Start months ("YYYY-MM") of the offers found.
    pub starts: Vec<Facet>,
    pub paid: Vec<Facet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_round_trip() {
        let query = SearchQuery {
            q: Some("jardin écologique".into()),
            direction: Some("DEVE".into()),
            ..Default::default()
        };
        let url = query.url(2);
        assert_eq!(
            url,
            "/stages?q=jardin+%C3%A9cologique&direction=DEVE&page=2"
        );
        assert_eq!(SearchQuery::default().url(1), "/stages");
        let sorted = SearchQuery {
            tri: Some("recent".into()),
            ..query
        };
        assert_eq!(
            sorted.feed_url(),
            "/stages/flux.atom?q=jardin+%C3%A9cologique&direction=DEVE"
        );
    }
}
