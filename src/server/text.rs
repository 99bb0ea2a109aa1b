//! Text as Parvis matches it. One normalisation, [`fold`], is applied to both sides of every
//! comparison — what is stored for searching and what is typed — so that decomposed accents
//! (`e` + U+0301), capitals of any script, ligatures and letters outside French ("œ", "æ",
//! "ß", "ø", "ł", "ñ", "å", "ı") meet their plain forms. On top of it, search terms: folded
//! words, stop words dropped, Snowball stemming (rust-stemmers) of the folded word, so
//! "Jardins écologiques" and "jardin ecologique" meet. French by default; `bilingual_*` also
//! stems in English, for texts written in either language.
//!
//! Stored terms depend on this file: change [`NORMALISATION_VERSION`] with any change here,
//! and every stored term is rebuilt at the next start (`server::text_rebuild`).

use caseless::Caseless;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The version of [`fold`] and of the search terms; stored terms of an older version are
/// rebuilt at start. 0 is what databases held before one normalisation (accents folded by
/// a table after stemming).
pub const NORMALISATION_VERSION: i64 = 1;

const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "et", "la", "le",
    "les", "leur", "leurs", "mais", "ou", "par", "pour", "sur", "un", "une", "vos", "votre",
    "nous", "vous", "d", "l", "s", "qu", "que", "qui", "the", "of", "and", "to", "in",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::French))
}

fn english() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// `text` in the one form Parvis compares text in: lower-case ASCII.
///
/// Steps: canonical decomposition (NFD, so a precomposed "é" and `e` + U+0301 are one), lower
/// case then full Unicode case folding ("ẞ" → "ss"), canonical composition (NFC), combining
/// marks that did not compose removed, transliteration to ASCII of the composed letters and
/// of compatibility forms (deunicode: "é" → "e", "œ" → "oe", "æ" → "ae", "ø" → "o",
/// "ł" → "l", "ﬁ" → "fi", full-width "Ａ" → "a", "Москва" → "moskva"), then ASCII lower case.
/// (Composing before transliterating keeps deunicode's own reading of a letter: NFKC or
/// stripping marks from the decomposed form would read "Ǯ" as "z", deunicode reads "zh".) Characters
/// deunicode does not know vanish. Spacing and punctuation are kept (as ASCII), so word and
/// phrase boundaries survive.
pub fn fold(text: &str) -> String {
    // The standard library's lower case first: its Unicode tables are the newest, so a
    // capital it knows folds as its lower-case letter even where caseless's tables are older.
    let lower = text.nfd().collect::<String>().to_lowercase();
    let composed: String = lower
        .chars()
        .default_case_fold()
        .nfc()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    let mut ascii = deunicode::deunicode_with_tofu_cow(&composed, "").into_owned();
    ascii.make_ascii_lowercase();
    ascii
}

/// The key text is compared by when the database compares it whole (a member's name, a
/// city, a tag, a followed place): its folded words joined by one space, so spacing and
/// punctuation do not matter either ("Jean-Pierre  Öztürk" and "jean pierre ozturk").
pub fn key(text: &str) -> String {
    words(&fold(text)).collect::<Vec<_>>().join(" ")
}

/// The words of folded text (runs of ASCII letters and digits).
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The distinct search terms of `text`, in order of first appearance.
pub fn terms(text: &str) -> Vec<String> {
    terms_with(text, stemmer())
}

/// The distinct search terms of what someone typed into a search box: the text bounded by
/// [`crate::query_text::bounded`], then at most [`crate::query_text::MAX_QUERY_WORDS`] terms.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms = terms(&crate::query_text::bounded(query));
    terms.truncate(crate::query_text::MAX_QUERY_WORDS);
    terms
}

