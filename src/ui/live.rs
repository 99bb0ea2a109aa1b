//! Live refresh in the browser: listens to the server-sent events of `/stages/evenements`
//! and bumps a counter that the page's resources depend on.

use leptos::prelude::*;

/// How a page catches up with changes it was not told of.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CatchUp {
    /// Refresh after each reconnection, and once the first connection opens (what changed
    /// between the page's load and its subscription). For pages whose forms keep their input
    /// across a refresh.
    FromLoad,
    /// Refresh after reconnections only: the page holds inputs a refresh would clear (a chosen
    /// file), so the short gap after loading is left to the next event.
    AfterReconnect,
}

/// Bumps `tick` each time the server announces a change to an application this user may see.
/// Does nothing on the server or before hydration; the page still works, it only goes stale.
pub fn refresh_on_application_events(tick: RwSignal<u64>, catch_up: CatchUp) {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let Ok(source) = web_sys::EventSource::new("/stages/evenements") else {
                return;
            };
            let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| tick.update(|t| *t += 1));
            let _ = source.add_event_listener_with_callback("application", handler.as_ref().unchecked_ref());
            // A (re)connection refreshes too: what changed while no connection was open was not
            // announced to this page.
            let mut opened = catch_up == CatchUp::FromLoad;
            let on_open = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
                if opened {
                    tick.update(|t| *t += 1);
                }
                opened = true;
            });
            let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
            on_open.forget();
            // The handler lives as long as the source; the source closes with the page.
            handler.forget();
            let source = send_wrapper::SendWrapper::new(source);
            on_cleanup(move || source.close());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (tick, catch_up);
    });
}
