//! `/espaces/:id/wiki`: a space's wiki pages in tree order, each with when it last changed, a
//! search through titles and texts (`?q=`, a plain GET form), the recent changes and the bin;
//! for contributors the form that creates a page (which then opens; a plain form's redirect
//! without JavaScript). A `[[link]]` leads here with the title it asks for (`?titre=`): the
//! page of that title, or the offer to create it, its title filled in.

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{
        forms::{
            field_error, open_on_success, provide_refetch, refetch_on_success, FormError, TextField,
        },
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
    wiki::{
        api::{load_wiki, CreateWikiPage, SetWikiApproval},
        tree::{tree, Branch},
        types::WikiIndex,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WikiIndexPage() -> impl IntoView {
    let id = param("id");
    let query = use_query_map();
    let asked = move |name: &str| query.with(|q| q.get(name)).unwrap_or_default();
    let key = {
        let id = id.clone();
        move || (id(), asked("q"), asked("titre"))
    };
    let index = page_resource(key, |(id, q, titre)| async move {
        match id {
            Some(id) => load_wiki(id, q, titre).await,
            None => Err(AppError::NotFound),
        }
    });
    let create = ServerAction::<CreateWikiPage>::new();
    let approval = ServerAction::<SetWikiApproval>::new();
    provide_refetch(move || index.refetch());
    refetch_on_success(approval.value());
    let space = move || id().unwrap_or_default();
    open_on_success(create.value(), move |page| {
        format!("/espaces/{}/wiki/{page}", space())
    });
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || index.get().map(|result| match result {
                    Ok(index) => view! { <Index index create approval/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Index(
    index: WikiIndex,
    create: ServerAction<CreateWikiPage>,
    approval: ServerAction<SetWikiApproval>,
) -> impl IntoView {
    let id = index.space.id;
    let base = format!("/espaces/{id}/wiki");
    let can_edit = index.can_edit;
    let searched = !index.query.is_empty();
    let pages = index.pages;
    let wanted = index.wanted;
    let new_title = wanted
        .as_ref()
        .filter(|w| w.page.is_none())
        .map(|w| w.title.clone());
    view! {
        <SpaceHeader space=index.space.clone()/>
        {wanted.map(|wanted| match wanted.page {
            Some(page) => view! {
                <p class="alert alert-info" role="status">
                    <a href=format!("{base}/{page}")>{format!("{} « {} »", t("wiki-open-page"), wanted.title)}</a>
                </p>
            }.into_any(),
            None => view! {
                <p class="alert alert-info" role="status">
                    {format!("« {} » : {}", wanted.title, t("wiki-page-missing"))}
                    {can_edit.then(|| format!(" {}", t("wiki-page-missing-create")))}
                </p>
            }.into_any(),
        })}
        {(!index.followed_changed.is_empty()).then(|| view! {
            <section class="panel">
                <h2>{t("wiki-followed-changed")}</h2>
                <ul>
                    {index.followed_changed.into_iter().map(|page| view! {
                        <li><a href=format!("{base}/{}", page.id)>{page.title}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <h2>{t("wiki-pages")}</h2>
        <p>
            <a href=format!("{base}/modifications")>{t("wiki-changes")}</a>
            {can_edit.then(|| view! { " · "<a href=format!("{base}/corbeille")>{t("wiki-bin")}</a> })}
        </p>
        <form method="get" action=base.clone() class="form inline-form" role="search">
            <label for="wiki-search">{t("wiki-search")}</label>
            <input id="wiki-search" type="search" name="q" value=index.query.clone()/>
            <button type="submit" class="secondary">{t("wiki-search-button")}</button>
        </form>
        {if pages.is_empty() {
            let none = if searched { t("wiki-search-none") } else { t("wiki-none") };
            view! { <p>{none}</p> }.into_any()
        } else {
            // Found pages by title; else the tree.
            let branches = if searched {
                pages.into_iter().map(|page| Branch { page, children: Vec::new() }).collect()
            } else {
                tree(pages)
            };
            branch_list(&base, branches)
        }}
        {index.can_manage.then(|| view! {
            <section class="panel">
                <h2>{t("wiki-approval")}</h2>
                <p>{if index.approval { t("wiki-approval-is-on") } else { t("wiki-approval-is-off") }}</p>
                <FormError value=approval.value()/>
                <ServerForm action=approval attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="on" value=(!index.approval).to_string()/>
                    <button type="submit" class="secondary">
                        {if index.approval { t("wiki-approval-switch-off") } else { t("wiki-approval-switch-on") }}
                    </button>
                </ServerForm>
            </section>
        })}
        {can_edit.then(|| view! {
            <h2>{t("wiki-new-page")}</h2>
            <FormError value=create.value()/>
            <ServerForm action=create attr:class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField name="title" label=t("wiki-page-title") value=new_title.unwrap_or_default() error=field_error(create.value(), "title")/>
                <button type="submit">{t("wiki-create")}</button>
            </ServerForm>
        })}
    }
}

/// `branches` as a nested list: each page with when it last changed, its sub-pages under it.
fn branch_list(base: &str, branches: Vec<Branch>) -> AnyView {
    view! {
        <ul class="wiki-pages">
            {branches.into_iter().map(|branch| {
                let page = branch.page;
                let children = (!branch.children.is_empty()).then(|| branch_list(base, branch.children));
                view! {
                    <li>
                        <a href=format!("{base}/{}", page.id)>{page.title}</a>
                        " · "<span class="muted">{t("wiki-updated")}" "<TimeTag when=page.updated/></span>
                        {children}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
