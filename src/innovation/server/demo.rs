//! Demo catalogue: 33 fiches on well-documented urban innovations, written for this site,
//! published through the real workflow (written by demo members, reviewed by the demo
//! editor), with a few comments. Loaded once, into a database without fiches.

use super::{comments, store};
use crate::{
    accounts::server::store as accounts,
    innovation::types::{FicheInput, ReviewAction},
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

const MEMBERS: &[(&str, &str)] =
    &[("membre@parvis.localhost", "Marie Membre"), ("ana.lopez@ejemplo.es", "Ana López"), ("kenji.sato@example.jp", "Kenji Sato"), ("amara.diallo@exemple.sn", "Amara Diallo")];

const COMMENTS: &[&str] = &[
    "Nous avons lancé un dispositif proche l'an dernier : la question de l'entretien s'est posée très vite. Avez-vous un budget dédié ?",
    "> La qualité de maintenance compte plus que le nombre annoncé\n\nC'est aussi notre expérience.",
    "We tried something similar; publishing the evaluation early helped a lot with the council.",
];

pub async fn load(db: &Db, editor_email: &str) -> Result<(), sqlx::Error> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM fiches").fetch_one(&db.pool).await?.try_get("n")?;
    let Some(editor) = accounts::by_email(db, editor_email).await? else { return Ok(()) };
    if existing > 0 {
        return Ok(());
    }
    let fiches: Vec<DemoFiche> = serde_json::from_str(include_str!("../data/demo_fiches.json")).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let codes: Vec<(i64, String)> = sqlx::query("SELECT id, code FROM innovation_fields")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("code")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let members = crate::server::demo::demo_people(db, MEMBERS).await?;
    if members.is_empty() {
        return Ok(());
    }
    let profiles = [
        ("Chargée de mission innovation", "Ville de Paris", "Paris", "France", "français, anglais"),
        ("Jefa de proyectos de espacio público", "Ajuntament de Barcelona", "Barcelone", "Espagne", "espagnol, catalan, anglais"),
        ("Smart city policy officer", "City of Yokohama", "Yokohama", "Japon", "japonais, anglais"),
        ("Responsable de la participation citoyenne", "Ville de Dakar", "Dakar", "Sénégal", "français, wolof"),
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
        super::members::save(db, *member, &profile).await?;
    }
    for term in ["Velibre", "CableCo", "UrbanSoft"] {
        store::add_promo_term(db, term, editor.id).await?;
    }
    for (n, fiche) in fiches.into_iter().enumerate() {
        let input = FicheInput {
            language: fiche.language,
            title: fiche.title,
            summary: fiche.summary,
            body: fiche.body,
            fields: fiche.fields.iter().filter_map(|code| codes.iter().find(|(_, c)| c == code).map(|(id, _)| *id)).collect(),
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
        if store::submit(db, id, author).await? {
            store::review(db, id, editor.id, ReviewAction::Publish, "", false).await?;
        }
        if n % 4 == 0 {
            for (k, text) in COMMENTS.iter().enumerate().take(1 + n % 3) {
                comments::add(db, id, members[(n + k + 1) % members.len()], text).await?;
            }
        }
    }
    tracing::info!("demo innovation catalogue loaded");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_fiche_passes_the_authors_checks() {
        let fiches: Vec<DemoFiche> = serde_json::from_str(include_str!("../data/demo_fiches.json")).expect("demo JSON");
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
            assert!(input.validate(2026).is_ok(), "{}: {:?}", f.title, input.validate(2026).err());
            assert!(crate::innovation::independence::warnings(&input, &[]).is_empty(), "{} looks promotional", f.title);
        }
    }
}
