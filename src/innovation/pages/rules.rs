//! /innovation/regles — the independence rules, readable by everyone.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RulesPage() -> impl IntoView {
    view! {
        <Title text=t("innovation-rules")/>
        <h1>{t("innovation-rules")}</h1>
        <div class="page prose">
            <p>{t("rules-intro")}</p>
            <ul>
                <li>{t("rules-no-promotion")}</li>
                <li>{t("rules-interests")}</li>
                <li>{t("rules-sources")}</li>
                <li>{t("rules-review")}</li>
                <li>{t("rules-warnings")}</li>
            </ul>
            <h2>{t("innovation-open-data")}</h2>
            <p>
                {t("rules-open-data")}" "
                <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">"Licence Ouverte / Open Licence 2.0"</a>
                " — "<a href="/innovation/donnees.json">"JSON"</a>" · "<a href="/innovation/donnees.csv">"CSV"</a>
            </p>
        </div>
    }
}
