//! The `space_invitations` and `space_sign_in_links` tables. An invitation is recorded with
//! its mail job in one transaction; the job makes the token when it sends the mail (so it
//! never sits in the jobs table) and keeps only its SHA-256. The link's page shows the
//! invitation; accepting is a POST. A one-time sign-in link lets an outside partner in without
//! a password: mailed to their address, its page signs in by a POST, single use, short life.

use super::members;
use crate::{
    accounts::server::store,
    espaces::types::{InvitationRow, InvitationState, SpaceRole},
    i18n::Locale,
    server::{
        db::Db,
        human_dates::HumanDates,
        jobs::{enqueue, Job, JobError, NewJob},
        state::AppState,
        tokens,
    },
};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// The kind of the invitation mail job.
pub const INVITATION_MAIL: &str = "espaces.invitation_mail";
/// The kind of the one-time sign-in link's mail job.
pub const SIGN_IN_MAIL: &str = "espaces.sign_in_mail";

/// The payload of [`INVITATION_MAIL`].
#[derive(Debug, Serialize, Deserialize)]
pub struct InvitationMail {
    pub invitation_id: i64,
}

/// The payload of [`SIGN_IN_MAIL`].
#[derive(Debug, Serialize, Deserialize)]
pub struct SignInMail {
    pub user_id: i64,
    pub locale: String,
}

/// An invitation to record.
pub struct NewInvitation<'a> {
    pub space_id: i64,
    pub email: &'a str,
    pub role: SpaceRole,
    pub access_ends_at: Option<i64>,
    pub locale: Locale,
    pub invited_by: i64,
    pub at: i64,
    pub days: i64,
}

/// Why an invitation was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("already a member")]
    AlreadyMember,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Records an invitation and its mail job in one transaction; a pending invitation of the same
/// address to the same space is revoked first (the new one replaces it). Returns its id. The
/// space's row is locked first, so invitations to one space follow each other: two of one
/// address at the same instant end with the later one pending (without the lock, on
/// PostgreSQL, both saw none pending and the unique index refused the second).
pub async fn invite(app: &AppState, invitation: &NewInvitation<'_>) -> Result<i64, InviteError> {
    // A write first: on SQLite a transaction that reads, then writes, fails when another
    // writer committed in between (SQLITE_BUSY_SNAPSHOT); a refusal rolls this back.
    let mut tx = app.db.begin_write().await?;
    members::lock_space(&mut tx, invitation.space_id).await?;
    sqlx::query(
        "UPDATE space_invitations SET revoked_at = $3 WHERE space_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(invitation.space_id)
    .bind(invitation.email)
    .bind(invitation.at)
    .execute(&mut *tx)
    .await?;
    if members::is_member_address(
        &mut tx,
        invitation.space_id,
        invitation.email,
        invitation.at,
    )
    .await?
    {
        return Err(InviteError::AlreadyMember);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO space_invitations (space_id, email, role, access_ends_at, locale, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(invitation.space_id)
    .bind(invitation.email)
    .bind(invitation.role.code())
    .bind(invitation.access_ends_at)
    .bind(invitation.locale.code())
    .bind(invitation.invited_by)
    .bind(invitation.at)
    .bind(invitation.at + invitation.days * 86_400)
    .fetch_one(&mut *tx)
    .await?;
    enqueue(
        &mut tx,
        NewJob {
            kind: INVITATION_MAIL,
            payload: &InvitationMail { invitation_id: id },
            dedup_key: None,
        },
    )
    .await?;
    tx.commit().await?;
    app.jobs.wake();
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    id: i64,
    email: String,
    role: SpaceRole,
    expires_at: i64,
    revoked_at: Option<i64>,
}

/// The space's invitations not accepted (pending, expired, revoked), newest first.
pub async fn list(
    db: &Db,
    space_id: i64,
    now: i64,
    dates: &HumanDates,
) -> Result<Vec<InvitationRow>, sqlx::Error> {
    let rows: Vec<ListedRow> = sqlx::query_as(
        "SELECT id, email, role, expires_at, revoked_at FROM space_invitations \
         WHERE space_id = $1 AND accepted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 200",
    )
    .bind(space_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InvitationRow {
            id: r.id,
            email: r.email,
            role: r.role,
            expires: dates.instant(r.expires_at),
            state: if r.revoked_at.is_some() {
                InvitationState::Revoked
            } else if r.expires_at <= now {
                InvitationState::Expired
            } else {
                InvitationState::Pending
            },
        })
        .collect())
}

/// Revokes invitation `id` of the space if it is pending; false when there is none.
pub async fn revoke(db: &Db, space_id: i64, id: i64, at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE space_invitations SET revoked_at = $3 WHERE id = $1 AND space_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(space_id)
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An invitation as its link finds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub id: i64,
    pub space_id: i64,
    pub space_name: String,
    pub email: String,
    pub role: SpaceRole,
    pub access_ends_at: Option<i64>,
    pub invited_by: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub accepted_at: Option<i64>,
}

impl Invitation {
    /// Why the invitation cannot be accepted now (a translation key), if it cannot.
    pub fn refusal(&self, now: i64) -> Option<&'static str> {
        if self.accepted_at.is_some() {
            Some("error-invitation-used")
        } else if self.revoked_at.is_some() {
            Some("error-invitation-revoked")
        } else if self.expires_at <= now {
            Some("error-invitation-expired")
        } else {
            None
        }
    }
}

const SELECT_INVITATION: &str = "SELECT i.id, i.space_id, s.name AS space_name, i.email, i.role, i.access_ends_at, \
     COALESCE(u.display_name, '') AS invited_by, i.expires_at, i.revoked_at, i.accepted_at \
     FROM space_invitations i JOIN spaces s ON s.id = i.space_id LEFT JOIN users u ON u.id = i.invited_by";

/// The invitation `token` opens, whatever its state.
pub async fn by_token(db: &Db, token: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_INVITATION} WHERE i.token_hash = $1"))
        .bind(tokens::digest(token))
        .fetch_optional(&db.pool)
        .await
}

