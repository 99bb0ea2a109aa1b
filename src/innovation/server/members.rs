//! Member profiles, the directory search and the contact log in the database.

use crate::{
    i18n::Locale,
    innovation::members::{MemberCard, MemberProfile},
    server::db::{now, Db},
};
use sqlx::{any::AnyRow, Row};

fn profile_of(row: &AnyRow) -> Result<MemberProfile, sqlx::Error> {
    Ok(MemberProfile {
        job_title: row.try_get("job_title")?,
        organisation: row.try_get("organisation")?,
        city: row.try_get("city")?,
        country: row.try_get("country")?,
        fields: row.try_get::<String, _>("field_ids")?.split_whitespace().filter_map(|n| n.parse().ok()).collect(),
        languages: row.try_get("languages")?,
        bio: row.try_get("bio")?,
    })
}

fn card(row: &AnyRow, names: &[(i64, String)]) -> Result<MemberCard, sqlx::Error> {
    let profile = profile_of(row)?;
    let field_names = super::store::names(&profile.fields, names);
    Ok(MemberCard { id: row.try_get("user_id")?, name: row.try_get("display_name")?, profile, field_names })
}

const SELECT: &str = "SELECT p.user_id, u.display_name, p.job_title, p.organisation, p.city, p.country, p.field_ids, p.languages, p.bio \
     FROM member_profiles p JOIN users u ON u.id = p.user_id";

pub async fn profile(db: &Db, user: i64) -> Result<Option<MemberProfile>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE p.user_id = $1")).bind(user).fetch_optional(&db.pool).await?;
    row.map(|r| profile_of(&r)).transpose()
}

/// One member's card, if they wrote a profile.
pub async fn card_of(db: &Db, user: i64, names: &[(i64, String)]) -> Result<Option<MemberCard>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE p.user_id = $1")).bind(user).fetch_optional(&db.pool).await?;
    row.map(|r| card(&r, names)).transpose()
}

pub async fn save(db: &Db, user: i64, profile: &MemberProfile) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO member_profiles (user_id, job_title, organisation, city, country, field_ids, languages, bio, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (user_id) DO UPDATE SET job_title = excluded.job_title, organisation = excluded.organisation, city = excluded.city, country = excluded.country, \
         field_ids = excluded.field_ids, languages = excluded.languages, bio = excluded.bio, updated_at = excluded.updated_at",
    )
    .bind(user)
    .bind(&profile.job_title)
    .bind(&profile.organisation)
    .bind(&profile.city)
    .bind(&profile.country)
    .bind(format!(" {} ", profile.fields.iter().map(i64::to_string).collect::<Vec<_>>().join(" ")))
    .bind(&profile.languages)
    .bind(&profile.bio)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Members with a profile, by words (name, job, organisation, city, bio: each word found
/// in one of them), field and country; at most [`DIRECTORY_MAX`], by name.
///
/// Words are matched here, in Rust, on text folded by `server::text` (accents, case of any
/// script, ligatures): the databases' `LOWER()` and `LIKE` fold ASCII only. The SQL holds the
/// field and country filters alone, so it is the same whatever the number of words, and
/// `server::text::query_words` bounds the words.
pub async fn search(db: &Db, words: Option<&str>, field: Option<i64>, country: Option<&str>, names: &[(i64, String)]) -> Result<Vec<MemberCard>, sqlx::Error> {
    let mut conditions = vec!["1 = 1".to_string()];
    let mut values = Vec::new();
    if let Some(field) = field {
        values.push(format!("% {field} %"));
        conditions.push(format!("p.field_ids LIKE ${}", values.len()));
    }
    if let Some(country) = country {
        values.push(country.to_string());
        conditions.push(format!("p.country = ${}", values.len()));
    }
    let sql = format!("{SELECT} WHERE {} ORDER BY u.display_name, p.user_id", conditions.join(" AND "));
    let rows = values.iter().fold(sqlx::query(&sql), |q, v| q.bind(v.clone())).fetch_all(&db.pool).await?;
    let words = words.map(crate::server::text::query_words).unwrap_or_default();
    let mut found = Vec::new();
    for row in &rows {
        let card = card(row, names)?;
        let searched = [&card.name, &card.profile.job_title, &card.profile.organisation, &card.profile.city, &card.profile.bio].map(String::as_str).join("\n");
        if words.is_empty() || crate::server::text::contains_all_words(&searched, &words) {
            found.push(card);
            if found.len() == DIRECTORY_MAX {
                break;
            }
        }
    }
    Ok(found)
}

/// Most members the directory lists for one search.
pub const DIRECTORY_MAX: usize = 200;

/// A member's address and language, for the site to write to them.
pub async fn address(db: &Db, user: i64) -> Result<Option<(String, Locale)>, sqlx::Error> {
    let row = sqlx::query("SELECT email, locale FROM users WHERE id = $1").bind(user).fetch_optional(&db.pool).await?;
    row.map(|r| Ok((r.try_get("email")?, Locale::try_from(r.try_get::<String, _>("locale")?)?))).transpose()
}

pub async fn contacts_today(db: &Db, sender: i64) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM member_contacts WHERE sender_id = $1 AND at > $2").bind(sender).bind(now() - 86_400).fetch_one(&db.pool).await?.try_get("n")
}

pub async fn record_contact(db: &Db, sender: i64, recipient: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO member_contacts (sender_id, recipient_id, at) VALUES ($1, $2, $3)").bind(sender).bind(recipient).bind(now()).execute(&db.pool).await?;
    Ok(())
}
