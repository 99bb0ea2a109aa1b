//! `/espaces/:id/wiki/:page/auteurs`: the page's current text, line by line, with who wrote
//! each line (from the Yjs items themselves: `server::blame`).

use super::param;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::status_pages::ErrorPage,
    wiki::{history_api::load_wiki_blame, history_types::WikiBlame},
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;

#[component]
pub fn WikiBlamePage() -> impl IntoView {
    let (id, page) = (param("id"), param("page"));
    let blame = page_resource(
        move || (id(), page()),
        |(id, page)| async move {
            match (id, page) {
                (Some(id), Some(page)) => load_wiki_blame(id, page).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || blame.get().map(|result| match result {
                    Ok(blame) => view! { <Blame blame/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Blame(blame: WikiBlame) -> impl IntoView {
    let base = format!("/espaces/{}/wiki/{}", blame.space.id, blame.id);
    let unknown = t("wiki-blame-unknown");
    view! {
        <SpaceHeader space=blame.space.clone()/>
        <Title text=format!("{} · {}", t("wiki-blame"), blame.title)/>
        <p>
            <a href=base.clone()>{t("wiki-back-to-page")}</a>
            " · "<a href=format!("{base}/historique")>{t("wiki-history")}</a>
        </p>
        <h2>{format!("{} · {}", t("wiki-blame"), blame.title)}</h2>
        <div class="table-scroll">
            <table class="blame">
                <caption class="visually-hidden">{t("wiki-blame-caption")}</caption>
                <thead><tr><th scope="col">{t("wiki-blame-author")}</th><th scope="col">{t("wiki-blame-line")}</th></tr></thead>
                <tbody>
                    {blame.lines.into_iter().map(|line| {
                        let mut who = if line.author.is_empty() { unknown.clone() } else { line.author };
                        if !line.others.is_empty() {
                            who = format!("{who} (+ {})", line.others.join(", "));
                        }
                        view! { <tr><td class="blame-author">{who}</td><td><code>{line.text}</code></td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
