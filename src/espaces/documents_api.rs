//! Server functions of a space's documents: the documents page (a folder, or the search by
//! name), a document's page (versions, share links, their openings), the bin; folders, rename,
//! move, delete to the bin, restore a version as the newest; the bin's restore and emptying
//! (animators); share links (contributors make and revoke them) and the page a link opens
//! (no account needed). Uploads and downloads are plain routes (`server::documents_routes`).
//! Readers read; contributors upload, rename, move, delete and share; animators also manage
//! the bin and see who opened the share links. An archived space only reads.

use super::documents_types::{BinPage, DocumentPage, DocumentsPage, SharedDocument};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        documents_types::{clean_name, previewable, shared_file_url, shared_page_path},
        server::{
            access::module_role,
            shares::{self, Shared},
            documents::{self, BackError, FolderError, FolderTree, PlaceError},
            spaces,
        },
        types::{Module, SpaceAccess, SpaceAction, SpaceRole},
    },
    crate::{
        accounts::server::Caller,
        error::AppResult,
        query_text,
        server::{
            app_state, human_dates::HumanDates, redirect_plain_form, respond, state::AppState,
            tokens,
        },
    },
};

/// The state, the caller and its standing in space `id`, which must use documents (404
/// otherwise, as for a space the caller may not see).
#[cfg(feature = "ssr")]
async fn open(id: i64) -> AppResult<(AppState, Caller, SpaceAccess)> {
    let state = app_state()?;
    let caller = Caller::current().await?;
    let access = module_role(&caller, &state.db, id, Module::Documents).await?;
    Ok((state, caller, access))
}

/// [`open`], for a caller who may `action` (403, or 409 in an archived space); its account.
#[cfg(feature = "ssr")]
async fn open_for(id: i64, action: SpaceAction) -> AppResult<(AppState, i64, SpaceAccess)> {
    let (state, caller, access) = open(id).await?;
    access.require(action)?;
    let account = caller.account_id()?;
    Ok((state, account, access))
}

/// A folder id from a form: 0 or less is the top.
#[cfg(feature = "ssr")]
fn folder_arg(folder: i64) -> Option<i64> {
    (folder > 0).then_some(folder)
}

/// The documents page of space `id`: folder `folder` (0: the top), or with `q` the documents
/// of the whole space whose name holds it.
#[server(endpoint = "espaces/documents")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/documents", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_documents(
    id: i64,
    #[server(default)] folder: i64,
    #[server(default)] q: String,
) -> Result<DocumentsPage, AppError> {
    respond(
        async {
            let (state, _, access) = open(id).await?;
            let dates = HumanDates::for_reader().await?;
            let now = state.clock.now_seconds();
            let tree = FolderTree::load(&state.db, id).await?;
            let folder = folder_arg(folder);
            let path = tree.path(folder);
            if folder.is_some() && path.is_empty() {
                return Err(AppError::NotFound);
            }
            let query = query_text::bounded(q.trim());
            let documents = if query.is_empty() {
                documents::in_folder(&state.db, id, folder, &tree, &dates).await?
            } else {
                documents::search(&state.db, id, &query, &tree, &dates).await?
            };
            let mut conn = state.db.pool.acquire().await?;
            let used_bytes = documents::stored_bytes(&mut conn, id).await?;
            drop(conn);
            Ok(DocumentsPage {
                space: spaces::home(&state.db, &access, now).await?,
                folder,
                path,
                folders: if query.is_empty() {
                    tree.children(folder)
                } else {
                    Vec::new()
                },
                documents,
                query,
                used_bytes,
                quota_bytes: i64::try_from(state.config.espaces.quota_bytes).unwrap_or(i64::MAX),
                upload_max_bytes: i64::try_from(state.config.espaces.upload_max_bytes)
                    .unwrap_or(i64::MAX),
                all_folders: tree.choices(),
                in_bin: documents::bin_count(&state.db, id).await?,
            })
        }
        .await,
    )
}

