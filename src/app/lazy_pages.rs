//! Pages whose code the browser downloads only when someone opens them.
//!
//! Built with `cargo leptos build --split` (`scripts/build-site`), each group below is one
//! `#[lazy]` function: its pages, and whatever code only they reach, go into a WASM chunk that
//! is fetched the first time one of them is opened (client-side, or before hydration on a
//! direct load). Code shared by several groups is split again into chunks of its own, one per
//! set of groups that use it, so every lazy entry multiplies the files: with one entry per page
//! (24) a fiche page needed 83 files. Pages that are used together make one group. Without
//! `--split` the same code builds into one WASM.
//!
//! In the main chunk: Stages' search and offer pages, the home page, Espaces' front page.

use crate::{
    accounts::pages as accounts, espaces::pages as espaces, innovation::pages as innovation,
    legal::pages as legal, reference::pages as reference, stages::pages as stages,
    wiki::pages as wiki,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// A group of pages loaded together: an enum naming them, one `#[lazy]` function rendering
/// the page asked for, and one route type per page (`Lazy::<Route>::new()` in the router).
macro_rules! page_group {
    ($(#[$doc:meta])* $kind:ident, $group:ident, $preload:ident {
        $($route:ident => $variant:ident: $($page:ident)::+),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $kind {
            $($variant),+
        }

        #[lazy]
        fn $group(page: $kind) -> AnyView {
            match page {
                $($kind::$variant => view! { <$($page)::+/> }.into_any(),)+
            }
        }

        $(
            #[derive(Debug)]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    // Never waits here on a direct load: `preload` has loaded the chunks, and
                    // a view that is not ready at once is hydrated out of place (tachys's
                    // "unreachable" marker panic; README, development notes).
                    let view = $group($kind::$variant).await;
                    // The page's body names the chunks for the loader to preload.
                    #[cfg(feature = "ssr")]
                    super::hydration_loader::name_chunks(stringify!($group));
                    view
                }

                async fn preload() {
                    // The chunk starts loading while the route's data does. On a direct load,
                    // its fetches begin in a task after the shell's hydration, and the page is
                    // built and hydrated in a task after its chunks arrived (`hydration_steps`).
                    #[cfg(feature = "hydrate")]
                    {
                        super::hydration_steps::next_task_while_hydrating().await;
                        $preload().await;
                        super::hydration_steps::next_task_while_hydrating().await;
                    }
                }
            }
        )+
    };
}

page_group! {
    /// Innovation's public reading pages.
    InnovationReading, innovation_reading, __preload_innovation_reading {
        InnovationHomeRoute => Home: innovation::InnovationHome,
        FicheRoute => Fiche: innovation::FichePage,
        RulesRoute => Rules: innovation::RulesPage,
        DirectoryRoute => Directory: innovation::DirectoryPage,
        MemberRoute => Member: innovation::MemberPage,
        ThreadsRoute => Threads: innovation::ThreadsPage,
        ThreadRoute => Thread: innovation::ThreadPage,
    }
}

page_group! {
    /// The account: signing in and up, the password reset, the account's own page.
    AccountPages, account_pages, __preload_account_pages {
        SignInRoute => SignIn: accounts::SignInPage,
        SignUpRoute => SignUp: accounts::SignUpPage,
        ForgotPasswordRoute => ForgotPassword: accounts::ForgotPasswordPage,
        ResetPasswordRoute => ResetPassword: accounts::ResetPasswordPage,
        AccountRoute => Account: accounts::AccountPage,
        ConfirmErasureRoute => ConfirmErasure: accounts::ConfirmErasurePage,
        ErasedRoute => Erased: accounts::ErasedPage,
    }
}

page_group! {
    /// Stages' desks: the agent's offers, the candidate's applications and saved searches, the
    /// direction's settings and dashboard.
    StagesDesk, stages_desk, __preload_stages_desk {
        ManageOffersRoute => ManageOffers: stages::ManageOffersPage,
        NewOfferRoute => NewOffer: stages::NewOfferPage,
        EditOfferRoute => EditOffer: stages::EditOfferPage,
        MyApplicationsRoute => MyApplications: stages::MyApplicationsPage,
        ApplicationFileRoute => ApplicationFile: stages::ApplicationFilePage,
        SavedSearchesRoute => SavedSearches: stages::SavedSearchesPage,
        DirectionSettingsRoute => DirectionSettings: stages::DirectionSettingsPage,
        DashboardRoute => Dashboard: stages::DashboardPage,
        SpontaneousRoute => Spontaneous: stages::SpontaneousPage,
    }
}

