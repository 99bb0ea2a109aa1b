//! Dates and times as people read them. The server formats them (in the reader's language and
//! time zone, see `server::human_dates`) and sends the words with the machine form, so the
//! browser renders exactly what the server did and the WASM carries no time-zone data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A date, month or instant, formatted on the server for one reader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HumanTime {
    /// The machine form: "2027-06" (a month), "2026-11-30" (a day) or an RFC 3339 instant in
    /// UTC ("2026-11-30T03:37:00Z"), for `<time datetime>`.
    pub iso: String,
    /// The words: "juin 2027", "30 novembre 2026", "30 novembre 2026 à 04 h 37".
    pub text: String,
}

/// `<time datetime="…">words</time>`.
#[component]
pub fn TimeTag(when: HumanTime) -> impl IntoView {
    view! { <time datetime=when.iso>{when.text}</time> }
}
