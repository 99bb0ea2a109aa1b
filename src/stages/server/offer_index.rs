//! The search index of published offers, held in memory and kept in step with the database.
//!
//! A search over 100,000 offers in SQL (words with LIKE, then one COUNT per facet) took
//! hundreds of milliseconds; here one pass over the offers that hold the rarest word does the
//! results and every facet count together. The database stays the truth: the index is built
//! from it at start, each offer is reloaded from it after a change (in this process at once,
//! in the others through the live-event relay), and the whole index is rebuilt periodically
//! in case a relay message was lost.

use crate::server::text;
use crate::{
    server::{
        db::Db,
        index_follower::{self, FollowedIndex},
        realtime::LiveMessage,
        state::{AppState, NotRegistered},
        term_postings::TermPostings,
    },
    stages::search::SearchQuery,
};
use sqlx::{any::AnyRow, Row};
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

/// Rebuild from scratch once this share of slots holds replaced offers.
const MAX_DEAD_SHARE: usize = 4;

/// One published offer, reduced to what search reads.
#[derive(Debug, Clone)]
struct Doc {
    id: i64,
    direction: u32,
    family: i64,
    /// Slots in the index's lists of families and start months, for counting facets in arrays.
    family_slot: u32,
    metier: i64,
    level: u32,
    arrondissement: Option<i64>,
    remote: bool,
    paid: bool,
    weeks: i64,
    /// YYYYMM.
    start: u32,
    start_slot: u32,
    /// YYYYMMDD.
    deadline: u32,
    published_at: i64,
    title_terms: Box<[u32]>,
}

/// What a search returns before the page's offers are read from the database.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hits {
    /// Offer ids of the asked page, in order.
    pub ids: Vec<i64>,
    pub total: i64,
    /// (value, count) per facet; family values are family ids.
    pub directions: Vec<(String, i64)>,
    pub families: Vec<(i64, i64)>,
    /// Métier ids and counts, only when the query keeps a family.
    pub metiers: Vec<(i64, i64)>,
    pub levels: Vec<(String, i64)>,
    /// Start months, "YYYY-MM".
    pub starts: Vec<(String, i64)>,
    pub paid: Vec<(String, i64)>,
}

#[derive(Debug, Default)]
struct Index {
    /// Slots: an offer that changes gets a new slot, its old one is emptied.
    docs: Vec<Option<Doc>>,
    slot_of: HashMap<i64, u32>,
    dead: usize,
    /// Per term, the slots holding it (slots are only ever appended).
    terms: TermPostings,
    /// Interned direction codes, education levels, family ids and start months.
    directions: Vec<String>,
    levels: Vec<String>,
    families: Vec<i64>,
    starts: Vec<u32>,
}

fn intern<T: PartialEq + ?Sized + ToOwned<Owned = O>, O: std::borrow::Borrow<T>>(
    list: &mut Vec<O>,
    value: &T,
) -> u32 {
    match list.iter().position(|v| v.borrow() == value) {
        Some(at) => at as u32,
        None => {
            list.push(value.to_owned());
            (list.len() - 1) as u32
        }
    }
}

/// "2026-11-28" → 20261128, "2027-03" → 202703 (0 when unreadable, which sorts as long past).
pub fn date_number(date: &str) -> u32 {
    date.bytes()
        .filter(u8::is_ascii_digit)
        .take(8)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
}

/// An offer row as the index loads it, read before taking the lock.
struct Loaded {
    id: i64,
    direction: String,
    family: i64,
    metier: i64,
    level: String,
    arrondissement: Option<i64>,
    remote: bool,
    paid: bool,
    weeks: i64,
    start: u32,
    deadline: u32,
    published_at: i64,
    terms: String,
    title_terms: String,
}

const SELECT: &str = "SELECT o.id, d.code, m.family_id, o.metier_id, o.start_month, o.education_level, o.arrondissement, o.remote_days, o.paid, o.duration_weeks, o.deadline, \
     o.published_at, o.search_terms, o.title_terms FROM offers o JOIN directions d ON d.id = o.direction_id JOIN metiers m ON m.id = o.metier_id \
     WHERE o.state = 'published'";

