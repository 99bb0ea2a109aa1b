//! Demo selection: candidates with CVs, and applications in every state of the pipeline (with
//! messages, notes and answers), so the agent's desk and the dashboards show something real on
//! first run. Loaded once, into a database without applications.

use crate::stages::server::{applications, follow_up};
use crate::{
    server::{db::Db, storage::Storage},
    stages::application::ApplicationState::{
        self, Accepted, Declined, Expired, InReview, Interview, Received, Withdrawn,
    },
};
use sqlx::Row;

const CANDIDATES: &[(&str, &str)] = &[
    ("candidat@parvis.localhost", "Camille Candidat"),
    ("lea.martin@exemple.fr", "Léa Martin"),
    ("hugo.bernard@exemple.fr", "Hugo Bernard"),
    ("ines.petit@exemple.fr", "Inès Petit"),
    ("yanis.robert@exemple.fr", "Yanis Robert"),
    ("chloe.richard@exemple.fr", "Chloé Richard"),
    ("malik.durand@exemple.fr", "Malik Durand"),
    ("sarah.moreau@exemple.fr", "Sarah Moreau"),
];

const LETTERS: &[&str] = &[
    "Étudiante en master d'écologie urbaine, je souhaite mettre mes connaissances au service de la biodiversité en ville. Les missions proposées rejoignent mon mémoire sur les trames vertes.",
    "Passionné par l'action publique locale, je cherche un stage où comprendre la conduite de projets d'une grande ville. Je suis rigoureux, curieux et à l'aise à l'écrit.",
    "Je termine un BTS et aimerais découvrir le travail de terrain avec vos équipes. Disponible dès le printemps, j'habite à proximité du service.",
];

/// A one-page PDF, enough to be a real CV file for the demo.
fn demo_cv(name: &str) -> Vec<u8> {
    let text = format!(
        "BT /F1 18 Tf 72 720 Td (CV - {}) Tj ET",
        name.replace(['(', ')', '\\'], "")
    );
    let text = text.chars().filter(char::is_ascii).collect::<String>();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

pub async fn load(db: &Db, storage: &Storage, agent: i64) -> Result<(), sqlx::Error> {
    let existing: i64 = sqlx::query("SELECT COUNT(*) AS n FROM applications")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if existing > 0 {
        return Ok(());
    }
    let service: Option<i64> = sqlx::query(
        "SELECT service_id FROM role_grants WHERE user_id = $1 AND role = 'host_agent'",
    )
    .bind(agent)
    .fetch_optional(&db.pool)
    .await?
    .map(|r| r.try_get("service_id"))
    .transpose()?;
    let Some(service) = service else {
        return Ok(());
    };
    let offers =
        sqlx::query("SELECT id, direction_id, state FROM offers WHERE service_id = $1 ORDER BY id")
            .bind(service)
            .fetch_all(&db.pool)
            .await?;
    let open: Vec<(i64, i64)> = offers
        .iter()
        .filter(|r| r.try_get::<String, _>("state").ok().as_deref() == Some("published"))
        .map(|r| Ok((r.try_get("id")?, r.try_get("direction_id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    // A filled or closed offer, of the same direction if it has one.
    let closed = sqlx::query(
        "SELECT o.id, o.direction_id FROM offers o JOIN services s ON s.id = $1 WHERE o.state IN ('filled', 'closed') \
         ORDER BY CASE WHEN o.direction_id = s.direction_id THEN 0 ELSE 1 END, o.id LIMIT 1",
    )
    .bind(service)
    .fetch_optional(&db.pool)
    .await?
    .map(|r| Ok::<(i64, i64), sqlx::Error>((r.try_get("id")?, r.try_get("direction_id")?)))
    .transpose()?;
    if open.is_empty() {
        return Ok(());
    }

    let people = super::accounts::demo_people(db, CANDIDATES).await?;
    let mut candidates = Vec::new();
    for (id, (_, name)) in people.into_iter().zip(CANDIDATES) {
        let file = format!("demo-{id}.pdf");
        let bytes = demo_cv(name);
        let stored = match crate::stages::server::profiles::cv_key(&file) {
            Ok(key) => storage.put_bytes(&key, bytes.clone()).await,
            Err(error) => Err(error.into()),
        };
        stored.map_err(|error| sqlx::Error::Io(std::io::Error::other(error)))?;
        crate::stages::server::profiles::set_cv(
            db,
            id,
            &file,
            i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        )
        .await?;
        candidates.push(id);
    }

    // Every state of the pipeline, spread over the agent's open offers.
    let paths: [&[ApplicationState]; 8] = [
        &[],
        &[InReview],
        &[InReview, Interview],
        &[Interview, Accepted],
        &[InReview, Declined],
        &[],
        &[Interview],
        &[Withdrawn],
    ];
    let mut count = 0;
    // Demo data is loaded before the server starts: no live screen to tell and no mail to send
    // to its made-up addresses, so it writes through the store directly, not the operations.
    let mut conn = db.pool.acquire().await?;
    let conn = &mut *conn;
    for (n, candidate) in candidates.iter().enumerate() {
        for round in 0..2 {
            let (offer, direction) = open[(n + round * 3) % open.len()];
            let Ok(id) = applications::apply(
                conn,
                offer,
                direction,
                *candidate,
                LETTERS[(n + round) % LETTERS.len()],
            )
            .await
            else {
                continue;
            };
            count += 1;
            let mut state = Received;
            for next in paths[(n + round * 5) % paths.len()] {
                let (actor, by_agent) = if *next == Withdrawn {
                    (*candidate, false)
                } else {
                    (agent, true)
                };
                let answer = match next {
                    Accepted => Some("Bonjour,\n\nNous avons le plaisir de retenir votre candidature. Votre tutrice vous appellera cette semaine.\n\nBien cordialement,"),
                    Declined => Some("Bonjour,\n\nMerci de votre intérêt. Nous avons retenu un autre profil pour ce stage.\n\nBien cordialement,"),
                    _ => None,
                };
                applications::move_state(conn, id, state, *next, actor, by_agent, answer).await?;
                if *next == Interview {
                    follow_up::add_message(conn, id, agent, false, "Bonjour, seriez-vous disponible mardi à 10 h pour un entretien au service ?", crate::server::db::now()).await?;
                    follow_up::add_message(
                        conn,
                        id,
                        *candidate,
                        true,
                        "Bonjour, oui, mardi 10 h me convient très bien. Merci !",
                        crate::server::db::now(),
                    )
                    .await?;
                    follow_up::add_note(
                        conn,
                        id,
                        agent,
                        "Profil solide, bonne connaissance du terrain.",
                    )
                    .await?;
                }
                state = *next;
            }
        }
    }
    // An application that expired when its offer was filled, and the direction's pool.
    if let (Some((offer, direction)), Some(candidate)) = (closed, candidates.first()) {
        if let Ok(id) = applications::apply(conn, offer, direction, *candidate, LETTERS[0]).await {
            applications::move_state(conn, id, Received, Expired, agent, false, None).await?;
            count += 1;
        }
    }
    let direction = open[0].1;
    for candidate in candidates.iter().skip(2).take(3) {
        count +=
            applications::apply_spontaneously(conn, &[direction], None, *candidate, LETTERS[1])
                .await
                .map_or(0, |c| c.len());
    }
    tracing::info!(
        count,
        candidates = candidates.len(),
        "demo applications loaded"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_cv_is_a_pdf() {
        let pdf = super::demo_cv("Léa (Martin)");
        assert!(crate::stages::server::cv::is_pdf(&pdf) && pdf.ends_with(b"%%EOF\n"));
    }
}
