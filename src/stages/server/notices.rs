//! Mail notices of the selection: the offer's contact hears of each new application and of
//! each candidate's message; the direction's admins and pool handlers of each spontaneous
//! application; the candidate of each decision (with its answer) and of each agent's message.
//! Each notice is a job (`server::jobs`) recorded with the change (`events::Changes`), so a
//! slow or failing relay never slows the agent down nor loses the mail: it is retried, and
//! listed for site admins when it keeps failing.

use crate::{
    i18n::Locale,
    server::{
        jobs::{Job, JobError, JobFuture},
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};

/// The job kind of every notice.
pub const KIND: &str = "stages.notice";

/// A notice to send; the job's payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// To the offer's contact (in French, the staff's language).
    Received { application_id: i64 },
    /// To the direction's admins and pool handlers (in French).
    Spontaneous { application_id: i64 },
    /// To the candidate, in their language: the application is now in `state`.
    Decision { application_id: i64, state: String },
    /// To the offer's contact, or for a spontaneous application to the direction's admins
    /// and pool (in French): the candidate deleted their account, so their pending
    /// application was withdrawn. The mail names no one: the account is gone.
    WithdrawnErased { application_id: i64 },
    /// To the other side of a message.
    Message {
        application_id: i64,
        from_candidate: bool,
    },
}

impl Notice {
    /// An application is received once: its notice is never queued twice.
    pub fn dedup_key(&self) -> Option<String> {
        match self {
            Notice::Received { application_id } => {
                Some(format!("{KIND}:received:{application_id}"))
            }
            Notice::Spontaneous { application_id } => {
                Some(format!("{KIND}:spontaneous:{application_id}"))
            }
            Notice::WithdrawnErased { application_id } => {
                Some(format!("{KIND}:withdrawn-erased:{application_id}"))
            }
            Notice::Decision { .. } | Notice::Message { .. } => None,
        }
    }
}

/// The job handler.
pub fn run(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let notice: Notice = job.payload()?;
        send(&app, &job, &notice).await
    })
}

/// Who and what a notice is about.
#[derive(sqlx::FromRow)]
struct Facts {
    /// The offer's title, or the direction's name for a spontaneous application.
    #[sqlx(rename = "title")]
    offer_title: String,
    /// Nobody for a spontaneous application (its pool is read on the site).
    contact_email: Option<String>,
    #[sqlx(rename = "email")]
    candidate_email: String,
    #[sqlx(rename = "display_name")]
    candidate_name: String,
    #[sqlx(rename = "locale")]
    candidate_locale: Locale,
    direction_id: i64,
    /// Set when the candidate deleted their account: nothing more is mailed to them.
    erased_at: Option<i64>,
}

async fn facts(state: &AppState, application_id: i64) -> Result<Option<Facts>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(o.title, d.name) AS title, o.contact_email, u.email, u.display_name, u.locale, a.direction_id, u.erased_at FROM applications a \
         JOIN directions d ON d.id = a.direction_id LEFT JOIN offers o ON o.id = a.offer_id JOIN users u ON u.id = a.candidate_id WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_optional(&state.db.pool)
    .await
}

