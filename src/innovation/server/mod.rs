//! Server-only parts of Innovation: the SQL, the revision diff, the exports and feeds, the
//! notification digest.

pub mod comments;
pub mod contributions;
pub mod diff;
pub mod digest;
pub mod exports;
pub mod images;
pub mod independence;
pub mod jobs;
pub mod members;
pub mod notify;
pub mod plug;
pub mod share;
pub mod store;
pub mod threads;

/// (member, editor) standing of account `user` on the innovation site; site admins are
/// editors, and editors members.
pub async fn standing(db: &crate::server::db::Db, user: i64) -> Result<(bool, bool), sqlx::Error> {
    use crate::accounts::types::Role;
    let roles = crate::accounts::server::store::roles(db, user).await?;
    let editor = roles.iter().any(|g| matches!(g.role, Role::Editor | Role::SiteAdmin));
    Ok((editor || roles.iter().any(|g| g.role == Role::Member), editor))
}

/// The signed-in account, when it is a member (or, with `editor`, an editor); otherwise a
/// refusal (401 without an account, 403 without the standing: the member and editor features
/// are public, the action is not this account's; someone's resource answers `AppError::not_yours`).
pub async fn require_standing(editor: bool) -> Result<crate::accounts::server::store::AccountRow, crate::error::AppError> {
    let account = crate::accounts::server::require_account().await?;
    let (is_member, is_editor) = standing(&crate::server::app_state()?.db, account.id).await?;
    if (editor && !is_editor) || !is_member {
        return Err(crate::error::AppError::Forbidden);
    }
    Ok(account)
}

/// (is a member, is an editor, account id) of the reader; visitors are neither.
pub async fn reader() -> Result<(bool, bool, Option<i64>), crate::error::AppError> {
    match crate::accounts::server::current_account().await? {
        Some(account) => {
            let (member, editor) = standing(&crate::server::app_state()?.db, account.id).await?;
            Ok((member, editor, Some(account.id)))
        }
        None => Ok((false, false, None)),
    }
}

/// The city's current year, the latest a fiche's start year may be.
pub fn this_year() -> Result<i64, crate::error::AppError> {
    Ok(crate::server::app_state()?.clock.year())
}
