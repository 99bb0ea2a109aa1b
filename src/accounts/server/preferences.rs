//! What an account keeps of how it reads the site, and what follows it to a new browser: the
//! language (a cookie the pages read, set again at every sign-in from the stored choice) and
//! the time zone dates are shown in (read from the account on every request that shows one).

use crate::{
    i18n::{Locale, LANG_COOKIE},
    server::db::Db,
};
use sqlx::Row;

/// The `Set-Cookie` value that makes `locale` the language of every page of this browser.
pub fn language_cookie(locale: Locale, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", locale.code())
}

/// The language stored for account `id` (the default when there is no such account; an
/// unknown stored code is an error).
pub async fn locale(db: &Db, id: i64) -> Result<Locale, sqlx::Error> {
    let code: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(code.map(Locale::try_from).transpose()?.unwrap_or_default())
}

/// Sets this browser's language to account `id`'s (the answer of a sign-in carries the
/// cookie), so that the pages after a sign-in from a new browser are in the account's language.
pub async fn apply_at_sign_in(db: &Db, id: i64, https: bool) -> Result<(), sqlx::Error> {
    let cookie = language_cookie(locale(db, id).await?, https);
    match (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&cookie)) {
        (Some(options), Ok(value)) => options.append_header(http::header::SET_COOKIE, value),
        _ => tracing::warn!("language cookie not set at sign-in"),
    }
    Ok(())
}

/// The time zone account `id` chose ("Europe/Paris"), or "" for the city's.
pub async fn time_zone(db: &Db, id: i64) -> Result<String, sqlx::Error> {
    let row = sqlx::query("SELECT time_zone FROM users WHERE id = $1").bind(id).fetch_optional(&db.pool).await?;
    Ok(row.map(|r| r.try_get::<String, _>("time_zone")).transpose()?.unwrap_or_default())
}

/// Stores account `id`'s time zone: a name the caller checked, or "" for the city's.
pub async fn set_time_zone(db: &Db, id: i64, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2").bind(zone).bind(id).execute(&db.pool).await?;
    Ok(())
}
