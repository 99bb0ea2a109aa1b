//! The Espaces platform. Its pages, server functions and SQL live in this folder.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// The platform's front page: what it is for, in the visitor's language.
#[component]
pub fn EspacesHome() -> impl IntoView {
    view! {
        <Title text=t("nav-espaces")/>
        <section class="hero">
            <h1>{t("nav-espaces")}</h1>
            <p class="lead">{t("espaces-summary")}</p>
            <p>{t("espaces-details")}</p>
        </section>
    }
}
