//! A thing's share links as its page lists them — a document's, a wiki page's: each link's
//! state, end date, author and number of openings, with a revoke form where the caller may;
//! when the links were opened, for animators; and a link just made, shown once.

use crate::{
    espaces::documents_types::{OpeningRow, ShareRow},
    i18n::t,
    ui::time::TimeTag,
};
use leptos::prelude::*;

/// A share link just made, shown once.
#[component]
pub fn NewLink(link: String) -> impl IntoView {
    view! {
        <div class="alert alert-success" role="status">
            <p>{t("documents-share-made")}</p>
            <p><a href=link.clone() class="share-link" data-testid="share-link">{link.clone()}</a></p>
        </div>
    }
}

/// `shares`, each still active one with `revoke(share id)` (a form; `None` where the caller
/// may not revoke), then `openings` (`None`: not shown to the caller).
pub fn share_list(
    shares: Vec<ShareRow>,
    openings: Option<Vec<OpeningRow>>,
    revoke: Option<impl Fn(i64) -> AnyView + Send + Sync + 'static>,
) -> AnyView {
    let list = if shares.is_empty() {
        view! { <p>{t("documents-shares-none")}</p> }.into_any()
    } else {
        view! {
            <ul class="share-list">
                {shares.into_iter().map(|s| {
                    let state = if s.revoked { "documents-share-revoked" } else if s.expired { "documents-share-expired" } else { "documents-share-active" };
                    let active = !s.revoked && !s.expired;
                    view! {
                        <li>
                            {format!("#{} · ", s.id)}{t(state)}" · "{t("documents-share-until")}" "<TimeTag when=s.expires/>
                            {s.author.map(|a| view! { " · "{a} })}
                            " · "{t("documents-share-openings")}{format!(" {}", s.openings)}
                            {revoke.as_ref().filter(|_| active).map(|revoke| revoke(s.id))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {list}
        {openings.map(opening_list)}
    }
    .into_any()
}

fn opening_list(openings: Vec<OpeningRow>) -> impl IntoView {
    view! {
        <h3>{t("documents-share-opened")}</h3>
        {if openings.is_empty() {
            view! { <p>{t("documents-share-opened-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="opening-list">
                    {openings.into_iter().map(|o| view! { <li>{format!("#{} · ", o.share_id)}<TimeTag when=o.opened/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