/// One document of space `id`: its versions; for contributors its share links, for animators
/// their openings. A document in the bin only for contributors and animators. `lien`: the
/// token of a share link the caller just made without JavaScript, shown again once checked.
#[server(endpoint = "espaces/document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_document(
    id: i64,
    document: i64,
    #[server(default)] lien: String,
) -> Result<DocumentPage, AppError> {
    respond(
        async {
            let (state, caller, access) = open(id).await?;
            let dates = HumanDates::for_reader().await?;
            let now = state.clock.now_seconds();
            let tree = FolderTree::load(&state.db, id).await?;
            let writer = matches!(
                access.acting_role(),
                Some(SpaceRole::Animator | SpaceRole::Contributor)
            );
            let Some((row, in_bin)) =
                documents::document(&state.db, id, document, &tree, &dates).await?
            else {
                return Err(AppError::NotFound);
            };
            if in_bin && !writer {
                return Err(AppError::NotFound);
            }
            let shares = if writer {
                shares::list(&state.db, &shares::DOCUMENT, document, now, &dates).await?
            } else {
                Vec::new()
            };
            let openings = if access.acting_role() == Some(SpaceRole::Animator) {
                shares::openings(&state.db, &shares::DOCUMENT, document, &dates).await?
            } else {
                Vec::new()
            };
            let new_link = match caller.id() {
                Some(account)
                    if writer
                        && shares::made_just_now(&state.db, &shares::DOCUMENT, document, account, &lien, now,
                        )
                        .await? =>
                {
                    Some(state.config.public_link(&shared_page_path(&lien)))
                }
                _ => None,
            };
            Ok(DocumentPage {
                space: spaces::home(&state.db, &access, now).await?,
                path: tree.path(row.folder_id),
                document: row,
                in_bin,
                versions: documents::versions(&state.db, document, &dates).await?,
                shares,
                openings,
                all_folders: tree.choices(),
                share_max_days: state.config.espaces.share_link_max_days,
                new_link,
            })
        }
        .await,
    )
}

/// The bin of space `id` (contributors and animators: readers do not see deleted documents).
#[server(endpoint = "espaces/documents_bin")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/documents_bin", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn load_bin(id: i64) -> Result<BinPage, AppError> {
    respond(
        async {
            let (state, _, access) = open(id).await?;
            if !matches!(
                access.acting_role(),
                Some(SpaceRole::Animator | SpaceRole::Contributor)
            ) {
                return Err(AppError::Forbidden);
            }
            let dates = HumanDates::for_reader().await?;
            let tree = FolderTree::load(&state.db, id).await?;
            Ok(BinPage {
                space: spaces::home(&state.db, &access, state.clock.now_seconds()).await?,
                documents: documents::bin(&state.db, id, &tree, &dates).await?,
            })
        }
        .await,
    )
}

/// Makes folder `name` inside folder `parent` (0: the top). Contributors.
#[server(endpoint = "espaces/create_folder")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/create_folder", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn create_folder(
    id: i64,
    #[server(default)] parent: i64,
    name: String,
) -> Result<i64, AppError> {
    respond(
        async {
            let (state, account, _) = open_for(id, SpaceAction::Contribute).await?;
            let name = clean_name(&name).map_err(|r| AppError::field("name", r.key()))?;
            let parent = folder_arg(parent);
            let folder = match documents::create_folder(
                &state.db,
                id,
                parent,
                &name,
                account,
                state.clock.now_seconds(),
            )
            .await
            {
                Ok(folder) => folder,
                Err(error) => return Err(folder_refused(error)),
            };
            redirect_plain_form(&format!("/espaces/{id}/documents?dossier={folder}"));
            Ok(folder)
        }
        .await,
    )
}

/// A folder change refused, as the caller is told.
#[cfg(feature = "ssr")]
fn folder_refused(error: FolderError) -> AppError {
    match error {
        FolderError::Exists => AppError::field("name", "field-folder-exists"),
        FolderError::NoParent => AppError::NotFound,
        FolderError::NotEmpty => AppError::Conflict("error-folder-not-empty".into()),
        FolderError::Db(e) => e.into(),
    }
}

/// Renames folder `folder` of space `id`. Contributors.
#[server(endpoint = "espaces/rename_folder")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/rename_folder", skip_all, fields(account = tracing::field::Empty, id = id, folder = folder)))]
pub async fn rename_folder(id: i64, folder: i64, name: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = open_for(id, SpaceAction::Contribute).await?;
            let name = clean_name(&name).map_err(|r| AppError::field("name", r.key()))?;
            documents::rename_folder(&state.db, id, folder, &name)
                .await
                .map_err(folder_refused)?;
            redirect_plain_form(&format!("/espaces/{id}/documents?dossier={folder}"));
            Ok(())
        }
        .await,
    )
}

