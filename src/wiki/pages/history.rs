//! `/espaces/:id/wiki/:page/historique`: a page's revisions, newest first (when, who wrote
//! them, a note when saved on demand, which one a restore brought back), a diff between any
//! two (`?de=…&a=…`, a plain GET form: works without JavaScript), and for contributors saving
//! a revision now and restoring an old one.

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FormError, TextField},
        line_diff::LineDiff,
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
    wiki::{
        history_api::{
            load_wiki_history, ApproveWikiRevision, AskWikiChanges, RestoreWikiRevision,
            SaveWikiRevision,
        },
        history_types::{RevisionItem, WikiHistory},
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page's actions, above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveWikiRevision>,
    restore: ServerAction<RestoreWikiRevision>,
    approve: ServerAction<ApproveWikiRevision>,
    ask: ServerAction<AskWikiChanges>,
}

#[component]
pub fn WikiHistoryPage() -> impl IntoView {
    let (id, page) = (param("id"), param("page"));
    let query = use_query_map();
    let number = move |name: &str| {
        query
            .with(|q| q.get(name))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let history = page_resource(
        move || (id(), page(), number("de"), number("a")),
        |(id, page, de, a)| async move {
            match (id, page) {
                (Some(id), Some(page)) => load_wiki_history(id, page, de, a).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    provide_refetch(move || history.refetch());
    let actions = Actions {
        save: ServerAction::new(),
        restore: ServerAction::new(),
        approve: ServerAction::new(),
        ask: ServerAction::new(),
    };
    refetch_on_success(actions.save.value());
    refetch_on_success(actions.restore.value());
    refetch_on_success(actions.approve.value());
    refetch_on_success(actions.ask.value());
    view! {
        <div class="page wiki">
            <FormError value=actions.restore.value()/>
            <FormError value=actions.approve.value()/>
            {move || actions.save.value().get().and_then(Result::ok).map(|number| view! {
                <p class="alert alert-success" role="status">{format!("{} {number}", t("wiki-revision-saved"))}</p>
            })}
            {move || actions.restore.value().get().and_then(Result::ok).map(|number| view! {
                <p class="alert alert-success" role="status">{format!("{} {number}", t("wiki-revision-restored"))}</p>
            })}
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || history.get().map(|result| match result {
                    Ok(history) => view! { <History history actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn History(history: WikiHistory, actions: Actions) -> impl IntoView {
    let (space, page) = (history.space.id, history.id);
    let base = format!("/espaces/{space}/wiki/{page}");
    let latest = history.revisions.first().map(|r| r.number);
    let numbers: Vec<i64> = history.revisions.iter().map(|r| r.number).collect();
    let can_edit = history.can_edit;
    let can_approve = history.can_approve;
    let approval = history.approval;
    view! {
        <SpaceHeader space=history.space.clone()/>
        <Title text=format!("{} · {}", t("wiki-history"), history.title)/>
        <p>
            <a href=base.clone()>{t("wiki-back-to-page")}</a>
            " · "<a href=format!("{base}/auteurs")>{t("wiki-blame")}</a>
        </p>
        <h2>{format!("{} · {}", t("wiki-history"), history.title)}</h2>
        {approval.then(|| view! { <p class="alert alert-info">{t("wiki-approval-explain")}</p> })}
        {can_edit.then(|| view! {
            <section class="panel">
                <h3>{t("wiki-save-revision")}</h3>
                <FormError value=actions.save.value()/>
                <ServerForm action=actions.save attr:class="form inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <TextField name="note" label=t("wiki-revision-note") error=field_error(actions.save.value(), "note")/>
                    <button type="submit">{t("wiki-save")}</button>
                </ServerForm>
            </section>
        })}
        {if history.revisions.is_empty() {
            view! { <p>{t("wiki-no-revision")}</p> }.into_any()
        } else {
            view! {
                <ol class="history" reversed=true>
                    {history.revisions.into_iter().map(|revision| {
                        let restorable = can_edit && Some(revision.number) != latest;
                        let decidable = can_approve && Some(revision.number) == latest && !revision.approved;
                        view! { <Revision revision base=base.clone() space page restorable decidable actions/> }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(numbers.len() > 1).then(|| {
            let (from, to) = history.diff.as_ref().map_or_else(
                || (numbers.get(1).copied().unwrap_or(0), numbers[0]),
                |d| (d.from, d.to),
            );
            let options = move |chosen: i64| numbers.iter().map(|n| view! {
                <option value=n.to_string() selected=*n == chosen>{format!("{} {n}", t("wiki-revision"))}</option>
            }).collect_view();
            view! {
                <form method="get" class="form inline-form">
                    <label for="diff-from">{t("fiche-diff-from")}</label>
                    <select id="diff-from" name="de">{options(from)}</select>
                    <label for="diff-to">{t("fiche-diff-to")}</label>
                    <select id="diff-to" name="a">{options(to)}</select>
                    <button type="submit" class="secondary">{t("fiche-diff")}</button>
                </form>
            }
        })}
        {history.diff.map(|diff| view! {
            <section class="panel">
                <h3>{format!("{} {} → {} {}", t("wiki-revision"), diff.from, t("wiki-revision"), diff.to)}</h3>
                <LineDiff lines=diff.lines/>
            </section>
        })}
    }
}

#[component]
fn Revision(
    revision: RevisionItem,
    base: String,
    space: i64,
    page: i64,
    restorable: bool,
    /// The animator may approve it or ask for changes (the last one, waiting).
    decidable: bool,
    actions: Actions,
) -> impl IntoView {
    let number = revision.number;
    let authors = if revision.authors.is_empty() {
        String::new()
    } else {
        format!(" · {}", revision.authors.join(", "))
    };
    view! {
        <li class="revision" value=number.to_string()>
            <strong>{format!("{} {number}", t("wiki-revision"))}</strong>
            " · "<TimeTag when=revision.at/>
            {authors}
            {revision.on_demand.then(|| view! { " · "<em>{t("wiki-saved-on-demand")}</em> })}
            {(!revision.note.is_empty()).then(|| view! { " — "<q>{revision.note.clone()}</q> })}
            {revision.restored_from.map(|from| view! { " · "{format!("{} {from}", t("wiki-restores"))} })}
            {revision.approved.then(|| view! { " · "<strong class="badge">{t("wiki-approved")}</strong> })}
            {revision.changes_asked.clone().map(|note| view! {
                " · "<span class="badge">{t("wiki-changes-asked")}</span>" "<q>{note}</q>
            })}
            {(number > 1).then(|| view! {
                " · "<a href=format!("{base}/historique?de={}&a={number}", number - 1)>{t("wiki-compare-previous")}</a>
            })}
            {decidable.then(|| view! {
                <ServerForm action=actions.approve attr:class="inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    <button type="submit">{format!("{} {number}", t("wiki-approve"))}</button>
                </ServerForm>
                <FormError value=actions.ask.value()/>
                <ServerForm action=actions.ask attr:class="form inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    <TextField name="note" label=t("wiki-changes-note") error=field_error(actions.ask.value(), "note")/>
                    <button type="submit" class="secondary">{t("wiki-ask-changes")}</button>
                </ServerForm>
            })}
            {restorable.then(|| view! {
                <ServerForm action=actions.restore attr:class="inline-form">
                    <input type="hidden" name="id" value=space.to_string()/>
                    <input type="hidden" name="page" value=page.to_string()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    <button type="submit" class="secondary">{format!("{} {number}", t("wiki-restore"))}</button>
                </ServerForm>
            })}
        </li>
    }
}
