//! The line diff between two texts (`similar`'s Myers diff), as `ui::line_diff` shows it.

use crate::ui::line_diff::DiffLine;
use similar::{ChangeTag, TextDiff};
use std::time::{Duration, Instant};

/// How long a diff may search for the smallest one (then it settles for a coarser diff): any
/// reader may ask for one between two long texts.
const DEADLINE: Duration = Duration::from_millis(300);

/// Every line of `old` and `new` in order, each kept, removed (from `old`) or added (in
/// `new`), without its line ending.
pub fn between(old: &str, new: &str) -> Vec<DiffLine> {
    TextDiff::configure()
        .deadline(Instant::now() + DEADLINE)
        .diff_lines(old, new)
        .iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => "same",
                ChangeTag::Insert => "added",
                ChangeTag::Delete => "removed",
            }
            .into(),
            text: change.value().trim_end_matches(['\n', '\r']).to_string(),
        })
        .collect()
}
