//! /stages/evenements: server-sent events telling a browser that an application it may see
//! changed. Each event is checked against the subscriber before it is sent: the candidate
//! hears of their own applications, agents of those in their scope.

use super::access::OfferScope;
use crate::{
    accounts::server::AuthSession,
    server::state::AppState,
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
use std::convert::Infallible;
use tokio_stream::{wrappers::BroadcastStream, StreamExt};

pub fn may_see(event: &ApplicationEvent, user_id: i64, scope: &OfferScope) -> bool {
    event.candidate_id == user_id || scope.covers_application(event.direction_id, event.service_id)
}

pub async fn events(State(state): State<AppState>, auth: AuthSession) -> Response {
    let Some(user) = auth.user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let scope = match OfferScope::of(&state.db, user.id).await {
        Ok(scope) => scope,
        Err(error) => {
            tracing::error!(%error, "live events: roles not read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let stream = BroadcastStream::new(state.realtime.subscribe()).filter_map(move |received| {
        let event: ApplicationEvent = received.ok()?.read(APPLICATION_TOPIC)?;
        may_see(&event, user.id, &scope).then(|| {
            let data = serde_json::json!({ "application": event.application_id, "offer": event.offer_id, "state": event.state });
            Ok::<_, Infallible>(Event::default().event("application").data(data.to_string()))
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}
