//! What happens when a lazy page's WASM chunk cannot be downloaded.
//!
//! Leptos 0.8 panics then (`wasm_split_helpers`: "load callback should succeed"; a `fallible`
//! loader came with the 0.9 line), and a panic stops the WASM for good. Every page of Parvis
//! works without JavaScript, so the way out is the server:
//! - after hydration (a client-side navigation), the browser loads the page the chunk was for
//!   in full, and the server renders it;
//! - before hydration (a direct load: the server's page is already there), the page is left to
//!   the browser: clicks and form posts no longer reach the stopped app (whose router would
//!   swallow them), so links and plain forms work as they do without JavaScript. Reloading
//!   here could loop.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The message of the panic `wasm_split_helpers` raises when a chunk fails to load.
#[cfg(feature = "hydrate")]
const CHUNK_FAILED: &str = "load callback should succeed";

#[cfg(feature = "hydrate")]
thread_local! {
    /// Where the router is going: the address bar changes only once the next page is built,
    /// so after a failed chunk it still shows the page being left.
    static INTENDED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the router's current address (path, query, fragment) for the panic hook.
#[component]
pub fn RememberIntendedUrl() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        let search = location.search.get();
        let hash = location.hash.get();
        let mut url = location.pathname.get();
        if !search.is_empty() {
            url.push('?');
            url.push_str(&search);
        }
        url.push_str(&hash);
        #[cfg(feature = "hydrate")]
        INTENDED.with(|intended| *intended.borrow_mut() = Some(url));
        #[cfg(not(feature = "hydrate"))]
        let _ = url;
    });
}

/// Installs the panic hook: the panic is logged to the console as before, and a chunk that
/// failed after hydration sends the browser to the intended page.
#[cfg(feature = "hydrate")]
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if info
            .payload_as_str()
            .is_some_and(|message| message.contains(CHUNK_FAILED))
        {
            load_intended_page();
        }
    }));
}

#[cfg(feature = "hydrate")]
fn load_intended_page() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hydrated = window
        .document()
        .and_then(|d| d.body())
        .is_some_and(|body| body.has_attribute("data-hydrated"));
    if !hydrated {
        leave_page_to_browser(&window);
        return;
    }
    let location = window.location();
    match INTENDED.with(|intended| intended.borrow().clone()) {
        Some(url) => {
            let _ = location.assign(&url);
        }
        None => {
            let _ = location.reload();
        }
    }
}

/// Stops clicks and submits on their way down (capture phase, on the window), before the
/// app's handlers and its router see them: the browser then follows links and posts forms
/// itself.
#[cfg(feature = "hydrate")]
fn leave_page_to_browser(window: &web_sys::Window) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.stop_propagation();
    });
    for kind in ["click", "submit"] {
        let _ = window.add_event_listener_with_callback_and_bool(
            kind,
            stop.as_ref().unchecked_ref(),
            true,
        );
    }
    // Listens for the rest of the page's life.
    stop.forget();
}
