//! Share links of one document for someone outside its space: a random token (kept only as
//! its SHA-256, `server::tokens`), a life of at most `[espaces] share_link_max_days`, revocable.
//! Opening one needs no account; each opening of its page is logged (time only) for the
//! space's animators.

use crate::{
    espaces::documents_types::{OpeningRow, ShareRow},
    server::{db::Db, human_dates::HumanDates, tokens},
};

/// Makes a share link of `document` valid until `expires_at`; returns the token (shown once).
pub async fn create(
    db: &Db,
    document: i64,
    by: i64,
    at: i64,
    expires_at: i64,
) -> Result<String, sqlx::Error> {
    let (token, hash) = tokens::issue();
    sqlx::query(
        "INSERT INTO space_document_shares (document_id, token_hash, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(document)
    .bind(hash)
    .bind(by)
    .bind(at)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// Whether `token` is a link of `document` that `by` made less than
/// [`SHOWN_AGAIN_SECONDS`](crate::link_token::SHOWN_AGAIN_SECONDS) before `now` and did not
/// revoke: only then is it shown again (the new link of a form posted without JavaScript).
pub async fn made_just_now(
    db: &Db,
    document: i64,
    by: i64,
    token: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !crate::link_token::well_formed(token) {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM space_document_shares WHERE token_hash = $1 AND document_id = $2 \
         AND created_by = $3 AND created_at > $4 AND revoked_at IS NULL",
    )
    .bind(tokens::digest(token))
    .bind(document)
    .bind(by)
    .bind(now - crate::link_token::SHOWN_AGAIN_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Revokes share link `share` of a document of space `space_id`; false when there is no such
/// link still valid.
pub async fn revoke(
    db: &Db,
    space_id: i64,
    share: i64,
    by: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE space_document_shares SET revoked_at = $3, revoked_by = $4 WHERE id = $1 AND revoked_at IS NULL \
         AND document_id IN (SELECT id FROM space_documents WHERE space_id = $2)",
    )
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

/// A document's share links, newest first.
pub async fn list(
    db: &Db,
    document: i64,
    now: i64,
    dates: &HumanDates,
) -> Result<Vec<ShareRow>, sqlx::Error> {
    let rows: Vec<ShareSql> = sqlx::query_as(
        "SELECT s.id, s.created_at, s.expires_at, u.display_name AS author, s.revoked_at, \
         (SELECT COUNT(*) FROM space_document_share_openings o WHERE o.share_id = s.id) AS openings \
         FROM space_document_shares s LEFT JOIN users u ON u.id = s.created_by \
         WHERE s.document_id = $1 ORDER BY s.created_at DESC, s.id DESC",
    )
    .bind(document)
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

/// The openings of a document's share links, latest first (at most 200).
pub async fn openings(
    db: &Db,
    document: i64,
    dates: &HumanDates,
) -> Result<Vec<OpeningRow>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT o.share_id, o.opened_at FROM space_document_share_openings o \
         JOIN space_document_shares s ON s.id = o.share_id WHERE s.document_id = $1 \
         ORDER BY o.opened_at DESC, o.id DESC LIMIT 200",
    )
    .bind(document)
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
    /// A valid link: the share, the document, its space and when the link ends.
    Valid {
        share: i64,
        document: i64,
        space_id: i64,
        expires_at: i64,
    },
    /// A link that was valid once: revoked, expired, its document deleted, or the space's
    /// documents switched off.
    Ended,
    /// No such link.
    Unknown,
}

#[derive(sqlx::FromRow)]
struct SharedSql {
    id: i64,
    document_id: i64,
    space_id: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    deleted_at: Option<i64>,
    /// Whether the space still uses documents (a link ends when the module is switched off).
    documents_on: i64,
}

/// What `token` opens at `now`.
pub async fn find(db: &Db, token: &str, now: i64) -> Result<Shared, sqlx::Error> {
    if !crate::link_token::well_formed(token) {
        return Ok(Shared::Unknown);
    }
    let row: Option<SharedSql> = sqlx::query_as(
        "SELECT s.id, s.document_id, d.space_id, s.expires_at, s.revoked_at, d.deleted_at, \
         (SELECT COUNT(*) FROM space_modules m WHERE m.space_id = d.space_id AND m.module = 'documents') AS documents_on \
         FROM space_document_shares s JOIN space_documents d ON d.id = s.document_id WHERE s.token_hash = $1",
    )
    .bind(tokens::digest(token))
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        None => Shared::Unknown,
        Some(r)
            if r.revoked_at.is_some()
                || r.expires_at <= now
                || r.deleted_at.is_some()
                || r.documents_on == 0 =>
        {
            Shared::Ended
        }
        Some(r) => Shared::Valid {
            share: r.id,
            document: r.document_id,
            space_id: r.space_id,
            expires_at: r.expires_at,
        },
    })
}

/// How long the proof of an opening of a share link's page covers the file fetched from it
/// (seconds): later, a fetch with that proof is an opening of its own.
pub const PROOF_SECONDS: i64 = 15 * 60;

/// Logs one opening of share link `share` at `at`. `proof_hash`: the digest of the proof the
/// link's page hands its download and preview links (`None` for a direct fetch of the file).
pub async fn log_opening(
    db: &Db,
    share: i64,
    at: i64,
    proof_hash: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO space_document_share_openings (share_id, opened_at, proof_hash) VALUES ($1, $2, $3)",
    )
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
    share: i64,
    proof: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if !crate::link_token::well_formed(proof) {
        return Ok(false);
    }
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM space_document_share_openings WHERE proof_hash = $1 AND share_id = $2 AND opened_at > $3",
    )
    .bind(tokens::digest(proof))
    .bind(share)
    .bind(now - PROOF_SECONDS)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// The current version of `document`: (name, storage key, type, size).
pub async fn current_file(
    db: &Db,
    document: i64,
) -> Result<Option<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.name, f.storage_key, f.content_type, f.size FROM space_documents d \
         JOIN space_document_versions v ON v.document_id = d.id \
         AND v.number = (SELECT MAX(w.number) FROM space_document_versions w WHERE w.document_id = d.id) \
         JOIN space_document_files f ON f.id = v.file_id WHERE d.id = $1",
    )
    .bind(document)
    .fetch_optional(&db.pool)
    .await
}
