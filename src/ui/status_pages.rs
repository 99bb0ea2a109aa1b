//! The pages that say why there is nothing to show: not found, refused, sign-in needed.

use crate::{error::AppError, i18n::t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t("not-found-title")/>
        <section class="status-page">
            <h1>{t("not-found-title")}</h1>
            <p>{t("not-found-text")}</p>
            <p><a href="/">{t("back-home")}</a></p>
        </section>
    }
}

/// What a page shows when its data was refused: sign in, not allowed, missing, or broken.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let (title, text) = match &error {
        AppError::Unauthenticated => ("sign-in-needed-title", "sign-in-needed-text"),
        AppError::Forbidden => ("forbidden-title", "forbidden-text"),
        AppError::NotFound => ("not-found-title", "not-found-text"),
        _ => ("error-page-title", error.message_key()),
    };
    let sign_in = matches!(error, AppError::Unauthenticated);
    view! {
        <Title text=t(title)/>
        <section class="status-page">
            <h1>{t(title)}</h1>
            <p>{t(text)}</p>
            {sign_in.then(|| view! { <p><a class="button" href="/compte/connexion">{t("nav-sign-in")}</a></p> })}
            <p><a href="/">{t("back-home")}</a></p>
        </section>
    }
}
