//! /stages/direction — a direction admin's settings: the answer templates sent with each
//! decision, and the host agents who handle the pool of spontaneous applications.

use crate::ui::refused_form::ServerForm;
use crate::{
    i18n::t,
    stages::{
        application::ApplicationState,
        follow_up::{DirectionTemplates, PoolDesk},
        follow_up_api::{
            load_answer_templates, load_pool_desks, AddPoolHandler, RemovePoolHandler,
            SaveAnswerTemplate,
        },
    },
    ui::{
        forms::{provide_refetch, refetch_on_success, FormError, FormSuccess},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn DirectionSettingsPage() -> impl IntoView {
    // One answer for the whole page: nested loads would hydrate out of order.
    let settings = page_resource(
        || (),
        |_| async move {
            Ok::<_, crate::error::AppError>((
                load_answer_templates().await?,
                load_pool_desks().await?,
            ))
        },
    );
    provide_refetch(move || settings.refetch());
    // Created above the refetched part, so their messages outlast the refetch.
    let actions = SettingsActions {
        save: ServerAction::new(),
        add: ServerAction::new(),
        remove: ServerAction::new(),
    };
    refetch_on_success(actions.save.value());
    refetch_on_success(actions.add.value());
    refetch_on_success(actions.remove.value());
    view! {
        <Title text=t("direction-settings")/>
        <h1>{t("direction-settings")}</h1>
        <div class="page">
            <p>{t("direction-settings-lead")}</p>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || settings.get().map(|result| match result {
                    Ok((templates, pools)) => view! { <Settings templates pools actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The page's three actions.
#[derive(Clone, Copy)]
struct SettingsActions {
    save: ServerAction<SaveAnswerTemplate>,
    add: ServerAction<AddPoolHandler>,
    remove: ServerAction<RemovePoolHandler>,
}

#[component]
fn Settings(
    templates: Vec<DirectionTemplates>,
    pools: Vec<PoolDesk>,
    actions: SettingsActions,
) -> impl IntoView {
    let SettingsActions { save, add, remove } = actions;
    view! {
        <FormSuccess value=save.value() message=t("answer-template-saved")/>
        <FormError value=save.value()/>
        <FormError value=add.value()/>
        <FormError value=remove.value()/>
        {templates.into_iter().map(|templates| {
            let direction = templates.direction.id;
            let pool = pools.iter().find(|p| p.direction.id == templates.direction.id).cloned().unwrap_or_else(|| PoolDesk { direction: templates.direction.clone(), handlers: vec![], candidates: vec![] });
            view! {
                <section class="panel direction-settings">
                    <h2>{templates.direction.name.clone()}</h2>
                    <h3>{t("answer-templates")}</h3>
                    {[(ApplicationState::Accepted, templates.accepted), (ApplicationState::Declined, templates.declined)].into_iter().map(|(state, body)| {
                        let field = format!("template-{}-{}", direction, state.code());
                        view! {
                            <ServerForm action=save attr:class="form">
                                <input type="hidden" name="direction_id" value=direction.to_string()/>
                                <input type="hidden" name="state" value=state.code()/>
                                <div class="field">
                                    <label for=field.clone()>{t(&format!("answer-template-{}", state.code()))}</label>
                                    <textarea id=field name="body" rows="6" required=true>{body}</textarea>
                                </div>
                                <button type="submit" class="secondary">{t("answer-template-save")}</button>
                            </ServerForm>
                        }
                    }).collect_view()}
                    <h3>{t("pool-handlers")}</h3>
                    {if pool.handlers.is_empty() {
                        view! { <p>{t("pool-handlers-none")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="handlers">
                                {pool.handlers.into_iter().map(|agent| view! {
                                    <li>
                                        {agent.name}" "
                                        <ServerForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="direction_id" value=direction.to_string()/>
                                            <input type="hidden" name="user_id" value=agent.id.to_string()/>
                                            <button type="submit" class="secondary">{t("pool-handler-remove")}</button>
                                        </ServerForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {if pool.candidates.is_empty() {
                        view! { <p>{t("pool-handler-no-agent")}</p> }.into_any()
                    } else {
                        let field = format!("handler-{direction}");
                        view! {
                            <ServerForm action=add attr:class="form inline-form">
                                <input type="hidden" name="direction_id" value=direction.to_string()/>
                                <div class="field">
                                    <label for=field.clone()>{t("pool-handler-choose")}</label>
                                    <select id=field name="user_id">
                                        {pool.candidates.into_iter().map(|agent| view! { <option value=agent.id.to_string()>{agent.name}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit">{t("pool-handler-add")}</button>
                            </ServerForm>
                        }.into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}
