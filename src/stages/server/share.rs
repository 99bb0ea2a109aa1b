//! The sharing data of an offer page: canonical address, Open Graph text, and the schema.org
//! `JobPosting` with the fields search engines require (Google's `JobPosting`: title,
//! description, datePosted, hiringOrganization, jobLocation, validThrough; plus identifier,
//! directApply, employmentType and, for paid internships, baseSalary). Dates are RFC 3339
//! (`feeds::rfc3339`).

use crate::{
    server::{
        config::Config,
        feeds::rfc3339,
        share::{excerpt, DEFAULT_IMAGE},
    },
    stages::types::OfferView,
    ui::share::SharePage,
};
use serde_json::json;

/// The hourly minimum of the French internship gratification in euros (15 % of the hourly
/// social-security ceiling, Code de l'éducation art. D124-6), for `JobPosting`'s `baseSalary`.
/// The ceiling changes every 1st of January: update this figure with it (2026: 4.50 €).
pub const GRATIFICATION_HOURLY_EUR: f64 = 4.50;

/// The sharing data of an offer page.
pub fn offer(config: &Config, offer: &OfferView) -> SharePage {
    let url = config.public_link(&format!("/stages/offres/{}", offer.id));
    let mut posting = json!({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        "description": format!("{}{}", offer.description_html, offer.profile_html),
        "identifier": { "@type": "PropertyValue", "name": "Parvis", "value": offer.id.to_string() },
        "url": url,
        "employmentType": "INTERN",
        "directApply": true,
        "hiringOrganization": { "@type": "Organization", "name": offer.direction.name, "sameAs": config.public_link("/") },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": offer.address,
                "addressLocality": "Paris",
                "addressRegion": "Île-de-France",
                "postalCode": offer.arrondissement.map(|a| format!("750{a:02}")),
                "addressCountry": "FR",
            },
        },
        "validThrough": offer.deadline,
    });
    if let Some(at) = offer.published_at {
        posting["datePosted"] = json!(rfc3339(at));
    }
    if offer.remote_days > 0 {
        posting["jobLocationType"] = json!("TELECOMMUTE");
        posting["applicantLocationRequirements"] = json!({ "@type": "Country", "name": "FR" });
    }
    if offer.paid {
        posting["baseSalary"] = json!({
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": { "@type": "QuantitativeValue", "value": GRATIFICATION_HOURLY_EUR, "unitText": "HOUR" },
        });
    }
    SharePage {
        title: offer.title.clone(),
        description: excerpt(&offer.description_html),
        image: config.public_link(DEFAULT_IMAGE),
        kind: "website".into(),
        url,
        structured_data: posting,
    }
}
