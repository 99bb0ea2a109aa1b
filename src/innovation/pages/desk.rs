//! /innovation/suivi/:id — one fiche's editorial desk: its state, the independence warnings,
//! its revisions (with a diff between any two), the editors' reviews; the author submits
//! from here, an editor decides from here. /innovation/relecture lists what waits for review.

use super::fiches::FicheCard;
use crate::ui::refused_form::{kept_checked, kept_value, ServerForm};
use crate::{
    error::AppError,
    i18n::t,
    innovation::{
        api::{
            fiche_diff, load_fiche_desk, load_review_queue, AddPromoTerm, LinkTranslation,
            ReviewFiche, SubmitFiche,
        },
        types::{DiffLine, FicheDesk, FicheState, ReviewAction},
    },
    ui::{
        forms::{field_error, provide_refetch, refetch_on_success, FormError, FormSuccess},
        line_diff::LineDiff,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn FicheDeskPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // The diff asked for in the URL (?de=…&a=…), loaded with the desk in one answer.
    let data = page_resource(
        move || {
            let id = params
                .with(|p| p.get("id"))
                .and_then(|id| id.parse::<i64>().ok());
            let pair = query
                .with(|q| q.get("de").zip(q.get("a")))
                .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)));
            (id, pair)
        },
        |(id, pair)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let desk = load_fiche_desk(id).await?;
            let diff = match pair {
                Some((from, to)) => Some(fiche_diff(id, from, to).await?),
                None => None,
            };
            Ok::<_, AppError>((desk, diff))
        },
    );
    // Submitting, reviewing, linking a translation: the desk loads again.
    provide_refetch(move || data.refetch());
    view! {
        <Title text=t("fiche-desk")/>
        <h1>{t("fiche-desk")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || data.get().map(|result| match result {
                    Ok((desk, diff)) => view! { <Desk desk diff/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Desk(desk: FicheDesk, diff: Option<Vec<DiffLine>>) -> impl IntoView {
    let submit = ServerAction::<SubmitFiche>::new();
    refetch_on_success(submit.value());
    let id = desk.id;
    let can_submit = matches!(
        desk.state,
        FicheState::Draft | FicheState::ChangesRequested | FicheState::Rejected
    );
    let revisions = desk.revisions.clone();
    view! {
        <section class="panel">
            <h2>{desk.input.title.clone()}</h2>
            <p class="fiche-state" data-state=desk.state.code()>{t(&desk.state.label_key())}</p>
            <p class="offer-facts">
                <span>{format!("{} {}", t("fiche-by"), desk.author)}</span>
                {desk.published.then(|| view! { <a href=format!("/innovation/fiches/{id}")>{t("fiche-public-page")}</a> })}
                {desk.state.editable().then(|| view! { <a href=format!("/innovation/ecrire/{id}")>{t("fiche-edit")}</a> })}
            </p>
            <FormError value=submit.value()/>
            {can_submit.then(|| view! {
                <ServerForm action=submit attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit">{t("fiche-submit")}</button>
                </ServerForm>
            })}
        </section>
        {(desk.mine && desk.state.editable()).then(|| view! { <ImageUpload id/> })}
        {desk.mine.then(|| view! { <TranslationLink id translation_of=desk.translation_of/> })}
        <section class="panel warnings">
            <h2>{t("fiche-warnings")}</h2>
            {if desk.warnings.is_empty() {
                view! { <p>{t("fiche-warnings-none")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {desk.warnings.iter().map(|w| view! {
                            <li class="warning" data-kind=w.kind.clone()>{t(&format!("fiche-warning-{}", w.kind))}" : "<strong>{w.excerpt.clone()}</strong></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(desk.reviewer && desk.state == FicheState::Submitted).then(|| view! { <Review id has_warnings=!desk.warnings.is_empty()/> })}
        <section class="panel">
            <h2>{t("fiche-reviews")}</h2>
            {if desk.reviews.is_empty() {
                view! { <p>{t("fiche-reviews-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="entries">
                        {desk.reviews.iter().map(|r| view! {
                            <li class="entry">
                                <p class="entry-meta"><strong>{r.editor.clone()}</strong>" · "{t(&format!("review-{}", r.action.code()))}" · "<TimeTag when=r.at.clone()/></p>
                                <p class="entry-body">{r.comment.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="panel">
            <h2>{t("fiche-revisions")}</h2>
            <ol class="history">
                {revisions.iter().map(|r| view! {
                    <li>
                        {format!("{} {} · {} · ", t("fiche-revision"), r.number, r.author)}<TimeTag when=r.at.clone()/>
                        {r.published.then(|| format!(" · {}", t("fiche-state-published")))}
                    </li>
                }).collect_view()}
            </ol>
            {(revisions.len() > 1).then(|| {
                let options = move || revisions.iter().map(|r| view! { <option value=r.id.to_string()>{format!("{} {}", t("fiche-revision"), r.number)}</option> }).collect_view();
                view! {
                    <form method="get" class="form inline-form">
                        <label for="diff-from">{t("fiche-diff-from")}</label>
                        <select id="diff-from" name="de">{options()}</select>
                        <label for="diff-to">{t("fiche-diff-to")}</label>
                        <select id="diff-to" name="a">{options()}</select>
                        <button type="submit" class="secondary">{t("fiche-diff")}</button>
                    </form>
                }
            })}
            {diff.map(|lines| view! { <LineDiff lines/> })}
        </section>
    }
}

/// The editor's decision on a submitted fiche.
#[component]
fn Review(id: i64, has_warnings: bool) -> impl IntoView {
    let review = ServerAction::<ReviewFiche>::new();
    refetch_on_success(review.value());
    let acknowledge_error = field_error(review.value(), "acknowledge");
    let comment_error = field_error(review.value(), "comment");
    view! {
        <section class="panel review">
            <h2>{t("fiche-review")}</h2>
            <FormError value=review.value()/>
            <ServerForm action=review reset_on_success=true attr:class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="review-comment">{t("fiche-review-comment")}</label>
                    <textarea id="review-comment" name="comment" rows="5" aria-describedby="review-comment-error">{kept_value("comment")}</textarea>
                    <p class="field-error" id="review-comment-error" hidden=move || comment_error.get().is_none()>{move || comment_error.get()}</p>
                </div>
                {has_warnings.then(|| view! {
                    <div class="field checkbox-field">
                        <input type="checkbox" id="review-acknowledge" name="acknowledge" value="1" checked=kept_checked("acknowledge").unwrap_or(false) aria-describedby="review-acknowledge-error"/>
                        <label for="review-acknowledge">{t("fiche-review-acknowledge")}</label>
                        <p class="field-error" id="review-acknowledge-error" hidden=move || acknowledge_error.get().is_none()>{move || acknowledge_error.get()}</p>
                    </div>
                })}
                <div class="state-actions">
                    {[ReviewAction::Comment, ReviewAction::RequestChanges, ReviewAction::Reject, ReviewAction::Publish].into_iter().map(|action| view! {
                        <button type="submit" name="action" value=action.code() class=if action == ReviewAction::Publish { "" } else { "secondary" }>{t(&format!("review-{}", action.code()))}</button>
                    }).collect_view()}
                </div>
            </ServerForm>
        </section>
    }
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let queue = page_resource(|| (), |_| load_review_queue());
    let add = ServerAction::<AddPromoTerm>::new();
    provide_refetch(move || queue.refetch());
    refetch_on_success(add.value());
    view! {
        <Title text=t("innovation-review-queue")/>
        <h1>{t("innovation-review-queue")}</h1>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || queue.get().map(|result| match result {
                    Ok(list) => view! {
                        {if list.is_empty() {
                            view! { <p>{t("fiche-queue-empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="offer-list">
                                    {list.into_iter().map(|fiche| {
                                        let id = fiche.id;
                                        view! { <FicheCard fiche><p><a href=format!("/innovation/suivi/{id}")>{t("fiche-review")}</a></p></FicheCard> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <section class="panel">
                            <h2>{t("fiche-promo-terms")}</h2>
                            <FormError value=add.value()/>
                            <FormSuccess value=add.value() message=t("saved")/>
                            <ServerForm action=add reset_on_success=true attr:class="form inline-form">
                                <label for="promo-term">{t("fiche-promo-term")}</label>
                                <input id="promo-term" name="term" required=true/>
                                <button type="submit" class="secondary">{t("fiche-promo-add")}</button>
                            </ServerForm>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The author adds an image: a plain multipart form (no JavaScript needed); the route sends
/// the browser back here with the image's address, ready to paste into the text.
#[component]
fn ImageUpload(id: i64) -> impl IntoView {
    let query = use_query_map();
    let (added, refused) = query.with_untracked(|q| (q.get("image"), q.get("image_error")));
    view! {
        <section class="panel images">
            <h2>{t("fiche-images")}</h2>
            {added.map(|url| view! {
                <div class="alert alert-success" role="status">
                    <p>{t("fiche-image-added")}</p>
                    <code>{format!("![{}]({url})", t("fiche-image-caption"))}</code>
                </div>
            })}
            {refused.map(|key| view! { <p class="alert alert-error" role="alert">{t(&key)}</p> })}
            <form class="form" method="post" action="/innovation/images" enctype="multipart/form-data">
                <input type="hidden" name="fiche" value=id.to_string()/>
                <div class="field">
                    <label for="fiche-image">{t("fiche-image-file")}</label>
                    <p class="field-hint" id="fiche-image-hint">{t("fiche-image-hint")}</p>
                    <input id="fiche-image" name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required=true aria-describedby="fiche-image-hint"/>
                </div>
                <button type="submit" class="secondary">{t("fiche-image-upload")}</button>
            </form>
        </section>
    }
}

/// The author says which published fiche (in another language) this one translates.
#[component]
fn TranslationLink(id: i64, translation_of: Option<i64>) -> impl IntoView {
    let link = ServerAction::<LinkTranslation>::new();
    refetch_on_success(link.value());
    let error = field_error(link.value(), "original");
    view! {
        <section class="panel" aria-labelledby="translation-title">
            <h2 id="translation-title">{t("translation-title")}</h2>
            {translation_of.map(|original| view! {
                <p>{t("translation-linked")}" "<a href=format!("/innovation/fiches/{original}")>{format!("#{original}")}</a></p>
            })}
            <FormError value=link.value()/>
            <ServerForm action=link attr:class="form inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="translation-original">{t("translation-original")}</label>
                <input id="translation-original" name="original" inputmode="numeric" value=translation_of.map(|o| o.to_string()).unwrap_or_default() aria-describedby="translation-hint"/>
                <button type="submit" class="secondary">{t("translation-save")}</button>
                <p class="field-hint" id="translation-hint">{t("translation-hint")}</p>
                <p class="field-error" hidden=move || error.get().is_none()>{move || error.get()}</p>
            </ServerForm>
        </section>
    }
}
