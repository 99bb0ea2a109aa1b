//! A space's shared calendar, over real HTTP on the backend `PARVIS_TEST_BACKEND` names:
//! events in the space's zone shown in each account's (daylight-saving changes included),
//! recurrence with a cancelled and restored occurrence, the refusals (an end before the start,
//! a reader, a non-member, someone else's event, an archived space), attendees and their
//! answers, the invitation mail carrying the .ics and the reminder round, the private feed
//! parsed back with the `ical` crate (VTIMEZONE, RRULE, EXDATE, escaped text, 75-octet lines)
//! and its revocation, one event's .ics, and the import of a good and of a malformed file.

mod common;

use common::TestApp;
use parvis::{
    accounts::types::Role,
    error::AppError,
    espaces::{
        calendar_types::{Answer, CalendarPage, EventDetail},
        server::calendar_mail,
        types::SpaceRole,
    },
};
use reqwest::Client;

const PASSWORD: &str = "correct horse battery";

/// A space of a host agent (its animator) with a contributor, a reader and, beside it, an
/// outsider signed in.
struct Space {
    id: i64,
    agent: Client,
    partner: Client,
    partner_id: i64,
    reader: Client,
    reader_id: i64,
    outsider: Client,
}

async fn member(app: &TestApp, space: i64, email: &str, role: SpaceRole) -> (Client, i64) {
    let client = app.sign_up(email, PASSWORD).await;
    let id = app.add_space_member(space, email, role).await;
    (client, id)
}

async fn space(app: &TestApp) -> Space {
    let (_, service) = app.direction("DEVE").await;
    let agent = app.sign_up("ada@paris.example", PASSWORD).await;
    app.grant("ada@paris.example", Role::HostAgent, Some(service))
        .await;
    let (status, id) = app
        .call_json::<i64>(
            &agent,
            "espaces/create",
            &[("template", "plan"), ("name", "Plan biodiversité")],
        )
        .await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("space");
    let (partner, partner_id) =
        member(app, id, "lea@partner.example", SpaceRole::Contributor).await;
    let (reader, reader_id) = member(app, id, "rita@partner.example", SpaceRole::Reader).await;
    let outsider = app.sign_up("out@elsewhere.example", PASSWORD).await;
    Space {
        id,
        agent,
        partner,
        partner_id,
        reader,
        reader_id,
        outsider,
    }
}

/// Saves an event (`event` 0: a new one) from `fields` (`title`, `start_date`…).
async fn save(
    app: &TestApp,
    client: &Client,
    space: i64,
    event: i64,
    fields: &[(&str, &str)],
) -> (u16, Result<i64, AppError>) {
    let (space, event) = (space.to_string(), event.to_string());
    let names: Vec<String> = fields.iter().map(|(k, _)| format!("form[{k}]")).collect();
    let mut form: Vec<(&str, &str)> = vec![("id", &space), ("event", &event)];
    form.extend(names.iter().zip(fields).map(|(k, (_, v))| (k.as_str(), *v)));
    app.call_json::<i64>(client, "espaces/save_event", &form)
        .await
}

/// The weekly meeting of the DST test: Mondays 10:00–11:00 from 15 March 2027, four times.
const WEEKLY: &[(&str, &str)] = &[
    ("title", "Point d'équipe"),
    ("start_date", "2027-03-15"),
    ("start_time", "10:00"),
    ("end_date", "2027-03-15"),
    ("end_time", "11:00"),
    ("recurrence", "weekly"),
    ("count", "4"),
];

async fn calendar(
    app: &TestApp,
    client: &Client,
    space: i64,
    view: &str,
    date: &str,
) -> (u16, Result<CalendarPage, AppError>) {
    app.call_json::<CalendarPage>(
        client,
        "espaces/calendar",
        &[("id", &space.to_string()), ("view", view), ("date", date)],
    )
    .await
}