/// Renders and sends `notice`; an application deleted meanwhile needs no mail.
async fn send(app: &AppState, job: &Job, notice: &Notice) -> Result<(), JobError> {
    let (Notice::Received { application_id }
    | Notice::Spontaneous { application_id }
    | Notice::Decision { application_id, .. }
    | Notice::WithdrawnErased { application_id }
    | Notice::Message { application_id, .. }) = notice;
    let Some(f) = facts(app, *application_id).await? else {
        return Ok(());
    };
    let link = app
        .config
        .public_link(&format!("/stages/candidatures/{application_id}"));
    let message_id = job.message_id(&app.config);
    match notice {
        Notice::Received { .. } => {
            let Some(contact) = f.contact_email else {
                return Ok(());
            };
            let locale = Locale::Fr;
            let args = [
                ("title", f.offer_title),
                ("name", f.candidate_name),
                ("link", link),
            ];
            app.mailer
                .send_as(
                    &message_id,
                    &contact,
                    &locale.t_with("mail-application-received-subject", &args),
                    locale.t_with("mail-application-received-body", &args),
                )
                .await?;
        }
        Notice::Spontaneous { .. } => {
            let locale = Locale::Fr;
            let args = [
                ("title", f.offer_title),
                ("name", f.candidate_name),
                ("link", link),
            ];
            let (subject, body) = (
                locale.t_with("mail-spontaneous-received-subject", &args),
                locale.t_with("mail-spontaneous-received-body", &args),
            );
            // One message to all of them: one job, one Message-ID.
            let people = pool_people(app, f.direction_id).await?;
            if people.is_empty() {
                return Ok(());
            }
            let people: Vec<&str> = people.iter().map(String::as_str).collect();
            app.mailer
                .send_to_all_as(&message_id, &people, &subject, body)
                .await?;
        }
        Notice::WithdrawnErased { .. } => {
            let locale = Locale::Fr;
            let args = [
                ("title", f.offer_title),
                ("number", application_id.to_string()),
                ("link", link),
            ];
            let (subject, body) = (
                locale.t_with("mail-application-withdrawn-erased-subject", &args),
                locale.t_with("mail-application-withdrawn-erased-body", &args),
            );
            let people = match f.contact_email {
                Some(contact) => vec![contact],
                None => pool_people(app, f.direction_id).await?,
            };
            if people.is_empty() {
                return Ok(());
            }
            let people: Vec<&str> = people.iter().map(String::as_str).collect();
            app.mailer
                .send_to_all_as(&message_id, &people, &subject, body)
                .await?;
        }
        Notice::Decision { state, .. } => {
            if f.erased_at.is_some() {
                return Ok(());
            }
            let locale = f.candidate_locale;
            let state_label = locale.t(&format!("application-state-{state}"));
            // A decision's answer goes in the mail (it was saved with the decision).
            let answer = if matches!(state.as_str(), "accepted" | "declined") {
                last_agent_message(app, *application_id).await?
            } else {
                None
            };
            let answer = answer.map(|text| format!("\n{text}\n")).unwrap_or_default();
            let args = [
                ("title", f.offer_title),
                ("name", f.candidate_name),
                ("state", state_label),
                ("link", link),
                ("answer", answer),
            ];
            app.mailer
                .send_as(
                    &message_id,
                    &f.candidate_email,
                    &locale.t_with("mail-application-moved-subject", &args),
                    locale.t_with("mail-application-moved-body", &args),
                )
                .await?;
        }
        Notice::Message { from_candidate, .. } => {
            let (to, locale) = if *from_candidate {
                (f.contact_email, Locale::Fr)
            } else if f.erased_at.is_some() {
                (None, f.candidate_locale)
            } else {
                (Some(f.candidate_email), f.candidate_locale)
            };
            let Some(to) = to else { return Ok(()) };
            let args = [
                ("title", f.offer_title),
                ("name", f.candidate_name),
                ("link", link),
            ];
            app.mailer
                .send_as(
                    &message_id,
                    &to,
                    &locale.t_with("mail-message-subject", &args),
                    locale.t_with("mail-message-body", &args),
                )
                .await?;
        }
    }
    Ok(())
}

/// The addresses of the direction's admins and of the agents handling its pool.
async fn pool_people(app: &AppState, direction_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT u.email FROM users u WHERE u.id IN (SELECT user_id FROM pool_handlers WHERE direction_id = $1) \
         OR u.id IN (SELECT user_id FROM role_grants WHERE role = 'direction_admin' AND direction_id = $1) ORDER BY u.email",
    )
    .bind(direction_id)
    .fetch_all(&app.db.pool)
    .await
}

async fn last_agent_message(
    app: &AppState,
    application_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM application_messages WHERE application_id = $1 AND from_candidate = 0 ORDER BY at DESC, id DESC LIMIT 1")
        .bind(application_id)
        .fetch_optional(&app.db.pool)
        .await
}
