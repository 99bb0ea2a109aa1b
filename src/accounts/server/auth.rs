//! Sign-in sessions through axum-login: it changes the session id at sign-in and ends every
//! session of an account whose password hash changed (the "session auth hash" below). It also
//! records when an account was last used (`store::seen`): at each sign-in, and at a signed-in
//! session's first request of a day, so that an account used through a long session is not
//! taken for inactive (`retention.rs`).

use super::{
    password,
    store::{self, AccountRow},
};
use crate::{
    error::{AppError, AppResult},
    server::{clock::Clock, db::Db},
};
use axum_login::{AuthUser, AuthnBackend, UserId};

impl AuthUser for AccountRow {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

pub type AuthAccount = AccountRow;

/// How stale an account's "last seen" may get while its session is in use before it is
/// written again: a day, so a busy session writes once a day, not at every request.
const SEEN_EVERY_SECONDS: i64 = 86_400;

#[derive(Debug, Clone)]
pub struct Backend {
    db: Db,
    /// The application's clock: what "last seen" is read on (tests move it).
    clock: Clock,
}

impl Backend {
    pub fn new(db: Db, clock: Clock) -> Self {
        Backend { db, clock }
    }

    /// The database the accounts are read from (what `Caller` reads the grants from).
    pub fn db(&self) -> &Db {
        &self.db
    }
}

#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("password check failed")]
    Password,
}

impl AuthnBackend for Backend {
    type User = AccountRow;
    type Credentials = Credentials;
    type Error = BackendError;

    async fn authenticate(
        &self,
        credentials: Credentials,
    ) -> Result<Option<AccountRow>, BackendError> {
        let account = store::by_email(&self.db, &credentials.email).await?;
        // Verify against a dummy hash when the account does not exist, so both cases take as long.
        let stored = account
            .as_ref()
            .map_or(password::DUMMY_HASH.to_string(), |a| {
                a.password_hash.clone()
            });
        let matches = password::verify(credentials.password, stored)
            .await
            .map_err(|_| BackendError::Password)?;
        let Some(mut account) = account.filter(|_| matches) else {
            return Ok(None);
        };
        let at = self.clock.now_seconds();
        store::seen(&self.db, account.id, at).await?;
        account.last_seen_at = Some(at);
        Ok(Some(account))
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<AccountRow>, BackendError> {
        let Some(mut account) = store::by_id(&self.db, *id).await? else {
            return Ok(None);
        };
        let at = self.clock.now_seconds();
        if account
            .last_seen_at
            .is_none_or(|seen| seen <= at - SEEN_EVERY_SECONDS)
        {
            store::seen(&self.db, account.id, at).await?;
            account.last_seen_at = Some(at);
        }
        Ok(Some(account))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// The auth session of the current request.
pub async fn auth_session() -> AppResult<AuthSession> {
    leptos_axum::extract::<AuthSession>().await.map_err(|e| {
        tracing::error!(error = %e, "auth session missing: is the auth layer installed?");
        AppError::Internal
    })
}
