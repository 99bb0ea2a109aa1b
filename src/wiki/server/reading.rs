//! A page's text as readers get it: its last revision (cut within seconds of editing going
//! quiet: `revision_round.rs`), whose HTML is kept with it (the reading cache of that
//! revision); before its first revision, the body of its Yjs document as stored (what every
//! editor has been shown: nothing is relayed before it is durable). Both rendered by the
//! site's one Markdown renderer and sanitiser (`server::markdown`).

use super::{
    log::{self, LoadError},
    revisions,
};
use crate::{
    server::db::Db,
    wiki::{links, types::BODY_TEXT},
};
use yrs::{GetString, Transact};

/// Page `page`'s Markdown text as stored.
pub async fn text(db: &Db, page: i64) -> Result<String, LoadError> {
    let (doc, _) = log::load(db, page).await?;
    let body = doc.get_or_insert_text(BODY_TEXT);
    let text = body.get_string(&doc.transact());
    Ok(text)
}

/// What readers get of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Safe HTML.
    pub html: String,
    /// Its headings (the table of contents).
    pub toc: Vec<crate::markdown::Heading>,
    /// The revision it is (`None` before the first), and when it was cut.
    pub revision: Option<(i64, i64)>,
}

/// Page `page` of space `space` as readers get it: its last revision's HTML (rendered again and kept when its
/// cache was cleared), or its stored text before its first revision.
pub async fn current(db: &Db, space: i64, page: i64) -> Result<Reading, LoadError> {
    let Some(last) = revisions::latest(db, page).await? else {
        let (html, toc) = links::render_page(&text(db, page).await?, space);
        return Ok(Reading {
            html,
            toc,
            revision: None,
        });
    };
    let toc = links::outline(&last.body_md, space);
    let html = match last.body_html {
        Some(html) => html,
        None => {
            let html = links::render(&last.body_md, space);
            sqlx::query("UPDATE wiki_revisions SET body_html = $2 WHERE id = $1")
                .bind(last.id)
                .bind(&html)
                .execute(&db.pool)
                .await?;
            html
        }
    };
    Ok(Reading {
        html,
        toc,
        revision: Some((last.number, last.created_at)),
    })
}

/// `reading`'s HTML with each wiki link pointing straight at the page it leads to now (by
/// title or former title), and those leading nowhere marked (`links::point_links`).
pub async fn point_links(db: &Db, space: i64, html: &str) -> Result<String, sqlx::Error> {
    let mut found = Vec::new();
    for title in links::linked_titles(html, space) {
        let page = super::pages::resolve(db, space, &title).await?;
        found.push((title, page));
    }
    Ok(links::point_links(html, space, &found))
}
