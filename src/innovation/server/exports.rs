//! The published catalogue outside the pages: open data (JSON and CSV, under the Licence
//! Ouverte 2.0) and Atom feeds (all, or one field; comments; discussions). Only published
//! revisions are read, so drafts, rejected versions and unpublished changes never leave.

use super::store::{self, Published};
use crate::{
    i18n::Locale,
    server::{feeds, state::AppState},
};
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

pub const LICENCE: &str = "Licence Ouverte / Open Licence 2.0";
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// The whole catalogue, however large it grows, in one export.
const EXPORT_MAX: i64 = 1_000_000;

fn failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "innovation export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

fn with_licence(mut response: Response) -> Response {
    if let Ok(value) = HeaderValue::from_str(&format!("<{LICENCE_URL}>; rel=\"license\"")) {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

fn record(state: &AppState, fiche: &Published, fields: &[(i64, String)]) -> serde_json::Value {
    let c = &fiche.content;
    serde_json::json!({
        "id": fiche.id,
        "url": state.config.public_link(&format!("/innovation/fiches/{}", fiche.id)),
        "language": c.language,
        "title": c.title,
        "summary": c.summary,
        "body_markdown": c.body,
        "fields": store::names(&c.fields, fields),
        "city": c.city,
        "country": c.country,
        "year_started": c.year_started.parse::<i64>().ok(),
        "maturity": c.maturity,
        "cost_range": c.cost_range,
        "funding": c.funding,
        "results_markdown": c.results,
        "lessons_markdown": c.lessons,
        "sources": c.sources.lines().collect::<Vec<_>>(),
        "contact": c.contact,
        "tags": c.tags.split(", ").filter(|t| !t.is_empty()).collect::<Vec<_>>(),
        "declaration_of_interests": c.interests,
        "author": fiche.author,
        "published_at": feeds::rfc3339(fiche.published_at),
    })
}

pub async fn json(State(state): State<AppState>) -> Response {
    let (fiches, fields) = match (
        store::published_all(&state.db, None, EXPORT_MAX).await,
        store::field_names(&state.db, Locale::En).await,
    ) {
        (Ok(f), Ok(n)) => (f, n),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    let body = serde_json::json!({
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "count": fiches.len(),
        "fiches": fiches.iter().map(|f| record(&state, f, &fields)).collect::<Vec<_>>(),
    });
    with_licence(
        (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body.to_string(),
        )
            .into_response(),
    )
}

pub async fn csv(State(state): State<AppState>) -> Response {
    let (fiches, fields) = match (
        store::published_all(&state.db, None, EXPORT_MAX).await,
        store::field_names(&state.db, Locale::En).await,
    ) {
        (Ok(f), Ok(n)) => (f, n),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    let mut writer = crate::server::csv_export::SpreadsheetCsv::default();
    let columns = [
        "id",
        "url",
        "language",
        "title",
        "summary",
        "fields",
        "city",
        "country",
        "year_started",
        "maturity",
        "cost_range",
        "funding",
        "sources",
        "tags",
        "declaration_of_interests",
        "author",
        "published_at",
    ];
    let mut result = writer.row(columns);
    for fiche in &fiches {
        let value = record(&state, fiche, &fields);
        let cell = |key: &str| match &value[key] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        if result.is_ok() {
            result = writer.row(columns.iter().map(|c| cell(c)));
        }
    }
    match result.and_then(|()| writer.finish()) {
        Ok(bytes) => with_licence(
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"parvis-innovation.csv\"",
                    ),
                ],
                bytes,
            )
                .into_response(),
        ),
        Err(error) => {
            tracing::error!(%error, "innovation CSV not written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    champ: Option<String>,
}

/// The 50 newest published fiches, of one field with `?champ=<id>`, titled in the reader's
/// language.
pub async fn atom(
    State(state): State<AppState>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = feeds::reader_locale(&headers);
    let field = query.champ.as_deref().and_then(|f| f.parse::<i64>().ok());
    let (fiches, fields) = match (
        store::published_all(&state.db, field, 50).await,
        store::field_names(&state.db, locale).await,
    ) {
        (Ok(f), Ok(n)) => (f, n),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    let site = state.config.public_link("");
    let title = match field.and_then(|f| store::names(&[f], &fields).pop()) {
        Some(name) => locale.t_with("feed-innovation-field-title", &[("field", name)]),
        None => locale.t("feed-innovation-title"),
    };
    let suffix = field.map(|f| format!("?champ={f}")).unwrap_or_default();
    let entries: Vec<feeds::Entry> = fiches
        .iter()
        .map(|f| feeds::Entry {
            title: f.content.title.clone(),
            link: format!("{site}/innovation/fiches/{}", f.id),
            updated: f.published_at,
            author: f.author.clone(),
            summary: f.content.summary.clone(),
        })
        .collect();
    let (feed, page) = (
        format!("{site}/innovation/flux.atom{suffix}"),
        format!("{site}/innovation{suffix}"),
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

/// The visible comments of one published fiche, newest first (hidden ones never appear). The
/// entries are in the fiche's language; the feed's own title in the reader's.
pub async fn comments_atom(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    headers: HeaderMap,
) -> Response {
    let locale = feeds::reader_locale(&headers);
    let fiche = match store::published(&state.db, id, locale).await {
        Ok(Some(fiche)) => fiche,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return failed(e),
    };
    // Only the machine time (`<updated>`) of each comment is used; the feed's words are French.
    let dates = crate::server::human_dates::HumanDates::new(
        crate::i18n::Locale::Fr,
        state.clock.zone().clone(),
    );
    let mut comments = match super::comments::of_fiche(&state.db, id, false, &dates).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    comments.reverse();
    let site = state.config.public_link("");
    let page = format!("{site}/innovation/fiches/{id}");
    let entries: Vec<feeds::Entry> = comments
        .iter()
        .map(|c| feeds::Entry {
            title: format!("{} — {}", c.author, fiche.title),
            link: format!("{page}#commentaire-{}", c.id),
            updated: c.at,
            author: c.author.clone(),
            summary: crate::server::markdown::plain_text(&c.body_html),
        })
        .collect();
    let title = locale.t_with("feed-comments-title", &[("fiche", fiche.title.clone())]);
    let feed = format!("{page}/commentaires.atom");
    feeds::atom_response(
        &feeds::FeedHead {
            title: &title,
            language: &fiche.language,
            feed: &feed,
            page: &page,
        },
        &entries,
    )
}

/// The 50 newest questions and replies of the discussions, of one field with `?champ=<id>`;
/// hidden threads and replies never appear.
pub async fn threads_atom(
    State(state): State<AppState>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = feeds::reader_locale(&headers);
    let field = query.champ.as_deref().and_then(|f| f.parse::<i64>().ok());
    let posts = match super::threads::recent_posts(&state.db, field, 50).await {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let site = state.config.public_link("");
    let suffix = field.map(|f| format!("?champ={f}")).unwrap_or_default();
    let entries: Vec<feeds::Entry> = posts
        .iter()
        .map(|p| feeds::Entry {
            title: format!("{} — {}", p.author, p.title),
            link: match p.reply {
                Some(reply) => {
                    format!("{site}/innovation/discussions/{}#reponse-{reply}", p.thread)
                }
                None => format!("{site}/innovation/discussions/{}", p.thread),
            },
            updated: p.at,
            author: p.author.clone(),
            summary: crate::server::markdown::plain_text(&p.body_html),
        })
        .collect();
    let title = locale.t("feed-threads-title");
    let (feed, page) = (
        format!("{site}/innovation/discussions.atom{suffix}"),
        format!("{site}/innovation/discussions{suffix}"),
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
