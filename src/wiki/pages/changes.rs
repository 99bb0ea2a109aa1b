//! `/espaces/:id/wiki/modifications`: the recent changes — the last revisions of the space's
//! pages, newest first, each with its authors and a link to its diff with the one before.

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::{status_pages::ErrorPage, time::TimeTag},
    wiki::{api::load_wiki_changes, types::WikiChanges},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn WikiChangesPage() -> impl IntoView {
    let id = param("id");
    let changes = page_resource(id, |id| async move {
        match id {
            Some(id) => load_wiki_changes(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || changes.get().map(|result| match result {
                    Ok(changes) => view! { <Changes changes/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Changes(changes: WikiChanges) -> impl IntoView {
    let base = format!("/espaces/{}/wiki", changes.space.id);
    view! {
        <SpaceHeader space=changes.space.clone()/>
        <Title text=t("wiki-changes")/>
        <p><a href=base.clone()>{t("wiki-back")}</a></p>
        <h2>{t("wiki-changes")}</h2>
        {if changes.changes.is_empty() {
            view! { <p>{t("wiki-no-revision")}</p> }.into_any()
        } else {
            view! {
                <ol class="history">
                    {changes.changes.into_iter().map(|change| {
                        let page = format!("{base}/{}", change.page);
                        let authors = change.authors.join(", ");
                        view! {
                            <li>
                                <a href=page.clone()>{change.title}</a>
                                " · "{format!("{} {}", t("wiki-revision"), change.number)}
                                " · "<TimeTag when=change.at/>
                                {(!authors.is_empty()).then(|| format!(" · {authors}"))}
                                {change.restored_from.map(|from| format!(" · {} {from}", t("wiki-restores")))}
                                {(change.number > 1).then(|| view! {
                                    " · "<a href=format!("{page}/historique?de={}&a={}", change.number - 1, change.number)>{t("wiki-compare-previous")}</a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}
