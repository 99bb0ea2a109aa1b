//! Key facts under a page's title (an offer's duration, start, place…, a fiche's place,
//! maturity…): one compact block of label-over-value pairs, as many to a row as the width
//! allows. One class, `key-facts`, styles every such block.

use leptos::prelude::*;

/// The block: a `<dl>` of [`Fact`]s.
#[component]
pub fn KeyFacts(children: Children) -> impl IntoView {
    view! { <dl class="key-facts">{children()}</dl> }
}

/// One fact: its label over its value (`children`).
#[component]
pub fn Fact(label: String, children: Children) -> impl IntoView {
    view! {
        <div class="key-fact">
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}
