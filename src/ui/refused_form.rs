//! Forms that work without JavaScript, refusals included.
//!
//! Without the WASM, an `ActionForm` is a plain HTML form post to its server function. When
//! the function refuses, server_fn (its `form-redirects` feature, through leptos_axum) sends
//! the browser back to the page it came from (the `Referer`) with `__path` (the server
//! function's URL) and `__err` (the error, JSON in URL-safe base64) added to the query.
//! `crate::server::refused_forms` adds `__form`, a one-time id under which it kept what the
//! visitor typed (passwords left out) in their session.
//!
//! This module reads that back once per page, before any action is created
//! ([`provide_refused_form`], called by the `App`):
//! - every `ServerAction` of that server function starts with the error as its value
//!   (Leptos' own `ServerActionError` context), so `field_error` puts each field's message
//!   next to its field;
//! - [`RefusalAlert`], at the top of every page, gives the general message, even when the
//!   page no longer shows the form (a second application, an offer that just closed);
//! - fields inside a [`ServerForm`] of that server function show what was typed
//!   ([`kept_value`], [`kept_checked`]).
//!
//! The same value reaches the browser as a JSON data block in the page's `<head>`
//! ([`RefusedFormData`], outside the hydrated tree), so a page that hydrates later renders the
//! same thing. (Leptos' `SharedValue` does not fit: the server build does not count it among
//! the hydration data, so the browser's resources would be read off by one.)

use crate::{error::AppError, i18n::t};
use leptos::{
    context::Provider,
    prelude::*,
    server::ServerActionError,
    server_fn::{client::Client, codec::PostUrl, request::ClientReq, Http, ServerFn},
};
use leptos_router::hooks::use_location;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// The query parameter naming the kept fields of a refused plain form post.
pub const KEPT_FORM_PARAM: &str = "__form";

/// A plain form post the server refused, as the page it returned to reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefusedForm {
    /// URL path of the server function that refused (`/api/accounts/sign_in`).
    pub path: String,
    /// The error as server_fn encoded it in `__err` (what `ServerActionError` expects).
    pub encoded_error: String,
    /// The error, decoded.
    pub error: AppError,
    /// What the visitor had typed, by field name, passwords left out; empty when nothing
    /// was kept (no `__form`, an id already used or expired, no session cookie).
    pub kept: Vec<(String, String)>,
}

/// The id of the `<script type="application/json">` carrying the refusal to the browser.
const DATA_ID: &str = "parvis-refused-form";

/// Reads the refusal this page was sent back with, if any, and provides it (and Leptos'
/// `ServerActionError`) as context. Must run before the page creates its actions.
pub fn provide_refused_form() {
    if let Some(refused) = read_refused_form() {
        provide_context(ServerActionError::new(
            &refused.path,
            &refused.encoded_error,
        ));
        provide_context(refused);
        if let Some(owner) = Owner::current() {
            provide_context(RefusalSpent {
                spent: RwSignal::new(false),
                owner,
            });
        }
    }
}

/// Whether the refusal has been answered: once an action of the page succeeded, parts built
/// after that (rebuilt by the refetch that followed, or the next page) start without its
/// message and kept fields. `owner` is where the refusal was provided.
#[derive(Clone)]
struct RefusalSpent {
    spent: RwSignal<bool>,
    owner: Owner,
}

/// Ends the page's refusal (see [`RefusalSpent`]); called by `ui::forms::on_success` before a
/// success refetches or navigates. Leptos' `ServerActionError` is replaced by one no server
/// function matches, so actions created from now on start empty.
pub fn spend_refused_form() {
    if let Some(RefusalSpent { spent, owner }) = use_context::<RefusalSpent>() {
        if !spent.get_untracked() {
            spent.set(true);
            owner.with(|| provide_context(ServerActionError::new("", "")));
        }
    }
}

/// Whether the page's refusal has been answered by a success (false when there is none).
pub fn refusal_answered() -> Signal<bool> {
    let spent = use_context::<RefusalSpent>().map(|s| s.spent);
    Signal::derive(move || spent.is_some_and(|s| s.get()))
}

/// The page's refusal, if any and not yet answered by a success.
pub fn use_refused_form() -> Option<RefusedForm> {
    if use_context::<RefusalSpent>().is_some_and(|s| s.spent.get_untracked()) {
        return None;
    }
    use_context::<RefusedForm>()
}

#[cfg(feature = "ssr")]
fn read_refused_form() -> Option<RefusedForm> {
    let parts = use_context::<http::request::Parts>()?;
    let (mut path, mut encoded_error) = (None, None);
    for (key, value) in url::form_urlencoded::parse(parts.uri.query()?.as_bytes()) {
        match key.as_ref() {
            "__path" => path = Some(value.into_owned()),
            "__err" => encoded_error = Some(value.into_owned()),
            _ => {}
        }
    }
    let (path, encoded_error) = (path?, encoded_error?);
    let error = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded_error);
    let kept = parts
        .extensions
        .get::<KeptFields>()
        .filter(|k| k.path == path)
        .map(|k| k.fields.clone())
        .unwrap_or_default();
    Some(RefusedForm {
        path,
        encoded_error,
        error,
        kept,
    })
}

