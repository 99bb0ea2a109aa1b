//! `/espaces/{id}/evenements`: server-sent events telling an open page of a space that it
//! should read the space again. One event name, `space`, with data `activity` (a module
//! recorded a new line: the feed and the module's lists changed) or `access` (the caller's
//! standing in the space changed: role, archive state, membership).
//!
//! The stream is the caller's live connection to the space, so it answers to the same rule as
//! every request: it opens only for a caller who may see the space (404 otherwise, as pages
//! do), and the caller's standing is read again at once when the relay says their access
//! changed (`caller::ACCESS_TOPIC`, published by every membership change) and every
//! [`RECHECK_EVERY`] in any case. A caller who lost the space gets one `access` event and the
//! stream ends; the page, reading the space again, shows that it is gone. New activity is
//! seen on the same tick from the space's newest activity id (one indexed read), so every
//! module that records activity is announced without telling the relay itself.

use super::access::{reread, space_role_in, Reread};
use crate::{
    accounts::server::{
        caller::{AccessChanged, ACCESS_TOPIC},
        Caller,
    },
    espaces::types::SpaceAccess,
    server::{metrics::LiveConnection, realtime::LiveMessage, shutdown, state::AppState},
};
use axum::{
    extract::{Path, State},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use std::{convert::Infallible, time::Duration};
use tokio::sync::{broadcast::error::RecvError, mpsc};
use tokio_stream::wrappers::ReceiverStream;

/// How often a space's live connection reads the caller's standing and the newest activity.
pub const RECHECK_EVERY: Duration = Duration::from_secs(3);

/// The SSE event name; its data says what changed.
pub const EVENT: &str = "space";

/// Opens the stream of space `id` for `caller`: 404 (never 403) when the space is not theirs
/// to see, as for its pages.
pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Response {
    let access = match space_role_in(&state, &caller, &state.db, id).await {
        Ok(access) => access,
        Err(error) => return error.status().into_response(),
    };
    let newest = match newest_activity(&state, id).await {
        Ok(newest) => newest,
        Err(error) => {
            tracing::error!(%error, space = id, "space live events: activity not read");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Subscribe before answering, so no access change from now on is missed.
    let received = state.realtime.subscribe();
    let (sender, events) = mpsc::channel::<Result<Event, Infallible>>(16);
    tokio::spawn(relay(state, caller, access, newest, received, sender));
    Sse::new(ReceiverStream::new(events))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The space's newest activity line id (0 when none).
async fn newest_activity(state: &AppState, space_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM space_activity WHERE space_id = $1")
        .bind(space_id)
        .fetch_one(&state.db.pool)
        .await
}

fn event(data: &str) -> Result<Event, Infallible> {
    Ok(Event::default().event(EVENT).data(data))
}

/// Tells the page what changed until it leaves, the caller loses the space or the server
/// shuts down (then with a reconnect hint).
async fn relay(
    state: AppState,
    mut caller: Caller,
    mut access: SpaceAccess,
    mut newest: i64,
    mut received: tokio::sync::broadcast::Receiver<LiveMessage>,
    sender: mpsc::Sender<Result<Event, Infallible>>,
) {
    let _counted = LiveConnection::open();
    let mut recheck = tokio::time::interval(RECHECK_EVERY);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    recheck.tick().await;
    let account = caller.id();
    loop {
        let periodic = tokio::select! {
            () = sender.closed() => return,
            () = state.shutdown.closing() => {
                let _ = sender.send(Ok(shutdown::reconnect_hint())).await;
                return;
            }
            _ = recheck.tick() => true,
            message = received.recv() => match message {
                Ok(message) => {
                    let ours = message
                        .read::<AccessChanged>(ACCESS_TOPIC)
                        .is_some_and(|changed| Some(changed.account_id) == account);
                    if !ours {
                        continue;
                    }
                    false
                }
                Err(RecvError::Lagged(_)) => false,
                Err(RecvError::Closed) => return,
            },
        };
        // Boxed, as the wiki's connections do: an open stream's task would otherwise be as
        // large as these database futures all the time it waits.
        match Box::pin(reread(&state, &caller, &access, None)).await {
            Reread::Same => {}
            Reread::Changed(fresh, now) => {
                (caller, access) = (fresh, now);
                if sender.send(event("access")).await.is_err() {
                    return;
                }
            }
            Reread::Gone => {
                tracing::info!(
                    space = access.space_id,
                    ?account,
                    "space live events: access ended, stream closed"
                );
                let _ = sender.send(event("access")).await;
                return;
            }
        }
        if periodic {
            match Box::pin(newest_activity(&state, access.space_id)).await {
                Ok(now) if now > newest => {
                    newest = now;
                    if sender.send(event("activity")).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, space = access.space_id, "space live events: activity not read")
                }
            }
        }
    }
}