/// Deletes folder `folder` of space `id` when it holds nothing (409
/// `error-folder-not-empty` otherwise: its documents are moved or deleted first, so nothing
/// goes without being seen); answers its parent (0: the top). Contributors.
#[server(endpoint = "espaces/delete_folder")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/delete_folder", skip_all, fields(account = tracing::field::Empty, id = id, folder = folder)))]
pub async fn delete_folder(id: i64, folder: i64) -> Result<i64, AppError> {
    respond(
        async {
            let (state, _, _) = open_for(id, SpaceAction::Contribute).await?;
            let parent = documents::delete_folder(&state.db, id, folder)
                .await
                .map_err(folder_refused)?;
            let back = parent.map(|p| format!("?dossier={p}")).unwrap_or_default();
            redirect_plain_form(&format!("/espaces/{id}/documents{back}"));
            Ok(parent.unwrap_or(0))
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn place_refused(error: PlaceError) -> AppError {
    match error {
        PlaceError::NotFound | PlaceError::NoFolder => AppError::NotFound,
        PlaceError::Exists => AppError::field("name", "field-document-exists"),
        PlaceError::Db(e) => e.into(),
    }
}

/// Renames a document (not in the bin). Contributors.
#[server(endpoint = "espaces/rename_document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/rename_document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn rename_document(id: i64, document: i64, name: String) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = open_for(id, SpaceAction::Contribute).await?;
            let name = clean_name(&name).map_err(|r| AppError::field("name", r.key()))?;
            let Some(folder) = documents::folder_of(&state.db, id, document).await? else {
                return Err(AppError::NotFound);
            };
            documents::place(
                &state.db,
                id,
                document,
                folder,
                Some(&name),
                state.clock.now_seconds(),
            )
            .await
            .map_err(place_refused)?;
            redirect_plain_form(&format!("/espaces/{id}/documents/{document}"));
            Ok(())
        }
        .await,
    )
}

/// Moves a document (not in the bin) to folder `folder` (0: the top). Contributors.
#[server(endpoint = "espaces/move_document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/move_document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn move_document(
    id: i64,
    document: i64,
    #[server(default)] folder: i64,
) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, _) = open_for(id, SpaceAction::Contribute).await?;
            documents::place(
                &state.db,
                id,
                document,
                folder_arg(folder),
                None,
                state.clock.now_seconds(),
            )
            .await
            .map_err(place_refused)?;
            redirect_plain_form(&format!("/espaces/{id}/documents/{document}"));
            Ok(())
        }
        .await,
    )
}

/// Puts a document in the bin (it still counts toward the quota). Contributors.
#[server(endpoint = "espaces/delete_document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/delete_document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn delete_document(id: i64, document: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, account, _) = open_for(id, SpaceAction::Contribute).await?;
            let folder = documents::folder_of(&state.db, id, document).await?;
            if !documents::to_bin(&state.db, id, document, account, state.clock.now_seconds())
                .await?
            {
                return Err(AppError::NotFound);
            }
            let back = match folder.flatten() {
                Some(f) => format!("/espaces/{id}/documents?dossier={f}"),
                None => format!("/espaces/{id}/documents"),
            };
            redirect_plain_form(&back);
            Ok(())
        }
        .await,
    )
}

/// Makes version `version` of a document its newest again (a new version sharing its file).
/// Contributors.
#[server(endpoint = "espaces/restore_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/restore_version", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn restore_version(id: i64, document: i64, version: i64) -> Result<i64, AppError> {
    respond(
        async {
            let (state, account, _) = open_for(id, SpaceAction::Contribute).await?;
            let Some(number) = documents::restore_version(
                &state.db,
                id,
                document,
                version,
                account,
                state.clock.now_seconds(),
            )
            .await?
            else {
                return Err(AppError::NotFound);
            };
            state.jobs.wake();
            redirect_plain_form(&format!("/espaces/{id}/documents/{document}"));
            Ok(number)
        }
        .await,
    )
}

