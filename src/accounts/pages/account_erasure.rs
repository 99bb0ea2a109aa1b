//! The "Supprimer mon compte" section of `/compte`: what goes, what stays and why, then the
//! password; the confirmation link comes by mail (`confirm_erasure.rs`).

use crate::ui::refused_form::{kept_checked, ServerForm};
use crate::{
    accounts::erasure_api::RequestErasure,
    i18n::t,
    ui::forms::{field_error, FormError, PasswordField},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query `/compte` is opened with after the request was posted without JavaScript (the
/// hydrated page shows the action's own success instead).
pub const SENT_QUERY: (&str, &str) = ("suppression", "envoyee");

/// What an erasure deletes, then what it keeps (translation keys, in the order shown).
const GOES: [&str; 5] = [
    "erasure-goes-profile",
    "erasure-goes-applications",
    "erasure-goes-community",
    "erasure-goes-sessions",
    "erasure-goes-identity",
];
const STAYS: [&str; 3] = [
    "erasure-stays-contributions",
    "erasure-stays-decisions",
    "erasure-stays-tombstone",
];

/// Asks for the account's deletion (password, and whether comments and posts go too).
#[component]
pub fn ErasureSection() -> impl IntoView {
    let request = ServerAction::<RequestErasure>::new();
    let query = use_query_map();
    let sent_plain = move || query.with(|q| q.get(SENT_QUERY.0).as_deref() == Some(SENT_QUERY.1));
    let done = move || sent_plain() || request.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <section class="panel" id="supprimer" aria-labelledby="erasure-title">
            <h2 id="erasure-title">{t("erasure-title")}</h2>
            <p>{t("erasure-lead")}</p>
            <h3>{t("erasure-goes-title")}</h3>
            <ul class="erasure-goes">{GOES.into_iter().map(|key| view! { <li>{t(key)}</li> }).collect_view()}</ul>
            <h3>{t("erasure-stays-title")}</h3>
            <ul class="erasure-stays">{STAYS.into_iter().map(|key| view! { <li>{t(key)}</li> }).collect_view()}</ul>
            <FormError value=request.value()/>
            <div class="alert alert-success" role="status" hidden=move || !done()>{t("erasure-mail-sent")}</div>
            <ServerForm action=request attr:class="form">
                <div class="field checkbox-field">
                    <input type="checkbox" id="erasure-remove-contributions" name="remove_contributions" value="1"
                        checked=kept_checked("remove_contributions").unwrap_or(false) aria-describedby="erasure-remove-contributions-hint"/>
                    <label for="erasure-remove-contributions">{t("erasure-remove-label")}</label>
                    <p class="field-hint" id="erasure-remove-contributions-hint">{t("erasure-remove-hint")}</p>
                </div>
                <PasswordField name="password" label=t("erasure-password") error=field_error(request.value(), "password")/>
                <button type="submit" class="danger">{t("erasure-submit")}</button>
            </ServerForm>
        </section>
    }
}