fn loaded(row: AnyRow) -> Result<Loaded, sqlx::Error> {
    Ok(Loaded {
        id: row.try_get("id")?,
        direction: row.try_get("code")?,
        family: row.try_get("family_id")?,
        metier: row.try_get("metier_id")?,
        level: row.try_get("education_level")?,
        arrondissement: row.try_get("arrondissement")?,
        remote: row.try_get::<i64, _>("remote_days")? > 0,
        paid: row.try_get::<i64, _>("paid")? == 1,
        weeks: row.try_get("duration_weeks")?,
        start: date_number(&row.try_get::<String, _>("start_month")?),
        deadline: date_number(&row.try_get::<String, _>("deadline")?),
        published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
        terms: row.try_get("search_terms")?,
        title_terms: row.try_get("title_terms")?,
    })
}

impl Index {
    fn remove(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.docs[slot as usize] = None;
            self.dead += 1;
        }
    }

    fn insert(&mut self, offer: Loaded) {
        self.remove(offer.id);
        let slot = self.docs.len() as u32;
        for word in offer.terms.split_whitespace() {
            self.terms.add(slot, word);
        }
        let title_terms = offer
            .title_terms
            .split_whitespace()
            .map(|w| self.terms.intern(w))
            .collect();
        let doc = Doc {
            id: offer.id,
            direction: intern(&mut self.directions, &offer.direction),
            family: offer.family,
            family_slot: intern(&mut self.families, &offer.family),
            metier: offer.metier,
            level: intern(&mut self.levels, &offer.level),
            arrondissement: offer.arrondissement,
            remote: offer.remote,
            paid: offer.paid,
            weeks: offer.weeks,
            start: offer.start,
            start_slot: intern(&mut self.starts, &offer.start),
            deadline: offer.deadline,
            published_at: offer.published_at,
            title_terms,
        };
        self.docs.push(Some(doc));
        self.slot_of.insert(offer.id, slot);
    }

    fn needs_compaction(&self) -> bool {
        self.dead > 1000 && self.dead * MAX_DEAD_SHARE > self.docs.len()
    }
}

/// Filters a search applies, resolved against the index once per search.
struct Filters {
    terms: Vec<u32>,
    direction: Option<Option<u32>>,
    not_direction: Option<u32>,
    family: Option<i64>,
    metier: Option<i64>,
    level: Option<Option<u32>>,
    arrondissement: Option<i64>,
    remote: bool,
    paid: Option<bool>,
    min_weeks: Option<i64>,
    max_weeks: Option<i64>,
    start_from: Option<u32>,
    today: u32,
    since: i64,
}

/// Filters with facets: a document failing only one of them still counts in that facet.
const DIRECTION: u8 = 1;
const FAMILY: u8 = 2;
const LEVEL: u8 = 4;
const PAID: u8 = 8;
const METIER: u8 = 16;
const START: u8 = 32;
const OTHER: u8 = 64;

impl Filters {
    /// Which filters `doc` fails, as a bit set.
    fn failures(&self, doc: &Doc) -> u8 {
        let mut failed = 0;
        if let Some(direction) = self.direction {
            if direction != Some(doc.direction) {
                failed |= DIRECTION;
            }
        }
        if self.family.is_some_and(|f| f != doc.family) {
            failed |= FAMILY;
        }
        if let Some(level) = self.level {
            if level != Some(doc.level) {
                failed |= LEVEL;
            }
        }
        if self.paid.is_some_and(|p| p != doc.paid) {
            failed |= PAID;
        }
        if self.metier.is_some_and(|m| m != doc.metier) {
            failed |= METIER;
        }
        if self.start_from.is_some_and(|s| doc.start < s) {
            failed |= START;
        }
        if doc.deadline < self.today
            || (self.since > 0 && doc.published_at < self.since)
            || self.not_direction == Some(doc.direction)
            || self
                .arrondissement
                .is_some_and(|a| Some(a) != doc.arrondissement)
            || (self.remote && !doc.remote)
            || self.max_weeks.is_some_and(|w| doc.weeks > w)
            || self.min_weeks.is_some_and(|w| doc.weeks < w)
        {
            failed |= OTHER;
        }
        failed
    }
}

/// The shared, thread-safe index. Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct OfferIndex {
    index: Arc<RwLock<Index>>,
    /// Serialises reloads so that an older read of an offer never overwrites a newer one.
    reload: Arc<tokio::sync::Mutex<()>>,
}

