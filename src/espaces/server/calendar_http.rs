//! The calendar's plain HTTP routes: a space's iCalendar feed behind a member's private token
//! (`GET /espaces/agenda/{token}.ics`: 404 once revoked, replaced, or when its holder left the
//! space), one event's .ics (`GET /espaces/{id}/agenda/{event}/ics`, to whoever sees the
//! space) and the import of an .ics file (`POST /espaces/{id}/agenda/import`, multipart field
//! `file`, contributors and animators): a plain form answered with a redirect to the agenda
//! saying how many events came in, or why the file was refused — all or nothing.

use super::{
    access::{module_on, module_role_in},
    activity::{record, MailTo, NewActivity},
    calendar_ics, calendar_import, calendar_store,
};
use crate::{
    accounts::server::Caller,
    error::AppError,
    espaces::types::{Module, SpaceAction},
    server::state::AppState,
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use std::collections::BTreeSet;

/// The calendar's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/espaces/agenda/{token}", get(feed))
        .route("/espaces/{id}/agenda/{event}/ics", get(export))
        .route(
            "/espaces/{id}/agenda/import",
            post(import).layer(DefaultBodyLimit::max(calendar_import::FILE_MAX + 64 * 1024)),
        )
}

fn calendar_response(body: String, file_name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

fn failed(error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "calendar route failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The whole calendar of space `space_id` as iCalendar text.
pub async fn space_calendar(app: &AppState, space_id: i64) -> Result<Option<String>, sqlx::Error> {
    let Some((name, tzid, zone)) = calendar_store::space_zone(&app.db, space_id).await? else {
        return Ok(None);
    };
    let rows = calendar_store::in_period(&app.db, space_id, None).await?;
    let exceptions = calendar_store::exceptions(&app.db, space_id).await?;
    let empty = BTreeSet::new();
    let events = calendar_ics::with_exceptions(&rows, &exceptions, &empty);
    Ok(Some(calendar_ics::calendar(&name, &tzid, &zone, &events)))
}

/// `GET /espaces/agenda/{token}.ics`.
async fn feed(State(app): State<AppState>, Path(token): Path<String>) -> Response {
    let token = token.strip_suffix(".ics").unwrap_or(&token);
    if !crate::link_token::well_formed(token) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let space = match calendar_store::feed_space(&app.db, token, app.clock.now_seconds()).await {
        Ok(Some(space)) => space,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(&error),
    };
    match module_on(&app.db, space, Module::Calendar).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(&error),
    }
    match space_calendar(&app, space).await {
        Ok(Some(body)) => calendar_response(body, "agenda.ics"),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(&error),
    }
}

/// `GET /espaces/{id}/agenda/{event}/ics`: one event, to whoever sees the space.
async fn export(
    State(app): State<AppState>,
    caller: Caller,
    Path((id, event)): Path<(i64, i64)>,
) -> Response {
    if let Err(error) = module_role_in(&app, &caller, &app.db, id, Module::Calendar).await {
        return error.status().into_response();
    }
    let row = match calendar_store::by_id(&app.db, id, event).await {
        Ok(Some(row)) => row,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(&error),
    };
    let zone = match calendar_store::space_zone(&app.db, id).await {
        Ok(Some(zone)) => zone,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(&error),
    };
    let exceptions = match calendar_store::exceptions(&app.db, id).await {
        Ok(mut all) => all.remove(&row.id).unwrap_or_default(),
        Err(error) => return failed(&error),
    };
    let (name, tzid, zone) = zone;
    let body = calendar_ics::single(&row, &exceptions, &tzid, &zone, &name);
    calendar_response(body, &format!("evenement-{}.ics", row.id))
}

/// Back to the agenda with the import's outcome.
fn back(id: i64, outcome: &str) -> Response {
    Redirect::to(&format!("/espaces/{id}/agenda?{outcome}")).into_response()
}

/// `POST /espaces/{id}/agenda/import`.
async fn import(
    State(app): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Response {
    let access = match module_role_in(&app, &caller, &app.db, id, Module::Calendar).await {
        Ok(access) => access,
        Err(error) => return error.status().into_response(),
    };
    let Some(user) = caller.id() else {
        return AppError::Unauthenticated.status().into_response();
    };
    if let Err(error) = access.require(SpaceAction::Contribute) {
        return error.status().into_response();
    }
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes),
                Err(_) => return back(id, "import_erreur=calendar-import-too-large"),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back(id, "import_erreur=calendar-import-malformed"),
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return back(id, "import_erreur=field-required");
    };
    let zone = match calendar_store::space_zone(&app.db, id).await {
        Ok(Some((_, _, zone))) => zone,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return failed(&error),
    };
    let events = match calendar_import::read(&bytes, &zone) {
        Ok(events) => events,
        Err(error) => {
            tracing::info!(space = id, user, %error, "calendar import refused");
            return back(id, &format!("import_erreur={error}"));
        }
    };
    match save_imported(&app, id, user, &zone, &events).await {
        Ok(()) => back(id, &format!("importe={}", events.len())),
        Err(error) => failed(&error),
    }
}

/// Saves every imported event in one transaction, with one activity line.
async fn save_imported(
    app: &AppState,
    id: i64,
    user: i64,
    zone: &jiff::tz::TimeZone,
    events: &[calendar_import::Imported],
) -> Result<(), sqlx::Error> {
    let now = app.clock.now_seconds();
    let mut tx = app.db.begin_write().await?;
    for imported in events {
        let event =
            calendar_store::insert(&mut tx, id, &imported.event, zone, Some(user), now).await?;
        for day in &imported.exceptions {
            calendar_store::set_exception(&mut tx, event, *day, false).await?;
        }
    }
    let subject = events
        .iter()
        .map(|e| e.event.title.as_str())
        .take(3)
        .collect::<Vec<_>>()
        .join(", ");
    record(
        &mut tx,
        &NewActivity {
            space_id: id,
            actor_id: Some(user),
            module: Module::Calendar,
            action: "activity-events-imported",
            subject,
            link: format!("/espaces/{id}/agenda"),
            mentioned: vec![],
            mail_to: MailTo::Everyone,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    app.jobs.wake();
    Ok(())
}
