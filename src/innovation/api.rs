//! Innovation server functions: the public catalogue and fiche pages, the author's drafts and
//! submissions, the editor's review. Every one checks the caller on the server.

use super::{
    browse::{BrowseQuery, BrowseResults},
    types::{DiffLine, FicheDesk, FicheInput, FicheSummary, FicheView},
};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        server::{diff, fiche_index::FicheIndex, independence, store, this_year, Standing},
        types::{FicheState, ReviewAction},
    },
    crate::{
        accounts::{server::Caller, types::Permission},
        i18n::request_locale,
        server::{app_state, human_dates::HumanDates, redirect_plain_form, respond},
    },
};

/// The signed-in author's fiche `id` (someone else's is not found), with the database.
#[cfg(feature = "ssr")]
async fn authors_fiche(id: i64) -> Result<(i64, crate::server::db::Db, store::FicheRow), AppError> {
    let user = Caller::current().await?.account_id()?;
    let db = app_state()?.db;
    let fiche = store::find(&db, id).await?.ok_or(AppError::NotFound)?;
    if fiche.author_id != user {
        return Err(AppError::not_yours(false));
    }
    Ok((user, db, fiche))
}

#[server(endpoint = "innovation/browse")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/browse", skip_all, fields(account = tracing::field::Empty)))]
pub async fn browse_fiches(
    #[server(default)] query: BrowseQuery,
) -> Result<BrowseResults, AppError> {
    respond(
        async {
            let state = app_state()?;
            let index = FicheIndex::of(&state)?;
            let locale = request_locale();
            let (fiches, total) = store::browse(&state.db, index, &query, locale).await?;
            Ok(BrowseResults {
                fiches,
                total,
                page: query.page_number().get(),
                fields: store::field_names(&state.db, locale).await?,
                countries: index.countries(),
                cities: index.cities(2000),
            })
        }
        .await,
    )
}

/// A published fiche; anything else is "not found" to readers.
#[server(endpoint = "innovation/fiche")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/fiche", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_fiche(id: i64) -> Result<FicheView, AppError> {
    respond(
        async {
            let mut fiche = store::published(&app_state()?.db, id, request_locale())
                .await?
                .ok_or(AppError::NotFound)?;
            fiche.published_shown = HumanDates::for_reader().await?.instant(fiche.published_at);
            Ok(fiche)
        }
        .await,
    )
}

/// The fields a fiche may belong to, for the form.
#[server(endpoint = "innovation/fields")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/fields", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_fiche_fields() -> Result<Vec<(i64, String)>, AppError> {
    respond(async { Ok(store::field_names(&app_state()?.db, request_locale()).await?) }.await)
}

/// The account's own fiches, in every state.
#[server(endpoint = "innovation/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/mine", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_my_fiches() -> Result<Vec<FicheSummary>, AppError> {
    respond(
        async {
            Ok(store::desk_list(
                &app_state()?.db,
                Some(Caller::current().await?.account_id()?),
                request_locale(),
            )
            .await?)
        }
        .await,
    )
}

/// The fiches waiting for an editor.
#[server(endpoint = "innovation/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/queue", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_review_queue() -> Result<Vec<FicheSummary>, AppError> {
    respond(
        async {
            Caller::current().await?.require(Permission::Edit)?;
            Ok(store::desk_list(&app_state()?.db, None, request_locale()).await?)
        }
        .await,
    )
}

/// A fiche's desk: its author and the editors see the working copy, revisions, reviews and
/// the independence warnings; anyone else gets "not found".
#[server(endpoint = "innovation/desk")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/desk", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_fiche_desk(id: i64) -> Result<FicheDesk, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let (user, Standing { editor, .. }) = (caller.account_id()?, Standing::of(&caller));
            let db = app_state()?.db;
            let fiche = store::find(&db, id).await?.ok_or(AppError::NotFound)?;
            if fiche.author_id != user && !editor {
                return Err(AppError::not_yours(false));
            }
            let warnings = independence::warnings(&fiche.working, &store::promo_terms(&db).await?);
            let dates = HumanDates::for_reader().await?;
            Ok(FicheDesk {
                id,
                state: fiche.state,
                author: fiche.author,
                revisions: store::revisions(&db, id, &dates).await?,
                reviews: store::reviews(&db, id, &dates).await?,
                warnings,
                published: fiche.published_revision_id.is_some(),
                reviewer: editor,
                mine: fiche.author_id == user,
                translation_of: store::translation_of(&db, id).await?,
                input: fiche.working,
            })
        }
        .await,
    )
}

