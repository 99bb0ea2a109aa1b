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

    /// The same search with `key` (a URL parameter of [`Self::criteria_fields`]) set to `value`
    /// (`None`: left out), from its first page. Choosing or leaving a métier family drops
    /// the métier chosen within it.
    pub fn with(&self, key: &str, value: Option<String>) -> SearchQuery {
        let mut next = self.clone();
        next.page = None;
        if key == "famille" {
            next.metier = None;
        }
        let field = match key {
            "q" => &mut next.q,
            "direction" => &mut next.direction,
            "sauf_direction" => &mut next.sauf_direction,
            "famille" => &mut next.famille,
            "metier" => &mut next.metier,
            "niveau" => &mut next.niveau,
            "arrondissement" => &mut next.arrondissement,
            "teletravail" => &mut next.teletravail,
            "gratifie" => &mut next.gratifie,
            "duree_min" => &mut next.duree_min,
            "duree_max" => &mut next.duree_max,
            "debut" => &mut next.debut,
            "tri" => &mut next.tri,
            _ => return next,
        };
        *field = value;
        next
    }

    /// The value of criterion `key` (a URL parameter of [`Self::criteria_fields`]).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.criteria_fields()
            .into_iter()
            .find(|(name, _)| *name == key)
            .and_then(|(_, value)| value.as_deref())
    }

    /// How many filters narrow the search: every criterion but the words and the order.
    pub fn active_filters(&self) -> usize {
        self.criteria_fields()
            .iter()
            .filter(|(key, value)| !matches!(*key, "q" | "tri") && value.is_some())
            .count()
    }

    /// The search as URL parameters ("q=jardin&direction=DEVE"), at `page`.
    pub fn query_string(&self, page: i64) -> String {
        crate::paging::query_string(&self.criteria_fields(), page)
    }

    /// The URL of this search at `page`.
    pub fn url(&self, page: i64) -> String {
        crate::paging::list_url("/stages", &self.criteria_fields(), page)
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
        crate::paging::list_url("/stages/flux.atom", &self.criteria().criteria_fields(), 1)
    }

    /// The page asked for, clamped (see `PageNumber`).
    pub fn page_number(&self) -> crate::paging::PageNumber {
        crate::paging::PageNumber::parse(self.page.as_deref())
    }
}

pub use crate::paging::encode;

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
        let family = SearchQuery {
            famille: Some("3".into()),
            metier: Some("17".into()),
            page: Some("4".into()),
            ..Default::default()
        };
        assert_eq!(family.active_filters(), 2);
        assert_eq!(family.get("metier"), Some("17"));
        assert_eq!(family.with("metier", None).url(1), "/stages?famille=3");
        assert_eq!(
            family.with("famille", Some("5".into())).url(1),
            "/stages?famille=5"
        );
        assert_eq!(query.with("q", None).url(1), "/stages?direction=DEVE");
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
