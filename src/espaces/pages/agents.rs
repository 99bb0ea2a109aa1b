//! `/espaces/agents`: the accounts a site admin named city agents (besides staff roles and the
//! configured e-mail domains), with a form to name one by address and a button to take it back.

use crate::{
    espaces::api::{load_agents, GrantAgent, RevokeAgent},
    i18n::t,
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FormError, TextField},
        refused_form::ServerForm,
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn AgentsPage() -> impl IntoView {
    let agents = page_resource(|| (), |()| load_agents());
    provide_refetch(move || agents.refetch());
    let grant = ServerAction::<GrantAgent>::new();
    let revoke = ServerAction::<RevokeAgent>::new();
    refetch_on_success(grant.value());
    refetch_on_success(revoke.value());
    view! {
        <Title text=t("space-agents-title")/>
        <div class="page">
            <h1>{t("space-agents-title")}</h1>
            <p>{t("space-agents-lead")}</p>
            <FormError value=revoke.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || agents.get().map(|result| match result {
                    Ok(agents) => view! {
                        <ul>
                            {agents.into_iter().map(|a| view! {
                                <li>
                                    {a.name}" ("{a.email}") "
                                    <ServerForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="user_id" value=a.user_id.to_string()/>
                                        <button type="submit" class="secondary">{t("space-agent-revoke")}</button>
                                    </ServerForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        <FormError value=grant.value()/>
                        <ServerForm action=grant attr:class="form" reset_on_success=true>
                            <TextField name="email" kind="email" label=t("field-email") error=field_error(grant.value(), "email")/>
                            <button type="submit">{t("space-agent-grant")}</button>
                        </ServerForm>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
