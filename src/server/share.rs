//! Fills the sharing data of offer and fiche pages (`crate::ui::share::SharePage`): canonical
//! and image addresses made absolute from `server.public_url`, Open Graph text, and the
//! schema.org objects with the fields search engines require (Google's JobPosting: title,
//! description, datePosted, hiringOrganization, jobLocation, validThrough; plus identifier,
//! directApply, employmentType and, for paid internships, baseSalary. Article: headline,
//! image, datePublished, dateModified, author). Dates are RFC 3339 (`feeds::rfc3339`).

use super::{config::Config, feeds::rfc3339, markdown::plain_text};
use crate::{innovation::types::FicheView, stages::types::OfferView, ui::share::SharePage};
use serde_json::json;

/// The image shared for pages that have none of their own (1200 × 630, under `public/`).
pub const DEFAULT_IMAGE: &str = "/partage.png";

/// Longest og:description, in characters.
const DESCRIPTION_MAX: usize = 300;

/// The hourly minimum of the French internship gratification in euros (15 % of the hourly
/// social-security ceiling, Code de l'éducation art. D124-6), for JobPosting's baseSalary.
/// The ceiling changes every 1st of January: update this figure with it (2026: 4.50 €).
pub const GRATIFICATION_HOURLY_EUR: f64 = 4.50;

/// `html`'s text (`markdown::plain_text`: no tags, entities decoded), spaces collapsed, cut at
/// `DESCRIPTION_MAX` characters.
fn excerpt(html: &str) -> String {
    let words = plain_text(html).split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= DESCRIPTION_MAX {
        words
    } else {
        format!("{}…", words.chars().take(DESCRIPTION_MAX - 1).collect::<String>().trim_end())
    }
}

/// The `src` of the first image in sanitised `html`, made absolute.
fn first_image(config: &Config, html: &str) -> Option<String> {
    let tag = &html[html.find("<img ")?..];
    let tag = &tag[..tag.find('>')?];
    let src = &tag[tag.find("src=\"")? + 5..];
    let src = &src[..src.find('"')?];
    let src = src.replace("&amp;", "&");
    if src.starts_with('/') && !src.starts_with("//") {
        Some(config.public_link(&src))
    } else if src.starts_with("https://") || src.starts_with("http://") {
        Some(src)
    } else {
        None
    }
}

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
    SharePage { title: fiche.title.clone(), description: fiche.summary.clone(), url, image, kind: "article".into(), structured_data: article }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_and_images() {
        assert_eq!(excerpt("<p>Jardins &amp; <em>mares</em></p>\n<p>ok</p>"), "Jardins & mares ok");
        assert!(excerpt(&"mot ".repeat(200)).chars().count() <= DESCRIPTION_MAX);
        let config = Config::default();
        let site = config.public_link("");
        assert_eq!(first_image(&config, "<p><img src=\"/innovation/images/a.png\" alt=\"\"></p>"), Some(format!("{site}/innovation/images/a.png")));
        assert_eq!(first_image(&config, "<p>none</p>"), None);
        assert_eq!(first_image(&config, "<img src=\"//evil.example/x.png\">"), None);
    }
}