impl OfferIndex {
    /// This process's index, as the app registered it at start (`crate::app_server`).
    ///
    /// # Errors
    /// [`NotRegistered`] when the app was built without it.
    pub fn of(app: &AppState) -> Result<&OfferIndex, NotRegistered> {
        app.domains.get()
    }

    /// Builds the index from every published offer.
    pub async fn load(db: &Db) -> Result<OfferIndex, sqlx::Error> {
        let index = OfferIndex::default();
        index.rebuild(db).await?;
        Ok(index)
    }

    pub async fn rebuild(&self, db: &Db) -> Result<(), sqlx::Error> {
        let _guard = self.reload.lock().await;
        let rows = sqlx::query(&format!("{SELECT} ORDER BY o.id"))
            .fetch_all(&db.pool)
            .await?;
        let mut fresh = Index::default();
        for row in rows {
            fresh.insert(loaded(row)?);
        }
        *self.write() = fresh;
        Ok(())
    }

    /// Reloads offer `id` after a change: in the index while published, out of it otherwise.
    pub async fn reload(&self, db: &Db, id: i64) -> Result<(), sqlx::Error> {
        let compact = {
            let _guard = self.reload.lock().await;
            let row = sqlx::query(&format!("{SELECT} AND o.id = $1"))
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
            let offer = row.map(loaded).transpose()?;
            let mut index = self.write();
            match offer {
                Some(offer) => index.insert(offer),
                None => index.remove(id),
            }
            index.needs_compaction()
        };
        if compact {
            self.rebuild(db).await?;
        }
        Ok(())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        // A panic while holding the lock leaves a consistent index (each change is one push or
        // one assignment), so a poisoned lock is safe to keep using.
        self.index
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn len(&self) -> usize {
        self.read().slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Roughly how much memory the index holds, in bytes (for the benchmark's report).
    pub fn approx_bytes(&self) -> usize {
        let index = self.read();
        let docs = index.docs.capacity() * std::mem::size_of::<Option<Doc>>()
            + index
                .docs
                .iter()
                .flatten()
                .map(|d| d.title_terms.len() * 4)
                .sum::<usize>();
        index.terms.approx_bytes() + docs + index.slot_of.capacity() * 16
    }

    /// Runs `query` for the day `today`: the ids of the asked page and every facet count.
    /// `per_page` of 0 gives every match.
    pub fn search(&self, query: &SearchQuery, today: &str, per_page: usize) -> Hits {
        self.search_since(query, today, 0, per_page)
    }

    /// Same as [`OfferIndex::search`], among offers published at or after `since` (unix seconds).
    pub fn search_since(
        &self,
        query: &SearchQuery,
        today: &str,
        since: i64,
        per_page: usize,
    ) -> Hits {
        let index = self.read();
        let words = query
            .q
            .as_deref()
            .map(text::query_terms)
            .unwrap_or_default();
        let mut terms = Vec::with_capacity(words.len());
        for word in &words {
            match index.terms.get(word) {
                Some(term) => terms.push(term),
                // A word no offer holds: nothing matches.
                None => return Hits::default(),
            }
        }
        let code = |value: &Option<String>, list: &Vec<String>| {
            value
                .as_ref()
                .map(|v| list.iter().position(|c| c == v).map(|at| at as u32))
        };
        let filters = Filters {
            direction: code(&query.direction, &index.directions),
            not_direction: code(&query.sauf_direction, &index.directions).flatten(),
            family: query.famille.as_deref().and_then(|f| f.parse().ok()),
            metier: query.metier.as_deref().and_then(|m| m.parse().ok()),
            level: code(&query.niveau, &index.levels),
            arrondissement: query.arrondissement.as_deref().and_then(|a| a.parse().ok()),
            remote: query.teletravail.as_deref() == Some("1"),
            paid: match query.gratifie.as_deref() {
                Some("1") => Some(true),
                Some("0") => Some(false),
                _ => None,
            },
            min_weeks: query.duree_min.as_deref().and_then(|w| w.parse().ok()),
            max_weeks: query.duree_max.as_deref().and_then(|w| w.parse().ok()),
            start_from: query.debut.as_deref().map(date_number).filter(|m| *m > 0),
            today: date_number(today),
            since,
            terms,
        };

        let mut matches: Vec<&Doc> = Vec::new();
        let mut directions = vec![0i64; index.directions.len()];
        let mut levels = vec![0i64; index.levels.len()];
        let mut families = vec![0i64; index.families.len()];
        let mut paid = [0i64; 2];
        let mut metiers: HashMap<i64, i64> = HashMap::new();
        let mut starts = vec![0i64; index.starts.len()];
        let count_metiers = filters.family.is_some();
        let words: Vec<[u32; 1]> = filters.terms.iter().map(|t| [*t]).collect();
        let docs: Box<dyn Iterator<Item = &Doc>> = match index.terms.matching(&words) {
            Some(slots) => Box::new(
                slots
                    .into_iter()
                    .filter_map(|s| index.docs[s as usize].as_ref()),
            ),
            None => Box::new(index.docs.iter().flatten()),
        };
        for doc in docs {
            let failed = filters.failures(doc);
            if failed == 0 {
                matches.push(doc);
            }
            // A document counts in a facet when it passes every other filter.
            if failed & !DIRECTION == 0 {
                directions[doc.direction as usize] += 1;
            }
            if failed & !FAMILY == 0 {
                families[doc.family_slot as usize] += 1;
            }
            if failed & !LEVEL == 0 {
                levels[doc.level as usize] += 1;
            }
            if failed & !PAID == 0 {
                paid[usize::from(doc.paid)] += 1;
            }
            if count_metiers && failed & !METIER == 0 {
                *metiers.entry(doc.metier).or_default() += 1;
            }
            if failed & !START == 0 {
                starts[doc.start_slot as usize] += 1;
            }
        }

        let total = matches.len() as i64;
        let page = query.page_number().get() as usize;
        let ids = page_of(
            matches,
            &filters.terms,
            query.tri.as_deref(),
            page,
            per_page,
        );
        let named = |list: &Vec<String>, counts: Vec<i64>| -> Vec<(String, i64)> {
            let mut out: Vec<(String, i64)> = list
                .iter()
                .cloned()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .collect();
            out.sort();
            out
        };
        let nonzero = |ids: &Vec<i64>, counts: Vec<i64>| -> Vec<(i64, i64)> {
            let mut out: Vec<(i64, i64)> = ids
                .iter()
                .copied()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .collect();
            out.sort();
            out
        };
        let families = nonzero(&index.families, families);
        let mut metiers: Vec<(i64, i64)> = metiers.into_iter().collect();
        metiers.sort();
        let starts = nonzero(
            &index.starts.iter().map(|m| i64::from(*m)).collect(),
            starts,
        );
        Hits {
            ids,
            total,
            directions: named(&index.directions, directions),
            families,
            metiers,
            levels: named(&index.levels, levels),
            starts: starts
                .into_iter()
                .map(|(month, n)| (format!("{}-{:02}", month / 100, month % 100), n))
                .collect(),
            paid: [("0", paid[0]), ("1", paid[1])]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(v, n)| (v.to_string(), n))
                .collect(),
        }
    }
}

/// Live topic of offer changes (each process's index reloads the offer); payload
/// [`OfferEvent`]. The index owns it: it is the only reader.
pub const OFFER_TOPIC: &str = "stages.offer";

/// An offer changed (published, edited, closed…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OfferEvent {
    pub offer_id: i64,
}

/// After offer `id` changed in the database: reload it here, and tell the other processes.
pub async fn offer_changed(app: &AppState, id: i64) {
    match OfferIndex::of(app) {
        Ok(index) => index_follower::changed(app, index, id).await,
        Err(missing) => tracing::error!(%missing, offer = id, "search index: offer not reloaded"),
    }
}

impl FollowedIndex for OfferIndex {
    const NAME: &'static str = "offer index";
    const TOPIC: &'static str = OFFER_TOPIC;