page_group! {
    /// Innovation's desks: the author's and reviewer's, moderation, the member's own pages.
    InnovationDesk, innovation_desk, __preload_innovation_desk {
        MyFichesRoute => MyFiches: innovation::MyFichesPage,
        NewFicheRoute => NewFiche: innovation::NewFichePage,
        EditFicheRoute => EditFiche: innovation::EditFichePage,
        FicheDeskRoute => FicheDesk: innovation::FicheDeskPage,
        ReviewQueueRoute => ReviewQueue: innovation::ReviewQueuePage,
        ModerationRoute => Moderation: innovation::ModerationPage,
        NotificationsRoute => Notifications: innovation::NotificationsPage,
        MyProfileRoute => MyProfile: innovation::MyProfilePage,
        NewThreadRoute => NewThread: innovation::NewThreadPage,
    }
}

page_group! {
    /// Site administration: roles, background jobs, reference data.
    Administration, administration, __preload_administration {
        RolesAdminRoute => Roles: accounts::RolesAdminPage,
        JobsAdminRoute => Jobs: accounts::JobsAdminPage,
        ReferenceAdminRoute => Reference: reference::ReferenceAdmin,
    }
}

page_group! {
    /// Espaces: a space's home, members and settings, the invitation and sign-in links, the
    /// site admins' list of city agents (`/espaces` itself stays in the main chunk).
    EspacesPages, espaces_pages, __preload_espaces_pages {
        SpaceRoute => Space: espaces::SpacePage,
        SpaceMembersRoute => Members: espaces::SpaceMembersPage,
        SpaceSettingsRoute => Settings: espaces::SpaceSettingsPage,
        InvitationRoute => Invitation: espaces::InvitationPage,
        SignInLinkRoute => SignInLink: espaces::SignInLinkPage,
        AgentsRoute => Agents: espaces::AgentsPage,
        SpacesOverviewRoute => Overview: espaces::SpacesOverviewPage,
        SpaceForumRoute => Forum: espaces::SpaceForumPage,
        SpaceForumNewRoute => ForumNew: espaces::SpaceForumNewPage,
        SpaceForumThreadRoute => ForumThread: espaces::SpaceForumThreadPage,
        SpaceCalendarRoute => Calendar: espaces::SpaceCalendarPage,
        SpaceEventRoute => CalendarEvent: espaces::SpaceEventPage,
        SpaceDocumentsRoute => Documents: espaces::SpaceDocumentsPage,
        SpaceDocumentRoute => Document: espaces::SpaceDocumentPage,
        SpaceBinRoute => Bin: espaces::SpaceBinPage,
        SharedDocumentRoute => SharedDocument: espaces::SharedDocumentPage,
        WikiIndexRoute => WikiIndex: wiki::WikiIndexPage,
        WikiReadingRoute => WikiReading: wiki::WikiReadingPage,
        WikiHistoryRoute => WikiHistory: wiki::WikiHistoryPage,
        WikiBlameRoute => WikiBlame: wiki::WikiBlamePage,
        WikiBinRoute => WikiBin: wiki::WikiBinPage,
        WikiChangesRoute => WikiChanges: wiki::WikiChangesPage,
        SharedWikiRoute => SharedWiki: wiki::SharedWikiPage,
    }
}

page_group! {
    /// The wiki's live editor: yrs and the editor's binding load only here, so reading pages
    /// stay light (its preview is rendered by the server).
    WikiEditing, wiki_editing, __preload_wiki_editing {
        WikiEditorRoute => WikiEditor: wiki::WikiEditorPage,
    }
}

page_group! {
    /// The legal notice, the privacy and cookie notices, the accessibility statement: read
    /// rarely, from the footer.
    LegalPages, legal_pages, __preload_legal_pages {
        LegalNoticeRoute => Notice: legal::LegalNoticePage,
        PrivacyRoute => Privacy: legal::PrivacyPage,
        CookiesRoute => Cookies: legal::CookiesPage,
        AccessibilityRoute => Accessibility: legal::AccessibilityPage,
    }
}
