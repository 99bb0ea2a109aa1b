use super::my_data::MyDataSection;
use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{
        api::ChangePassword,
        pages::auth_context::use_auth,
        preferences_api::{time_zone_choice, SetTimeZone},
        types::{CurrentUser, PASSWORD_MIN},
    },
    error::AppError,
    i18n::{t, use_locale},
    ui::{
        forms::{field_error, on_success, FormError, FormSuccess, PasswordField, Select},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Title text=t("account-title")/>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || auth.user.get().map(|user| match user {
                    Ok(Some(user)) => view! { <Account user/> }.into_any(),
                    Ok(None) => view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Account(user: CurrentUser) -> impl IntoView {
    let auth = use_auth();
    let change = ServerAction::<ChangePassword>::new();
    let hint = use_locale().t_with("password-hint", &[("min", PASSWORD_MIN.to_string())]);
    view! {
        <h1>{t("account-title")}</h1>
        <section class="panel">
            <dl class="facts">
                <dt>{t("field-display-name")}</dt><dd>{user.display_name.clone()}</dd>
                <dt>{t("field-email")}</dt><dd>{user.email.clone()}</dd>
            </dl>
            <h2>{t("account-roles")}</h2>
            <ul class="roles">
                {user.roles.into_iter().map(|g| {
                    let scope = g.service.map(|s| s.name).or(g.direction.map(|d| d.name));
                    view! { <li data-role=g.role.code()>{t(g.role.label_key())}{scope.map(|s| format!(" — {s}"))}</li> }
                }).collect_view()}
            </ul>
            <ServerForm action=auth.sign_out>
                <button type="submit" class="secondary">{t("sign-out")}</button>
            </ServerForm>
        </section>
        <section class="panel">
            <h2>{t("password-change-title")}</h2>
            <p>{t("password-change-lead")}</p>
            <FormError value=change.value()/>
            <FormSuccess value=change.value() message=t("password-changed")/>
            <ServerForm action=change attr:class="form">
                <PasswordField name="current_password" label=t("field-current-password") error=field_error(change.value(), "current_password")/>
                <PasswordField name="new_password" label=t("field-new-password") autocomplete="new-password" hint=hint error=field_error(change.value(), "new_password")/>
                <button type="submit">{t("password-change-submit")}</button>
            </ServerForm>
        </section>
        <TimeZoneSection/>
        <super::account_erasure::ErasureSection/>
        <MyDataSection/>
    }
}

/// The time zone dates are shown in ("—" keeps the city's).
#[component]
fn TimeZoneSection() -> impl IntoView {
    let choice = page_resource(|| (), |_| time_zone_choice());
    let save = ServerAction::<SetTimeZone>::new();
    // Dates are written by the server in the reader's zone, and this page shows none: what
    // the next pages load follows the new zone; here only the choice loads again.
    on_success(save.value(), move |_| choice.refetch());
    view! {
        <section class="panel">
            <h2>{t("account-time-zone-title")}</h2>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || choice.get().map(|result| match result {
                    Ok(choice) => view! {
                        <p>{use_locale().t_with("account-time-zone-lead", &[("city", choice.city.clone())])}</p>
                        <FormError value=save.value()/>
                        <FormSuccess value=save.value() message=t("account-time-zone-saved")/>
                        <ActionForm action=save attr:class="form">
                            <Select name="time_zone" label=t("account-time-zone-field") optional=true selected=choice.chosen.clone()
                                options=choice.names.iter().map(|n| (n.clone(), n.replace('_', " "))).collect() error=field_error(save.value(), "time_zone")/>
                            <button type="submit">{t("account-time-zone-submit")}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
