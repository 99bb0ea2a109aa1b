//! Writing Markdown in a form, as Innovation's comments and replies and Espaces' forum do:
//! the field ([`WritingField`]) whose text a quote button adds to, and the quote itself
//! ([`quoted`]).

use crate::{i18n::t, ui::refused_form::kept_value};
use leptos::prelude::*;

/// `body` as a Markdown quote ("> " before each line), then a blank line to write after.
pub fn quoted(author: &str, body: &str) -> String {
    let lines: String = body.lines().map(|l| format!("> {l}\n")).collect();
    format!("> **{author}** :\n{lines}\n")
}

/// The Markdown field (`body`) a member writes a comment or reply in, inside its form;
/// `draft` holds its text, so quoting adds to it.
#[component]
pub fn WritingField(
    draft: RwSignal<String>,
    label: String,
    error: Signal<Option<String>>,
    /// Text the field starts with (a quote asked for by a link, without JavaScript).
    #[prop(default = None)]
    initial: Option<String>,
) -> impl IntoView {
    // Only a refused post without JavaScript, or a quote asked for by a link, has text to
    // show before hydration.
    let kept = kept_value("body").or(initial);
    if let Some(kept) = &kept {
        draft.set(kept.clone());
    }
    view! {
        <div class="field">
            <label for="comment-body">{label}</label>
            <p class="field-hint" id="comment-body-hint">{t("comments-hint")}</p>
            <textarea id="comment-body" name="body" rows="5" required=true aria-describedby="comment-body-hint"
                prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))>{kept}</textarea>
            <p class="field-error" hidden=move || error.get().is_none()>{move || error.get()}</p>
        </div>
    }
}
