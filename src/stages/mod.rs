//! The Stages platform. Its pages, server functions and SQL live in this folder.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// The platform's front page: what it is for, in the visitor's language.
#[component]
pub fn StagesHome() -> impl IntoView {
    view! {
        <Title text=t("nav-stages")/>
        <section class="hero">
            <h1>{t("nav-stages")}</h1>
            <p class="lead">{t("stages-summary")}</p>
            <p>{t("stages-details")}</p>
        </section>
    }
}
