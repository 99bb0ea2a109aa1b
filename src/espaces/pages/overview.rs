//! `/espaces/administration`: the site admins' overview of every space — visibility, state,
//! members and animators, bytes stored, last activity — and the link to the city agents.

use crate::{
    espaces::activity_api::load_spaces_overview,
    i18n::{t, use_locale},
    ui::{sizes::byte_size, status_pages::ErrorPage, time::TimeTag},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn SpacesOverviewPage() -> impl IntoView {
    let rows = page_resource(|| (), |()| load_spaces_overview());
    let locale = use_locale();
    view! {
        <Title text=t("spaces-overview-title")/>
        <div class="page">
            <h1>{t("spaces-overview-title")}</h1>
            <p><a href="/espaces/agents">{t("space-agents-title")}</a></p>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || rows.get().map(|result| match result {
                    Ok(rows) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t("spaces-overview-title")>
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{t("space-name")}</th>
                                    <th scope="col">{t("space-visibility")}</th>
                                    <th scope="col">{t("space-members-count")}</th>
                                    <th scope="col">{t("spaces-overview-animators")}</th>
                                    <th scope="col">{t("spaces-overview-storage")}</th>
                                    <th scope="col">{t("spaces-overview-last")}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>
                                                <a href=format!("/espaces/{}", r.id)>{r.name}</a>
                                                {r.archived.then(|| view! { " · "{t("space-archived")} })}
                                            </td>
                                            <td>{t(&r.visibility.label_key())}</td>
                                            <td>{r.members}</td>
                                            <td>{r.animators}</td>
                                            <td>{byte_size(locale, r.storage_bytes)}</td>
                                            <td>{match r.last_activity {
                                                Some(at) => view! { <TimeTag when=at/> }.into_any(),
                                                None => view! { "—" }.into_any(),
                                            }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
