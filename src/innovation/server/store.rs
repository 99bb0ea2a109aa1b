//! Fiches in the database: the working copy (JSON of the form), revisions snapshotted at each
//! submission with their HTML rendered once, editorial reviews, and the catalogue row of the
//! published revision that browsing filters on.

use crate::{
    i18n::Locale,
    innovation::{
        browse::{BrowseQuery, PER_PAGE},
        community::FicheRef,
        types::{FicheInput, FicheState, FicheSummary, FicheView, Maturity, ReviewAction, ReviewEntry, RevisionRef},
    },
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        markdown,
    },
};
use sqlx::Row;

fn decode(json: &str) -> Result<FicheInput, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn encode(input: &FicheInput) -> Result<String, sqlx::Error> {
    serde_json::to_string(input).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

fn state(code: &str) -> Result<FicheState, sqlx::Error> {
    FicheState::parse(code).ok_or_else(|| sqlx::Error::Decode(format!("unknown fiche state {code}").into()))
}

/// A fiche's keys and working copy.
pub struct FicheRow {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub state: FicheState,
    pub working: FicheInput,
    pub published_revision_id: Option<i64>,
}

pub async fn find(db: &Db, id: i64) -> Result<Option<FicheRow>, sqlx::Error> {
    let row = sqlx::query("SELECT f.id, f.author_id, u.display_name, f.state, f.working, f.published_revision_id FROM fiches f JOIN users u ON u.id = f.author_id WHERE f.id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| {
        Ok(FicheRow {
            id: r.try_get("id")?,
            author_id: r.try_get("author_id")?,
            author: r.try_get("display_name")?,
            state: state(&r.try_get::<String, _>("state")?)?,
            working: decode(&r.try_get::<String, _>("working")?)?,
            published_revision_id: r.try_get("published_revision_id")?,
        })
    })
    .transpose()
}

pub async fn create(db: &Db, author: i64, input: &FicheInput) -> Result<i64, sqlx::Error> {
    let at = now();
    let row = sqlx::query("INSERT INTO fiches (author_id, state, working, created_at, updated_at) VALUES ($1, 'draft', $2, $3, $3) RETURNING id")
        .bind(author)
        .bind(encode(input)?)
        .bind(at)
        .fetch_one(&db.pool)
        .await?;
    row.try_get("id")
}