/// The author links their fiche as the translation of a published fiche in another language
/// (`original` empty: unlinks it). Every translation points at the same original.
#[server(endpoint = "innovation/translation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/translation", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn link_translation(
    id: i64,
    #[server(default)] original: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (user, db, fiche) = authors_fiche(id).await?;
            let original = match original.trim().trim_start_matches('#') {
                "" => None,
                text => {
                    let other = text
                        .parse::<i64>()
                        .map_err(|_| AppError::field("original", "translation-not-found"))?;
                    let target = store::published(&db, other, request_locale())
                        .await?
                        .filter(|_| other != id);
                    let Some(target) = target else {
                        return Err(AppError::field("original", "translation-not-found"));
                    };
                    if target.language == fiche.working.language {
                        return Err(AppError::field("original", "translation-same-language"));
                    }
                    // Link to the original of a translation, so all languages share one.
                    Some(store::translation_of(&db, other).await?.unwrap_or(other))
                }
            };
            if original == Some(id) {
                return Err(AppError::field("original", "translation-not-found"));
            }
            store::set_translation_of(&db, id, original).await?;
            tracing::info!(user, fiche = id, ?original, "translation link set");
            redirect_plain_form(&format!("/innovation/suivi/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Creates a draft (no `id`) or saves the author's changes; members only, own fiches only,
/// never while an editor reviews it.
#[server(endpoint = "innovation/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/save", skip_all, fields(account = tracing::field::Empty, id = ?id)))]
pub async fn save_fiche(id: Option<i64>, fiche: FicheInput) -> Result<i64, AppError> {
    respond(
        async {
            let user = Caller::current().await?.require(Permission::Contribute)?.id;
            let clean = fiche.validate(this_year()?).map_err(AppError::Invalid)?;
            let db = app_state()?.db;
            let fields = store::field_names(&db, request_locale()).await?;
            if !clean
                .fields
                .iter()
                .all(|f| fields.iter().any(|(id, _)| id == f))
            {
                return Err(AppError::field("fields", "field-unknown"));
            }
            let saved = match id {
                None => store::create(&db, user, &clean).await?,
                Some(id) => {
                    let existing = store::find(&db, id).await?.ok_or(AppError::NotFound)?;
                    if existing.author_id != user {
                        return Err(AppError::not_yours(false));
                    }
                    if !existing.state.editable() || !store::update(&db, id, &clean).await? {
                        return Err(AppError::Conflict("error-fiche-under-review".into()));
                    }
                    id
                }
            };
            tracing::info!(user, fiche = saved, "fiche saved");
            redirect_plain_form(&format!("/innovation/suivi/{saved}"));
            Ok(saved)
        }
        .await,
    )
}

/// The author sends the working copy to the editors.
#[server(endpoint = "innovation/submit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/submit", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn submit_fiche(id: i64) -> Result<(), AppError> {
    respond(
        async {
            let (user, db, fiche) = authors_fiche(id).await?;
            // What was saved may predate a rule; check it again before an editor sees it.
            fiche
                .working
                .validate(this_year()?)
                .map_err(AppError::Invalid)?;
            if fiche.state == FicheState::Published || !store::submit(&db, id, user).await? {
                return Err(AppError::Conflict("error-fiche-not-submittable".into()));
            }
            tracing::info!(user, fiche = id, "fiche submitted");
            redirect_plain_form(&format!("/innovation/suivi/{id}"));
            Ok(())
        }
        .await,
    )
}

/// An editor's decision. Publishing a fiche that shows independence warnings needs
/// `acknowledge`; asking for changes and rejecting need a comment for the author.
#[server(endpoint = "innovation/review")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/review", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn review_fiche(
    id: i64,
    action: String,
    #[server(default)] comment: String,
    #[server(default)] acknowledge: Option<String>,
) -> Result<(), AppError> {
    respond(
        async {
            let editor = Caller::current().await?.require(Permission::Edit)?.id;
            let action = ReviewAction::parse(&action)
                .ok_or_else(|| AppError::field("action", "field-unknown"))?;
            let comment = comment.trim().to_string();
            crate::characters::check("comment", &comment)?;
            if comment.chars().count() > 5_000 {
                return Err(AppError::field("comment", "field-too-long"));
            }
            if comment.is_empty() && action != ReviewAction::Publish {
                return Err(AppError::field("comment", "field-required"));
            }
            let db = app_state()?.db;
            let fiche = store::find(&db, id).await?.ok_or(AppError::NotFound)?;
            if fiche.state != FicheState::Submitted {
                return Err(AppError::Conflict("error-fiche-not-under-review".into()));
            }
            let warnings = independence::warnings(&fiche.working, &store::promo_terms(&db).await?);
            let acknowledged = acknowledge.is_some_and(|a| !a.is_empty());
            if action == ReviewAction::Publish && !warnings.is_empty() && !acknowledged {
                return Err(AppError::field(
                    "acknowledge",
                    "review-acknowledge-required",
                ));
            }
            if !store::review(&db, id, editor, action, &comment, acknowledged).await? {
                return Err(AppError::Conflict("error-fiche-not-under-review".into()));
            }
            tracing::info!(editor, fiche = id, action = action.code(), "fiche reviewed");
            if action == ReviewAction::Publish {
                // Published and saved; what follows is best effort and never undoes it.
                super::server::fiche_index::fiche_changed(&app_state()?, id).await;
                if let Err(error) = store::refresh_related(&db, id).await {
                    tracing::error!(%error, fiche = id, "related fiches not computed");
                }
                if fiche.published_revision_id.is_none() {
                    if let Err(error) = tell_first_publication(&db, &fiche).await {
                        tracing::error!(%error, fiche = id, "notifications not recorded");
                    }
                }
            }
            redirect_plain_form(&format!("/innovation/suivi/{id}"));
            Ok(())
        }
        .await,
    )
}

