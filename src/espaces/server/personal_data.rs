//! What Espaces holds about one person, for their "my data" archive
//! (`accounts::server::data_export`): the spaces they belong to (role, end of access, since
//! when), the invitations sent to their address, the spaces they created, the invitations
//! they sent, their one-time sign-in links (dates), what they did in spaces (activity), the
//! lines that mentioned them and a site admin's grant of city agent.

use crate::server::{
    db::Db,
    personal_data::{arrays, PersonalData},
};

/// Espaces' part of `account`'s archive: one file, `spaces.json`.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let parts: [(&str, &str); 8] = [
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
    ];
    data.file("spaces.json", arrays(db, &parts, account).await?);
    Ok(data)
}
