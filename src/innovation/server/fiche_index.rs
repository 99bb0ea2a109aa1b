//! The published catalogue in memory: what browsing matches and filters each fiche by (its
//! search terms, fields, tags, country, city, maturity, language, publication time).
//!
//! Word search in SQL joined a word's postings in `fiche_terms` with every other word's and
//! each filter: a word every fiche holds cost a 20,000-row join (25 ms on SQLite, 52 ms on
//! PostgreSQL at p95 in `scripts/bench`). Here the words' posting lists are intersected and
//! the filters checked in one pass, and only the page's 20 fiches are read from the database.
//! The tables stay the truth (`fiche_catalogue`, `fiche_fields`, `fiche_tags`,
//! `fiche_terms`): the index is built from them at start and follows each publication
//! (`server::index_follower`).

use super::super::{browse::BrowseQuery, types::Maturity};
use crate::server::{
    db::Db,
    index_follower::{self, FollowedIndex},
    realtime::LiveMessage,
    state::{AppState, NotRegistered},
    term_postings::TermPostings,
    text,
};
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};
use tokio_stream::StreamExt;

/// Rebuild from scratch once this share of slots holds replaced fiches.
const MAX_DEAD_SHARE: usize = 4;

/// One published fiche, reduced to what browsing reads. Strings are interned numbers.
#[derive(Debug, Clone)]
struct Entry {
    id: i64,
    published_at: i64,
    language: u32,
    country: u32,
    city: u32,
    city_key: u32,
    maturity: Maturity,
    fields: Box<[i64]>,
    tags: Box<[u32]>,
}

#[derive(Debug, Default)]
struct Catalogue {
    /// Slots: a fiche published again gets a new slot, its old one is emptied.
    entries: Vec<Option<Entry>>,
    slot_of: HashMap<i64, u32>,
    dead: usize,
    terms: TermPostings,
    /// Interned languages, countries, cities (as fiches spell them), city keys and tag keys.
    strings: Vec<Box<str>>,
    string_ids: HashMap<Box<str>, u32>,
}

/// A catalogue row as the index loads it.
#[derive(sqlx::FromRow)]
struct Loaded {
    fiche_id: i64,
    language: String,
    city: String,
    country: String,
    city_key: String,
    maturity: Maturity,
    published_at: i64,
}

/// What the fiche is matched by besides its row: fields, tags and terms.
#[derive(Default)]
struct Keys {
    fields: Vec<i64>,
    tags: Vec<String>,
    terms: Vec<String>,
}

const SELECT: &str = "SELECT fiche_id, language, city, country, city_key, maturity, published_at FROM fiche_catalogue";

impl Catalogue {
    fn string(&mut self, value: &str) -> u32 {
        if let Some(id) = self.string_ids.get(value) {
            return *id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(value.into());
        self.string_ids.insert(value.into(), id);
        id
    }

    fn known(&self, value: &str) -> Option<u32> {
        self.string_ids.get(value).copied()
    }

    fn remove(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.entries[slot as usize] = None;
            self.dead += 1;
        }
    }

    /// Adds `row` in a new slot, its terms recorded as `add_term` does.
    fn insert(&mut self, row: Loaded, keys: Keys, add_term: fn(&mut TermPostings, u32, &str)) {
        self.remove(row.fiche_id);
        let slot = self.entries.len() as u32;
        for term in &keys.terms {
            add_term(&mut self.terms, slot, term);
        }
        let entry = Entry {
            id: row.fiche_id,
            published_at: row.published_at,
            language: self.string(&row.language),
            country: self.string(&row.country),
            city: self.string(&row.city),
            city_key: self.string(&row.city_key),
            maturity: row.maturity,
            fields: keys.fields.into(),
            tags: keys.tags.iter().map(|t| self.string(t)).collect(),
        };
        self.entries.push(Some(entry));
        self.slot_of.insert(row.fiche_id, slot);
    }

    fn needs_compaction(&self) -> bool {
        self.dead > 1000 && self.dead * MAX_DEAD_SHARE > self.entries.len()
    }

    /// The distinct values of `value` over the live fiches, sorted.
    fn distinct(&self, value: impl Fn(&Entry) -> u32) -> Vec<String> {
        let mut seen = vec![false; self.strings.len()];
        for entry in self.entries.iter().flatten() {
            seen[value(entry) as usize] = true;
        }
        let mut out: Vec<String> = seen
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(at, _)| self.strings[at].to_string())
            .collect();
        out.sort();
        out
    }
}

/// The filters of a [`BrowseQuery`], resolved against the catalogue; `None` in a field that
/// was asked means nothing can match.
struct Filters {
    field: Option<i64>,
    country: Option<Option<u32>>,
    city_key: Option<Option<u32>>,
    maturity: Option<Maturity>,
    tag: Option<Option<u32>>,
    language: Option<Option<u32>>,
}

