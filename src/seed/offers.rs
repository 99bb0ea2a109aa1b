//! Demo offers: a few hundred realistic offers across the directions, in every state, made
//! from templates with a fixed pseudo-random sequence (the same on every run).

use crate::stages::server::store;
use crate::{
    reference::server::store as reference,
    server::db::Db,
    stages::types::{EducationLevel, OfferState, ValidOffer},
};
use sqlx::Row;

const MISSIONS: &[&str] = &[
    "Vous participez à la préparation et au suivi des projets du service : analyses, tableaux de bord, comptes rendus de réunion.",
    "Vous contribuez à une étude de terrain : visites, entretiens avec les agents et les usagers, synthèse écrite et restitution.",
    "Vous appuyez l'équipe dans la conduite d'un projet de transformation : inventaire de l'existant, propositions, mise en œuvre.",
    "Vous prenez part à l'accueil du public et à l'amélioration des démarches : parcours usagers, supports d'information, évaluation.",
    "Vous aidez à concevoir et à animer des actions de sensibilisation auprès des habitants et des partenaires associatifs.",
];
const PROFILES: &[&str] = &[
    "Curiosité, rigueur et goût du travail en équipe. Une première expérience associative est appréciée.",
    "Aisance rédactionnelle, sens de l'organisation, maîtrise des outils bureautiques.",
    "Intérêt pour le service public et les politiques urbaines ; capacité d'analyse et de synthèse.",
];
const DISCIPLINES: &[&str] = &[
    "Sciences politiques",
    "Droit public",
    "Urbanisme",
    "Écologie",
    "Informatique",
    "Gestion",
    "Communication",
    "Génie civil",
    "Sociologie",
    "Santé publique",
];
const STREETS: &[&str] = &[
    "place de l'Hôtel de Ville",
    "rue de Rivoli",
    "avenue de France",
    "rue de Lobau",
    "boulevard Morland",
    "rue du Département",
    "quai de la Rapée",
    "rue Boucry",
];

/// A small deterministic generator: demo data looks varied but is the same every time.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// "YYYY-MM" `months` after `today` ("YYYY-MM-DD").
fn month_after(today: &str, months: i64) -> String {
    let year: i64 = today[..4].parse().unwrap_or(2026);
    let month: i64 = today[5..7].parse().unwrap_or(1);
    let index = year * 12 + (month - 1) + months;
    format!("{:04}-{:02}", index / 12, index % 12 + 1)
}

pub async fn load(db: &Db, author: i64, today: &str) -> Result<(), sqlx::Error> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM offers")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if existing > 0 {
        return Ok(());
    }
    let data = reference::load(db).await?;
    let metiers: Vec<_> = data
        .families
        .iter()
        .flat_map(|f| f.metiers.iter())
        .collect();
    let mut seq = Sequence(2026);
    let mut count = 0;
    for direction in &data.directions {
        for service in &direction.services {
            for _ in 0..3 {
                let metier = metiers[seq.next(metiers.len())];
                let weeks = [4, 6, 8, 10, 12, 16, 20, 24][seq.next(8)];
                // Starting two months out at least, so the deadline (the month before) is still ahead.
                let start = month_after(today, 2 + seq.next(8) as i64);
                let deadline = format!("{}-{:02}", month_after(&start, -1), 1 + seq.next(28));
                let offer = ValidOffer {
                    service_id: service.id,
                    metier_id: metier.id,
                    title: format!("Stage {} — {}", metier.name.to_lowercase(), service.name),
                    description: format!(
                        "**{}** ({})\n\n{}\n\n- Découvrir le fonctionnement d'une direction de la Ville\n- Être accompagné·e par un tuteur ou une tutrice\n",
                        service.name,
                        direction.code,
                        MISSIONS[seq.next(MISSIONS.len())]
                    ),
                    profile: PROFILES[seq.next(PROFILES.len())].to_string(),
                    education_level: EducationLevel::ALL[seq.next(EducationLevel::ALL.len())],
                    discipline: DISCIPLINES[seq.next(DISCIPLINES.len())].to_string(),
                    duration_weeks: weeks,
                    start_month: start,
                    deadline,
                    places: 1 + seq.next(3) as i64,
                    address: format!("{} {}", 1 + seq.next(120), STREETS[seq.next(STREETS.len())]),
                    arrondissement: Some(1 + seq.next(20) as i64),
                    remote_days: seq.next(3) as i64,
                    paid: weeks > crate::stages::types::UNPAID_MAX_WEEKS || seq.next(3) == 0,
                    contact_name: "Service des stages".into(),
                    contact_email: format!("stages.{}@paris.fr", direction.code.to_lowercase()),
                };
                let id = store::save(db, None, &offer, direction.id, author).await?;
                // Most demo offers are open; a few are drafts, filled or closed.
                let state = match seq.next(10) {
                    0 => OfferState::Draft,
                    1 => OfferState::Filled,
                    2 => OfferState::Closed,
                    _ => OfferState::Published,
                };
                if state != OfferState::Draft {
                    let mut conn = db.pool.acquire().await?;
                    store::move_state(&mut conn, id, OfferState::Draft, OfferState::Published)
                        .await?;
                    if state != OfferState::Published {
                        store::move_state(&mut conn, id, OfferState::Published, state).await?;
                    }
                }
                count += 1;
            }
        }
    }
    tracing::info!(count, "demo offers loaded");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::month_after;

    #[test]
    fn months_roll_over_years() {
        assert_eq!(month_after("2026-11-28", 1), "2026-12");
        assert_eq!(month_after("2026-11-28", 3), "2027-02");
        assert_eq!(month_after("2027-01-15", -1), "2026-12");
    }
}
