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
use sqlx::{any::AnyRow, Row};

fn state(code: &str) -> Result<ApplicationState, sqlx::Error> {
    Ok(ApplicationState::try_from(code)?)
}

fn entry(row: AnyRow, dates: &HumanDates) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        author: row
            .try_get::<Option<String>, _>("author")?
            .unwrap_or_default(),
        from_candidate: row.try_get::<i64, _>("from_candidate")? == 1,
        body: row.try_get("body")?,
        at: dates.instant(row.try_get("at")?),
    })
}

/// The application, its history and its messages (notes are read apart: only agents get them),
/// dated for `dates`' reader.
pub async fn file(
    db: &Db,
    id: i64,
    dates: &HumanDates,
) -> Result<Option<(ApplicationFile, String)>, sqlx::Error> {
    let Some(row) = sqlx::query(
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
    let history = sqlx::query(
        "SELECT e.from_state, e.to_state, u.display_name AS actor, e.at FROM application_events e LEFT JOIN users u ON u.id = e.actor_id \
         WHERE e.application_id = $1 ORDER BY e.at, e.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| {
        Ok(Move {
            from: r.try_get::<Option<String>, _>("from_state")?.as_deref().map(state).transpose()?,
            to: state(&r.try_get::<String, _>("to_state")?)?,
            actor: r.try_get::<Option<String>, _>("actor")?.unwrap_or_default(),
            at: dates.instant(r.try_get("at")?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let messages = sqlx::query(
        "SELECT u.display_name AS author, m.from_candidate, m.body, m.at FROM application_messages m LEFT JOIN users u ON u.id = m.author_id \
         WHERE m.application_id = $1 ORDER BY m.at, m.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .map(|r| entry(r, dates))
    .collect::<Result<_, _>>()?;
    let file = ApplicationFile {
        id: row.try_get("id")?,
        offer_id: row.try_get("offer_id")?,
        offer_title: row.try_get("title")?,
        direction_code: row.try_get("code")?,
        direction_name: row.try_get("direction_name")?,
        candidate_id: row.try_get("candidate_id")?,
        candidate_name: row.try_get("display_name")?,
        cover_letter: row.try_get("cover_letter")?,
        has_cv: row.try_get::<Option<String>, _>("cv_file")?.is_some(),
        profile: super::profiles::profile_of(&row)?,
        state: state(&row.try_get::<String, _>("state")?)?,
        created_at: dates.instant(row.try_get("created_at")?),
        history,
        messages,
        mine: false,
        staff: None,
    };
    Ok(Some((file, row.try_get("email")?)))
}

pub async fn notes(db: &Db, id: i64, dates: &HumanDates) -> Result<Vec<Entry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.display_name AS author, 0 AS from_candidate, n.body, n.at FROM application_notes n LEFT JOIN users u ON u.id = n.author_id \
         WHERE n.application_id = $1 ORDER BY n.at, n.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(|r| entry(r, dates)).collect()
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
    let row =
        sqlx::query("SELECT body FROM answer_templates WHERE direction_id = $1 AND state = $2")
            .bind(direction_id)
            .bind(state.code())
            .fetch_optional(&db.pool)
            .await?;
    row.map(|r| r.try_get("body")).transpose()
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
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut out: Vec<DirectionTemplates> = Vec::new();
    for row in rows {
        let id: i64 = row.try_get("id")?;
        if out.last().map(|t| t.direction.id) != Some(id) {
            out.push(DirectionTemplates {
                direction: Named {
                    id,
                    name: row.try_get("name")?,
                },
                accepted: default(ApplicationState::Accepted),
                declined: default(ApplicationState::Declined),
            });
        }
        if let (Some(code), Some(body), Some(last)) = (
            row.try_get::<Option<String>, _>("state")?,
            row.try_get::<Option<String>, _>("body")?,
            out.last_mut(),
        ) {
            match code.as_str() {
                "accepted" => last.accepted = body,
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
    let locale: Option<String> = sqlx::query("SELECT locale FROM users WHERE id = $1")
        .bind(candidate_id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get("locale"))
        .transpose()?;
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
