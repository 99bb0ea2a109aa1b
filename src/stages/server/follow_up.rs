//! Application files, messages, notes and answer templates in the database (pool handlers are
//! in `pools.rs`).

use crate::{
    accounts::types::Named,
    server::{
        db::{now, Db},
        human_dates::HumanDates,
    },
    stages::{
        application::ApplicationState,
        follow_up::{ApplicationFile, DirectionTemplates, Entry, Move},
    },
};

/// A message or a note, as [`file`] and [`notes`] read it.
#[derive(sqlx::FromRow)]
struct EntryRow {
    /// None when the author's account is gone.
    author: Option<String>,
    from_candidate: i64,
    body: String,
    at: i64,
}

impl EntryRow {
    fn dated(self, dates: &HumanDates) -> Entry {
        Entry {
            author: self.author.unwrap_or_default(),
            from_candidate: self.from_candidate == 1,
            body: self.body,
            at: dates.instant(self.at),
        }
    }
}

/// A move of the application's history.
#[derive(sqlx::FromRow)]
struct MoveRow {
    from_state: Option<ApplicationState>,
    to_state: ApplicationState,
    actor: Option<String>,
    at: i64,
}

/// The application of [`file`], with its offer, direction and candidate.
#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    offer_id: Option<i64>,
    title: Option<String>,
    code: String,
    direction_name: String,
    cover_letter: String,
    state: ApplicationState,
    created_at: i64,
    #[sqlx(flatten)]
    candidate: super::profiles::CandidateColumns,
}

/// The application, its history and its messages (notes are read apart: only agents get them),
/// dated for `dates`' reader, with the candidate's e-mail address.
pub async fn file(
    db: &Db,
    id: i64,
    dates: &HumanDates,
) -> Result<Option<(ApplicationFile, String)>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, FileRow>(
        "SELECT a.id, a.offer_id, o.title, d.code, d.name AS direction_name, a.candidate_id, u.display_name, u.email, a.cover_letter, a.state, \
         a.created_at, p.cv_file, p.school, p.discipline, p.education_level, p.phone, p.presentation FROM applications a JOIN directions d ON d.id = a.direction_id JOIN users u ON u.id = a.candidate_id \
         LEFT JOIN offers o ON o.id = a.offer_id LEFT JOIN candidate_profiles p ON p.user_id = a.candidate_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let history: Vec<MoveRow> = sqlx::query_as(
        "SELECT e.from_state, e.to_state, u.display_name AS actor, e.at FROM application_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.application_id = $1 ORDER BY e.at, e.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let messages: Vec<EntryRow> = sqlx::query_as(
        "SELECT u.display_name AS author, m.from_candidate, m.body, m.at FROM application_messages m LEFT JOIN users u ON u.id = m.author_id \
         WHERE m.application_id = $1 ORDER BY m.at, m.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let candidate = row.candidate;
    let file = ApplicationFile {
        id: row.id,
        offer_id: row.offer_id,
        offer_title: row.title,
        direction_code: row.code,
        direction_name: row.direction_name,
        candidate_id: candidate.candidate_id,
        candidate_name: candidate.display_name,
        cover_letter: row.cover_letter,
        has_cv: candidate.cv_file.is_some(),
        profile: candidate.profile.into(),
        state: row.state,
        created_at: dates.instant(row.created_at),
        history: history
            .into_iter()
            .map(|m| Move {
                from: m.from_state,
                to: m.to_state,
                actor: m.actor.unwrap_or_default(),
                at: dates.instant(m.at),
            })
            .collect(),
        messages: messages.into_iter().map(|m| m.dated(dates)).collect(),
        mine: false,
        staff: None,
    };
    Ok(Some((file, candidate.email)))
}

/// The agents' private notes on application `id`, oldest first.
pub async fn notes(db: &Db, id: i64, dates: &HumanDates) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT u.display_name AS author, 0 AS from_candidate, n.body, n.at FROM application_notes n LEFT JOIN users u ON u.id = n.author_id \
         WHERE n.application_id = $1 ORDER BY n.at, n.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.dated(dates)).collect())
}

/// Adds a message at `at` on the caller's transaction (a decision and its answer are saved
/// together); an agent's first message is the application's first answer.
pub async fn add_message(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    author: i64,
    from_candidate: bool,
    body: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_messages (application_id, author_id, from_candidate, body, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(author)
        .bind(i64::from(from_candidate))
        .bind(body)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    if !from_candidate {
        sqlx::query(
            "UPDATE applications SET first_answer_at = COALESCE(first_answer_at, $1) WHERE id = $2",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Adds an agents' private note on the caller's transaction.
pub async fn add_note(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    author: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO application_notes (application_id, author_id, body, at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(author)
        .bind(body)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A direction's own answer for a decision, if it wrote one.
pub async fn template(
    db: &Db,
    direction_id: i64,
    state: ApplicationState,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM answer_templates WHERE direction_id = $1 AND state = $2")
        .bind(direction_id)
        .bind(state.code())
        .fetch_optional(&db.pool)
        .await
}

/// The templates of `directions` (every direction when `all`); `default` gives the text of a
/// decision a direction has not written.
pub async fn templates(
    db: &Db,
    directions: &[i64],
    all: bool,
    default: impl Fn(ApplicationState) -> String,
) -> Result<Vec<DirectionTemplates>, sqlx::Error> {
    let mut sql = crate::server::sql::Sql::new("SELECT d.id, d.name, t.state, t.body FROM directions d LEFT JOIN answer_templates t ON t.direction_id = d.id");
    if !all {
        sql.push(" WHERE d.id IN (")
            .push_binds(directions.iter().copied())
            .push(")");
    }
    sql.push(" ORDER BY d.name, d.id");
    let rows: Vec<(i64, String, Option<ApplicationState>, Option<String>)> =
        sql.query_as().fetch_all(&db.pool).await?;
    let mut out: Vec<DirectionTemplates> = Vec::new();
    for (id, name, state, body) in rows {
        if out.last().map(|t| t.direction.id) != Some(id) {
            out.push(DirectionTemplates {
                direction: Named { id, name },
                accepted: default(ApplicationState::Accepted),
                declined: default(ApplicationState::Declined),
            });
        }
        if let (Some(state), Some(body), Some(last)) = (state, body, out.last_mut()) {
            match state {
                ApplicationState::Accepted => last.accepted = body,
                _ => last.declined = body,
            }
        }
    }
    Ok(out)
}

/// The answer a decision sends when the agent wrote none: the direction's template, else the
/// site's default in the candidate's language.
pub async fn answer(
    db: &Db,
    direction_id: i64,
    candidate_id: i64,
    state: ApplicationState,
) -> Result<String, sqlx::Error> {
    if let Some(text) = template(db, direction_id, state).await? {
        return Ok(text);
    }
    let locale: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(candidate_id)
        .fetch_optional(&db.pool)
        .await?;
    // No such account: the site's default language; an unknown stored one is an error.
    let locale = locale
        .map(crate::i18n::Locale::try_from)
        .transpose()?
        .unwrap_or_default();
    Ok(locale.t(crate::stages::follow_up::default_answer_key(state)))
}

pub async fn save_template(
    db: &Db,
    direction_id: i64,
    state: ApplicationState,
    body: &str,
    author: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO answer_templates (direction_id, state, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (direction_id, state) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(direction_id)
    .bind(state.code())
    .bind(body)
    .bind(author)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}
