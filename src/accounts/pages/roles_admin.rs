//! Staff roles: find an account, grant a role with its scope, revoke one.

use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{
        admin_api::{find_accounts, GrantRole, RevokeRole},
        pages::auth_context::use_auth,
        types::{CurrentUser, Permission, Role},
    },
    error::AppError,
    i18n::t,
    reference::api::load_reference,
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::{page_resource, PageResource};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RolesAdminPage() -> impl IntoView {
    let auth = use_auth();
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let query_map = use_query_map();
    let query = move || query_map.with(|q| q.get("q")).unwrap_or_default();
    let accounts = page_resource(query, |q| async move {
        if q.trim().is_empty() {
            Ok(vec![])
        } else {
            find_accounts(q).await
        }
    });
    let reference = page_resource(|| (), |_| load_reference());
    provide_refetch(move || accounts.refetch());
    refetch_on_success(grant.value());
    refetch_on_success(revoke.value());
    view! {
        <Title text=t("admin-title")/>
        <h1>{t("admin-title")}</h1>
        <Transition fallback=move || view! { <p>{t("loading")}</p> }>
            {move || auth.user.get().map(|user| match user {
                Ok(Some(u)) if u.can(Permission::ManageDirections) => view! {
                    {u.can(Permission::AdministerSite).then(|| view! { <p><a href="/admin/referentiel">{t("reference-title")}</a>" · "<a href="/admin/travaux">{t("jobs-admin-title")}</a>" · "<a href="/espaces/agents">{t("space-agents-title")}</a>" · "<a href="/espaces/administration">{t("spaces-overview-title")}</a></p> })}
                    <form method="get" action="/admin" class="form search-form" role="search">
                        <div class="field">
                            <label for="account-search">{t("admin-search-label")}</label>
                            <input id="account-search" name="q" type="search" value=query/>
                        </div>
                        <button type="submit">{t("search")}</button>
                    </form>
                    <FormError value=grant.value()/>
                    <FormError value=revoke.value()/>
                }.into_any(),
                Ok(Some(_)) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                Ok(None) => view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any(),
                Err(error) => view! { <ErrorPage error/> }.into_any(),
            })}
            {move || accounts.get().map(|found| match found {
                Ok(found) => found.into_iter().map(|a| view! { <AccountRoles account=a grant revoke reference/> }).collect_view().into_any(),
                Err(AppError::Forbidden | AppError::Unauthenticated) => ().into_any(),
                Err(error) => view! { <ErrorPage error/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn AccountRoles(
    account: CurrentUser,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
    reference: PageResource<Result<crate::reference::types::ReferenceData, AppError>>,
) -> impl IntoView {
    let user_id = account.id.to_string();
    let list_user_id = user_id.clone();
    view! {
        <article class="panel account-roles">
            <h2>{account.display_name.clone()}" "<small>{account.email.clone()}</small></h2>
            <ul class="roles">
                {account.roles.into_iter().map(move |g| {
                    let user_id = list_user_id.clone();
                    let scope = g.service.map(|s| s.name).or(g.direction.map(|d| d.name));
                    view! {
                        <li>
                            {t(g.role.label_key())}{scope.map(|s| format!(" — {s}"))}
                            <ServerForm action=revoke attr:class="inline-form">
                                <input type="hidden" name="user_id" value=user_id.clone()/>
                                <input type="hidden" name="grant_id" value=g.id.to_string()/>
                                <button type="submit" class="link-button">{t("revoke")}</button>
                            </ServerForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ServerForm action=grant attr:class="form grant-form">
                <input type="hidden" name="user_id" value=user_id.clone()/>
                <div class="field">
                    <label for=format!("role-{user_id}")>{t("admin-role")}</label>
                    <select id=format!("role-{user_id}") name="role">
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.code()>{t(r.label_key())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=format!("scope-{user_id}")>{t("admin-scope")}</label>
                    <select id=format!("scope-{user_id}") name="scope">
                        <option value="">{t("admin-scope-none")}</option>
                        {move || reference.get().and_then(|r| r.ok()).map(|r| r.directions.into_iter().map(|d| view! {
                            <optgroup label=d.code.clone()>
                                <option value=format!("d:{}", d.id)>{format!("{} ({})", d.name, t("admin-whole-direction"))}</option>
                                {d.services.into_iter().map(|s| view! { <option value=format!("s:{}", s.id)>{s.name}</option> }).collect_view()}
                            </optgroup>
                        }).collect_view())}
                    </select>
                </div>
                <button type="submit">{t("grant")}</button>
            </ServerForm>
        </article>
    }
}
