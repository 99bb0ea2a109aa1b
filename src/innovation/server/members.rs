//! Member profiles, the directory search and the contact log in the database.

use super::store::field_ids_of;
use crate::server::sql::Sql;
use crate::{
    accounts::server::store::recipient,
    innovation::members::{MemberCard, MemberProfile},
    server::{
        db::{now, Db},
        jobs::{self, Job, JobFuture, NewJob},
        state::AppState,
    },
};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// A profile as stored, without its fields (`member_fields`).
#[derive(sqlx::FromRow)]
struct ProfileRow {
    user_id: i64,
    display_name: String,
    job_title: String,
    organisation: String,
    city: String,
    country: String,
    languages: String,
    bio: String,
}

impl ProfileRow {
    fn card(self, fields: Vec<i64>, names: &[(i64, String)]) -> MemberCard {
        let field_names = super::store::names(&fields, names);
        let profile = MemberProfile {
            job_title: self.job_title,
            organisation: self.organisation,
            city: self.city,
            country: self.country,
            fields,
            languages: self.languages,
            bio: self.bio,
        };
        MemberCard {
            id: self.user_id,
            name: self.display_name,
            profile,
            field_names,
        }
    }
}

const SELECT: &str = "SELECT p.user_id, u.display_name, p.job_title, p.organisation, p.city, p.country, p.languages, p.bio FROM member_profiles p JOIN users u ON u.id = p.user_id";

pub async fn profile(db: &Db, user: i64) -> Result<Option<MemberProfile>, sqlx::Error> {
    Ok(card_of(db, user, &[]).await?.map(|card| card.profile))
}

/// One member's card, if they wrote a profile.
pub async fn card_of(
    db: &Db,
    user: i64,
    names: &[(i64, String)],
) -> Result<Option<MemberCard>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, ProfileRow>(&format!("{SELECT} WHERE p.user_id = $1"))
        .bind(user)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let fields = field_ids_of(db, "member_fields", "user_id", &[user])
        .await?
        .remove(&user)
        .unwrap_or_default();
    Ok(Some(row.card(fields, names)))
}

/// Saves a member's profile and its fields (ids no field has are not kept), all or nothing.
pub async fn save(db: &Db, user: i64, profile: &MemberProfile) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO member_profiles (user_id, job_title, organisation, city, country, languages, bio, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (user_id) DO UPDATE SET job_title = excluded.job_title, organisation = excluded.organisation, city = excluded.city, country = excluded.country, \
         languages = excluded.languages, bio = excluded.bio, updated_at = excluded.updated_at",
    )
    .bind(user)
    .bind(&profile.job_title)
    .bind(&profile.organisation)
    .bind(&profile.city)
    .bind(&profile.country)
    .bind(&profile.languages)
    .bind(&profile.bio)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM member_fields WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    if !profile.fields.is_empty() {
        let mut sql = Sql::new("INSERT INTO member_fields (user_id, field_id) SELECT ");
        sql.push_bind(user)
            .push(", id FROM innovation_fields WHERE id IN (")
            .push_binds(profile.fields.iter().copied())
            .push(")");
        sql.query().execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Members with a profile, by words (name, job, organisation, city, bio: each word found
/// in one of them), field and country; at most [`DIRECTORY_MAX`], by name.
///
/// Words are matched here, in Rust, on text folded by `server::text` (accents, case of any
/// script, ligatures): the databases' `LOWER()` and `LIKE` fold ASCII only. The SQL holds the
/// field and country filters alone, so it is the same whatever the number of words, and
/// `server::text::query_words` bounds the words.
pub async fn search(
    db: &Db,
    words: Option<&str>,
    field: Option<i64>,
    country: Option<&str>,
    names: &[(i64, String)],
) -> Result<Vec<MemberCard>, sqlx::Error> {
    let mut sql = Sql::new(SELECT);
    sql.push(" WHERE 1 = 1");
    if let Some(field) = field {
        sql.push(" AND p.user_id IN (SELECT user_id FROM member_fields WHERE field_id = ")
            .push_bind(field)
            .push(")");
    }
    if let Some(country) = country {
        sql.push(" AND p.country = ").push_bind(country);
    }
    sql.push(" ORDER BY u.display_name, p.user_id");
    let rows: Vec<ProfileRow> = sql.query_as().fetch_all(&db.pool).await?;
    let words = words
        .map(crate::server::text::query_words)
        .unwrap_or_default();
    let mut found = Vec::new();
    for row in rows {
        let searched = [
            &row.display_name,
            &row.job_title,
            &row.organisation,
            &row.city,
            &row.bio,
        ]
        .map(String::as_str)
        .join("\n");
        if words.is_empty() || crate::server::text::contains_all_words(&searched, &words) {
            found.push(row);
            if found.len() == DIRECTORY_MAX {
                break;
            }
        }
    }
    let mut fields = field_ids_of(
        db,
        "member_fields",
        "user_id",
        &found.iter().map(|r| r.user_id).collect::<Vec<_>>(),
    )
    .await?;
    Ok(found
        .into_iter()
        .map(|row| {
            let own = fields.remove(&row.user_id).unwrap_or_default();
            row.card(own, names)
        })
        .collect())
}

/// Most members the directory lists for one search.
pub const DIRECTORY_MAX: usize = 200;

pub async fn contacts_today(db: &Db, sender: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM member_contacts WHERE sender_id = $1 AND at > $2")
        .bind(sender)
        .bind(now() - 86_400)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// Records that `sender` wrote to `recipient` (the daily limit counts these) and queues the
/// mail, in one transaction.
pub async fn contact(
    app: &AppState,
    sender: i64,
    recipient: i64,
    mail: &Contact,
) -> Result<(), sqlx::Error> {
    let mut tx = app.db.begin_write().await?;
    sqlx::query("INSERT INTO member_contacts (sender_id, recipient_id, at) VALUES ($1, $2, $3)")
        .bind(sender)
        .bind(recipient)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    jobs::enqueue(
        &mut tx,
        NewJob {
            kind: CONTACT_KIND,
            payload: mail,
            dedup_key: None,
        },
    )
    .await?;
    tx.commit().await?;
    app.jobs.wake();
    Ok(())
}

/// The job kind of a message from one member to another.
pub const CONTACT_KIND: &str = "innovation.contact";

/// A member's message to another, to mail; the job's payload.
#[derive(Debug, Serialize, Deserialize)]
pub struct Contact {
    pub recipient_id: i64,
    pub sender_name: String,
    /// The sender's public profile.
    pub sender_link: String,
    pub body: String,
}

/// The job handler: mails the message in the recipient's language, without the sender's
/// address; an account deleted meanwhile gets nothing.
pub fn send_contact(app: AppState, job: Job) -> JobFuture {
    Box::pin(async move {
        let mail: Contact = job.payload()?;
        let Some(to) = recipient(&app.db, mail.recipient_id).await? else {
            return Ok(());
        };
        let locale = to.locale;
        let args = [
            ("name", mail.sender_name),
            ("message", mail.body),
            ("link", mail.sender_link),
        ];
        app.mailer
            .send_as(
                &job.message_id(&app.config),
                &to.email,
                &locale.t_with("mail-member-contact-subject", &args),
                locale.t_with("mail-member-contact-body", &args),
            )
            .await?;
        Ok(())
    })
}
