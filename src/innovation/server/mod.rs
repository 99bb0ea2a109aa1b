//! Server-only parts of Innovation: the SQL, the revision diff, the exports and feeds.

pub mod comments;
pub mod demo;
pub mod diff;
pub mod exports;
pub mod images;
pub mod members;
pub mod notify;
pub mod store;

/// (member, editor) standing of account `user` on the innovation site; site admins are
/// editors, and editors members.
pub async fn standing(db: &crate::server::db::Db, user: i64) -> Result<(bool, bool), sqlx::Error> {
    use crate::accounts::types::Role;
    let roles = crate::accounts::server::store::roles(db, user).await?;
    let editor = roles.iter().any(|g| matches!(g.role, Role::Editor | Role::SiteAdmin));
    Ok((editor || roles.iter().any(|g| g.role == Role::Member), editor))
}

/// The current year (UTC), the latest a fiche's start year may be.
pub fn this_year() -> i64 {
    i64::from(time::OffsetDateTime::now_utc().year())
}
