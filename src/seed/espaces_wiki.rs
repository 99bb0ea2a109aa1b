//! Demo wiki pages of the demo spaces (`espaces.rs`) whose wiki is on: each page's text is
//! written as one Yjs update by its author, stored in the page's log like any edit. Loaded
//! once, into spaces without pages.

use crate::{
    server::db::Db,
    wiki::{
        server::{log, pages},
        types::BODY_TEXT,
    },
};
use yrs::{Doc, ReadTxn, StateVector, Text, Transact};

/// (space name, title, author's e-mail, Markdown text).
const PAGES: &[(&str, &str, &str, &str)] = &[
    (
        "Plan écologie urbaine",
        "Charte du plan",
        "agent@parvis.localhost",
        "## Ce que le plan vise\n\n- **Îlots de fraîcheur** : 40 cours d'école ouvertes d'ici 2027.\n- **Biodiversité** : un nichoir par square.\n\n## Qui fait quoi\n\n| Action | Pilote |\n| --- | --- |\n| Cours oasis | DASCO |\n| Nichoirs | DEVE |\n\nVoir aussi [[Calendrier des plantations]].",
    ),
    (
        "Plan écologie urbaine",
        "Calendrier des plantations",
        "agent@parvis.localhost",
        "Les plantations ont lieu de **novembre à mars**, hors gel.\n\n1. Repérage des fosses\n2. Commande des plants\n3. Plantation avec les écoles",
    ),
];

/// Loads the demo pages into their spaces when those have none yet.
pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    for (n, (space_name, title, email, text)) in PAGES.iter().enumerate() {
        let space: Option<i64> = sqlx::query_scalar(
            "SELECT s.id FROM spaces s JOIN space_modules m ON m.space_id = s.id AND m.module = 'wiki' WHERE s.name = $1",
        )
        .bind(space_name)
        .fetch_optional(&db.pool)
        .await?;
        let author = crate::accounts::server::store::by_email(db, email).await?;
        let (Some(space), Some(author)) = (space, author) else {
            continue;
        };
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wiki_pages WHERE space_id = $1 AND title = $2")
            .bind(space)
            .bind(title)
            .fetch_one(&db.pool)
            .await?;
        if exists > 0 {
            continue;
        }
        let page = pages::create(db, space, title, None, author.id, now)
            .await
            .map_err(|error| sqlx::Error::Protocol(format!("demo wiki page: {error}")))?;
        // A client id of its own per demo page, claimed by its author as a live edit's would be.
        let client = 1_000 + n as u64;
        let doc = Doc::with_client_id(client);
        doc.get_or_insert_text(BODY_TEXT)
            .push(&mut doc.transact_mut(), text);
        let body = doc.transact().encode_state_as_update_v1(&StateVector::default());
        log::append(
            db,
            page,
            &[log::NewUpdate {
                body,
                author: author.id,
            }],
            &[(client, author.id)],
            now,
        )
        .await?;
    }
    Ok(())
}
