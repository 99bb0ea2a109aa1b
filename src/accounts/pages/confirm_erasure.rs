//! `/compte/supprimer?jeton=…`, opened from the mailed link: says what will happen and
//! confirms with a button (a POST: mail scanners that open links delete nothing), then
//! `/compte/supprime` says it is done.

use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::erasure_api::{erasure_link, ConfirmErasure},
    i18n::t,
    ui::forms::{load_page_on_success, FormError},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmErasurePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.with(|q| q.get("jeton")).unwrap_or_default();
    let link = page_resource(token, erasure_link);
    let confirm = ServerAction::<ConfirmErasure>::new();
    // The signed-in user changes (signed out): a new page, not a refetch.
    load_page_on_success(confirm.value(), |()| "/compte/supprime".to_string());
    view! {
        <Title text=t("erasure-confirm-title")/>
        <section class="narrow">
            <h1>{t("erasure-confirm-title")}</h1>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || link.get().map(|answer| match answer {
                    Ok(remove_contributions) => view! {
                        <p>{t("erasure-confirm-lead")}</p>
                        <p>{t(if remove_contributions { "erasure-confirm-remove" } else { "erasure-confirm-keep" })}</p>
                        <FormError value=confirm.value()/>
                        <ServerForm action=confirm attr:class="form">
                            <input type="hidden" name="token" value=token()/>
                            <button type="submit" class="danger">{t("erasure-confirm-submit")}</button>
                        </ServerForm>
                    }.into_any(),
                    Err(error) => view! {
                        <div class="alert alert-error" role="alert">{t(error.message_key())}</div>
                        <p><a href="/compte#supprimer">{t("erasure-ask-again")}</a></p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Where a confirmed deletion lands, signed out.
#[component]
pub fn ErasedPage() -> impl IntoView {
    view! {
        <Title text=t("erasure-done-title")/>
        <section class="narrow">
            <h1>{t("erasure-done-title")}</h1>
            <p>{t("erasure-done-text")}</p>
            <p><a href="/">{t("back-home")}</a></p>
        </section>
    }
}
