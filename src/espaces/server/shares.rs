//! Share links of one thing of a space — a document, a wiki page — for someone outside the
//! space: a random token (kept only as its SHA-256, `server::tokens`), a life of at most
//! `[espaces] share_link_max_days`, revocable. Opening one needs no account; each opening of
//! its page is logged (time only) for the space's animators. One mechanism for every kind of
//! thing shared: each [`ShareKind`] names its tables.

use crate::{
    espaces::documents_types::{OpeningRow, ShareRow},
    server::{db::Db, human_dates::HumanDates, tokens},
};

/// What a kind of share link shares, as stored: its links' table and the column naming the
/// thing shared, the table of their openings, and the thing's own table (with `id`,
/// `space_id`, `deleted_at`) and the space's module it belongs to.
#[derive(Debug)]
pub struct ShareKind {
    pub shares: &'static str,
    pub target: &'static str,
    pub openings: &'static str,
    pub things: &'static str,
    pub module: &'static str,
}

/// Links to one document of a space's documents.
pub const DOCUMENT: ShareKind = ShareKind {
    shares: "space_document_shares",
    target: "document_id",
    openings: "space_document_share_openings",
    things: "space_documents",
    module: "documents",
};

/// Links to one page of a space's wiki (its last revision readers get).
pub const WIKI_PAGE: ShareKind = ShareKind {
    shares: "wiki_page_shares",
    target: "page_id",
    openings: "wiki_page_share_openings",
    things: "wiki_pages",
    module: "wiki",
};

/// Refuses (422 on `days`) a share link's life outside 1 to `[espaces] share_link_max_days`
/// days.
pub fn check_days(
    state: &crate::server::state::AppState,
    days: i64,
) -> crate::error::AppResult<()> {
    if (1..=state.config.espaces.share_link_max_days).contains(&days) {
        Ok(())
    } else {
        Err(crate::error::AppError::field("days", "field-share-days"))
    }
}

/// Makes a share link of `kind`'s `thing` for `by`, valid `days` days ([`check_days`]), from the server function a page's form
/// posts: a plain form comes back to `page` with the token (`link_token::shown_once`). The
/// link's public address: `opened_at(token)` under the site's public URL.
pub async fn make_link(
    state: &crate::server::state::AppState,
    kind: &ShareKind,
    thing: i64,
    by: i64,
    days: i64,
    page: &str,
    opened_at: fn(&str) -> String,
) -> crate::error::AppResult<String> {
    check_days(state, days)?;
    let now = state.clock.now_seconds();
    let token = create(&state.db, kind, thing, by, now, now + days * 86_400).await?;
    crate::server::redirect_plain_form(&crate::link_token::shown_once(page, &token));
    Ok(state.config.public_link(&opened_at(&token)))
}

/// Makes a share link of `kind`'s `thing` valid until `expires_at`; returns the token (shown
/// once).
pub async fn create(
    db: &Db,
    kind: &ShareKind,
    thing: i64,
    by: i64,
    at: i64,
    expires_at: i64,
) -> Result<String, sqlx::Error> {
    let (token, hash) = tokens::issue();
    sqlx::query(&format!(
        "INSERT INTO {} ({}, token_hash, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
        kind.shares, kind.target
    ))
    .bind(thing)
    .bind(hash)
    .bind(by)
    .bind(at)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// Whether `token` is a link of `kind`'s `thing` that `by` made less than
/// [`SHOWN_AGAIN_SECONDS`](crate::link_token::SHOWN_AGAIN_SECONDS) before `now` and did not
/// revoke: only then is it shown again (the new link of a form posted without JavaScript).
pub async fn made_just_now(
    db: &Db,
    kind: &ShareKind,
    thing: i64,
    by: i64,
    token: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !crate::link_token::well_formed(token) {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM {} WHERE token_hash = $1 AND {} = $2 \
         AND created_by = $3 AND created_at > $4 AND revoked_at IS NULL",
        kind.shares, kind.target
    ))
    .bind(tokens::digest(token))
    .bind(thing)
    .bind(by)
    .bind(now - crate::link_token::SHOWN_AGAIN_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Revokes share link `share` of `kind` of a thing of space `space_id`; false when there is
/// no such link still valid.
pub async fn revoke(
    db: &Db,
    kind: &ShareKind,
    space_id: i64,
    share: i64,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE {} SET revoked_at = $3, revoked_by = $4 WHERE id = $1 AND revoked_at IS NULL \
         AND {} IN (SELECT id FROM {} WHERE space_id = $2)",
        kind.shares, kind.target, kind.things
    ))
    .bind(share)
    .bind(space_id)
    .bind(at)
    .bind(by)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

#[derive(sqlx::FromRow)]
struct ShareSql {
    id: i64,
    created_at: i64,
    expires_at: i64,
    author: Option<String>,
    revoked_at: Option<i64>,
    openings: i64,
}

/// The share links of `kind`'s `thing`, newest first.
pub async fn list(
    db: &Db,
    kind: &ShareKind,
    thing: i64,
    now: i64,
    dates: &HumanDates,
) -> Result<Vec<ShareRow>, sqlx::Error> {
    let rows: Vec<ShareSql> = sqlx::query_as(&format!(
        "SELECT s.id, s.created_at, s.expires_at, u.display_name AS author, s.revoked_at, \
         (SELECT COUNT(*) FROM {openings} o WHERE o.share_id = s.id) AS openings \
         FROM {shares} s LEFT JOIN users u ON u.id = s.created_by \
         WHERE s.{target} = $1 ORDER BY s.created_at DESC, s.id DESC",
        openings = kind.openings,
        shares = kind.shares,
        target = kind.target
    ))
    .bind(thing)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ShareRow {
            id: r.id,
            created: dates.instant(r.created_at),
            expires: dates.instant(r.expires_at),
            author: r.author,
            revoked: r.revoked_at.is_some(),
            expired: r.expires_at <= now,
            openings: r.openings,
        })
        .collect())
}

