//! A page's text as readers get it: the body of its Yjs document as stored (what every editor
//! has been shown: nothing is relayed before it is durable), rendered by the site's one
//! Markdown renderer and sanitiser (`server::markdown`).

use super::log::{self, LoadError};
use crate::{server::db::Db, wiki::types::BODY_TEXT};
use yrs::{GetString, Transact};

/// Page `page`'s Markdown text as stored.
pub async fn text(db: &Db, page: i64) -> Result<String, LoadError> {
    let (doc, _) = log::load(db, page).await?;
    let body = doc.get_or_insert_text(BODY_TEXT);
    let text = body.get_string(&doc.transact());
    Ok(text)
}

/// Page `page` rendered to safe HTML.
pub async fn html(db: &Db, page: i64) -> Result<String, LoadError> {
    Ok(crate::server::markdown::render(&text(db, page).await?))
}
