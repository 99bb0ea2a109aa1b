//! An imported .ics file read with the `ical` crate into checked events: title, start and end
//! (a UTC time, a time in a named zone, a floating time, or whole days), place, description,
//! a weekly or monthly RRULE (INTERVAL, UNTIL, COUNT; a BYDAY or BYMONTHDAY that only repeats
//! the start's day) and its EXDATEs, all turned into the space's zone. The whole file is
//! checked before anything is saved: one bad event refuses the file with a clear message.

use super::calendar_rules::{CheckedEvent, Rule};
use crate::{
    error::AppError,
    espaces::{
        calendar_types::{Recurrence, COUNT_MAX, DESCRIPTION_MAX, EVERY_MAX, PLACE_MAX, TITLE_MAX},
        types::text,
    },
    server::clock::zone_named,
};
use ical::{parser::ical::component::IcalEvent, property::Property, IcalParser};
use jiff::{
    civil::{Date, DateTime, Weekday},
    tz::TimeZone,
    Span,
};
use std::collections::BTreeSet;

/// Largest file imported, in bytes.
pub const FILE_MAX: usize = 2 * 1024 * 1024;
/// Most events in one file.
pub const EVENTS_MAX: usize = 2000;

/// An event read from a file, with its cancelled occurrences.
#[derive(Debug, Clone)]
pub struct Imported {
    pub event: CheckedEvent,
    pub exceptions: BTreeSet<Date>,
}

/// Why a file is refused: each is a translation key shown under the file field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("calendar-import-malformed")]
    Malformed,
    #[error("calendar-import-empty")]
    Empty,
    #[error("calendar-import-too-large")]
    TooLarge,
    #[error("calendar-import-bad-event")]
    BadEvent,
    #[error("calendar-import-unsupported-recurrence")]
    Unsupported,
}

impl From<ImportError> for AppError {
    fn from(error: ImportError) -> AppError {
        AppError::field("file", &error.to_string())
    }
}

fn property<'e>(event: &'e IcalEvent, name: &str) -> Option<&'e Property> {
    event
        .properties
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

fn param<'p>(property: &'p Property, name: &str) -> Option<&'p str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

/// A TEXT value unescaped (RFC 5545, 3.3.11).
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A DATE or DATE-TIME value in the space's `zone`: (civil time, whole day).
fn when(property: &Property, zone: &TimeZone) -> Result<(DateTime, bool), ImportError> {
    let value = property.value.as_deref().unwrap_or("").trim();
    let is_date = param(property, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || value.len() == 8;
    if is_date {
        let date = Date::strptime("%Y%m%d", value).map_err(|_| ImportError::BadEvent)?;
        return Ok((date.to_datetime(jiff::civil::Time::midnight()), true));
    }
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        let civil = DateTime::strptime("%Y%m%dT%H%M%S", utc).map_err(|_| ImportError::BadEvent)?;
        let at = civil
            .to_zoned(TimeZone::UTC)
            .map_err(|_| ImportError::BadEvent)?;
        return Ok((at.with_time_zone(zone.clone()).datetime(), false));
    }
    let civil = DateTime::strptime("%Y%m%dT%H%M%S", value).map_err(|_| ImportError::BadEvent)?;
    match param(property, "TZID").and_then(|name| zone_named(name.trim_matches('"'))) {
        Some(theirs) => {
            let at = civil.to_zoned(theirs).map_err(|_| ImportError::BadEvent)?;
            Ok((at.with_time_zone(zone.clone()).datetime(), false))
        }
        // A floating time, or a zone we do not know by that name: the space's time.
        None => Ok((civil, false)),
    }
}

/// A RRULE's value as a [`Rule`] starting at `start`.
fn rule(value: &str, start: DateTime, zone: &TimeZone) -> Result<Rule, ImportError> {
    let mut rule = Rule {
        freq: Recurrence::None,
        every: 1,
        until: None,
        count: None,
    };
    for part in value.split(';').filter(|p| !p.is_empty()) {
        let (key, val) = part.split_once('=').ok_or(ImportError::Malformed)?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => {
                rule.freq = match val.to_ascii_uppercase().as_str() {
                    "WEEKLY" => Recurrence::Weekly,
                    "MONTHLY" => Recurrence::Monthly,
                    _ => return Err(ImportError::Unsupported),
                }
            }
            "INTERVAL" => {
                rule.every = val
                    .parse()
                    .ok()
                    .filter(|n| (1..=EVERY_MAX).contains(n))
                    .ok_or(ImportError::Unsupported)?;
            }
            "COUNT" => {
                rule.count = Some(
                    val.parse()
                        .ok()
                        .filter(|n| (1..=COUNT_MAX).contains(n))
                        .ok_or(ImportError::Unsupported)?,
                );
            }
            "UNTIL" => {
                let fake = Property {
                    name: "UNTIL".into(),
                    params: None,
                    value: Some(val.to_string()),
                };
                rule.until = Some(when(&fake, zone)?.0.date());
            }
            "BYDAY" => {
                let day = match start.weekday() {
                    Weekday::Monday => "MO",
                    Weekday::Tuesday => "TU",
                    Weekday::Wednesday => "WE",
                    Weekday::Thursday => "TH",
                    Weekday::Friday => "FR",
                    Weekday::Saturday => "SA",
                    Weekday::Sunday => "SU",
                };
                if !val.eq_ignore_ascii_case(day) {
                    return Err(ImportError::Unsupported);
                }
            }
            "BYMONTHDAY" => {
                if val.parse::<i8>().ok() != Some(start.day()) {
                    return Err(ImportError::Unsupported);
                }
            }
            "WKST" => {}
            _ => return Err(ImportError::Unsupported),
        }
    }
    if rule.freq == Recurrence::None {
        return Err(ImportError::Malformed);
    }
    if rule.until.is_some() && rule.count.is_some() {
        return Err(ImportError::Malformed);
    }
    Ok(rule)
}

