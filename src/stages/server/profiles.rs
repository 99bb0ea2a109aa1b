//! Candidates' profiles and CVs in the database (table `candidate_profiles`). A profile names
//! its CV file (`cv_file`), stored under [`cv_key`].

use crate::{
    server::{
        db::{now, Db},
        storage::{KeyError, StorageKey},
    },
    stages::profile::CandidateProfile,
};

/// The storage folder of CV files (`<data_dir>/cv` on the local backend).
pub const CV_FOLDER: &str = "cv";

/// Where the CV file a profile names is stored.
pub fn cv_key(file: &str) -> Result<StorageKey, KeyError> {
    StorageKey::in_folder(CV_FOLDER, file)
}

/// The profile columns of a row that LEFT JOINs `candidate_profiles p` (all None without a
/// profile); `#[sqlx(flatten)]` it into the row's struct.
#[derive(sqlx::FromRow)]
pub struct ProfileColumns {
    school: Option<String>,
    discipline: Option<String>,
    education_level: Option<String>,
    phone: Option<String>,
    presentation: Option<String>,
}

/// The candidate's columns of an application row that JOINs `users u` on the candidate and
/// LEFT JOINs `candidate_profiles p`: `#[sqlx(flatten)]` it into the row's struct.
#[derive(sqlx::FromRow)]
pub struct CandidateColumns {
    pub candidate_id: i64,
    pub display_name: String,
    pub email: String,
    /// The stored CV's file name, if they uploaded one.
    pub cv_file: Option<String>,
    #[sqlx(flatten)]
    pub profile: ProfileColumns,
}

impl From<ProfileColumns> for CandidateProfile {
    fn from(p: ProfileColumns) -> CandidateProfile {
        CandidateProfile {
            school: p.school.unwrap_or_default(),
            discipline: p.discipline.unwrap_or_default(),
            education_level: p.education_level.unwrap_or_default(),
            phone: p.phone.unwrap_or_default(),
            presentation: p.presentation.unwrap_or_default(),
        }
    }
}

pub async fn profile(db: &Db, user_id: i64) -> Result<CandidateProfile, sqlx::Error> {
    let row: Option<ProfileColumns> =
        sqlx::query_as("SELECT school, discipline, education_level, phone, presentation FROM candidate_profiles p WHERE user_id = $1").bind(user_id).fetch_optional(&db.pool).await?;
    Ok(row.map(CandidateProfile::from).unwrap_or_default())
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
    sqlx::query_as("SELECT cv_file, cv_bytes FROM candidate_profiles WHERE user_id = $1 AND cv_file IS NOT NULL").bind(user_id).fetch_optional(&db.pool).await
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