/// Saves the working copy, which becomes a draft again; false when the fiche is under review.
pub async fn update(db: &Db, id: i64, input: &FicheInput) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE fiches SET working = $1, state = 'draft', updated_at = $2 WHERE id = $3 AND state <> 'submitted'")
        .bind(encode(input)?)
        .bind(now())
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Snapshots the working copy as a new revision and puts the fiche under review, all or
/// nothing; false when it was not in a state the author may submit from.
pub async fn submit(db: &Db, id: i64, author: i64) -> Result<bool, sqlx::Error> {
    let Some(fiche) = find(db, id).await? else { return Ok(false) };
    let content = &fiche.working;
    let at = now();
    let mut tx = db.pool.begin().await?;
    let moved = sqlx::query("UPDATE fiches SET state = 'submitted', updated_at = $1 WHERE id = $2 AND state IN ('draft', 'changes_requested', 'rejected')")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if !moved {
        return Ok(false);
    }
    let number: i64 = sqlx::query("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM fiche_revisions WHERE fiche_id = $1").bind(id).fetch_one(&mut *tx).await?.try_get("n")?;
    sqlx::query("INSERT INTO fiche_revisions (fiche_id, number, author_id, content, body_html, results_html, lessons_html, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id)
        .bind(number)
        .bind(author)
        .bind(encode(content)?)
        .bind(markdown::render(&content.body))
        .bind(markdown::render(&content.results))
        .bind(markdown::render(&content.lessons))
        .bind(at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Records an editor's decision on the submitted revision; publishing makes it the one
/// readers see. False when the fiche was no longer under review.
pub async fn review(db: &Db, id: i64, editor: i64, action: ReviewAction, comment: &str, acknowledged: bool) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let next = match action {
        ReviewAction::Comment => "submitted",
        ReviewAction::RequestChanges => "changes_requested",
        ReviewAction::Reject => "rejected",
        ReviewAction::Publish => "published",
    };
    let moved =
        sqlx::query("UPDATE fiches SET state = $1, updated_at = $2 WHERE id = $3 AND state = 'submitted'").bind(next).bind(at).bind(id).execute(&mut *tx).await?.rows_affected()
            == 1;
    if !moved {
        return Ok(false);
    }
    let revision = sqlx::query("SELECT id, content FROM fiche_revisions WHERE fiche_id = $1 ORDER BY number DESC LIMIT 1").bind(id).fetch_one(&mut *tx).await?;
    let revision_id: i64 = revision.try_get("id")?;
    sqlx::query("INSERT INTO fiche_reviews (fiche_id, revision_id, editor_id, action, comment, acknowledged, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(revision_id)
        .bind(editor)
        .bind(action.code())
        .bind(comment)
        .bind(i64::from(acknowledged))
        .bind(at)
        .execute(&mut *tx)
        .await?;
    if action == ReviewAction::Publish {
        let content = decode(&revision.try_get::<String, _>("content")?)?;
        sqlx::query("UPDATE fiche_revisions SET published_at = $1 WHERE id = $2").bind(at).bind(revision_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE fiches SET published_revision_id = $1 WHERE id = $2").bind(revision_id).bind(id).execute(&mut *tx).await?;
        let field_ids = format!(" {} ", content.fields.iter().map(i64::to_string).collect::<Vec<_>>().join(" "));
        let keys = CatalogueKeys::of(&content);
        sqlx::query(
            "INSERT INTO fiche_catalogue (fiche_id, language, title, summary, city, country, maturity, field_ids, tags, search_terms, published_at, city_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (fiche_id) DO UPDATE SET language = excluded.language, title = excluded.title, \
             summary = excluded.summary, city = excluded.city, country = excluded.country, maturity = excluded.maturity, field_ids = excluded.field_ids, \
             tags = excluded.tags, search_terms = excluded.search_terms, published_at = excluded.published_at, city_key = excluded.city_key",
        )
        .bind(id)
        .bind(&content.language)
        .bind(&content.title)
        .bind(&content.summary)
        .bind(&content.city)
        .bind(&content.country)
        .bind(&content.maturity)
        .bind(field_ids)
        .bind(keys.tags)
        .bind(keys.search_terms)
        .bind(at)
        .bind(keys.city_key)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// What the catalogue matches a published fiche by, each folded by `server::text`.
struct CatalogueKeys {
    /// French and English search terms of its texts.
    search_terms: String,
    /// Its tags, folded, as ", tag, other, " (a tag is found with `LIKE '%, tag, %'`).
    tags: String,
    /// Its city, folded: the browse filter and city follows compare this.
    city_key: String,
}

impl CatalogueKeys {
    fn of(content: &FicheInput) -> CatalogueKeys {
        let texts = [&content.title, &content.summary, &content.body, &content.results, &content.lessons, &content.city, &content.country, &content.tags];
        CatalogueKeys {
            search_terms: crate::server::text::bilingual_stored(&texts.map(|t| t.as_str()).join(" ")),
            tags: format!(", {}, ", content.tags.split(',').map(crate::server::text::key).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(", ")),
            city_key: crate::server::text::key(&content.city),
        }
    }
}

/// Recomputes what the catalogue matches every published fiche by, in one transaction
/// (after the text normalisation changed; see `server::text_rebuild`). Returns how many.
pub async fn index_catalogue(db: &Db) -> Result<usize, sqlx::Error> {
    let rows = sqlx::query("SELECT c.fiche_id, r.content FROM fiche_catalogue c JOIN fiches f ON f.id = c.fiche_id JOIN fiche_revisions r ON r.id = f.published_revision_id")
        .fetch_all(&db.pool)
        .await?;
    let mut tx = db.pool.begin().await?;
    for row in &rows {
        let keys = CatalogueKeys::of(&decode(&row.try_get::<String, _>("content")?)?);
        sqlx::query("UPDATE fiche_catalogue SET search_terms = $1, tags = $2, city_key = $3 WHERE fiche_id = $4")
            .bind(keys.search_terms)
            .bind(keys.tags)
            .bind(keys.city_key)
            .bind(row.try_get::<i64, _>("fiche_id")?)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Innovation field names by id, in `locale`.
pub async fn field_names(db: &Db, locale: Locale) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name_fr, name_en FROM innovation_fields WHERE archived_at IS NULL ORDER BY id").fetch_all(&db.pool).await?;
    rows.into_iter().map(|r| Ok((r.try_get("id")?, r.try_get(if locale == Locale::En { "name_en" } else { "name_fr" })?))).collect()
}

/// The names of field `ids`, from `field_names`.
pub fn names(ids: &[i64], fields: &[(i64, String)]) -> Vec<String> {
    ids.iter().filter_map(|id| fields.iter().find(|(f, _)| f == id).map(|(_, n)| n.clone())).collect()
}

/// The published revision of fiche `id`, as readers see it.
pub async fn published(db: &Db, id: i64, locale: Locale) -> Result<Option<FicheView>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT r.id, r.content, r.body_html, r.results_html, r.lessons_html, r.published_at, u.display_name, f.translation_of, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM fiches t WHERE t.translation_of = f.id) THEN 1 ELSE 0 END AS BIGINT) AS translated FROM fiches f \
         JOIN fiche_revisions r ON r.id = f.published_revision_id JOIN users u ON u.id = f.author_id WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let content = decode(&row.try_get::<String, _>("content")?)?;
    let fields = field_names(db, locale).await?;
    Ok(Some(FicheView {
        id,
        revision: row.try_get("id")?,
        translation_of: row.try_get("translation_of")?,
        translated: row.try_get::<i64, _>("translated")? == 1,
        language: content.language.clone(),
        title: content.title.clone(),
        summary: content.summary.clone(),
        body_html: row.try_get("body_html")?,
        fields: names(&content.fields, &fields),
        city: content.city.clone(),
        country: content.country.clone(),
        year_started: content.year_started.parse().ok(),
        maturity: Maturity::parse(&content.maturity).unwrap_or(Maturity::Idea),
        cost_range: content.cost_range.clone(),
        funding: content.funding.clone(),
        results_html: row.try_get("results_html")?,
        lessons_html: row.try_get("lessons_html")?,
        sources: content.sources.lines().map(str::to_string).collect(),
        contact: content.contact.clone(),
        tags: content.tags.split(", ").filter(|t| !t.is_empty()).map(str::to_string).collect(),
        interests: content.interests.clone(),
        author: row.try_get("display_name")?,
        published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
        published_shown: Default::default(),
    }))
}

/// When fiche `id` was first published (Unix seconds), if it ever was.
pub async fn first_published_at(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<i64>>("SELECT MIN(published_at) FROM fiche_revisions WHERE fiche_id = $1").bind(id).fetch_one(&db.pool).await
}

pub async fn revisions(db: &Db, id: i64, dates: &HumanDates) -> Result<Vec<RevisionRef>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.number, u.display_name, r.created_at, r.published_at FROM fiche_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.fiche_id = $1 ORDER BY r.number",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(RevisionRef {
                id: r.try_get("id")?,
                number: r.try_get("number")?,
                author: r.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                at: dates.instant(r.try_get("created_at")?),
                published: r.try_get::<Option<i64>, _>("published_at")?.is_some(),
            })
        })
        .collect()
}

