//! The page frame: skip link, header with navigation and language switch, footer.

use crate::{
    accounts::{
        pages::auth_context::use_auth,
        types::{CurrentUser, Permission},
    },
    i18n::{t, use_locale, Locale},
    ui::refused_form::RefusalAlert,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Signing out, wherever the button is, leads home, and forgets the wiki edits this browser
    // kept.
    crate::ui::forms::load_page_on_success(use_auth().sign_out.value(), |_| {
        #[cfg(feature = "hydrate")]
        crate::wiki::types::forget_kept_edits();
        "/".to_string()
    });
    view! {
        <a class="skip-link" href="#main">{t("skip-to-content")}</a>
        <header class="site-header">
            <div class="header-row">
                <a class="brand" href="/">"Parvis"</a>
                <LanguageSwitch/>
            </div>
            <MainNav/>
        </header>
        <main id="main" tabindex="-1">
            <RefusalAlert/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t("footer-text")}</p>
            <nav aria-label=t("footer-legal-label")>
                <ul class="footer-links">
                    <li><A href="/mentions-legales">{t("legal-notice-title")}</A></li>
                    <li><A href="/confidentialite">{t("privacy-title")}</A></li>
                    <li><A href="/cookies">{t("cookies-title")}</A></li>
                    <li><A href="/accessibilite">{t("footer-accessibility")}</A></li>
                </ul>
            </nav>
        </footer>
    }
}

#[component]
fn MainNav() -> impl IntoView {
    let auth = use_auth();
    view! {
        <nav aria-label=t("nav-label") class="main-nav">
            <ul>
                <li><A href="/stages">{t("nav-stages")}</A></li>
                <li><A href="/innovation">{t("nav-innovation")}</A></li>
                <li><A href="/espaces">{t("nav-espaces")}</A></li>
                <Transition fallback=|| ()>
                    {move || auth.user.get().map(|user| match user {
                        Ok(Some(user)) => view! { <UserLinks user/> }.into_any(),
                        _ => view! {
                            <li class="nav-account"><A href="/compte/connexion">{t("nav-sign-in")}</A></li>
                            <li><A href="/compte/inscription">{t("nav-sign-up")}</A></li>
                        }.into_any(),
                    })}
                </Transition>
            </ul>
        </nav>
    }
}

#[component]
fn UserLinks(user: CurrentUser) -> impl IntoView {
    // The server's own answers (`CurrentUser::permissions`), never role arithmetic here.
    let admin = user.can(Permission::ManageDirections);
    let agent = user.can(Permission::ManageOffers);
    let candidate = user.can(Permission::Apply);
    view! {
        {candidate.then(|| view! { <li><A href="/stages/candidatures">{t("nav-my-applications")}</A></li> })}
        {agent.then(|| view! { <li><A href="/stages/gestion">{t("nav-my-offers")}</A></li> })}
        {admin.then(|| view! { <li><A href="/admin">{t("nav-admin")}</A></li> })}
        <li class="nav-account"><A href="/compte">{t("nav-account")}" · "{user.display_name}</A></li>
    }
}

/// A plain form, so the switch works before (or without) the WASM; the server sets the
/// cookie and sends the browser back to the same page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    view! {
        <form class="language-switch" method="post" action="/langue">
            <input type="hidden" name="next" value=here/>
            {Locale::ALL
                .into_iter()
                .filter(|l| *l != current)
                .map(|l| view! {
                    <button type="submit" name="lang" value=l.code() lang=l.code() class="link-button">
                        {l.native_name()}
                    </button>
                })
                .collect_view()}
        </form>
    }
}
