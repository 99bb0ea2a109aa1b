//! The selection dashboard page.

use crate::{
    i18n::t,
    stages::{
        api::load_dashboard,
        application::ApplicationState,
        dashboard::{human_duration, AnswerTimes, Dashboard},
    },
    ui::{status_pages::ErrorPage, time::TimeTag},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = page_resource(|| (), |_| load_dashboard());
    view! {
        <Title text=t("dashboard-title")/>
        <h1>{t("dashboard-title")}</h1>
        <p><a href="/stages/export.csv" download="candidatures.csv">{t("dashboard-export")}</a></p>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok(dashboard) => view! { <Figures dashboard/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn AnswerTable(caption: String, rows: Vec<AnswerTimes>) -> impl IntoView {
    let shown = |s: Option<i64>| s.map(human_duration).unwrap_or_else(|| "—".into());
    let region = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
        <table class="data-table">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t("dashboard-unit")}</th>
                <th scope="col">{t("dashboard-answered")}</th>
                <th scope="col">{t("dashboard-waiting")}</th>
                <th scope="col">{t("dashboard-median")}</th>
                <th scope="col">{t("dashboard-p90")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.unit}</th>
                        <td>{r.answered}</td>
                        <td>{r.waiting}</td>
                        <td>{shown(r.median_seconds)}</td>
                        <td>{shown(r.p90_seconds)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{t("dashboard-answer-times")}</h2>
            <p>{t("dashboard-answer-help")}</p>
            <AnswerTable caption=t("dashboard-by-direction") rows=dashboard.by_direction/>
            <AnswerTable caption=t("dashboard-by-service") rows=dashboard.by_service/>
        </section>
        <section class="panel">
            <h2>{t("dashboard-waiting-title")}</h2>
            <p class="dashboard-spontaneous">{t("dashboard-spontaneous")}" "<strong>{dashboard.spontaneous_waiting}</strong></p>
            <h3>{t("dashboard-expiring")}</h3>
            {if dashboard.expiring.is_empty() {
                view! { <p>{t("dashboard-expiring-none")}</p> }.into_any()
            } else {
                view! {
                    <ul>{dashboard.expiring.into_iter().map(|(id, title, deadline)| view! {
                        <li><a href=format!("/stages/offres/{id}")>{title}</a>" — "<TimeTag when=deadline/></li>
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
        <section class="panel">
            <h2 id="dashboard-offers">{t("dashboard-offers")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="dashboard-offers">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t("offer-title")}</th>
                    {ApplicationState::ALL.into_iter().map(|s| view! { <th scope="col">{t(s.label_key())}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {dashboard.offers.into_iter().map(|o| view! {
                        <tr>
                            <th scope="row"><a href=format!("/stages/offres/{}", o.offer_id)>{o.title}</a></th>
                            {o.counts.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
