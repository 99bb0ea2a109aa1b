//! The Espaces platform. Its pages, server functions and SQL live in this folder.

use crate::ui::platform::PlatformIntro;
use leptos::prelude::*;

#[component]
pub fn EspacesHome() -> impl IntoView {
    view! { <PlatformIntro platform="espaces"/> }
}
