//! Server-only parts of accounts: SQL, password hashing, the axum-login backend, rate limits.

pub mod auth;
pub mod caller;
pub mod erasure;
pub mod erasure_tokens;
pub mod data_export;
pub mod jobs;
pub mod mail_link;
pub mod password;
pub mod plug;
pub mod preferences;
pub mod rate_limit;
pub mod reset;
pub mod retention;
pub mod store;

pub use auth::{AuthAccount, AuthSession, Backend};
pub use caller::Caller;
