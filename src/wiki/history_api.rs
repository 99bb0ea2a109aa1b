//! Server functions of a wiki page's history: its revisions with a diff between any two, who
//! wrote each line, saving a revision on demand and restoring an old one. Reading them is for
//! anyone who sees the page; saving and restoring for its contributors and animators while
//! the space is live. Each asks `module_role` first (404 for a space the caller may not see).

use super::history_types::{WikiBlame, WikiHistory};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        api::{page_writer, wiki_standing},
        history_types::{BlameLine, RevisionDiff, RevisionItem, NOTE_MAX},
        server::{
            approval::{self, Decision},
            blame, pages,
            revisions::{self, Cut, CutError},
            rewrite::{self, RewriteError},
            rooms::Rooms,
        },
    },
    crate::{
        error::AppResult,
        espaces::{server::spaces, types::SpaceAction},
        server::{
            human_dates::HumanDates, line_diff, redirect_plain_form, respond, state::AppState,
        },
    },
};

#[cfg(feature = "ssr")]
fn cut_failed(error: CutError) -> AppError {
    match error {
        CutError::NoPage => AppError::NotFound,
        CutError::Database(error) => error.into(),
        CutError::Load(error) => {
            tracing::error!(%error, "wiki: revision not cut");
            AppError::Internal
        }
    }
}

/// Page `page`'s revisions, newest first, with the diff from revision `de` to revision `a`
/// when both are given (404 when one is not a revision of the page).
#[server(endpoint = "wiki/history")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/history", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn load_wiki_history(
    id: i64,
    page: i64,
    #[server(default)] de: i64,
    #[server(default)] a: i64,
) -> Result<WikiHistory, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            let row = pages::find(&state.db, id, page)
                .await?
                .ok_or(AppError::NotFound)?;
            let dates = HumanDates::for_reader().await?;
            let diff = if de > 0 && a > 0 {
                let (Some(from), Some(to)) = (
                    revisions::find(&state.db, page, de).await?,
                    revisions::find(&state.db, page, a).await?,
                ) else {
                    return Err(AppError::NotFound);
                };
                Some(RevisionDiff {
                    from: de,
                    to: a,
                    lines: line_diff::between(&from.body_md, &to.body_md),
                })
            } else {
                None
            };
            let revisions = revisions::list(&state.db, page)
                .await?
                .into_iter()
                .map(|(revision, authors)| RevisionItem {
                    number: revision.number,
                    at: dates.instant(revision.created_at),
                    authors,
                    on_demand: revision.saved_by.is_some() && revision.restored_from.is_none(),
                    note: revision.note,
                    restored_from: revision.restored_from,
                    approved: revision.approved_at.is_some(),
                    changes_asked: revision
                        .changes_asked_at
                        .map(|_| revision.changes_note.clone()),
                })
                .collect();
            let approval_on = approval::is_on(&state.db, id).await?;
            Ok(WikiHistory {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                id: page,
                title: row.title,
                revisions,
                diff,
                can_edit: access.allows(SpaceAction::Contribute),
                approval: approval_on,
                can_approve: approval_on && access.require_keeper().is_ok(),
            })
        }
        .await,
    )
}

/// Page `page`'s current text, line by line, with who wrote each line (from the Yjs items'
/// client ids and the accounts that wrote under them).
#[server(endpoint = "wiki/blame")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/blame", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn load_wiki_blame(id: i64, page: i64) -> Result<WikiBlame, AppError> {
    respond(
        async {
            let (state, _, access) = wiki_standing(id).await?;
            let row = pages::find(&state.db, id, page)
                .await?
                .ok_or(AppError::NotFound)?;
            let lines = blame::lines(&state.db, page).await.map_err(|error| {
                tracing::error!(%error, page, "wiki: blame not read");
                AppError::Internal
            })?;
            let names = blame::author_names(&state.db, page).await?;
            let name = |author: &Option<i64>| {
                author
                    .and_then(|a| names.get(&a).cloned())
                    .unwrap_or_default()
            };
            let lines = lines
                .into_iter()
                .map(|line| BlameLine {
                    author: line.authors.first().map(&name).unwrap_or_default(),
                    others: line
                        .authors
                        .iter()
                        .skip(1)
                        .map(&name)
                        .filter(|n| !n.is_empty())
                        .collect(),
                    text: line.text,
                })
                .collect();
            Ok(WikiBlame {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                id: page,
                title: row.title,
                lines,
            })
        }
        .await,
    )
}

