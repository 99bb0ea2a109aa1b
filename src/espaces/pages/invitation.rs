//! `/espaces/invitation?jeton=…` (the mailed invitation) and `/espaces/connexion` (asking for,
//! and using, a one-time sign-in link). These pages only show: accepting, creating a partner
//! account and signing in are buttons that post (mail scanners open links).

use crate::{
    espaces::{
        invitations_api::{
            load_invitation, sign_in_link, AcceptInvitation, JoinAsPartner, RequestSignInLink,
            SignInByLink,
        },
        types::InvitationView,
    },
    i18n::t,
    ui::{
        forms::{
            field_error, load_page_on_success, FormError, FormSuccess, PasswordField, TextField,
        },
        refused_form::ServerForm,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn token() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get("jeton")).unwrap_or_default()
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let token = token();
    let invitation = page_resource(token.clone(), load_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let create = ServerAction::<JoinAsPartner>::new();
    // Joining changes what the account sees (and creating signs in): a new page.
    load_page_on_success(accept.value(), |id| format!("/espaces/{id}"));
    load_page_on_success(create.value(), |id| format!("/espaces/{id}"));
    view! {
        <Title text=t("invitation-title")/>
        <section class="narrow">
            <h1>{t("invitation-title")}</h1>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {
                    let token = token.clone();
                    move || invitation.get().map(|answer| match answer {
                        Ok(invitation) => view! { <Invitation invitation token=token() accept create/> }.into_any(),
                        Err(error) => view! {
                            <div class="alert alert-error" role="alert">{t(error.message_key())}</div>
                            <p>{t("invitation-ask-again")}</p>
                        }.into_any(),
                    })
                }
            </Transition>
        </section>
    }
}

#[component]
fn Invitation(
    invitation: InvitationView,
    token: String,
    accept: ServerAction<AcceptInvitation>,
    create: ServerAction<JoinAsPartner>,
) -> impl IntoView {
    let lead = crate::i18n::use_locale().t_with(
        "invitation-lead",
        &[
            ("inviter", invitation.invited_by.clone()),
            ("space", invitation.space_name.clone()),
            ("role", t(&invitation.role.label_key())),
        ],
    );
    let suite = format!("/espaces/invitation?jeton={token}");
    let answer = match (invitation.signed_in_as, invitation.account_exists) {
        (Some(true), _) => view! {
            <FormError value=accept.value()/>
            <ServerForm action=accept>
                <input type="hidden" name="token" value=token.clone()/>
                <button type="submit">{t("invitation-accept")}</button>
            </ServerForm>
        }
        .into_any(),
        (Some(false), _) => view! {
            <p class="alert alert-error" role="alert">{t("error-invitation-other-account")}</p>
        }
        .into_any(),
        (None, true) => view! {
            <p>{t("invitation-sign-in")}</p>
            <p><a href=format!("/compte/connexion?suite={}", crate::paging::encode(&suite))>{t("nav-sign-in")}</a></p>
            <p>{t("invitation-or-link")}" "<a href="/espaces/connexion">{t("espaces-sign-in-link-ask")}</a></p>
        }
        .into_any(),
        (None, false) => view! {
            <h2>{t("invitation-create-account")}</h2>
            <p>{t("invitation-create-lead")}</p>
            <FormError value=create.value()/>
            <ServerForm action=create attr:class="form">
                <input type="hidden" name="token" value=token.clone()/>
                <TextField name="display_name" label=t("field-display-name") autocomplete="name" error=field_error(create.value(), "display_name")/>
                <PasswordField name="password" label=t("field-password") hint=t("invitation-password-hint") autocomplete="new-password" error=field_error(create.value(), "password") optional=true/>
                <button type="submit">{t("invitation-create-submit")}</button>
            </ServerForm>
        }
        .into_any(),
    };
    view! {
        <p>{lead}</p>
        <p>{t("invitation-address")}" "<strong>{invitation.email}</strong></p>
        {answer}
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let token = token();
    let has_token = {
        let token = token.clone();
        move || !token().is_empty()
    };
    let check = page_resource(token.clone(), |token| async move {
        if token.is_empty() {
            Ok(())
        } else {
            sign_in_link(token).await
        }
    });
    let request = ServerAction::<RequestSignInLink>::new();
    let sign_in = ServerAction::<SignInByLink>::new();
    load_page_on_success(sign_in.value(), |()| "/espaces".to_string());
    view! {
        <Title text=t("sign-in-link-title")/>
        <section class="narrow">
            <h1>{t("sign-in-link-title")}</h1>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {
                    let token = token.clone();
                    let has_token = has_token.clone();
                    move || {
                        let current = token();
                        check.get().map(|answer| match (answer, has_token()) {
                        (Ok(()), true) => view! {
                            <p>{t("sign-in-link-lead")}</p>
                            <FormError value=sign_in.value()/>
                            <ServerForm action=sign_in>
                                <input type="hidden" name="token" value=current.clone()/>
                                <button type="submit">{t("sign-in-link-submit")}</button>
                            </ServerForm>
                        }.into_any(),
                        (Ok(()), false) => view! {
                            <p>{t("sign-in-link-ask-lead")}</p>
                            <FormSuccess value=request.value() message=t("sign-in-link-sent")/>
                            <FormError value=request.value()/>
                            <ServerForm action=request attr:class="form">
                                <TextField name="email" kind="email" autocomplete="email" label=t("field-email") error=field_error(request.value(), "email")/>
                                <button type="submit">{t("sign-in-link-ask-submit")}</button>
                            </ServerForm>
                        }.into_any(),
                        (Err(error), _) => view! {
                            <div class="alert alert-error" role="alert">{t(error.message_key())}</div>
                            <p><a href="/espaces/connexion">{t("sign-in-link-ask-again")}</a></p>
                        }.into_any(),
                    })
                    }
                }
            </Transition>
        </section>
    }
}
