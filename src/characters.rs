//! Characters that user text may not hold: one rule for every text field at input, and the
//! same rule stripping them from every XML document at output.
//!
//! XML 1.0 (§2.2, `Char`) forbids the C0 control characters except tab, line feed and carriage
//! return, and U+FFFE/U+FFFF (lone surrogates cannot occur in a Rust string). A single one in an
//! offer title made the whole offers feed unreadable for every subscriber. We also refuse DEL
//! and the C1 controls (U+007F–U+009F): XML allows them but discourages them, they print as
//! nothing or as garbage, and no title, comment or name legitimately holds one. Tab, line feed
//! and carriage return stay allowed (multi-line texts have them).

use crate::error::{AppError, FieldError};
use serde::Serialize;
use std::borrow::Cow;

/// The translation key of the field message for a refused character.
pub const REFUSED_KEY: &str = "field-characters";

/// True for a character no user text may hold (see the module documentation).
pub fn is_refused(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The field error for `field` when `text` holds a refused character.
pub fn refused_in(field: &str, text: &str) -> Option<FieldError> {
    text.contains(is_refused).then(|| FieldError {
        field: field.into(),
        key: REFUSED_KEY.into(),
    })
}

impl AppError {
    /// `text` trimmed, or the error of `field` when it is empty, longer than `max` characters
    /// or holds a character no text may hold. (A method of `AppError` kept here, beside the
    /// character rule, so that `error.rs` needs nothing from this module.)
    pub fn required_text(field: &str, text: &str, max: usize) -> Result<String, AppError> {
        let text = text.trim();
        check(field, text)?;
        if text.is_empty() {
            Err(AppError::field(field, "field-required"))
        } else if text.chars().count() > max {
            Err(AppError::field(field, "field-too-long"))
        } else {
            Ok(text.to_string())
        }
    }
}

/// `Err(AppError::Invalid)` naming `field` (422) when `text` holds a refused character.
pub fn check(field: &str, text: &str) -> Result<(), AppError> {
    match refused_in(field, text) {
        Some(error) => Err(AppError::Invalid(vec![error])),
        None => Ok(()),
    }
}

/// One error per field of `input` (a form's whole input struct) whose text holds a refused
/// character, named by the struct's field name; strings inside lists and nested structs count
/// for their top-level field. Walking the serialised form means a field added later is checked
/// without anyone remembering to.
pub fn refused_fields<T: Serialize + ?Sized>(input: &T) -> Vec<FieldError> {
    fn holds_refused(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(text) => text.contains(is_refused),
            serde_json::Value::Array(items) => items.iter().any(holds_refused),
            serde_json::Value::Object(fields) => fields
                .iter()
                .any(|(key, value)| key.contains(is_refused) || holds_refused(value)),
            _ => false,
        }
    }
    match serde_json::to_value(input) {
        Ok(serde_json::Value::Object(fields)) => fields
            .iter()
            .filter(|(_, value)| holds_refused(value))
            .map(|(field, _)| FieldError {
                field: field.clone(),
                key: REFUSED_KEY.into(),
            })
            .collect(),
        Ok(other) if holds_refused(&other) => vec![FieldError {
            field: String::new(),
            key: REFUSED_KEY.into(),
        }],
        _ => Vec::new(),
    }
}

/// [`refused_fields`] as a result, for server functions that take a whole struct.
pub fn check_fields<T: Serialize + ?Sized>(input: &T) -> Result<(), AppError> {
    let errors = refused_fields(input);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// `text` without the refused characters: what every XML document Parvis writes (feeds, the
/// sitemap) places in its text and attributes, so data stored before this rule, or echoed from
/// a query string, can never make a document ill-formed.
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.contains(is_refused) {
        Cow::Owned(text.chars().filter(|c| !is_refused(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_forbidden_and_c1_controls_are_refused_and_stripped() {
        for c in [
            '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1D}', '\u{1F}', '\u{7F}', '\u{85}',
            '\u{9F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(is_refused(c), "{c:?} should be refused");
            assert_eq!(strip(&format!("sta{c}ge")), "stage");
            assert_eq!(
                check("title", &format!("a{c}")),
                Err(AppError::field("title", REFUSED_KEY))
            );
        }
        for c in [
            '\t', '\n', '\r', ' ', 'é', 'œ', '\u{A0}', '\u{200F}', '\u{2028}', '\u{FFFD}', '🌱',
            'ש',
        ] {
            assert!(!is_refused(c), "{c:?} should be allowed");
        }
        assert!(matches!(strip("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn every_field_of_a_struct_is_checked_by_name() {
        #[derive(Serialize)]
        struct Form {
            title: String,
            body: String,
            tags: Vec<String>,
            count: i64,
        }
        let form = Form {
            title: "ok".into(),
            body: "bad\u{1}".into(),
            tags: vec!["x".into(), "y\u{7}".into()],
            count: 3,
        };
        let fields: Vec<String> = refused_fields(&form).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["body", "tags"]);
        assert!(check_fields(&Form {
            title: "t\n\tab".into(),
            body: String::new(),
            tags: vec![],
            count: 0
        })
        .is_ok());
    }
}
