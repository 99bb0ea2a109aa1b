//! The Innovation platform. Its pages, server functions and SQL live in this folder.

use crate::ui::platform::PlatformIntro;
use leptos::prelude::*;

#[component]
pub fn InnovationHome() -> impl IntoView {
    view! { <PlatformIntro platform="innovation"/> }
}
