//! Everything Parvis holds about one account, gathered for its archive: the account's own part
//! (here), then each domain's (`stages::server::personal_data`,
//! `innovation::server::personal_data`, `espaces::server::personal_data`). What each column
//! pointing at an account becomes is listed in `coverage.rs`.

use crate::{
    innovation::server::personal_data as innovation,
    server::{
        db::Db,
        personal_data::{arrays, list, object, rows, PersonalData},
    },
    stages::server::personal_data as stages,
};
use serde_json::Value;
use sqlx::Row;

/// The whole archive content of `account`; originals are named by their storage keys.
pub async fn everything(db: &Db, account: i64, now: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = own(db, account, now).await?;
    data.extend(stages::collect(db, account).await?);
    data.extend(innovation::collect(db, account).await?);
    data.extend(crate::espaces::server::personal_data::collect(db, account).await?);
    data.extend(crate::espaces::server::forum_personal_data::collect(db, account).await?);
    data.extend(crate::espaces::server::calendar_personal::collect(db, account).await?);
    data.extend(crate::wiki::server::personal_data::collect(db, account).await?);
    Ok(data)
}

/// The account itself, its roles, reset requests, sign-in failures and open sessions.
async fn own(db: &Db, account: i64, now: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();
    let user = rows(
        db,
        "SELECT id, email, display_name, locale, time_zone, created_at FROM users WHERE id = $1",
        account,
    )
    .await?;
    let email = user
        .first()
        .and_then(|u| u.get("email"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let account_row = user.into_iter().next().map_or(Value::Null, Value::Object);
    let parts: [(&str, &str); 3] = [
        (
            "roles",
            "SELECT g.role, d.name AS direction, s.name AS service, g.granted_at, u.display_name AS granted_by \
             FROM role_grants g LEFT JOIN directions d ON d.id = g.direction_id LEFT JOIN services s ON s.id = g.service_id \
             LEFT JOIN users u ON u.id = g.granted_by WHERE g.user_id = $1 ORDER BY g.granted_at, g.id",
        ),
        (
            "roles_granted_to_others",
            "SELECT role, granted_at FROM role_grants WHERE granted_by = $1 AND user_id <> $1 ORDER BY granted_at, id",
        ),
        (
            "password_resets",
            "SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id = $1 ORDER BY created_at",
        ),
    ];
    let mut file = arrays(db, &parts, account).await?;
    if let Value::Object(file) = &mut file {
        file.insert("account".into(), account_row);
    }
    data.file("account.json", file);

    // Failures are counted under the address typed (`rate_limit`): the account's own.
    let failures =
        sqlx::query("SELECT address, at FROM login_failures WHERE email = $1 ORDER BY at")
            .bind(&email)
            .fetch_all(&db.pool)
            .await?;
    data.file(
        "sign_in_failures.json",
        list(failures.iter().map(object).collect()),
    );
    data.file("sessions.json", sessions(db, account, now).await?);
    Ok(data)
}

/// True when a stored session record (tower-sessions' JSON) is signed in as `account`: the
/// sign-in layer keeps `{"user_id": …}` among the record's data.
fn signed_in_as(record: &Value, account: i64) -> bool {
    record
        .get("data")
        .and_then(Value::as_object)
        .is_some_and(|data| {
            data.values()
                .any(|v| v.get("user_id").and_then(Value::as_i64) == Some(account))
        })
}

/// The open sessions signed in as `account`: when each expires (ids and contents stay out:
/// an id is a credential).
async fn sessions(db: &Db, account: i64, now: i64) -> Result<Value, sqlx::Error> {
    let all = sqlx::query("SELECT data, expires_at FROM sessions WHERE expires_at > $1")
        .bind(now)
        .fetch_all(&db.pool)
        .await?;
    let mut open = Vec::new();
    for row in all {
        let data: String = row.try_get("data")?;
        let Ok(record) = serde_json::from_str::<Value>(&data) else {
            continue;
        };
        if signed_in_as(&record, account) {
            let expires: i64 = row.try_get("expires_at")?;
            open.push(serde_json::json!({ "expires_at": crate::server::feeds::rfc3339(expires) }));
        }
    }
    Ok(Value::Array(open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_the_account_its_sign_in_data_names() {
        let record = serde_json::json!({
            "id": "x", "data": { "axum-login.data": { "user_id": 7, "auth_hash": [1, 2] } }, "expiry_date": 0
        });
        assert!(signed_in_as(&record, 7));
        assert!(!signed_in_as(&record, 8));
        assert!(!signed_in_as(&serde_json::json!({ "data": {} }), 7));
    }
}
