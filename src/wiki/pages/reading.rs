//! `/espaces/:id/wiki/:page`: one page as readers get it — its title, a table of contents when
//! it has several headings, its last revision rendered and sanitised on the server (the same
//! Markdown code as every text of the site; `[[links]]` lead straight to their pages, those to
//! pages still to create are marked), the pages that link to it; for members, following it;
//! for contributors, renaming it and putting it in the bin.

use super::page_of_address;
use crate::{
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
        api::{DeleteWikiPage, FollowWikiPage, RenameWikiPage},
        types::WikiPageView,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's actions, above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    rename: ServerAction<RenameWikiPage>,
    delete: ServerAction<DeleteWikiPage>,
    follow: ServerAction<FollowWikiPage>,
}

#[component]
pub fn WikiReadingPage() -> impl IntoView {
    let loaded = page_of_address();
    provide_refetch(move || loaded.refetch());
    let actions = Actions {
        rename: ServerAction::new(),
        delete: ServerAction::new(),
        follow: ServerAction::new(),
    };
    refetch_on_success(actions.rename.value());
    refetch_on_success(actions.follow.value());
    let space = super::param("id");
    open_on_success(actions.delete.value(), move |_| {
        format!("/espaces/{}/wiki", space().unwrap_or_default())
    });
    view! {
        <div class="page wiki">
            <FormError value=actions.delete.value()/>
            <FormError value=actions.follow.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || loaded.get().map(|result| match result {
                    Ok(page) => view! { <Reading page actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Reading(page: WikiPageView, actions: Actions) -> impl IntoView {
    let back = format!("/espaces/{}/wiki", page.space.id);
    let base = format!("/espaces/{}/wiki/{}", page.space.id, page.id);
    let empty = page.html.trim().is_empty();
    let (space, id) = (page.space.id, page.id);
    let toc = (page.toc.len() > 1).then_some(page.toc);
    let backlinks = page.backlinks;
    view! {
        <SpaceHeader space=page.space.clone()/>
        <Title text=page.title.clone()/>
        <p>
            <a href=back.clone()>{t("wiki-back")}</a>
            {page.can_edit.then(|| view! { " · "<a href=format!("{base}/modifier")>{t("wiki-edit")}</a> })}
            " · "<a href=format!("{base}/historique")>{t("wiki-history")}</a>
            " · "<a href=format!("{base}/auteurs")>{t("wiki-blame")}</a>
        </p>
        {page.following.map(|following| view! {
            <ServerForm action=actions.follow attr:class="inline-form">
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="page" value=id.to_string()/>
                <input type="hidden" name="follow" value=(!following).to_string()/>
                <button type="submit" class="secondary" aria-pressed=following.to_string()>
                    {if following { t("wiki-unfollow") } else { t("wiki-follow") }}
                </button>
            </ServerForm>
        })}
        {(page.waiting && page.can_edit).then(|| view! {
            <p class="alert alert-info" role="status">
                {t("wiki-waiting")}" "<a href=format!("{base}/historique")>{t("wiki-history")}</a>
            </p>
        })}
        <article class="wiki-page">
            <h2>{page.title.clone()}</h2>
            <p class="muted">
                {page.revision.map(|n| format!("{} {n} · ", t("wiki-revision")))}
                {t("wiki-updated")}" "<TimeTag when=page.updated/>
            </p>
            {toc.map(|toc| view! {
                <nav class="wiki-toc" aria-label=t("wiki-toc")>
                    <h3>{t("wiki-toc")}</h3>
                    <ul>
                        {toc.into_iter().map(|h| view! {
                            <li class=format!("toc-level-{}", h.level)><a href=format!("#{}", h.anchor)>{h.text}</a></li>
                        }).collect_view()}
                    </ul>
                </nav>
            })}
            {if empty {
                view! { <p>{t("wiki-empty-page")}</p> }.into_any()
            } else {
                view! { <div class="prose" inner_html=page.html/> }.into_any()
            }}
        </article>
        {(!backlinks.is_empty()).then(|| view! {
            <section class="panel">
                <h3>{t("wiki-backlinks")}</h3>
                <ul>
                    {backlinks.into_iter().map(|link| view! {
                        <li><a href=format!("{back}/{}", link.id)>{link.title}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {page.can_edit.then(|| view! {
            <section class="panel">
                <h3>{t("wiki-rename")}</h3>
                <FormError value=actions.rename.value()/>
                <ServerForm action=actions.rename attr:class="form inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=id.to_string()/>
                    <TextField name="title" label=t("wiki-page-title") value=page.title.clone() error=field_error(actions.rename.value(), "title")/>
                    <button type="submit" class="secondary">{t("wiki-rename-button")}</button>
                </ServerForm>
                <ServerForm action=actions.delete attr:class="inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=id.to_string()/>
                    <button type="submit" class="danger">{t("wiki-delete")}</button>
                </ServerForm>
            </section>
        })}
    }
}
