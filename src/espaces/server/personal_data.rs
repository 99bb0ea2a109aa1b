//! What Espaces holds about one person, for their "my data" archive
//! (`accounts::server::data_export`): the spaces they belong to (role, end of access, since
//! when), the invitations sent to their address, the spaces they created, the invitations
//! they sent, their one-time sign-in links (dates), what they did in spaces (activity), the
//! lines that mentioned them, a site admin's grant of city agent, and in spaces' documents the
//! folders they made, the documents they added or deleted, the versions they uploaded (name,
//! size, type — the files themselves belong to the space) and the share links they made or
//! revoked.

use crate::server::{
    db::Db,
    personal_data::{arrays, PersonalData},
};

/// Espaces' part of `account`'s archive: one file, `spaces.json`.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let parts: [(&str, &str); 12] = [
        (
            "memberships",
            "SELECT s.name AS space, m.role, m.notify, m.access_ends_at, m.joined_at, a.display_name AS added_by \
             FROM space_members m JOIN spaces s ON s.id = m.space_id LEFT JOIN users a ON a.id = m.added_by \
             WHERE m.user_id = $1 ORDER BY m.joined_at, s.id",
        ),
        (
            "invitations_received",
            "SELECT s.name AS space, i.role, i.created_at, i.expires_at, i.revoked_at, i.accepted_at \
             FROM space_invitations i JOIN spaces s ON s.id = i.space_id \
             WHERE i.email = (SELECT email FROM users WHERE id = $1 AND email_verified_at IS NOT NULL) OR i.accepted_by = $1 ORDER BY i.created_at, i.id",
        ),
        (
            "spaces_created",
            "SELECT name, template, visibility, created_at, archived_at FROM spaces WHERE created_by = $1 ORDER BY created_at, id",
        ),
        (
            "invitations_sent",
            "SELECT s.name AS space, i.email, i.role, i.created_at, i.accepted_at, i.revoked_at \
             FROM space_invitations i JOIN spaces s ON s.id = i.space_id WHERE i.invited_by = $1 ORDER BY i.created_at, i.id",
        ),
        (
            "sign_in_links",
            "SELECT created_at, expires_at, used_at FROM space_sign_in_links WHERE user_id = $1 ORDER BY created_at",
        ),
        (
            "activity",
            "SELECT s.name AS space, a.module, a.action, a.subject, a.link, a.created_at \
             FROM space_activity a JOIN spaces s ON s.id = a.space_id WHERE a.actor_id = $1 ORDER BY a.id",
        ),
        (
            "mentions",
            "SELECT s.name AS space, a.subject, a.link, a.created_at, n.read_at FROM space_mentions n \
             JOIN space_activity a ON a.id = n.activity_id JOIN spaces s ON s.id = a.space_id WHERE n.user_id = $1 ORDER BY a.id",
        ),
        (
            "city_agent_grant",
            "SELECT a.granted_at, g.display_name AS granted_by FROM space_agents a LEFT JOIN users g ON g.id = a.granted_by \
             WHERE a.user_id = $1 OR a.granted_by = $1",
        ),
        (
            "folders_created",
            "SELECT s.name AS space, f.name, f.created_at FROM space_folders f JOIN spaces s ON s.id = f.space_id \
             WHERE f.created_by = $1 ORDER BY f.created_at, f.id",
        ),
        (
            "documents",
            "SELECT s.name AS space, d.name, d.created_at, d.deleted_at, \
             CASE WHEN d.created_by = $1 THEN 1 ELSE 0 END AS created, CASE WHEN d.deleted_by = $1 THEN 1 ELSE 0 END AS deleted \
             FROM space_documents d JOIN spaces s ON s.id = d.space_id WHERE d.created_by = $1 OR d.deleted_by = $1 ORDER BY d.created_at, d.id",
        ),
        (
            "document_versions_uploaded",
            "SELECT s.name AS space, d.name AS document, v.number, v.original_name, v.uploaded_at, f.size, f.content_type \
             FROM space_document_versions v JOIN space_documents d ON d.id = v.document_id JOIN spaces s ON s.id = d.space_id \
             JOIN space_document_files f ON f.id = v.file_id WHERE v.uploaded_by = $1 ORDER BY v.uploaded_at, v.id",
        ),
        (
            "document_share_links",
            "SELECT s.name AS space, d.name AS document, h.created_at, h.expires_at, h.revoked_at, \
             CASE WHEN h.created_by = $1 THEN 1 ELSE 0 END AS created, CASE WHEN h.revoked_by = $1 THEN 1 ELSE 0 END AS revoked \
             FROM space_document_shares h JOIN space_documents d ON d.id = h.document_id JOIN spaces s ON s.id = d.space_id \
             WHERE h.created_by = $1 OR h.revoked_by = $1 ORDER BY h.created_at, h.id",
        ),
    ];
    data.file("spaces.json", arrays(db, &parts, account).await?);
    Ok(data)
}
