//! Accounts and role grants in the database.

use crate::{
    accounts::types::{CurrentUser, Named, Role, RoleGrant},
    i18n::Locale,
    server::db::{now, violated, Db, UniqueKey},
};

/// Who a mail goes to: an account's address, name, language and time zone (an IANA name, or
/// empty for the city's).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub time_zone: String,
}

/// Account `id` as a mail's [`Recipient`]; None when it is gone. An unknown stored language is
/// an error (`Locale`'s stored code).
pub async fn recipient(db: &Db, id: i64) -> Result<Option<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, display_name, locale, time_zone FROM users WHERE id = $1 AND erased_at IS NULL",
    )
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// An account as stored, with its password hash. Never sent to the browser.
#[derive(Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    /// When the account was last used (a sign-in, or a signed-in session's first request of a
    /// day), Unix seconds; None for an account never seen since this was recorded (its
    /// creation counts). What the inactive-account rule reads (`retention.rs`).
    pub last_seen_at: Option<i64>,
}

impl std::fmt::Debug for AccountRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountRow")
            .field("id", &self.id)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The columns of an [`AccountRow`]. Every read of an account as such goes through it, and
/// none finds an erased one (its tombstone, see `erasure.rs`): it cannot sign in, its
/// sessions no longer find their account, and no search lists it.
const SELECT_ACCOUNT: &str =
    "SELECT id, email, display_name, password_hash, last_seen_at FROM users";

/// One account per address.
const EMAIL: UniqueKey = UniqueKey {
    constraint: "users_email_key",
    table: "users",
    columns: &["email"],
    field: "email",
};

