//! The account page's "Mes données" section (GDPR right of access and portability): the state
//! of the person's archive, and asking for one. The archive is mailed as a link; following an
//! expired or unknown link comes back here with `?donnees=expire|inconnu|erreur`.

use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{
        data_export::DataExportStatus,
        data_export_api::{my_data_export, RequestDataExport},
    },
    i18n::{t, use_locale},
    ui::{
        forms::{on_success, FormError, FormSuccess},
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::use_query_map;

/// What a followed link came back with, as a message key.
fn link_outcome(code: &str) -> Option<&'static str> {
    match code {
        "expire" => Some("data-export-link-expired"),
        "inconnu" => Some("data-export-link-unknown"),
        "erreur" => Some("error-internal"),
        _ => None,
    }
}

/// Megabytes with one decimal (at least 0.1).
fn megabytes(bytes: i64) -> String {
    format!("{:.1}", (bytes as f64 / 1_048_576.0).max(0.1))
}

#[component]
pub fn MyDataSection() -> impl IntoView {
    let status = page_resource(|| (), |_| my_data_export());
    let ask = ServerAction::<RequestDataExport>::new();
    // Only this section changes: its state loads again.
    on_success(ask.value(), move |_| status.refetch());
    let query = use_query_map();
    let outcome = move || {
        query
            .with(|q| q.get("donnees"))
            .and_then(|c| link_outcome(&c))
    };
    view! {
        <section class="panel" id="mes-donnees" aria-labelledby="mes-donnees-title">
            <h2 id="mes-donnees-title">{t("data-export-title")}</h2>
            <p>{t("data-export-lead")}</p>
            {move || outcome().map(|key| view! { <div class="alert alert-error" role="alert">{t(key)}</div> })}
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || status.get().map(|result| match result {
                    Ok(state) => {
                        let preparing = state.preparing();
                        view! {
                            <ExportState state/>
                            <FormError value=ask.value()/>
                            <FormSuccess value=ask.value() message=t("data-export-asked")/>
                            {(!preparing).then(|| view! {
                                <ServerForm action=ask attr:class="form">
                                    <button type="submit">{t("data-export-submit")}</button>
                                </ServerForm>
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// One sentence on the latest request.
#[component]
fn ExportState(state: DataExportStatus) -> impl IntoView {
    let locale = use_locale();
    match state {
        DataExportStatus::None => view! { <p class="data-export-state">{t("data-export-none")}</p> }.into_any(),
        DataExportStatus::Preparing { requested } => view! {
            <p class="data-export-state" data-state="preparing">
                {t("data-export-preparing")}" "<TimeTag when=requested/>"."
            </p>
        }
        .into_any(),
        DataExportStatus::Ready { until, bytes } => view! {
            <p class="data-export-state" data-state="ready">
                {locale.t_with("data-export-ready", &[("size", megabytes(bytes))])}" "<TimeTag when=until/>"."
            </p>
        }
        .into_any(),
        DataExportStatus::Expired { since } => view! {
            <p class="data-export-state" data-state="expired">
                {t("data-export-expired")}" "<TimeTag when=since/>"."
            </p>
        }
        .into_any(),
    }
}