fn checked_text(value: Option<&Property>, max: usize, required: bool) -> Result<String, ImportError> {
    let raw = value.and_then(|p| p.value.as_deref()).map(unescape).unwrap_or_default();
    let raw: String = if required { raw } else { raw.chars().take(max).collect() };
    text("text", &raw.replace('\r', ""), max, required).map_err(|_| ImportError::BadEvent)
}

fn read_event(event: &IcalEvent, zone: &TimeZone) -> Result<Imported, ImportError> {
    let title = checked_text(property(event, "SUMMARY"), TITLE_MAX, true)?;
    let place = checked_text(property(event, "LOCATION"), PLACE_MAX, false)?;
    let description = checked_text(property(event, "DESCRIPTION"), DESCRIPTION_MAX, false)?;
    let (start, all_day) = when(property(event, "DTSTART").ok_or(ImportError::BadEvent)?, zone)?;
    let end = match property(event, "DTEND") {
        Some(end) => when(end, zone)?.0,
        None if all_day => start
            .checked_add(Span::new().days(1))
            .map_err(|_| ImportError::BadEvent)?,
        None => start,
    };
    if end < start || (all_day && end == start) {
        return Err(ImportError::BadEvent);
    }
    let rule = match property(event, "RRULE").and_then(|p| p.value.as_deref()) {
        Some(value) => rule(value, start, zone)?,
        None => Rule::ONCE,
    };
    let mut exceptions = BTreeSet::new();
    for ex in event
        .properties
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case("EXDATE"))
    {
        for value in ex.value.as_deref().unwrap_or("").split(',') {
            let one = Property {
                name: ex.name.clone(),
                params: ex.params.clone(),
                value: Some(value.to_string()),
            };
            exceptions.insert(when(&one, zone)?.0.date());
        }
    }
    Ok(Imported {
        event: CheckedEvent {
            title,
            place,
            description,
            start,
            end,
            all_day,
            rule,
        },
        exceptions,
    })
}

/// Reads every VEVENT of `bytes` in the space's `zone`; refuses the whole file when one is
/// wrong (nothing is imported by half).
pub fn read(bytes: &[u8], zone: &TimeZone) -> Result<Vec<Imported>, ImportError> {
    if bytes.len() > FILE_MAX {
        return Err(ImportError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::Malformed)?;
    if !text.trim_start_matches('\u{feff}').trim_start().to_ascii_uppercase().starts_with("BEGIN:VCALENDAR") {
        return Err(ImportError::Malformed);
    }
    let mut events = Vec::new();
    let mut calendars = 0;
    for calendar in IcalParser::new(std::io::BufReader::new(text.as_bytes())) {
        let calendar = calendar.map_err(|_| ImportError::Malformed)?;
        calendars += 1;
        for event in &calendar.events {
            if events.len() >= EVENTS_MAX {
                return Err(ImportError::TooLarge);
            }
            events.push(read_event(event, zone)?);
        }
    }
    if calendars == 0 {
        return Err(ImportError::Malformed);
    }
    if events.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").expect("zone")
    }

    #[test]
    fn reads_times_in_utc_in_a_zone_and_whole_days() {
        let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Atelier\\, sol\r\nDTSTART:20270322T090000Z\r\nDTEND;TZID=America/New_York:20270322T060000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Fête\r\nDTSTART;VALUE=DATE:20270601\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;VALUE=DATE:20270608\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let events = read(file.as_bytes(), &paris()).expect("read");
        assert_eq!(events[0].event.title, "Atelier, sol");
        assert_eq!(events[0].event.start.to_string(), "2027-03-22T10:00:00");
        assert_eq!(events[0].event.end.to_string(), "2027-03-22T11:00:00");
        assert!(events[1].event.all_day);
        assert_eq!(events[1].event.rule.count, Some(3));
        assert!(events[1].exceptions.contains(&"2027-06-08".parse().expect("date")));
    }

    #[test]
    fn refuses_what_is_not_a_calendar() {
        assert_eq!(read(b"hello", &paris()).err(), Some(ImportError::Malformed));
        let no_start = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(read(no_start.as_bytes(), &paris()).err(), Some(ImportError::BadEvent));
    }
}
