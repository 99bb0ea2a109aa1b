//! A space's activity as pages show it: one line ([`ActivityLine`]), the feed of a space's
//! home with the member's notification setting ([`SpaceActivityPanel`]).

use crate::{
    accounts::types::shown_name,
    error::AppError,
    espaces::{
        activity_api::{load_space_activity, SetSpaceNotify},
        activity_types::SpaceActivity,
        types::{ActivityItem, Notify},
    },
    i18n::{t, use_locale},
    ui::{
        forms::{field_error, FormError, Select},
        refused_form::ServerForm,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::{page_resource, PageResource};

/// "Ada a déposé « plan.pdf »", linked, with its time; `with_space` names the space first.
#[component]
pub(super) fn ActivityLine(item: ActivityItem, #[prop(optional)] with_space: bool) -> impl IntoView {
    let locale = use_locale();
    let actor = shown_name(&item.actor, || t("former-member"));
    let sentence = locale.t_with(&item.action, &[("actor", actor), ("subject", item.subject.clone())]);
    view! {
        <li class:activity-new=item.new>
            {with_space.then(|| view! { <strong>{item.space_name.clone()}</strong>" · " })}
            <a href=item.link.clone()>{sentence}</a>" · "<TimeTag when=item.at.clone()/>
            {item.new.then(|| view! { " "<span class="badge">{t("activity-new")}</span> })}
        </li>
    }
}

/// The activity of the space of the page's address. Create it at the top of the page, not
/// inside another resource's view (README, development notes: hydration order), after
/// `space_resource()` (it follows the same live tick).
pub(super) fn activity_resource() -> PageResource<Result<SpaceActivity, AppError>> {
    let id = super::space_id();
    page_resource(
        move || (id(), super::space_live_tick()),
        |(id, _)| async move {
            match id {
                Some(id) => load_space_activity(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// The feed of space `id` and, for a member, the form that sets how they hear of it. Reading
/// it records the member's visit.
#[component]
pub(super) fn SpaceActivityPanel(
    id: i64,
    activity: PageResource<Result<SpaceActivity, AppError>>,
) -> impl IntoView {
    let set = ServerAction::<SetSpaceNotify>::new();
    view! {
        <section aria-labelledby="space-activity-title">
            <h2 id="space-activity-title">{t("space-activity")}</h2>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || activity.get().map(|result| match result {
                    Ok(activity) => view! { <Feed id activity set/> }.into_any(),
                    Err(_) => view! { <p>{t("space-activity-none")}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Feed(id: i64, activity: SpaceActivity, set: ServerAction<SetSpaceNotify>) -> impl IntoView {
    let SpaceActivity { items, notify } = activity;
    let options: Vec<(String, String)> = Notify::ALL
        .iter()
        .map(|n| (n.code().to_string(), t(&n.label_key())))
        .collect();
    view! {
        {if items.is_empty() {
            view! { <p>{t("space-activity-none")}</p> }.into_any()
        } else {
            view! { <ul class="activity">{items.into_iter().map(|item| view! { <ActivityLine item/> }).collect_view()}</ul> }.into_any()
        }}
        {notify.map(|notify| view! {
            <FormError value=set.value()/>
            {move || set.value().get().and_then(|r| r.ok()).map(|_| view! { <p role="status">{t("space-notify-saved")}</p> })}
            <ServerForm action=set attr:class="form form-inline">
                <input type="hidden" name="id" value=id.to_string()/>
                <Select name="notify" label=t("space-notify") options=options.clone() selected=notify.code().to_string() error=field_error(set.value(), "notify")/>
                <button type="submit">{t("save")}</button>
            </ServerForm>
        })}
    }
}
