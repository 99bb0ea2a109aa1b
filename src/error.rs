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

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}