pub async fn revision_content(db: &Db, fiche: i64, revision: i64) -> Result<Option<FicheInput>, sqlx::Error> {
    let row = sqlx::query("SELECT content FROM fiche_revisions WHERE id = $1 AND fiche_id = $2").bind(revision).bind(fiche).fetch_optional(&db.pool).await?;
    row.map(|r| decode(&r.try_get::<String, _>("content")?)).transpose()
}

pub async fn reviews(db: &Db, id: i64, dates: &HumanDates) -> Result<Vec<ReviewEntry>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT u.display_name, v.action, v.comment, v.at FROM fiche_reviews v LEFT JOIN users u ON u.id = v.editor_id WHERE v.fiche_id = $1 ORDER BY v.at, v.id")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    rows.into_iter()
        .map(|r| {
            let code: String = r.try_get("action")?;
            Ok(ReviewEntry {
                editor: r.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                action: ReviewAction::parse(&code).ok_or_else(|| sqlx::Error::Decode(format!("unknown review action {code}").into()))?,
                comment: r.try_get("comment")?,
                at: dates.instant(r.try_get("at")?),
            })
        })
        .collect()
}

/// Fiches by their working copy: an author's own (`author`), or those under review (`None`).
pub async fn desk_list(db: &Db, author: Option<i64>, locale: Locale) -> Result<Vec<FicheSummary>, sqlx::Error> {
    let rows = match author {
        Some(author) => sqlx::query("SELECT id, state, working FROM fiches WHERE author_id = $1 ORDER BY updated_at DESC, id DESC").bind(author).fetch_all(&db.pool).await?,
        None => sqlx::query("SELECT id, state, working FROM fiches WHERE state = 'submitted' ORDER BY updated_at, id").fetch_all(&db.pool).await?,
    };
    let fields = field_names(db, locale).await?;
    rows.into_iter()
        .map(|r| {
            let working = decode(&r.try_get::<String, _>("working")?)?;
            Ok(FicheSummary {
                id: r.try_get("id")?,
                fields: names(&working.fields, &fields),
                title: working.title,
                summary: working.summary,
                city: working.city,
                country: working.country,
                maturity: Maturity::parse(&working.maturity).unwrap_or(Maturity::Idea),
                language: working.language,
                state: state(&r.try_get::<String, _>("state")?)?,
            })
        })
        .collect()
}

