//! Demo catalogue: 33 fiches (and one translation) on well-documented urban innovations, written for this site,
//! published through the real workflow (written by demo members, reviewed by the demo
//! editor), with a few comments, an English translation linked to its French fiche, and
//! discussion threads with replies. Loaded once, into a database without fiches.

use crate::innovation::server::{comments, notify, store, threads};
use crate::{
    accounts::server::store as accounts,
    innovation::{
        community::FollowKind,
        threads::ThreadInput,
        types::{FicheInput, ReviewAction},
    },
    server::db::Db,
};
use serde::Deserialize;
use sqlx::Row;

#[derive(Deserialize)]
struct DemoFiche {
    language: String,
    title: String,
    summary: String,
    body: String,
    fields: Vec<String>,
    city: String,
    country: String,
    year: String,
    maturity: String,
    cost: String,
    funding: String,
    results: String,
    lessons: String,
    sources: Vec<String>,
    tags: String,
}

const MEMBERS: &[(&str, &str)] = &[
    ("membre@parvis.localhost", "Marie Membre"),
    ("ana.lopez@ejemplo.es", "Ana López"),
    ("kenji.sato@example.jp", "Kenji Sato"),
    ("amara.diallo@exemple.sn", "Amara Diallo"),
];

const COMMENTS: &[&str] = &[
    "Nous avons lancé un dispositif proche l'an dernier : la question de l'entretien s'est posée très vite. Avez-vous un budget dédié ?",
    "> La qualité de maintenance compte plus que le nombre annoncé\n\nC'est aussi notre expérience.",
    "We tried something similar; publishing the evaluation early helped a lot with the council.",
];

pub async fn load(db: &Db, editor_email: &str) -> Result<(), sqlx::Error> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM fiches")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    let Some(editor) = accounts::by_email(db, editor_email).await? else {
        return Ok(());
    };
    if existing > 0 {
        return Ok(());
    }
    let fiches: Vec<DemoFiche> = serde_json::from_str(include_str!("demo_fiches.json"))
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let codes: Vec<(i64, String)> = sqlx::query("SELECT id, code FROM innovation_fields")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("code")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let members = super::accounts::demo_people(db, MEMBERS).await?;
    if members.is_empty() {
        return Ok(());
    }
    let profiles = [
        (
            "Chargée de mission innovation",
            "Ville de Paris",
            "Paris",
            "France",
            "français, anglais",
        ),
        (
            "Jefa de proyectos de espacio público",
            "Ajuntament de Barcelona",
            "Barcelone",
            "Espagne",
            "espagnol, catalan, anglais",
        ),
        (
            "Smart city policy officer",
            "City of Yokohama",
            "Yokohama",
            "Japon",
            "japonais, anglais",
        ),
        (
            "Responsable de la participation citoyenne",
            "Ville de Dakar",
            "Dakar",
            "Sénégal",
            "français, wolof",
        ),
    ];
    for (member, (job, organisation, city, country, languages)) in members.iter().zip(profiles) {
        let profile = crate::innovation::members::MemberProfile {
            job_title: job.into(),
            organisation: organisation.into(),
            city: city.into(),
            country: country.into(),
            fields: codes.iter().take(3).map(|(id, _)| *id).collect(),
            languages: languages.into(),
            bio: String::new(),
        };
        crate::innovation::server::members::save(db, *member, &profile).await?;
    }
    for term in ["Velibre", "CableCo", "UrbanSoft"] {
        store::add_promo_term(db, term, editor.id).await?;
    }
    let mut fiche_ids = Vec::new();
    for (n, fiche) in fiches.into_iter().enumerate() {
        let input = FicheInput {
            language: fiche.language,
            title: fiche.title,
            summary: fiche.summary,
            body: fiche.body,
            fields: fiche
                .fields
                .iter()
                .filter_map(|code| codes.iter().find(|(_, c)| c == code).map(|(id, _)| *id))
                .collect(),
            city: fiche.city,
            country: fiche.country,
            year_started: fiche.year,
            maturity: fiche.maturity,
            cost_range: fiche.cost,
            funding: fiche.funding,
            results: fiche.results,
            lessons: fiche.lessons,
            sources: fiche.sources.join("\n"),
            contact: String::new(),
            tags: fiche.tags,
            interests: "Aucun lien avec les fournisseurs ni avec la ville décrite.".into(),
        };
        let author = members[n % members.len()];
        let id = store::create(db, author, &input).await?;
        fiche_ids.push(id);
        if store::submit(db, id, author).await? {
            store::review(db, id, editor.id, ReviewAction::Publish, "", false).await?;
        }
        if n % 4 == 0 {
            for (k, text) in COMMENTS.iter().enumerate().take(1 + n % 3) {
                comments::add(db, id, members[(n + k + 1) % members.len()], text).await?;
            }
        }
    }
    translation(db, &fiche_ids, members[0], editor.id).await?;
    let published: Vec<i64> = sqlx::query("SELECT fiche_id FROM fiche_catalogue")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("fiche_id"))
        .collect::<Result<_, _>>()?;
    for id in published {
        store::refresh_related(db, id).await?;
    }
    discussions(db, &codes, &members).await?;
    tracing::info!("demo innovation catalogue loaded");
    Ok(())
}

