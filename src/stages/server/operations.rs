//! Stages' operations: each change a person makes, as one function that server functions and
//! tests call. An operation finds what it changes, checks the caller against it and against
//! the rules, writes in one transaction, and hands its changes to [`Changes`], which records
//! the mail notices as jobs in that transaction and, once committed, tells the live relay and
//! the search index. (The demo loader writes through the store directly: nothing listens yet
//! and its addresses are made up.)

use super::{
    access::OfferScope,
    applications::{self, ApplicationKeys, ApplyError},
    events::Changes,
    follow_up,
    notices::Notice,
    store,
};
use crate::{
    error::AppError,
    server::{db::now, state::AppState},
    stages::{
        application::ApplicationState,
        types::{OfferState, ValidOffer},
    },
};

/// The candidate `candidate_id` applies to published, open offer `offer_id`; the offer's
/// contact is told by mail. Returns the application.
pub async fn apply(
    app: &AppState,
    candidate_id: i64,
    offer_id: i64,
    cover_letter: &str,
) -> Result<i64, AppError> {
    let offer = store::find(&app.db, offer_id, &app.clock.today_iso())
        .await?
        .ok_or(AppError::NotFound)?;
    if offer.view.state != OfferState::Published {
        return Err(AppError::NotFound);
    }
    if !offer.view.open {
        return Err(AppError::Conflict("error-offer-closed".into()));
    }
    let mut tx = app.db.begin_write().await?;
    let id = applications::apply(
        &mut tx,
        offer_id,
        offer.direction_id,
        candidate_id,
        cover_letter,
    )
    .await
    .map_err(|e| apply_error(e, "error-already-applied"))?;
    let keys = ApplicationKeys {
        offer_id: Some(offer_id),
        candidate_id,
        direction_id: offer.direction_id,
        service_id: Some(offer.service_id),
        state: ApplicationState::Received,
    };
    let mut changes = Changes::default();
    changes.application(
        keys.event(id, ApplicationState::Received),
        Some(Notice::Received { application_id: id }),
    );
    changes.commit(app, tx).await?;
    tracing::info!(
        candidate = candidate_id,
        offer = offer_id,
        application = id,
        "application received"
    );
    Ok(id)
}

/// One spontaneous application per direction (checked by the caller), all or none; each
/// direction's admins and pool handlers are told by mail. Returns how many.
pub async fn apply_spontaneously(
    app: &AppState,
    candidate_id: i64,
    directions: &[i64],
    family_id: Option<i64>,
    cover_letter: &str,
) -> Result<usize, AppError> {
    let mut tx = app.db.begin_write().await?;
    let created = applications::apply_spontaneously(
        &mut tx,
        directions,
        family_id,
        candidate_id,
        cover_letter,
    )
    .await
    .map_err(|e| apply_error(e, "error-already-applied-direction"))?;
    let mut changes = Changes::default();
    for (id, direction) in &created {
        let keys = ApplicationKeys {
            offer_id: None,
            candidate_id,
            direction_id: *direction,
            service_id: None,
            state: ApplicationState::Received,
        };
        changes.application(
            keys.event(*id, ApplicationState::Received),
            Some(Notice::Spontaneous {
                application_id: *id,
            }),
        );
    }
    changes.commit(app, tx).await?;
    tracing::info!(
        candidate = candidate_id,
        count = created.len(),
        "spontaneous applications received"
    );
    Ok(created.len())
}

fn apply_error(error: ApplyError, duplicate: &str) -> AppError {
    match error {
        ApplyError::Duplicate => AppError::Conflict(duplicate.into()),
        ApplyError::Db(e) => e.into(),
    }
}

