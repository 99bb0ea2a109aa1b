//! The tower-sessions store, kept in our own database (either backend) so that sessions
//! survive restarts and are shared by several server processes.

use super::{
    config::Config,
    db::{now, Db},
};
use async_trait::async_trait;
use sqlx::Row;
use tower_sessions::{
    cookie::SameSite,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
    Expiry, SessionManagerLayer,
};

/// The session layer: sessions kept in `db` behind an `HttpOnly`, `SameSite=Lax` cookie named
/// `session.cookie_name` (`Secure` when the public URL is https), ended after
/// `session.idle_hours` unused.
pub fn layer(config: &Config, db: Db) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(db))
        .with_name(config.session.cookie_name.clone())
        .with_secure(config.is_https())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        // The `time` crate is here only because tower-sessions takes its Duration; dates are jiff's.
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(
            config.session.idle_hours,
        )))
}

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }

    /// Whether session `id` still exists and has not expired. A long-lived connection
    /// (server-sent events) asks again every few seconds: once it has started, its request no
    /// longer passes through the session layer, and a sign-out elsewhere deletes the record.
    pub async fn is_live(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
        Ok(
            sqlx::query("SELECT 1 FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(now())
                .fetch_optional(&db.pool)
                .await?
                .is_some(),
        )
    }
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(record).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new id must not overwrite a live session: retry on the (astronomically rare) collision.
        loop {
            let inserted = sqlx::query("INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING")
                .bind(record.id.to_string())
                .bind(encode(record)?)
                .bind(record.expiry_date.unix_timestamp())
                .execute(&self.db.pool)
                .await
                .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(record.id.to_string())
        .bind(encode(record)?)
        .bind(record.expiry_date.unix_timestamp())
        .execute(&self.db.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
            .bind(id.to_string())
            .bind(now())
            .fetch_optional(&self.db.pool)
            .await
            .map_err(backend)?;
        row.map(|row| {
            let data: String = row.try_get("data").map_err(backend)?;
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Deletes, on the caller's transaction, every session whose stored record `holds` accepts
/// (an account's erasure ends all of its sessions at once). `hint` is text the stored JSON of
/// those sessions contains, to read only likely rows; `holds` decides on the parsed record.
/// A record that does not parse is left alone. Returns how many were deleted.
pub async fn delete_where(
    conn: &mut sqlx::AnyConnection,
    hint: &str,
    holds: impl Fn(&serde_json::Value) -> bool,
) -> Result<u64, sqlx::Error> {
    let rows = sqlx::query("SELECT id, data FROM sessions WHERE data LIKE $1")
        .bind(format!("%{hint}%"))
        .fetch_all(&mut *conn)
        .await?;
    let mut deleted = 0;
    for row in rows {
        let (id, data): (String, String) = (row.try_get("id")?, row.try_get("data")?);
        let Ok(record) = serde_json::from_str::<serde_json::Value>(&data) else {
            continue;
        };
        if holds(&record) {
            deleted += sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(&id)
                .execute(&mut *conn)
                .await?
                .rows_affected();
        }
    }
    Ok(deleted)
}
