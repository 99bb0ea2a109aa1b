//! `/cookies`: the cookies Parvis sets ([`COOKIES`]), all strictly necessary, hence no consent
//! banner.

use super::{t_with, LegalPage};
use crate::{
    i18n::t,
    legal::types::{CookieLifetime, LegalFacts, COOKIES},
};
use leptos::prelude::*;

#[component]
pub fn CookiesPage() -> impl IntoView {
    view! { <LegalPage title_key="cookies-title" body=body/> }
}

fn body(facts: LegalFacts) -> AnyView {
    let rows = COOKIES
        .iter()
        .map(|cookie| {
            let name = cookie.name_with(&facts.session_cookie);
            let lifetime = match cookie.lifetime {
                CookieLifetime::SessionIdle => t_with(
                    "cookies-lifetime-session",
                    &[("hours", facts.session_idle_hours.to_string())],
                ),
                CookieLifetime::Days(days) => t_with("legal-days", &[("amount", days.to_string())]),
            };
            let key = name.clone();
            view! {
                <tr data-cookie=key>
                    <th scope="row"><code>{name}</code></th>
                    <td>{t(cookie.purpose_key)}</td>
                    <td>{lifetime}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="lead">{t("cookies-intro")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("cookies-caption")>
            <table class="data-table cookie-table">
                <caption>{t("cookies-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("cookies-name")}</th>
                        <th scope="col">{t("cookies-purpose")}</th>
                        <th scope="col">{t("cookies-lifetime")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{t("cookies-no-banner")}</h2>
        <p>{t("cookies-no-banner-text")}</p>
        <p>{t("cookies-nothing-else")}</p>
        <h2>{t("cookies-control")}</h2>
        <p>{t("cookies-control-text")}</p>
    }
    .into_any()
}
