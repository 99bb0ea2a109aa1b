//! Hydration in several browser tasks rather than one.
//!
//! A task that keeps the browser's main thread longer than 50 ms delays whatever the visitor
//! does meanwhile (Lighthouse counts the excess as Total Blocking Time). Left alone, the first
//! visit's hydration is one or two such tasks: the WASM's start and the messages, then the
//! shell, then on a lazy page its chunks' fetches and the page itself, each continuing the
//! last in the same task (Rust futures resume in microtasks). [`next_task`] ends the current
//! task and goes on in a new one queued behind whatever the browser has waiting (input, paint,
//! network), at these points: before the app hydrates (`app::hydrate`), before a lazy page's
//! chunks are fetched and once they have arrived, before the lazy page is built (both in the
//! route's `preload`, which the router awaits before the view: `lazy_pages`). The work is the
//! same, cut into pieces. Measured figures: README, "Page weight".

/// Ends the current browser task: resolves in a new task (`setTimeout(0)`), queued behind
/// what the browser has waiting. Resolves at once where there is no window to queue on.
#[cfg(feature = "hydrate")]
pub async fn next_task() {
    use wasm_bindgen::JsValue;
    let queued = js_sys::Promise::new(&mut |resolve, _reject| {
        let set = web_sys::window().map(|window| window.set_timeout_with_callback(&resolve));
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(queued).await;
}

/// [`next_task`] while the server's page is being hydrated; nothing afterwards (a page opened
/// by a link in the app is built at once) nor on the server.
pub async fn next_task_while_hydrating() {
    #[cfg(feature = "hydrate")]
    if leptos::prelude::Owner::current_shared_context().is_some_and(|context| context.during_hydration()) {
        next_task().await;
    }
}
