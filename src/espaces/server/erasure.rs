//! Espaces' part of an account's erasure (`accounts::server::erasure`), on the erasure's one
//! transaction. What goes: the account's memberships, its one-time sign-in links, the lines
//! that mentioned it, a site admin's grant of city agent, and the invitations sent to its
//! address once it has proved it reads that address (an account opened with another's address cannot cancel them). What
//! stays, pointing at the tombstone: the spaces it created, the members it added, the
//! invitations it sent or accepted, the activity lines it made, the folders, documents,
//! versions and share links it made (or deleted, or revoked) — they belong to the spaces; the
//! share links it made and that are still valid are revoked, since no one answers for them.

use sqlx::AnyConnection;

/// Erases Espaces' data of `account` on `conn` (before the tombstone replaces its address);
/// returns the number of rows deleted.
pub async fn erase(conn: &mut AnyConnection, account: i64) -> Result<u64, sqlx::Error> {
    let mut deleted = 0;
    for sql in [
        "DELETE FROM space_invitations WHERE accepted_at IS NULL AND email = (SELECT email FROM users WHERE id = $1 AND email_verified_at IS NOT NULL)",
        "DELETE FROM space_members WHERE user_id = $1",
        "DELETE FROM space_sign_in_links WHERE user_id = $1",
        "DELETE FROM space_mentions WHERE user_id = $1",
        "DELETE FROM space_agents WHERE user_id = $1",
    ] {
        deleted += sqlx::query(sql)
            .bind(account)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    // Its share links still valid, of every kind, stop working now (the clock of the process:
    // a revocation's time is only shown, never compared).
    for kind in [&super::shares::DOCUMENT, &super::shares::WIKI_PAGE] {
        sqlx::query(&format!(
            "UPDATE {} SET revoked_at = $2, revoked_by = $1 WHERE created_by = $1 AND revoked_at IS NULL",
            kind.shares
        ))
        .bind(account)
        .bind(crate::server::db::now())
        .execute(&mut *conn)
        .await?;
    }
    Ok(deleted)
}
