//! The front page of a platform: its name and what it is for, from the translation keys
//! `nav-<platform>`, `<platform>-summary` and `<platform>-details`.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PlatformIntro(platform: &'static str) -> impl IntoView {
    let name = t(&format!("nav-{platform}"));
    view! {
        <Title text=name.clone()/>
        <section class="hero">
            <h1>{name}</h1>
            <p class="lead">{t(&format!("{platform}-summary"))}</p>
            <p>{t(&format!("{platform}-details"))}</p>
        </section>
    }
}
