//! A line diff between two texts as pages show it (a fiche's revisions, a wiki page's): each
//! line marked kept, added or removed, in a `<pre>` with a sign before each line so it reads
//! without colours too. The server computes it (`server::line_diff`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of a diff between two revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    /// "same", "added" or "removed".
    pub kind: String,
    pub text: String,
}

/// The lines of a diff, `+ ` before an added one and `- ` before a removed one.
#[component]
pub fn LineDiff(lines: Vec<DiffLine>) -> impl IntoView {
    view! {
        <pre class="diff">
            {lines.into_iter().map(|l| {
                let sign = match l.kind.as_str() { "added" => "+ ", "removed" => "- ", _ => "  " };
                view! { <span class=format!("diff-{}", l.kind)>{format!("{sign}{}\n", l.text)}</span> }
            }).collect_view()}
        </pre>
    }
}