/// Saves page `page`'s current text as a revision now, with `note` (at most
/// [`NOTE_MAX`] characters); its number. 409 `wiki-nothing-to-save` when the text is that of
/// the last revision.
#[server(endpoint = "wiki/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/save", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn save_wiki_revision(
    id: i64,
    page: i64,
    #[server(default)] note: String,
) -> Result<i64, AppError> {
    respond(
        async {
            let (state, account, _) = page_writer(id, page).await?;
            let note = note.trim();
            crate::characters::check("note", note)?;
            if note.chars().count() > NOTE_MAX {
                return Err(AppError::field("note", "field-too-long"));
            }
            let asked = Cut {
                page,
                saved_by: Some(account),
                note,
                restored_from: None,
            };
            let number = revisions::cut(&state, asked, state.clock.now_seconds())
                .await
                .map_err(cut_failed)?
                .ok_or_else(|| AppError::Conflict("wiki-nothing-to-save".into()))?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}/historique"));
            Ok(number)
        }
        .await,
    )
}

/// Brings revision `number` of page `page` back as the page's text: the lines that differ are
/// changed in the live document as the caller (editors on the page see it at once, their own
/// typing merged with it), and a new revision is saved at once, marked as restoring `number`;
/// its number. 409 `wiki-nothing-to-save` when the text already is that revision's.
#[server(endpoint = "wiki/restore")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/restore", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn restore_wiki_revision(id: i64, page: i64, number: i64) -> Result<i64, AppError> {
    respond(
        async {
            let (state, account, _) = page_writer(id, page).await?;
            let old = revisions::find(&state.db, page, number)
                .await?
                .ok_or(AppError::NotFound)?;
            let rooms = state.domains.get::<Rooms>().map_err(|error| {
                tracing::error!(%error, "wiki: no rooms");
                AppError::Internal
            })?;
            rewrite::replace_text(&state, rooms, page, account, &old.body_md)
                .await
                .map_err(|error| match error {
                    RewriteError::Database(error) => error.into(),
                    other => {
                        tracing::error!(error = %other, page, "wiki: revision not restored");
                        AppError::Internal
                    }
                })?;
            let asked = Cut {
                page,
                saved_by: Some(account),
                note: "",
                restored_from: Some(number),
            };
            let restored = revisions::cut(&state, asked, state.clock.now_seconds())
                .await
                .map_err(cut_failed)?
                .ok_or_else(|| AppError::Conflict("wiki-nothing-to-save".into()))?;
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}/historique"));
            Ok(restored)
        }
        .await,
    )
}

/// The caller's account as an animator of space `id` whose wiki has approval on, and whose
/// page `page` exists: who approves. 409 `wiki-approval-off` when approval is off.
#[cfg(feature = "ssr")]
async fn approver(id: i64, page: i64) -> AppResult<(AppState, i64)> {
    let (state, account, access) = page_writer(id, page).await?;
    access.require_keeper()?;
    if !approval::is_on(&state.db, id).await? {
        return Err(AppError::Conflict("wiki-approval-off".into()));
    }
    Ok((state, account))
}

/// Approves revision `number` of page `page` (animators, approval on): readers get it from
/// now on. 404 when it is no revision waiting.
#[server(endpoint = "wiki/approve")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/approve", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn approve_wiki_revision(id: i64, page: i64, number: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, account) = approver(id, page).await?;
            let now = state.clock.now_seconds();
            if !approval::decide(&state.db, id, page, number, Decision::Approve, account, now)
                .await?
            {
                return Err(AppError::NotFound);
            }
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}/historique"));
            Ok(())
        }
        .await,
    )
}

/// Asks for changes to revision `number` of page `page` with `note` (animators, approval on):
/// its authors are told. 422 on `note` when empty or too long; 404 when it is no revision
/// waiting.
#[server(endpoint = "wiki/ask_changes")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "wiki/ask_changes", skip_all, fields(account = tracing::field::Empty, id = id, page = page)))]
pub async fn ask_wiki_changes(
    id: i64,
    page: i64,
    number: i64,
    note: String,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, account) = approver(id, page).await?;
            let note = AppError::required_text("note", &note, NOTE_MAX)?;
            let now = state.clock.now_seconds();
            let decision = Decision::AskChanges(&note);
            if !approval::decide(&state.db, id, page, number, decision, account, now).await? {
                return Err(AppError::NotFound);
            }
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/wiki/{page}/historique"));
            Ok(())
        }
        .await,
    )
}
