use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::pages::auth_context::use_auth,
    i18n::t,
    ui::forms::{field_error, load_page_on_success, FormError, PasswordField, TextField},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = use_auth().sign_in;
    let query = use_query_map();
    let next = move || query.with(|q| q.get("suite")).unwrap_or_default();
    // Where to go comes from the server, which resolved `suite` against the site's address.
    load_page_on_success(
        action.value(),
        |signed: &crate::accounts::types::SignedIn| signed.next.clone(),
    );
    view! {
        <Title text=t("sign-in-title")/>
        <section class="narrow">
            <h1>{t("sign-in-title")}</h1>
            <FormError value=action.value()/>
            <ServerForm action=action attr:class="form">
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label=t("field-email") kind="email" autocomplete="email" error=field_error(action.value(), "email")/>
                <PasswordField name="password" label=t("field-password") error=field_error(action.value(), "password")/>
                <button type="submit">{t("sign-in-submit")}</button>
            </ServerForm>
            <p><a href="/compte/mot-de-passe-oublie">{t("forgot-link")}</a></p>
            <p>{t("no-account-yet")}" "<a href="/compte/inscription">{t("nav-sign-up")}</a></p>
        </section>
    }
}
