//! The member directory (/innovation/membres), a member's page with a contact form
//! (/innovation/membres/:id) and the member's own profile form (/innovation/profil).

use crate::ui::refused_form::{kept_choice, ServerForm};
use crate::{
    error::AppError,
    i18n::t,
    innovation::{
        members::{MemberCard, MemberProfile},
        members_api::{
            load_directory, load_member, load_my_member_profile, ContactMember, SaveMemberProfile,
        },
    },
    ui::{
        forms::{field_error, open_on_success, FormError, FormSuccess, TextArea, TextField},
        status_pages::ErrorPage,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::{
    components::Form,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            (
                p.get("q"),
                p.get("champ").and_then(|f| f.parse::<i64>().ok()),
                p.get("pays"),
            )
        })
    });
    let directory = page_resource(
        move || query.get(),
        |(q, field, country)| load_directory(q, field, country),
    );
    view! {
        <Title text=t("members-title")/>
        <h1>{t("members-title")}</h1>
        <p><a href="/innovation/profil">{t("members-my-profile")}</a></p>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || directory.get().map(|result| match result {
                    Ok(page) => {
                        let (q, field, country) = query.get_untracked();
                        view! {
                            <Form method="GET" action="/innovation/membres" attr:class="search-form" attr:role="search">
                                <div class="field search-words">
                                    <label for="members-q">{t("search-words")}</label>
                                    <input id="members-q" name="q" type="search" value=q.unwrap_or_default()/>
                                </div>
                                <div class="filters">
                                    <div class="field">
                                        <label for="members-field">{t("fiche-fields")}</label>
                                        <select id="members-field" name="champ">
                                            <option value="">{t("search-any")}</option>
                                            {page.fields.iter().map(|(id, name)| view! { <option value=id.to_string() selected=field == Some(*id)>{name.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="members-country">{t("fiche-country")}</label>
                                        <input id="members-country" name="pays" value=country.unwrap_or_default()/>
                                    </div>
                                </div>
                                <button type="submit">{t("search")}</button>
                            </Form>
                            {if page.members.is_empty() {
                                view! { <p>{t("members-none")}</p> }.into_any()
                            } else {
                                view! { <ul class="offer-list">{page.members.into_iter().map(|m| view! { <MemberSummary member=m/> }).collect_view()}</ul> }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn MemberSummary(member: MemberCard) -> impl IntoView {
    view! {
        <li class="card">
            <h2><a href=format!("/innovation/membres/{}", member.id)>{member.name.clone()}</a></h2>
            <p class="offer-facts">
                <span>{format!("{} · {}", member.profile.job_title, member.profile.organisation)}</span>
                <span>{format!("{}, {}", member.profile.city, member.profile.country)}</span>
                {(!member.profile.languages.is_empty()).then(|| view! { <span>{member.profile.languages.clone()}</span> })}
            </p>
            {(!member.field_names.is_empty()).then(|| view! { <p class="offer-facts">{member.field_names.iter().map(|f| view! { <span>{f.clone()}</span> }).collect_view()}</p> })}
        </li>
    }
}

#[component]
pub fn MemberPage() -> impl IntoView {
    let params = use_params_map();
    let member = page_resource(
        move || {
            params
                .with(|p| p.get("id"))
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => load_member(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || member.get().map(|result| match result {
                    Ok(member) => view! { <Member member/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Member(member: MemberCard) -> impl IntoView {
    let contact = ServerAction::<ContactMember>::new();
    let body_error = field_error(contact.value(), "body");
    view! {
        <Title text=member.name.clone()/>
        <h1>{member.name.clone()}</h1>
        <ul class="offer-list"><MemberSummary member=member.clone()/></ul>
        {(!member.profile.bio.is_empty()).then(|| view! { <p class="presentation">{member.profile.bio.clone()}</p> })}
        <section class="panel">
            <h2>{t("members-contact")}</h2>
            <p class="field-hint">{t("members-contact-hint")}</p>
            <FormError value=contact.value()/>
            <FormSuccess value=contact.value() message=t("members-contact-sent")/>
            <ServerForm action=contact attr:class="form">
                <input type="hidden" name="id" value=member.id.to_string()/>
                <TextArea name="body" label=t("members-contact-message") error=body_error/>
                <button type="submit">{t("members-contact-send")}</button>
            </ServerForm>
        </section>
    }
}

#[component]
pub fn MyProfilePage() -> impl IntoView {
    let data = page_resource(|| (), |_| load_my_member_profile());
    view! {
        <Title text=t("members-my-profile")/>
        <h1>{t("members-my-profile")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok((profile, fields)) => view! { <ProfileForm profile fields/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ProfileForm(profile: MemberProfile, fields: Vec<(i64, String)>) -> impl IntoView {
    let save = ServerAction::<SaveMemberProfile>::new();
    open_on_success(save.value(), |_| "/innovation/membres".to_string());
    let error = move |field: &'static str| field_error(save.value(), field);
    view! {
        <p class="field-hint">{t("members-profile-lead")}</p>
        <FormError value=save.value()/>
        <ServerForm action=save attr:class="form">
            <TextField name="profile[job_title]" label=t("members-job") value=profile.job_title error=error("job_title")/>
            <TextField name="profile[organisation]" label=t("members-organisation") value=profile.organisation error=error("organisation")/>
            <TextField name="profile[city]" label=t("fiche-city") value=profile.city error=error("city")/>
            <TextField name="profile[country]" label=t("fiche-country") value=profile.country error=error("country")/>
            <fieldset class="field">
                <legend>{t("members-fields")}</legend>
                {fields.into_iter().enumerate().map(|(index, (field, name))| {
                    let id = format!("profile-field-{field}");
                    let checked = kept_choice("profile[fields]", &field.to_string()).unwrap_or_else(|| profile.fields.contains(&field));
                    view! {
                        <div class="checkbox-field">
                            <input type="checkbox" id=id.clone() name=format!("profile[fields][{index}]") value=field.to_string() checked=checked/>
                            <label for=id>{name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <TextField name="profile[languages]" label=t("members-languages") hint=t("fiche-tags-hint") value=profile.languages error=error("languages") optional=true/>
            <TextArea name="profile[bio]" label=t("members-bio") value=profile.bio error=error("bio") optional=true/>
            <button type="submit">{t("members-save")}</button>
        </ServerForm>
    }
}