/// An English version of the first fiche (Paris's bike sharing), linked to it.
async fn translation(
    db: &Db,
    fiche_ids: &[i64],
    author: i64,
    editor: i64,
) -> Result<(), sqlx::Error> {
    let Some(&original) = fiche_ids.first() else {
        return Ok(());
    };
    let Some(french) = store::find(db, original).await? else {
        return Ok(());
    };
    let input = FicheInput {
        language: "en".into(),
        title: "Large-scale public bike sharing".into(),
        summary: "A city-wide network of self-service bikes, mechanical and electric, with docking stations every few hundred metres, run under a public contract.".into(),
        body: "Paris opened its bike-sharing service in 2007 with thousands of bikes and stations spread across the city, later extended to neighbouring towns. \
               Riders take a bike at one station and leave it at another; the first half hour is included in subscriptions.\n\n\
               ## How it works\n\nThe service is let under a public contract: the operator installs and maintains stations and bikes, \
               the public body sets prices and the service level, and keeps the data.\n\n\
               ## What changed\n\nBike sharing made cycling visible and helped justify new cycle lanes; \
               the move to a new operator in 2018 showed how much the quality of maintenance matters."
            .into(),
        fields: french.working.fields.clone(),
        city: french.working.city.clone(),
        country: french.working.country.clone(),
        year_started: french.working.year_started.clone(),
        maturity: french.working.maturity.clone(),
        sources: french.working.sources.clone(),
        tags: "bike sharing, cycling, mobility".into(),
        interests: "No link with any vendor nor with the city described.".into(),
        ..Default::default()
    };
    let id = store::create(db, author, &input).await?;
    if store::submit(db, id, author).await? {
        store::review(db, id, editor, ReviewAction::Publish, "", false).await?;
    }
    store::set_translation_of(db, id, Some(original)).await
}

/// A thread: (asker, title, question, field codes, [(replier, reply)]); people by index in
/// MEMBERS.
type DemoThread = (
    usize,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(usize, &'static str)],
);

const THREADS: &[DemoThread] = &[
    (
        1,
        "Qui a mesuré l'effet d'un superîlot sur le commerce de proximité ?",
        "Nous préparons l'extension des superîlots et les commerçants nous demandent des chiffres. Avez-vous mesuré le chiffre d'affaires ou la fréquentation avant et après ?",
        &["urbanisme", "economie"],
        &[
            (0, "À Paris, pour les rues aux écoles, nous avons compté les passages piétons avant et six mois après. Le chiffre d'affaires est plus difficile à obtenir : il faut l'accord des commerçants."),
            (3, "> il faut l'accord des commerçants\n\nÀ Dakar nous passons par la chambre de commerce, qui agrège les données et les anonymise."),
        ],
    ),
    (
        2,
        "Who has tried sensors to plan winter gritting?",
        "We are considering road-surface sensors to decide when to grit. Has anyone compared the cost with the salt saved?",
        &["mobilite", "climat"],
        &[(0, "Not us, but @Ana López mentioned a pilot in Catalonia last year.")],
    ),
    (
        3,
        "Budget participatif : comment toucher les habitants qui ne votent jamais ?",
        "Notre premier budget participatif a surtout mobilisé des habitants déjà engagés. Quelles méthodes ont marché chez vous pour aller vers les autres ?",
        &["democratie"],
        &[
            (1, "Des urnes mobiles sur les marchés et à la sortie des écoles ont doublé la participation dans les quartiers populaires."),
            (0, "Nous avons aussi ouvert le vote dès 11 ans, et les collégiens ont entraîné leurs familles."),
        ],
    ),
];

async fn discussions(db: &Db, codes: &[(i64, String)], members: &[i64]) -> Result<(), sqlx::Error> {
    for (asker, title, question, fields, replies) in THREADS {
        let fields: Vec<i64> = fields
            .iter()
            .filter_map(|code| codes.iter().find(|(_, c)| c == code).map(|(id, _)| *id))
            .collect();
        let fields = if fields.is_empty() {
            codes.iter().take(1).map(|(id, _)| *id).collect()
        } else {
            fields
        };
        let Some(&asker) = members.get(*asker) else {
            continue;
        };
        let id = threads::create(
            db,
            asker,
            &ThreadInput {
                title: (*title).into(),
                body: (*question).into(),
                fields,
            },
        )
        .await?;
        notify::follow(db, asker, FollowKind::Thread, &id.to_string(), true).await?;
        for (replier, text) in *replies {
            let Some(&replier) = members.get(*replier) else {
                continue;
            };
            threads::reply(db, id, replier, text).await?;
            notify::follow(db, replier, FollowKind::Thread, &id.to_string(), true).await?;
        }
    }
    // The first demo member follows the transport field and Paris.
    if let (Some(&member), Some((transport, _))) =
        (members.first(), codes.iter().find(|(_, c)| c == "mobilite"))
    {
        notify::follow(db, member, FollowKind::Field, &transport.to_string(), true).await?;
        notify::follow(
            db,
            member,
            FollowKind::City,
            &crate::innovation::community::city_key("Paris", "France"),
            true,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_fiche_passes_the_authors_checks() {
        let fiches: Vec<DemoFiche> =
            serde_json::from_str(include_str!("demo_fiches.json")).expect("demo JSON");
        assert!(fiches.len() >= 30);
        for f in fiches {
            let input = FicheInput {
                language: f.language,
                title: f.title.clone(),
                summary: f.summary,
                body: f.body,
                fields: vec![1],
                city: f.city,
                country: f.country,
                year_started: f.year,
                maturity: f.maturity,
                cost_range: f.cost,
                funding: f.funding,
                results: f.results,
                lessons: f.lessons,
                sources: f.sources.join("\n"),
                tags: f.tags,
                interests: "Aucun lien.".into(),
                ..Default::default()
            };
            assert!(
                input.validate(2026).is_ok(),
                "{}: {:?}",
                f.title,
                input.validate(2026).err()
            );
            assert!(
                crate::innovation::server::independence::warnings(&input, &[]).is_empty(),
                "{} looks promotional",
                f.title
            );
        }
    }
}
