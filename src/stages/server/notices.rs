//! Mail notices of the selection: the offer's contact hears of each new application, the
//! candidate of each decision. Sent in the background once the change is saved, so a slow
//! mail relay never slows the agent down; a mail that fails is logged and does not undo the
//! change (the site shows the same information).

use crate::{i18n::Locale, server::state::AppState};
use sqlx::Row;

/// Who and what a notice is about.
struct Facts {
    offer_id: i64,
    offer_title: String,
    contact_email: String,
    candidate_email: String,
    candidate_name: String,
    candidate_locale: Locale,
    state: String,
}

async fn facts(state: &AppState, application_id: i64) -> Result<Option<Facts>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT o.id AS offer_id, o.title, o.contact_email, u.email, u.display_name, u.locale, a.state FROM applications a \
         JOIN offers o ON o.id = a.offer_id JOIN users u ON u.id = a.candidate_id WHERE a.id = $1",
    )
    .bind(application_id)
    .fetch_optional(&state.db.pool)
    .await?;
    row.map(|r| {
        Ok(Facts {
            offer_id: r.try_get("offer_id")?,
            offer_title: r.try_get("title")?,
            contact_email: r.try_get("contact_email")?,
            candidate_email: r.try_get("email")?,
            candidate_name: r.try_get("display_name")?,
            candidate_locale: Locale::parse(&r.try_get::<String, _>("locale")?).unwrap_or_default(),
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
        Ok(Some(f)) => {
            let locale = Locale::Fr;
            let link = state.config.public_link(&format!("/stages/offres/{}", f.offer_id));
            let args = [("title", f.offer_title.clone()), ("name", f.candidate_name.clone()), ("link", link)];
            send(state, &f.contact_email, locale.t_with("mail-application-received-subject", &args), locale.t_with("mail-application-received-body", &args)).await;
        }
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
            let link = state.config.public_link("/stages/candidatures");
            let args = [("title", f.offer_title.clone()), ("name", f.candidate_name.clone()), ("state", state_label), ("link", link)];
            send(state, &f.candidate_email, locale.t_with("mail-application-moved-subject", &args), locale.t_with("mail-application-moved-body", &args)).await;
        }
        Ok(None) => {}
        Err(error) => tracing::error!(%error, "notice facts not read"),
    }
}
