//! /innovation — the published catalogue with its filters (a plain GET form) — and
//! /innovation/fiches/:id, a fiche as readers see it.

use crate::ui::refused_form::ServerForm;
use crate::{
    accounts::pages::auth_context::use_auth,
    i18n::t,
    innovation::{
        api::browse_fiches,
        browse::{BrowseQuery, BrowseResults},
        community::{city_key, FichePageData, FicheRef, FollowKind, ItemKind},
        community_api::{load_fiche_page, FollowSubject, PostComment},
        pages::contributions::{ContributionList, WritingField},
        types::{FicheSummary, FicheView, Maturity},
    },
    ui::{
        forms::{field_error, on_success, provide_refetch, refetch_on_success, FormError},
        platform::PlatformIntro,
        share::{SharePage, ShareTags},
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::{
    components::Form,
    hooks::{use_params_map, use_query_map},
};

#[component]
pub fn InnovationHome() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| BrowseQuery::from_pairs(|key| p.get(key))));
    let results = Resource::new(move || query.get(), browse_fiches);
    let user = use_auth().user;
    view! {
        <PlatformIntro platform="innovation"/>
        <div class="page">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                <p class="desk-links">
                    <a href="/innovation/discussions">{t("threads-title")}</a>
                    <a href="/innovation/regles">{t("innovation-rules")}</a>
                    <a href="/innovation/flux.atom" type="application/atom+xml">{t("innovation-feed")}</a>
                    <a href="/innovation/donnees.json">{t("innovation-open-data")}" (JSON)"</a>
                    <a href="/innovation/donnees.csv">"CSV"</a>
                    {move || user.get().and_then(|u| u.ok()).flatten().map(|u| view! {
                        <a href="/innovation/mes-fiches">{t("innovation-my-fiches")}</a>
                        <a href="/innovation/notifications">{t("notifications-title")}</a>
                        <a href="/innovation/membres">{t("members-title")}</a>
                        {u.can(crate::accounts::types::Permission::Edit).then(|| view! {
                            <a href="/innovation/relecture">{t("innovation-review-queue")}</a>
                            <a href="/innovation/moderation">{t("moderation-title")}</a>
                        })}
                    })}
                </p>
                {move || results.get().map(|result| match result {
                    Ok(results) => view! { <Browse query=query.get_untracked() results/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Browse(query: BrowseQuery, results: BrowseResults) -> impl IntoView {
    let chosen = |value: &Option<String>, option: &str| value.as_deref() == Some(option);
    let last = (results.total + crate::innovation::browse::PER_PAGE - 1)
        / crate::innovation::browse::PER_PAGE;
    let (previous, next) = (query.url(results.page - 1), query.url(results.page + 1));
    view! {
        <Form method="GET" action="/innovation" attr:class="search-form" attr:role="search">
            <div class="field search-words">
                <label for="browse-q">{t("search-words")}</label>
                <input id="browse-q" name="q" type="search" value=query.q.clone().unwrap_or_default()/>
            </div>
            <div class="filters">
                <div class="field">
                    <label for="browse-field">{t("fiche-fields")}</label>
                    <select id="browse-field" name="champ">
                        <option value="">{t("search-any")}</option>
                        {results.fields.iter().map(|(id, name)| {
                            let value = id.to_string();
                            view! { <option value=value.clone() selected=chosen(&query.champ, &value)>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-country">{t("fiche-country")}</label>
                    <select id="browse-country" name="pays">
                        <option value="">{t("search-any")}</option>
                        {results.countries.iter().map(|c| view! { <option value=c.clone() selected=chosen(&query.pays, c)>{c.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-city">{t("fiche-city")}</label>
                    <input id="browse-city" name="ville" list="browse-cities" value=query.ville.clone().unwrap_or_default()/>
                    <datalist id="browse-cities">
                        {results.cities.iter().map(|c| view! { <option value=c.clone()></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="browse-maturity">{t("fiche-maturity")}</label>
                    <select id="browse-maturity" name="maturite">
                        <option value="">{t("search-any")}</option>
                        {Maturity::ALL.into_iter().map(|m| view! { <option value=m.code() selected=chosen(&query.maturite, m.code())>{t(&m.label_key())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="browse-language">{t("fiche-language")}</label>
                    <select id="browse-language" name="langue">
                        <option value="">{t("search-any")}</option>
                        <option value="fr" selected=chosen(&query.langue, "fr")>"Français"</option>
                        <option value="en" selected=chosen(&query.langue, "en")>"English"</option>
                    </select>
                </div>
                {query.tag.clone().map(|tag| view! { <input type="hidden" name="tag" value=tag/> })}
            </div>
            <button type="submit">{t("search")}</button>
            " "
            <a href="/innovation">{t("search-reset")}</a>
        </Form>
        <h2 aria-live="polite">{format!("{} · {}", t("innovation-fiches"), results.total)}</h2>
        <ul class="offer-list">
            {results.fiches.into_iter().map(|fiche| view! { <FicheCard fiche/> }).collect_view()}
        </ul>
        <nav class="pagination" aria-label=t("pagination")>
            {(results.page > 1).then(|| view! { <a href=previous>{t("previous")}</a> })}
            {(results.page < last).then(|| view! { <a href=next>{t("next")}</a> })}
        </nav>
    }
}

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
    let page = Resource::new(
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
            <dl class="fiche-facts">
                <dt>{t("fiche-place")}</dt>
                <dd>
                    <a href=place>{format!("{}, {}", fiche.city, fiche.country)}</a>
                    {member.then(|| view! { " "<FollowButton kind=FollowKind::City target=city following=following_city label=t("follow-city")/> })}
                </dd>
                <dt>{t("fiche-maturity")}</dt><dd>{t(&fiche.maturity.label_key())}</dd>
                {fiche.year_started.map(|y| view! { <dt>{t("fiche-year")}</dt><dd>{y}</dd> })}
                <dt>{t("fiche-fields")}</dt><dd>{fiche.fields.join(", ")}</dd>
                {(!fiche.cost_range.is_empty()).then(|| view! { <dt>{t("fiche-cost")}</dt><dd>{fiche.cost_range.clone()}</dd> })}
                {(!fiche.funding.is_empty()).then(|| view! { <dt>{t("fiche-funding")}</dt><dd>{fiche.funding.clone()}</dd> })}
                {(!fiche.contact.is_empty()).then(|| view! { <dt>{t("fiche-contact")}</dt><dd>{fiche.contact.clone()}</dd> })}
            </dl>
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
                <p class="field-hint">{format!("{} {} · {} ", t("fiche-by"), fiche.author, t("fiche-published"))}<TimeTag when=fiche.published_shown.clone()/>" · "<a href="/innovation/regles">{t("innovation-rules")}</a></p>
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
