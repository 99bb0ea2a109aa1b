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
    /// A newer revision waits for approval.
    pub waiting: bool,
    /// The revision it is (`None` before the first), and when it was cut.
    pub revision: Option<(i64, i64)>,
}

/// Page `page` of space `space` as readers get it: its last revision's HTML (rendered again and
/// kept when its cache was cleared), or its stored text before its first revision. With
/// `approval` on (`approval::is_on`), its last approved revision, or nothing before one.
pub async fn current(db: &Db, space: i64, page: i64, approval: bool) -> Result<Reading, LoadError> {
    let last = revisions::latest(db, page).await?;
    let shown = if approval {
        revisions::latest_approved(db, page).await?
    } else {
        last.clone()
    };
    let waiting = approval && last.as_ref().map(|r| r.number) != shown.as_ref().map(|r| r.number);
    let Some(shown) = shown else {
        let (html, toc) = if approval {
            (String::new(), Vec::new())
        } else {
            links::render_page(&text(db, page).await?, space)
        };
        return Ok(Reading {
            html,
            toc,
            revision: None,
            waiting,
        });
    };
    let toc = links::outline(&shown.body_md, space);
    let html = match shown.body_html {
        Some(html) => html,
        None => {
            let html = links::render(&shown.body_md, space);
            sqlx::query("UPDATE wiki_revisions SET body_html = $2 WHERE id = $1")
                .bind(shown.id)
                .bind(&html)
                .execute(&db.pool)
                .await?;
            html
        }
    };
    Ok(Reading {
        html,
        toc,
        revision: Some((shown.number, shown.created_at)),
        waiting,
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