impl Filters {
    fn of(query: &BrowseQuery, catalogue: &Catalogue) -> Filters {
        Filters {
            field: query.champ.as_deref().and_then(|f| f.parse().ok()),
            country: query.pays.as_deref().map(|c| catalogue.known(c)),
            city_key: query
                .ville
                .as_deref()
                .map(|c| catalogue.known(&text::key(c))),
            maturity: query.maturite.as_deref().and_then(Maturity::parse),
            tag: query.tag.as_deref().map(|t| catalogue.known(&text::key(t))),
            language: query
                .langue
                .as_deref()
                .filter(|l| matches!(*l, "fr" | "en"))
                .map(|l| catalogue.known(l)),
        }
    }

    fn pass(&self, entry: &Entry) -> bool {
        let is = |wanted: Option<Option<u32>>, value: u32| wanted.is_none_or(|w| w == Some(value));
        self.field.is_none_or(|f| entry.fields.contains(&f))
            && is(self.country, entry.country)
            && is(self.city_key, entry.city_key)
            && self.maturity.is_none_or(|m| m == entry.maturity)
            && self
                .tag
                .is_none_or(|t| t.is_some_and(|t| entry.tags.contains(&t)))
            && is(self.language, entry.language)
    }
}

/// A page of browsing before its fiches are read from the database.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Page {
    /// Fiche ids of the asked page, newest publication first.
    pub ids: Vec<i64>,
    /// How many fiches match.
    pub total: i64,
}

/// The shared, thread-safe index. Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct FicheIndex {
    catalogue: Arc<RwLock<Catalogue>>,
    /// Serialises reloads so that an older read of a fiche never overwrites a newer one.
    reload: Arc<tokio::sync::Mutex<()>>,
}

impl FicheIndex {
    /// This process's index, as the app registered it at start (`crate::app_server`).
    ///
    /// # Errors
    /// [`NotRegistered`] when the app was built without it.
    pub fn of(app: &AppState) -> Result<&FicheIndex, NotRegistered> {
        app.domains.get()
    }

    /// Builds the index from the published catalogue.
    pub async fn load(db: &Db) -> Result<FicheIndex, sqlx::Error> {
        let index = FicheIndex::default();
        index.rebuild(db).await?;
        Ok(index)
    }

    /// Reads the whole catalogue again (streaming the terms: 20,000 fiches hold about a
    /// million).
    pub async fn rebuild(&self, db: &Db) -> Result<(), sqlx::Error> {
        let _guard = self.reload.lock().await;
        let rows: Vec<Loaded> = sqlx::query_as(&format!("{SELECT} ORDER BY fiche_id"))
            .fetch_all(&db.pool)
            .await?;
        let mut keys: HashMap<i64, Keys> = HashMap::with_capacity(rows.len());
        let mut fields = sqlx::query_as::<_, (i64, i64)>(
            "SELECT fiche_id, field_id FROM fiche_fields ORDER BY fiche_id, field_id",
        )
        .fetch(&db.pool);
        while let Some(row) = fields.next().await {
            let (fiche, field) = row?;
            keys.entry(fiche).or_default().fields.push(field);
        }
        drop(fields);
        let mut tags = sqlx::query_as::<_, (i64, String)>("SELECT fiche_id, tag FROM fiche_tags")
            .fetch(&db.pool);
        while let Some(row) = tags.next().await {
            let (fiche, tag) = row?;
            keys.entry(fiche).or_default().tags.push(tag);
        }
        drop(tags);
        let mut fresh = Catalogue::default();
        for row in rows {
            let own = keys.remove(&row.fiche_id).unwrap_or_default();
            fresh.insert(row, own, |_, _, _| {});
        }
        let mut terms =
            sqlx::query_as::<_, (i64, String)>("SELECT fiche_id, term FROM fiche_terms")
                .fetch(&db.pool);
        while let Some(row) = terms.next().await {
            let (fiche, term) = row?;
            if let Some(slot) = fresh.slot_of.get(&fiche).copied() {
                fresh.terms.add_unordered(slot, &term);
            }
        }
        fresh.terms.sort();
        *self.write() = fresh;
        Ok(())
    }