/// Invitation `id`, whatever its state.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_INVITATION} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// How many invitations `account` sent since `since` (Unix seconds), in every space: what
/// `[espaces] invitations_per_day` limits.
pub async fn sent_since(db: &Db, account: i64, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_invitations WHERE invited_by = $1 AND created_at > $2",
    )
    .bind(account)
    .bind(since)
    .fetch_one(&db.pool)
    .await
}

/// Pending invitations to `email` (for an account whose address is verified: "my spaces").
pub async fn pending_for(db: &Db, email: &str, now: i64) -> Result<Vec<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_INVITATION} WHERE i.email = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2 ORDER BY i.id"
    ))
    .bind(email)
    .bind(now)
    .fetch_all(&db.pool)
    .await
}

/// Accepts `invitation` for `user_id` inside the caller's transaction: marks it accepted
/// (only if still pending: false otherwise, e.g. revoked a moment ago), adds the member, and
/// records that the account reads its address when it is the invited one.
pub async fn accept(
    conn: &mut AnyConnection,
    invitation: &Invitation,
    user_id: i64,
    email_matches: bool,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE space_invitations SET accepted_at = $2, accepted_by = $3 \
         WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
         AND NOT EXISTS (SELECT 1 FROM spaces s WHERE s.id = space_invitations.space_id AND s.archived_at IS NOT NULL)",
    )
    .bind(invitation.id)
    .bind(at)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    members::add(
        conn,
        invitation.space_id,
        user_id,
        invitation.role,
        invitation.access_ends_at,
        user_id,
        at,
    )
    .await?;
    if email_matches {
        store::mark_email_verified(conn, user_id, at).await?;
    }
    Ok(true)
}

