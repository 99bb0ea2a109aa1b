//! What the database refuses because two people acted at the same moment — a unique key taken
//! by the other's row, a referenced row deleted in between, a deadlock — reaches the user as a
//! 409 with a message asking to reload or retry, through the one conversion every server
//! function and upload uses (`AppError::from(sqlx::Error)`), never as a 500. Real refusals of
//! the real schema, on the backend `PARVIS_TEST_BACKEND` names. (The invitation race that
//! answered 500 is tested in `espaces.rs`.)

mod common;

use common::{on_postgres, TestApp};
use parvis::{
    error::{AppError, Race},
    i18n::Locale,
};
use sqlx::Executor;

/// The conflict key `error` becomes, which must read as a sentence in both languages.
fn conflict_key(error: sqlx::Error) -> String {
    match AppError::from(error) {
        AppError::Conflict(key) => {
            for locale in [Locale::Fr, Locale::En] {
                assert_ne!(locale.t(&key), key, "{key} has no {locale:?} message");
            }
            key
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_taken_unique_key_and_a_vanished_reference_are_conflicts_with_a_message() {
    let app = TestApp::spawn().await;
    let pool = &app.state.db.pool;
    pool.execute("INSERT INTO directions (code, name) VALUES ('RACE', 'Course')")
        .await
        .expect("first direction");
    let taken = pool
        .execute("INSERT INTO directions (code, name) VALUES ('RACE', 'Autre')")
        .await
        .expect_err("the code is taken");
    assert_eq!(Race::of(&taken), Some(Race::SameChange));
    assert_eq!(conflict_key(taken), "error-same-change-meanwhile");
    let gone = pool
        .execute("INSERT INTO services (direction_id, name) VALUES (987654321, 'Orphelin')")
        .await
        .expect_err("no such direction");
    assert_eq!(Race::of(&gone), Some(Race::Gone));
    assert_eq!(conflict_key(gone), "error-gone-meanwhile");
    // Anything else stays an internal error: logged, never explained to the user.
    let broken = pool
        .execute("INSERT INTO directions (code) VALUES (NULL)")
        .await
        .expect_err("no code");
    assert_eq!(Race::of(&broken), None);
    assert_eq!(AppError::from(broken), AppError::Internal);
}

/// Two transactions that lock two rows in opposite orders: PostgreSQL breaks the deadlock by
/// refusing one of them (40P01), which is a race to retry, not a fault.
#[tokio::test]
async fn a_deadlock_broken_by_postgresql_is_a_conflict_to_retry() {
    if !on_postgres() {
        return; // SQLite has one writer at a time: no deadlock.
    }
    let app = TestApp::spawn().await;
    let pool = &app.state.db.pool;
    pool.execute("INSERT INTO directions (code, name) VALUES ('A', 'A'), ('B', 'B')")
        .await
        .expect("directions");
    let lock = |first: &'static str, second: &'static str| {
        let pool = pool.clone();
        async move {
            let mut tx = pool.begin().await.expect("begin");
            sqlx::query("UPDATE directions SET name = name WHERE code = $1")
                .bind(first)
                .execute(&mut *tx)
                .await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            sqlx::query("UPDATE directions SET name = name WHERE code = $1")
                .bind(second)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }
    };
    let (one, other) = tokio::join!(lock("A", "B"), lock("B", "A"));
    let refused = match (one, other) {
        (Err(e), Ok(())) | (Ok(()), Err(e)) => e,
        outcome => panic!("expected exactly one refused, got {outcome:?}"),
    };
    assert_eq!(Race::of(&refused), Some(Race::Busy));
    assert_eq!(conflict_key(refused), "error-busy-retry");
}
