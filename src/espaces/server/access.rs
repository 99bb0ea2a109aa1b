//! Who may do what in Espaces, answered from `accounts::server::Caller` (as Stages'
//! `OfferScope` and Innovation's `Standing`): whether the caller is a city agent
//! ([`is_city_agent`]), and the caller's standing in one space ([`space_role`]) — the one
//! function documents, forum, calendar and wiki call before anything else:
//!
//! ```ignore
//! let access = space_role(&caller, &state.db, space_id).await?; // 404 if not visible
//! access.require(SpaceAction::Contribute)?;                    // 403, or 409 if archived
//! ```
//!
//! A module's server functions and routes ask [`module_role`] / [`module_role_in`] instead:
//! the same standing, and 404 as well when the space does not use that module, so a module
//! switched off in the settings answers nothing, whatever the address.

use crate::{
    accounts::{
        server::{retention::STAFF, Caller},
        types::Role,
    },
    error::{AppError, AppResult},
    espaces::types::{Module, SpaceAccess, SpaceRole, Visibility},
    server::{db::Db, state::AppState},
};

/// Whether `email`'s domain is one of `domains` (compared in lower case).
pub fn in_agent_domain(email: &str, domains: &[String]) -> bool {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_lowercase())
        .is_some_and(|domain| domains.iter().any(|d| d.trim().to_lowercase() == domain))
}

/// Whether the caller is a city agent: a staff role (host agent, direction admin, editor,
/// site admin), a verified address in `[espaces] agent_domains`, or a site admin's grant
/// (`space_agents`). Never a visitor; an outside partner is not one.
pub async fn is_city_agent(app: &AppState, caller: &Caller) -> Result<bool, sqlx::Error> {
    let Some(account) = caller.account() else {
        return Ok(false);
    };
    if STAFF.iter().any(|role| caller.has(*role)) {
        return Ok(true);
    }
    let (verified, granted): (Option<i64>, i64) = sqlx::query_as(
        "SELECT u.email_verified_at, (SELECT COUNT(*) FROM space_agents a WHERE a.user_id = u.id) FROM users u WHERE u.id = $1",
    )
    .bind(account.id)
    .fetch_one(&app.db.pool)
    .await?;
    Ok(granted > 0
        || (verified.is_some()
            && in_agent_domain(&account.email, &app.config.espaces.agent_domains)))
}

/// What the database says of one space for one account.
#[derive(Debug, sqlx::FromRow)]
struct Standing {
    visibility: Visibility,
    archived_at: Option<i64>,
    role: Option<SpaceRole>,
}

/// The caller's standing in space `space_id`: its role when a member (whose access has not
/// ended), read-only through the space's visibility (public: everyone; agents: every city
/// agent), everything for a site admin; archived spaces only read (and restore). A space the
/// caller may not see — or that does not exist — answers `AppError::not_yours` (404), so its
/// name never leaks. Read at every call: a removed member loses access at their next request.
pub async fn space_role(caller: &Caller, db: &Db, space_id: i64) -> AppResult<SpaceAccess> {
    let app = crate::server::app_state()?;
    space_role_in(&app, caller, db, space_id).await
}

/// [`space_role`] with the state given (jobs, tests).
pub async fn space_role_in(
    app: &AppState,
    caller: &Caller,
    db: &Db,
    space_id: i64,
) -> AppResult<SpaceAccess> {
    let now = app.clock.now_seconds();
    let standing: Option<Standing> = sqlx::query_as(
        "SELECT s.visibility, s.archived_at, m.role FROM spaces s \
         LEFT JOIN space_members m ON m.space_id = s.id AND m.user_id = $2 \
         AND (m.access_ends_at IS NULL OR m.access_ends_at > $3) WHERE s.id = $1",
    )
    .bind(space_id)
    .bind(caller.id().unwrap_or(0))
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(standing) = standing else {
        return Err(AppError::not_yours(false));
    };
    let site_admin = caller.has(Role::SiteAdmin);
    let visible = site_admin
        || standing.role.is_some()
        || match standing.visibility {
            Visibility::Public => true,
            Visibility::Agents => is_city_agent(app, caller).await?,
            Visibility::Private => false,
        };
    if !visible {
        return Err(AppError::not_yours(false));
    }
    Ok(SpaceAccess {
        space_id,
        role: standing.role,
        site_admin,
        archived: standing.archived_at.is_some(),
    })
}

