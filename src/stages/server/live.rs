//! /stages/evenements: server-sent events telling a browser that an application it may see
//! changed. Each event is checked against the subscriber before it is sent: the candidate
//! hears of their own applications, agents of those in their scope.
//!
//! The subscriber is read again while the connection lasts (the request that opened it has
//! long passed the session layer): at once when the relay says what its account may see
//! changed (`caller::ACCESS_TOPIC`: a role granted or revoked, a pool, a password, a sign-out),
//! and every [`RECHECK_EVERY`] in any case (a session deleted or expired leaves no notice).
//! A revoked role stops its events from the next one on; an ended session ends the stream.
//! When the server shuts down, the stream ends with a reconnect hint (`server::shutdown`).

use super::access::OfferScope;
use crate::{
    accounts::server::{caller::AccessChanged, caller::ACCESS_TOPIC, Caller},
    server::{metrics::LiveConnection, realtime::LiveMessage, shutdown, state::AppState},
    stages::server::events::{ApplicationEvent, APPLICATION_TOPIC},
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use std::{convert::Infallible, time::Duration};
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;

/// How often a live connection checks that its session still exists even when nothing says
/// it changed.
pub const RECHECK_EVERY: Duration = Duration::from_secs(3);

pub fn may_see(event: &ApplicationEvent, user_id: i64, scope: &OfferScope) -> bool {
    event.candidate_id == user_id || scope.covers_application(event.direction_id, event.service_id)
}

pub async fn events(State(state): State<AppState>, caller: Caller) -> Response {
    let Some(user) = caller.id() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let scope = match OfferScope::of(&state.db, &caller).await {
        Ok(scope) => scope,
        Err(error) => {
            tracing::error!(%error, "live events: roles not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Subscribe before answering, so nothing published from now on is missed.
    let received = state.realtime.subscribe();
    let (sender, events) = mpsc::channel::<Result<Event, Infallible>>(16);
    tokio::spawn(relay(state, caller, user, scope, received, sender));
    Sse::new(ReceiverStream::new(events))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// Sends the events `caller` may see until the browser leaves or the session ends.
async fn relay(
    state: AppState,
    mut caller: Caller,
    user: i64,
    mut scope: OfferScope,
    mut received: tokio::sync::broadcast::Receiver<LiveMessage>,
    sender: mpsc::Sender<Result<Event, Infallible>>,
) {
    let _counted = LiveConnection::open();
    let mut recheck = tokio::time::interval(RECHECK_EVERY);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    recheck.tick().await;
    loop {
        let check_now = tokio::select! {
            () = sender.closed() => return,
            () = state.shutdown.closing() => {
                let _ = sender.send(Ok(shutdown::reconnect_hint())).await;
                return;
            }
            _ = recheck.tick() => true,
            event = received.recv() => match event {
                Ok(message) if message.topic == APPLICATION_TOPIC => {
                    let Some(event) = message.read::<ApplicationEvent>(APPLICATION_TOPIC) else { continue };
                    if may_see(&event, user, &scope) {
                        let data = serde_json::json!({ "application": event.application_id, "offer": event.offer_id, "state": event.state });
                        if sender.send(Ok(Event::default().event("application").data(data.to_string()))).await.is_err() {
                            return;
                        }
                    }
                    false
                }
                Ok(message) => message.read::<AccessChanged>(ACCESS_TOPIC).is_some_and(|changed| changed.account_id == user),
                // Missed events only delay a screen until its next refresh; read the caller
                // again in case one of them was about it.
                Err(RecvError::Lagged(_)) => true,
                Err(RecvError::Closed) => return,
            },
        };
        if check_now {
            // Boxed, as the wiki's connections do: an open stream's task would otherwise be
            // as large as these database futures all the time it waits.
            match Box::pin(caller.recheck(&state.db)).await {
                Ok(Some(fresh)) => match Box::pin(OfferScope::of(&state.db, &fresh)).await {
                    Ok(fresh_scope) => (caller, scope) = (fresh, fresh_scope),
                    Err(error) => tracing::warn!(%error, user, "live events: scope not read again"),
                },
                Ok(None) => {
                    tracing::info!(user, "live events: session ended, stream closed");
                    return;
                }
                Err(error) => tracing::warn!(%error, user, "live events: caller not read again"),
            }
        }
    }
}