/// In the browser: what the server put into the page's head.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn read_refused_form() -> Option<RefusedForm> {
    let data = leptos::web_sys::window()?
        .document()?
        .get_element_by_id(DATA_ID)?
        .text_content()?;
    // From bytes, as page resources are read (`ui::page_resource`): one deserialiser in the WASM.
    serde_json::from_slice(data.as_bytes()).ok()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn read_refused_form() -> Option<RefusedForm> {
    None
}

/// The refusal as a JSON data block for the page's `<head>` (rendered by the server-only
/// shell), written by `script_json` so that typed text cannot end the script element.
#[component]
pub fn RefusedFormData() -> impl IntoView {
    read_refused_form().map(|refused| {
        let json = crate::ui::script_data::script_json(&refused);
        view! { <script type="application/json" id=DATA_ID inner_html=json></script> }
    })
}

/// The fields kept from a refused post, put into the page request's extensions by
/// `crate::server::refused_forms` once it has taken them out of the session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptFields {
    /// URL path of the server function the fields were posted to.
    pub path: String,
    /// (name, value) pairs in the order they were posted.
    pub fields: Vec<(String, String)>,
}

/// Which server function the form around a field posts to (see [`ServerForm`]).
#[derive(Clone, Copy, Debug)]
struct FormScope(&'static str);

/// The refused fields of the form around the caller, when that form is the one refused.
fn kept_fields() -> Option<Vec<(String, String)>> {
    let scope = use_context::<FormScope>()?;
    use_refused_form()
        .filter(|r| r.path == scope.0)
        .map(|r| r.kept)
        .filter(|kept| !kept.is_empty())
}

/// What the visitor typed into the field `name` before the form around it was refused.
pub fn kept_value(name: &str) -> Option<String> {
    kept_fields()?
        .into_iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value)
}

/// [`kept_value`] for one of several forms of the same server function on a page: only when
/// the refused post also carried every `(name, value)` of `identity` (its hidden fields).
pub fn kept_value_where(name: &str, identity: &[(&str, &str)]) -> Option<String> {
    let kept = kept_fields()?;
    let posted = |field: &str, value: &str| kept.iter().any(|(n, v)| n == field && v == value);
    if !identity.iter().all(|(field, value)| posted(field, value)) {
        return None;
    }
    kept.iter()
        .find(|(field, _)| field == name)
        .map(|(_, value)| value.clone())
}

/// Whether the checkbox `name` was ticked when the form around it was refused; `None` when
/// nothing was kept.
pub fn kept_checked(name: &str) -> Option<bool> {
    Some(kept_fields()?.iter().any(|(field, _)| field == name))
}

/// Whether the box of `value` in the group of checkboxes posted as `{group}[0]`, `{group}[1]`…
/// was ticked when the form around it was refused (whatever its index); `None` when nothing
/// was kept.
pub fn kept_choice(group: &str, value: &str) -> Option<bool> {
    let prefix = format!("{group}[");
    Some(
        kept_fields()?
            .iter()
            .any(|(field, sent)| field.starts_with(&prefix) && sent == value),
    )
}

/// An `ActionForm` whose fields show what was typed when a post without JavaScript was
/// refused. Use it for every server-function form; `attr:class` passes to the `<form>`.
/// `reset_on_success`: once the action succeeds, the fields go back to what the page rendered
/// (a form that adds something starts empty again; fields of a list refetched after the action
/// do not keep text typed for another row, since rows are matched by position).
#[component]
pub fn ServerForm<S, OutputProtocol>(
    action: ServerAction<S>,
    #[prop(optional)] reset_on_success: bool,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, OutputProtocol>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData:
        From<leptos::web_sys::FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    let form = NodeRef::<leptos::html::Form>::new();
    if reset_on_success {
        let value = action.value();
        // Successes from now on only (see `ui::forms::on_success`).
        Effect::new(move |previous: Option<()>| {
            if value.with(|v| matches!(v, Some(Ok(_)))) && previous.is_some() {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
            }
        });
    }
    view! {
        <ActionForm action node_ref=form>
            <Provider value=FormScope(S::PATH)>{children()}</Provider>
        </ActionForm>
    }
}

/// The message of a refused post without JavaScript, at the top of the page (where the
/// browser lands after the redirect), announced to screen readers. The form's own
/// `FormError` leaves this error to it. Gone once the hydrated app moves to another address
/// or an action of the page succeeds.
#[component]
pub fn RefusalAlert() -> impl IntoView {
    let location = use_location();
    let answered = refusal_answered();
    use_refused_form().map(|refused| {
        let message = t(refused.error.message_key());
        view! {
            <Show when=move || !answered.get() && location.search.with(|search| search.contains("__err="))>
                <div class="alert alert-error refusal" role="alert">{message.clone()}</div>
            </Show>
        }
    })
}
