//! `/espaces/:id/forum/:thread`: a thread's posts (sanitised HTML, edited and solution marks,
//! those new to the reader marked), each with its quote, edit, delete and solution controls
//! as the reader's rights allow; pin and lock for animators; the reply form (a plain form
//! without JavaScript), or why there is none (a locked thread). Opening it marks it read.

use super::{forum::category_name, space::SpaceHeader, space_id};
use crate::{
    accounts::types::shown_name,
    error::AppError,
    espaces::{
        forum_api::{
            load_forum_thread, DeleteForumPost, EditForumPost, MarkForumSolution,
            ModerateForumThread, ReplyForumThread,
        },
        forum_types::{PostView, ThreadModeration, ThreadPage},
    },
    i18n::t,
    ui::{
        forms::{
            field_error, on_success, open_on_success, provide_refetch, refetch_on_success,
            FormError,
        },
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
        writing::{quoted, WritingField},
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page's actions, created above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    reply: ServerAction<ReplyForumThread>,
    edit: ServerAction<EditForumPost>,
    delete_reply: ServerAction<DeleteForumPost>,
    delete_thread: ServerAction<DeleteForumPost>,
    solution: ServerAction<MarkForumSolution>,
    moderate: ServerAction<ModerateForumThread>,
}

#[component]
pub fn SpaceForumThreadPage() -> impl IntoView {
    let id = space_id();
    let params = use_params_map();
    let key = id.clone();
    let page = page_resource(
        move || {
            let id = key.clone();
            let thread = params.with(|p| p.get("thread").and_then(|t| t.parse::<i64>().ok()));
            (id(), thread)
        },
        |(id, thread)| async move {
            match (id, thread) {
                (Some(id), Some(thread)) => load_forum_thread(id, thread).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    provide_refetch(move || page.refetch());
    let actions = Actions {
        reply: ServerAction::new(),
        edit: ServerAction::new(),
        delete_reply: ServerAction::new(),
        delete_thread: ServerAction::new(),
        solution: ServerAction::new(),
        moderate: ServerAction::new(),
    };
    let draft = RwSignal::new(String::new());
    refetch_on_success(actions.reply.value());
    on_success(actions.reply.value(), move |_| draft.set(String::new()));
    refetch_on_success(actions.edit.value());
    refetch_on_success(actions.delete_reply.value());
    refetch_on_success(actions.solution.value());
    refetch_on_success(actions.moderate.value());
    let forum = move || format!("/espaces/{}/forum", id().unwrap_or_default());
    open_on_success(actions.delete_thread.value(), move |_| forum());
    view! {
        <div class="page forum">
            <FormError value=actions.edit.value()/>
            <FormError value=actions.delete_reply.value()/>
            <FormError value=actions.delete_thread.value()/>
            <FormError value=actions.solution.value()/>
            <FormError value=actions.moderate.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <Thread page actions draft/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Thread(page: ThreadPage, actions: Actions, draft: RwSignal<String>) -> impl IntoView {
    let ThreadPage {
        space,
        id: thread,
        title,
        category,
        pinned,
        locked,
        posts,
        can_reply,
        can_mark_solution,
        can_moderate,
    } = page;
    let id = space.id;
    let opening = posts.first().map(|p| p.id).unwrap_or_default();
    let body_error = field_error(actions.reply.value(), "body");
    // `?citer=<post>`: the quote link without JavaScript starts the reply with that post.
    let quote_of = use_query_map()
        .with_untracked(|q| q.get("citer"))
        .and_then(|c| c.parse::<i64>().ok());
    let initial = quote_of
        .and_then(|q| posts.iter().find(|p| p.id == q))
        .map(|p| quoted(&shown_name(&p.author, || t("former-member")), &p.body_md));
    let moderation = [
        if pinned { ThreadModeration::Unpin } else { ThreadModeration::Pin },
        if locked { ThreadModeration::Unlock } else { ThreadModeration::Lock },
    ];
    view! {
        <SpaceHeader space=space.clone()/>
        <p><a href=format!("/espaces/{id}/forum")>{t("forum-back")}</a></p>
        <h2 class="forum-thread-heading">{title}</h2>
        <p class="entry-meta">
            {category_name(&category)}
            {pinned.then(|| view! { " · "<span class="badge">{t("forum-pinned")}</span> })}
            {locked.then(|| view! { " · "<span class="badge">{t("forum-locked")}</span> })}
        </p>
        {can_moderate.then(|| view! {
            <div class="entry-actions">
                {moderation.into_iter().map(|action| view! {
                    <ServerForm action=actions.moderate attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="thread" value=thread.to_string()/>
                        <input type="hidden" name="action" value=action.code()/>
                        <button type="submit" class="secondary">{t(&action.label_key())}</button>
                    </ServerForm>
                }).collect_view()}
            </div>
        })}
        <ol class="forum-posts">
            {posts.into_iter().map(|post| {
                let is_opening = post.id == opening;
                view! { <Post id thread post is_opening can_reply can_mark_solution actions draft/> }
            }).collect_view()}
        </ol>
        {locked.then(|| view! { <p class="alert alert-info" role="status">{t("forum-thread-locked")}</p> })}
        {can_reply.then(|| view! {
            <section class="panel" aria-labelledby="forum-reply-title" id="repondre">
                <h3 id="forum-reply-title">{t("forum-reply")}</h3>
                <FormError value=actions.reply.value()/>
                <ServerForm action=actions.reply attr:class="form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="thread" value=thread.to_string()/>
                    <WritingField draft label=t("forum-reply-label") error=body_error initial=initial.clone()/>
                    <button type="submit">{t("forum-reply-submit")}</button>
                </ServerForm>
            </section>
        })}
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn Post(
    id: i64,
    thread: i64,
    post: PostView,
    is_opening: bool,
    can_reply: bool,
    can_mark_solution: bool,
    actions: Actions,
    draft: RwSignal<String>,
) -> impl IntoView {
    let author = shown_name(&post.author, || t("former-member"));
    let (quote_author, quote_body) = (author.clone(), post.body_md.clone());
    let edit_field = format!("forum-edit-{}", post.id);
    let delete = if is_opening {
        actions.delete_thread
    } else {
        actions.delete_reply
    };
    view! {
        <li class="entry forum-post" class:forum-solution=post.solution id=format!("message-{}", post.id)>
            <p class="entry-meta">
                <strong>{author}</strong>" · "<TimeTag when=post.at.clone()/>
                {post.edited.clone().map(|when| view! { " · "<span class="forum-edited">{t("forum-edited")}" "<TimeTag when/></span> })}
                {post.unread.then(|| view! { " "<span class="badge badge-new">{t("forum-unread")}</span> })}
                {post.solution.then(|| view! { " "<span class="badge badge-solved">{t("forum-solution")}</span> })}
            </p>
            <div class="entry-body" inner_html=post.body_html.clone()></div>
            <div class="entry-actions">
                {can_reply.then(|| view! {
                    <a class="link-button" href=format!("?citer={}#repondre", post.id)
                        on:click=move |ev| { ev.prevent_default(); draft.update(|text| text.push_str(&quoted(&quote_author, &quote_body))); }>{t("forum-quote")}</a>
                })}
                {(can_mark_solution && !is_opening).then(|| view! {
                    <ServerForm action=actions.solution attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="thread" value=thread.to_string()/>
                        <input type="hidden" name="post" value=if post.solution { "0".to_string() } else { post.id.to_string() }/>
                        <button type="submit" class="secondary">{if post.solution { t("forum-solution-clear") } else { t("forum-solution-mark") }}</button>
                    </ServerForm>
                })}
                {post.can_delete.then(|| view! {
                    <ServerForm action=delete attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="post" value=post.id.to_string()/>
                        <button type="submit" class="danger">{if is_opening { t("forum-delete-thread") } else { t("forum-delete") }}</button>
                    </ServerForm>
                })}
            </div>
            {post.can_edit.then(|| view! {
                <details class="forum-edit">
                    <summary>{t("forum-edit")}</summary>
                    <ServerForm action=actions.edit attr:class="form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="post" value=post.id.to_string()/>
                        <label for=edit_field.clone()>{t("forum-edit-label")}</label>
                        <textarea id=edit_field name="body" rows="6" required=true>{post.body_md.clone()}</textarea>
                        <button type="submit">{t("save")}</button>
                    </ServerForm>
                </details>
            })}
        </li>
    }
}
