//! /innovation/moderation — flagged comments, threads and replies to examine, and the log of
//! what editors did.

use crate::accounts::types::shown_name;
use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    innovation::community_api::{load_moderation, ModerateItem},
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError},
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let desk = page_resource(|| (), |_| load_moderation());
    let moderate = ServerAction::<ModerateItem>::new();
    provide_refetch(move || desk.refetch());
    refetch_on_success(moderate.value());
    view! {
        <Title text=t("moderation-title")/>
        <h1>{t("moderation-title")}</h1>
        <div class="page">
            <FormError value=moderate.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || desk.get().map(|result| match result {
                    Ok(desk) => view! {
                        <h2>{t("moderation-flagged")}</h2>
                        {if desk.flagged.is_empty() {
                            view! { <p>{t("moderation-nothing")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="entries">
                                    {desk.flagged.into_iter().map(|f| {
                                        let id = f.item.id.to_string();
                                        let field = format!("reason-{}-{id}", f.kind.code());
                                        view! {
                                            <li class="entry">
                                                <p class="entry-meta">
                                                    <span class="badge">{t(&format!("moderation-kind-{}", f.kind.code()))}</span>" "
                                                    <strong>{shown_name(&f.item.author, || t("former-member"))}</strong>" · "<TimeTag when=f.item.shown_at.clone()/>" · "
                                                    <a href=f.link.clone()>{t("moderation-see")}</a>
                                                </p>
                                                <div class="entry-body" inner_html=f.item.body_html.clone()></div>
                                                <p class="field-hint">{format!("{} {} : {}", f.item.flags, t("comments-flags"), f.reasons.join(" · "))}</p>
                                                <ServerForm action=moderate reset_on_success=true attr:class="form inline-form">
                                                    <input type="hidden" name="kind" value=f.kind.code()/>
                                                    <input type="hidden" name="id" value=id.clone()/>
                                                    <label for=field.clone()>{t("moderation-reason")}</label>
                                                    <input id=field name="reason"/>
                                                    <button type="submit" name="action" value="hide" class="secondary">{t("moderation-hide")}</button>
                                                    <button type="submit" name="action" value="delete" class="secondary">{t("moderation-delete")}</button>
                                                </ServerForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <h2>{t("moderation-log")}</h2>
                        <ul class="history">
                            {desk.log.into_iter().map(|l| view! {
                                <li><TimeTag when=l.at.clone()/>{format!(" · {} · {} · {} {}", l.editor, t(&format!("moderation-{}", l.action)), l.item, l.reason)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
