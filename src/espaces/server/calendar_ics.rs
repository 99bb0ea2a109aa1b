//! iCalendar (RFC 5545) written with the `ics` crate: a space's feed and one event's file.
//! Times keep the space's zone (`DTSTART;TZID=Europe/Paris:20270322T100000`), described by a
//! VTIMEZONE computed from jiff's transitions of that zone, from a year before the first event
//! to ten years after the last; recurrences become RRULE (weekly or monthly, INTERVAL, UNTIL in
//! UTC or COUNT) and cancelled occurrences EXDATE; text is escaped (`ics::escape_text`: commas,
//! semicolons, backslashes, newlines). `ics` folds a long line into continuation lines of 76
//! octets (a space and 75), one more than RFC 5545 allows, so the output is refolded at 75.

use super::{
    calendar_rules::read_stored,
    calendar_store::EventRow,
};
use crate::espaces::calendar_types::Recurrence;
use ics::{
    escape_text,
    properties::{
        Description, DtEnd, DtStart, ExDate, Location, RRule, Summary, TzName,
    },
    components::{Parameter, Property},
    Daylight, Event, ICalendar, Standard, TimeZone as IcsZone,
};
use jiff::{
    civil::{Date, DateTime},
    tz::TimeZone,
    Span, Timestamp,
};
use std::collections::{BTreeSet, HashMap};

/// Longest content line, in octets (RFC 5545, 3.1).
const LINE_OCTETS: usize = 75;

/// An event with its cancelled occurrences, as the writer takes it.
pub struct IcsEvent<'a> {
    pub row: &'a EventRow,
    pub exceptions: &'a BTreeSet<Date>,
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn local(at: DateTime) -> String {
    at.strftime("%Y%m%dT%H%M%S").to_string()
}

fn day(at: Date) -> String {
    at.strftime("%Y%m%d").to_string()
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The VTIMEZONE of `zone` named `tzid` between `from` and `to`: the offset in force at
/// `from`, then each transition (DTSTART in the local time before it, as RFC 5545 says).
pub fn vtimezone<'a>(tzid: &'a str, zone: &TimeZone, from: Timestamp, to: Timestamp) -> IcsZone<'a> {
    let first = zone.to_offset_info(from);
    let first_offset = offset(first.offset().seconds());
    let start = local(from.to_zoned(zone.clone()).datetime());
    let mut standard = Standard::new(start.clone(), first_offset.clone(), first_offset.clone());
    standard.push(TzName::new(first.abbreviation().to_string()));
    let mut out = if first.dst().is_dst() {
        let mut daylight = Daylight::new(start, first_offset.clone(), first_offset);
        daylight.push(TzName::new(first.abbreviation().to_string()));
        IcsZone::daylight(tzid, daylight)
    } else {
        IcsZone::standard(tzid, standard)
    };
    let mut before = first.offset();
    for transition in zone.following(from) {
        if transition.timestamp() > to {
            break;
        }
        let onset = local(transition.timestamp().to_zoned(TimeZone::fixed(before)).datetime());
        let (from_offset, to_offset) = (offset(before.seconds()), offset(transition.offset().seconds()));
        let name = transition.abbreviation().to_string();
        if transition.dst().is_dst() {
            let mut daylight = Daylight::new(onset, from_offset, to_offset);
            daylight.push(TzName::new(name));
            out.add_daylight(daylight);
        } else {
            let mut standard = Standard::new(onset, from_offset, to_offset);
            standard.push(TzName::new(name));
            out.add_standard(standard);
        }
        before = transition.offset();
    }
    out
}

fn with_param<'a>(mut property: Property<'a>, key: &'a str, value: String) -> Property<'a> {
    property.add(Parameter::new(key, value));
    property
}

