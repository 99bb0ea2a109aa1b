//! `/espaces`: the platform's presentation; signed in, "my spaces", the invitations waiting at
//! the account's address, the lines that mention it and, for each space, how many happened
//! since its last visit; for a city agent the form that creates a space from a template.

use super::activity::ActivityLine;
use crate::{
    espaces::{
        api::{load_my_spaces, CreateSpace},
        invitations_api::Join,
        types::{MySpaces, Template, Visibility},
    },
    i18n::t,
    ui::{
        forms::{
            field_error, open_on_success, provide_refetch, FormError, Select, TextArea, TextField,
        },
        platform::PlatformIntro,
        refused_form::ServerForm,
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;

#[component]
pub fn EspacesHome() -> impl IntoView {
    let mine = page_resource(|| (), |()| load_my_spaces());
    provide_refetch(move || mine.refetch());
    let create = ServerAction::<CreateSpace>::new();
    open_on_success(create.value(), |id| format!("/espaces/{id}"));
    let join = ServerAction::<Join>::new();
    open_on_success(join.value(), |id| format!("/espaces/{id}"));
    view! {
        <PlatformIntro platform="espaces"/>
        <Transition fallback=move || view! { <p>{t("loading")}</p> }>
            {move || mine.get().map(|result| match result {
                Ok(Some(mine)) => view! { <Mine mine create join/> }.into_any(),
                Ok(None) => view! {
                    <p class="page">{t("espaces-partner-sign-in")}" "<a href="/espaces/connexion">{t("espaces-sign-in-link-ask")}</a></p>
                }.into_any(),
                Err(error) => view! { <ErrorPage error/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Mine(
    mine: MySpaces,
    create: ServerAction<CreateSpace>,
    join: ServerAction<Join>,
) -> impl IntoView {
    let MySpaces {
        can_create,
        spaces,
        invitations,
        mentions,
    } = mine;
    view! {
        <div class="page">
            {(!invitations.is_empty()).then(|| view! {
                <section class="panel">
                    <h2>{t("espaces-invitations-waiting")}</h2>
                    <FormError value=join.value()/>
                    <ul>
                        {invitations.into_iter().map(|i| view! {
                            <li>
                                {i.space_name}" ("{t(&i.role.label_key())}") "
                                <ServerForm action=join>
                                    <input type="hidden" name="invitation" value=i.id.to_string()/>
                                    <button type="submit">{t("invitation-accept")}</button>
                                </ServerForm>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!mentions.is_empty()).then(|| view! {
                <section class="panel">
                    <h2>{t("espaces-mentions")}</h2>
                    <ul class="activity">
                        {mentions.into_iter().map(|item| view! { <ActivityLine item with_space=true/> }).collect_view()}
                    </ul>
                </section>
            })}
            <section>
                <h2>{t("espaces-mine")}</h2>
                {if spaces.is_empty() {
                    view! { <p>{t("espaces-mine-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="space-list">
                            {spaces.into_iter().map(|s| view! {
                                <li>
                                    <a href=format!("/espaces/{}", s.id)>{s.name}</a>
                                    {s.role.map(|r| view! { " · "{t(&r.label_key())} })}
                                    {s.archived.then(|| view! { " · "{t("space-archived")} })}
                                    {(s.news > 0).then(|| view! { " · "<span class="badge">{crate::i18n::use_locale().t_with("espaces-news", &[("count", s.news.to_string())])}</span> })}
                                    <p>{s.description}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {can_create.then(|| view! { <CreateForm create/> })}
        </div>
    }
}

#[component]
fn CreateForm(create: ServerAction<CreateSpace>) -> impl IntoView {
    let templates: Vec<(String, String)> = Template::ALL
        .iter()
        .map(|t_| (t_.code().to_string(), t(&t_.label_key())))
        .collect();
    let visibilities: Vec<(String, String)> = Visibility::ALL
        .iter()
        .map(|v| (v.code().to_string(), t(&v.label_key())))
        .collect();
    view! {
        <section class="panel">
            <h2>{t("space-create")}</h2>
            <p>{t("space-create-lead")}</p>
            <FormError value=create.value()/>
            <ServerForm action=create attr:class="form">
                <Select name="template" label=t("space-template") options=templates selected="project".to_string() error=field_error(create.value(), "template")/>
                <TextField name="name" label=t("space-name") error=field_error(create.value(), "name")/>
                <TextArea name="description" label=t("space-description") hint=t("space-description-hint") error=field_error(create.value(), "description") optional=true/>
                <Select name="visibility" label=t("space-visibility") options=visibilities selected=String::new() error=field_error(create.value(), "visibility") optional=true/>
                <button type="submit">{t("space-create-submit")}</button>
            </ServerForm>
        </section>
    }
}
