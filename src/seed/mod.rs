//! Demo data, loaded only when `[demo] enabled` is on (`scripts/run` turns it on): one account
//! per role, the Stages offers and applications (with CVs), the Innovation fiches, comments
//! and threads, the Espaces spaces with their members, documents and wiki pages. The one place that knows every domain's demo content; `crate::app_server`
//! calls [`load`] at start.

pub mod accounts;
pub mod applications;
pub mod espaces;
pub mod forum;
pub mod espaces_calendar;
pub mod espaces_documents;
pub mod espaces_wiki;
pub mod fiches;
pub mod offers;

pub use accounts::DEMO_PASSWORD;

use crate::server::{clock::Clock, db::Db, storage::Storage};

/// Loads the demo data into `db` (CVs into `storage`); each part skips itself when its data
/// is already there.
pub async fn load(db: &Db, storage: &Storage, clock: &Clock) -> Result<(), sqlx::Error> {
    accounts::load(db).await?;
    let agent = crate::accounts::server::store::by_email(db, "agent@parvis.localhost")
        .await?
        .map(|a| a.id);
    if let Some(agent) = agent {
        offers::load(db, agent, &clock.today_iso()).await?;
        applications::load(db, storage, agent).await?;
    }
    fiches::load(db, "editeur@parvis.localhost").await?;
    let hash = crate::accounts::server::password::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| sqlx::Error::Protocol("demo password hashing failed".into()))?;
    let zone = clock.zone().iana_name().unwrap_or("Europe/Paris").to_string();
    espaces::load(db, &hash, clock.now_seconds(), &zone).await?;
    forum::load(db, clock.now_seconds()).await?;
    espaces_calendar::load(db, clock.today(), &zone, clock.now_seconds()).await?;
    espaces_documents::load(db, storage, clock.now_seconds()).await?;
    espaces_wiki::load(db, clock.now_seconds()).await?;
    Ok(())
}
