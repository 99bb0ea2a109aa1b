//! /innovation/discussions — the community's questions, by field and words;
//! /innovation/discussions/nouvelle — asking one; /innovation/discussions/:id — a thread and
//! its replies.

use super::{
    contributions::ContributionList,
    fiches::FollowButton,
    write::FieldChoice,
};
use crate::accounts::types::shown_name;
use crate::ui::pagination::Pagination;
use crate::ui::refused_form::ServerForm;
use crate::ui::writing::WritingField;
use crate::{
    i18n::t,
    innovation::{
        community::{FollowKind, ItemKind},
        threads::{ThreadList, ThreadPageData, ThreadQuery, THREADS_PER_PAGE},
        threads_api::{load_thread, load_threads, ReplyThread, StartThread},
    },
    ui::{
        forms::{
            field_error, on_success, open_on_success, provide_refetch, refetch_on_success,
            FormError, TextArea, TextField,
        },
        status_pages::ErrorPage,
        time::TimeTag,
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
pub fn ThreadsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ThreadQuery::from_pairs(|key| p.get(key))));
    let list = page_resource(move || query.get(), load_threads);
    view! {
        <Title text=t("threads-title")/>
        <h1>{t("threads-title")}</h1>
        <div class="page">
            <p class="lead">{t("threads-intro")}</p>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <Threads query=query.get_untracked() list/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Threads(query: ThreadQuery, list: ThreadList) -> impl IntoView {
    let last = (list.total + THREADS_PER_PAGE - 1) / THREADS_PER_PAGE;
    let (previous, next) = (query.url(list.page - 1), query.url(list.page + 1));
    let field = query.field();
    let feed = match field {
        Some(f) => format!("/innovation/discussions.atom?champ={f}"),
        None => "/innovation/discussions.atom".to_string(),
    };
    view! {
        <p class="desk-links">
            {if list.can_post {
                view! { <a href="/innovation/discussions/nouvelle" class="button">{t("threads-new")}</a> }.into_any()
            } else {
                view! { <a href="/compte/connexion?suite=/innovation/discussions/nouvelle">{t("threads-sign-in")}</a> }.into_any()
            }}
            <a href=feed type="application/atom+xml">{t("threads-feed")}</a>
        </p>
        <Form method="GET" action="/innovation/discussions" attr:class="search-form" attr:role="search">
            <div class="field search-words">
                <label for="threads-q">{t("search-words")}</label>
                <input id="threads-q" name="q" type="search" value=query.q.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="threads-field">{t("fiche-fields")}</label>
                <select id="threads-field" name="champ">
                    <option value="">{t("search-any")}</option>
                    {list.fields.iter().map(|(id, name)| view! { <option value=id.to_string() selected=field == Some(*id)>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit">{t("search")}</button>
        </Form>
        {field.filter(|_| list.can_post).map(|f| view! {
            <FollowButton kind=FollowKind::Field target=f.to_string() following=list.following_field label=t("follow-field")/>
        })}
        <h2 aria-live="polite">{format!("{} · {}", t("threads-title"), list.total)}</h2>
        {list.threads.is_empty().then(|| view! { <p>{t("threads-none")}</p> })}
        <ul class="offer-list">
            {list.threads.into_iter().map(|thread| view! {
                <li class="card">
                    <h3><a href=format!("/innovation/discussions/{}", thread.id)>{thread.title.clone()}</a></h3>
                    <p class="offer-facts">
                        <span>{shown_name(&thread.author, || t("former-member"))}</span>
                        <span>{format!("{} {}", thread.replies, t("threads-replies"))}</span>
                        <span><TimeTag when=thread.last_reply_at.clone()/></span>
                        {thread.fields.iter().map(|f| view! { <span>{f.clone()}</span> }).collect_view()}
                    </p>
                </li>
            }).collect_view()}
        </ul>
        <Pagination previous=(list.page > 1).then_some(previous) next=(list.page < last).then_some(next)/>
    }
}

#[component]
pub fn NewThreadPage() -> impl IntoView {
    let list = page_resource(|| (), |_| load_threads(ThreadQuery::default()));
    view! {
        <Title text=t("threads-new")/>
        <h1>{t("threads-new")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) if list.can_post => view! { <ThreadForm fields=list.fields/> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=crate::error::AppError::Forbidden/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ThreadForm(fields: Vec<(i64, String)>) -> impl IntoView {
    let start = ServerAction::<StartThread>::new();
    open_on_success(start.value(), |id: &i64| {
        format!("/innovation/discussions/{id}")
    });
    let error = move |field: &'static str| field_error(start.value(), field);
    view! {
        <p class="field-hint">{t("threads-form-hint")}</p>
        <FormError value=start.value()/>
        <ServerForm action=start attr:class="form">
            <TextField name="thread[title]" label=t("threads-question-title") value=String::new() error=error("title")/>
            <TextArea name="thread[body]" label=t("threads-question") hint=t("markdown-hint") error=error("body")/>
            <FieldChoice name="thread[fields]" fields chosen=Vec::new() error=error("fields")/>
            <button type="submit">{t("threads-post")}</button>
        </ServerForm>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let page = page_resource(
        move || {
            params
                .with(|p| p.get("id"))
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => load_thread(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    // A reply, a flag, a follow: the thread loads again.
    provide_refetch(move || page.refetch());
    view! {
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(data) => view! { <Thread data/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Thread(data: ThreadPageData) -> impl IntoView {
    let post = ServerAction::<ReplyThread>::new();
    let draft = RwSignal::new(String::new());
    refetch_on_success(post.value());
    on_success(post.value(), move |_| draft.set(String::new()));
    let body_error = field_error(post.value(), "body");
    let id = data.id;
    view! {
        <Title text=data.title.clone()/>
        <p><a href="/innovation/discussions">{t("threads-back")}</a></p>
        <h1>{data.title.clone()}</h1>
        <p class="offer-facts">
            {data.fields.iter().map(|(f, name)| view! { <a class="tag" href=format!("/innovation/discussions?champ={f}")>{name.clone()}</a>" " }).collect_view()}
        </p>
        {data.can_reply.then(|| view! {
            <FollowButton kind=FollowKind::Thread target=id.to_string() following=data.following label=t("follow-thread")/>
        })}
        <section class="thread" aria-label=t("threads-question")>
            <ContributionList kind=ItemKind::Thread items=vec![data.question] anchor="question" member=data.can_reply moderator=data.moderator draft=Some(draft)/>
        </section>
        <section class="panel comments" aria-labelledby="replies-title">
            <h2 id="replies-title">{format!("{} · {}", t("threads-replies-title"), data.replies.len())}</h2>
            {data.replies.is_empty().then(|| view! { <p>{t("threads-no-reply")}</p> })}
            <ContributionList kind=ItemKind::Reply items=data.replies anchor="reponse" member=data.can_reply moderator=data.moderator draft=Some(draft)/>
            {if data.can_reply {
                view! {
                    <FormError value=post.value()/>
                    <ServerForm action=post attr:class="form">
                        <input type="hidden" name="thread" value=id.to_string()/>
                        <WritingField draft label=t("threads-reply") error=body_error/>
                        <button type="submit">{t("threads-send")}</button>
                    </ServerForm>
                }.into_any()
            } else {
                view! { <p><a href=format!("/compte/connexion?suite=/innovation/discussions/{id}")>{t("threads-sign-in-reply")}</a></p> }.into_any()
            }}
        </section>
    }
}