/// Takes a document out of the bin. Animators.
#[server(endpoint = "espaces/restore_document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/restore_document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn restore_document(id: i64, document: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, _, access) = open(id).await?;
            access.require_keeper()?;
            match documents::from_bin(&state.db, id, document).await {
                Ok(()) => {}
                Err(BackError::NotFound) => return Err(AppError::NotFound),
                Err(BackError::Exists) => {
                    return Err(AppError::Conflict("error-document-name-taken".into()))
                }
                Err(BackError::Db(e)) => return Err(e.into()),
            }
            redirect_plain_form(&format!("/espaces/{id}/corbeille"));
            Ok(())
        }
        .await,
    )
}

/// Deletes for good the documents in the bin (`document`: only that one; 0: all). Animators.
#[server(endpoint = "espaces/empty_bin")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/empty_bin", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn empty_bin(id: i64, #[server(default)] document: i64) -> Result<u64, AppError> {
    respond(
        async {
            let (state, _, access) = open(id).await?;
            access.require_keeper()?;
            let only = (document > 0).then_some(document);
            let gone = documents::empty_bin(&state.db, &state.storage, id, only).await?;
            if only.is_some() && gone == 0 {
                return Err(AppError::NotFound);
            }
            redirect_plain_form(&format!("/espaces/{id}/corbeille"));
            Ok(gone)
        }
        .await,
    )
}

/// Makes a link sharing a document (not in the bin) with someone outside the space, valid
/// `days` days (1 to `[espaces] share_link_max_days`); returns its address, shown once.
/// Contributors.
#[server(endpoint = "espaces/share_document")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/share_document", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn share_document(id: i64, document: i64, days: i64) -> Result<String, AppError> {
    respond(
        async {
            let (state, account, _) = open_for(id, SpaceAction::Contribute).await?;
            shares::check_days(&state, days)?;
            if documents::folder_of(&state.db, id, document)
                .await?
                .is_none()
            {
                return Err(AppError::NotFound);
            }
            let back = format!("/espaces/{id}/documents/{document}");
            shares::make_link(&state, &shares::DOCUMENT, document, account, days, &back, shared_page_path)
                .await
        }
        .await,
    )
}

/// Revokes a share link of a document of the space. Contributors.
#[server(endpoint = "espaces/revoke_share")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "espaces/revoke_share", skip_all, fields(account = tracing::field::Empty, id = id)))]
pub async fn revoke_share(id: i64, share: i64) -> Result<(), AppError> {
    respond(
        async {
            let (state, account, _) = open_for(id, SpaceAction::Contribute).await?;
            if !shares::revoke(&state.db, &shares::DOCUMENT, id, share, account, state.clock.now_seconds())
                .await?
            {
                return Err(AppError::NotFound);
            }
            Ok(())
        }
        .await,
    )
}

/// What a share link opens, for anyone (no account): the document's name, size, type and
/// where to download it; each opening is logged. An unknown link answers 404, a revoked or
/// expired one (or whose document was deleted) 409 with its own message.
#[server(endpoint = "espaces/shared_document")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "espaces/shared_document", skip_all)
)]
pub async fn open_shared_document(token: String) -> Result<SharedDocument, AppError> {
    respond(
        async {
            let state = app_state()?;
            let now = state.clock.now_seconds();
            let (share, document, expires_at) =
                match shares::find(&state.db, &shares::DOCUMENT, token.trim(), now).await? {
                    Shared::Valid {
                        share,
                        thing: document,
                        expires_at,
                        ..
                    } => (share, document, expires_at),
                    Shared::Ended => {
                        return Err(AppError::Conflict("error-share-link-ended".into()))
                    }
                    Shared::Unknown => return Err(AppError::NotFound),
                };
            let Some((name, _, content_type, size)) =
                documents::current_file(&state.db, document).await?
            else {
                return Err(AppError::NotFound);
            };
            // The page's links carry the opening's proof: the file fetched from here is
            // this opening, not another (`documents_routes::shared_download`).
            let (proof, proof_hash) = tokens::issue();
            shares::log_opening(&state.db, &shares::DOCUMENT, share, now, Some(&proof_hash)).await?;
            let dates = HumanDates::for_reader().await?;
            let url = format!("{}?ouverture={proof}", shared_file_url(token.trim()));
            Ok(SharedDocument {
                name,
                size,
                preview_url: previewable(&content_type).then(|| format!("{url}&affichage=inline")),
                content_type,
                expires: dates.instant(expires_at),
                url,
            })
        }
        .await,
    )
}
