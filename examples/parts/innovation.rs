//! The Innovation part of the benchmark (a module of bench_stages.rs): seeds 20,000 published
//! fiches with 200,000 comments, then prints p50/p95 of the fiche page rendered through the
//! router, of related fiches recomputed at publication, of catalogue browsing with filters, and
//! of word search (through the in-memory catalogue index, `FicheIndex`).

use super::report;
use parvis::{
    i18n::Locale,
    innovation::{
        browse::BrowseQuery,
        server::{fiche_index::FicheIndex, store},
        types::FicheInput,
    },
    server::{db::Db, markdown, text},
};
use sqlx::Row;
use std::time::Instant;
use tower::ServiceExt;

const FICHES: i64 = 20_000;
const COMMENTS: i64 = 200_000;

const SUBJECTS: &[(&str, &str)] = &[
    ("Vélos en libre-service", "mobilite"),
    ("Budget participatif", "democratie"),
    ("Cours d'école végétalisées", "climat"),
    ("Téléphérique urbain", "mobilite"),
    ("Compostage de quartier", "dechets"),
    ("Open data portal", "numerique"),
    ("Rivière rouverte", "eau"),
    ("Logement d'abord", "logement"),
];
const CITIES: &[(&str, &str)] = &[
    ("Paris", "France"),
    ("Barcelone", "Espagne"),
    ("Medellín", "Colombie"),
    ("Séoul", "Corée du Sud"),
    ("Helsinki", "Finlande"),
    ("Dakar", "Sénégal"),
];

