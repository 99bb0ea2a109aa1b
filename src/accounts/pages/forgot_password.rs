use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::api::RequestPasswordReset,
    i18n::t,
    ui::forms::{field_error, FormError, FormSuccess, TextField},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    view! {
        <Title text=t("forgot-title")/>
        <section class="narrow">
            <h1>{t("forgot-title")}</h1>
            <p>{t("forgot-lead")}</p>
            <FormError value=action.value()/>
            <FormSuccess value=action.value() message=t("forgot-sent")/>
            <ServerForm action=action attr:class="form">
                <TextField name="email" label=t("field-email") kind="email" autocomplete="email" error=field_error(action.value(), "email")/>
                <button type="submit">{t("forgot-submit")}</button>
            </ServerForm>
        </section>
    }
}
