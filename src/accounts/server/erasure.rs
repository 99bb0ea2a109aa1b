//! Erasing an account: at its owner's request (confirmed by password and by mail, see
//! `erasure_tokens.rs` and `erasure_api.rs`) or by the retention round for an inactive account.
//! Everything happens in one transaction; CV files are deleted once it has committed (a file
//! left behind by a crash in between is an orphan nobody can reach, never a dangling row).
//!
//! The `users` row stays as a **tombstone**: `erased_at` set, e-mail replaced by
//! `erased-<id>@erased.invalid` (a reserved domain that never receives mail), name replaced by
//! [`FORMER_MEMBER`], no password, no name key (no mention or directory search finds it). Why
//! a tombstone rather than deleting the row: decided applications, published fiches, comments,
//! application histories and others' notes point at the account, several through `NOT NULL`
//! keys, and the direction's figures count those applications; deleting the row would have to
//! delete or rewrite all of them. The tombstone holds nothing personal, cannot sign in (the
//! account reads skip erased rows, so every session of it ends at its next request, and its
//! session records are deleted here), and frees the address so it can sign up again.
//!
//! [`HANDLED`] says, for every column that holds an account id, what the erasure does with it
//! (`tests/erasure.rs` reads both engines' catalogues and fails on a column not listed).

use super::{caller::access_changed, store};
use crate::{
    accounts::types::FORMER_MEMBER,
    i18n::Locale,
    server::{jobs, sessions, state::AppState},
};
use serde::{Deserialize, Serialize};

/// Why an account is erased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasureReason {
    /// Its owner asked (confirmed by password and mail); a final mail confirms.
    OwnRequest,
    /// The retention round: no sign-in for longer than the retention period.
    Inactive,
}

impl ErasureReason {
    fn code(self) -> &'static str {
        match self {
            ErasureReason::OwnRequest => "own_request",
            ErasureReason::Inactive => "inactive",
        }
    }
}

/// What the person chose beyond the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasureOptions {
    /// Also remove their comments, discussion threads (with the replies under them) and
    /// replies, instead of keeping them under [`FORMER_MEMBER`].
    pub remove_contributions: bool,
}