async fn seed(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM fiches")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if existing >= FICHES {
        return Ok(());
    }
    let start = Instant::now();
    sqlx::query("INSERT INTO users (email, display_name, password_hash, created_at, locale) VALUES ('bench-author@example.org', 'Auteur', 'x', 0, 'fr')").execute(&db.pool).await?;
    let author: i64 = sqlx::query("SELECT id FROM users WHERE email = 'bench-author@example.org'")
        .fetch_one(&db.pool)
        .await?
        .try_get("id")?;
    let fields: Vec<(i64, String)> = sqlx::query("SELECT id, code FROM innovation_fields")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("code")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let body = "## Le projet\n\nUn service **public** décrit en détail, avec des chiffres et des [sources](https://fr.wikipedia.org/wiki/Ville).\n\n| année | usagers |\n|---|---|\n| 2019 | 12 000 |\n| 2020 | 15 500 |\n\nLes enseignements tirés par l'équipe municipale sont résumés plus bas.".repeat(3);
    let body_html = markdown::render(&body);
    let mut tx = db.pool.begin().await?;
    for batch in 0..(FICHES / 500) {
        let mut fiches = Vec::new();
        let mut revisions = Vec::new();
        let mut catalogue = Vec::new();
        for i in 0..500 {
            let n = batch * 500 + i;
            let (subject, code) = SUBJECTS[n as usize % SUBJECTS.len()];
            let (city, country) = CITIES[n as usize % CITIES.len()];
            let field = fields
                .iter()
                .find(|(_, c)| c == code)
                .map_or(1, |(id, _)| *id);
            let content = FicheInput {
                language: "fr".into(),
                title: format!("{subject} n°{n}"),
                summary: format!("{subject} à {city} : ce qui a été fait, mesuré et appris."),
                body: body.clone(),
                fields: vec![field],
                city: city.into(),
                country: country.into(),
                year_started: "2015".into(),
                maturity: ["idea", "pilot", "deployed", "scaled", "stopped"][n as usize % 5].into(),
                sources: "https://fr.wikipedia.org/wiki/Ville".into(),
                tags: "ville, innovation".into(),
                interests: "Aucun lien.".into(),
                ..Default::default()
            };
            let json = serde_json::to_string(&content)?.replace('\'', "''");
            fiches.push(format!("({author}, 'published', '{json}', {n}, {n})"));
            revisions.push(format!(
                "(1, '{json}', '{}', '', '', {n}, {n})",
                body_html.replace('\'', "''")
            ));
            let terms = text::bilingual_terms(&format!(
                "{} {} {} {} {}",
                content.title, content.summary, content.body, content.city, content.tags
            ));
            catalogue.push((
                (field, terms),
                format!(
                    "'fr', '{}', '{}', '{city}', '{country}', '{}', {n}, '{}'",
                    content.title.replace('\'', "''"),
                    content.summary.replace('\'', "''"),
                    content.maturity,
                    text::key(city),
                ),
            ));
        }
        let first: i64 = sqlx::query(&format!("INSERT INTO fiches (author_id, state, working, created_at, updated_at) VALUES {} RETURNING id", fiches.join(",")))
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .min()
            .unwrap_or(0);
        let rows: Vec<String> = revisions
            .iter()
            .enumerate()
            .map(|(k, r)| format!("({}, {}", first + k as i64, &r[1..]))
            .collect();
        sqlx::query(&format!("INSERT INTO fiche_revisions (fiche_id, number, content, body_html, results_html, lessons_html, created_at, published_at) VALUES {}", rows.join(",")))
            .execute(&mut *tx)
            .await?;
        let rows: Vec<String> = catalogue
            .iter()
            .enumerate()
            .map(|(k, (_, c))| format!("({}, {c})", first + k as i64))
            .collect();
        sqlx::query(&format!("INSERT INTO fiche_catalogue (fiche_id, language, title, summary, city, country, maturity, published_at, city_key) VALUES {}", rows.join(",")))
            .execute(&mut *tx)
            .await?;
        // Its relations, as publication writes them: fields, tags, search terms.
        let fields: Vec<String> = catalogue
            .iter()
            .enumerate()
            .map(|(k, ((field, _), _))| format!("({}, {field})", first + k as i64))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO fiche_fields (fiche_id, field_id) VALUES {}",
            fields.join(",")
        ))
        .execute(&mut *tx)
        .await?;
        let tags: Vec<String> = (0..catalogue.len() as i64)
            .flat_map(|k| ["ville", "innovation"].map(|t| format!("({}, '{t}')", first + k)))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO fiche_tags (fiche_id, tag) VALUES {}",
            tags.join(",")
        ))
        .execute(&mut *tx)
        .await?;
        let terms: Vec<String> = catalogue
            .iter()
            .enumerate()
            .flat_map(|(k, ((_, terms), _))| {
                terms
                    .iter()
                    .map(move |t| format!("({}, '{t}')", first + k as i64))
            })
            .collect();
        for chunk in terms.chunks(2000) {
            sqlx::query(&format!(
                "INSERT INTO fiche_terms (fiche_id, term) VALUES {}",
                chunk.join(",")
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query("UPDATE fiches SET published_revision_id = (SELECT r.id FROM fiche_revisions r WHERE r.fiche_id = fiches.id)").execute(&mut *tx).await?;
    let first: i64 = sqlx::query("SELECT MIN(id) AS n FROM fiches")
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    let comment_html =
        markdown::render("Merci pour ce retour : **nous lançons** un projet proche l'an prochain.");
    for batch in 0..(COMMENTS / 2000) {
        let rows: Vec<String> = (0..2000)
            .map(|i| {
                let n = batch * 2000 + i;
                format!(
                    "({}, {author}, 'Merci', '{}', {n})",
                    first + (n * 7919) % FICHES,
                    comment_html.replace('\'', "''")
                )
            })
            .collect();
        sqlx::query(&format!("INSERT INTO fiche_comments (fiche_id, author_id, body_md, body_html, created_at) VALUES {}", rows.join(","))).execute(&mut *tx).await?;
    }
    // Four related fiches each, as publication would have stored them.
    for batch in 0..(FICHES / 2000) {
        let rows: Vec<String> = (0..2000)
            .flat_map(|i| (1..=4).map(move |k| (batch * 2000 + i, k)))
            .map(|(n, k)| format!("({}, {}, {k})", first + n, first + (n + k * 4999) % FICHES))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO fiche_related (fiche_id, related_id, rank) VALUES {}",
            rows.join(",")
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    crate::analyze(db).await?;
    println!(
        "  seeded {FICHES} fiches, {COMMENTS} comments in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn run(app: &axum::Router, db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    seed(db).await?;
    let first: i64 = sqlx::query("SELECT MIN(id) AS n FROM fiches")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    let mut samples = Vec::new();
    for i in 0..200 {
        let request =
            axum::http::Request::get(format!("/innovation/fiches/{}", first + (i * 997) % FICHES))
                .body(axum::body::Body::empty())?;
        let start = Instant::now();
        let response = app.clone().oneshot(request).await?;
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        samples.push(start.elapsed());
        std::hint::black_box(bytes);
    }
    report("fiche page (with comments), through router", samples);
    // What a publication adds: the fiche's related list, then its neighbours' lists.
    let mut samples = Vec::new();
    for i in 0..20 {
        let start = Instant::now();
        store::refresh_related(db, first + (i * 991) % FICHES).await?;
        samples.push(start.elapsed());
    }
    report("related fiches recomputed at publication", samples);
    let field: i64 = sqlx::query("SELECT id FROM innovation_fields WHERE code = 'mobilite'")
        .fetch_one(&db.pool)
        .await?
        .try_get("id")?;
    let browses = [
        BrowseQuery {
            champ: Some(field.to_string()),
            ..Default::default()
        },
        BrowseQuery {
            pays: Some("Colombie".into()),
            maturite: Some("scaled".into()),
            ..Default::default()
        },
        BrowseQuery {
            champ: Some(field.to_string()),
            pays: Some("France".into()),
            page: Some("5".into()),
            ..Default::default()
        },
    ];
    let searches = [
        BrowseQuery {
            q: Some("vélos".into()),
            ..Default::default()
        },
        BrowseQuery {
            q: Some("budget participatif".into()),
            ..Default::default()
        },
    ];
    // A word every fiche holds: the index's worst case.
    let common = [
        BrowseQuery {
            q: Some("ville".into()),
            ..Default::default()
        },
        BrowseQuery {
            q: Some("ville innovation".into()),
            maturite: Some("pilot".into()),
            ..Default::default()
        },
    ];
    // The app loaded its index before the seed: load this one after it.
    let start = Instant::now();
    let index = FicheIndex::load(db).await?;
    println!(
        "  catalogue index: {} fiches, about {:.1} MB, loaded in {:.2} s",
        index.len(),
        index.approx_bytes() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    for (name, queries) in [
        ("catalogue browse with filters", &browses[..]),
        ("word search (French words)", &searches[..]),
        ("word search, a word in every fiche", &common[..]),
    ] {
        let mut samples = Vec::new();
        for _ in 0..40 {
            for query in queries {
                let start = Instant::now();
                let found = store::browse(db, &index, query, Locale::Fr).await?;
                samples.push(start.elapsed());
                std::hint::black_box(found);
            }
        }
        report(name, samples);
    }
    Ok(())
}
