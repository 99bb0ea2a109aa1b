//! The wiki's part of an account's "my data" archive (`wiki.json`: the pages it created, per
//! page the number of edits it sent with their first and last dates — the edits themselves
//! are binary pieces of a shared document, whose text is the space's —, the revisions it
//! wrote in and those it saved or restored, with their notes, the pages it follows, the
//! revisions it approved or asked changes to, the share links of pages it made or revoked)
//! and of its erasure (its share links still valid are revoked with the documents' ones:
//! `espaces::server::erasure`): its follows go
//! (`follows::erase`); the pages and their history belong to their spaces and point at the
//! tombstone.

use crate::server::{
    db::Db,
    personal_data::{arrays, PersonalData},
};

/// The wiki's part of `account`'s archive: one file, `wiki.json`.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let parts: [(&str, &str); 7] = [
        (
            "pages_created",
            "SELECT s.name AS space, p.title, p.created_at FROM wiki_pages p JOIN spaces s ON s.id = p.space_id \
             WHERE p.created_by = $1 ORDER BY p.created_at, p.id",
        ),
        (
            "edits",
            "SELECT s.name AS space, p.title, COUNT(*) AS edits, MIN(u.created_at) AS first_at, MAX(u.created_at) AS last_at \
             FROM wiki_updates u JOIN wiki_pages p ON p.id = u.page_id JOIN spaces s ON s.id = p.space_id \
             WHERE u.user_id = $1 GROUP BY s.name, p.id, p.title ORDER BY MIN(u.created_at), p.id",
        ),
        (
            "revisions_written",
            "SELECT s.name AS space, r.title, r.number, r.created_at FROM wiki_revision_authors a \
             JOIN wiki_revisions r ON r.id = a.revision_id JOIN wiki_pages p ON p.id = r.page_id \
             JOIN spaces s ON s.id = p.space_id WHERE a.user_id = $1 ORDER BY r.created_at, r.id",
        ),
        (
            "revisions_saved",
            "SELECT s.name AS space, r.title, r.number, r.note, r.restored_from, r.created_at FROM wiki_revisions r \
             JOIN wiki_pages p ON p.id = r.page_id JOIN spaces s ON s.id = p.space_id \
             WHERE r.saved_by = $1 ORDER BY r.created_at, r.id",
        ),
        (
            "pages_followed",
            "SELECT s.name AS space, p.title, f.created_at FROM wiki_follows f JOIN wiki_pages p ON p.id = f.page_id \
             JOIN spaces s ON s.id = p.space_id WHERE f.user_id = $1 ORDER BY f.created_at, p.id",
        ),
        (
            "revisions_reviewed",
            "SELECT s.name AS space, r.title, r.number, r.approved_at, r.changes_asked_at, r.changes_note \
             FROM wiki_revisions r JOIN wiki_pages p ON p.id = r.page_id JOIN spaces s ON s.id = p.space_id \
             WHERE r.approved_by = $1 OR r.changes_asked_by = $1 ORDER BY r.created_at, r.id",
        ),
        (
            "page_share_links",
            "SELECT s.name AS space, p.title, h.created_at, h.expires_at, h.revoked_at, \
             CASE WHEN h.created_by = $1 THEN 1 ELSE 0 END AS created, CASE WHEN h.revoked_by = $1 THEN 1 ELSE 0 END AS revoked \
             FROM wiki_page_shares h JOIN wiki_pages p ON p.id = h.page_id JOIN spaces s ON s.id = p.space_id \
             WHERE h.created_by = $1 OR h.revoked_by = $1 ORDER BY h.created_at, h.id",
        ),
    ];
    data.file("wiki.json", arrays(db, &parts, account).await?);
    Ok(data)
}
