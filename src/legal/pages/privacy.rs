//! `/confidentialite`: the privacy notice (GDPR art. 13): the controller, what is processed
//! and why, on which legal basis, who receives it, how long it is kept (every `[retention]`
//! rule, with its configured length), the rights and how to use them, the DPO, the CNIL.

use super::{t_with, LegalPage, OrganisationAddress};
use crate::{
    i18n::t,
    legal::types::{LegalFacts, RetentionPeriod},
};
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <LegalPage title_key="privacy-title" body=body/> }
}

/// A list of the items `keys` name.
fn items(keys: &[&str]) -> AnyView {
    let items = keys
        .iter()
        .map(|key| view! { <li>{t(key)}</li> })
        .collect_view();
    view! { <ul>{items}</ul> }.into_any()
}

fn retention_row(rule: RetentionPeriod) -> impl IntoView {
    let length = t_with(rule.length_key(), &[("amount", rule.amount.to_string())]);
    view! {
        <tr data-rule=rule.key.clone()>
            <th scope="row">{t(&format!("retention-{}", rule.key))}</th>
            <td>{length}</td>
            <td>{t(&format!("retention-{}-why", rule.key))}</td>
        </tr>
    }
}

fn body(facts: LegalFacts) -> AnyView {
    let LegalFacts {
        publisher,
        dpo,
        retention,
        ..
    } = facts;
    let controller = t_with(
        "privacy-controller-text",
        &[("name", publisher.name.clone())],
    );
    let rows = retention.into_iter().map(retention_row).collect_view();
    view! {
        <p class="lead">{t("privacy-intro")}</p>
        <h2>{t("privacy-controller")}</h2>
        <p>{controller}</p>
        <OrganisationAddress organisation=publisher/>

        <h2>{t("privacy-what")}</h2>
        <h3>{t("privacy-accounts")}</h3>
        {items(&["privacy-accounts-profile", "privacy-accounts-sessions", "privacy-accounts-sign-in", "privacy-accounts-mail"])}
        <h3>{t("nav-stages")}</h3>
        {items(&["privacy-stages-profile", "privacy-stages-cv", "privacy-stages-applications", "privacy-stages-messages", "privacy-stages-notes", "privacy-stages-searches"])}
        <h3>{t("nav-innovation")}</h3>
        {items(&["privacy-innovation-profile", "privacy-innovation-fiches", "privacy-innovation-comments", "privacy-innovation-threads", "privacy-innovation-messages", "privacy-innovation-follows"])}

        <h2>{t("privacy-purposes")}</h2>
        {items(&["privacy-purpose-stages", "privacy-purpose-innovation", "privacy-purpose-accounts", "privacy-purpose-figures"])}
        <h2>{t("privacy-basis")}</h2>
        <p>{t("privacy-basis-text")}</p>
        <p>{t("privacy-basis-none")}</p>

        <h2>{t("privacy-recipients")}</h2>
        {items(&["privacy-recipients-stages", "privacy-recipients-innovation", "privacy-recipients-staff", "privacy-recipients-host"])}
        <p>{t("privacy-recipients-none")}</p>

        <h2 id="retention">{t("privacy-retention")}</h2>
        <p>{t("privacy-retention-intro")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="retention">
            <table class="data-table retention-table">
                <thead>
                    <tr>
                        <th scope="col">{t("privacy-retention-what")}</th>
                        <th scope="col">{t("privacy-retention-length")}</th>
                        <th scope="col">{t("privacy-retention-why")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p>{t("privacy-retention-after")}</p>

        <h2>{t("privacy-rights")}</h2>
        <p>{t("privacy-rights-intro")}</p>
        {items(&["privacy-right-access", "privacy-right-rectification", "privacy-right-erasure", "privacy-right-restriction", "privacy-right-objection", "privacy-right-portability"])}
        <h3>{t("privacy-rights-how")}</h3>
        <p>{t("privacy-rights-account")}" "<a href="/compte">{t("privacy-rights-account-link")}</a></p>
        <p>{t("privacy-rights-write")}</p>

        <h2>{t("privacy-dpo")}</h2>
        <OrganisationAddress organisation=dpo/>

        <h2>{t("privacy-complaint")}</h2>
        <p>
            {t("privacy-complaint-text")}" "
            <a href="https://www.cnil.fr/fr/adresser-une-plainte">"www.cnil.fr/fr/adresser-une-plainte"</a>
        </p>
        <address>"CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07"</address>
    }
    .into_any()
}
