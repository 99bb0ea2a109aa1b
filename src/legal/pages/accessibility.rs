//! `/accessibilite`: the accessibility statement in the RGAA's model (commitment, conformity
//! state, test results, non-accessible content, how it was established, feedback, recourse).
//! The results are the audit spec's (`end2end/tests/accessibility_audit.spec.ts`), whose
//! remaining findings live in `src/legal/accessibility_remaining.json`.

use super::{t_with, LegalPage};
use crate::{
    i18n::{t, use_locale, Locale},
    legal::types::{LegalFacts, RemainingIssue},
    ui::time::TimeTag,
};
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! { <LegalPage title_key="accessibility-title" body=body/> }
}

fn issue(issue: RemainingIssue) -> impl IntoView {
    let text = if use_locale() == Locale::En {
        issue.en
    } else {
        issue.fr
    };
    let pages = issue.pages.join(", ");
    let viewports = issue
        .viewports
        .iter()
        .map(|v| t(&format!("accessibility-viewport-{v}")))
        .collect::<Vec<_>>()
        .join(", ");
    let rule = issue.rule;
    let key = rule.clone();
    view! {
        <li data-rule=key>
            {text}" "
            <span class="field-hint">"("<code>{rule}</code>", "{issue.impact}" ; "{pages}" ; "{viewports}")"</span>
        </li>
    }
}

fn body(facts: LegalFacts) -> AnyView {
    let LegalFacts {
        site,
        publisher,
        accessibility_email,
        accessibility_form_url,
        audit_date,
        remaining,
        ..
    } = facts;
    let commitment = t_with("accessibility-commitment", &[("name", publisher.name)]);
    let findings = if remaining.is_empty() {
        view! { <p class="accessibility-none">{t("accessibility-results-none")}</p> }.into_any()
    } else {
        let count = t_with(
            "accessibility-results-some",
            &[("count", remaining.len().to_string())],
        );
        let list = remaining.into_iter().map(issue).collect_view();
        view! {
            <p>{count}</p>
            <ul class="accessibility-remaining">{list}</ul>
        }
        .into_any()
    };
    let email = (!accessibility_email.is_empty()).then(|| {
        let mailto = format!("mailto:{accessibility_email}");
        view! { <li>{t("legal-email")}" : "<a href=mailto>{accessibility_email}</a></li> }
    });
    let form = (!accessibility_form_url.is_empty()).then(|| {
        view! { <li>{t("accessibility-form")}" : "<a href=accessibility_form_url.clone()>{accessibility_form_url.clone()}</a></li> }
    });
    view! {
        <p class="lead">{commitment}</p>
        <p>{t("accessibility-applies")}" "<a href=site.clone()>{site.clone()}</a></p>

        <h2>{t("accessibility-state")}</h2>
        <p class="accessibility-state"><strong>{t("accessibility-state-value")}</strong></p>
        <p>{t("accessibility-state-why")}</p>

        <h2>{t("accessibility-results")}</h2>
        <p>{t("accessibility-results-method")}" "<TimeTag when=audit_date.clone()/>"."</p>
        <p>{t("accessibility-results-limits")}</p>
        {findings}

        <h2>{t("accessibility-not-accessible")}</h2>
        <h3>{t("accessibility-non-conformities")}</h3>
        <p>{t("accessibility-non-conformities-text")}</p>
        <h3>{t("accessibility-derogations")}</h3>
        <p>{t("accessibility-derogations-text")}</p>
        <h3>{t("accessibility-exempt")}</h3>
        <p>{t("accessibility-exempt-text")}</p>

        <h2>{t("accessibility-established")}</h2>
        <p>{t("accessibility-established-on")}" "<TimeTag when=audit_date/>"."</p>
        <h3>{t("accessibility-technologies")}</h3>
        <p>{t("accessibility-technologies-text")}</p>
        <h3>{t("accessibility-environment")}</h3>
        <p>{t("accessibility-environment-text")}</p>
        <h3>{t("accessibility-tools")}</h3>
        <p>{t("accessibility-tools-text")}</p>
        <h3>{t("accessibility-pages")}</h3>
        <p>{t("accessibility-pages-text")}</p>

        <h2>{t("accessibility-feedback")}</h2>
        <p>{t("accessibility-feedback-text")}</p>
        <ul>{email}{form}</ul>

        <h2>{t("accessibility-recourse")}</h2>
        <p>{t("accessibility-recourse-text")}</p>
        <ul>
            <li>
                {t("accessibility-recourse-form")}" "
                <a href="https://formulaire.defenseurdesdroits.fr/">"formulaire.defenseurdesdroits.fr"</a>
            </li>
            <li>
                {t("accessibility-recourse-delegate")}" "
                <a href="https://www.defenseurdesdroits.fr/saisir/delegues">"www.defenseurdesdroits.fr/saisir/delegues"</a>
            </li>
            <li>
                {t("accessibility-recourse-letter")}
                <address>"Défenseur des droits"<br/>"Libre réponse 71120"<br/>"75342 Paris CEDEX 07"</address>
            </li>
        </ul>
    }
    .into_any()
}
