//! Stages' domain events and their one fan-out. An operation (`operations.rs`) collects what
//! it changed in [`Changes`]; [`Changes::commit`] records the mail notices those changes call
//! for as jobs inside the operation's transaction, commits, then tells the live relay (browsers
//! and other processes) and the search index. No server function pairs these by hand.

use super::{applications::ApplicationKeys, notices::Notice};
use crate::{
    server::{jobs, state::AppState},
    stages::application::ApplicationState,
};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Transaction};

/// Live topic of application changes; payload [`ApplicationEvent`].
pub const APPLICATION_TOPIC: &str = "stages.application";

/// Something happened to an application: who may hear of it follows from these ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationEvent {
    pub application_id: i64,
    pub offer_id: Option<i64>,
    pub candidate_id: i64,
    pub direction_id: i64,
    pub service_id: Option<i64>,
    pub state: String,
}

impl ApplicationKeys {
    /// The live event announcing that application `id` is now in `state`.
    pub fn event(&self, id: i64, state: ApplicationState) -> ApplicationEvent {
        ApplicationEvent {
            application_id: id,
            offer_id: self.offer_id,
            candidate_id: self.candidate_id,
            direction_id: self.direction_id,
            service_id: self.service_id,
            state: state.code().to_string(),
        }
    }
}

/// One change made by a Stages operation.
#[derive(Debug, Clone)]
pub enum StagesEvent {
    /// An application changed; `notice` is the mail it calls for, if any.
    Application {
        event: ApplicationEvent,
        notice: Option<Notice>,
    },
    /// An offer changed: the search index reloads it.
    Offer(i64),
}

/// What an operation changed, to fan out once its transaction commits.
#[derive(Debug, Default)]
pub struct Changes {
    events: Vec<StagesEvent>,
}

impl Changes {
    pub fn application(&mut self, event: ApplicationEvent, notice: Option<Notice>) {
        self.events.push(StagesEvent::Application { event, notice });
    }

    pub fn offer(&mut self, id: i64) {
        self.events.push(StagesEvent::Offer(id));
    }

    /// Records the notices as jobs in `tx`, commits it, then tells the live relay and the
    /// search index and wakes the worker. Nothing is announced if the commit fails.
    pub async fn commit(
        self,
        app: &AppState,
        mut tx: Transaction<'_, Any>,
    ) -> Result<(), sqlx::Error> {
        self.record(&mut *tx).await?;
        tx.commit().await?;
        self.fan_out(app).await;
        Ok(())
    }

    /// Records the notices as jobs on a transaction another domain owns (an account's
    /// erasure); once it commits, that caller calls [`Changes::committed`].
    pub async fn record(&self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        for event in &self.events {
            if let StagesEvent::Application {
                notice: Some(notice),
                ..
            } = event
            {
                jobs::enqueue(
                    &mut *conn,
                    jobs::NewJob {
                        kind: super::notices::KIND,
                        payload: notice,
                        dedup_key: notice.dedup_key(),
                    },
                )
                .await?;
            }
        }
        Ok(())
    }

    /// The fan-out of changes [`Changes::record`]ed on a transaction that has committed.
    pub async fn committed(&self, app: &AppState) {
        self.fan_out(app).await;
    }

    /// The fan-out alone, for changes that call for no mail and were saved without a
    /// transaction of the caller's (a notice would be lost: it needs [`Changes::commit`]).
    pub async fn announce(&self, app: &AppState) {
        debug_assert!(
            self.events.iter().all(|e| !matches!(
                e,
                StagesEvent::Application {
                    notice: Some(_),
                    ..
                }
            )),
            "notices need Changes::commit"
        );
        self.fan_out(app).await;
    }

    /// The fan-out that needs no durability: live screens and this process's search index
    /// (other processes reload the offer when they hear the live event).
    async fn fan_out(&self, app: &AppState) {
        for event in &self.events {
            match event {
                StagesEvent::Application { event, .. } => {
                    app.realtime.publish(APPLICATION_TOPIC, event).await
                }
                StagesEvent::Offer(id) => super::offer_index::offer_changed(app, *id).await,
            }
        }
        app.jobs.wake();
    }
}
