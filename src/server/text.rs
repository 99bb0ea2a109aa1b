//! Search terms: lower case, accents folded, stop words dropped, Snowball stemming
//! (rust-stemmers), so "Jardins écologiques" and "jardin ecologique" meet. French by default;
//! `bilingual_*` also stems in English, for texts written in either language.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "et", "la", "le", "les", "leur", "leurs", "mais", "ou", "par", "pour", "sur", "un", "une", "vos",
    "votre", "nous", "vous", "d", "l", "s", "qu", "que", "qui", "the", "of", "and", "to", "in",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

fn english() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn fold(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' => 'y',
        'œ' => 'o',
        'æ' => 'a',
        other => other,
    }
}

/// The distinct search terms of `text`, in order of first appearance.
pub fn terms(text: &str) -> Vec<String> {
    terms_with(text, stemmer())
}

/// Each word of `text` as its (French, English) stems: a word matches a text in either
/// language when either stem is among the text's bilingual terms.
pub fn bilingual_words(text: &str) -> Vec<(String, String)> {
    terms_with(text, stemmer()).into_iter().zip(terms_with(text, english())).collect()
}

/// Terms as stored for a text that may be French or English: both stemmings.
pub fn bilingual_stored(text: &str) -> String {
    let mut all = terms_with(text, stemmer());
    for term in terms_with(text, english()) {
        if !all.contains(&term) {
            all.push(term);
        }
    }
    format!(" {} ", all.join(" "))
}

fn terms_with(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut seen = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        if STOP_WORDS.contains(&lower.as_str()) {
            continue;
        }
        // Stem before folding (the stemmer knows French accents), then fold what remains.
        let stem: String = stemmer.stem(&lower).chars().map(fold).collect();
        if !stem.is_empty() && !seen.contains(&stem) {
            seen.push(stem);
        }
    }
    seen
}

/// Terms as stored: space-separated, with a space on each side so `LIKE '% term %'` matches
/// whole terms only.
pub fn stored(text: &str) -> String {
    format!(" {} ", terms(text).join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_plurals_and_case_meet() {
        assert_eq!(terms("Jardins écologiques"), terms("jardin ecologique"));
        assert_eq!(terms("Stage"), terms("stages"));
        assert_eq!(terms("Développeur"), terms("developpeurs"));
        assert!(terms("le stage de la ville").len() == 2, "stop words dropped");
        assert!(stored("Mares").starts_with(' ') && stored("Mares").ends_with(' '));
        let english = bilingual_stored("Cities sharing bicycles");
        assert!(bilingual_words("bicycle city").iter().all(|(fr, en)| english.contains(&format!(" {fr} ")) || english.contains(&format!(" {en} "))));
    }
}
