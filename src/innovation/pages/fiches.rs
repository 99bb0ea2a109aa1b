//! /innovation/fiches/:id, a fiche as readers see it, and a fiche's card in a list.

use crate::accounts::types::shown_name;
use crate::ui::refused_form::ServerForm;
use crate::ui::writing::WritingField;
use crate::{
    i18n::t,
    innovation::{
        browse::BrowseQuery,
        community::{city_key, FichePageData, FicheRef, FollowKind, ItemKind},
        community_api::{load_fiche_page, FollowSubject, PostComment},
        pages::contributions::ContributionList,
        types::{FicheSummary, FicheView},
    },
    ui::{
        facts::{Fact, KeyFacts},
        forms::{field_error, on_success, provide_refetch, refetch_on_success, FormError},
        share::{SharePage, ShareTags},
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

/// A fiche in a list, linked to its public page; `children` add to the card (a desk link).
#[component]
pub fn FicheCard(
    fiche: FicheSummary,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <li class="card">
            <h3><a href=format!("/innovation/fiches/{}", fiche.id) lang=fiche.language.clone()>{fiche.title.clone()}</a></h3>
            <p class="offer-facts">
                <span>{format!("{}, {}", fiche.city, fiche.country)}</span>
                <span>{t(&fiche.maturity.label_key())}</span>
                {fiche.fields.iter().map(|f| view! { <span>{f.clone()}</span> }).collect_view()}
            </p>
            <p lang=fiche.language.clone()>{fiche.summary.clone()}</p>
            {children.map(|c| c())}
        </li>
    }
}

#[component]
pub fn FichePage() -> impl IntoView {
    let params = use_params_map();
    let page = page_resource(
        move || {
            params
                .with(|p| p.get("id"))
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => load_fiche_page(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    // A comment, a flag, a follow: the fiche's page data loads again.
    provide_refetch(move || page.refetch());
    view! {
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(data) => view! {
                        <Fiche fiche=data.fiche.clone() share=data.share.clone() translations=data.translations.clone() member=data.can_comment following_city=data.following_city/>
                        <Related fiches=data.related.clone()/>
                        <Comments data/>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Fiche(
    fiche: FicheView,
    share: SharePage,
    translations: Vec<FicheRef>,
    member: bool,
    following_city: bool,
) -> impl IntoView {
    let place = BrowseQuery {
        ville: Some(fiche.city.clone()),
        pays: Some(fiche.country.clone()),
        ..Default::default()
    }
    .url(1);
    let city = city_key(&fiche.city, &fiche.country);
    view! {
        <Title text=fiche.title.clone()/>
        <Meta name="description" content=fiche.summary.clone()/>
        {translations.iter().map(|tr| view! { <Link rel="alternate" hreflang=tr.language.clone() href=format!("/innovation/fiches/{}", tr.fiche)/> }).collect_view()}
        <ShareTags share/>
        <article class="fiche" lang=fiche.language.clone()>
            <h1>{fiche.title.clone()}</h1>
            {(!translations.is_empty()).then(|| view! {
                <p class="translations">{t("fiche-translations")}" "
                    {translations.into_iter().map(|tr| view! {
                        <a href=format!("/innovation/fiches/{}", tr.fiche) hreflang=tr.language.clone() lang=tr.language.clone()>{format!("{} — {}", tr.language.to_uppercase(), tr.title)}</a>" "
                    }).collect_view()}
                </p>
            })}
            <p class="lead">{fiche.summary.clone()}</p>
            <KeyFacts>
                <Fact label=t("fiche-place")>
                    <a href=place>{format!("{}, {}", fiche.city, fiche.country)}</a>
                    {member.then(|| view! { " "<FollowButton kind=FollowKind::City target=city following=following_city label=t("follow-city")/> })}
                </Fact>
                <Fact label=t("fiche-maturity")>{t(&fiche.maturity.label_key())}</Fact>
                {fiche.year_started.map(|y| view! { <Fact label=t("fiche-year")>{y}</Fact> })}
                <Fact label=t("fiche-fields")>{fiche.fields.join(", ")}</Fact>
                {(!fiche.cost_range.is_empty()).then(|| view! { <Fact label=t("fiche-cost")>{fiche.cost_range.clone()}</Fact> })}
                {(!fiche.funding.is_empty()).then(|| view! { <Fact label=t("fiche-funding")>{fiche.funding.clone()}</Fact> })}
                {(!fiche.contact.is_empty()).then(|| view! { <Fact label=t("fiche-contact")>{fiche.contact.clone()}</Fact> })}
            </KeyFacts>
            <div class="fiche-body" inner_html=fiche.body_html.clone()></div>
            {(!fiche.results_html.is_empty()).then(|| view! { <h2>{t("fiche-results")}</h2><div inner_html=fiche.results_html.clone()></div> })}
            {(!fiche.lessons_html.is_empty()).then(|| view! { <h2>{t("fiche-lessons")}</h2><div inner_html=fiche.lessons_html.clone()></div> })}
            {(!fiche.sources.is_empty()).then(|| view! {
                <h2>{t("fiche-sources")}</h2>
                <ul>{fiche.sources.iter().map(|s| view! { <li><a href=s.clone() rel="nofollow noopener">{s.clone()}</a></li> }).collect_view()}</ul>
            })}
            {(!fiche.tags.is_empty()).then(|| view! {
                <p class="tags">{fiche.tags.iter().map(|tag| view! { <a class="tag" href=BrowseQuery { tag: Some(tag.clone()), ..Default::default() }.url(1)>{format!("#{tag}")}</a>" " }).collect_view()}</p>
            })}
            <section class="panel interests">
                <h2>{t("fiche-interests")}</h2>
                <p>{fiche.interests.clone()}</p>
                <p class="field-hint">{format!("{} {} · {} ", t("fiche-by"), shown_name(&fiche.author, || t("former-member")), t("fiche-published"))}<TimeTag when=fiche.published_shown.clone()/>" · "<a href="/innovation/regles">{t("innovation-rules")}</a></p>
            </section>
        </article>
    }
}

/// Other fiches sharing this one's tags, fields and country.
#[component]
fn Related(fiches: Vec<FicheRef>) -> impl IntoView {
    (!fiches.is_empty()).then(|| {
        view! {
            <section class="panel related" aria-labelledby="related-title">
                <h2 id="related-title">{t("fiche-related")}</h2>
                <ul>
                    {fiches.into_iter().map(|f| view! {
                        <li><a href=format!("/innovation/fiches/{}", f.fiche) lang=f.language.clone()>{f.title.clone()}</a>" — "{f.place.clone()}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The comments under a fiche: members write, quote and flag, editors hide and restore.
#[component]
fn Comments(data: FichePageData) -> impl IntoView {
    let post = ServerAction::<PostComment>::new();
    let draft = RwSignal::new(String::new());
    refetch_on_success(post.value());
    on_success(post.value(), move |_| draft.set(String::new()));
    let body_error = field_error(post.value(), "body");
    let fiche = data.fiche.id;
    view! {
        <section class="panel comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t("comments-title")}" "<a class="feed-link" href=format!("/innovation/fiches/{fiche}/commentaires.atom") type="application/atom+xml">{t("comments-feed")}</a></h2>
            {data.can_comment.then(|| view! {
                <FollowButton kind=FollowKind::Fiche target=fiche.to_string() following=data.following label=t("comments-follow")/>
            })}
            {if data.comments.is_empty() {
                view! { <p>{t("comments-none")}</p> }.into_any()
            } else {
                view! {
                    <ContributionList kind=ItemKind::Comment items=data.comments anchor="commentaire" member=data.can_comment moderator=data.moderator draft=Some(draft)/>
                }.into_any()
            }}
            {if data.can_comment {
                view! {
                    <FormError value=post.value()/>
                    <ServerForm action=post attr:class="form">
                        <input type="hidden" name="fiche" value=fiche.to_string()/>
                        <WritingField draft label=t("comments-write") error=body_error/>
                        <button type="submit">{t("comments-send")}</button>
                    </ServerForm>
                }.into_any()
            } else {
                view! { <p><a href=format!("/compte/connexion?suite=/innovation/fiches/{fiche}")>{t("comments-sign-in")}</a></p> }.into_any()
            }}
        </section>
    }
}

/// Follows or stops following a fiche, a thread, a field or a city (`label` names the first action).
#[component]
pub fn FollowButton(
    kind: FollowKind,
    target: String,
    following: bool,
    label: String,
) -> impl IntoView {
    let follow = ServerAction::<FollowSubject>::new();
    refetch_on_success(follow.value());
    view! {
        <FormError value=follow.value()/>
        <ServerForm action=follow attr:class="inline-form">
            <input type="hidden" name="kind" value=kind.code()/>
            <input type="hidden" name="target" value=target/>
            <input type="hidden" name="follow" value=(!following).to_string()/>
            <button type="submit" class="secondary" aria-pressed=following.to_string()>{if following { format!("✓ {label}") } else { label }}</button>
        </ServerForm>
    }
}