/// Each word typed into a search box (bounded as in [`query_terms`]) as its (French,
/// English) stems: a word matches a text in either language when either stem is among the
/// text's bilingual terms.
pub fn bilingual_words(query: &str) -> Vec<(String, String)> {
    let query = crate::query_text::bounded(query);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for word in words(&fold(&query)).filter(|w| !STOP_WORDS.contains(w)) {
        let pair = (
            stemmer().stem(word).into_owned(),
            english().stem(word).into_owned(),
        );
        if !pair.0.is_empty() && !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs.truncate(crate::query_text::MAX_QUERY_WORDS);
    pairs
}

/// The distinct search terms of a text that may be French or English: both stemmings, as
/// stored in a terms table (`fiche_terms`, `thread_terms`) that [`bilingual_words`] match.
pub fn bilingual_terms(text: &str) -> Vec<String> {
    let mut all = terms_with(text, stemmer());
    let mut known: std::collections::HashSet<String> = all.iter().cloned().collect();
    for term in terms_with(text, english()) {
        if known.insert(term.clone()) {
            all.push(term);
        }
    }
    all
}

fn terms_with(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut known = std::collections::HashSet::new();
    for word in words(&fold(text)).filter(|w| !STOP_WORDS.contains(w)) {
        // The stemmer sees the folded word, on the stored side and the typed side alike.
        let stem = stemmer.stem(word).into_owned();
        if !stem.is_empty() && known.insert(stem.clone()) {
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

/// The folded words of what someone typed (bounded as in [`query_terms`]), for matching
/// short texts in Rust with [`contains_all_words`] (no stemming: parts of words match).
pub fn query_words(query: &str) -> Vec<String> {
    let query = fold(&crate::query_text::bounded(query));
    let mut found: Vec<String> = Vec::new();
    for word in words(&query) {
        if !found.iter().any(|w| w == word) {
            found.push(word.to_string());
        }
    }
    found.truncate(crate::query_text::MAX_QUERY_WORDS);
    found
}

/// True when every one of `words` ([`query_words`]) occurs in `text` once folded, as a
/// whole word or a part of one ("ozt" finds "Öztürk"). For the member directory.
pub fn contains_all_words(text: &str, words: &[String]) -> bool {
    let text = fold(text);
    words.iter().all(|word| text.contains(word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn accents_plurals_and_case_meet() {
        assert_eq!(terms("Jardins écologiques"), terms("jardin ecologique"));
        assert_eq!(terms("Stage"), terms("stages"));
        assert_eq!(terms("Développeur"), terms("developpeurs"));
        assert_eq!(
            terms("activité"),
            terms("activite"),
            "the stemmer sees the folded word"
        );
        assert!(
            terms("le stage de la ville").len() == 2,
            "stop words dropped"
        );
        assert!(stored("Mares").starts_with(' ') && stored("Mares").ends_with(' '));
        let english = bilingual_terms("Cities sharing bicycles");
        assert!(bilingual_words("bicycle city")
            .iter()
            .all(|(fr, en)| english.contains(fr) || english.contains(en)));
        let both = bilingual_terms("vélos vélos bicycles");
        assert_eq!(
            both.len(),
            both.iter().collect::<std::collections::HashSet<_>>().len(),
            "each term once: {both:?}"
        );
    }

    #[test]
    fn decomposed_accents_ligatures_and_world_letters_fold() {
        assert_eq!(terms("e\u{301}cologie"), terms("écologie"));
        assert_eq!(terms("ÉCOLOGIE"), terms("écologie"));
        assert_eq!(terms("mise en oeuvre"), terms("mise en œuvre"));
        assert_ne!(terms("ouvrir"), terms("œuvre"), "œ is oe, not o");
        for (written, plain) in [
            ("œ", "oe"),
            ("Æ", "ae"),
            ("ß", "ss"),
            ("ẞ", "ss"),
            ("ø", "o"),
            ("Ł", "l"),
            ("ñ", "n"),
            ("å", "a"),
            ("ã", "a"),
            ("ı", "i"),
            ("İ", "i"),
            ("ﬁ", "fi"),
            ("Ａ", "a"),
            ("Москва", "moskva"),
        ] {
            assert_eq!(fold(written), plain, "{written}");
        }
        assert_eq!(fold("Émile Öztürk"), "emile ozturk");
        assert_eq!(fold("E\u{301}MILE O\u{308}ZTU\u{308}RK"), "emile ozturk");
        assert_eq!(key(" Jean-Pierre  Öztürk. "), "jean pierre ozturk");
    }

    #[test]
    fn directory_words_match_inside_folded_text() {
        for typed in [
            "Émile",
            "émile",
            "Öztürk",
            "ozturk",
            "Émile Öztürk",
            "ÉMILE ÖZTÜRK",
            "ozt",
            "E\u{301}mile",
        ] {
            assert!(
                contains_all_words("Émile Öztürk, Lyon", &query_words(typed)),
                "{typed}"
            );
        }
        assert!(!contains_all_words(
            "Émile Öztürk",
            &query_words("emile dupont")
        ));
    }

    #[test]
    fn queries_are_bounded() {
        let long: String = (0..996).map(|n| format!("mot{n} ")).collect();
        assert_eq!(query_terms(&long).len(), crate::query_text::MAX_QUERY_WORDS);
        assert_eq!(
            bilingual_words(&long).len(),
            crate::query_text::MAX_QUERY_WORDS
        );
        assert!(query_terms(&"a".repeat(130_000)).len() <= 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Any string, its NFD form, its upper case and its transliteration give the same
        /// search terms.
        #[test]
        fn forms_of_one_text_give_the_same_terms(text in any::<String>()) {
            let expected = terms(&text);
            prop_assert_eq!(&terms(&text.nfd().collect::<String>()), &expected, "NFD");
            prop_assert_eq!(&terms(&text.nfc().collect::<String>()), &expected, "NFC");
            prop_assert_eq!(&terms(&text.to_uppercase()), &expected, "upper case");
            prop_assert_eq!(&terms(&fold(&text)), &expected, "transliterated");
        }

        /// The same on text written in the Latin alphabets a worldwide community uses, where
        /// the transliteration is also a plain `deunicode` of the text.
        #[test]
        fn latin_text_and_its_ascii_form_give_the_same_terms(text in "[ a-zA-Z0-9À-ſ'’.,-]{0,40}") {
            prop_assert_eq!(terms(&deunicode::deunicode(&text)), terms(&text));
        }
    }
}
