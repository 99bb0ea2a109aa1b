//! `/espaces/:id/forum`: a space's forum — the search box, the categories, the threads
//! (pinned first, with their unread marker, reply count, locked and solved marks), the link
//! to start a thread, and for animators the categories' management. `?q=` searches,
//! `?categorie=` limits the list to one category, `?page=` pages it.

use super::{space::SpaceHeader, space_id};
use crate::{
    error::AppError,
    espaces::{
        forum_api::{load_forum, DeleteForumCategory, SaveForumCategory},
        forum_types::{ForumCategory, ForumPage, ThreadRow, CATEGORY_MAX},
    },
    i18n::t,
    paging::list_url,
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FormError, TextField},
        pagination::Pagination,
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::use_query_map;

/// A category's shown name: the default one's is "Général" / "General".
pub(super) fn category_name(name: &str) -> String {
    if name.is_empty() {
        t("forum-category-default")
    } else {
        name.to_string()
    }
}

/// The page's category actions, created above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct CategoryActions {
    save: ServerAction<SaveForumCategory>,
    delete: ServerAction<DeleteForumCategory>,
}

#[component]
pub fn SpaceForumPage() -> impl IntoView {
    let id = space_id();
    let query = use_query_map();
    let page = page_resource(
        move || {
            let (q, category, page) = query.with(|q| {
                let category = q.get("categorie").and_then(|c| c.parse::<i64>().ok());
                (q.get("q"), category.unwrap_or_default(), q.get("page").unwrap_or_default())
            });
            (id(), q, category, page)
        },
        |(id, q, category, page)| async move {
            match id {
                Some(id) => load_forum(id, q, category, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    provide_refetch(move || page.refetch());
    let actions = CategoryActions {
        save: ServerAction::new(),
        delete: ServerAction::new(),
    };
    refetch_on_success(actions.save.value());
    refetch_on_success(actions.delete.value());
    view! {
        <div class="page forum">
            <FormError value=actions.delete.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <Forum page actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Forum(page: ForumPage, actions: CategoryActions) -> impl IntoView {
    let ForumPage {
        space,
        categories,
        threads,
        query,
        category,
        page,
        more,
        can_post,
        can_moderate,
    } = page;
    let id = space.id;
    let base = format!("/espaces/{id}/forum");
    let page_url = {
        let (base, query, category) = (base.clone(), query.clone(), category.map(|c| c.to_string()));
        move |n: i64| list_url(&base, &[("q", &query), ("categorie", &category)], n)
    };
    let empty = if query.is_some() {
        t("forum-search-none")
    } else {
        t("forum-threads-none")
    };
    view! {
        <SpaceHeader space=space.clone()/>
        <h2>{t("forum-title")}</h2>
        {space.archived.then(|| view! { <p class="alert alert-info" role="status">{t("forum-archived")}</p> })}
        <div class="forum-tools">
            {can_post.then(|| view! { <a class="button" href=format!("{base}/nouveau")>{t("forum-new-thread")}</a> })}
            <form method="get" action=base.clone() role="search" class="form-inline forum-search">
                <label for="forum-q">{t("forum-search")}</label>
                <input id="forum-q" type="search" name="q" value=query.clone().unwrap_or_default()/>
                <button type="submit" class="secondary">{t("forum-search-submit")}</button>
            </form>
        </div>
        <nav class="forum-categories" aria-label=t("forum-categories")>
            <a href=base.clone() aria-current=(category.is_none() && query.is_none()).then_some("page")>{t("forum-all")}</a>
            {categories.iter().map(|c| view! {
                " · "<a href=format!("{base}?categorie={}", c.id) aria-current=(category == Some(c.id)).then_some("page")>
                    {format!("{} ({})", category_name(&c.name), c.threads)}
                </a>
            }).collect_view()}
        </nav>
        {query.map(|q| view! { <p role="status">{t("forum-search-results")}" « "{q}" » · "<a href=base.clone()>{t("forum-search-clear")}</a></p> })}
        {if threads.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="forum-threads">
                    {threads.into_iter().map(|thread| view! { <ThreadLine id thread/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination previous=(page > 1).then(|| page_url(page - 1)) next=more.then(|| page_url(page + 1))/>
        {can_moderate.then(|| view! { <Categories id categories actions/> })}
    }
}

#[component]
fn ThreadLine(id: i64, thread: ThreadRow) -> impl IntoView {
    let replies = if thread.replies == 1 {
        t("forum-one-reply")
    } else {
        format!("{} {}", thread.replies, t("forum-replies"))
    };
    view! {
        <li class="forum-thread" class:forum-unread=thread.unread>
            <p class="forum-thread-title">
                {thread.pinned.then(|| view! { <span class="badge">{t("forum-pinned")}</span>" " })}
                {thread.unread.then(|| view! { <span class="badge badge-new">{t("forum-unread")}</span>" " })}
                <a href=format!("/espaces/{id}/forum/{}", thread.id)>{thread.title.clone()}</a>
                {thread.solved.then(|| view! { " "<span class="badge badge-solved">{t("forum-solved")}</span> })}
                {thread.locked.then(|| view! { " "<span class="badge">{t("forum-locked")}</span> })}
            </p>
            <p class="entry-meta">
                {category_name(&thread.category)}" · "{crate::accounts::types::shown_name(&thread.author, || t("former-member"))}
                " · "{replies}" · "<TimeTag when=thread.last_post.clone()/>
            </p>
        </li>
    }
}

/// The animators' part: rename or delete each category (not the default one), add one.
#[component]
fn Categories(id: i64, categories: Vec<ForumCategory>, actions: CategoryActions) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="forum-categories-title">
            <h2 id="forum-categories-title">{t("forum-categories")}</h2>
            <FormError value=actions.save.value()/>
            <ul class="forum-category-list">
                {categories.into_iter().filter(|c| !c.is_default()).map(|c| {
                    let field = format!("forum-category-{}", c.id);
                    let (label, delete_label) = (format!("{} — {}", t("forum-category-name"), c.name), format!("{} — {}", t("forum-category-delete"), c.name));
                    view! {
                        <li>
                            <ServerForm action=actions.save attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="category" value=c.id.to_string()/>
                                <label for=field.clone() class="visually-hidden">{label}</label>
                                <input id=field name="name" value=c.name.clone() maxlength=CATEGORY_MAX.to_string() required=true/>
                                <button type="submit" class="secondary">{t("forum-category-rename")}</button>
                            </ServerForm>
                            <ServerForm action=actions.delete attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="category" value=c.id.to_string()/>
                                <button type="submit" class="danger">{delete_label}</button>
                            </ServerForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ServerForm action=actions.save attr:class="form" reset_on_success=true>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="category" value="0"/>
                <TextField name="name" label=t("forum-category-new") error=field_error(actions.save.value(), "name")/>
                <button type="submit">{t("forum-category-add")}</button>
            </ServerForm>
        </section>
    }
}
