//! Demo documents of the demo spaces (`espaces.rs`): folders, and files in several versions
//! uploaded by different members — small PDF, text and PNG files written here, stored through
//! the storage like any upload. Loaded once, into spaces without documents.

use crate::{
    espaces::server::documents::{self, NewVersion},
    server::{
        db::Db,
        storage::{Storage, StorageKey},
    },
};

/// A 1×1 green PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0x60, 0xA8, 0x60, 0x00,
    0x00, 0x00, 0x83, 0x00, 0x81, 0x52, 0xB6, 0xE6, 0x5A, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// What a demo file holds.
enum Content {
    /// A one-page PDF showing this line (ASCII).
    Pdf(&'static str),
    Text(&'static str),
    Png,
}

/// (space name, folder path or "", file name, uploader's e-mail, content) — in upload order:
/// a name met again is a new version.
const FILES: &[(&str, &str, &str, &str, Content)] = &[
    ("Plan écologie urbaine", "", "Plan d'actions 2026.pdf", "direction@parvis.localhost", Content::Pdf("Plan d'actions 2026 - version de travail")),
    ("Plan écologie urbaine", "Comptes rendus", "Réunion de lancement.txt", "agent@parvis.localhost", Content::Text("Réunion de lancement du plan écologie urbaine\n\nPrésents : la direction, les correspondants, Bureau Vert Conseil.\nDécisions : un comité de pilotage par trimestre.\n")),
    ("Plan écologie urbaine", "", "Plan d'actions 2026.pdf", "conseil@bureau-vert.example", Content::Pdf("Plan d'actions 2026 - relu par Bureau Vert Conseil")),
    ("Plan écologie urbaine", "Comptes rendus", "Comité de pilotage.pdf", "agent@parvis.localhost", Content::Pdf("Comite de pilotage - ordre du jour")),
    ("Plan écologie urbaine", "Cartographie", "Îlots de fraîcheur.png", "correspondant.dvd@parvis.localhost", Content::Png),
    ("Plan écologie urbaine", "", "Plan d'actions 2026.pdf", "direction@parvis.localhost", Content::Pdf("Plan d'actions 2026 - version validee")),
    ("Plan écologie urbaine", "Comptes rendus", "Comité de pilotage.pdf", "correspondante.dpe@parvis.localhost", Content::Pdf("Comite de pilotage - compte rendu")),
    ("Réseau biodiversité", "Fiches pratiques", "Nichoirs.pdf", "correspondant.dvd@parvis.localhost", Content::Pdf("Fiche pratique : installer des nichoirs")),
    ("Réseau biodiversité", "", "Inventaire des espèces.csv", "agent@parvis.localhost", Content::Text("espèce;site;date\nmésange charbonnière;square du Temple;2026-04-12\nhérisson;parc Montsouris;2026-05-03\n")),
    ("Réseau biodiversité", "Fiches pratiques", "Nichoirs.pdf", "correspondante.dpe@parvis.localhost", Content::Pdf("Fiche pratique : installer des nichoirs (v2, avec les hauteurs)")),
    ("Équipe toitures végétalisées", "", "Planning chantier.txt", "agent@parvis.localhost", Content::Text("Semaine 1 : étanchéité\nSemaine 2 : substrat\n")),
    ("Équipe toitures végétalisées", "Photos", "Toiture nord.png", "agent@parvis.localhost", Content::Png),
    ("Équipe toitures végétalisées", "", "Planning chantier.txt", "agent@parvis.localhost", Content::Text("Semaine 1 : étanchéité\nSemaine 2 : substrat\nSemaine 3 : plantations (sédums)\n")),
];

/// A valid one-page PDF showing `line` (ASCII; parentheses and backslashes escaped).
fn pdf(line: &str) -> Vec<u8> {
    let text: String = line
        .chars()
        .filter(char::is_ascii)
        .flat_map(|c| match c {
            '(' | ')' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The folder `path` (`A/B`) of a space, made if missing; `None` for "".
async fn folder(
    db: &Db,
    space: i64,
    path: &str,
    by: i64,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut parent: Option<i64> = None;
    for name in path.split('/').filter(|n| !n.is_empty()) {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM space_folders WHERE space_id = $1 AND COALESCE(parent_id, 0) = $2 AND name = $3",
        )
        .bind(space)
        .bind(parent.unwrap_or(0))
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
        parent = Some(match found {
            Some(id) => id,
            None => match documents::create_folder(db, space, parent, name, by, at).await {
                Ok(id) => id,
                Err(documents::FolderError::Db(e)) => return Err(e),
                Err(other) => return Err(sqlx::Error::Protocol(other.to_string())),
            },
        });
    }
    Ok(parent)
}

/// Loads the demo documents when no space has any; skips a file whose space or uploader is
/// missing.
pub async fn load(db: &Db, storage: &Storage, at: i64) -> Result<(), sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_documents")
        .fetch_one(&db.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    for (n, (space_name, path, name, email, content)) in FILES.iter().enumerate() {
        let space: Option<i64> = sqlx::query_scalar("SELECT id FROM spaces WHERE name = $1")
            .bind(*space_name)
            .fetch_optional(&db.pool)
            .await?;
        let by: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(*email)
            .fetch_optional(&db.pool)
            .await?;
        let (Some(space), Some(by)) = (space, by) else {
            continue;
        };
        // A day between versions, the first ones a fortnight ago.
        let when = at - (FILES.len() - n) as i64 * 86_400;
        let folder = folder(db, space, path, by, when).await?;
        let bytes = match content {
            Content::Pdf(line) => pdf(line),
            Content::Text(text) => text.as_bytes().to_vec(),
            Content::Png => PNG.to_vec(),
        };
        let content_type = crate::espaces::server::documents_sniff::sniff(&bytes);
        let key = StorageKey::new(format!("espaces/{space}/documents/demo-{n}"))
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        storage
            .put_bytes(&key, bytes.clone())
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let added = documents::add_version(
            db,
            &NewVersion {
                space_id: space,
                folder,
                name,
                key: &key,
                size: bytes.len() as u64,
                content_type,
                by,
                at: when,
                quota_bytes: u64::MAX,
            },
        )
        .await;
        match added {
            Ok(_) => {}
            Err(documents::VersionError::Db(e)) => return Err(e),
            Err(other) => return Err(sqlx::Error::Protocol(other.to_string())),
        }
    }
    Ok(())
}
