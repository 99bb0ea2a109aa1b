//! Demo forum threads (issue 13's "Demo data"): in the urban-ecology plan and the biodiversity
//! network, threads with replies, a category, a pinned thread, a reply chosen as the solution
//! and a mention of a member. Loaded once, into a database without forum threads, through the
//! forum's own writes (so the activity feed and the search terms follow).

use crate::{
    espaces::{
        forum_types::ThreadModeration,
        server::{
            forum::{self, ThreadFacts, Writing},
            forum_categories,
        },
    },
    server::db::Db,
};

/// (space name, category: empty for the default one, title, opening post's author and text,
/// replies: author and text; pinned)
type DemoThread = (
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
    &'static [(&'static str, &'static str)],
    bool,
);

const THREADS: &[DemoThread] = &[
    (
        "Plan écologie urbaine",
        "",
        "Bienvenue dans le forum du plan",
        (
            "agent@parvis.localhost",
            "Bienvenue à toutes et à tous !\n\nCe forum sert à **partager nos retours d'expérience** sur les actions du plan. Mentionnez un membre avec `@` suivi de son nom.",
        ),
        &[(
            "correspondante.dpe@parvis.localhost",
            "Merci Agathe, la DPE suivra les actions sur les cours d'école.",
        )],
        true,
    ),
    (
        "Plan écologie urbaine",
        "Végétalisation",
        "Quelles essences pour les pieds d'arbres ?",
        (
            "correspondant.dvd@parvis.localhost",
            "Nous préparons la végétalisation de 40 pieds d'arbres rue de la Roquette. Quelles plantes résistent au piétinement et à la sécheresse ?",
        ),
        &[
            (
                "conseil@bureau-vert.example",
                "Pour des pieds d'arbres très passants, nous conseillons des vivaces couvre-sol : **géranium vivace**, *sedum*, achillée. Prévoir un paillage les deux premières années.",
            ),
            (
                "agent@parvis.localhost",
                "> **Bureau Vert Conseil** :\n> Prévoir un paillage les deux premières années.\n\nBonne idée. @Corentin Correspondant (DVD), pouvez-vous chiffrer le paillage ?",
            ),
        ],
        false,
    ),
    (
        "Réseau biodiversité",
        "",
        "Retour d'expérience : nichoirs à martinets",
        (
            "correspondante.dpe@parvis.localhost",
            "Nous avons posé 12 nichoirs à martinets sur une école du 11e. Premier retour : 5 occupés dès le printemps !",
        ),
        &[(
            "agent@parvis.localhost",
            "Bravo ! Pouvez-vous partager le modèle de nichoir utilisé ?",
        )],
        false,
    ),
];

/// The id of the account `email`, if it exists.
async fn account(tx: &mut sqlx::AnyConnection, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut *tx)
        .await
}

/// Loads the demo threads when there are none; skips a thread whose space or author is
/// missing.
pub async fn load(db: &Db, at: i64) -> Result<(), sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM forum_threads")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    let mut pinned = Vec::new();
    let mut solved = Vec::new();
    for (n, (space_name, category, title, (author, body), replies, pin)) in
        THREADS.iter().enumerate()
    {
        let space: Option<i64> = sqlx::query_scalar("SELECT id FROM spaces WHERE name = $1")
            .bind(*space_name)
            .fetch_optional(&mut *tx)
            .await?;
        let (Some(space), Some(author)) = (space, account(&mut tx, author).await?) else {
            continue;
        };
        // Earlier threads a little older, so the list reads in a natural order.
        let start = at - 86_400 * (THREADS.len() - n) as i64;
        let category = if category.is_empty() {
            forum_categories::default_category(&mut tx, space, start).await?
        } else {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM forum_categories WHERE space_id = $1 AND name = $2",
            )
            .bind(space)
            .bind(*category)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                Some(id) => id,
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO forum_categories (space_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
                    )
                    .bind(space)
                    .bind(*category)
                    .bind(start)
                    .fetch_one(&mut *tx)
                    .await?
                }
            }
        };
        let writing = Writing {
            space_id: space,
            author,
            body,
            at: start,
        };
        let (thread, _) = forum::start(&mut tx, writing, category, title).await?;
        let facts = ThreadFacts {
            id: thread,
            title: (*title).to_string(),
            author_id: Some(author),
            locked_at: None,
        };
        let mut first_reply = None;
        for (k, (replier, text)) in replies.iter().enumerate() {
            let Some(replier) = account(&mut tx, replier).await? else {
                continue;
            };
            let writing = Writing {
                space_id: space,
                author: replier,
                body: text,
                at: start + 3_600 * (k as i64 + 1),
            };
            let post = forum::reply(&mut tx, writing, &facts).await?;
            first_reply.get_or_insert(post);
        }
        if *pin {
            pinned.push(thread);
        }
        if replies.len() > 1 {
            solved.extend(first_reply.map(|post| (thread, post)));
        }
    }
    tx.commit().await?;
    for thread in pinned {
        forum::moderate(db, thread, ThreadModeration::Pin, at).await?;
    }
    for (thread, post) in solved {
        forum::set_solution(db, thread, Some(post), at).await?;
    }
    Ok(())
}
