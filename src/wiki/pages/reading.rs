//! `/espaces/:id/wiki/:page`: one page as readers get it — its title, a table of contents when
//! it has several headings, its last revision rendered and sanitised on the server (the same
//! Markdown code as every text of the site; `[[links]]` lead straight to their pages, those to
//! pages still to create are marked), where it sits in the page tree (its ancestors, its
//! sub-pages), the pages that link to it; for members, following it; for contributors,
//! creating a sub-page, moving it in the tree, renaming it and putting it in the bin.

use super::{page_of_address, text::PageText};
use crate::{
    espaces::pages::{share_list, NewLink, SpaceHeader},
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
        api::{
            CreateWikiPage, DeleteWikiPage, FollowWikiPage, MoveWikiPage, RenameWikiPage,
            ReorderWikiPage,
        },
        share_api::{RevokeWikiShare, ShareWikiPage},
        types::{Standing, WikiPageView},
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
    move_to: ServerAction<MoveWikiPage>,
    reorder: ServerAction<ReorderWikiPage>,
    create_child: ServerAction<CreateWikiPage>,
    share: ServerAction<ShareWikiPage>,
    revoke: ServerAction<RevokeWikiShare>,
}

#[component]
pub fn WikiReadingPage() -> impl IntoView {
    let loaded = page_of_address();
    provide_refetch(move || loaded.refetch());
    let actions = Actions {
        rename: ServerAction::new(),
        delete: ServerAction::new(),
        follow: ServerAction::new(),
        move_to: ServerAction::new(),
        reorder: ServerAction::new(),
        create_child: ServerAction::new(),
        share: ServerAction::new(),
        revoke: ServerAction::new(),
    };
    refetch_on_success(actions.share.value());
    refetch_on_success(actions.revoke.value());
    refetch_on_success(actions.rename.value());
    refetch_on_success(actions.follow.value());
    refetch_on_success(actions.move_to.value());
    refetch_on_success(actions.reorder.value());
    let space = super::param("id");
    {
        let space = space.clone();
        open_on_success(actions.delete.value(), move |_| {
            format!("/espaces/{}/wiki", space().unwrap_or_default())
        });
    }
    open_on_success(actions.create_child.value(), move |page| {
        format!("/espaces/{}/wiki/{page}", space().unwrap_or_default())
    });
    view! {
        <div class="page wiki">
            <FormError value=actions.delete.value()/>
            <FormError value=actions.follow.value()/>
            <FormError value=actions.reorder.value()/>
            <FormError value=actions.revoke.value()/>
            {move || actions.share.value().get().and_then(Result::ok).map(|link| view! { <NewLink link/> })}
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
    let (space, id) = (page.space.id, page.id);
    let backlinks = page.backlinks;
    let tree = page.tree;
    let children = tree.children.clone();
    let sharing = page.can_edit.then(|| Sharing {
        shares: page.shares,
        openings: page.openings,
        max_days: page.share_max_days,
    });
    view! {
        {page.new_link.map(|link| view! { <NewLink link/> })}
        <SpaceHeader space=page.space.clone()/>
        <Title text=page.title.clone()/>
        {(!tree.ancestors.is_empty()).then(|| view! {
            <nav aria-label=t("wiki-ancestors") class="breadcrumbs">
                <a href=back.clone()>{t("wiki-title")}</a>
                {tree.ancestors.iter().map(|a| view! {
                    " / "<a href=format!("{back}/{}", a.id)>{a.title.clone()}</a>
                }).collect_view()}
                " / "<span aria-current="page">{page.title.clone()}</span>
            </nav>
        })}
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
            <PageText toc=page.toc html=page.html/>
        </article>
        {(!children.is_empty()).then(|| view! {
            <section class="panel">
                <h3>{t("wiki-children")}</h3>
                <ul>
                    {children.into_iter().map(|link| view! {
                        <li><a href=format!("{back}/{}", link.id)>{link.title}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
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
        {page.can_edit.then(|| view! { <Placing space id tree actions/> })}
        {sharing.map(|sharing| view! { <SharePanel space id sharing actions/> })}
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

/// For writers: a new sub-page, and the page's place in the tree (under which page, one place
/// up or down among its siblings), each a plain form.
#[component]
fn Placing(space: i64, id: i64, tree: Standing, actions: Actions) -> impl IntoView {
    let parent = tree.parent;
    view! {
        <section class="panel">
            <h3>{t("wiki-new-child")}</h3>
            <FormError value=actions.create_child.value()/>
            <ServerForm action=actions.create_child attr:class="form inline-form">
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="parent" value=id.to_string()/>
                <TextField name="title" id="field-child-title" label=t("wiki-child-title") value=String::new() error=field_error(actions.create_child.value(), "title")/>
                <button type="submit" class="secondary">{t("wiki-create")}</button>
            </ServerForm>
        </section>
        <section class="panel">
            <h3>{t("wiki-move")}</h3>
            <FormError value=actions.move_to.value()/>
            <ServerForm action=actions.move_to attr:class="form inline-form">
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="page" value=id.to_string()/>
                <label for="wiki-move-parent">{t("wiki-move-under")}</label>
                <select id="wiki-move-parent" name="parent">
                    <option value="0" selected=parent.is_none()>{t("wiki-move-top")}</option>
                    {tree.places.into_iter().map(|place| view! {
                        <option value=place.id.to_string() selected=parent == Some(place.id)>
                            {format!("{}{}", "— ".repeat(place.depth), place.title)}
                        </option>
                    }).collect_view()}
                </select>
                <button type="submit" class="secondary">{t("wiki-move-button")}</button>
            </ServerForm>
            {[(true, tree.has_previous, "wiki-move-earlier"), (false, tree.has_next, "wiki-move-later")]
                .into_iter()
                .filter(|(_, possible, _)| *possible)
                .map(|(earlier, _, label)| view! {
                    <ServerForm action=actions.reorder attr:class="inline-form">
                        <input type="hidden" name="id" value=space.to_string()/>
                        <input type="hidden" name="page" value=id.to_string()/>
                        <input type="hidden" name="earlier" value=earlier.to_string()/>
                        <button type="submit" class="secondary">{t(label)}</button>
                    </ServerForm>
                })
                .collect_view()}
        </section>
    }
}

/// A page's share links as its writers get them.
struct Sharing {
    shares: Vec<crate::espaces::documents_types::ShareRow>,
    /// For animators only.
    openings: Option<Vec<crate::espaces::documents_types::OpeningRow>>,
    max_days: i64,
}

/// For writers: the form making a share link of the page, its links (each revocable), their
/// openings for animators.
#[component]
fn SharePanel(space: i64, id: i64, sharing: Sharing, actions: Actions) -> impl IntoView {
    view! {
        <section class="panel">
            <h3>{t("documents-shares")}</h3>
            <p class="hint">{t("wiki-shares-hint")}</p>
            <FormError value=actions.share.value()/>
            <ServerForm action=actions.share attr:class="form inline-form">
                <input type="hidden" name="id" value=space.to_string()/>
                <input type="hidden" name="page" value=id.to_string()/>
                <label for="share-days">{t("documents-share-days")}</label>
                <input id="share-days" type="number" name="days" min="1" max=sharing.max_days.to_string() value="7" required=true/>
                <button type="submit" class="secondary">{t("documents-share-submit")}</button>
            </ServerForm>
            {share_list(
                sharing.shares,
                sharing.openings,
                Some(move |share: i64| view! {
                    <ServerForm action=actions.revoke attr:class="inline-form">
                        <input type="hidden" name="id" value=space.to_string()/>
                        <input type="hidden" name="page" value=id.to_string()/>
                        <input type="hidden" name="share" value=share.to_string()/>
                        <button type="submit" class="danger">{t("documents-share-revoke")}</button>
                    </ServerForm>
                }.into_any()),
            )}
        </section>
    }
}
