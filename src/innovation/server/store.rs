//! Fiches in the database: the working copy (JSON of the form), revisions snapshotted at each
//! submission with their HTML rendered once, editorial reviews, and the catalogue row of the
//! published revision that browsing filters on.

use super::fiche_index::FicheIndex;
use crate::{
    i18n::Locale,
    innovation::{
        browse::{BrowseQuery, PER_PAGE},
        community::FicheRef,
        types::{
            FicheInput, FicheState, FicheSummary, FicheView, Maturity, ReviewAction, ReviewEntry,
            RevisionRef,
        },
    },
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        markdown,
        sql::{insert_pairs, Sql},
    },
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// A fiche's form as stored (`fiches.working`, `fiche_revisions.content`): JSON text, read
/// back as a row field.
impl sqlx::Type<sqlx::Any> for FicheInput {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <String as sqlx::Type<sqlx::Any>>::type_info()
    }

    fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
        <String as sqlx::Type<sqlx::Any>>::compatible(ty)
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Any> for FicheInput {
    fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<FicheInput, sqlx::error::BoxDynError> {
        Ok(serde_json::from_str(<&str as sqlx::Decode<
            'r,
            sqlx::Any,
        >>::decode(value)?)?)
    }
}

fn decode(json: String) -> Result<FicheInput, sqlx::Error> {
    serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn encode(input: &FicheInput) -> Result<String, sqlx::Error> {
    serde_json::to_string(input).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// A fiche's keys and working copy.
#[derive(sqlx::FromRow)]
pub struct FicheRow {
    pub id: i64,
    pub author_id: i64,
    #[sqlx(rename = "display_name")]
    pub author: String,
    pub state: FicheState,
    pub working: FicheInput,
    pub published_revision_id: Option<i64>,
}

pub async fn find(db: &Db, id: i64) -> Result<Option<FicheRow>, sqlx::Error> {
    sqlx::query_as("SELECT f.id, f.author_id, u.display_name, f.state, f.working, f.published_revision_id FROM fiches f JOIN users u ON u.id = f.author_id WHERE f.id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

pub async fn create(db: &Db, author: i64, input: &FicheInput) -> Result<i64, sqlx::Error> {
    let at = now();
    sqlx::query_scalar("INSERT INTO fiches (author_id, state, working, created_at, updated_at) VALUES ($1, 'draft', $2, $3, $3) RETURNING id")
        .bind(author)
        .bind(encode(input)?)
        .bind(at)
        .fetch_one(&db.pool)
        .await
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
    let Some(fiche) = find(db, id).await? else {
        return Ok(false);
    };
    let content = &fiche.working;
    let at = now();
    let mut tx = db.begin_write().await?;
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
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM fiche_revisions WHERE fiche_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
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
pub async fn review(
    db: &Db,
    id: i64,
    editor: i64,
    action: ReviewAction,
    comment: &str,
    acknowledged: bool,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let next = match action {
        ReviewAction::Comment => "submitted",
        ReviewAction::RequestChanges => "changes_requested",
        ReviewAction::Reject => "rejected",
        ReviewAction::Publish => "published",
    };
    let moved = sqlx::query(
        "UPDATE fiches SET state = $1, updated_at = $2 WHERE id = $3 AND state = 'submitted'",
    )
    .bind(next)
    .bind(at)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !moved {
        return Ok(false);
    }
    let (revision_id, content): (i64, String) = sqlx::query_as(
        "SELECT id, content FROM fiche_revisions WHERE fiche_id = $1 ORDER BY number DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
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
        let content = decode(content)?;
        sqlx::query("UPDATE fiche_revisions SET published_at = $1 WHERE id = $2")
            .bind(at)
            .bind(revision_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE fiches SET published_revision_id = $1 WHERE id = $2")
            .bind(revision_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO fiche_catalogue (fiche_id, language, title, summary, city, country, maturity, published_at, city_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (fiche_id) DO UPDATE SET language = excluded.language, title = excluded.title, \
             summary = excluded.summary, city = excluded.city, country = excluded.country, maturity = excluded.maturity, \
             published_at = excluded.published_at, city_key = excluded.city_key",
        )
        .bind(id)
        .bind(&content.language)
        .bind(&content.title)
        .bind(&content.summary)
        .bind(&content.city)
        .bind(&content.country)
        .bind(Maturity::try_from(content.maturity.as_str())?.code())
        .bind(at)
        .bind(crate::server::text::key(&content.city))
        .execute(&mut *tx)
        .await?;
        write_relations(&mut tx, id, &CatalogueKeys::of(&content)).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// What the catalogue matches a published fiche by, each folded by `server::text`.
struct CatalogueKeys {
    /// Its fields' ids (`fiche_fields`).
    fields: Vec<i64>,
    /// Its tags, each folded to its key (`fiche_tags`).
    tags: Vec<String>,
    /// French and English search terms of its texts (`fiche_terms`).
    terms: Vec<String>,
}

impl CatalogueKeys {
    fn of(content: &FicheInput) -> CatalogueKeys {
        let texts = [
            &content.title,
            &content.summary,
            &content.body,
            &content.results,
            &content.lessons,
            &content.city,
            &content.country,
            &content.tags,
        ];
        let mut fields = content.fields.clone();
        fields.sort_unstable();
        fields.dedup();
        let mut tags: Vec<String> = Vec::new();
        for tag in content
            .tags
            .split(',')
            .map(crate::server::text::key)
            .filter(|t| !t.is_empty())
        {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        CatalogueKeys {
            fields,
            tags,
            terms: crate::server::text::bilingual_terms(&texts.map(|t| t.as_str()).join(" ")),
        }
    }
}

/// Replaces the fields, tags and search terms of published fiche `id` with `keys`.
async fn write_relations(
    conn: &mut AnyConnection,
    id: i64,
    keys: &CatalogueKeys,
) -> Result<(), sqlx::Error> {
    for table in ["fiche_fields", "fiche_tags", "fiche_terms"] {
        Sql::new(&format!("DELETE FROM {table} WHERE fiche_id = "))
            .push_bind(id)
            .query()
            .execute(&mut *conn)
            .await?;
    }
    insert_pairs(
        conn,
        "fiche_fields (fiche_id, field_id)",
        keys.fields.iter().map(|f| (id.into(), (*f).into())),
    )
    .await?;
    insert_pairs(
        conn,
        "fiche_tags (fiche_id, tag)",
        keys.tags.iter().map(|t| (id.into(), t.into())),
    )
    .await?;
    insert_pairs(
        conn,
        "fiche_terms (fiche_id, term)",
        keys.terms.iter().map(|t| (id.into(), t.into())),
    )
    .await
}

/// Recomputes what the catalogue matches every published fiche by (city key, fields, tags,
/// search terms), in one transaction (after the text normalisation changed; see
/// `server::text_rebuild`). Returns how many.
pub async fn index_catalogue(db: &Db) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT c.fiche_id, r.content FROM fiche_catalogue c JOIN fiches f ON f.id = c.fiche_id JOIN fiche_revisions r ON r.id = f.published_revision_id")
            .fetch_all(&db.pool)
            .await?;
    let count = rows.len();
    let mut tx = db.begin_write().await?;
    for (id, content) in rows {
        let content = decode(content)?;
        sqlx::query("UPDATE fiche_catalogue SET city_key = $1 WHERE fiche_id = $2")
            .bind(crate::server::text::key(&content.city))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_relations(&mut tx, id, &CatalogueKeys::of(&content)).await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// Innovation field names by id, in `locale`.
pub async fn field_names(db: &Db, locale: Locale) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name_fr, name_en FROM innovation_fields WHERE archived_at IS NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, fr, en)| (id, if locale == Locale::En { en } else { fr }))
        .collect())
}

/// The names of field `ids`, from `field_names`.
pub fn names(ids: &[i64], fields: &[(i64, String)]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| fields.iter().find(|(f, _)| f == id).map(|(_, n)| n.clone()))
        .collect()
}

/// A row of [`published_page`]: the fiche's published revision, once per field of it (the
/// field's names, None when it has none or the field is archived).
#[derive(sqlx::FromRow)]
struct PublishedRow {
    revision: i64,
    content: FicheInput,
    body_html: String,
    results_html: String,
    lessons_html: String,
    published_at: Option<i64>,
    first_published_at: Option<i64>,
    author: String,
    translation_of: Option<i64>,
    translated: i64,
    name_fr: Option<String>,
    name_en: Option<String>,
}

/// The published revision of fiche `id`, as readers see it.
pub async fn published(db: &Db, id: i64, locale: Locale) -> Result<Option<FicheView>, sqlx::Error> {
    Ok(published_page(db, id, locale).await?.map(|(view, _)| view))
}

/// The published revision of fiche `id`, as readers see it, with when the fiche was first
/// published (Unix seconds): one query, its fields' names joined.
pub async fn published_page(
    db: &Db,
    id: i64,
    locale: Locale,
) -> Result<Option<(FicheView, i64)>, sqlx::Error> {
    let rows: Vec<PublishedRow> = sqlx::query_as(
        "SELECT r.id AS revision, r.content, r.body_html, r.results_html, r.lessons_html, r.published_at, \
         (SELECT MIN(p.published_at) FROM fiche_revisions p WHERE p.fiche_id = f.id) AS first_published_at, u.display_name AS author, f.translation_of, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM fiches t WHERE t.translation_of = f.id) THEN 1 ELSE 0 END AS BIGINT) AS translated, i.name_fr, i.name_en \
         FROM fiches f JOIN fiche_revisions r ON r.id = f.published_revision_id JOIN users u ON u.id = f.author_id \
         LEFT JOIN fiche_fields ff ON ff.fiche_id = f.id LEFT JOIN innovation_fields i ON i.id = ff.field_id AND i.archived_at IS NULL \
         WHERE f.id = $1 ORDER BY ff.field_id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let fields: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            if locale == Locale::En {
                r.name_en.clone()
            } else {
                r.name_fr.clone()
            }
        })
        .collect();
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let content = row.content;
    let published_at = row.published_at.unwrap_or(0);
    // Each image offered in its widths (`image_widths`).
    let (body_html, results_html, lessons_html) = tokio::try_join!(
        super::image_widths::with_widths(db, row.body_html),
        super::image_widths::with_widths(db, row.results_html),
        super::image_widths::with_widths(db, row.lessons_html),
    )?;
    let view = FicheView {
        id,
        revision: row.revision,
        translation_of: row.translation_of,
        translated: row.translated == 1,
        maturity: Maturity::try_from(content.maturity.as_str())?,
        year_started: content.year_started.parse().ok(),
        sources: content.sources.lines().map(str::to_string).collect(),
        tags: content
            .tags
            .split(", ")
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        language: content.language,
        title: content.title,
        summary: content.summary,
        body_html,
        fields,
        city: content.city,
        country: content.country,
        cost_range: content.cost_range,
        funding: content.funding,
        results_html,
        lessons_html,
        contact: content.contact,
        interests: content.interests,
        author: row.author,
        published_at,
        published_shown: Default::default(),
    };
    Ok(Some((view, row.first_published_at.unwrap_or(published_at))))
}

/// A revision in a fiche's history.
#[derive(sqlx::FromRow)]
struct RevisionRow {
    id: i64,
    number: i64,
    display_name: Option<String>,
    created_at: i64,
    published_at: Option<i64>,
}

pub async fn revisions(
    db: &Db,
    id: i64,
    dates: &HumanDates,
) -> Result<Vec<RevisionRef>, sqlx::Error> {
    let rows: Vec<RevisionRow> = sqlx::query_as(
        "SELECT r.id, r.number, u.display_name, r.created_at, r.published_at FROM fiche_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.fiche_id = $1 ORDER BY r.number",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RevisionRef {
            id: r.id,
            number: r.number,
            author: r.display_name.unwrap_or_default(),
            at: dates.instant(r.created_at),
            published: r.published_at.is_some(),
        })
        .collect())
}

pub async fn revision_content(
    db: &Db,
    fiche: i64,
    revision: i64,
) -> Result<Option<FicheInput>, sqlx::Error> {
    let content: Option<String> =
        sqlx::query_scalar("SELECT content FROM fiche_revisions WHERE id = $1 AND fiche_id = $2")
            .bind(revision)
            .bind(fiche)
            .fetch_optional(&db.pool)
            .await?;
    content.map(decode).transpose()
}

/// An editor's decision, as [`reviews`] reads it.
#[derive(sqlx::FromRow)]
struct ReviewRow {
    display_name: Option<String>,
    action: ReviewAction,
    comment: String,
    at: i64,
}

pub async fn reviews(
    db: &Db,
    id: i64,
    dates: &HumanDates,
) -> Result<Vec<ReviewEntry>, sqlx::Error> {
    let rows: Vec<ReviewRow> =
        sqlx::query_as("SELECT u.display_name, v.action, v.comment, v.at FROM fiche_reviews v LEFT JOIN users u ON u.id = v.editor_id WHERE v.fiche_id = $1 ORDER BY v.at, v.id")
            .bind(id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReviewEntry {
            editor: r.display_name.unwrap_or_default(),
            action: r.action,
            comment: r.comment,
            at: dates.instant(r.at),
        })
        .collect())
}

/// A working copy, as [`desk_list`] reads it.
#[derive(sqlx::FromRow)]
struct DeskRow {
    id: i64,
    state: FicheState,
    working: FicheInput,
}

/// Fiches by their working copy: an author's own (`author`), or those under review (`None`).
pub async fn desk_list(
    db: &Db,
    author: Option<i64>,
    locale: Locale,
) -> Result<Vec<FicheSummary>, sqlx::Error> {
    let rows: Vec<DeskRow> = match author {
        Some(author) => sqlx::query_as("SELECT id, state, working FROM fiches WHERE author_id = $1 ORDER BY updated_at DESC, id DESC").bind(author).fetch_all(&db.pool).await?,
        None => sqlx::query_as("SELECT id, state, working FROM fiches WHERE state = 'submitted' ORDER BY updated_at, id").fetch_all(&db.pool).await?,
    };
    let fields = field_names(db, locale).await?;
    rows.into_iter()
        .map(|r| {
            let working = r.working;
            Ok(FicheSummary {
                id: r.id,
                fields: names(&working.fields, &fields),
                maturity: Maturity::try_from(working.maturity.as_str())?,
                title: working.title,
                summary: working.summary,
                city: working.city,
                country: working.country,
                language: working.language,
                state: r.state,
            })
        })
        .collect()
}

/// A catalogue row of [`browse`].
#[derive(sqlx::FromRow)]
struct CatalogueRow {
    fiche_id: i64,
    language: String,
    title: String,
    summary: String,
    city: String,
    country: String,
    maturity: Maturity,
}

/// The published catalogue, filtered, newest first: one page (matched in `index`, this
/// process's [`FicheIndex`]; its fiches and their field names in `locale` read from the
/// database by id) and the number of fiches the filter matches.
pub async fn browse(
    db: &Db,
    index: &FicheIndex,
    query: &BrowseQuery,
    locale: Locale,
) -> Result<(Vec<FicheSummary>, i64), sqlx::Error> {
    let page = index.browse(query, PER_PAGE as usize);
    if page.ids.is_empty() {
        return Ok((Vec::new(), page.total));
    }
    let mut select = Sql::new(
        "SELECT fiche_id, language, title, summary, city, country, maturity FROM fiche_catalogue WHERE fiche_id IN (",
    );
    select.push_binds(page.ids.iter().copied()).push(")");
    let (rows, mut fields): (Vec<CatalogueRow>, _) = tokio::try_join!(
        select.query_as().fetch_all(&db.pool),
        fields_of(db, &page.ids, locale)
    )?;
    let mut rows: HashMap<i64, CatalogueRow> = rows.into_iter().map(|r| (r.fiche_id, r)).collect();
    // In the index's order; a fiche gone from the table since the index read it is left out.
    let list = page
        .ids
        .iter()
        .filter_map(|id| rows.remove(id))
        .map(|r| FicheSummary {
            fields: fields.remove(&r.fiche_id).unwrap_or_default(),
            id: r.fiche_id,
            title: r.title,
            summary: r.summary,
            city: r.city,
            country: r.country,
            maturity: r.maturity,
            language: r.language,
            state: FicheState::Published,
        })
        .collect();
    Ok((list, page.total))
}

/// The names (in `locale`) of the fields of published fiches `ids`, by fiche, in field order;
/// archived fields left out.
async fn fields_of(
    db: &Db,
    ids: &[i64],
    locale: Locale,
) -> Result<std::collections::HashMap<i64, Vec<String>>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut sql = Sql::new("SELECT ff.fiche_id, ");
    sql.push(if locale == Locale::En { "i.name_en" } else { "i.name_fr" })
        .push(" FROM fiche_fields ff JOIN innovation_fields i ON i.id = ff.field_id AND i.archived_at IS NULL WHERE ff.fiche_id IN (")
        .push_binds(ids.iter().copied())
        .push(") ORDER BY ff.fiche_id, ff.field_id");
    sql.fetch_grouped(&db.pool).await
}

/// The field ids of each of `owners` in join table `table` (`thread_fields`, `member_fields`),
/// whose owner column is `owner`, in field order.
pub(super) async fn field_ids_of(
    db: &Db,
    table: &str,
    owner: &str,
    owners: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<i64>>, sqlx::Error> {
    if owners.is_empty() {
        return Ok(Default::default());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {owner}, field_id FROM {table} WHERE {owner} IN ("
    ));
    sql.push_binds(owners.iter().copied())
        .push(&format!(") ORDER BY {owner}, field_id"));
    sql.fetch_grouped(&db.pool).await
}

pub async fn promo_terms(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT term FROM promo_terms ORDER BY term")
        .fetch_all(&db.pool)
        .await
}

pub async fn add_promo_term(db: &Db, term: &str, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO promo_terms (term, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (term) DO NOTHING").bind(term).bind(by).bind(now()).execute(&db.pool).await?;
    Ok(())
}

/// A published fiche for exports: id, its published content, publication time, author name.
#[derive(sqlx::FromRow)]
pub struct Published {
    #[sqlx(rename = "fiche_id")]
    pub id: i64,
    pub content: FicheInput,
    pub published_at: i64,
    #[sqlx(rename = "display_name")]
    pub author: String,
}

/// Published fiches, newest first; only those of `field` when given; at most `limit`.
pub async fn published_all(
    db: &Db,
    field: Option<i64>,
    limit: i64,
) -> Result<Vec<Published>, sqlx::Error> {
    let mut sql = Sql::new(
        "SELECT c.fiche_id, r.content, c.published_at, u.display_name FROM fiche_catalogue c JOIN fiches f ON f.id = c.fiche_id \
         JOIN fiche_revisions r ON r.id = f.published_revision_id JOIN users u ON u.id = f.author_id",
    );
    if let Some(field) = field {
        sql.push(" WHERE c.fiche_id IN (SELECT fiche_id FROM fiche_fields WHERE field_id = ")
            .push_bind(field)
            .push(")");
    }
    sql.push(" ORDER BY c.published_at DESC, c.fiche_id DESC LIMIT ")
        .push_bind(limit);
    sql.query_as().fetch_all(&db.pool).await
}

/// Whether a published fiche is set in `city`, `country` (as fiches spell them).
pub async fn has_city(db: &Db, city: &str, country: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "SELECT fiche_id FROM fiche_catalogue WHERE city_key = $1 AND country = $2 LIMIT 1",
    )
    .bind(crate::server::text::key(city))
    .bind(country.trim())
    .fetch_optional(&db.pool)
    .await?
    .is_some())
}

/// The fiche `id` translates (None: it is an original, or not linked).
pub async fn translation_of(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let original: Option<Option<i64>> =
        sqlx::query_scalar("SELECT translation_of FROM fiches WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(original.flatten())
}

/// Links fiche `id` as a translation of `original` (None: unlinks it); fiches that
/// translated `id` follow it to the new original, all or nothing.
pub async fn set_translation_of(
    db: &Db,
    id: i64,
    original: Option<i64>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE fiches SET translation_of = $1 WHERE id = $2")
        .bind(original)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if let Some(original) = original {
        sqlx::query("UPDATE fiches SET translation_of = $1 WHERE translation_of = $2")
            .bind(original)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// A fiche listed beside another, as [`related`] and [`translations`] read it.
#[derive(sqlx::FromRow)]
struct NeighbourRow {
    fiche_id: i64,
    language: String,
    title: String,
    city: String,
    country: String,
}

impl From<NeighbourRow> for FicheRef {
    fn from(r: NeighbourRow) -> FicheRef {
        FicheRef {
            fiche: r.fiche_id,
            language: r.language,
            title: r.title,
            place: format!("{}, {}", r.city, r.country),
        }
    }
}

/// How many related fiches a fiche page lists.
const RELATED: usize = 4;

/// The related fiches stored for fiche `id` (`refresh_related`), closest first: one query by
/// key, which needs nothing of the fiche but its id, so the page reads it beside the fiche.
pub async fn related(db: &Db, id: i64) -> Result<Vec<FicheRef>, sqlx::Error> {
    let rows: Vec<NeighbourRow> = sqlx::query_as("SELECT c.fiche_id, c.language, c.title, c.city, c.country FROM fiche_related r JOIN fiche_catalogue c ON c.fiche_id = r.related_id WHERE r.fiche_id = $1 ORDER BY r.rank")
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(FicheRef::from).collect())
}

/// The other published languages of `fiche` (its original and the original's translations),
/// by language; no query for a fiche without translations (most of them).
pub async fn translations(db: &Db, fiche: &FicheView) -> Result<Vec<FicheRef>, sqlx::Error> {
    if fiche.translation_of.is_none() && !fiche.translated {
        return Ok(Vec::new());
    }
    let (id, root) = (fiche.id, fiche.translation_of.unwrap_or(fiche.id));
    let mut sql = Sql::new("SELECT c.fiche_id, c.language, c.title, c.city, c.country FROM fiches f JOIN fiche_catalogue c ON c.fiche_id = f.id WHERE f.translation_of = ");
    sql.push_bind(root).push(" AND f.id <> ").push_bind(id);
    if root != id {
        sql.push(" UNION ALL SELECT c.fiche_id, c.language, c.title, c.city, c.country FROM fiche_catalogue c WHERE c.fiche_id = ").push_bind(root);
    }
    let mut rows: Vec<NeighbourRow> = sql.query_as().fetch_all(&db.pool).await?;
    rows.sort_by(|a, b| (&a.language, a.fiche_id).cmp(&(&b.language, b.fiche_id)));
    Ok(rows.into_iter().map(FicheRef::from).collect())
}

/// Recomputes the related fiches of published fiche `id` (shared tags count 3, fields 2, the
/// country 1; its own translations left out), then of each fiche it now lists, so a new fiche
/// also appears beside its neighbours. Returns false when `id` is not published.
pub async fn refresh_related(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let Some(listed) = compute_related(db, id).await? else {
        return Ok(false);
    };
    for other in listed {
        compute_related(db, other).await?;
    }
    Ok(true)
}

/// A tag more published fiches hold than this says little about how close two of them are
/// (as a word in every document says nothing in a search): related fiches leave it out, and
/// each publication stops counting its holders at this many (`telling_tags`).
const TELLING_TAG_MAX_FICHES: i64 = 500;

/// The tags of published fiche `id` that at most [`TELLING_TAG_MAX_FICHES`] fiches hold;
/// each count stops at the cap.
async fn telling_tags(db: &Db, id: i64) -> Result<Vec<String>, sqlx::Error> {
    let tags: Vec<String> = sqlx::query_scalar("SELECT tag FROM fiche_tags WHERE fiche_id = $1")
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    let mut telling = Vec::with_capacity(tags.len());
    for tag in tags {
        let holders: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 AS one FROM fiche_tags WHERE tag = $1 LIMIT $2) capped",
        )
        .bind(&tag)
        .bind(TELLING_TAG_MAX_FICHES + 1)
        .fetch_one(&db.pool)
        .await?;
        if holders <= TELLING_TAG_MAX_FICHES {
            telling.push(tag);
        }
    }
    Ok(telling)
}

/// Computes and stores the related fiches of `id`; None when it is not published. A fiche
/// sharing a telling tag (`telling_tags`) or a field is a candidate; its score is 3 per
/// shared tag, 2 per shared field, 1 for the same country, through the tag and field indexes.
async fn compute_related(db: &Db, id: i64) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let Some(country) =
        sqlx::query_scalar::<_, String>("SELECT country FROM fiche_catalogue WHERE fiche_id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
    else {
        return Ok(None);
    };
    let root = translation_of(db, id).await?.unwrap_or(id);
    let tags = telling_tags(db, id).await?;
    let mut sql = Sql::new(
        "SELECT m.fiche_id, f.translation_of FROM (SELECT fiche_id, SUM(weight) AS score FROM (",
    );
    if !tags.is_empty() {
        sql.push("SELECT t.fiche_id, 3 AS weight FROM fiche_tags t WHERE t.tag IN (")
            .push_binds(tags)
            .push(") UNION ALL ");
    }
    sql.push("SELECT x.fiche_id, 2 AS weight FROM fiche_fields x WHERE x.field_id IN (SELECT field_id FROM fiche_fields WHERE fiche_id = ")
        .push_bind(id)
        .push(")) shared GROUP BY fiche_id) m JOIN fiche_catalogue c ON c.fiche_id = m.fiche_id JOIN fiches f ON f.id = m.fiche_id WHERE m.fiche_id <> ")
        .push_bind(id)
        .push(" ORDER BY m.score + CASE WHEN c.country = ")
        .push_bind(country)
        .push(" THEN 1 ELSE 0 END DESC, c.published_at DESC, c.fiche_id DESC LIMIT ")
        .push_bind((RELATED * 3) as i64);
    let rows: Vec<(i64, Option<i64>)> = sql.query_as().fetch_all(&db.pool).await?;
    let listed: Vec<i64> = rows
        .into_iter()
        .filter(|(other, original)| *other != root && *original != Some(root))
        .map(|(other, _)| other)
        .take(RELATED)
        .collect();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM fiche_related WHERE fiche_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    insert_ranked(&mut tx, id, &listed).await?;
    tx.commit().await?;
    Ok(Some(listed))
}

/// Stores `listed` as the related fiches of `id`, in rank order.
async fn insert_ranked(
    conn: &mut AnyConnection,
    id: i64,
    listed: &[i64],
) -> Result<(), sqlx::Error> {
    if listed.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::new("INSERT INTO fiche_related (fiche_id, related_id, rank) VALUES ");
    for (rank, other) in listed.iter().enumerate() {
        sql.push(if rank == 0 { "(" } else { ", (" })
            .push_bind(id)
            .push(", ")
            .push_bind(*other)
            .push(", ")
            .push_bind(rank as i64)
            .push(")");
    }
    sql.query().execute(conn).await?;
    Ok(())
}
