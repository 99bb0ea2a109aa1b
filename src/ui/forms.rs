//! Accessible form pieces: labelled fields with their error, the form's error summary.
//! Text fields and selects show what the visitor typed when a post without JavaScript was
//! refused (see `super::refused_form`).

use super::refused_form::{kept_value, refusal_answered, use_refused_form};
use crate::{error::AppError, i18n::t};
use leptos::prelude::*;

/// The translated error of `field` in the last result of an action, if any.
pub fn field_error<T: Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
    field: &'static str,
) -> Signal<Option<String>> {
    let value = value.into();
    Signal::derive(move || {
        value.with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err())
                .and_then(|e| e.field_key(field))
                .map(t)
        })
    })
}

/// The element id of the input named `name` ("offer[title]" gives "field-offer-title").
pub fn field_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("field-{}", cleaned.trim_matches('-').replace("--", "-"))
}

/// The frame every field shares: label, optional hint, the input (children), its error.
/// `id` is the input's id; the hint and error ids derive from it.
#[component]
pub fn FieldFrame(
    id: String,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
            {children()}
            <p class="field-error" id=error_id hidden=move || error.get().is_none()>{move || error.get()}</p>
        </div>
    }
}

/// A multi-line text field.
#[component]
pub fn TextArea(
    name: &'static str,
    label: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let id = field_id(name);
    let described = described_by(hint.is_some(), &id, error);
    let value = kept_value(name).or(value);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <textarea
                id=id
                name=name
                rows="8"
                required=!optional
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
        </FieldFrame>
    }
}

/// The `aria-describedby` of a field: its hint, and its error while there is one.
fn described_by(
    has_hint: bool,
    id: &str,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let ids: Vec<&str> = [
            has_hint.then_some(hint_id.as_str()),
            error.get().is_some().then_some(error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
pub fn TextField(
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Not required (the server still checks the value).
    #[prop(optional)]
    optional: bool,
    /// The input's id, where a page has two fields of one name (else `field_id(name)`).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let id = id.map_or_else(|| field_id(name), str::to_string);
    let described = described_by(hint.is_some(), &id, error);
    let value = kept_value(name).or(value);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                required=!optional
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
            />
        </FieldFrame>
    }
}

/// A password input with a show/hide button. The button works once the page has hydrated;
/// without JavaScript the field is a plain password input.
#[component]
pub fn PasswordField(
    name: &'static str,
    label: String,
    #[prop(default = "current-password")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Not required (a partner may join without a password).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let id = field_id(name);
    let described = described_by(hint.is_some(), &id, error);
    view! {
        <FieldFrame id=id.clone() label hint error>
            <div class="password-row">
                <input
                    id=id.clone()
                    name=name
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    required=!optional
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described
                />
                <button
                    type="button"
                    class="secondary show-password"
                    aria-controls=id
                    aria-pressed=move || if visible.get() { "true" } else { "false" }
                    on:click=move |_| visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { t("password-hide") } else { t("password-show") }}
                </button>
            </div>
        </FieldFrame>
    }
}

/// The general message of a failed action, announced to screen readers. A refusal of a post
/// without JavaScript is already announced at the top of the page (`RefusalAlert`), so it is
/// not repeated here while that alert stands.
#[component]
pub fn FormError<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    let announced = use_refused_form().map(|refused| refused.error);
    let answered = refusal_answered();
    let message = Signal::derive(move || {
        value.with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().err())
                .filter(|e| answered.get() || Some(*e) != announced.as_ref())
                .map(|e| t(e.message_key()))
        })
    });
    view! {
        <div class="alert alert-error" role="alert" hidden=move || message.with(Option::is_none)>{message}</div>
    }
}

/// A confirmation once the action succeeded.
#[component]
pub fn FormSuccess<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
    message: String,
) -> impl IntoView {
    let done = move || value.with(|v| matches!(v, Some(Ok(_))));
    view! { <div class="alert alert-success" role="status" hidden=move || !done()>{message}</div> }
}

/// Runs `then` with each success `value` receives from now on (in the browser: actions run
/// there). A success already there when this is called is not a new one: a part of the page
/// rebuilt by a refetch calls this again with the action that caused it. A success also ends
/// a refusal the page was sent back with (`refused_form::spend_refused_form`).
pub fn on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
    then: impl Fn(&T) + 'static,
) {
    let value = value.into();
    // The effect runs under an owner of the page: it reads the page's contexts.
    Effect::new(move |previous: Option<()>| {
        value.with(|v| {
            if let (Some(()), Some(Ok(done))) = (previous, v) {
                super::refused_form::spend_refused_form();
                then(done);
            }
        })
    });
}

/// How a page loads its data again after one of its actions succeeded: it refetches the
/// resource its `Transition` reads (see README "Development notes" for why this is safe only
/// for the page's own resources). Provided by [`provide_refetch`] at the top of the page
/// component, or around a part of the page with its own load (`<Provider value=Refetch::new(…)>`).
#[derive(Clone, Copy)]
pub struct Refetch(Callback<()>);

impl Refetch {
    /// A refetch that runs `load` (typically `move || resource.refetch()`).
    pub fn new(load: impl Fn() + Send + Sync + 'static) -> Self {
        Self(Callback::new(move |()| load()))
    }
}

/// Makes `load` the way the forms of this page show what their action changed.
pub fn provide_refetch(load: impl Fn() + Send + Sync + 'static) {
    provide_context(Refetch::new(load));
}

/// Once `value` holds a success, loads the page's data again (the nearest [`Refetch`]), so
/// the page shows the change without a full load. A page that provides no `Refetch` is
/// reloaded whole.
pub fn refetch_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
) {
    match use_context::<Refetch>() {
        Some(Refetch(load)) => on_success(value, move |_| load.run(())),
        None => on_success(value, |_| reload_page()),
    }
}

/// Once `value` holds a success, opens `to` in the app (client-side navigation: the page
/// there loads its own data). For a form whose work continues on another page (a saved offer
/// opens its page); a change to the signed-in user uses [`load_page_on_success`] instead.
pub fn open_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
    to: impl Fn(&T) -> String + 'static,
) {
    let navigate = leptos_router::hooks::use_navigate();
    on_success(value, move |done| navigate(&to(done), Default::default()));
}

/// Once `value` holds a success, loads `to` as a new page: the hydrated counterpart of the
/// server's redirect after a plain form post. A full load, not client-side navigation: signing
/// in, up or out changes the signed-in user, which the header and every page read from one
/// resource of the whole app, and refetching it while the router builds the next page is the
/// fault README "Development notes" describes.
pub fn load_page_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
    to: impl Fn(&T) -> String + 'static,
) {
    on_success(value, move |done| {
        let target = to(done);
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&target);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = target;
    });
}

/// Reloads the whole page (in the browser).
fn reload_page() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// A labelled select whose options are (value, label) pairs; "—" stands for no choice.
#[component]
pub fn Select(
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    selected: String,
    error: Signal<Option<String>>,
    /// "—" is an answer (the server still checks the value).
    #[prop(optional)]
    optional: bool,
) -> impl IntoView {
    let id = field_id(name);
    let selected = kept_value(name).unwrap_or(selected);
    view! {
        <FieldFrame id=id.clone() label hint=None error>
            <select id=id name=name required=!optional aria-invalid=move || error.get().is_some().then_some("true")>
                <option value="">"—"</option>
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}
