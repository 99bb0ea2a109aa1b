//! Demo spaces (issue 13's "Demo data", spaces and people only): the environment direction's
//! urban-ecology plan, with correspondents from other directions and two outside partners (a
//! consultancy and an association: partner accounts, no role); the biodiversity network, open
//! to every city agent; a small project team. Loaded once, into a database without spaces.

use crate::{
    accounts::server::store::{self, NewAccount},
    espaces::{
        server::{
            members,
            spaces::{self, NewSpace},
        },
        types::{SpaceRole, Template},
    },
    server::db::Db,
};

/// Partner and correspondent accounts (email, name, staff): partners hold no role.
const PEOPLE: &[(&str, &str)] = &[
    (
        "correspondant.dvd@parvis.localhost",
        "Corentin Correspondant (DVD)",
    ),
    (
        "correspondante.dpe@parvis.localhost",
        "Coralie Correspondante (DPE)",
    ),
    ("conseil@bureau-vert.example", "Bureau Vert Conseil"),
    (
        "contact@association-abeilles.example",
        "Association Abeilles de Paris",
    ),
];

/// (template, name, description, members: email and role; the first is the creator)
type DemoSpace = (
    Template,
    &'static str,
    &'static str,
    &'static [(&'static str, SpaceRole)],
);

const SPACES: &[DemoSpace] = &[
    (
        Template::Plan,
        "Plan écologie urbaine",
        "Le plan de la direction de l'environnement : actions, calendrier et documents partagés avec les correspondants des autres directions et nos partenaires.",
        &[
            ("direction@parvis.localhost", SpaceRole::Animator),
            ("agent@parvis.localhost", SpaceRole::Animator),
            ("correspondant.dvd@parvis.localhost", SpaceRole::Contributor),
            ("correspondante.dpe@parvis.localhost", SpaceRole::Contributor),
            ("conseil@bureau-vert.example", SpaceRole::Contributor),
            ("contact@association-abeilles.example", SpaceRole::Reader),
        ],
    ),
    (
        Template::Network,
        "Réseau biodiversité",
        "Le réseau des correspondants biodiversité : retours d'expérience, questions, fiches pratiques.",
        &[
            ("agent@parvis.localhost", SpaceRole::Animator),
            ("correspondant.dvd@parvis.localhost", SpaceRole::Contributor),
            ("correspondante.dpe@parvis.localhost", SpaceRole::Contributor),
        ],
    ),
    (
        Template::Project,
        "Équipe toitures végétalisées",
        "Une petite équipe projet : le suivi du chantier des toitures végétalisées.",
        &[
            ("agent@parvis.localhost", SpaceRole::Animator),
            ("direction@parvis.localhost", SpaceRole::Reader),
        ],
    ),
];

/// Loads the demo spaces when there are none; skips a member whose account is missing.
pub async fn load(
    db: &Db,
    password_hash: &str,
    at: i64,
    time_zone: &str,
) -> Result<(), sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM spaces")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for (email, name) in PEOPLE {
        match store::insert_account(
            &mut tx,
            &NewAccount {
                email,
                display_name: name,
                password_hash,
                locale: "fr",
                roles: &[],
                at,
            },
        )
        .await
        {
            Ok(account) => {
                store::mark_email_verified(&mut tx, account.id, at).await?;
            }
            Err(store::CreateError::EmailTaken) => {}
            Err(store::CreateError::Db(e)) => return Err(e),
        }
    }
    for (template, name, description, people) in SPACES {
        let mut ids = Vec::new();
        for (email, role) in *people {
            let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(*email)
                .fetch_optional(&mut *tx)
                .await?;
            ids.extend(id.map(|id| (id, *role)));
        }
        let Some(&(creator, _)) = ids.first() else {
            continue;
        };
        let space = spaces::create(
            &mut tx,
            &NewSpace {
                name,
                description,
                template: *template,
                visibility: template.visibility(),
                modules: &template.modules(),
                time_zone,
                created_by: creator,
                at,
            },
        )
        .await?;
        for (user, role) in &ids[1..] {
            members::add(&mut tx, space, *user, *role, None, creator, at).await?;
        }
    }
    tx.commit().await
}
