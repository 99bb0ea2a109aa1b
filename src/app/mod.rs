//! The HTML shell, the application root and its routes.

pub mod chunk_failure;
pub mod hydration_loader;
pub mod hydration_steps;
mod layout;
mod lazy_pages;

use crate::{
    accounts::pages::auth_context::provide_auth,
    espaces::EspacesHome,
    i18n::{provide_locale, t},
    stages::{self, StagesHome},
    ui::{refused_form::RefusedFormData, status_pages::NotFound},
};
use layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = provide_locale();
    // For the lazy pages naming their chunks (`hydration_loader::name_chunks`).
    provide_context(options.clone());
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
                // Hydration starts after the page's load, when the browser is idle, and
                // nothing preloads the bundle: the server-rendered page is painted first and
                // stays the largest paint (`hydration_loader.rs`).
                <hydration_loader::HydrationLoader options/>
                <MetaTags/>
                <RefusedFormData/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Hydrates the server's page, then marks it (`body[data-hydrated]`) for tests and for styles
/// that need JS. On a direct load of a lazy page, hydration waits for its chunks
/// (`lazy_pages`): the mark comes once the whole page, that page included, has been taken
/// over, which an effect inside the app would not wait for.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    chunk_failure::install();
    wasm_bindgen_futures::spawn_local(async {
        // The WASM's start and the messages end this task; the app hydrates in the next.
        hydration_steps::next_task().await;
        let app = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), App).await;
        app.forget();
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // On the server the shell already provided it; in the browser it is the language of the
    // messages the page was given (the server chose them from the language cookie).
    if use_context::<crate::i18n::Locale>().is_none() {
        provide_locale();
    }
    // Before any action exists: a refused post without JavaScript comes back as their value.
    crate::ui::refused_form::provide_refused_form();
    provide_auth();
    view! {
        <Link rel="alternate" href="/stages/flux.atom" type_="application/atom+xml" title=t("feed-offers-title")/>
        <Meta name="description" content=t("site-description")/>
        // The shell's own text ("") stays at the bottom of leptos_meta's title stack: while a
        // route swaps its page (a lazy chunk, a new query), the page's <Title> is gone for a
        // moment and the document would have no title at all (axe saw it on a phone).
        <Title text="" formatter=|text: String| if text.is_empty() { "Parvis".to_string() } else { format!("{text} · Parvis") }/>
        <Router>
            <chunk_failure::RememberIntendedUrl/>
            <Layout>
                // Async: each page is sent once its data is read, so it reads the same with or
                // without JavaScript (out-of-order streaming needs a script to fill the page).
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home ssr=SsrMode::Async/>
                    <Route path=path!("/stages") view=StagesHome ssr=SsrMode::Async/>
                    <Route path=path!("/stages/offres/:id") view=stages::pages::OfferPage ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion") view={Lazy::<lazy_pages::ManageOffersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidatures") view={Lazy::<lazy_pages::MyApplicationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidatures/:id") view={Lazy::<lazy_pages::ApplicationFileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/alertes") view={Lazy::<lazy_pages::SavedSearchesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/direction") view={Lazy::<lazy_pages::DirectionSettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/tableau-de-bord") view={Lazy::<lazy_pages::DashboardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/candidature-spontanee") view={Lazy::<lazy_pages::SpontaneousRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion/offre") view={Lazy::<lazy_pages::NewOfferRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/stages/gestion/offre/:id") view={Lazy::<lazy_pages::EditOfferRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation") view={Lazy::<lazy_pages::InnovationHomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/fiches/:id") view={Lazy::<lazy_pages::FicheRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/mes-fiches") view={Lazy::<lazy_pages::MyFichesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/ecrire") view={Lazy::<lazy_pages::NewFicheRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/ecrire/:id") view={Lazy::<lazy_pages::EditFicheRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/suivi/:id") view={Lazy::<lazy_pages::FicheDeskRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/relecture") view={Lazy::<lazy_pages::ReviewQueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/regles") view={Lazy::<lazy_pages::RulesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/moderation") view={Lazy::<lazy_pages::ModerationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/notifications") view={Lazy::<lazy_pages::NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/membres") view={Lazy::<lazy_pages::DirectoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/membres/:id") view={Lazy::<lazy_pages::MemberRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/profil") view={Lazy::<lazy_pages::MyProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions") view={Lazy::<lazy_pages::ThreadsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions/nouvelle") view={Lazy::<lazy_pages::NewThreadRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/innovation/discussions/:id") view={Lazy::<lazy_pages::ThreadRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces") view=EspacesHome ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/invitation") view={Lazy::<lazy_pages::InvitationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/connexion") view={Lazy::<lazy_pages::SignInLinkRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/agents") view={Lazy::<lazy_pages::AgentsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/administration") view={Lazy::<lazy_pages::SpacesOverviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id") view={Lazy::<lazy_pages::SpaceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/membres") view={Lazy::<lazy_pages::SpaceMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/reglages") view={Lazy::<lazy_pages::SpaceSettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/forum") view={Lazy::<lazy_pages::SpaceForumRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/forum/nouveau") view={Lazy::<lazy_pages::SpaceForumNewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/forum/:thread") view={Lazy::<lazy_pages::SpaceForumThreadRoute>::new()} ssr=SsrMode::Async/>
                    // Before `/espaces/partage/:token` and `/espaces/:id/wiki/:page`, which it would
                    // also match: the first route that matches wins.
                    <Route path=path!("/espaces/partage/wiki/:token") view={Lazy::<lazy_pages::SharedWikiRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki") view={Lazy::<lazy_pages::WikiIndexRoute>::new()} ssr=SsrMode::Async/>
                    // Before `/wiki/:page`: the first route that matches wins.
                    <Route path=path!("/espaces/:id/wiki/corbeille") view={Lazy::<lazy_pages::WikiBinRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki/modifications") view={Lazy::<lazy_pages::WikiChangesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki/:page") view={Lazy::<lazy_pages::WikiReadingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki/:page/modifier") view={Lazy::<lazy_pages::WikiEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki/:page/historique") view={Lazy::<lazy_pages::WikiHistoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/wiki/:page/auteurs") view={Lazy::<lazy_pages::WikiBlameRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/agenda") view={Lazy::<lazy_pages::SpaceCalendarRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/agenda/:event") view={Lazy::<lazy_pages::SpaceEventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/documents") view={Lazy::<lazy_pages::SpaceDocumentsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/documents/:document") view={Lazy::<lazy_pages::SpaceDocumentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/:id/corbeille") view={Lazy::<lazy_pages::SpaceBinRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/espaces/partage/:token") view={Lazy::<lazy_pages::SharedDocumentRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte") view={Lazy::<lazy_pages::AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/connexion") view={Lazy::<lazy_pages::SignInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/inscription") view={Lazy::<lazy_pages::SignUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/mot-de-passe-oublie") view={Lazy::<lazy_pages::ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/reinitialiser") view={Lazy::<lazy_pages::ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprimer") view={Lazy::<lazy_pages::ConfirmErasureRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/compte/supprime") view={Lazy::<lazy_pages::ErasedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<lazy_pages::RolesAdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/travaux") view={Lazy::<lazy_pages::JobsAdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentions-legales") view={Lazy::<lazy_pages::LegalNoticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/confidentialite") view={Lazy::<lazy_pages::PrivacyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cookies") view={Lazy::<lazy_pages::CookiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/accessibilite") view={Lazy::<lazy_pages::AccessibilityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/referentiel") view={Lazy::<lazy_pages::ReferenceAdminRoute>::new()} ssr=SsrMode::Async/>
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
