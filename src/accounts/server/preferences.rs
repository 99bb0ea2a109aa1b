//! What an account keeps of how it reads the site, and what follows it to a new browser: the
//! language (a cookie the pages read, set again at every sign-in from the stored choice) and
//! the time zone dates are shown in (read from the account on every request that shows one).

use crate::{
    error::AppResult,
    i18n::{Locale, LANG_COOKIE},
    server::{app_state, db::Db, human_dates::HumanDates, state::AppState},
};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Form,
};
use serde::Deserialize;
use sqlx::Row;

/// The `Set-Cookie` value that makes `locale` the language of every page of this browser.
pub fn language_cookie(locale: Locale, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age={}; SameSite=Lax{secure}",
        locale.code(),
        crate::i18n::LANG_COOKIE_DAYS * 86_400
    )
}

/// The language stored for account `id` (the default when there is no such account; an
/// unknown stored code is an error).
pub async fn locale(db: &Db, id: i64) -> Result<Locale, sqlx::Error> {
    let code: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(code.map(Locale::try_from).transpose()?.unwrap_or_default())
}

/// Sets this browser's language to account `id`'s (the answer of a sign-in carries the
/// cookie), so that the pages after a sign-in from a new browser are in the account's language.
pub async fn apply_at_sign_in(db: &Db, id: i64, https: bool) -> Result<(), sqlx::Error> {
    let cookie = language_cookie(locale(db, id).await?, https);
    match (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        (Some(options), Ok(value)) => options.append_header(http::header::SET_COOKIE, value),
        _ => tracing::warn!("language cookie not set at sign-in"),
    }
    Ok(())
}

/// The time zone account `id` chose ("Europe/Paris"), or "" for the city's.
pub async fn time_zone(db: &Db, id: i64) -> Result<String, sqlx::Error> {
    let row = sqlx::query("SELECT time_zone FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row
        .map(|r| r.try_get::<String, _>("time_zone"))
        .transpose()?
        .unwrap_or_default())
}

/// Stores account `id`'s time zone: a name the caller checked, or "" for the city's.
pub async fn set_time_zone(db: &Db, id: i64, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

impl HumanDates {
    /// For whoever sent the request being served: the page's language, the account's time zone
    /// (the city's for visitors and for accounts that keep the default). Defined here, beside
    /// the stored zone it reads, so that the formatter (`server::human_dates`) knows no account.
    pub async fn for_reader() -> AppResult<HumanDates> {
        let app = app_state()?;
        let stored = match super::Caller::current().await?.id() {
            Some(account) => time_zone(&app.db, account).await?,
            None => String::new(),
        };
        Ok(HumanDates::for_account(
            &app,
            crate::i18n::request_locale(),
            &stored,
        ))
    }
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// POST /langue, the language switch: a plain form post, so it works without JavaScript. Sets
/// the browser's language cookie, and the account's language when signed in.
pub async fn set_language(
    State(state): State<AppState>,
    caller: super::Caller,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(locale) = Locale::parse(&form.lang) else {
        tracing::info!(lang = form.lang, "unknown language asked");
        let current = crate::server::feeds::reader_locale(&headers);
        return (StatusCode::BAD_REQUEST, current.t("error-unknown-language")).into_response();
    };
    let next = crate::server::redirect::resolve_or(
        &state.config.server.public_url,
        form.next.as_deref(),
        "/",
    );
    if let Some(user) = caller.account() {
        if let Err(error) = super::store::set_locale(&state.db, user.id, locale.code()).await {
            tracing::warn!(%error, "language preference not saved");
        }
    }
    let cookie = language_cookie(locale, state.config.is_https());
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, next), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}
