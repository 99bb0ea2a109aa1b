//! Granting and revoking staff roles. A site admin grants any role; a direction admin grants
//! and revokes the host-agent role on the services of their own direction only.

use super::types::{CurrentUser, Role};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{store, Caller},
        types::Permission,
    },
    crate::server::{app_state, respond},
};

/// The caller's id and the directions it administers, or `None` when it is a site admin (all
/// of them). Forbidden for anyone else (`Permission::ManageDirections`): the role pages are a
/// public feature, not someone's resource.
#[cfg(feature = "ssr")]
async fn admin_scope() -> Result<(i64, Option<Vec<i64>>), AppError> {
    let caller = Caller::current().await?;
    let id = caller.require(Permission::ManageDirections)?.id;
    if caller.allows(Permission::AdministerSite) {
        return Ok((id, None));
    }
    Ok((
        id,
        Some(
            caller
                .grants()
                .iter()
                .filter(|g| g.role == Role::DirectionAdmin)
                .filter_map(|g| g.direction.as_ref().map(|d| d.id))
                .collect(),
        ),
    ))
}

#[server(endpoint = "admin/accounts")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "admin/accounts", skip_all, fields(account = tracing::field::Empty)))]
pub async fn find_accounts(query: String) -> Result<Vec<CurrentUser>, AppError> {
    respond(
        async {
            admin_scope().await?;
            let db = app_state()?.db;
            let mut found = Vec::new();
            for account in store::search(&db, &query, 50).await? {
                found.push(store::current_user(&db, &account).await?);
            }
            Ok(found)
        }
        .await,
    )
}

#[server(endpoint = "admin/grant")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "admin/grant", skip_all, fields(account = tracing::field::Empty, user_id = user_id)))]
pub async fn grant_role(user_id: i64, role: Role, scope: Option<String>) -> Result<i64, AppError> {
    respond(
        async {
            use super::types::RoleScope;
            let (admin_id, allowed) = admin_scope().await?;
            let db = app_state()?.db;
            // The scope comes as "d:<direction id>" or "s:<service id>" and must fit the role.
            let scope = scope.unwrap_or_default();
            let parsed = scope
                .split_once(':')
                .and_then(|(kind, id)| id.parse::<i64>().ok().map(|id| (kind, id)));
            let (scope_id, direction) = match (role.scope(), parsed) {
                (RoleScope::Site, _) => (None, None),
                (RoleScope::Service, Some(("s", service))) => (
                    Some(service),
                    Some(
                        crate::reference::server::store::service_direction(&db, service)
                            .await?
                            .ok_or_else(|| AppError::field("scope", "field-unknown"))?,
                    ),
                ),
                (RoleScope::Direction, Some(("d", direction))) => {
                    (Some(direction), Some(direction))
                }
                (RoleScope::Service, _) => {
                    return Err(AppError::field("scope", "field-scope-service"))
                }
                (RoleScope::Direction, _) => {
                    return Err(AppError::field("scope", "field-scope-direction"))
                }
            };
            if let Some(allowed) = &allowed {
                // A direction admin may only make host agents, in their own direction.
                if role != Role::HostAgent || !direction.is_some_and(|d| allowed.contains(&d)) {
                    return Err(AppError::Forbidden);
                }
            }
            store::by_id(&db, user_id)
                .await?
                .ok_or(AppError::NotFound)?;
            match store::grant(&db, user_id, role, scope_id, admin_id).await {
                Ok(id) => {
                    crate::accounts::server::caller::access_changed(
                        &app_state()?.realtime,
                        user_id,
                    )
                    .await;
                    tracing::info!(
                        admin = admin_id,
                        user = user_id,
                        role = role.code(),
                        "role granted"
                    );
                    Ok(id)
                }
                Err(store::GrantError::Duplicate) => {
                    Err(AppError::Conflict("error-role-duplicate".into()))
                }
                Err(store::GrantError::Db(e))
                    if e.as_database_error().is_some_and(|d| {
                        d.kind() == sqlx::error::ErrorKind::ForeignKeyViolation
                    }) =>
                {
                    Err(AppError::field("scope", "field-unknown"))
                }
                Err(store::GrantError::Db(e)) => Err(e.into()),
            }
        }
        .await,
    )
}

#[server(endpoint = "admin/revoke")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "admin/revoke", skip_all, fields(account = tracing::field::Empty, user_id = user_id, grant_id = grant_id)))]
pub async fn revoke_role(user_id: i64, grant_id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (admin_id, scope) = admin_scope().await?;
            let db = app_state()?.db;
            let grants = store::roles(&db, user_id).await?;
            let grant = grants
                .iter()
                .find(|g| g.id == grant_id)
                .ok_or(AppError::NotFound)?;
            if let Some(allowed) = &scope {
                let in_scope = grant.role == Role::HostAgent
                    && grant
                        .direction
                        .as_ref()
                        .is_some_and(|d| allowed.contains(&d.id));
                if !in_scope {
                    return Err(AppError::Forbidden);
                }
            }
            if user_id == admin_id && grant.role == Role::SiteAdmin {
                // Nobody locks the site out by removing their own admin role.
                return Err(AppError::Conflict("error-role-self-revoke".into()));
            }
            store::revoke(&db, grant_id).await?;
            // The account's live connections stop hearing what the role showed them.
            crate::accounts::server::caller::access_changed(&app_state()?.realtime, user_id).await;
            tracing::info!(
                admin = admin_id,
                user = user_id,
                role = grant.role.code(),
                "role revoked"
            );
            Ok(())
        }
        .await,
    )
}
