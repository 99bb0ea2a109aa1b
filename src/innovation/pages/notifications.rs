//! /innovation/notifications — new comments on followed fiches and mentions of the member.

use crate::{
    i18n::t,
    innovation::community_api::{load_notifications, MarkNotificationsRead},
    ui::{
        forms::{reload_on_success, FormError},
        status_pages::ErrorPage,
        time::date_time,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| load_notifications());
    let read = ServerAction::<MarkNotificationsRead>::new();
    reload_on_success(read.value());
    view! {
        <Title text=t("notifications-title")/>
        <h1>{t("notifications-title")}</h1>
        <div class="page">
            <FormError value=read.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t("notifications-none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ActionForm action=read attr:class="inline-form">
                            <button type="submit" class="secondary">{t("notifications-read")}</button>
                        </ActionForm>
                        <ul class="entries notifications">
                            {list.into_iter().map(|n| view! {
                                <li class="entry notification" class:unread=n.unread data-kind=n.kind.clone()>
                                    <p class="entry-meta">{date_time(n.at)}</p>
                                    <p>
                                        <strong>{n.actor.clone()}</strong>" "{t(&format!("notifications-{}", n.kind))}" "
                                        <a href=n.link.clone()>{n.subject.clone()}</a>
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
