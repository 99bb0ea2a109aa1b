//! What Stages holds about one person, for their "my data" archive
//! (`accounts::server::data_export`): their candidate profile and CV, their applications with
//! history, messages and the agents' private notes, their saved searches, and, for staff, the
//! work their account did (offers created, moves made, notes written, pools handled).

use crate::server::{
    db::Db,
    personal_data::{array, arrays, list, nest, rows, Original, PersonalData},
};
use serde_json::Value;

/// Stages' part of `account`'s archive, with the CV.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();

    let profile = rows(
        db,
        "SELECT school, discipline, education_level, phone, presentation, cv_file, cv_bytes, cv_uploaded_at \
         FROM candidate_profiles WHERE user_id = $1",
        account,
    )
    .await?;
    if let Some(key) = profile
        .first()
        .and_then(|p| p.get("cv_file"))
        .and_then(Value::as_str)
        .and_then(|cv| super::profiles::cv_key(cv).ok())
    {
        data.originals.push(Original {
            name: "files/cv.pdf".into(),
            key,
        });
    }
    data.file(
        "candidate_profile.json",
        profile
            .into_iter()
            .next()
            .map_or(Value::Null, Value::Object),
    );

    let mut applications = rows(
        db,
        "SELECT a.id, a.offer_id, o.title AS offer_title, d.name AS direction, f.name AS metier_family, a.state, a.cover_letter, \
         a.created_at, a.updated_at, a.first_answer_at FROM applications a JOIN directions d ON d.id = a.direction_id \
         LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN metier_families f ON f.id = a.metier_family_id \
         WHERE a.candidate_id = $1 ORDER BY a.created_at, a.id",
        account,
    )
    .await?;
    let history = rows(
        db,
        "SELECT e.application_id, e.from_state, e.to_state, u.display_name AS by_name, e.at FROM application_events e \
         JOIN applications a ON a.id = e.application_id LEFT JOIN users u ON u.id = e.actor_id \
         WHERE a.candidate_id = $1 ORDER BY e.at, e.id",
        account,
    )
    .await?;
    let messages = rows(
        db,
        "SELECT m.application_id, m.from_candidate, u.display_name AS author, m.body, m.at FROM application_messages m \
         JOIN applications a ON a.id = m.application_id LEFT JOIN users u ON u.id = m.author_id \
         WHERE a.candidate_id = $1 ORDER BY m.at, m.id",
        account,
    )
    .await?;
    let notes = rows(
        db,
        "SELECT n.application_id, u.display_name AS author, n.body, n.at FROM application_notes n \
         JOIN applications a ON a.id = n.application_id LEFT JOIN users u ON u.id = n.author_id \
         WHERE a.candidate_id = $1 ORDER BY n.at, n.id",
        account,
    )
    .await?;
    nest(&mut applications, "history", "application_id", history);
    nest(&mut applications, "messages", "application_id", messages);
    nest(&mut applications, "agents_notes", "application_id", notes);
    data.file("applications.json", list(applications));

    data.file(
        "saved_searches.json",
        array(
            db,
            "SELECT id, query, created_at, checked_at FROM saved_searches WHERE user_id = $1 ORDER BY id",
            account,
        )
        .await?,
    );

    data.file("stages_staff_work.json", staff_work(db, account).await?);
    Ok(data)
}

/// What a staff account did in Stages: offers it created, moves it made and messages and notes
/// it wrote on applications (by application number and time, never another person's words),
/// answer templates it last changed, the pools it handles.
async fn staff_work(db: &Db, account: i64) -> Result<Value, sqlx::Error> {
    let parts: [(&str, &str); 6] = [
        (
            "offers_created",
            "SELECT id, title, state, created_at FROM offers WHERE created_by = $1 ORDER BY id",
        ),
        (
            "application_moves",
            "SELECT e.application_id, e.from_state, e.to_state, e.at FROM application_events e JOIN applications a ON a.id = e.application_id \
             WHERE e.actor_id = $1 AND a.candidate_id <> $1 ORDER BY e.at, e.id",
        ),
        (
            "messages_written",
            "SELECT m.application_id, m.at FROM application_messages m JOIN applications a ON a.id = m.application_id \
             WHERE m.author_id = $1 AND a.candidate_id <> $1 ORDER BY m.at, m.id",
        ),
        (
            "notes_written",
            "SELECT n.application_id, n.at FROM application_notes n JOIN applications a ON a.id = n.application_id \
             WHERE n.author_id = $1 AND a.candidate_id <> $1 ORDER BY n.at, n.id",
        ),
        (
            "answer_templates_changed",
            "SELECT d.name AS direction, t.state, t.updated_at FROM answer_templates t JOIN directions d ON d.id = t.direction_id \
             WHERE t.updated_by = $1 ORDER BY d.name, t.state",
        ),
        (
            "pools_handled",
            "SELECT d.name AS direction FROM pool_handlers p JOIN directions d ON d.id = p.direction_id WHERE p.user_id = $1 ORDER BY d.name",
        ),
    ];
    arrays(db, &parts, account).await
}