/// The published catalogue, filtered, newest first.
pub async fn browse(db: &Db, query: &BrowseQuery, locale: Locale) -> Result<(Vec<FicheSummary>, i64), sqlx::Error> {
    let mut conditions = vec!["1 = 1".to_string()];
    let mut values: Vec<String> = Vec::new();
    // Each '?' of `sql` takes the next of `new` as a bound value.
    let mut push = |sql: &str, new: Vec<String>| {
        let mut sql = sql.to_string();
        for value in new {
            values.push(value);
            sql = sql.replacen('?', &format!("${}", values.len()), 1);
        }
        conditions.push(sql);
    };
    if let Some(field) = query.champ.as_deref().and_then(|f| f.parse::<i64>().ok()) {
        push("c.field_ids LIKE ?", vec![format!("% {field} %")]);
    }
    if let Some(country) = &query.pays {
        push("c.country = ?", vec![country.clone()]);
    }
    if let Some(city) = &query.ville {
        push("c.city_key = ?", vec![crate::server::text::key(city)]);
    }
    if let Some(maturity) = query.maturite.as_deref().and_then(Maturity::parse) {
        push("c.maturity = ?", vec![maturity.code().to_string()]);
    }
    if let Some(tag) = &query.tag {
        push("c.tags LIKE ?", vec![format!("%, {}, %", crate::server::text::key(tag))]);
    }
    if let Some(language) = query.langue.as_deref().filter(|l| matches!(*l, "fr" | "en")) {
        push("c.language = ?", vec![language.to_string()]);
    }
    let words = query.q.as_deref().map(crate::server::text::bilingual_words).unwrap_or_default();
    if let Some((condition, patterns)) = crate::server::text::terms_condition("c.search_terms", &words, values.len() + 1) {
        conditions.push(condition);
        values.extend(patterns);
    }
    let filter = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) AS n FROM fiche_catalogue c WHERE {filter}");
    let mut count = sqlx::query(&count_sql);
    for value in &values {
        count = count.bind(value.clone());
    }
    let total: i64 = count.fetch_one(&db.pool).await?.try_get("n")?;
    let select_sql = format!(
        "SELECT c.fiche_id, c.language, c.title, c.summary, c.city, c.country, c.maturity, c.field_ids FROM fiche_catalogue c WHERE {filter} \
         ORDER BY c.published_at DESC, c.fiche_id DESC LIMIT {PER_PAGE} OFFSET {}",
        query.page_number().offset(PER_PAGE)
    );
    let mut select = sqlx::query(&select_sql);
    for value in &values {
        select = select.bind(value.clone());
    }
    let fields = field_names(db, locale).await?;
    let rows = select.fetch_all(&db.pool).await?;
    let list = rows
        .into_iter()
        .map(|r| {
            let ids: Vec<i64> = r.try_get::<String, _>("field_ids")?.split_whitespace().filter_map(|n| n.parse().ok()).collect();
            Ok(FicheSummary {
                id: r.try_get("fiche_id")?,
                title: r.try_get("title")?,
                summary: r.try_get("summary")?,
                city: r.try_get("city")?,
                country: r.try_get("country")?,
                maturity: Maturity::parse(&r.try_get::<String, _>("maturity")?).unwrap_or(Maturity::Idea),
                language: r.try_get("language")?,
                state: FicheState::Published,
                fields: names(&ids, &fields),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((list, total))
}

/// Cities of the published catalogue, for the browse filter's suggestions.
pub async fn cities(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT DISTINCT city FROM fiche_catalogue ORDER BY city LIMIT 2000").fetch_all(&db.pool).await?;
    rows.into_iter().map(|r| r.try_get("city")).collect()
}

/// Countries of the published catalogue, for the browse filter.
pub async fn countries(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT DISTINCT country FROM fiche_catalogue ORDER BY country").fetch_all(&db.pool).await?;
    rows.into_iter().map(|r| r.try_get("country")).collect()
}

pub async fn promo_terms(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT term FROM promo_terms ORDER BY term").fetch_all(&db.pool).await?;
    rows.into_iter().map(|r| r.try_get("term")).collect()
}

pub async fn add_promo_term(db: &Db, term: &str, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO promo_terms (term, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (term) DO NOTHING").bind(term).bind(by).bind(now()).execute(&db.pool).await?;
    Ok(())
}

/// A published fiche for exports: id, its published content, publication time, author name.
pub struct Published {
    pub id: i64,
    pub content: FicheInput,
    pub published_at: i64,
    pub author: String,
}

/// Published fiches, newest first; only those of `field` when given; at most `limit`.
pub async fn published_all(db: &Db, field: Option<i64>, limit: i64) -> Result<Vec<Published>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.fiche_id, r.content, c.published_at, u.display_name FROM fiche_catalogue c JOIN fiches f ON f.id = c.fiche_id \
         JOIN fiche_revisions r ON r.id = f.published_revision_id JOIN users u ON u.id = f.author_id \
         WHERE ($1 = '' OR c.field_ids LIKE $1) ORDER BY c.published_at DESC, c.fiche_id DESC LIMIT $2",
    )
    .bind(field.map(|f| format!("% {f} %")).unwrap_or_default())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Published {
                id: r.try_get("fiche_id")?,
                content: decode(&r.try_get::<String, _>("content")?)?,
                published_at: r.try_get("published_at")?,
                author: r.try_get("display_name")?,
            })
        })
        .collect()
}

