//! Live refresh in the browser: listens to a server-sent event stream and bumps a counter
//! that the page's resources depend on. Domains name their own stream and event (shared UI
//! knows no platform's URLs).

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

/// Bumps `tick` each time the stream at `url` (same origin) sends an event named `event`.
/// Does nothing on the server or before hydration; the page still works, it only goes stale.
/// The connection and its callbacks live as long as the component that called this: both
/// are released when it unmounts (nothing is leaked across client-side navigations).
pub fn refresh_on_events(
    url: impl Into<String>,
    event: &'static str,
    tick: RwSignal<u64>,
    catch_up: CatchUp,
) {
    let url: String = url.into();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let Ok(source) = web_sys::EventSource::new(&url) else {
                return;
            };
            let handler =
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| tick.update(|t| *t += 1));
            let _ =
                source.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            // A (re)connection refreshes too: what changed while no connection was open was not
            // announced to this page.
            let mut opened = catch_up == CatchUp::FromLoad;
            let on_open = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
                if opened {
                    tick.update(|t| *t += 1);
                }
                opened = true;
            });
            let _ =
                source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
            // The callbacks must outlive every event the source can still fire: they are
            // dropped with it, after it is closed, when the page unmounts.
            let held = send_wrapper::SendWrapper::new((source, handler, on_open));
            on_cleanup(move || {
                let (source, handler, on_open) = held.take();
                source.close();
                drop((handler, on_open));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&url, event, tick, catch_up);
    });
}