/// Whether space `space_id` uses `module` (`space_modules`).
pub async fn module_on(db: &Db, space_id: i64, module: Module) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_modules WHERE space_id = $1 AND module = $2",
    )
    .bind(space_id)
    .bind(module.code())
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// [`space_role`] for one module's server functions: also 404 (`AppError::NotFound`) when
/// the space does not use `module`.
pub async fn module_role(
    caller: &Caller,
    db: &Db,
    space_id: i64,
    module: Module,
) -> AppResult<SpaceAccess> {
    let app = crate::server::app_state()?;
    module_role_in(&app, caller, db, space_id, module).await
}

/// [`module_role`] with the state given (routes, jobs, tests).
pub async fn module_role_in(
    app: &AppState,
    caller: &Caller,
    db: &Db,
    space_id: i64,
    module: Module,
) -> AppResult<SpaceAccess> {
    let access = space_role_in(app, caller, db, space_id).await?;
    if module_on(db, space_id, module).await? {
        Ok(access)
    } else {
        Err(AppError::NotFound)
    }
}

/// What reading a caller's standing in a space again found (for a live connection, which
/// answers to the same rule as every request for as long as it is open).
#[derive(Debug)]
pub enum Reread {
    Same,
    /// The session or the standing changed: the caller and standing as they are now.
    Changed(Caller, SpaceAccess),
    /// The session ended, or the caller may no longer see the space (or `module` there).
    Gone,
}

/// Reads `caller`'s session and standing in `access`'s space again (and that the space still
/// uses `module`, when given). A failed read keeps what was known (logged) rather than
/// closing a connection on a passing database error.
pub async fn reread(
    app: &AppState,
    caller: &Caller,
    access: &SpaceAccess,
    module: Option<Module>,
) -> Reread {
    let fresh = match caller.recheck(&app.db).await {
        Ok(Some(fresh)) => fresh,
        // The session ended; a visitor (public space) has no session to end.
        Ok(None) if caller.id().is_some() => return Reread::Gone,
        Ok(None) => caller.clone(),
        Err(error) => {
            tracing::warn!(%error, "live connection: caller not read again");
            return Reread::Same;
        }
    };
    let now = match module {
        Some(module) => module_role_in(app, &fresh, &app.db, access.space_id, module).await,
        None => space_role_in(app, &fresh, &app.db, access.space_id).await,
    };
    match now {
        Ok(now) if &now == access => Reread::Same,
        Ok(now) => Reread::Changed(fresh, now),
        Err(AppError::NotFound | AppError::Forbidden) => Reread::Gone,
        Err(error) => {
            tracing::warn!(%error, space = access.space_id, "live connection: standing not read again");
            Reread::Same
        }
    }
}

/// The caller's city-agent standing, or 401 (visitor) / 403 (not an agent): creating a space
/// is a feature of the site, not someone's resource.
pub async fn require_city_agent(app: &AppState, caller: &Caller) -> AppResult<i64> {
    let account = caller.account_id()?;
    if is_city_agent(app, caller).await? {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::in_agent_domain;

    #[test]
    fn agent_domains_match_the_whole_domain() {
        let domains = vec!["paris.fr".to_string()];
        assert!(in_agent_domain("ada@paris.fr", &domains));
        assert!(in_agent_domain("ada@PARIS.fr", &domains));
        assert!(!in_agent_domain("ada@notparis.fr", &domains));
        assert!(!in_agent_domain("ada@paris.fr.evil.example", &domains));
        assert!(!in_agent_domain("ada@paris.fr", &[]));
    }
}