/// The candidate withdraws their pending application `id`.
pub async fn withdraw(app: &AppState, candidate_id: i64, id: i64) -> Result<(), AppError> {
    let keys = applications::keys(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if keys.candidate_id != candidate_id {
        return Err(AppError::not_yours(false));
    }
    if !keys.state.is_pending() {
        return Err(AppError::Conflict("error-application-move".into()));
    }
    let mut tx = app.db.begin_write().await?;
    if !applications::move_state(
        &mut tx,
        id,
        keys.state,
        ApplicationState::Withdrawn,
        candidate_id,
        false,
        None,
    )
    .await?
    {
        return Err(AppError::Conflict("error-offer-changed".into()));
    }
    let mut changes = Changes::default();
    changes.application(keys.event(id, ApplicationState::Withdrawn), None);
    changes.commit(app, tx).await?;
    tracing::info!(
        candidate = candidate_id,
        application = id,
        "application withdrawn"
    );
    Ok(())
}

/// An agent (`actor` with `scope`) moves application `id` to `state`. A decision carries an
/// answer to the candidate: `message` if given, else the direction's template, else the
/// site's default in the candidate's language. The candidate is told by mail.
pub async fn move_application(
    app: &AppState,
    actor: i64,
    scope: &OfferScope,
    id: i64,
    state: ApplicationState,
    message: Option<&str>,
) -> Result<(), AppError> {
    let db = &app.db;
    let keys = applications::keys(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !scope.covers_application(keys.direction_id, keys.service_id) {
        return Err(AppError::not_yours(false));
    }
    if !keys.state.agent_moves().contains(&state) {
        return Err(AppError::Conflict("error-application-move".into()));
    }
    let answer = match (state, message.map(str::trim)) {
        (ApplicationState::Accepted | ApplicationState::Declined, Some(text))
            if !text.is_empty() =>
        {
            Some(AppError::required_text(
                "message",
                text,
                crate::stages::follow_up::MESSAGE_MAX,
            )?)
        }
        (ApplicationState::Accepted | ApplicationState::Declined, _) => {
            Some(follow_up::answer(db, keys.direction_id, keys.candidate_id, state).await?)
        }
        _ => None,
    };
    let mut tx = db.begin_write().await?;
    if !applications::move_state(
        &mut tx,
        id,
        keys.state,
        state,
        actor,
        true,
        answer.as_deref(),
    )
    .await?
    {
        return Err(AppError::Conflict("error-offer-changed".into()));
    }
    let mut changes = Changes::default();
    changes.application(
        keys.event(id, state),
        Some(Notice::Decision {
            application_id: id,
            state: state.code().to_string(),
        }),
    );
    changes.commit(app, tx).await?;
    tracing::info!(
        agent = actor,
        application = id,
        from = keys.state.code(),
        to = state.code(),
        "application moved"
    );
    Ok(())
}

/// A message on application `id` (keys read and caller checked by the caller), from the
/// candidate or from an agent; the other side is told by mail.
pub async fn send_message(
    app: &AppState,
    author: i64,
    id: i64,
    keys: &ApplicationKeys,
    from_candidate: bool,
    body: &str,
) -> Result<(), AppError> {
    let mut tx = app.db.begin_write().await?;
    follow_up::add_message(&mut tx, id, author, from_candidate, body, now()).await?;
    let mut changes = Changes::default();
    changes.application(
        keys.event(id, keys.state),
        Some(Notice::Message {
            application_id: id,
            from_candidate,
        }),
    );
    changes.commit(app, tx).await?;
    tracing::info!(
        user = author,
        application = id,
        from_candidate,
        "application message"
    );
    Ok(())
}

/// An agents' private note on application `id` (caller checked by the caller): live screens
/// of the agents refresh; nobody is mailed.
pub async fn add_note(
    app: &AppState,
    author: i64,
    id: i64,
    keys: &ApplicationKeys,
    body: &str,
) -> Result<(), AppError> {
    let mut tx = app.db.begin_write().await?;
    follow_up::add_note(&mut tx, id, author, body).await?;
    let mut changes = Changes::default();
    changes.application(keys.event(id, keys.state), None);
    changes.commit(app, tx).await?;
    tracing::info!(user = author, application = id, "application note");
    Ok(())
}

/// `user_id` (with `scope`) saves a draft (no `id`) or changes to offer `id`, already
/// validated: its service and métier must exist, the caller must manage its service (and the
/// offer's, when it changes one), and an archived offer is not edited. The search index follows.
pub async fn save_offer(
    app: &AppState,
    user_id: i64,
    scope: &OfferScope,
    id: Option<i64>,
    offer: &ValidOffer,
) -> Result<i64, AppError> {
    let direction_id =
        crate::reference::server::store::service_direction(&app.db, offer.service_id)
            .await?
            .ok_or_else(|| AppError::field("service_id", "field-unknown"))?;
    if !scope.covers(direction_id, offer.service_id) {
        return Err(AppError::Forbidden);
    }
    if !store::metier_exists(&app.db, offer.metier_id).await? {
        return Err(AppError::field("metier_id", "field-unknown"));
    }
    if let Some(id) = id {
        let existing = store::find(&app.db, id, &app.clock.today_iso())
            .await?
            .ok_or(AppError::NotFound)?;
        if !scope.covers(existing.direction_id, existing.service_id) {
            return Err(AppError::not_yours(
                existing.view.state == OfferState::Published,
            ));
        }
        if existing.view.state == OfferState::Archived {
            return Err(AppError::Conflict("error-offer-archived".into()));
        }
    }
    let saved = store::save(&app.db, id, offer, direction_id, user_id).await?;
    let mut changes = Changes::default();
    changes.offer(saved);
    changes.announce(app).await;
    tracing::info!(user = user_id, offer = saved, "offer saved");
    Ok(saved)
}

/// Publishes, fills, closes or archives offer `id`, following the allowed moves. An offer
/// that closes expires its pending applications, and their candidates are told by mail.
pub async fn change_offer_state(
    app: &AppState,
    actor: Option<i64>,
    scope: &OfferScope,
    id: i64,
    state: OfferState,
) -> Result<(), AppError> {
    let today = app.clock.today_iso();
    let existing = store::find(&app.db, id, &today)
        .await?
        .ok_or(AppError::NotFound)?;
    if !scope.covers(existing.direction_id, existing.service_id) {
        return Err(AppError::not_yours(
            existing.view.state == OfferState::Published,
        ));
    }
    let from = existing.view.state;
    if !from.next().contains(&state) {
        return Err(AppError::Conflict("error-offer-move".into()));
    }
    if state == OfferState::Published && existing.view.deadline.as_str() < today.as_str() {
        return Err(AppError::field("deadline", "field-deadline-past"));
    }
    let mut tx = app.db.begin_write().await?;
    if !store::move_state(&mut tx, id, from, state).await? {
        return Err(AppError::Conflict("error-offer-changed".into()));
    }
    let mut changes = Changes::default();
    changes.offer(id);
    if matches!(
        state,
        OfferState::Filled | OfferState::Closed | OfferState::Archived
    ) {
        // The offer closed without a decision on these: they expire, and their candidates hear of it.
        for (application, keys) in
            applications::expire_pending(&mut tx, id, actor.unwrap_or_default()).await?
        {
            changes.application(
                keys.event(application, ApplicationState::Expired),
                Some(Notice::Decision {
                    application_id: application,
                    state: ApplicationState::Expired.code().to_string(),
                }),
            );
        }
    }
    changes.commit(app, tx).await?;
    tracing::info!(user = ?actor, offer = id, from = from.code(), to = state.code(), "offer state changed");
    Ok(())
}