/// How many rows (or files) of each kind the erasure deleted, anonymised or kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErasureReport {
    pub candidate_profiles: u64,
    pub member_profiles: u64,
    pub cv_files: u64,
    pub saved_searches: u64,
    pub sessions: u64,
    pub follows: u64,
    pub notifications: u64,
    pub digest_optouts: u64,
    pub reset_tokens: u64,
    pub erasure_tokens: u64,
    /// "My data" archive files deleted.
    pub data_exports: u64,
    pub login_failures: u64,
    pub role_grants: u64,
    pub pool_handlers: u64,
    pub flags: u64,
    pub member_contacts: u64,
    /// Pending applications withdrawn (each with a mail to the direction).
    pub applications_withdrawn: u64,
    /// Applications kept without letter, messages or notes, for the direction's figures.
    pub applications_anonymised: u64,
    pub application_messages: u64,
    pub application_notes: u64,
    /// Fiches never published, deleted.
    pub unpublished_fiches: u64,
    /// Published fiches kept under [`FORMER_MEMBER`].
    pub fiches_kept: u64,
    pub contributions_removed: u64,
    pub contributions_kept: u64,
    /// Espaces: memberships, sign-in links, the agent grant and invitations to the address.
    pub space_rows: u64,
    /// Other people's notifications that named the account, renamed.
    pub notifications_renamed: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ErasureError {
    /// No such account, or it was erased already.
    #[error("no such account")]
    NotFound,
    /// The site would be left without a site administrator.
    #[error("the last site administrator cannot be erased")]
    LastSiteAdmin,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What the erasure does with one column holding an account id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// The rows of the account are deleted.
    Deleted,
    /// The rows stay, stripped of what identifies the person.
    Anonymised,
    /// The rows stay as they are, pointing at the tombstone; the reason says why.
    Kept(&'static str),
}

/// One column holding an account id (`table.column`), and what the erasure does with it.
#[derive(Debug, Clone, Copy)]
pub struct Handled {
    pub table: &'static str,
    pub column: &'static str,
    pub handling: Handling,
}

const fn h(table: &'static str, column: &'static str, handling: Handling) -> Handled {
    Handled {
        table,
        column,
        handling,
    }
}

/// Every column that holds an account id, and what an erasure does with it. `tests/erasure.rs`
/// fails when the catalogue of either engine has one that is not listed here.
pub const HANDLED: &[Handled] = &[
    h("users", "id", Handling::Anonymised),
    h("role_grants", "user_id", Handling::Deleted),
    h("role_grants", "granted_by", Handling::Kept("a role the account granted to someone else stays granted")),
    h("password_resets", "user_id", Handling::Deleted),
    h("erasure_requests", "user_id", Handling::Deleted),
    h("data_exports", "user_id", Handling::Deleted),
    h("sessions", "data", Handling::Deleted),
    h("login_failures", "email", Handling::Deleted),
    h("offers", "created_by", Handling::Kept("an offer belongs to its direction, not to the agent who wrote it")),
    h("candidate_profiles", "user_id", Handling::Deleted),
    h("applications", "candidate_id", Handling::Anonymised),
    h("application_events", "actor_id", Handling::Kept("an application's history (states and times) holds the direction's figures; the actor is the tombstone")),
    h("application_messages", "author_id", Handling::Kept("the account's own applications lose all their messages; what it wrote as an agent on others' applications belongs to that file")),
    h("application_notes", "author_id", Handling::Kept("the account's own applications lose all their notes; notes it wrote as an agent belong to others' files")),
    h("answer_templates", "updated_by", Handling::Kept("a direction's answer template, not personal")),
    h("pool_handlers", "user_id", Handling::Deleted),
    h("saved_searches", "user_id", Handling::Deleted),
    h("fiches", "author_id", Handling::Kept("published fiches are public knowledge and stay under \"ancien membre\"; fiches never published are deleted")),
    h("fiche_revisions", "author_id", Handling::Kept("revisions of kept fiches, under \"ancien membre\"")),
    h("fiche_reviews", "editor_id", Handling::Kept("an editor's review of someone else's fiche")),
    h("promo_terms", "added_by", Handling::Kept("an editorial word list, not personal")),
    h("fiche_images", "owner_id", Handling::Kept("images are part of the fiches they were placed in")),
    h("fiche_comments", "author_id", Handling::Kept("comments stay under \"ancien membre\" unless the person asks for their removal")),
    h("threads", "author_id", Handling::Kept("threads stay under \"ancien membre\" unless the person asks for their removal")),
    h("thread_replies", "author_id", Handling::Kept("replies stay under \"ancien membre\" unless the person asks for their removal")),
    h("moderation_log", "editor_id", Handling::Kept("the moderation log records an editor's decision on others' posts")),
    h("flags", "user_id", Handling::Deleted),
    h("follows", "user_id", Handling::Deleted),
    h("notifications", "user_id", Handling::Deleted),
    h("digest_optouts", "user_id", Handling::Deleted),
    h("member_profiles", "user_id", Handling::Deleted),
    h("member_fields", "user_id", Handling::Deleted),
    h("member_contacts", "sender_id", Handling::Deleted),
    h("member_contacts", "recipient_id", Handling::Deleted),
    h("spaces", "created_by", Handling::Kept("a space belongs to its members, not to the agent who opened it")),
    h("space_members", "user_id", Handling::Deleted),
    h("space_members", "added_by", Handling::Kept("who added a member is part of the space's record")),
    h("space_invitations", "invited_by", Handling::Kept("an invitation the account sent belongs to the space; invitations to its own address are deleted")),
    h("space_invitations", "accepted_by", Handling::Kept("an accepted invitation records the space's membership history")),
    h("space_sign_in_links", "user_id", Handling::Deleted),
    h("space_agents", "user_id", Handling::Deleted),
    h("space_agents", "granted_by", Handling::Kept("a grant the account made to someone else stays")),
    h("forum_threads", "author_id", Handling::Kept("a forum thread belongs to its space: shown under the former-member name")),
    h("forum_posts", "author_id", Handling::Kept("a forum post belongs to its thread: shown under the former-member name")),
    h("forum_reads", "user_id", Handling::Deleted),
    h("space_activity", "actor_id", Handling::Kept("what the account did in a space belongs to the space's history")),
    h("space_mentions", "user_id", Handling::Deleted),
    h("space_events", "created_by", Handling::Kept("an event the account created belongs to the space's calendar")),
    h("space_event_attendees", "user_id", Handling::Deleted),
    h("space_calendar_feeds", "user_id", Handling::Deleted),
    h("space_folders", "created_by", Handling::Kept("a folder belongs to its space, not to the member who made it")),
    h("space_documents", "created_by", Handling::Kept("a document belongs to its space; its author shows as the tombstone")),
    h("space_documents", "deleted_by", Handling::Kept("who put a document in the bin is part of the space's record")),
    h("space_document_versions", "uploaded_by", Handling::Kept("a version belongs to its document and space; its author shows as the tombstone")),
    h("space_document_shares", "created_by", Handling::Kept("a share link belongs to its document; the account's links still valid are revoked")),
    h("space_document_shares", "revoked_by", Handling::Kept("who revoked a share link is part of the document's record")),
    h("wiki_pages", "created_by", Handling::Kept("a page belongs to its space's wiki; its author shows as the tombstone")),
    h("wiki_updates", "user_id", Handling::Kept("an edit is part of a page every member shares; its author shows as the tombstone")),
    h("wiki_clients", "user_id", Handling::Kept("keeps the account's Yjs client numbers from being taken over by someone else")),
    h("wiki_revisions", "saved_by", Handling::Kept("who saved a revision is part of the page's history; shown as the tombstone")),
    h("wiki_revision_authors", "user_id", Handling::Kept("a revision's authors are part of the page's history; shown as the tombstone")),
    h("wiki_follows", "user_id", Handling::Deleted),
    h("wiki_page_shares", "created_by", Handling::Kept("a share link belongs to its page; the account's links still valid are revoked")),
    h("wiki_page_shares", "revoked_by", Handling::Kept("who revoked a share link is part of the page's record")),
    h("wiki_revisions", "approved_by", Handling::Kept("who approved a revision is part of the page's history; shown as the tombstone")),
    h("wiki_revisions", "changes_asked_by", Handling::Kept("who asked for changes is part of the page's history; shown as the tombstone")),
];

/// The job kind of the mail that confirms an erasure, sent to the address the account had.
pub const ERASED_MAIL: &str = "accounts.erased_mail";

/// The payload of [`ERASED_MAIL`]: the only place the old address survives, until it is sent.
#[derive(Debug, Serialize, Deserialize)]
pub struct ErasedMail {
    pub email: String,
    pub locale: String,
}

/// Erases `account`, keeping its comments and threads under [`FORMER_MEMBER`]. See
/// [`erase_account_with`].
pub async fn erase_account(
    state: &AppState,
    account: i64,
    reason: ErasureReason,
) -> Result<ErasureReport, ErasureError> {
    erase_account_with(state, account, reason, ErasureOptions::default()).await
}

/// The tombstone's address: unique per account, in the reserved `.invalid` domain.
pub fn tombstone_email(account: i64) -> String {
    format!("erased-{account}@erased.invalid")
}

/// Erases `account` in one transaction (what goes, what stays: the module's doc and
/// [`HANDLED`]); pending applications are withdrawn with a notice to the direction; on
/// [`ErasureReason::OwnRequest`] a final mail to the old address is queued in the same
/// transaction. Errors: [`ErasureError::NotFound`] (unknown or already erased),
/// [`ErasureError::LastSiteAdmin`] (nothing is changed).
pub async fn erase_account_with(
    state: &AppState,
    account: i64,
    reason: ErasureReason,
    options: ErasureOptions,
) -> Result<ErasureReport, ErasureError> {
    let at = state.clock.now_seconds();
    let mut tx = state.db.begin_write().await?;
    let person: Option<(String, String)> =
        sqlx::query_as("SELECT email, locale FROM users WHERE id = $1 AND erased_at IS NULL")
            .bind(account)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((email, locale)) = person else {
        return Err(ErasureError::NotFound);
    };
    if store::is_last_site_admin(&mut tx, account).await? {
        return Err(ErasureError::LastSiteAdmin);
    }
    let mut report = ErasureReport::default();

    let stages = crate::stages::server::erasure::erase(&mut tx, account).await?;
    report.candidate_profiles = stages.profiles;
    report.saved_searches = stages.saved_searches;
    report.pool_handlers = stages.pool_handlers;
    report.applications_withdrawn = stages.applications_withdrawn;
    report.applications_anonymised = stages.applications_anonymised;
    report.application_messages = stages.messages;
    report.application_notes = stages.notes;

    let innovation = crate::innovation::server::erasure::erase(
        &mut tx,
        account,
        options.remove_contributions,
        FORMER_MEMBER,
    )
    .await?;
    report.member_profiles = innovation.member_profiles;
    report.follows = innovation.follows;
    report.notifications = innovation.notifications;
    report.digest_optouts = innovation.digest_optouts;
    report.flags = innovation.flags;
    report.member_contacts = innovation.contacts;
    report.unpublished_fiches = innovation.unpublished_fiches;
    report.fiches_kept = innovation.fiches_kept;
    report.contributions_removed = innovation.contributions_removed;
    report.contributions_kept = innovation.contributions_kept;
    report.notifications_renamed = innovation.notifications_renamed;

    report.space_rows = crate::espaces::server::erasure::erase(&mut tx, account).await?;
    report.space_rows +=
        crate::espaces::server::forum_personal_data::erase(&mut tx, account).await?;
    report.space_rows += crate::espaces::server::calendar_personal::erase(&mut tx, account).await?;
    report.space_rows += crate::wiki::server::follows::erase(&mut tx, account).await?;

    let erased = store::erase_own_rows(&mut tx, account, &email).await?;
    report.role_grants = erased.role_grants;
    report.reset_tokens = erased.reset_tokens;
    report.erasure_tokens = erased.erasure_tokens;
    report.login_failures = erased.login_failures;
    report.sessions = sessions::delete_where(&mut tx, &format!("\"user_id\":{account}"), |r| {
        holds_account(r, account)
    })
    .await?;
    let archives = super::data_export::store::delete_of(&mut tx, account).await?;
    store::make_tombstone(&mut tx, account, &tombstone_email(account), at).await?;
    if reason == ErasureReason::OwnRequest {
        jobs::enqueue(
            &mut tx,
            jobs::NewJob {
                kind: ERASED_MAIL,
                payload: &ErasedMail { email, locale },
                dedup_key: Some(format!("{ERASED_MAIL}:{account}")),
            },
        )
        .await?;
    }
    tx.commit().await?;

    for file in &stages.cv_files {
        match crate::stages::server::profiles::cv_key(file) {
            Ok(key) => match state.storage.delete(&key).await {
                Ok(true) => report.cv_files += 1,
                Ok(false) => {}
                Err(e) => tracing::error!(error = %e, "could not delete an erased account's CV"),
            },
            Err(e) => tracing::error!(error = %e, "an erased account's CV has no valid key"),
        }
    }
    for file in &archives {
        match super::data_export::archive_key(file) {
            Ok(key) => match state.storage.delete(&key).await {
                Ok(true) => report.data_exports += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(error = %e, "could not delete an erased account's data archive")
                }
            },
            Err(e) => {
                tracing::error!(error = %e, "an erased account's data archive has no valid key")
            }
        }
    }
    stages.changes.committed(state).await;
    access_changed(&state.realtime, account).await;
    state.jobs.wake();
    // Counts only, never contents.
    tracing::info!(user = account, reason = reason.code(), report = ?report, "account erased");
    Ok(report)
}

/// Whether a stored session record is signed in as `account` (axum-login keeps the account
/// id as `user_id` in its entry of the session's data).
fn holds_account(record: &serde_json::Value, account: i64) -> bool {
    record
        .get("data")
        .and_then(serde_json::Value::as_object)
        .is_some_and(|data| {
            data.values().any(|entry| {
                entry.get("user_id").and_then(serde_json::Value::as_i64) == Some(account)
            })
        })
}

/// Sends [`ERASED_MAIL`].
pub async fn send_erased_mail(app: AppState, job: jobs::Job) -> Result<(), jobs::JobError> {
    let mail: ErasedMail = job.payload()?;
    // Written from the account's stored language: an unknown one is an error, never a default.
    let locale = Locale::try_from(mail.locale.as_str()).map_err(sqlx::Error::from)?;
    app.mailer
        .send_as(
            &job.message_id(&app.config),
            &mail.email,
            &locale.t("mail-erased-subject"),
            locale.t("mail-erased-body"),
        )
        .await?;
    Ok(())
}
