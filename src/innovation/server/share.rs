//! The sharing data of a fiche page: canonical address, Open Graph text and image (the
//! fiche's first image, else the site's), and the schema.org Article (headline, image,
//! datePublished, dateModified, author). Dates are RFC 3339 (`feeds::rfc3339`).

use crate::{
    innovation::types::FicheView,
    server::{
        config::Config,
        feeds::rfc3339,
        share::{first_image, DEFAULT_IMAGE},
    },
    ui::share::SharePage,
};
use serde_json::json;

/// The sharing data of a fiche page; `first_published_at` is when the fiche was first
/// published, `fiche.published_at` when this revision was.
pub fn fiche(config: &Config, fiche: &FicheView, first_published_at: i64) -> SharePage {
    let url = config.public_link(&format!("/innovation/fiches/{}", fiche.id));
    let image = [&fiche.body_html, &fiche.results_html, &fiche.lessons_html]
        .into_iter()
        .find_map(|html| first_image(config, html))
        .unwrap_or_else(|| config.public_link(DEFAULT_IMAGE));
    let article = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": fiche.title,
        "abstract": fiche.summary,
        "description": fiche.summary,
        "url": url,
        "mainEntityOfPage": url,
        "image": [image],
        "inLanguage": fiche.language,
        "datePublished": rfc3339(first_published_at),
        "dateModified": rfc3339(fiche.published_at),
        "author": { "@type": "Person", "name": fiche.author },
        "publisher": { "@type": "Organization", "name": "Parvis", "url": config.public_link("/") },
        "keywords": fiche.tags.join(", "),
        "contentLocation": { "@type": "Place", "name": format!("{}, {}", fiche.city, fiche.country) },
    });
    SharePage {
        title: fiche.title.clone(),
        description: fiche.summary.clone(),
        url,
        image,
        kind: "article".into(),
        structured_data: article,
    }
}
