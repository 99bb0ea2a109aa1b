//! Migrations 0020 and 0022 turn the lists once written into text columns (" 3 7 ",
//! ", tag, tag, ", " velo bicycl ", a saved search's "41 42") into join tables. Old rows are written as the schema before 0020 held
//! them, then the migration runs: every item of every list is a row of its table, field ids
//! no field has are left out, and the old columns are gone. On the run's backend.

use sqlx::{any::AnyPoolOptions, migrate::Migrator, AnyPool, Connection, Executor};
use std::path::Path;

async fn pool() -> (AnyPool, &'static str, Option<tempfile::TempDir>) {
    sqlx::any::install_default_drivers();
    if std::env::var("PARVIS_TEST_BACKEND").is_ok_and(|b| b == "postgres") {
        let server = std::env::var("PARVIS_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = format!("parvis_relations_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
            .await
            .expect("PostgreSQL reachable");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create database");
        (
            AnyPoolOptions::new()
                .max_connections(1)
                .connect(&format!("{server}/{name}"))
                .await
                .expect("connect"),
            "postgres",
            None,
        )
    } else {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/relations.db?mode=rwc", dir.path().display());
        (
            AnyPoolOptions::new()
                .max_connections(1)
                .connect(&url)
                .await
                .expect("connect"),
            "sqlite",
            Some(dir),
        )
    }
}

#[tokio::test]
async fn text_lists_become_join_tables() {
    let (pool, dialect, _dir) = pool().await;
    let tree = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dialect);
    let mut before = Migrator::new(tree.as_path()).await.expect("tree");
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 20)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&pool).await.expect("migrations before 0020");

    for sql in [
        "INSERT INTO innovation_fields (id, code, name_fr, name_en) VALUES (3, 'mobilite', 'Mobilité', 'Mobility'), (7, 'climat', 'Climat', 'Climate')",
        "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (1, 'a@example.org', 'A', 'x', 0), (2, 'b@example.org', 'B', 'x', 0)",
        "INSERT INTO fiches (id, author_id, state, working, created_at, updated_at) VALUES (10, 1, 'published', '{}', 0, 0), (11, 1, 'published', '{}', 0, 0)",
        "INSERT INTO fiche_catalogue (fiche_id, language, title, summary, city, country, maturity, field_ids, tags, search_terms, published_at, city_key) VALUES \
         (10, 'fr', 'Vélos', 's', 'Paris', 'France', 'idea', ' 3 7 99 ', ', velo, mobilite douce, ', ' velo partag bicycl ', 1, 'paris'), \
         (11, 'fr', 'Vide', 's', 'Lyon', 'France', 'idea', '  ', ', , ', ' ', 2, 'lyon')",
        "INSERT INTO threads (id, author_id, title, body_md, body_html, field_ids, search_terms, created_at, last_reply_at) VALUES (20, 1, 't', 'b', 'b', ' 7 ', ' compost quarti ', 0, 0)",
        "INSERT INTO member_profiles (user_id, job_title, organisation, city, country, field_ids, languages, bio, updated_at) VALUES (2, 'j', 'o', 'c', 'p', ' 3 ', 'fr', 'b', 0)",
        "INSERT INTO saved_searches (id, user_id, query, created_at, checked_at, checked_ids) VALUES (30, 2, 'q=velo', 0, 5, '41 42'), (31, 2, 'q=compost', 0, 5, '')",
    ] {
        pool.execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    Migrator::new(tree.as_path())
        .await
        .expect("tree")
        .run(&pool)
        .await
        .expect("0020 and after");

    let pairs = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (i64, String)>(sql)
                .fetch_all(&pool)
                .await
                .expect(sql)
        }
    };
    let ids = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_as::<_, (i64, i64)>(sql)
                .fetch_all(&pool)
                .await
                .expect(sql)
        }
    };
    assert_eq!(
        ids("SELECT fiche_id, field_id FROM fiche_fields ORDER BY fiche_id, field_id").await,
        [(10, 3), (10, 7)],
        "99 is no field"
    );
    assert_eq!(
        pairs("SELECT fiche_id, tag FROM fiche_tags ORDER BY fiche_id, tag").await,
        [(10, "mobilite douce".into()), (10, "velo".into())]
    );
    assert_eq!(
        pairs("SELECT fiche_id, term FROM fiche_terms ORDER BY fiche_id, term").await,
        [
            (10, "bicycl".into()),
            (10, "partag".into()),
            (10, "velo".into())
        ]
    );
    assert_eq!(
        ids("SELECT thread_id, field_id FROM thread_fields").await,
        [(20, 7)]
    );
    assert_eq!(
        pairs("SELECT thread_id, term FROM thread_terms ORDER BY term").await,
        [(20, "compost".into()), (20, "quarti".into())]
    );
    assert_eq!(
        ids("SELECT user_id, field_id FROM member_fields").await,
        [(2, 3)]
    );
    assert_eq!(
        ids("SELECT search_id, offer_id FROM saved_search_known ORDER BY offer_id").await,
        [(30, 41), (30, 42)],
        "0022: the offers known at a saved search's mark"
    );
    for gone in [
        "SELECT checked_ids FROM saved_searches",
        "SELECT field_ids FROM fiche_catalogue",
        "SELECT tags FROM fiche_catalogue",
        "SELECT search_terms FROM threads",
        "SELECT field_ids FROM member_profiles",
    ] {
        assert!(
            pool.execute(gone).await.is_err(),
            "{gone}: the old column is dropped"
        );
    }
}