    /// Reads published fiche `id` again after it changed: in the index while published, out
    /// of it otherwise.
    pub async fn reload(&self, db: &Db, id: i64) -> Result<(), sqlx::Error> {
        let compact = {
            let _guard = self.reload.lock().await;
            let row: Option<Loaded> = sqlx::query_as(&format!("{SELECT} WHERE fiche_id = $1"))
                .bind(id)
                .fetch_optional(&db.pool)
                .await?;
            let keys = match row {
                Some(_) => Keys {
                    fields: sqlx::query_scalar(
                        "SELECT field_id FROM fiche_fields WHERE fiche_id = $1 ORDER BY field_id",
                    )
                    .bind(id)
                    .fetch_all(&db.pool)
                    .await?,
                    tags: sqlx::query_scalar("SELECT tag FROM fiche_tags WHERE fiche_id = $1")
                        .bind(id)
                        .fetch_all(&db.pool)
                        .await?,
                    terms: sqlx::query_scalar("SELECT term FROM fiche_terms WHERE fiche_id = $1")
                        .bind(id)
                        .fetch_all(&db.pool)
                        .await?,
                },
                None => Keys::default(),
            };
            let mut catalogue = self.write();
            match row {
                Some(row) => catalogue.insert(row, keys, |terms, slot, term| {
                    terms.add(slot, term);
                }),
                None => catalogue.remove(id),
            }
            catalogue.needs_compaction()
        };
        if compact {
            self.rebuild(db).await?;
        }
        Ok(())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Catalogue> {
        // Each change is one push or one assignment: a panic while holding the lock leaves a
        // consistent catalogue, so a poisoned lock is safe to keep using.
        self.catalogue
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Catalogue> {
        self.catalogue
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many fiches the index holds.
    pub fn len(&self) -> usize {
        self.read().slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Roughly how much memory the index holds, in bytes (for the benchmark's report).
    pub fn approx_bytes(&self) -> usize {
        let catalogue = self.read();
        let entries: usize = catalogue.entries.capacity() * std::mem::size_of::<Option<Entry>>()
            + catalogue
                .entries
                .iter()
                .flatten()
                .map(|e| e.fields.len() * 8 + e.tags.len() * 4)
                .sum::<usize>();
        let strings: usize = catalogue.strings.iter().map(|s| s.len() * 2 + 40).sum();
        catalogue.terms.approx_bytes() + entries + strings + catalogue.slot_of.capacity() * 16
    }

    /// The fiches matching `query` (its words in French or English — a word matches by either
    /// stem —, then every filter): page `query.page` of `per_page`, newest publication first.
    pub fn browse(&self, query: &BrowseQuery, per_page: usize) -> Page {
        let catalogue = self.read();
        let words: Vec<Vec<u32>> = query
            .q
            .as_deref()
            .map(text::bilingual_words)
            .unwrap_or_default()
            .iter()
            .map(|(french, english)| {
                [french, english]
                    .into_iter()
                    .filter_map(|stem| catalogue.terms.get(stem))
                    .collect()
            })
            .collect();
        let filters = Filters::of(query, &catalogue);
        let pass = |entry: &&Entry| filters.pass(entry);
        let mut matches: Vec<(i64, i64)> = match catalogue.terms.matching(&words) {
            Some(slots) => slots
                .into_iter()
                .filter_map(|s| catalogue.entries[s as usize].as_ref())
                .filter(pass)
                .map(|e| (e.published_at, e.id))
                .collect(),
            None => catalogue
                .entries
                .iter()
                .flatten()
                .filter(pass)
                .map(|e| (e.published_at, e.id))
                .collect(),
        };
        let total = matches.len() as i64;
        let end = usize::try_from(query.page_number().get())
            .unwrap_or(usize::MAX)
            .saturating_mul(per_page);
        let start = end.saturating_sub(per_page);
        if start >= matches.len() {
            return Page { ids: vec![], total };
        }
        let newest = |a: &(i64, i64), b: &(i64, i64)| b.cmp(a);
        // Only the first `end` need ordering: select them, then sort that part.
        if end < matches.len() {
            matches.select_nth_unstable_by(end, newest);
            matches.truncate(end);
        }
        matches.sort_unstable_by(newest);
        Page {
            ids: matches[start..].iter().map(|(_, id)| *id).collect(),
            total,
        }
    }

    /// Countries of the published catalogue, sorted (the browse filter's choices).
    pub fn countries(&self) -> Vec<String> {
        self.read().distinct(|e| e.country)
    }

    /// Cities of the published catalogue as fiches spell them, sorted, at most `limit` (the
    /// city field's suggestions).
    pub fn cities(&self, limit: usize) -> Vec<String> {
        let mut cities = self.read().distinct(|e| e.city);
        cities.truncate(limit);
        cities
    }
}

/// Live topic of published fiches (each process's index reloads the fiche); payload
/// [`FicheEvent`]. The index owns it: it is the only reader.
pub const FICHE_TOPIC: &str = "innovation.fiche";

/// A fiche was published (first or again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FicheEvent {
    pub fiche_id: i64,
}

/// After published fiche `id` changed in the database: reload it here, and tell the other
/// processes.
pub async fn fiche_changed(app: &AppState, id: i64) {
    match FicheIndex::of(app) {
        Ok(index) => index_follower::changed(app, index, id).await,
        Err(missing) => {
            tracing::error!(%missing, fiche = id, "catalogue index: fiche not reloaded")
        }
    }
}

impl FollowedIndex for FicheIndex {
    const NAME: &'static str = "catalogue index";
    const TOPIC: &'static str = FICHE_TOPIC;

    fn changed_id(message: &LiveMessage) -> Option<i64> {
        message
            .read::<FicheEvent>(FICHE_TOPIC)
            .map(|event| event.fiche_id)
    }

    fn payload(id: i64) -> serde_json::Value {
        serde_json::json!(FicheEvent { fiche_id: id })
    }

    async fn reload(&self, db: &Db, id: i64) -> Result<(), sqlx::Error> {
        FicheIndex::reload(self, db, id).await
    }

    async fn rebuild(&self, db: &Db) -> Result<(), sqlx::Error> {
        FicheIndex::rebuild(self, db).await
    }
}
