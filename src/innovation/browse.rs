//! Browsing the published catalogue: words (French or English) and filters by field, country,
//! city, maturity, tag and language, all in the URL of /innovation.

use super::types::FicheSummary;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseQuery {
    /// Words, in French or English.
    pub q: Option<String>,
    /// Field id.
    pub champ: Option<String>,
    pub pays: Option<String>,
    /// City, as fiches spell it.
    pub ville: Option<String>,
    pub maturite: Option<String>,
    pub tag: Option<String>,
    pub langue: Option<String>,
    pub page: Option<String>,
}

impl BrowseQuery {
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> BrowseQuery {
        let value = |key: &str| {
            get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        BrowseQuery {
            q: crate::query_text::bounded_param(value("q")),
            champ: value("champ"),
            pays: crate::query_text::bounded_param(value("pays")),
            ville: crate::query_text::bounded_param(value("ville")),
            maturite: value("maturite"),
            tag: crate::query_text::bounded_param(value("tag")),
            langue: value("langue"),
            page: value("page"),
        }
    }

    /// The page asked for, clamped (see `PageNumber`).
    pub fn page_number(&self) -> crate::paging::PageNumber {
        crate::paging::PageNumber::parse(self.page.as_deref())
    }

    /// The criteria as (URL parameter, value), in URL order; the page apart.
    pub fn fields(&self) -> [(&'static str, &Option<String>); 7] {
        [
            ("q", &self.q),
            ("champ", &self.champ),
            ("pays", &self.pays),
            ("ville", &self.ville),
            ("maturite", &self.maturite),
            ("tag", &self.tag),
            ("langue", &self.langue),
        ]
    }

    /// The value of criterion `key` (a URL parameter of [`Self::fields`]).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields()
            .into_iter()
            .find(|(name, _)| *name == key)
            .and_then(|(_, value)| value.as_deref())
    }

    /// The same search with `key` (a URL parameter of [`Self::fields`]) set to `value`
    /// (`None`: left out), from its first page.
    pub fn with(&self, key: &str, value: Option<String>) -> BrowseQuery {
        let mut next = self.clone();
        next.page = None;
        let field = match key {
            "q" => &mut next.q,
            "champ" => &mut next.champ,
            "pays" => &mut next.pays,
            "ville" => &mut next.ville,
            "maturite" => &mut next.maturite,
            "tag" => &mut next.tag,
            "langue" => &mut next.langue,
            _ => return next,
        };
        *field = value;
        next
    }

    /// How many filters narrow the search: every criterion but the words.
    pub fn active_filters(&self) -> usize {
        self.fields()
            .iter()
            .filter(|(key, value)| *key != "q" && value.is_some())
            .count()
    }

    /// The URL of this search at `page`.
    pub fn url(&self, page: i64) -> String {
        crate::paging::list_url("/innovation", &self.fields(), page)
    }
}

/// A page of the catalogue, with what the filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseResults {
    pub fiches: Vec<FicheSummary>,
    pub total: i64,
    pub page: i64,
    pub fields: Vec<(i64, String)>,
    pub countries: Vec<String>,
    /// Cities of the published catalogue, offered as the city field's suggestions.
    pub cities: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_changes_alone_and_from_the_first_page() {
        let query = BrowseQuery {
            q: Some("navette".into()),
            pays: Some("Côte d'Ivoire".into()),
            page: Some("3".into()),
            ..Default::default()
        };
        assert_eq!(query.active_filters(), 1);
        assert_eq!(query.get("pays"), Some("Côte d'Ivoire"));
        assert_eq!(
            query.with("maturite", Some("pilot".into())).url(1),
            "/innovation?q=navette&pays=C%C3%B4te+d%27Ivoire&maturite=pilot"
        );
        assert_eq!(query.with("pays", None).url(1), "/innovation?q=navette");
        assert_eq!(query.with("unknown", Some("x".into())).page, None);
    }
}
