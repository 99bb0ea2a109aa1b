//! Live refresh in the browser: listens to the server-sent events of `/stages/evenements`
//! and bumps a counter that the page's resources depend on.

use leptos::prelude::*;

/// Bumps `tick` each time the server announces a change to an application this user may see.
/// Does nothing on the server or before hydration; the page still works, it only goes stale.
pub fn refresh_on_application_events(tick: RwSignal<u64>) {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let Ok(source) = web_sys::EventSource::new("/stages/evenements") else {
                return;
            };
            let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| tick.update(|t| *t += 1));
            let _ = source.add_event_listener_with_callback("application", handler.as_ref().unchecked_ref());
            // The handler lives as long as the source; the source closes with the page.
            handler.forget();
            let source = send_wrapper::SendWrapper::new(source);
            on_cleanup(move || source.close());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = tick;
    });
}