async fn event(app: &TestApp, client: &Client, space: i64, event: i64) -> EventDetail {
    let (status, detail) = app
        .call_json::<EventDetail>(
            client,
            "espaces/event",
            &[("id", &space.to_string()), ("event", &event.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{detail:?}");
    detail.expect("event")
}

/// The start times of the agenda's occurrences from `date`, in the caller's zone.
async fn times(
    app: &TestApp,
    client: &Client,
    space: i64,
    date: &str,
) -> Vec<(String, String, bool)> {
    let (status, page) = calendar(app, client, space, "agenda", date).await;
    assert_eq!(status, 200, "{page:?}");
    page.expect("page")
        .days
        .into_iter()
        .flat_map(|d| {
            d.items
                .into_iter()
                .map(move |i| (d.date.iso.clone(), i.start_time, i.cancelled))
        })
        .collect()
}

#[tokio::test]
async fn a_weekly_meeting_at_ten_in_paris_stays_at_ten_local_across_the_march_change() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (status, id) = save(&app, &s.agent, s.id, 0, WEEKLY).await;
    assert_eq!(status, 200, "{id:?}");
    let id = id.expect("event");
    // The city's zone (Paris): 10:00 every Monday, before and after 28 March.
    let paris = times(&app, &s.partner, s.id, "2027-03-15").await;
    assert_eq!(
        paris,
        [
            ("2027-03-15".to_string(), "10:00".to_string(), false),
            ("2027-03-22".into(), "10:00".into(), false),
            ("2027-03-29".into(), "10:00".into(), false),
            ("2027-04-05".into(), "10:00".into(), false),
        ]
    );
    // An account in Tokyo (no daylight saving) sees the same meetings an hour earlier once
    // Paris has changed: 18:00, then 17:00.
    let (status, _) = app
        .call_json::<()>(
            &s.partner,
            "accounts/set_time_zone",
            &[("time_zone", "Asia/Tokyo")],
        )
        .await;
    assert_eq!(status, 200);
    let tokyo: Vec<String> = times(&app, &s.partner, s.id, "2027-03-15")
        .await
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(tokyo, ["18:00", "18:00", "17:00", "17:00"]);
    // The instants stored: 09:00 UTC in winter, 08:00 UTC in summer.
    let first: i64 = sqlx::query_scalar("SELECT starts_at FROM space_events WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("stored");
    assert_eq!(
        jiff::Timestamp::from_second(first)
            .expect("instant")
            .to_string(),
        "2027-03-15T09:00:00Z"
    );
    // The week and month views lay the same occurrence out.
    let (_, week) = calendar(&app, &s.agent, s.id, "week", "2027-03-31").await;
    let week = week.expect("week");
    assert_eq!(week.days.len(), 7);
    assert_eq!(week.days[0].date.iso, "2027-03-29");
    assert_eq!(week.days[0].items[0].start_time, "10:00");
    let (_, month) = calendar(&app, &s.agent, s.id, "month", "2027-03-10").await;
    let month = month.expect("month");
    assert_eq!(month.days.len() % 7, 0);
    let in_march: usize = month
        .days
        .iter()
        .filter(|d| !d.outside)
        .map(|d| d.items.len())
        .sum();
    assert_eq!(in_march, 3, "15, 22 and 29 March");
    assert_eq!(month.previous, "2027-02-01");
    assert_eq!(month.next, "2027-04-01");
    // The activity line.
    let line: String = sqlx::query_scalar(
        "SELECT action FROM space_activity WHERE space_id = $1 AND module = 'calendar'",
    )
    .bind(s.id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("activity");
    assert_eq!(line, "activity-event-created");
}

#[tokio::test]
async fn an_event_that_ends_before_it_starts_is_refused_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (status, answer) = save(
        &app,
        &s.agent,
        s.id,
        0,
        &[
            ("title", "À l'envers"),
            ("start_date", "2027-03-15"),
            ("start_time", "10:00"),
            ("end_date", "2027-03-14"),
            ("end_time", "11:00"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        answer.expect_err("refused").field_key("end_date"),
        Some("calendar-error-end-before-start")
    );
    // Other bad input, all fields at once.
    let (status, answer) = save(
        &app,
        &s.agent,
        s.id,
        0,
        &[
            ("title", ""),
            ("start_date", "15/03/2027"),
            ("start_time", "25:00"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    let error = answer.expect_err("refused");
    assert_eq!(error.field_key("title"), Some("field-required"));
    assert_eq!(error.field_key("start_date"), Some("calendar-error-date"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_events")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn readers_cannot_create_contributors_edit_their_own_and_non_members_get_404() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (status, _) = save(&app, &s.reader, s.id, 0, WEEKLY).await;
    assert_eq!(status, 403, "a reader");
    let (status, _) = save(&app, &s.outsider, s.id, 0, WEEKLY).await;
    assert_eq!(status, 404, "a non-member");
    let (status, _) = calendar(&app, &s.outsider, s.id, "agenda", "").await;
    assert_eq!(status, 404, "a non-member does not see the calendar");
    let (status, _) = calendar(&app, &app.client(), s.id, "agenda", "").await;
    assert_eq!(status, 404, "nor does a visitor");
    let (status, theirs) = save(&app, &s.partner, s.id, 0, WEEKLY).await;
    assert_eq!(status, 200);
    let theirs = theirs.expect("contributor's event");
    let (status, ours) = save(&app, &s.agent, s.id, 0, WEEKLY).await;
    assert_eq!(status, 200);
    let ours = ours.expect("animator's event");
    let renamed: Vec<(&str, &str)> = WEEKLY
        .iter()
        .map(|(k, v)| {
            if *k == "title" {
                (*k, "Renommé")
            } else {
                (*k, *v)
            }
        })
        .collect();
    let (status, _) = save(&app, &s.partner, s.id, ours, &renamed).await;
    assert_eq!(status, 403, "a contributor edits only their own");
    let (status, _) = save(&app, &s.partner, s.id, theirs, &renamed).await;
    assert_eq!(status, 200);
    let (status, _) = save(&app, &s.agent, s.id, theirs, &renamed).await;
    assert_eq!(status, 200, "an animator edits any");
    assert_eq!(event(&app, &s.reader, s.id, theirs).await.title, "Renommé");
    assert!(!event(&app, &s.reader, s.id, theirs).await.can_edit);
    let (status, _) = app
        .call_json::<()>(
            &s.partner,
            "espaces/delete_event",
            &[("id", &s.id.to_string()), ("event", &ours.to_string())],
        )
        .await;
    assert_eq!(status, 403);
    // An archived space is read-only.
    let archived = app
        .call(
            &s.agent,
            "espaces/archive",
            &[("id", &s.id.to_string()), ("archived", "true")],
        )
        .await;
    assert_eq!(archived.status(), 200);
    let (status, _) = save(&app, &s.agent, s.id, 0, WEEKLY).await;
    assert_eq!(status, 409, "archived");
    let (status, _) = save(&app, &s.partner, s.id, theirs, WEEKLY).await;
    assert_eq!(status, 409, "archived");
    let (status, _) = calendar(&app, &s.reader, s.id, "agenda", "2027-03-15").await;
    assert_eq!(status, 200, "still readable");
}

#[tokio::test]
async fn one_occurrence_is_cancelled_then_restored() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (_, id) = save(&app, &s.agent, s.id, 0, WEEKLY).await;
    let id = id.expect("event");
    let cancel = |date: &'static str, restore: &'static str| {
        let (space, event) = (s.id.to_string(), id.to_string());
        let agent = s.agent.clone();
        let app = &app;
        async move {
            app.call_json::<()>(
                &agent,
                "espaces/cancel_occurrence",
                &[
                    ("id", &space),
                    ("event", &event),
                    ("date", date),
                    ("restore", restore),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(cancel("2027-03-22", "false").await, 200);
    let cancelled: Vec<bool> = times(&app, &s.reader, s.id, "2027-03-15")
        .await
        .into_iter()
        .map(|(_, _, c)| c)
        .collect();
    assert_eq!(cancelled, [false, true, false, false]);
    assert_eq!(
        cancel("2027-03-23", "false").await,
        422,
        "no occurrence that day"
    );
    let (status, _) = app
        .call_json::<()>(
            &s.reader,
            "espaces/cancel_occurrence",
            &[
                ("id", &s.id.to_string()),
                ("event", &id.to_string()),
                ("date", "2027-03-29"),
            ],
        )
        .await;
    assert_eq!(status, 403, "a reader");
    assert_eq!(cancel("2027-03-22", "true").await, 200);
    let cancelled: Vec<bool> = times(&app, &s.reader, s.id, "2027-03-15")
        .await
        .into_iter()
        .map(|(_, _, c)| c)
        .collect();
    assert_eq!(cancelled, [false, false, false, false]);
}

fn prop<'e>(
    event: &'e ical::parser::ical::component::IcalEvent,
    name: &str,
) -> &'e ical::property::Property {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", event.properties))
}

#[tokio::test]
async fn the_private_feed_parses_back_and_stops_when_revoked_or_replaced() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (status, id) = save(
        &app,
        &s.agent,
        s.id,
        0,
        &[
            ("title", "Bilan, suite; et fin"),
            ("start_date", "2027-03-15"),
            ("start_time", "10:00"),
            ("end_date", "2027-03-15"),
            ("end_time", "11:30"),
            ("place", "Salle 1, 2e étage"),
            ("description", "Ordre du jour :\n- un point\n- un autre point, très long pour que la ligne dépasse soixante-quinze octets"),
            ("recurrence", "weekly"),
            ("until", "2027-05-31"),
        ],
    )
    .await;
    let id = id.unwrap_or_else(|e| panic!("{status} {e:?}"));
    let (status, _) = app
        .call_json::<()>(
            &s.agent,
            "espaces/cancel_occurrence",
            &[
                ("id", &s.id.to_string()),
                ("event", &id.to_string()),
                ("date", "2027-04-05"),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let (status, link) = app
        .call_json::<String>(
            &s.partner,
            "espaces/calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    assert_eq!(status, 200);
    let link = link.expect("link");
    assert!(link.contains("/espaces/agenda/"), "{link}");
    let response = app.client().get(&link).send().await.expect("feed");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/calendar"));
    let text = response.text().await.expect("body");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let calendars: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .expect("the feed parses");
    assert_eq!(calendars.len(), 1);
    let cal = &calendars[0];
    assert_eq!(cal.timezones.len(), 1);
    let zone = &cal.timezones[0];
    assert!(zone
        .properties
        .iter()
        .any(|p| p.name == "TZID" && p.value.as_deref() == Some("Europe/Paris")));
    // From a year before the event to ten after: about 22 changes, summer and winter.
    assert!(zone.transitions.len() >= 20, "{}", zone.transitions.len());
    assert!(text.contains("BEGIN:DAYLIGHT") && text.contains("BEGIN:STANDARD"));
    assert!(text.contains("TZOFFSETFROM:+0100") && text.contains("TZOFFSETTO:+0200"));
    assert_eq!(cal.events.len(), 1);
    let vevent = &cal.events[0];
    let start = prop(vevent, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20270315T100000"));
    assert_eq!(
        start.params.as_ref().expect("params")[0],
        ("TZID".to_string(), vec!["Europe/Paris".to_string()])
    );
    assert_eq!(
        prop(vevent, "DTEND").value.as_deref(),
        Some("20270315T113000")
    );
    assert_eq!(
        prop(vevent, "RRULE").value.as_deref(),
        Some("FREQ=WEEKLY;UNTIL=20270531T215959Z")
    );
    assert_eq!(
        prop(vevent, "EXDATE").value.as_deref(),
        Some("20270405T100000")
    );
    assert_eq!(
        prop(vevent, "SUMMARY").value.as_deref(),
        Some("Bilan\\, suite\\; et fin")
    );
    assert_eq!(
        prop(vevent, "LOCATION").value.as_deref(),
        Some("Salle 1\\, 2e étage")
    );
    assert!(prop(vevent, "DESCRIPTION")
        .value
        .as_deref()
        .expect("description")
        .starts_with("Ordre du jour :\\n- un point\\n"));
    assert!(!prop(vevent, "UID")
        .value
        .as_deref()
        .unwrap_or("")
        .is_empty());
    // One event's .ics, to whoever sees the space.
    let path = format!("/espaces/{}/agenda/{id}/ics", s.id);
    let one = s.reader.get(app.url(&path)).send().await.expect("ics");
    assert_eq!(one.status(), 200);
    assert!(one
        .text()
        .await
        .expect("body")
        .contains("RRULE:FREQ=WEEKLY"));
    let hidden = s.outsider.get(app.url(&path)).send().await.expect("ics");
    assert_eq!(hidden.status(), 404);
    // A new link replaces the old; revoking ends it.
    let (_, second) = app
        .call_json::<String>(
            &s.partner,
            "espaces/calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    let second = second.expect("second link");
    let status = |url: String| async move {
        Client::new()
            .get(url)
            .send()
            .await
            .expect("feed")
            .status()
            .as_u16()
    };
    assert_eq!(status(link.clone()).await, 404, "replaced");
    assert_eq!(status(second.clone()).await, 200);
    let (code, _) = app
        .call_json::<()>(
            &s.partner,
            "espaces/revoke_calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    assert_eq!(code, 200);
    assert_eq!(status(second).await, 404, "revoked");
    // A member who leaves the space takes their link's access with them.
    let (_, third) = app
        .call_json::<String>(
            &s.reader,
            "espaces/calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    let third = third.expect("reader's link");
    assert_eq!(status(third.clone()).await, 200);
    sqlx::query("DELETE FROM space_members WHERE user_id = $1")
        .bind(s.reader_id)
        .execute(&app.state.db.pool)
        .await
        .expect("removed");
    assert_eq!(status(third).await, 404, "no longer a member");
    let (code, _) = app
        .call_json::<String>(
            &s.outsider,
            "espaces/calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    assert_eq!(code, 404);
}

async fn import(app: &TestApp, client: &Client, space: i64, file: &str) -> (u16, String) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(file.as_bytes().to_vec())
            .file_name("agenda.ics")
            .mime_str("text/calendar")
            .expect("mime"),
    );
    let response = client
        .post(app.url(&format!("/espaces/{space}/agenda/import")))
        .multipart(form)
        .send()
        .await
        .expect("import");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().expect("location").to_string())
        .unwrap_or_default();
    (status, location)
}

const GOOD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
BEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Atelier\\, compost\r\n\
DTSTART;TZID=Europe/Paris:20270301T140000\r\nDTEND;TZID=Europe/Paris:20270301T160000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6\r\nEXDATE;TZID=Europe/Paris:20270315T140000\r\n\
LOCATION:Jardin\r\nDESCRIPTION:Apportez\\ndes gants\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b@test\r\nDTSTAMP:20270101T000000Z\r\nSUMMARY:Fête des jardins\r\n\
DTSTART;VALUE=DATE:20270612\r\nDTEND;VALUE=DATE:20270614\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[tokio::test]
async fn an_ics_file_is_imported_whole_or_not_at_all() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let (status, location) = import(&app, &s.partner, s.id, GOOD).await;
    assert_eq!(status, 303, "{location}");
    assert_eq!(location, format!("/espaces/{}/agenda?importe=2", s.id));
    let rows: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT title, starts_local, all_day, ends_local FROM space_events WHERE space_id = $1 ORDER BY id",
    )
    .bind(s.id)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, "Atelier, compost");
    assert_eq!(rows[0].1, "2027-03-01T14:00:00");
    assert_eq!((rows[1].2, rows[1].3.as_str()), (1, "2027-06-14T00:00:00"));
    let weeks: Vec<bool> = times(&app, &s.reader, s.id, "2027-03-01")
        .await
        .into_iter()
        .map(|(_, _, c)| c)
        .collect();
    // The agenda's 31 days from 1 March: five of the six Mondays, the 15th cancelled.
    assert_eq!(weeks, [false, false, true, false, false]);
    // A malformed file, a file with one bad event among good ones: nothing comes in.
    let bad_event = GOOD.replace("DTSTART;VALUE=DATE:20270612\r\n", "");
    for (file, key) in [
        ("not a calendar at all", "calendar-import-malformed"),
        (
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x",
            "calendar-import-malformed",
        ),
        (bad_event.as_str(), "calendar-import-bad-event"),
        (
            &GOOD.replace("FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY"),
            "calendar-import-unsupported-recurrence",
        ),
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            "calendar-import-empty",
        ),
    ] {
        let (status, location) = import(&app, &s.partner, s.id, file).await;
        assert_eq!(status, 303);
        assert_eq!(
            location,
            format!("/espaces/{}/agenda?import_erreur={key}", s.id),
            "{file}"
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM space_events")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(count, 2, "nothing half-imported");
    assert_eq!(import(&app, &s.reader, s.id, GOOD).await.0, 403);
    assert_eq!(import(&app, &s.outsider, s.id, GOOD).await.0, 404);
}

#[tokio::test]
async fn attendees_are_invited_by_a_mail_with_the_ics_answer_and_are_reminded() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    // Tomorrow at 10:00 in Paris, weekly.
    let now = app.state.clock.now();
    let tomorrow = now
        .to_zoned(jiff::tz::TimeZone::get("Europe/Paris").expect("zone"))
        .date()
        .tomorrow()
        .expect("tomorrow")
        .to_string();
    let (_, id) = save(
        &app,
        &s.agent,
        s.id,
        0,
        &[
            ("title", "Comité de suivi"),
            ("start_date", &tomorrow),
            ("start_time", "10:00"),
            ("end_time", "11:00"),
            ("place", "Salle Bièvre"),
            ("recurrence", "weekly"),
        ],
    )
    .await;
    let id = id.expect("event");
    let invite = |client: Client, user: i64| {
        let (space, event) = (s.id.to_string(), id.to_string());
        let app = &app;
        async move {
            app.call_json::<()>(
                &client,
                "espaces/invite_attendee",
                &[
                    ("id", &space),
                    ("event", &event),
                    ("user_id", &user.to_string()),
                ],
            )
            .await
            .0
        }
    };
    assert_eq!(invite(s.agent.clone(), s.partner_id).await, 200);
    assert_eq!(invite(s.agent.clone(), s.reader_id).await, 200);
    assert_eq!(
        invite(s.agent.clone(), s.partner_id).await,
        422,
        "invited already"
    );
    let outsider = app.user_id("out@elsewhere.example").await;
    assert_eq!(invite(s.agent.clone(), outsider).await, 422, "not a member");
    assert_eq!(
        invite(s.partner.clone(), s.reader_id).await,
        403,
        "not theirs"
    );
    app.settle_jobs().await;
    let mail = app
        .mail_containing(&["lea@partner.example", "invitation.ics"])
        .await;
    assert!(mail.contains("text/calendar"), "{mail}");
    assert!(mail.contains("Comit"), "{mail}");
    // Answers.
    let answer = |client: Client, value: &'static str| {
        let (space, event) = (s.id.to_string(), id.to_string());
        let app = &app;
        async move {
            app.call_json::<Answer>(
                &client,
                "espaces/answer_event",
                &[("id", &space), ("event", &event), ("answer", value)],
            )
            .await
            .0
        }
    };
    assert_eq!(answer(s.partner.clone(), "yes").await, 200);
    assert_eq!(answer(s.reader.clone(), "no").await, 200);
    assert_eq!(
        answer(s.reader.clone(), "maybe").await,
        200,
        "a change of mind"
    );
    assert_eq!(answer(s.reader.clone(), "pending").await, 422);
    assert_eq!(answer(s.agent.clone(), "yes").await, 403, "not invited");
    assert_eq!(answer(s.outsider.clone(), "yes").await, 404);
    let detail = event(&app, &s.partner, s.id, id).await;
    assert_eq!(detail.my_answer, Some(Answer::Yes));
    let answers: Vec<Answer> = detail.attendees.iter().map(|a| a.answer).collect();
    assert_eq!(answers.len(), 2);
    assert!(answers.contains(&Answer::Yes) && answers.contains(&Answer::Maybe));
    // The reminder round: about a day before, once per occurrence, to who did not decline.
    app.state.clock.set(
        now.to_zoned(jiff::tz::TimeZone::get("Europe/Paris").expect("zone"))
            .date()
            .to_datetime(jiff::civil::time(11, 0, 0, 0))
            .to_zoned(jiff::tz::TimeZone::get("Europe/Paris").expect("zone"))
            .expect("today 11:00")
            .timestamp(),
    );
    // A space whose calendar is switched off sends no reminder; switched back on, it does.
    let module = |sql: &'static str| {
        let (app, space) = (&app, s.id);
        async move {
            sqlx::query(sql)
                .bind(space)
                .execute(&app.state.db.pool)
                .await
                .expect("module");
        }
    };
    module("DELETE FROM space_modules WHERE space_id = $1 AND module = 'calendar'").await;
    assert_eq!(
        calendar_mail::reminders(&app.state).await.expect("round"),
        0,
        "calendar off"
    );
    module("INSERT INTO space_modules (space_id, module) VALUES ($1, 'calendar')").await;
    assert_eq!(
        calendar_mail::reminders(&app.state).await.expect("round"),
        2
    );
    assert_eq!(
        calendar_mail::reminders(&app.state).await.expect("round"),
        0,
        "once"
    );
    app.settle_jobs().await;
    app.mail_containing(&["rita@partner.example", "Rappel"])
        .await;
}

/// Without JavaScript, asking for a feed link lands back on the agenda, which shows the new
/// link to its member only (checked by the server, ten minutes at most), never JSON.
#[tokio::test]
async fn a_feed_link_made_without_javascript_is_shown_on_the_agenda_to_its_member_only() {
    let app = TestApp::spawn().await;
    let s = space(&app).await;
    let page = format!("/espaces/{}/agenda", s.id);
    let landed = app
        .post_plain_form(
            &s.partner,
            &page,
            "espaces/calendar_feed",
            &[("id", &s.id.to_string())],
        )
        .await;
    let token = landed
        .location
        .strip_prefix(&format!("{page}?lien="))
        .unwrap_or_else(|| panic!("back on the agenda: {}", landed.location))
        .to_string();
    let feed = format!("/espaces/agenda/{token}.ics");
    assert!(landed.html.contains(&feed), "the new link is shown");
    let response = app.client().get(app.url(&feed)).send().await.expect("feed");
    assert_eq!(response.status(), 200, "and it works");
    assert!(
        !app.page_html(&s.agent, &landed.location)
            .await
            .contains(&feed),
        "not to another member"
    );
    app.state.clock.set(
        app.state
            .clock
            .now()
            .checked_add(jiff::SignedDuration::from_mins(11))
            .expect("later"),
    );
    assert!(
        !app.page_html(&s.partner, &landed.location)
            .await
            .contains(&feed),
        "not later"
    );
}
