//! /innovation/notifications — news of what the member follows (comments, replies, new
//! threads and fiches in their fields and cities) and mentions of them; what they follow;
//! the e-mail digest setting.

use super::fiches::FollowButton;
use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    innovation::{
        community::{FollowKind, NotificationsData},
        community_api::{load_notifications, FollowSubject, MarkNotificationsRead, SetDigest},
    },
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
pub fn NotificationsPage() -> impl IntoView {
    let data = page_resource(|| (), |_| load_notifications());
    provide_refetch(move || data.refetch());
    view! {
        <Title text=t("notifications-title")/>
        <h1>{t("notifications-title")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok(data) => view! { <Notifications data/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Notifications(data: NotificationsData) -> impl IntoView {
    let read = ServerAction::<MarkNotificationsRead>::new();
    refetch_on_success(read.value());
    let digest = ServerAction::<SetDigest>::new();
    refetch_on_success(digest.value());
    let follow = ServerAction::<FollowSubject>::new();
    refetch_on_success(follow.value());
    let followed_fields: Vec<String> = data
        .follows
        .iter()
        .filter(|f| f.kind == FollowKind::Field)
        .map(|f| f.target.clone())
        .collect();
    view! {
        <FormError value=read.value()/>
        {if data.notifications.is_empty() {
            view! { <p>{t("notifications-none")}</p> }.into_any()
        } else {
            view! {
                <ServerForm action=read attr:class="inline-form">
                    <button type="submit" class="secondary">{t("notifications-read")}</button>
                </ServerForm>
                <ul class="entries notifications">
                    {data.notifications.into_iter().map(|n| view! {
                        <li class="entry notification" class:unread=n.unread data-kind=n.kind.clone()>
                            <p class="entry-meta"><TimeTag when=n.at.clone()/></p>
                            <p>
                                <strong>{n.actor.clone()}</strong>" "{t(&format!("notifications-{}", n.kind))}" "
                                <a href=n.link.clone()>{n.subject.clone()}</a>
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <section class="panel" aria-labelledby="follows-title">
            <h2 id="follows-title">{t("follows-title")}</h2>
            {data.follows.is_empty().then(|| view! { <p>{t("follows-none")}</p> })}
            <ul class="entries follows">
                {data.follows.into_iter().map(|f| view! {
                    <li class="entry">
                        <span class="badge">{t(&format!("follows-kind-{}", f.kind.code()))}</span>" "
                        <a href=f.link.clone()>{f.label.clone()}</a>" "
                        <FollowButton kind=f.kind target=f.target.clone() following=true label=t("follows-stop")/>
                    </li>
                }).collect_view()}
            </ul>
            <FormError value=follow.value()/>
            <ServerForm action=follow attr:class="form inline-form">
                <input type="hidden" name="kind" value=FollowKind::Field.code()/>
                <input type="hidden" name="follow" value="true"/>
                <label for="follow-field">{t("follow-field")}</label>
                <select id="follow-field" name="target">
                    {data.fields.into_iter().filter(|(id, _)| !followed_fields.contains(&id.to_string())).map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
                <button type="submit" class="secondary">{t("follows-add")}</button>
            </ServerForm>
            <p class="field-hint">{t("follows-hint")}</p>
        </section>
        <section class="panel" aria-labelledby="digest-title">
            <h2 id="digest-title">{t("digest-title")}</h2>
            <p>{if data.digest { t("digest-on") } else { t("digest-off") }}</p>
            <FormError value=digest.value()/>
            <ServerForm action=digest attr:class="inline-form">
                <input type="hidden" name="on" value=(!data.digest).to_string()/>
                <button type="submit" class="secondary">{if data.digest { t("digest-stop") } else { t("digest-start") }}</button>
            </ServerForm>
        </section>
    }
}
