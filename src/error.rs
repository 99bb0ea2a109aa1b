//! The one error type of every server function, shared by server and client.
//!
//! Variants carry translation keys (see `locales/`), never database or library text: what
//! went wrong inside is logged on the server, and the user gets a message in their language.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A message about one form field, as a translation key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("wrong email or password")]
    BadCredentials,
    #[error("sign-in required")]
    Unauthenticated,
    /// 403: the resource is one everyone may see (a published offer, a direction, a role
    /// grant listed to admins, a page of the site) and this action on it is not the caller's
    /// to take. Never for a resource the caller may not see: see [`AppError::not_yours`].
    #[error("forbidden")]
    Forbidden,
    /// 404: nothing there — or something the caller may not see, which answers the same.
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many attempts")]
    RateLimited,
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// One invalid field.
    pub fn field(field: &str, key: &str) -> AppError {
        AppError::Invalid(vec![FieldError {
            field: field.into(),
            key: key.into(),
        }])
    }

    /// The refusal of a resource that is not the caller's, by one rule (so the answer never
    /// tells whether something exists): `NotFound` when the caller may not see it at all
    /// (someone else's CV, application, messages, notes, draft or working copy of a fiche…),
    /// exactly as if it did not exist; `Forbidden` only when it is `public` (everyone may see
    /// it: a published offer) and the caller may not act on it.
    pub fn not_yours(public: bool) -> AppError {
        if public {
            AppError::Forbidden
        } else {
            AppError::NotFound
        }
    }

    /// The translation key of the general message.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::Invalid(_) => "error-invalid",
            AppError::BadCredentials => "error-bad-credentials",
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::Conflict(key) => key,
            AppError::RateLimited => "error-rate-limited",
            AppError::Internal => "error-internal",
            AppError::Transport(_) => "error-transport",
        }
    }

    /// The message key for `field`, if this error names it.
    pub fn field_key(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.key.as_str()),
            _ => None,
        }
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadCredentials | AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode are the caller's mistake; say so.
            ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::Deserialization(detail)
            | ServerFnErrorErr::Request(detail)
            | ServerFnErrorErr::Serialization(detail) => AppError::Transport(detail),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// A database refusal that two people acting at the same moment cause, not a fault: each is
/// answered 409 with a message asking to reload or retry, and logged as a warning.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Race {
    /// A unique key took someone else's row first (two invitations of one address, two
    /// folders of one name…) where the code had checked and found none.
    SameChange,
    /// A row this change refers to was deleted in between (a foreign key refused it).
    Gone,
    /// The database gave up waiting for another writer (SQLite busy, PostgreSQL
    /// serialization failure or deadlock): trying again succeeds.
    Busy,
}

#[cfg(feature = "ssr")]
impl Race {
    /// The race `error` reports, if it is one. Codes: SQLite 5 (`SQLITE_BUSY`) and its extended
    /// codes 261 (recovery), 517 (snapshot) and 773 (timeout); PostgreSQL 40001
    /// (serialization) and 40P01 (deadlock). (PostgreSQL's codes are five characters, so the
    /// two never meet.)
    pub fn of(error: &sqlx::Error) -> Option<Race> {
        use sqlx::error::ErrorKind;
        let database = error.as_database_error()?;
        match database.kind() {
            ErrorKind::UniqueViolation => return Some(Race::SameChange),
            ErrorKind::ForeignKeyViolation => return Some(Race::Gone),
            _ => {}
        }
        let code = database.code()?;
        matches!(
            code.as_ref(),
            "5" | "261" | "517" | "773" | "40001" | "40P01"
        )
        .then_some(Race::Busy)
    }

    /// The translation key of its message.
    pub fn message_key(self) -> &'static str {
        match self {
            Race::SameChange => "error-same-change-meanwhile",
            Race::Gone => "error-gone-meanwhile",
            Race::Busy => "error-busy-retry",
        }
    }
}

/// Every database error reaches the user through here: a [`Race`] as a 409 with its message,
/// anything else as "internal error" (logged with the database's text, never shown). Code that
/// can name the field a unique key belongs to reads it first with `server::db::violated`.
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match Race::of(&error) {
            Some(race) => {
                tracing::warn!(%error, ?race, "database refused a change made at the same moment as another");
                AppError::Conflict(race.message_key().into())
            }
            None => {
                tracing::error!(%error, "database error");
                AppError::Internal
            }
        }
    }
}
