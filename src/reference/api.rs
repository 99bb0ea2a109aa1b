//! Reference-data server functions: anyone reads, a site admin edits.

use super::types::{RefKind, ReferenceData};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::server::store::{self, EditError, RefEdit},
    crate::{
        accounts::{server::Caller, types::Permission},
        error::FieldError,
        server::{app_state, respond},
    },
};

#[server(endpoint = "reference/all")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reference/all", skip_all, fields(account = tracing::field::Empty)))]
pub async fn load_reference() -> Result<ReferenceData, AppError> {
    respond(async { Ok(store::load(&app_state()?.db).await?) }.await)
}

/// Creates (`id` empty) or renames one item. Site admins only.
#[server(endpoint = "reference/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reference/save", skip_all, fields(account = tracing::field::Empty, id = ?id, parent_id = ?parent_id)))]
pub async fn save_reference(
    kind: RefKind,
    id: Option<i64>,
    parent_id: Option<i64>,
    code: Option<String>,
    name: String,
    name_en: Option<String>,
) -> Result<i64, AppError> {
    respond(
        async {
            Caller::current()
                .await?
                .require(Permission::AdministerSite)?;
            let name = name.trim().to_string();
            let code = code.unwrap_or_default().trim().to_string();
            let name_en = name_en.unwrap_or_default().trim().to_string();
            let mut errors: Vec<FieldError> =
                [("name", &name), ("code", &code), ("name_en", &name_en)]
                    .into_iter()
                    .filter_map(|(field, text)| crate::characters::refused_in(field, text))
                    .collect();
            let mut refuse = |field: &str, key: &str| {
                errors.push(FieldError {
                    field: field.into(),
                    key: key.into(),
                })
            };
            if name.is_empty() || name.chars().count() > 200 {
                refuse("name", "field-required");
            }
            if kind.has_code()
                && (code.is_empty()
                    || code.chars().count() > 40
                    || code.chars().any(char::is_whitespace))
            {
                refuse("code", "field-code-invalid");
            }
            if kind == RefKind::Field && name_en.is_empty() {
                refuse("name_en", "field-required");
            }
            if id.is_none() && kind.parent().is_some() && parent_id.is_none() {
                refuse("parent_id", "field-required");
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            let edit = RefEdit {
                kind,
                id,
                parent_id,
                code,
                name,
                name_en,
            };
            match store::save(&app_state()?.db, &edit).await {
                Ok(id) => Ok(id),
                Err(EditError::Taken(field)) => Err(AppError::field(field, "field-taken")),
                Err(EditError::Missing) => Err(AppError::NotFound),
                Err(EditError::Db(e)) => Err(e.into()),
            }
        }
        .await,
    )
}