/// Whether a published fiche is set in `city`, `country` (as fiches spell them).
pub async fn has_city(db: &Db, city: &str, country: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT fiche_id FROM fiche_catalogue WHERE city_key = $1 AND country = $2 LIMIT 1").bind(crate::server::text::key(city)).bind(country.trim()).fetch_optional(&db.pool).await?.is_some())
}

/// The fiche `id` translates (None: it is an original, or not linked).
pub async fn translation_of(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT translation_of FROM fiches WHERE id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(row.map(|r| r.try_get::<Option<i64>, _>("translation_of")).transpose()?.flatten())
}

/// Links fiche `id` as a translation of `original` (None: unlinks it); fiches that
/// translated `id` follow it to the new original, all or nothing.
pub async fn set_translation_of(db: &Db, id: i64, original: Option<i64>) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE fiches SET translation_of = $1 WHERE id = $2").bind(original).bind(id).execute(&mut *tx).await?;
    if let Some(original) = original {
        sqlx::query("UPDATE fiches SET translation_of = $1 WHERE translation_of = $2").bind(original).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// A row of fiche_catalogue `c` as a `FicheRef`.
fn fiche_ref(r: &sqlx::any::AnyRow) -> Result<FicheRef, sqlx::Error> {
    Ok(FicheRef {
        fiche: r.try_get("fiche_id")?,
        language: r.try_get("language")?,
        title: r.try_get("title")?,
        place: format!("{}, {}", r.try_get::<String, _>("city")?, r.try_get::<String, _>("country")?),
    })
}

/// The other published languages of `fiche`: its original and the original's translations
/// (lookups by key, and none for a fiche without any: the fiche page reads this on every view).
pub async fn translations(db: &Db, fiche: &FicheView) -> Result<Vec<FicheRef>, sqlx::Error> {
    if fiche.translation_of.is_none() && !fiche.translated {
        return Ok(Vec::new());
    }
    let (id, root) = (fiche.id, fiche.translation_of.unwrap_or(fiche.id));
    let columns = "c.fiche_id, c.language, c.title, c.city, c.country";
    let mut rows = sqlx::query(&format!("SELECT {columns} FROM fiches f JOIN fiche_catalogue c ON c.fiche_id = f.id WHERE f.translation_of = $1 AND f.id <> $2"))
        .bind(root)
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    if root != id {
        rows.extend(sqlx::query(&format!("SELECT {columns} FROM fiche_catalogue c WHERE c.fiche_id = $1")).bind(root).fetch_optional(&db.pool).await?);
    }
    let mut list = rows.iter().map(fiche_ref).collect::<Result<Vec<_>, _>>()?;
    list.sort_by(|a, b| (&a.language, a.fiche).cmp(&(&b.language, b.fiche)));
    Ok(list)
}

/// How many related fiches a fiche page lists.
const RELATED: usize = 4;

/// The related fiches stored for fiche `id`, closest first: their ids by key, then their
/// rows by key (a join let PostgreSQL scan the whole catalogue).
pub async fn related(db: &Db, id: i64) -> Result<Vec<FicheRef>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query("SELECT related_id FROM fiche_related WHERE fiche_id = $1 ORDER BY rank")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("related_id"))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT c.fiche_id, c.language, c.title, c.city, c.country FROM fiche_catalogue c WHERE c.fiche_id IN ({})", crate::server::db::id_list(&ids));
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    let mut found = rows.iter().map(fiche_ref).collect::<Result<Vec<_>, _>>()?;
    found.sort_by_key(|f| ids.iter().position(|id| *id == f.fiche));
    Ok(found)
}