    fn changed_id(message: &LiveMessage) -> Option<i64> {
        message
            .read::<OfferEvent>(OFFER_TOPIC)
            .map(|event| event.offer_id)
    }

    fn payload(id: i64) -> serde_json::Value {
        serde_json::json!(OfferEvent { offer_id: id })
    }

    async fn reload(&self, db: &Db, id: i64) -> Result<(), sqlx::Error> {
        OfferIndex::reload(self, db, id).await
    }

    async fn rebuild(&self, db: &Db) -> Result<(), sqlx::Error> {
        OfferIndex::rebuild(self, db).await
    }
}

/// Sorts the matches the way the candidate asked and keeps page `page`.
fn page_of(
    mut matches: Vec<&Doc>,
    terms: &[u32],
    sort: Option<&str>,
    page: usize,
    per_page: usize,
) -> Vec<i64> {
    let title_score = |doc: &Doc| terms.iter().filter(|t| doc.title_terms.contains(t)).count();
    let newest = |a: &&Doc, b: &&Doc| b.published_at.cmp(&a.published_at).then(b.id.cmp(&a.id));
    let order: Box<dyn Fn(&&Doc, &&Doc) -> std::cmp::Ordering + '_> = match sort {
        Some("echeance") => Box::new(|a, b| a.deadline.cmp(&b.deadline).then(b.id.cmp(&a.id))),
        Some("recent") => Box::new(newest),
        _ if !terms.is_empty() => Box::new(move |a, b| {
            title_score(b)
                .cmp(&title_score(a))
                .then_with(|| newest(a, b))
        }),
        _ => Box::new(newest),
    };
    if per_page == 0 {
        matches.sort_by(|a, b| order(a, b));
        return matches.iter().map(|d| d.id).collect();
    }
    let end = page.saturating_mul(per_page);
    let start = end - per_page;
    if start >= matches.len() {
        return vec![];
    }
    // Only the first `end` need ordering: select them, then sort that part.
    if end < matches.len() {
        matches.select_nth_unstable_by(end, |a, b| order(a, b));
        matches.truncate(end);
    }
    matches.sort_by(|a, b| order(a, b));
    matches[start..].iter().map(|d| d.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(id: i64, direction: &str, text: &str, published_at: i64) -> Loaded {
        Loaded {
            id,
            direction: direction.into(),
            family: id % 2,
            metier: id,
            level: "bac3".into(),
            arrondissement: Some(12),
            remote: false,
            paid: id % 3 == 0,
            weeks: 8,
            start: date_number("2099-03"),
            deadline: date_number("2099-01-01"),
            published_at,
            terms: text::stored(text),
            title_terms: text::stored(text),
        }
    }

    #[test]
    fn words_filters_facets_and_replacement() {
        let mut index = Index::default();
        index.insert(offer(1, "DEVE", "Jardins partagés", 10));
        index.insert(offer(2, "DVD", "Jardin et voirie", 20));
        index.insert(offer(3, "DEVE", "Communication", 30));
        let index = OfferIndex {
            index: Arc::new(RwLock::new(index)),
            ..Default::default()
        };
        let query = |q: &str, direction: Option<&str>| SearchQuery {
            q: Some(q.into()),
            direction: direction.map(Into::into),
            ..Default::default()
        };

        let hits = index.search(&query("jardin", None), "2026-01-01", 20);
        assert_eq!((hits.ids.clone(), hits.total), (vec![2, 1], 2));
        let hits = index.search(&query("jardin", Some("DEVE")), "2026-01-01", 20);
        assert_eq!(hits.ids, vec![1]);
        // The direction facet ignores its own filter; the others do not.
        assert_eq!(hits.directions, vec![("DEVE".into(), 1), ("DVD".into(), 1)]);
        assert_eq!(hits.families, vec![(1, 1)]);
        assert_eq!(
            index
                .search(&query("jardin zzz", None), "2026-01-01", 20)
                .total,
            0
        );
        assert_eq!(
            index
                .search(&SearchQuery::default(), "2099-01-02", 20)
                .total,
            0,
            "deadline passed"
        );

        index.write().insert(offer(1, "DEVE", "Communication", 40));
        assert_eq!(
            index.search(&query("jardin", None), "2026-01-01", 20).ids,
            vec![2]
        );
        assert_eq!(
            index
                .search(&query("communication", None), "2026-01-01", 20)
                .ids,
            vec![1, 3]
        );
        index.write().remove(3);
        assert_eq!(index.len(), 2);
        let second_page = SearchQuery {
            page: Some("2".into()),
            ..Default::default()
        };
        assert_eq!(index.search(&second_page, "2026-01-01", 1).ids, vec![2]);
        assert_eq!(
            index
                .search_since(&SearchQuery::default(), "2026-01-01", 21, 20)
                .ids,
            vec![1]
        );
        assert_eq!(
            index
                .search_since(&SearchQuery::default(), "2026-01-01", 20, 20)
                .ids,
            vec![1, 2]
        );
    }
}
