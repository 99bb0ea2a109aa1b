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

    pub fn url(&self, page: i64) -> String {
        let mut parts: Vec<String> = [
            ("q", &self.q),
            ("champ", &self.champ),
            ("pays", &self.pays),
            ("ville", &self.ville),
            ("maturite", &self.maturite),
            ("tag", &self.tag),
            ("langue", &self.langue),
        ]
        .iter()
        .filter_map(|(key, value)| {
            value
                .as_ref()
                .map(|v| format!("{key}={}", crate::stages::search::encode(v)))
        })
        .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/innovation".into()
        } else {
            format!("/innovation?{}", parts.join("&"))
        }
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