/// Recomputes the related fiches of published fiche `id` (shared tags count 3, fields 2, the
/// country 1; its own translations left out), then of each fiche it now lists, so a new fiche
/// also appears beside its neighbours. Returns false when `id` is not published.
pub async fn refresh_related(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let Some(listed) = compute_related(db, id).await? else { return Ok(false) };
    for other in listed {
        compute_related(db, other).await?;
    }
    Ok(true)
}

/// Computes and stores the related fiches of `id`; None when it is not published.
async fn compute_related(db: &Db, id: i64) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let Some(row) = sqlx::query("SELECT field_ids, tags, country FROM fiche_catalogue WHERE fiche_id = $1").bind(id).fetch_optional(&db.pool).await? else { return Ok(None) };
    let tags: Vec<String> = row.try_get::<String, _>("tags")?.split(", ").map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%, {t}, %")).collect();
    let fields: Vec<String> = row.try_get::<String, _>("field_ids")?.split_whitespace().map(|f| format!("% {f} %")).collect();
    let country: String = row.try_get("country")?;
    // Each '$n' of the score and the filter takes the next bound value.
    let mut values: Vec<String> = vec![country];
    let mut score = vec!["CASE WHEN c.country = $1 THEN 1 ELSE 0 END".to_string()];
    let mut any = Vec::new();
    for (column, weight, patterns) in [("c.tags", 3, &tags), ("c.field_ids", 2, &fields)] {
        for pattern in patterns {
            values.push(pattern.clone());
            score.push(format!("CASE WHEN {column} LIKE ${n} THEN {weight} ELSE 0 END", n = values.len()));
            any.push(format!("{column} LIKE ${}", values.len()));
        }
    }
    if any.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let root = translation_of(db, id).await?.unwrap_or(id);
    let sql = format!(
        "SELECT c.fiche_id, f.translation_of, {} AS score FROM fiche_catalogue c JOIN fiches f ON f.id = c.fiche_id \
         WHERE c.fiche_id <> {id} AND ({}) ORDER BY score DESC, c.published_at DESC, c.fiche_id DESC LIMIT {}",
        score.join(" + "),
        any.join(" OR "),
        RELATED * 3
    );
    let rows = values.iter().fold(sqlx::query(&sql), |q, v| q.bind(v.clone())).fetch_all(&db.pool).await?;
    let mut listed = Vec::new();
    for r in rows {
        let (other, original): (i64, Option<i64>) = (r.try_get("fiche_id")?, r.try_get("translation_of")?);
        if other != root && original != Some(root) && listed.len() < RELATED {
            listed.push(other);
        }
    }
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM fiche_related WHERE fiche_id = $1").bind(id).execute(&mut *tx).await?;
    for (rank, other) in listed.iter().enumerate() {
        sqlx::query("INSERT INTO fiche_related (fiche_id, related_id, rank) VALUES ($1, $2, $3)").bind(id).bind(other).bind(rank as i64).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Some(listed))
}
