//! Confirming an account's deletion by mail: once the password was checked, a job mails a
//! link whose token is random, stored only as a SHA-256 hash (as a reset token), single use,
//! valid `erasure.confirm_minutes` from the mail. The token is made when the mail is sent, so
//! it never sits in the jobs table. Times are the app's clock (tests move it).

use super::store;
use crate::{
    i18n::Locale,
    server::{
        jobs::{enqueue, Job, JobError, NewJob},
        state::AppState,
    },
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The kind of the confirmation mail job.
pub const CONFIRM_MAIL: &str = "accounts.erasure_confirm_mail";

/// A confirmation mail to send.
#[derive(Debug, Serialize, Deserialize)]
pub struct ConfirmMail {
    pub user_id: i64,
    /// The person also asked to remove their comments, threads and replies.
    pub remove_contributions: bool,
    /// The language of the page the deletion was asked from.
    pub locale: String,
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Queues the confirmation mail (committed at once: nothing else changes with it).
pub async fn queue(app: &AppState, mail: &ConfirmMail) -> Result<(), sqlx::Error> {
    let mut conn = app.db.pool.acquire().await?;
    enqueue(
        &mut conn,
        NewJob {
            kind: CONFIRM_MAIL,
            payload: mail,
            dedup_key: None,
        },
    )
    .await?;
    app.jobs.wake();
    Ok(())
}

/// Sends [`CONFIRM_MAIL`]: issues the token and mails the link. An account erased or gone
/// meanwhile needs no mail.
pub async fn send_confirm_mail(app: AppState, job: Job) -> Result<(), JobError> {
    let mail: ConfirmMail = job.payload()?;
    let Some(account) = store::by_id(&app.db, mail.user_id).await? else {
        return Ok(());
    };
    // Written from `Locale::code` when queued: an unknown one is an error, never a default.
    let locale = Locale::try_from(mail.locale.as_str()).map_err(sqlx::Error::from)?;
    let minutes = app.config.erasure.confirm_minutes;
    let token = issue(&app, account.id, mail.remove_contributions, minutes).await?;
    super::mail_link::send(
        &app,
        &job,
        &account,
        locale,
        "mail-erasure-confirm",
        &format!("/compte/supprimer?jeton={token}"),
        minutes,
    )
    .await?;
    Ok(())
}

/// Creates a token for `user_id`, valid `minutes`; returns the token to put in the link.
async fn issue(
    app: &AppState,
    user_id: i64,
    remove_contributions: bool,
    minutes: i64,
) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let created = app.clock.now_seconds();
    sqlx::query("INSERT INTO erasure_requests (user_id, token_hash, remove_contributions, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(user_id)
        .bind(digest(&token))
        .bind(i64::from(remove_contributions))
        .bind(created)
        .bind(created + minutes * 60)
        .execute(&app.db.pool)
        .await?;
    Ok(token)
}

/// What a valid token asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct ErasureRequest {
    pub user_id: i64,
    /// 1 when the person also asked to remove their contributions.
    pub remove_contributions: i64,
}

/// The request a still-valid, unused token stands for. Confirming does not mark it used:
/// the erasure deletes the account's tokens in its own transaction, so a refused erasure
/// (the last site administrator) leaves the link as it was.
pub async fn peek(app: &AppState, token: &str) -> Result<Option<ErasureRequest>, sqlx::Error> {
    sqlx::query_as("SELECT user_id, remove_contributions FROM erasure_requests WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(digest(token))
        .bind(app.clock.now_seconds())
        .fetch_optional(&app.db.pool)
        .await
}

/// Drops expired and used tokens.
pub async fn prune(app: &AppState) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM erasure_requests WHERE expires_at <= $1 OR used_at IS NOT NULL")
        .bind(app.clock.now_seconds())
        .execute(&app.db.pool)
        .await?;
    Ok(())
}
