//! The Innovation platform. Its pages, server functions and SQL live in this folder.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// The platform's front page: what it is for, in the visitor's language.
#[component]
pub fn InnovationHome() -> impl IntoView {
    view! {
        <Title text=t("nav-innovation")/>
        <section class="hero">
            <h1>{t("nav-innovation")}</h1>
            <p class="lead">{t("innovation-summary")}</p>
            <p>{t("innovation-details")}</p>
        </section>
    }
}
