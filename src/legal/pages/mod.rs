//! The four legal pages. Each reads the installation's facts once ([`load_legal_facts`]) and is
//! plain text and tables: readable without JavaScript, the same in both languages.

mod accessibility;
mod cookies;
mod notice;
mod privacy;

pub use accessibility::AccessibilityPage;
pub use cookies::CookiesPage;
pub use notice::LegalNoticePage;
pub use privacy::PrivacyPage;

use super::{
    api::load_legal_facts,
    types::{LegalFacts, Organisation},
};
use crate::{
    i18n::{t, use_locale},
    ui::status_pages::ErrorPage,
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

/// The message `key` of the page's language with its arguments.
fn t_with(key: &str, args: &[(&'static str, String)]) -> String {
    use_locale().t_with(key, args)
}

/// A legal page: its title, then `body` once the facts are read.
#[component]
fn LegalPage(title_key: &'static str, body: fn(LegalFacts) -> AnyView) -> impl IntoView {
    let facts = page_resource(|| (), |()| load_legal_facts());
    view! {
        <Title text=t(title_key)/>
        <h1>{t(title_key)}</h1>
        <div class="page prose legal">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || facts.get().map(|facts| match facts {
                    Ok(facts) => body(facts),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// An organisation's name, postal address, telephone and e-mail (those it has).
#[component]
fn OrganisationAddress(organisation: Organisation) -> impl IntoView {
    let Organisation {
        name,
        address,
        phone,
        email,
    } = organisation;
    let phone = (!phone.is_empty()).then(|| {
        let tel = format!("tel:{}", phone.replace(' ', ""));
        view! { <br/>{t("legal-phone")}" : "<a href=tel>{phone}</a> }
    });
    let email = (!email.is_empty()).then(|| {
        let mailto = format!("mailto:{email}");
        view! { <br/>{t("legal-email")}" : "<a href=mailto>{email}</a> }
    });
    view! {
        <address>
            <strong>{name}</strong><br/>
            {address}
            {phone}
            {email}
        </address>
    }
}
