//! /admin/travaux — background jobs that failed (with their error) or are retrying, each with
//! a retry button. Site admins only (the server refuses anyone else).

use crate::{
    accounts::jobs_api::{troubled_jobs, RetryJob, TroubledJob},
    i18n::t,
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn JobsAdminPage() -> impl IntoView {
    let retry = ServerAction::<RetryJob>::new();
    let jobs = page_resource(|| (), |_| troubled_jobs());
    // A retried job leaves the list (or shows its new attempt): the list loads again.
    provide_refetch(move || jobs.refetch());
    refetch_on_success(retry.value());
    view! {
        <Title text=t("jobs-admin-title")/>
        <h1>{t("jobs-admin-title")}</h1>
        <div class="page">
            <p>{t("jobs-admin-intro")}</p>
            <FormError value=retry.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || jobs.get().map(|result| match result {
                    Ok(jobs) if jobs.is_empty() => view! { <p class="jobs-none">{t("jobs-admin-none")}</p> }.into_any(),
                    Ok(jobs) => view! { <JobsTable jobs retry/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn JobsTable(jobs: Vec<TroubledJob>, retry: ServerAction<RetryJob>) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t("jobs-admin-title")>
            <table class="data-table jobs">
                <caption class="visually-hidden">{t("jobs-admin-title")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("jobs-admin-kind")}</th>
                        <th scope="col">{t("jobs-admin-state")}</th>
                        <th scope="col">{t("jobs-admin-attempts")}</th>
                        <th scope="col">{t("jobs-admin-error")}</th>
                        <th scope="col">{t("jobs-admin-created")}</th>
                        <th scope="col">{t("jobs-admin-next")}</th>
                        <th scope="col"><span class="visually-hidden">{t("jobs-admin-retry")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {jobs.into_iter().map(|job| {
                        let failed = job.state == "failed";
                        view! {
                            <tr data-job=job.id.to_string() data-state=job.state.clone()>
                                <td><code>{job.kind.clone()}</code></td>
                                <td>{if failed { t("jobs-admin-failed") } else { t("jobs-admin-retrying") }}</td>
                                <td>{job.attempts}</td>
                                <td class="job-error">{job.last_error.clone()}</td>
                                <td><TimeTag when=job.created.clone()/></td>
                                <td>{(!failed).then(|| view! { <TimeTag when=job.next_run.clone()/> })}</td>
                                <td>
                                    <ServerForm action=retry attr:class="inline-form">
                                        <input type="hidden" name="id" value=job.id.to_string()/>
                                        <button type="submit" class="secondary">{t("jobs-admin-retry")}</button>
                                    </ServerForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