/// A role once per account and scope (a key on expressions: SQLite names the index).
const ONE_GRANT: UniqueKey = UniqueKey {
    constraint: "role_grants_unique",
    table: "role_grants",
    columns: &[],
    field: "role",
};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an account with this email exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates an account with the roles every sign-up gets (candidate and member), in one transaction.
pub async fn create(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    locale: &str,
) -> Result<AccountRow, CreateError> {
    let mut tx = db.begin_write().await?;
    let account = insert_account(
        &mut tx,
        &NewAccount {
            email,
            display_name,
            password_hash,
            locale,
            roles: &[Role::Candidate, Role::Member],
            at: now(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(account)
}

/// An account to create with [`insert_account`].
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub locale: &'a str,
    /// Its roles: a sign-up gets candidate and member; an outside partner of a space none.
    pub roles: &'a [Role],
    /// Creation time, Unix seconds.
    pub at: i64,
}

/// Creates an account with its roles inside the caller's transaction (a partner's account is
/// made with its first space membership: both or neither).
pub async fn insert_account(
    conn: &mut sqlx::AnyConnection,
    account: &NewAccount<'_>,
) -> Result<AccountRow, CreateError> {
    let id: i64 = match sqlx::query_scalar("INSERT INTO users (email, display_name, password_hash, created_at, locale, name_key, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $4) RETURNING id")
        .bind(account.email)
        .bind(account.display_name)
        .bind(account.password_hash)
        .bind(account.at)
        .bind(account.locale)
        .bind(crate::server::text::key(account.display_name))
        .fetch_one(&mut *conn)
        .await
    {
        Ok(id) => id,
        Err(e) if violated(&e, &[EMAIL]).is_some() => return Err(CreateError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    for role in account.roles {
        sqlx::query("INSERT INTO role_grants (user_id, role, granted_at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(role.code())
            .bind(account.at)
            .execute(&mut *conn)
            .await?;
    }
    Ok(AccountRow {
        id,
        email: account.email.into(),
        display_name: account.display_name.into(),
        password_hash: account.password_hash.into(),
        last_seen_at: Some(account.at),
    })
}

/// Records that account `id` proved it reads its address (it used a link mailed there) at
/// `at`: what makes its domain count (Espaces' agent domains). Kept once set.
pub async fn mark_email_verified(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL",
    )
    .bind(id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that account `id` was used at `at` (Unix seconds, the application's clock): its
/// inactivity period starts again and any warning of its deletion no longer holds.
pub async fn seen(db: &Db, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_seen_at = $1, inactivity_warned_at = NULL WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_ACCOUNT} WHERE email = $1 AND erased_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(&db.pool)
    .await
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT_ACCOUNT} WHERE id = $1 AND erased_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn set_password(db: &Db, id: i64, password_hash: &str) -> Result<(), sqlx::Error> {
    replace_password(&mut *db.pool.acquire().await?, id, password_hash).await
}

/// Sets the password hash of account `id` on `conn` (a transaction's, or the pool's). Every
/// session of the account ends with the old hash (axum-login's session hash follows it).
pub async fn replace_password(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A role grant as [`roles`] reads it.
#[derive(sqlx::FromRow)]
struct GrantRow {
    id: i64,
    role: Role,
    service_id: Option<i64>,
    service_name: Option<String>,
    direction_id: Option<i64>,
    direction_name: Option<String>,
}

/// The roles of an account, with the names of their direction and service. A role code the
/// program does not know is an error (`stored_code::UnknownCode`), never skipped.
pub async fn roles(db: &Db, user_id: i64) -> Result<Vec<RoleGrant>, sqlx::Error> {
    let rows: Vec<GrantRow> = sqlx::query_as(
        "SELECT g.id, g.role, s.id AS service_id, s.name AS service_name, \
                d.id AS direction_id, d.name AS direction_name \
         FROM role_grants g \
         LEFT JOIN services s ON s.id = g.service_id \
         LEFT JOIN directions d ON d.id = COALESCE(g.direction_id, s.direction_id) \
         WHERE g.user_id = $1 ORDER BY g.id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    let named =
        |id: Option<i64>, name: Option<String>| id.zip(name).map(|(id, name)| Named { id, name });
    Ok(rows
        .into_iter()
        .map(|row| RoleGrant {
            id: row.id,
            role: row.role,
            direction: named(row.direction_id, row.direction_name),
            service: named(row.service_id, row.service_name),
        })
        .collect())
}

pub async fn current_user(db: &Db, account: &AccountRow) -> Result<CurrentUser, sqlx::Error> {
    let roles = roles(db, account.id).await?;
    let permissions = crate::accounts::types::Permission::all_granted_by(&roles);
    Ok(CurrentUser {
        id: account.id,
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        roles,
        permissions,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("the account already holds this role")]
    Duplicate,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Grants a role; `scope_id` is the service of a host agent or the direction of a direction admin.
pub async fn grant(
    db: &Db,
    user_id: i64,
    role: Role,
    scope_id: Option<i64>,
    granted_by: i64,
) -> Result<i64, GrantError> {
    use crate::accounts::types::RoleScope;
    let (direction_id, service_id) = match role.scope() {
        RoleScope::Site => (None, None),
        RoleScope::Direction => (scope_id, None),
        RoleScope::Service => (None, scope_id),
    };
    let result = sqlx::query_scalar(
        "INSERT INTO role_grants (user_id, role, direction_id, service_id, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user_id)
    .bind(role.code())
    .bind(direction_id)
    .bind(service_id)
    .bind(granted_by)
    .bind(now())
    .fetch_one(&db.pool)
    .await;
    match result {
        Ok(id) => Ok(id),
        Err(e) if violated(&e, &[ONE_GRANT]).is_some() => Err(GrantError::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// Removes a grant; returns false when there was none with this id.
pub async fn revoke(db: &Db, grant_id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM role_grants WHERE id = $1")
        .bind(grant_id)
        .execute(&db.pool)
        .await?
        .rows_affected()
        == 1)
}

/// Recomputes every account's folded name key in one transaction (after the text
/// normalisation changed; see `server::text_rebuild`). Returns how many accounts.
pub async fn index_names(db: &Db) -> Result<usize, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, display_name FROM users")
        .fetch_all(&db.pool)
        .await?;
    let mut tx = db.begin_write().await?;
    for (id, name) in &rows {
        sqlx::query("UPDATE users SET name_key = $1 WHERE id = $2")
            .bind(crate::server::text::key(name))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Accounts whose email or name contains `query` (bounded by `query_text`), for the admin
/// page. The name is compared by its folded key (`users.name_key`, see `server::text`), as
/// the databases' `LOWER()` folds ASCII only; emails are stored in lower case.
pub async fn search(db: &Db, query: &str, limit: i64) -> Result<Vec<AccountRow>, sqlx::Error> {
    let query = crate::query_text::bounded(query);
    let pattern = |text: &str| {
        format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    };
    sqlx::query_as(&format!("{SELECT_ACCOUNT} WHERE (email LIKE $1 ESCAPE '\\' OR name_key LIKE $2 ESCAPE '\\') AND erased_at IS NULL ORDER BY email LIMIT $3"))
    .bind(pattern(&query.to_lowercase()))
    .bind(pattern(&crate::server::text::key(&query)))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Remembers the language the user reads the site in, for the mails sent to them.
pub async fn set_locale(db: &Db, id: i64, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Whether `account` is a site administrator and no other account (not erased) is one.
pub async fn is_last_site_admin(
    conn: &mut sqlx::AnyConnection,
    account: i64,
) -> Result<bool, sqlx::Error> {
    let (mine, others): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM role_grants WHERE user_id = $1 AND role = 'site_admin'), \
                (SELECT COUNT(*) FROM role_grants g JOIN users u ON u.id = g.user_id \
                 WHERE g.user_id <> $1 AND g.role = 'site_admin' AND u.erased_at IS NULL)",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(mine > 0 && others == 0)
}

/// What [`erase_own_rows`] deleted.
#[derive(Debug, Default)]
pub struct OwnRowsErased {
    pub role_grants: u64,
    pub reset_tokens: u64,
    pub erasure_tokens: u64,
    pub login_failures: u64,
}

/// Deletes the account's role grants, reset and erasure tokens, and the sign-in failures
/// recorded under its address `email`, on the erasure's transaction.
pub async fn erase_own_rows(
    conn: &mut sqlx::AnyConnection,
    account: i64,
    email: &str,
) -> Result<OwnRowsErased, sqlx::Error> {
    let role_grants =
        delete_of(conn, "DELETE FROM role_grants WHERE user_id = $1", account).await?;
    let reset_tokens = delete_of(
        conn,
        "DELETE FROM password_resets WHERE user_id = $1",
        account,
    )
    .await?;
    let erasure_tokens = delete_of(
        conn,
        "DELETE FROM erasure_requests WHERE user_id = $1",
        account,
    )
    .await?;
    let login_failures = sqlx::query("DELETE FROM login_failures WHERE email = $1")
        .bind(email)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(OwnRowsErased {
        role_grants,
        reset_tokens,
        erasure_tokens,
        login_failures,
    })
}

async fn delete_of(
    conn: &mut sqlx::AnyConnection,
    sql: &str,
    account: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// Turns the account into its tombstone (see `erasure.rs`): the address `email` (unique, never
/// a real one), the former member's name, no password, no name key, default language and time
/// zone, `erased_at` = `at`.
pub async fn make_tombstone(
    conn: &mut sqlx::AnyConnection,
    account: i64,
    email: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email = $2, display_name = $3, name_key = '', password_hash = '', \
         locale = 'fr', time_zone = '', erased_at = $4 WHERE id = $1",
    )
    .bind(account)
    .bind(email)
    .bind(crate::accounts::types::FORMER_MEMBER)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
