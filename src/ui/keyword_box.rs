//! The words box of a search page. Without JavaScript it is a field of the page's GET form;
//! once the WASM runs, the results follow the typing: after [`QUIET`] without a key, the
//! page moves to the search with those words, replacing the current history entry (the back
//! button leaves the search rather than stepping through each word typed).

use crate::query_text::bounded;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use std::time::Duration;

/// How long the typing must pause before the search follows it.
pub const QUIET: Duration = Duration::from_millis(300);

/// An `<input type="search" name="q">` with id `id`; `words` are the search's words as the
/// URL holds them, `follow(words)` the URL of the search with the words typed.
#[component]
pub fn KeywordBox(
    id: &'static str,
    #[prop(into)] words: Signal<String>,
    follow: impl Fn(String) -> String + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    // Typed and not yet followed by the URL.
    let pending = StoredValue::new(false);
    let navigate = use_navigate();
    let mut on_pause = debounce(QUIET, move |typed: String| {
        pending.set_value(false);
        // A space more or less is the same search: no new load for it.
        if bounded(&typed) != words.get_untracked() {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&follow(typed), options);
        }
    });
    // The back button (or a link) changes the words: the box shows them, unless it holds
    // typing that the URL is about to follow.
    Effect::new(move |_| {
        let current = words.get();
        if let Some(input) = input.get() {
            if !pending.get_value() && bounded(&input.value()) != current {
                input.set_value(&current);
            }
        }
    });
    view! {
        <input
            id=id
            name="q"
            type="search"
            value=words.get_untracked()
            node_ref=input
            on:input=move |event| {
                pending.set_value(true);
                on_pause(event_target_value(&event));
            }
        />
    }
}
