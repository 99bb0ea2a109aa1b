//! `/mentions-legales`: the publisher, the director of publication and the host (loi n°
//! 2004-575 du 21 juin 2004, art. 6 III), from `[legal]`.

use super::{LegalPage, OrganisationAddress};
use crate::{i18n::t, legal::types::LegalFacts};
use leptos::prelude::*;

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    view! { <LegalPage title_key="legal-notice-title" body=body/> }
}

fn body(facts: LegalFacts) -> AnyView {
    let LegalFacts {
        site,
        publisher,
        director,
        host,
        ..
    } = facts;
    view! {
        <p>{t("legal-notice-intro")}" "<a href=site.clone()>{site.clone()}</a></p>
        <h2>{t("legal-publisher")}</h2>
        <OrganisationAddress organisation=publisher/>
        <h2>{t("legal-director")}</h2>
        <p class="legal-director">{director}</p>
        <h2>{t("legal-host")}</h2>
        <OrganisationAddress organisation=host/>
        <h2>{t("legal-reuse")}</h2>
        <p>{t("legal-reuse-text")}" "<a href="/innovation/regles">{t("innovation-rules")}</a></p>
        <h2>{t("legal-personal-data")}</h2>
        <p>
            {t("legal-personal-data-text")}" "
            <a href="/confidentialite">{t("privacy-title")}</a>", "
            <a href="/cookies">{t("cookies-title")}</a>", "
            <a href="/accessibilite">{t("accessibility-title")}</a>
        </p>
    }
    .into_any()
}
