//! Who is calling, and may they do this: the one answer for server functions
//! ([`Caller::current`]) and plain axum handlers (the [`Caller`] extractor).
//!
//! A caller is the signed-in account (or a visitor) with its role grants, read once per
//! request. It answers [`Caller::require`] with the site-wide [`Permission`]s (401 without an
//! account, 403 without the permission); scoped questions are answered by each domain from
//! [`Caller::grants`] (Stages' offer scope, Innovation's standing, later a space role), so
//! this module knows no domain.

use super::{
    auth::{auth_session, AuthSession},
    store::{self, AccountRow},
};
use crate::{
    accounts::types::{Permission, Role, RoleGrant},
    error::{AppError, AppResult},
    server::{db::Db, sessions::DbSessionStore},
};
use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
};

/// The account behind a request (`None` for a visitor) and its role grants.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    account: Option<AccountRow>,
    grants: Vec<RoleGrant>,
    /// The session the account is signed in with, for [`Caller::recheck`].
    session_id: Option<String>,
}

impl Caller {
    /// The caller of the server function being served, read once per request (kept in the
    /// request's context). Functions that sign in or out change the session themselves and
    /// do not ask this before they do.
    pub async fn current() -> AppResult<Caller> {
        let caller = match leptos::prelude::use_context::<Caller>() {
            Some(caller) => caller,
            None => {
                let caller = Caller::of_session(&auth_session().await?).await?;
                leptos::prelude::provide_context(caller.clone());
                caller
            }
        };
        // The server function's span (`tracing::instrument` declares the field) says whose it is.
        if let Some(id) = caller.id() {
            tracing::Span::current().record("account", id);
        }
        Ok(caller)
    }

    /// The caller of an auth session (its account, if any, and that account's grants).
    pub async fn of_session(session: &AuthSession) -> Result<Caller, sqlx::Error> {
        let session_id = session.session.id().map(|id| id.to_string());
        Caller::of_account(session.backend.db(), session.user.clone(), session_id).await
    }

    async fn of_account(
        db: &Db,
        account: Option<AccountRow>,
        session_id: Option<String>,
    ) -> Result<Caller, sqlx::Error> {
        let grants = match &account {
            Some(account) => store::roles(db, account.id).await?,
            None => Vec::new(),
        };
        Ok(Caller {
            account,
            grants,
            session_id,
        })
    }

    /// The signed-in account, if any.
    pub fn account(&self) -> Option<&AccountRow> {
        self.account.as_ref()
    }

    /// The signed-in account's id, if any.
    pub fn id(&self) -> Option<i64> {
        self.account.as_ref().map(|a| a.id)
    }

    /// The signed-in account, or `Unauthenticated` (401).
    pub fn signed_in(&self) -> AppResult<&AccountRow> {
        self.account.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The signed-in account's id, or `Unauthenticated` (401).
    pub fn account_id(&self) -> AppResult<i64> {
        self.signed_in().map(|a| a.id)
    }

    /// The account's role grants (empty for a visitor): what domains read their scopes from.
    pub fn grants(&self) -> &[RoleGrant] {
        &self.grants
    }

    /// Whether the account holds `role` (any scope).
    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// Whether the caller may use `permission`'s features (never a visitor).
    pub fn allows(&self, permission: Permission) -> bool {
        permission.granted_by(&self.grants)
    }

    /// The account when it may use `permission`; otherwise `Unauthenticated` (401, no
    /// account) or `Forbidden` (403: what a permission opens is a public feature of the site,
    /// not someone's resource, which answers `AppError::not_yours`).
    pub fn require(&self, permission: Permission) -> AppResult<&AccountRow> {
        let account = self.signed_in()?;
        if self.allows(permission) {
            Ok(account)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The caller read again, for a connection that outlives its request (server-sent events,
    /// later WebSockets): `None` once the session has ended (signed out, expired, deleted, or
    /// the password changed elsewhere, which ends every other session), else the account
    /// with its grants as they are now.
    pub async fn recheck(&self, db: &Db) -> Result<Option<Caller>, sqlx::Error> {
        let (Some(account), Some(session_id)) = (&self.account, &self.session_id) else {
            return Ok(None);
        };
        if !DbSessionStore::is_live(db, session_id).await? {
            return Ok(None);
        }
        match store::by_id(db, account.id).await? {
            Some(now) if now.password_hash == account.password_hash => Ok(Some(
                Caller::of_account(db, Some(now), self.session_id.clone()).await?,
            )),
            _ => Ok(None),
        }
    }
}

/// The caller of a plain axum handler (uploads, downloads, exports, live events); a handler
/// that needs an account answers 401 itself from [`Caller::account_id`].
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Caller, Response> {
        let session = AuthSession::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Caller::of_session(&session).await.map_err(|error| {
            tracing::error!(%error, "caller: roles not read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })
    }
}

/// The live relay's topic saying that what an account may see changed (a role granted or
/// revoked, a pool, a password, a sign-out): its live connections read their caller again.
pub const ACCESS_TOPIC: &str = "accounts.access";

/// The payload of [`ACCESS_TOPIC`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccessChanged {
    pub account_id: i64,
}

/// Tells every process's live connections of `account_id` to read their caller again.
pub async fn access_changed(realtime: &crate::server::realtime::Realtime, account_id: i64) {
    realtime
        .publish(ACCESS_TOPIC, &AccessChanged { account_id })
        .await;
}
