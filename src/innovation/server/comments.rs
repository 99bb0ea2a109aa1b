//! Comments on fiches in the database (read through `contributions`, which they share with
//! threads: hidden ones are left out for readers).

use super::contributions::{select, ContributionRow};
use crate::{
    innovation::community::{CommentView, ItemKind},
    server::{
        db::{now, Db},
        human_dates::HumanDates,
        markdown,
    },
};
use sqlx::Row;

/// The comments of a fiche, oldest first, dated for `dates`' reader; hidden ones only for moderators.
pub async fn of_fiche(
    db: &Db,
    fiche: i64,
    moderator: bool,
    dates: &HumanDates,
) -> Result<Vec<CommentView>, sqlx::Error> {
    Ok(rows_of_fiche(db, fiche, moderator)
        .await?
        .into_iter()
        .map(|row| row.view(dates))
        .collect())
}

/// The comments of a fiche as stored, oldest first (undated: the fiche page reads them
/// beside its reader's time zone); hidden ones only for moderators.
pub async fn rows_of_fiche(
    db: &Db,
    fiche: i64,
    moderator: bool,
) -> Result<Vec<ContributionRow>, sqlx::Error> {
    let filter = if moderator {
        ""
    } else {
        " AND c.hidden_at IS NULL"
    };
    sqlx::query_as(&format!(
        "{} WHERE c.fiche_id = $1{filter} ORDER BY c.created_at, c.id",
        select(ItemKind::Comment, moderator)
    ))
    .bind(fiche)
    .fetch_all(&db.pool)
    .await
}

pub async fn add(db: &Db, fiche: i64, author: i64, body: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("INSERT INTO fiche_comments (fiche_id, author_id, body_md, body_html, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(fiche)
        .bind(author)
        .bind(body)
        .bind(markdown::render(body))
        .bind(now())
        .fetch_one(&db.pool)
        .await?;
    row.try_get("id")
}