/// One VEVENT of `event` in zone `tzid`.
fn vevent<'a>(event: &'a IcsEvent<'a>, tzid: &'a str, zone: &TimeZone) -> Option<Event<'a>> {
    let row = event.row;
    let start = read_stored(&row.starts_local)?;
    let end = read_stored(&row.ends_local)?;
    let stamp = utc(Timestamp::from_second(row.updated_at).ok()?);
    let mut out = Event::new(row.uid.as_str(), stamp);
    let all_day = row.all_day != 0;
    if all_day {
        out.push(with_param(DtStart::new(day(start.date())).into(), "VALUE", "DATE".into()));
        out.push(with_param(DtEnd::new(day(end.date())).into(), "VALUE", "DATE".into()));
    } else {
        out.push(with_param(DtStart::new(local(start)).into(), "TZID", tzid.into()));
        out.push(with_param(DtEnd::new(local(end)).into(), "TZID", tzid.into()));
    }
    out.push(Summary::new(escape_text(row.title.as_str())));
    if !row.place.is_empty() {
        out.push(Location::new(escape_text(row.place.as_str())));
    }
    if !row.description.is_empty() {
        out.push(Description::new(escape_text(row.description.as_str())));
    }
    if row.recurrence != Recurrence::None {
        let freq = match row.recurrence {
            Recurrence::Monthly => "MONTHLY",
            _ => "WEEKLY",
        };
        let mut rule = format!("FREQ={freq}");
        if row.every > 1 {
            rule.push_str(&format!(";INTERVAL={}", row.every));
        }
        let until = row.until_date.as_deref().and_then(|d| d.parse::<Date>().ok());
        if let Some(until) = until {
            if all_day {
                rule.push_str(&format!(";UNTIL={}", day(until)));
            } else {
                // The end of that local day, in UTC (RFC 5545: UTC when DTSTART has a TZID).
                let last = until
                    .tomorrow()
                    .ok()
                    .and_then(|d| d.to_zoned(zone.clone()).ok())
                    .map(|z| z.timestamp() - Span::new().seconds(1));
                if let Some(last) = last {
                    rule.push_str(&format!(";UNTIL={}", utc(last)));
                }
            }
        } else if let Some(count) = row.occurrences {
            rule.push_str(&format!(";COUNT={count}"));
        }
        out.push(RRule::new(rule));
        for exception in event.exceptions {
            if all_day {
                out.push(with_param(ExDate::new(day(*exception)).into(), "VALUE", "DATE".into()));
            } else {
                out.push(with_param(
                    ExDate::new(local(exception.to_datetime(start.time()))).into(),
                    "TZID",
                    tzid.into(),
                ));
            }
        }
    }
    Some(out)
}

/// A calendar of `events` in zone `tzid` (`zone`), named `name` (the feed's X-WR-CALNAME).
pub fn calendar(name: &str, tzid: &str, zone: &TimeZone, events: &[IcsEvent<'_>]) -> String {
    let mut cal = ICalendar::new("2.0", "-//Parvis//Espaces calendar//FR");
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Property::new("METHOD", "PUBLISH"));
    cal.push(Property::new("X-WR-CALNAME", escape_text(name.to_string())));
    cal.push(Property::new("X-WR-TIMEZONE", tzid.to_string()));
    let starts = events
        .iter()
        .filter_map(|e| read_stored(&e.row.starts_local))
        .filter_map(|s| s.to_zoned(zone.clone()).ok())
        .map(|z| z.timestamp());
    let ends = events
        .iter()
        .filter_map(|e| {
            let end = read_stored(&e.row.ends_local)?;
            let until = e.row.until_date.as_deref().and_then(|d| d.parse::<Date>().ok());
            Some(until.map_or(end, |u| u.to_datetime(end.time()).max(end)))
        })
        .filter_map(|s| s.to_zoned(zone.clone()).ok())
        .map(|z| z.timestamp());
    let first = starts.min().unwrap_or_else(Timestamp::now);
    let last = ends.max().unwrap_or(first);
    let from = first
        .to_zoned(zone.clone())
        .checked_sub(Span::new().years(1))
        .map(|z| z.timestamp())
        .unwrap_or(first);
    let to = last
        .to_zoned(zone.clone())
        .checked_add(Span::new().years(10))
        .map(|z| z.timestamp())
        .unwrap_or(last);
    cal.add_timezone(vtimezone(tzid, zone, from, to));
    for event in events {
        if let Some(vevent) = vevent(event, tzid, zone) {
            cal.add_event(vevent);
        }
    }
    refold(&cal.to_string())
}

/// One event's .ics.
pub fn single(row: &EventRow, exceptions: &BTreeSet<Date>, tzid: &str, zone: &TimeZone, name: &str) -> String {
    calendar(name, tzid, zone, &[IcsEvent { row, exceptions }])
}

/// Events with their exceptions, for [`calendar`].
pub fn with_exceptions<'a>(
    rows: &'a [EventRow],
    exceptions: &'a HashMap<i64, BTreeSet<Date>>,
    empty: &'a BTreeSet<Date>,
) -> Vec<IcsEvent<'a>> {
    rows.iter()
        .map(|row| IcsEvent {
            row,
            exceptions: exceptions.get(&row.id).unwrap_or(empty),
        })
        .collect()
}

/// Unfolds `text`'s content lines and folds them again at [`LINE_OCTETS`] octets per line
/// (continuation lines included, their leading space counted), never inside a UTF-8 character.
pub fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut limit = LINE_OCTETS;
        loop {
            if rest.len() <= limit {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LINE_OCTETS - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::refold;

    #[test]
    fn lines_are_folded_at_75_octets_even_inside_accents() {
        let long = format!("SUMMARY:{}\r\n", "é".repeat(100));
        let folded = refold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}