/// The openings of the share links of `kind`'s `thing`, latest first (at most 200).
pub async fn openings(
    db: &Db,
    kind: &ShareKind,
    thing: i64,
    dates: &HumanDates,
) -> Result<Vec<OpeningRow>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT o.share_id, o.opened_at FROM {} o \
         JOIN {} s ON s.id = o.share_id WHERE s.{} = $1 \
         ORDER BY o.opened_at DESC, o.id DESC LIMIT 200",
        kind.openings, kind.shares, kind.target
    ))
    .bind(thing)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(share_id, at)| OpeningRow {
            share_id,
            opened: dates.instant(at),
        })
        .collect())
}

/// What a token opens.
#[derive(Debug)]
pub enum Shared {
    /// A valid link: the share, the thing shared, its space and when the link ends.
    Valid {
        share: i64,
        thing: i64,
        space_id: i64,
        expires_at: i64,
    },
    /// A link that was valid once: revoked, expired, the thing shared deleted, or its module
    /// switched off in the space.
    Ended,
    /// No such link.
    Unknown,
}

#[derive(sqlx::FromRow)]
struct SharedSql {
    id: i64,
    thing: i64,
    space_id: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    deleted_at: Option<i64>,
    /// Whether the space still uses the module (a link ends when it is switched off).
    module_on: i64,
}

/// What `token`, a link of `kind`, opens at `now`.
pub async fn find(db: &Db, kind: &ShareKind, token: &str, now: i64) -> Result<Shared, sqlx::Error> {
    if !crate::link_token::well_formed(token) {
        return Ok(Shared::Unknown);
    }
    let row: Option<SharedSql> = sqlx::query_as(&format!(
        "SELECT s.id, s.{target} AS thing, d.space_id, s.expires_at, s.revoked_at, d.deleted_at, \
         (SELECT COUNT(*) FROM space_modules m WHERE m.space_id = d.space_id AND m.module = $2) AS module_on \
         FROM {shares} s JOIN {things} d ON d.id = s.{target} WHERE s.token_hash = $1",
        target = kind.target,
        shares = kind.shares,
        things = kind.things
    ))
    .bind(tokens::digest(token))
    .bind(kind.module)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        None => Shared::Unknown,
        Some(r)
            if r.revoked_at.is_some()
                || r.expires_at <= now
                || r.deleted_at.is_some()
                || r.module_on == 0 =>
        {
            Shared::Ended
        }
        Some(r) => Shared::Valid {
            share: r.id,
            thing: r.thing,
            space_id: r.space_id,
            expires_at: r.expires_at,
        },
    })
}

/// How long the proof of an opening of a share link's page covers the file fetched from it
/// (seconds): later, a fetch with that proof is an opening of its own.
pub const PROOF_SECONDS: i64 = 15 * 60;

/// Logs one opening of share link `share` of `kind` at `at`. `proof_hash`: the digest of the
/// proof the link's page hands its download and preview links (`None` for a direct fetch of
/// the file).
pub async fn log_opening(
    db: &Db,
    kind: &ShareKind,
    share: i64,
    at: i64,
    proof_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO {} (share_id, opened_at, proof_hash) VALUES ($1, $2, $3)",
        kind.openings
    ))
    .bind(share)
    .bind(at)
    .bind(proof_hash)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Whether `proof` is that of an opening of `share`'s page less than [`PROOF_SECONDS`] before
/// `now`: a file fetched with it is part of that opening, not a new one.
pub async fn within_opening(
    db: &Db,
    kind: &ShareKind,
    share: i64,
    proof: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !crate::link_token::well_formed(proof) {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM {} WHERE proof_hash = $1 AND share_id = $2 AND opened_at > $3",
        kind.openings
    ))
    .bind(tokens::digest(proof))
    .bind(share)
    .bind(now - PROOF_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}