/// A fiche published for the first time is news for those following its fields or its city.
#[cfg(feature = "ssr")]
async fn tell_first_publication(
    db: &crate::server::db::Db,
    fiche: &store::FicheRow,
) -> Result<(), sqlx::Error> {
    use super::{community::FollowKind, server::notify};
    let content = &fiche.working;
    let mut targets: Vec<(FollowKind, String)> = content
        .fields
        .iter()
        .map(|f| (FollowKind::Field, f.to_string()))
        .collect();
    targets.push((
        FollowKind::City,
        super::community::city_key(&content.city, &content.country),
    ));
    let link = format!("/innovation/fiches/{}", fiche.id);
    let news = notify::News {
        kind: "fiche",
        actor: fiche.author_id,
        actor_name: &fiche.author,
        subject: &content.title,
        link: &link,
        target: notify::Target::Fiche(fiche.id),
    };
    notify::tell(db, &news, &targets, None).await
}

/// The line diff between two revisions of a fiche (its author and the editors).
#[server(endpoint = "innovation/diff")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/diff", skip_all, fields(account = tracing::field::Empty, id = id, from = from, to = to)))]
pub async fn fiche_diff(id: i64, from: i64, to: i64) -> Result<Vec<DiffLine>, AppError> {
    respond(
        async {
            let caller = Caller::current().await?;
            let (user, Standing { editor, .. }) = (caller.account_id()?, Standing::of(&caller));
            let db = app_state()?.db;
            let fiche = store::find(&db, id).await?.ok_or(AppError::NotFound)?;
            if fiche.author_id != user && !editor {
                return Err(AppError::not_yours(false));
            }
            let old = store::revision_content(&db, id, from)
                .await?
                .ok_or(AppError::NotFound)?;
            let new = store::revision_content(&db, id, to)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(diff::diff(&old, &new))
        }
        .await,
    )
}

/// Adds a brand or product name to the list the independence checks look for (editors).
#[server(endpoint = "innovation/promo_term")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "innovation/promo_term", skip_all, fields(account = tracing::field::Empty)))]
pub async fn add_promo_term(term: String) -> Result<(), AppError> {
    respond(
        async {
            let editor = Caller::current().await?.require(Permission::Edit)?.id;
            let term = AppError::required_text("term", &term, 80)?;
            store::add_promo_term(&app_state()?.db, &term, editor).await?;
            redirect_plain_form("/innovation/relecture");
            Ok(())
        }
        .await,
    )
}
