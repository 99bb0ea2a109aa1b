//! The HTML shell, the application root and its routes.

mod layout;

use crate::{
    accounts::{pages as account_pages, pages::auth_context::provide_auth},
    espaces::EspacesHome,
    i18n::{provide_locale, t},
    innovation::{self, InnovationHome},
    reference::pages::ReferenceAdmin,
    stages::{self, StagesHome},
    ui::{refused_form::RefusedFormData, status_pages::NotFound},
};
use layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = provide_locale();
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&crate::server::security::page_csp(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // Installable on a phone (public/manifest.webmanifest opens on the offer
                // search); the icons are drawn by `examples/icons.rs`.
                <meta name="theme-color" content="#1d3f8f"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/apple-touch-icon.png"/>
                // Both name the bundle's files by their content hash (`hash-files`).
                <HashedStylesheet id="parvis" options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
                <RefusedFormData/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // On the server the shell already provided it; in the browser this reads the same cookie.
    if use_context::<crate::i18n::Locale>().is_none() {
        provide_locale();
    }
    // Before any action exists: a refused post without JavaScript comes back as their value.
    crate::ui::refused_form::provide_refused_form();
    provide_auth();
    // Marks the page once the WASM has taken over, for tests and for styles that need JS.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Link rel="alternate" href="/stages/flux.atom" type_="application/atom+xml" title=t("feed-offers-title")/>
        <Meta name="description" content=t("site-description")/>
        <Title formatter=|text: String| if text.is_empty() { "Parvis".to_string() } else { format!("{text} · Parvis") }/>
        <Router>
            <Layout>
                // Async: each page is sent once its data is read, so it reads the same with or
                // without JavaScript (out-of-order streaming needs a script to fill the page).
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home ssr=SsrMode::Async/>
                    <Route path=path!("/stages") view=StagesHome ssr=SsrMode::Async/>
                    <Route path=path!("/stages/offres/:id") view=stages::pages::OfferPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion") view=stages::pages::ManageOffersPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidatures") view=stages::pages::MyApplicationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidatures/:id") view=stages::pages::ApplicationFilePage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/alertes") view=stages::pages::SavedSearchesPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/direction") view=stages::pages::DirectionSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/tableau-de-bord") view=stages::pages::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidature-spontanee") view=stages::pages::SpontaneousPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion/offre") view=stages::pages::NewOfferPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion/offre/:id") view=stages::pages::EditOfferPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation") view=InnovationHome ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/fiches/:id") view=innovation::pages::FichePage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/mes-fiches") view=innovation::pages::MyFichesPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/ecrire") view=innovation::pages::NewFichePage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/ecrire/:id") view=innovation::pages::EditFichePage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/suivi/:id") view=innovation::pages::FicheDeskPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/relecture") view=innovation::pages::ReviewQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/regles") view=innovation::pages::RulesPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/moderation") view=innovation::pages::ModerationPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/notifications") view=innovation::pages::NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/membres") view=innovation::pages::DirectoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/membres/:id") view=innovation::pages::MemberPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/profil") view=innovation::pages::MyProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions") view=innovation::pages::ThreadsPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions/nouvelle") view=innovation::pages::NewThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions/:id") view=innovation::pages::ThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/espaces") view=EspacesHome ssr=SsrMode::Async/>
                    <Route path=path!("/compte") view=account_pages::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/connexion") view=account_pages::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/inscription") view=account_pages::SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/mot-de-passe-oublie") view=account_pages::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/compte/reinitialiser") view=account_pages::ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=account_pages::RolesAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/travaux") view=account_pages::JobsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/referentiel") view=ReferenceAdmin ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t("home-title")}</h1>
            <p class="lead">{t("home-lead")}</p>
        </section>
        <ul class="cards">
            <li class="card">
                <h2><a href="/stages">{t("nav-stages")}</a></h2>
                <p>{t("stages-summary")}</p>
            </li>
            <li class="card">
                <h2><a href="/innovation">{t("nav-innovation")}</a></h2>
                <p>{t("innovation-summary")}</p>
            </li>
            <li class="card">
                <h2><a href="/espaces">{t("nav-espaces")}</a></h2>
                <p>{t("espaces-summary")}</p>
            </li>
        </ul>
    }
}
