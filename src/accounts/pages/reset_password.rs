use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::{api::ResetPassword, types::PASSWORD_MIN},
    i18n::{t, use_locale},
    ui::forms::{field_error, load_page_on_success, FormError, PasswordField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    load_page_on_success(action.value(), |_| "/compte".to_string());
    let query = use_query_map();
    let token = move || query.with(|q| q.get("jeton")).unwrap_or_default();
    let hint = use_locale().t_with("password-hint", &[("min", PASSWORD_MIN.to_string())]);
    view! {
        <Title text=t("reset-title")/>
        <section class="narrow">
            <h1>{t("reset-title")}</h1>
            <FormError value=action.value()/>
            <ServerForm action=action attr:class="form">
                <input type="hidden" name="token" value=token/>
                <PasswordField name="new_password" label=t("field-new-password") autocomplete="new-password" hint=hint error=field_error(action.value(), "new_password")/>
                <button type="submit">{t("reset-submit")}</button>
            </ServerForm>
        </section>
    }
}
