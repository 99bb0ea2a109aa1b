use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{pages::auth_context::use_auth, types::PASSWORD_MIN},
    i18n::{t, use_locale},
    ui::forms::{field_error, load_page_on_success, FormError, PasswordField, TextField},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = use_auth().sign_up;
    load_page_on_success(action.value(), |_| "/compte".to_string());
    let hint = use_locale().t_with("password-hint", &[("min", PASSWORD_MIN.to_string())]);
    view! {
        <Title text=t("sign-up-title")/>
        <section class="narrow">
            <h1>{t("sign-up-title")}</h1>
            <p>{t("sign-up-lead")}</p>
            <FormError value=action.value()/>
            <ServerForm action=action attr:class="form">
                <TextField name="display_name" label=t("field-display-name") autocomplete="name" error=field_error(action.value(), "display_name")/>
                <TextField name="email" label=t("field-email") kind="email" autocomplete="email" error=field_error(action.value(), "email")/>
                <PasswordField name="password" label=t("field-password") autocomplete="new-password" hint=hint error=field_error(action.value(), "password")/>
                <button type="submit">{t("sign-up-submit")}</button>
            </ServerForm>
            <p>{t("have-account")}" "<a href="/compte/connexion">{t("nav-sign-in")}</a></p>
        </section>
    }
}
