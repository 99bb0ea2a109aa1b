//! Stages' part of an account's erasure (`accounts::server::erasure`), on the erasure's one
//! transaction: pending applications are withdrawn through the usual state move, with a mail
//! notice to the offer's contact (or the direction's admins and pool), and every application
//! of the account loses its letter, messages and notes; its state, dates and history stay, so
//! the direction's figures (answer times, counts) do not change. The candidate's profile, CV
//! (the file is deleted by the caller once the transaction committed), saved searches and
//! pool handler entries go.

use super::{applications, events::Changes, notices::Notice};
use crate::stages::application::ApplicationState;
use sqlx::AnyConnection;

/// What Stages erased, and what must follow once the transaction commits.
#[derive(Debug, Default)]
pub struct StagesErased {
    /// Candidate profiles deleted (0 or 1).
    pub profiles: u64,
    /// CV file names under `data_dir/cv`, to delete after the commit.
    pub cv_files: Vec<String>,
    pub saved_searches: u64,
    pub pool_handlers: u64,
    /// Pending applications moved to "withdrawn", each with its notice.
    pub applications_withdrawn: u64,
    /// Applications kept without letter, messages or notes (the withdrawn ones included).
    pub applications_anonymised: u64,
    /// Messages deleted from the account's applications (both sides).
    pub messages: u64,
    /// Agents' notes deleted from the account's applications.
    pub notes: u64,
    /// The withdrawals' notices and live events: recorded in the transaction, announced by
    /// the caller after the commit (`Changes::committed`).
    pub changes: Changes,
}

/// Erases Stages' data of `account` on `conn` (the caller's transaction).
pub async fn erase(conn: &mut AnyConnection, account: i64) -> Result<StagesErased, sqlx::Error> {
    let mut out = StagesErased::default();
    for (id, keys) in applications::keys_of_candidate(conn, account).await? {
        if !keys.state.is_pending() {
            continue;
        }
        let withdrawn = applications::move_state(
            conn,
            id,
            keys.state,
            ApplicationState::Withdrawn,
            account,
            false,
            None,
        )
        .await?;
        if withdrawn {
            out.applications_withdrawn += 1;
            out.changes.application(
                keys.event(id, ApplicationState::Withdrawn),
                Some(Notice::WithdrawnErased { application_id: id }),
            );
        }
    }
    out.changes.record(conn).await?;
    let mine = "SELECT id FROM applications WHERE candidate_id = $1";
    out.messages = sqlx::query(&format!(
        "DELETE FROM application_messages WHERE application_id IN ({mine})"
    ))
    .bind(account)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    out.notes = sqlx::query(&format!(
        "DELETE FROM application_notes WHERE application_id IN ({mine})"
    ))
    .bind(account)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    out.applications_anonymised =
        sqlx::query("UPDATE applications SET cover_letter = '' WHERE candidate_id = $1")
            .bind(account)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    out.cv_files = sqlx::query_scalar::<_, Option<String>>(
        "SELECT cv_file FROM candidate_profiles WHERE user_id = $1",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .flatten()
    .collect();
    out.profiles = sqlx::query("DELETE FROM candidate_profiles WHERE user_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    out.saved_searches = sqlx::query("DELETE FROM saved_searches WHERE user_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    out.pool_handlers = sqlx::query("DELETE FROM pool_handlers WHERE user_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(out)
}
