//! Demo accounts: one per role (into a database that has none yet), and the people the other
//! demo loaders need. Their password is printed in the README, for local use only.

use crate::accounts::{
    server::{password, store},
    types::Role,
};
use crate::server::db::Db;
use sqlx::Row;

pub const DEMO_PASSWORD: &str = "parvis-demo-2026";

/// (email, name, extra role, scope: direction code / "CODE/service name")
const ACCOUNTS: &[(&str, &str, Option<Role>, &str)] = &[
    (
        "admin@parvis.localhost",
        "Alice Admin",
        Some(Role::SiteAdmin),
        "",
    ),
    (
        "direction@parvis.localhost",
        "Denis Direction",
        Some(Role::DirectionAdmin),
        "DEVE",
    ),
    (
        "agent@parvis.localhost",
        "Agathe Agent",
        Some(Role::HostAgent),
        "DEVE/Agence d'écologie urbaine",
    ),
    (
        "editeur@parvis.localhost",
        "Édouard Éditeur",
        Some(Role::Editor),
        "",
    ),
    ("candidat@parvis.localhost", "Camille Candidat", None, ""),
    ("membre@parvis.localhost", "Mehdi Membre", None, ""),
];

async fn scope_id(db: &Db, role: Role, scope: &str) -> Result<Option<i64>, sqlx::Error> {
    let row = match (role, scope.split_once('/')) {
        (Role::DirectionAdmin, _) => sqlx::query("SELECT id FROM directions WHERE code = $1").bind(scope).fetch_optional(&db.pool).await?,
        (Role::HostAgent, Some((code, service))) => {
            sqlx::query("SELECT s.id FROM services s JOIN directions d ON d.id = s.direction_id WHERE d.code = $1 AND s.name = $2")
                .bind(code)
                .bind(service)
                .fetch_optional(&db.pool)
                .await?
        }
        _ => None,
    };
    row.map(|r| r.try_get("id")).transpose()
}

/// One account per role, into a database that has none yet.
pub async fn load(db: &Db) -> Result<(), sqlx::Error> {
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if count > 0 {
        return Ok(());
    }
    let hash = password::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| sqlx::Error::Protocol("demo password hashing failed".into()))?;
    for (email, name, role, scope) in ACCOUNTS {
        let account = match store::create(db, email, name, &hash, "fr").await {
            Ok(account) => account,
            Err(store::CreateError::EmailTaken) => continue,
            Err(store::CreateError::Db(e)) => return Err(e),
        };
        if let Some(role) = role {
            let scope = scope_id(db, *role, scope).await?;
            if let Err(store::GrantError::Db(e)) =
                store::grant(db, account.id, *role, scope, account.id).await
            {
                return Err(e);
            }
        }
    }
    tracing::info!("demo accounts loaded (password in the README)");
    Ok(())
}

/// The ids of demo accounts `people` (email, name), created when missing with the demo
/// password (hashed once).
pub async fn demo_people(db: &Db, people: &[(&str, &str)]) -> Result<Vec<i64>, sqlx::Error> {
    let hash = password::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| sqlx::Error::Protocol("demo password hashing failed".into()))?;
    let mut ids = Vec::new();
    for (email, name) in people {
        let id = match store::by_email(db, email).await? {
            Some(account) => account.id,
            None => match store::create(db, email, name, &hash, "fr").await {
                Ok(account) => account.id,
                Err(store::CreateError::EmailTaken) => continue,
                Err(store::CreateError::Db(e)) => return Err(e),
            },
        };
        ids.push(id);
    }
    Ok(ids)
}
