//! Independence checks: signs that a fiche promotes a vendor or a city. They do not refuse
//! anything; they make the editor look (and acknowledge) before publishing. The rules are
//! shown to everyone at /innovation/regles. Server only: the checks run when a fiche is
//! reviewed, with the one text normalisation of `server::text`.

use crate::innovation::types::{FicheInput, Warning};

/// Top-level domains of commercial sites; links to them are flagged.
const COMMERCIAL_TLDS: &[&str] = &[
    "com", "shop", "store", "biz", "io", "co", "app", "tech", "online", "company", "sale",
];

/// Superlatives and promotional claims (French and English, compared accent-insensitively
/// in lower case).
const SUPERLATIVES: &[&str] = &[
    "le meilleur",
    "la meilleure",
    "les meilleurs",
    "leader du marche",
    "leader mondial",
    "numero un",
    "n°1",
    "revolutionnaire",
    "incontournable",
    "inegale",
    "sans equivalent",
    "exceptionnel",
    "the best",
    "best-in-class",
    "world-class",
    "market leader",
    "leading provider",
    "number one",
    "revolutionary",
    "unrivalled",
    "unbeatable",
    "game-changer",
];

/// Calls to buy or to contact a seller.
const CALLS_TO_BUY: &[&str] = &[
    "achetez",
    "commandez",
    "demandez un devis",
    "demandez une demo",
    "contactez notre equipe commerciale",
    "offre speciale",
    "offre promotionnelle",
    "prix imbattable",
    "buy now",
    "order now",
    "request a quote",
    "request a demo",
    "contact our sales",
    "special offer",
    "limited offer",
    "get a discount",
];

/// The one text normalisation of Parvis (accents, case, ligatures; `server::text::fold`):
/// prose, brand names and the phrases above are compared in this form.
fn fold(text: &str) -> String {
    crate::server::text::fold(text)
}

/// The host of each http(s) link in `text` (Markdown links, bare links, one per line lists).
fn hosts(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("http") {
        let rest = &text[at..];
        let Some(after) = rest
            .strip_prefix("https://")
            .or_else(|| rest.strip_prefix("http://"))
        else {
            continue;
        };
        let host: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
            .collect();
        if !host.is_empty() && !found.contains(&host) {
            found.push(host.to_lowercase());
        }
    }
    found
}

/// True when `phrase` (folded) occurs in `folded` on word boundaries.
fn contains_phrase(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(at, _)| {
        let before = folded[..at].chars().next_back();
        let after = folded[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every sign of promotion in the fiche's texts; `brands` is the admin-kept list of brand
/// and product names.
pub fn warnings(fiche: &FicheInput, brands: &[String]) -> Vec<Warning> {
    let prose = [
        &fiche.title,
        &fiche.summary,
        &fiche.body,
        &fiche.results,
        &fiche.lessons,
        &fiche.funding,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect::<Vec<_>>()
    .join("\n");
    let folded = fold(&prose);
    let mut out = Vec::new();
    for host in hosts(&format!("{prose}\n{}", fiche.sources)) {
        if host
            .rsplit('.')
            .next()
            .is_some_and(|tld| COMMERCIAL_TLDS.contains(&tld))
        {
            out.push(Warning {
                kind: "link".into(),
                excerpt: host,
            });
        }
    }
    for brand in brands {
        let name = fold(brand.trim());
        if !name.is_empty() && contains_phrase(&folded, &name) {
            out.push(Warning {
                kind: "brand".into(),
                excerpt: brand.trim().to_string(),
            });
        }
    }
    for (kind, list) in [("superlative", SUPERLATIVES), ("call-to-buy", CALLS_TO_BUY)] {
        for phrase in list.iter().filter(|p| contains_phrase(&folded, &fold(p))) {
            out.push(Warning {
                kind: kind.into(),
                excerpt: (*phrase).to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fiche(body: &str, sources: &str) -> FicheInput {
        FicheInput {
            title: "Vélos partagés".into(),
            body: body.into(),
            sources: sources.into(),
            ..Default::default()
        }
    }

    #[test]
    fn promotion_is_flagged_and_plain_reporting_is_not() {
        let plain = fiche(
            "La ville a évalué le service en 2019 ([rapport](https://www.paris.fr/rapport)).",
            "https://fr.wikipedia.org/wiki/Velib\nhttps://www.apur.org/etude",
        );
        assert!(
            warnings(&plain, &["Smoove".into()]).is_empty(),
            "{:?}",
            warnings(&plain, &["Smoove".into()])
        );

        let promo =
            fiche("La solution **Smoove**, leader du marché, est révolutionnaire : demandez un devis sur [le site](https://smoove.com/offre) !", "https://smoove.shop/promo");
        let kinds: Vec<(String, String)> = warnings(&promo, &["Smoove".into(), "Acme".into()])
            .into_iter()
            .map(|w| (w.kind, w.excerpt))
            .collect();
        for expected in [
            ("link", "smoove.com"),
            ("link", "smoove.shop"),
            ("brand", "Smoove"),
            ("superlative", "leader du marche"),
            ("superlative", "revolutionnaire"),
            ("call-to-buy", "demandez un devis"),
        ] {
            assert!(
                kinds
                    .iter()
                    .any(|(k, e)| k == expected.0 && e == expected.1),
                "{expected:?} missing in {kinds:?}"
            );
        }
        assert!(!kinds.iter().any(|(_, e)| e == "Acme"));
        // Whole words only: "exceptionnellement" is not "exceptionnel".
        assert!(warnings(&fiche("Un hiver exceptionnellement doux.", ""), &[]).is_empty());
    }
}
