//! Mail notices of the selection: the offer's contact hears of each new application and of
//! each candidate's message, the candidate of each decision (with its answer) and of each
//! agent's message. Sent in the background once the change is saved, so a slow
//! mail relay never slows the agent down; a mail that fails is logged and does not undo the
//! change (the site shows the same information).

use crate::{i18n::Locale, server::state::AppState};
use sqlx::Row;

/// Who and what a notice is about.
struct Facts {
    /// The offer's title, or the direction's name for a spontaneous application.
    offer_title: String,
    /// Nobody for a spontaneous application (its pool is read on the site).
    contact_email: Option<String>,
    candidate_email: String,
    candidate_name: String,
    candidate_locale: Locale,
    state: String,
}

async fn facts(state: &AppState, application_id: i64) -> Result<Option<Facts>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COALESCE(o.title, d.name) AS title, o.contact_email, u.email, u.display_name, u.locale, a.state FROM applications a \
         JOIN directions d ON d.id = a.direction_id LEFT JOIN offers o ON o.id = a.offer_id JOIN users u ON u.id = a.candidate_id WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_optional(&state.db.pool)
    .await?;
    row.map(|r| {
        Ok(Facts {
            offer_title: r.try_get("title")?,
            contact_email: r.try_get("contact_email")?,
            candidate_email: r.try_get("email")?,
            candidate_name: r.try_get("display_name")?,
            candidate_locale: Locale::try_from(r.try_get::<String, _>("locale")?)?,
            state: r.try_get("state")?,
        })
    })
    .transpose()
}

async fn send(state: &AppState, to: &str, subject: String, body: String) {
    if let Err(error) = state.mailer.send(to, &subject, body).await {
        tracing::error!(%error, to, "notice not sent");
    }
}

/// Tells the offer's contact that an application arrived (in French, the staff's language).
pub fn received(state: &AppState, application_id: i64) {
    let state = state.clone();
    tokio::spawn(async move { received_now(&state, application_id).await });
}

async fn received_now(state: &AppState, application_id: i64) {
    match facts(state, application_id).await {
        Ok(Some(Facts { contact_email: Some(contact), offer_title, candidate_name, .. })) => {
            let locale = Locale::Fr;
            let link = state.config.public_link(&format!("/stages/candidatures/{application_id}"));
            let args = [("title", offer_title), ("name", candidate_name), ("link", link)];
            send(state, &contact, locale.t_with("mail-application-received-subject", &args), locale.t_with("mail-application-received-body", &args)).await;
        }
        Ok(Some(_)) => {}
        Ok(None) => {}
        Err(error) => tracing::error!(%error, "notice facts not read"),
    }
}

/// Tells the candidate, in their language, where their application now stands.
pub fn decision(state: &AppState, application_id: i64) {
    let state = state.clone();
    tokio::spawn(async move { decision_now(&state, application_id).await });
}

async fn decision_now(state: &AppState, application_id: i64) {
    match facts(state, application_id).await {
        Ok(Some(f)) => {
            let locale = f.candidate_locale;
            let state_label = locale.t(&format!("application-state-{}", f.state));
            let link = state.config.public_link(&format!("/stages/candidatures/{application_id}"));
            // A decision's answer goes in the mail (it was saved with the decision).
            let answer = if matches!(f.state.as_str(), "accepted" | "declined") { last_agent_message(state, application_id).await } else { None };
            let answer = answer.map(|text| format!("\n{text}\n")).unwrap_or_default();
            let args = [("title", f.offer_title.clone()), ("name", f.candidate_name.clone()), ("state", state_label), ("link", link), ("answer", answer)];
            send(state, &f.candidate_email, locale.t_with("mail-application-moved-subject", &args), locale.t_with("mail-application-moved-body", &args)).await;
        }
        Ok(None) => {}
        Err(error) => tracing::error!(%error, "notice facts not read"),
    }
}

async fn last_agent_message(state: &AppState, application_id: i64) -> Option<String> {
    let row = sqlx::query("SELECT body FROM application_messages WHERE application_id = $1 AND from_candidate = 0 ORDER BY at DESC, id DESC LIMIT 1")
        .bind(application_id)
        .fetch_optional(&state.db.pool)
        .await;
    match row {
        Ok(row) => row.and_then(|r| r.try_get("body").ok()),
        Err(error) => {
            tracing::error!(%error, "answer not read for the notice");
            None
        }
    }
}

/// Tells the other side of a message: the candidate (in their language) when an agent wrote,
/// the offer's contact when the candidate did.
pub fn message(state: &AppState, application_id: i64, from_candidate: bool) {
    let state = state.clone();
    tokio::spawn(async move {
        match facts(&state, application_id).await {
            Ok(Some(f)) => {
                let link = state.config.public_link(&format!("/stages/candidatures/{application_id}"));
                let (to, locale) = if from_candidate { (f.contact_email, Locale::Fr) } else { (Some(f.candidate_email), f.candidate_locale) };
                let args = [("title", f.offer_title), ("name", f.candidate_name), ("link", link)];
                if let Some(to) = to {
                    send(&state, &to, locale.t_with("mail-message-subject", &args), locale.t_with("mail-message-body", &args)).await;
                }
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "notice facts not read"),
        }
    });
}