/// Sends [`INVITATION_MAIL`]: makes the token, keeps its hash, mails the link. An invitation
/// accepted, revoked or expired meanwhile needs no mail.
pub async fn send_invitation_mail(app: AppState, job: Job) -> Result<(), JobError> {
    let mail: InvitationMail = job.payload()?;
    let now = app.clock.now_seconds();
    let Some(invitation) = by_id(&app.db, mail.invitation_id).await? else {
        return Ok(());
    };
    if invitation.refusal(now).is_some() {
        return Ok(());
    }
    let locale: String = sqlx::query_scalar("SELECT locale FROM space_invitations WHERE id = $1")
        .bind(invitation.id)
        .fetch_one(&app.db.pool)
        .await?;
    // Written from `Locale::code` when recorded: an unknown one is an error, never a default.
    let locale = Locale::try_from(locale.as_str()).map_err(sqlx::Error::from)?;
    let (token, hash) = tokens::issue();
    sqlx::query("UPDATE space_invitations SET token_hash = $2 WHERE id = $1")
        .bind(invitation.id)
        .bind(hash)
        .execute(&app.db.pool)
        .await?;
    let dates = HumanDates::new(locale, app.clock.zone().clone());
    let body = locale.t_with(
        "mail-space-invitation-body",
        &[
            ("inviter", invitation.invited_by.clone()),
            ("space", invitation.space_name.clone()),
            ("role", locale.t(&invitation.role.label_key())),
            (
                "link",
                app.config
                    .public_link(&format!("/espaces/invitation?jeton={token}")),
            ),
            ("until", dates.instant_text(invitation.expires_at)),
        ],
    );
    let subject = locale.t_with(
        "mail-space-invitation-subject",
        &[("space", invitation.space_name.clone())],
    );
    app.mailer
        .send_as(
            &job.message_id(&app.config),
            &invitation.email,
            &subject,
            body,
        )
        .await?;
    Ok(())
}

/// Queues a one-time sign-in link for `user_id` (committed at once), at most one a minute per
/// account (the job's dedup key).
pub async fn queue_sign_in_link(
    app: &AppState,
    user_id: i64,
    locale: Locale,
) -> Result<(), sqlx::Error> {
    let mut conn = app.db.pool.acquire().await?;
    let minute = app.clock.now_seconds() / 60;
    enqueue(
        &mut conn,
        NewJob {
            kind: SIGN_IN_MAIL,
            payload: &SignInMail {
                user_id,
                locale: locale.code().to_string(),
            },
            dedup_key: Some(format!("{SIGN_IN_MAIL}:{user_id}:{minute}")),
        },
    )
    .await?;
    app.jobs.wake();
    Ok(())
}

/// Sends [`SIGN_IN_MAIL`]: makes the link's token (its hash stored, valid
/// `espaces.sign_in_link_minutes` from now) and mails it.
pub async fn send_sign_in_mail(app: AppState, job: Job) -> Result<(), JobError> {
    let mail: SignInMail = job.payload()?;
    let Some(account) = store::by_id(&app.db, mail.user_id).await? else {
        return Ok(());
    };
    let locale = Locale::try_from(mail.locale.as_str()).map_err(sqlx::Error::from)?;
    let minutes = app.config.espaces.sign_in_link_minutes;
    let (token, hash) = tokens::issue();
    let now = app.clock.now_seconds();
    sqlx::query(
        "INSERT INTO space_sign_in_links (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(account.id)
    .bind(hash)
    .bind(now)
    .bind(now + minutes * 60)
    .execute(&app.db.pool)
    .await?;
    crate::accounts::server::mail_link::send(
        &app,
        &job,
        &account,
        locale,
        "mail-space-sign-in",
        &format!("/espaces/connexion?jeton={token}"),
        minutes,
    )
    .await?;
    Ok(())
}

/// The account a valid, unused sign-in link belongs to, without using it.
pub async fn peek_sign_in(app: &AppState, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM space_sign_in_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(tokens::digest(token))
    .bind(app.clock.now_seconds())
    .fetch_optional(&app.db.pool)
    .await
}

/// Uses a sign-in link up: the account it signs in, if it was valid and unused (once only,
/// even for two posts at once); the account reads its address. When this link is the first
/// proof that the account's owner reads its address, its password becomes
/// `replacement_hash` (a secret nobody knows): a password chosen before could be anyone's —
/// an account opened with another person's address — and it stops working, with every
/// session it opened.
pub async fn consume_sign_in(
    app: &AppState,
    token: &str,
    replacement_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = app.clock.now_seconds();
    let mut tx = app.db.begin_write().await?;
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE space_sign_in_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
    )
    .bind(tokens::digest(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(user) = user {
        if store::mark_email_verified(&mut tx, user, now).await? {
            store::replace_password(&mut tx, user, replacement_hash).await?;
        }
    }
    tx.commit().await?;
    Ok(user)
}
