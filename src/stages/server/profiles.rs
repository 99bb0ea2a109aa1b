//! Candidates' profiles and CVs in the database (table `candidate_profiles`).

use crate::{
    server::db::{now, Db},
    stages::profile::CandidateProfile,
};
use sqlx::{any::AnyRow, Row};

/// The profile columns of a row that LEFT JOINs `candidate_profiles p` (empty without one).
pub fn profile_of(row: &AnyRow) -> Result<CandidateProfile, sqlx::Error> {
    let text = |column: &str| -> Result<String, sqlx::Error> {
        Ok(row
            .try_get::<Option<String>, _>(column)?
            .unwrap_or_default())
    };
    Ok(CandidateProfile {
        school: text("school")?,
        discipline: text("discipline")?,
        education_level: text("education_level")?,
        phone: text("phone")?,
        presentation: text("presentation")?,
    })
}

pub async fn profile(db: &Db, user_id: i64) -> Result<CandidateProfile, sqlx::Error> {
    let row =
        sqlx::query("SELECT school, discipline, education_level, phone, presentation FROM candidate_profiles p WHERE user_id = $1").bind(user_id).fetch_optional(&db.pool).await?;
    row.map(|r| profile_of(&r))
        .transpose()
        .map(Option::unwrap_or_default)
}

pub async fn set_profile(
    db: &Db,
    user_id: i64,
    profile: &CandidateProfile,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO candidate_profiles (user_id, school, discipline, education_level, phone, presentation) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (user_id) DO UPDATE SET school = excluded.school, discipline = excluded.discipline, education_level = excluded.education_level, \
         phone = excluded.phone, presentation = excluded.presentation",
    )
    .bind(user_id)
    .bind(&profile.school)
    .bind(&profile.discipline)
    .bind(&profile.education_level)
    .bind(&profile.phone)
    .bind(&profile.presentation)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The stored CV file name and size of a candidate, if they uploaded one.
pub async fn cv(db: &Db, user_id: i64) -> Result<Option<(String, i64)>, sqlx::Error> {
    let row = sqlx::query("SELECT cv_file, cv_bytes FROM candidate_profiles WHERE user_id = $1 AND cv_file IS NOT NULL").bind(user_id).fetch_optional(&db.pool).await?;
    row.map(|r| Ok((r.try_get("cv_file")?, r.try_get("cv_bytes")?)))
        .transpose()
}

/// Records a new CV; returns the file it replaces, to delete.
pub async fn set_cv(
    db: &Db,
    user_id: i64,
    file: &str,
    bytes: i64,
) -> Result<Option<String>, sqlx::Error> {
    let previous = cv(db, user_id).await?.map(|(f, _)| f);
    sqlx::query(
        "INSERT INTO candidate_profiles (user_id, cv_file, cv_bytes, cv_uploaded_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET cv_file = excluded.cv_file, cv_bytes = excluded.cv_bytes, cv_uploaded_at = excluded.cv_uploaded_at",
    )
    .bind(user_id)
    .bind(file)
    .bind(bytes)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(previous)
}
