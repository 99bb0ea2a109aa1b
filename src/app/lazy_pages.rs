//! Pages whose code the browser downloads only when someone opens them.
//!
//! Built with `cargo leptos build --split` (`scripts/build-site`), each route below is a
//! [`LazyRoute`]: its view, and whatever code only it reaches, goes into a WASM chunk that is
//! fetched the first time the route is opened (client-side, or before hydration on a direct
//! load; the server names the chunks in `<link rel="preload">`). Code shared by several chunks
//! is split again into chunks of its own, one per set of users, so many small lazy entries
//! mean many small files: a group of pages that share most of their code is one entry.
//!
//! In the main chunk: Stages' search and offer pages, the home page, Espaces. Here, one chunk
//! per group: Innovation's public pages (`innovation_reading`), the account forms (signing in
//! and up, password reset: `account_forms`); and one per page, the desks of candidates,
//! agents, authors, reviewers, moderators and admins. Without `--split` the same code builds
//! into one WASM.

use crate::innovation::pages as innovation;
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A route whose page component (a `#[component]` without props) loads on demand.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $($page:ident)::+) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$($page)::+/> }.into_any()
            }
        }
    };
}

// Stages: the agent's offers, the candidate's applications and saved searches, the direction's
// settings and dashboard.
lazy_page!(ManageOffersRoute => crate::stages::pages::ManageOffersPage);
lazy_page!(NewOfferRoute => crate::stages::pages::NewOfferPage);
lazy_page!(EditOfferRoute => crate::stages::pages::EditOfferPage);
lazy_page!(MyApplicationsRoute => crate::stages::pages::MyApplicationsPage);
lazy_page!(ApplicationFileRoute => crate::stages::pages::ApplicationFilePage);
lazy_page!(SavedSearchesRoute => crate::stages::pages::SavedSearchesPage);
lazy_page!(DirectionSettingsRoute => crate::stages::pages::DirectionSettingsPage);
lazy_page!(DashboardRoute => crate::stages::pages::DashboardPage);
lazy_page!(SpontaneousRoute => crate::stages::pages::SpontaneousPage);

// Innovation: the author's and reviewer's desks, moderation, the member's own pages.
lazy_page!(MyFichesRoute => innovation::MyFichesPage);
lazy_page!(NewFicheRoute => innovation::NewFichePage);
lazy_page!(EditFicheRoute => innovation::EditFichePage);
lazy_page!(FicheDeskRoute => innovation::FicheDeskPage);
lazy_page!(ReviewQueueRoute => innovation::ReviewQueuePage);
lazy_page!(ModerationRoute => innovation::ModerationPage);
lazy_page!(NotificationsRoute => innovation::NotificationsPage);
lazy_page!(MyProfileRoute => innovation::MyProfilePage);
lazy_page!(NewThreadRoute => innovation::NewThreadPage);

// Accounts and administration.
lazy_page!(AccountRoute => crate::accounts::pages::AccountPage);
lazy_page!(RolesAdminRoute => crate::accounts::pages::RolesAdminPage);
lazy_page!(JobsAdminRoute => crate::accounts::pages::JobsAdminPage);
lazy_page!(ReferenceAdminRoute => crate::reference::pages::ReferenceAdmin);

/// Innovation's public reading pages: one chunk for all of them (they share most of their code).
#[derive(Debug, Clone, Copy)]
pub enum InnovationReading {
    Home,
    Fiche,
    Rules,
    Directory,
    Member,
    Threads,
    Thread,
}

#[lazy]
fn innovation_reading(page: InnovationReading) -> AnyView {
    match page {
        InnovationReading::Home => view! { <innovation::InnovationHome/> }.into_any(),
        InnovationReading::Fiche => view! { <innovation::FichePage/> }.into_any(),
        InnovationReading::Rules => view! { <innovation::RulesPage/> }.into_any(),
        InnovationReading::Directory => view! { <innovation::DirectoryPage/> }.into_any(),
        InnovationReading::Member => view! { <innovation::MemberPage/> }.into_any(),
        InnovationReading::Threads => view! { <innovation::ThreadsPage/> }.into_any(),
        InnovationReading::Thread => view! { <innovation::ThreadPage/> }.into_any(),
    }
}

/// A route to one of Innovation's reading pages, loaded with their common chunk.
macro_rules! innovation_reading_page {
    ($route:ident => $page:ident) => {
        #[derive(Debug)]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                innovation_reading(InnovationReading::$page).await
            }

            async fn preload() {
                // The chunk starts loading while the route's data does.
                #[cfg(feature = "hydrate")]
                __preload_innovation_reading().await;
            }
        }
    };
}

innovation_reading_page!(InnovationHomeRoute => Home);
innovation_reading_page!(FicheRoute => Fiche);
innovation_reading_page!(RulesRoute => Rules);
innovation_reading_page!(DirectoryRoute => Directory);
innovation_reading_page!(MemberRoute => Member);
innovation_reading_page!(ThreadsRoute => Threads);
innovation_reading_page!(ThreadRoute => Thread);

/// Signing in and up, and the password reset: one chunk (the same forms and checks).
#[derive(Debug, Clone, Copy)]
pub enum AccountForms {
    SignIn,
    SignUp,
    ForgotPassword,
    ResetPassword,
}

#[lazy]
fn account_forms(page: AccountForms) -> AnyView {
    use crate::accounts::pages as accounts;
    match page {
        AccountForms::SignIn => view! { <accounts::SignInPage/> }.into_any(),
        AccountForms::SignUp => view! { <accounts::SignUpPage/> }.into_any(),
        AccountForms::ForgotPassword => view! { <accounts::ForgotPasswordPage/> }.into_any(),
        AccountForms::ResetPassword => view! { <accounts::ResetPasswordPage/> }.into_any(),
    }
}

/// A route to one of the account forms, loaded with their common chunk.
macro_rules! account_form_page {
    ($route:ident => $page:ident) => {
        #[derive(Debug)]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                account_forms(AccountForms::$page).await
            }

            async fn preload() {
                #[cfg(feature = "hydrate")]
                __preload_account_forms().await;
            }
        }
    };
}

account_form_page!(SignInRoute => SignIn);
account_form_page!(SignUpRoute => SignUp);
account_form_page!(ForgotPasswordRoute => ForgotPassword);
account_form_page!(ResetPasswordRoute => ResetPassword);
