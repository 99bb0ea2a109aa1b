use crate::{
    accounts::{
        api::ChangePassword,
        auth_context::use_auth,
        types::{CurrentUser, PASSWORD_MIN},
    },
    error::AppError,
    i18n::{t, use_locale},
    ui::{
        forms::{field_error, FormError, FormSuccess, PasswordField},
        status_pages::ErrorPage,
    },
};
use crate::ui::refused_form::ServerForm;
use leptos::prelude::*;
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
    }
}
