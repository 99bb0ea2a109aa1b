//! A line diff between two revisions of a fiche, over a plain-text rendering of every field.

use crate::innovation::types::{DiffLine, FicheInput};

/// The fiche as lines of text: each field under its name, so a diff says what changed where.
pub fn as_text(fiche: &FicheInput) -> String {
    let fields = fiche
        .fields
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    [
        ("title", &fiche.title),
        ("language", &fiche.language),
        ("summary", &fiche.summary),
        ("body", &fiche.body),
        ("fields", &fields),
        ("city", &fiche.city),
        ("country", &fiche.country),
        ("year_started", &fiche.year_started),
        ("maturity", &fiche.maturity),
        ("cost_range", &fiche.cost_range),
        ("funding", &fiche.funding),
        ("results", &fiche.results),
        ("lessons", &fiche.lessons),
        ("sources", &fiche.sources),
        ("contact", &fiche.contact),
        ("tags", &fiche.tags),
        ("interests", &fiche.interests),
    ]
    .iter()
    .map(|(name, value)| format!("[{name}]\n{value}\n"))
    .collect()
}

pub fn diff(old: &FicheInput, new: &FicheInput) -> Vec<DiffLine> {
    crate::server::line_diff::between(&as_text(old), &as_text(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_lines_are_marked() {
        let old = FicheInput {
            title: "Vélos".into(),
            body: "Ligne une\nLigne deux".into(),
            ..Default::default()
        };
        let new = FicheInput {
            title: "Vélos".into(),
            body: "Ligne une\nLigne 2".into(),
            ..Default::default()
        };
        let lines = diff(&old, &new);
        assert!(lines
            .iter()
            .any(|l| l.kind == "removed" && l.text == "Ligne deux"));
        assert!(lines
            .iter()
            .any(|l| l.kind == "added" && l.text == "Ligne 2"));
        assert!(lines.iter().any(|l| l.kind == "same" && l.text == "Vélos"));
    }
}
