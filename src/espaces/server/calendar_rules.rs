//! The calendar's rules in jiff, the project's one time crate: an event's form checked into a
//! [`Series`] (start and end as civil date-times in the space's zone, its recurrence and
//! cancelled occurrences), and the occurrences of a series in a period. Occurrences keep
//! their local time across daylight-saving changes: a weekly 10:00 in Paris is 10:00 in
//! winter and in summer (09:00 or 08:00 UTC).

use crate::{
    error::{AppError, FieldError},
    espaces::{
        calendar_types::{
            EventForm, Recurrence, COUNT_MAX, DESCRIPTION_MAX, EVERY_MAX, PLACE_MAX, TITLE_MAX,
        },
        types::text,
    },
};
use jiff::{
    civil::{Date, DateTime, Time},
    tz::TimeZone,
    Span, Timestamp, Zoned,
};
use std::collections::BTreeSet;

/// Most occurrences walked when expanding one series (a safety bound).
const WALK_MAX: i64 = 20_000;
/// How far after its start a recurrence may end (years).
const YEARS_MAX: i16 = 10;

/// How an event repeats, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub freq: Recurrence,
    /// Every n weeks or months (1 or more).
    pub every: i64,
    /// The last local date an occurrence may start on.
    pub until: Option<Date>,
    /// The number of occurrences (cancelled ones count).
    pub count: Option<i64>,
}

impl Rule {
    /// An event that happens once.
    pub const ONCE: Rule = Rule {
        freq: Recurrence::None,
        every: 1,
        until: None,
        count: None,
    };
}

/// An event's time and recurrence in its space's zone.
#[derive(Debug, Clone)]
pub struct Series {
    /// The first start and end, civil, in `zone`; an all-day event runs from 00:00 of its
    /// first day to 00:00 of the day after its last.
    pub start: DateTime,
    pub end: DateTime,
    pub all_day: bool,
    pub rule: Rule,
    /// The local start dates of the cancelled occurrences.
    pub exceptions: BTreeSet<Date>,
    pub zone: TimeZone,
}

/// One occurrence of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// The local date of its start: what names it.
    pub date: Date,
    pub start: Zoned,
    pub end: Zoned,
    pub cancelled: bool,
}

/// An event's form, checked: its texts and its [`Series`] (without exceptions).
#[derive(Debug, Clone)]
pub struct CheckedEvent {
    pub title: String,
    pub place: String,
    pub description: String,
    pub start: DateTime,
    pub end: DateTime,
    pub all_day: bool,
    pub rule: Rule,
}

fn error(field: &str, key: &str) -> FieldError {
    FieldError {
        field: field.into(),
        key: key.into(),
    }
}

fn date(field: &str, value: &str) -> Result<Date, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(error(field, "field-required"));
    }
    value
        .parse::<Date>()
        .map_err(|_| error(field, "calendar-error-date"))
}

fn time(field: &str, value: &str) -> Result<Time, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(error(field, "field-required"));
    }
    value
        .parse::<Time>()
        .map_err(|_| error(field, "calendar-error-time"))
}

fn push<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Checks an event's form: every field, all errors at once. An end before the start is
/// refused on `end_date` (`calendar-error-end-before-start`).
pub fn check(form: &EventForm) -> Result<CheckedEvent, AppError> {
    let mut errors = Vec::new();
    let title = push(&mut errors, text("title", &form.title, TITLE_MAX, true));
    let place = push(&mut errors, text("place", &form.place, PLACE_MAX, false));
    let description = push(
        &mut errors,
        text("description", &form.description, DESCRIPTION_MAX, false),
    );
    let all_day = form.is_all_day();
    let start_date = push(&mut errors, date("start_date", &form.start_date));
    let end_date = if form.end_date.trim().is_empty() {
        start_date
    } else {
        push(&mut errors, date("end_date", &form.end_date))
    };
    let (start_time, end_time) = if all_day {
        (Some(Time::midnight()), Some(Time::midnight()))
    } else {
        (
            push(&mut errors, time("start_time", &form.start_time)),
            push(&mut errors, time("end_time", &form.end_time)),
        )
    };
    let freq = if form.recurrence.trim().is_empty() {
        Some(Recurrence::None)
    } else {
        push(
            &mut errors,
            Recurrence::parse(form.recurrence.trim()).ok_or_else(|| error("recurrence", "field-unknown")),
        )
    };
    let every = match form.every.trim() {
        "" => Some(1),
        n => push(
            &mut errors,
            n.parse::<i64>()
                .ok()
                .filter(|n| (1..=EVERY_MAX).contains(n))
                .ok_or_else(|| error("every", "calendar-error-every")),
        ),
    };
    let count = match form.count.trim() {
        "" => Some(None),
        n => push(
            &mut errors,
            n.parse::<i64>()
                .ok()
                .filter(|n| (1..=COUNT_MAX).contains(n))
                .map(Some)
                .ok_or_else(|| error("count", "calendar-error-count")),
        ),
    };
    let until = match form.until.trim() {
        "" => Some(None),
        d => push(&mut errors, date("until", d).map(Some)),
    };
    let (start, end) = match (start_date, end_date, start_time, end_time) {
        (Some(sd), Some(ed), Some(st), Some(et)) => {
            let start = sd.to_datetime(st);
            let end = if all_day {
                ed.tomorrow().map(|d| d.to_datetime(et)).unwrap_or(ed.to_datetime(et))
            } else {
                ed.to_datetime(et)
            };
            if end < start || (all_day && end == start) {
                errors.push(error("end_date", "calendar-error-end-before-start"));
            }
            (Some(start), Some(end))
        }
        _ => (None, None),
    };
    if let (Some(start), Some(Some(until))) = (start, until) {
        let latest = start.date().checked_add(Span::new().years(YEARS_MAX));
        if until < start.date() || latest.is_ok_and(|l| until > l) {
            errors.push(error("until", "calendar-error-until"));
        }
    }
    if let (Some(Some(_)), Some(Some(_))) = (until, count) {
        errors.push(error("count", "calendar-error-until-and-count"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (
        Some(title),
        Some(place),
        Some(description),
        Some(start),
        Some(end),
        Some(freq),
        Some(every),
        Some(until),
        Some(count),
    ) = (title, place, description, start, end, freq, every, until, count)
    else {
        return Err(AppError::Internal);
    };
    let rule = if freq == Recurrence::None {
        Rule::ONCE
    } else {
        Rule {
            freq,
            every,
            until,
            count,
        }
    };
    Ok(CheckedEvent {
        title,
        place,
        description,
        start,
        end,
        all_day,
        rule,
    })
}

/// The civil form stored (`2027-03-22T10:00:00`).
pub fn stored(at: DateTime) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A stored civil date-time read back.
pub fn read_stored(value: &str) -> Option<DateTime> {
    value.parse::<DateTime>().ok()
}

impl Series {
    /// The `n`th start of the recurrence (0: the first), or `None` when that month has no such
    /// day (a monthly event on the 31st skips shorter months, as RFC 5545 says).
    fn nth_start(&self, n: i64) -> Option<DateTime> {
        match self.rule.freq {
            Recurrence::None => (n == 0).then_some(self.start),
            Recurrence::Weekly => self
                .start
                .checked_add(Span::new().weeks(n.checked_mul(self.rule.every)?))
                .ok(),
            Recurrence::Monthly => {
                let months = n.checked_mul(self.rule.every)?;
                let first = self.start.date().first_of_month();
                let month = first.checked_add(Span::new().months(months)).ok()?;
                if self.start.day() > month.days_in_month() {
                    return None;
                }
                Some(
                    Date::new(month.year(), month.month(), self.start.day())
                        .ok()?
                        .to_datetime(self.start.time()),
                )
            }
        }
    }

    /// Every occurrence that overlaps `[from, to)`, cancelled ones included (marked), at most
    /// `limit`.
    pub fn occurrences(&self, from: Timestamp, to: Timestamp, limit: usize) -> Vec<Occurrence> {
        let length = self.start.duration_until(self.end);
        let mut found = Vec::new();
        let mut counted = 0;
        for n in 0..WALK_MAX {
            if found.len() >= limit {
                break;
            }
            if self.rule.count.is_some_and(|c| counted >= c) {
                break;
            }
            let Some(start) = self.nth_start(n) else {
                if self.rule.freq == Recurrence::None {
                    break;
                }
                continue;
            };
            if self.rule.until.is_some_and(|u| start.date() > u) {
                break;
            }
            counted += 1;
            let Ok(start_zoned) = start.to_zoned(self.zone.clone()) else {
                continue;
            };
            if start_zoned.timestamp() >= to {
                break;
            }
            let Ok(end_zoned) = start
                .checked_add(length)
                .and_then(|end| end.to_zoned(self.zone.clone()))
            else {
                continue;
            };
            let overlaps = end_zoned.timestamp() > from
                || (end_zoned.timestamp() == start_zoned.timestamp()
                    && start_zoned.timestamp() >= from);
            if overlaps {
                found.push(Occurrence {
                    date: start.date(),
                    cancelled: self.exceptions.contains(&start.date()),
                    start: start_zoned,
                    end: end_zoned,
                });
            }
        }
        found
    }

    /// Whether `day` (a local date) is the start date of one of its occurrences.
    pub fn has_occurrence_on(&self, day: Date) -> bool {
        let Ok(from) = day.to_zoned(self.zone.clone()) else {
            return false;
        };
        let Some(to) = day
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(self.zone.clone()).ok())
        else {
            return false;
        };
        // Occurrences starting that day overlap it; keep those that start on it.
        self.occurrences(from.timestamp(), to.timestamp(), 64)
            .iter()
            .any(|o| o.date == day)
    }

    /// The first start, in Unix seconds.
    pub fn first_start(&self) -> Option<i64> {
        self.start
            .to_zoned(self.zone.clone())
            .ok()
            .map(|z| z.timestamp().as_second())
    }

    /// The end of the last occurrence in Unix seconds, `None` for a recurrence without end.
    pub fn last_end(&self) -> Option<i64> {
        if self.rule.freq != Recurrence::None && self.rule.until.is_none() && self.rule.count.is_none()
        {
            return None;
        }
        self.occurrences(Timestamp::MIN, Timestamp::MAX, WALK_MAX as usize)
            .last()
            .map(|o| o.end.timestamp().as_second())
            .or_else(|| self.first_start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::get("Europe/Paris").expect("zone")
    }

    fn weekly(start: &str, count: i64) -> Series {
        let start: DateTime = start.parse().expect("start");
        Series {
            start,
            end: start.checked_add(Span::new().hours(1)).expect("end"),
            all_day: false,
            rule: Rule {
                freq: Recurrence::Weekly,
                every: 1,
                until: None,
                count: Some(count),
            },
            exceptions: BTreeSet::new(),
            zone: paris(),
        }
    }

    #[test]
    fn a_weekly_meeting_stays_at_ten_local_across_the_march_change() {
        let series = weekly("2027-03-15T10:00:00", 3);
        let all = series.occurrences(Timestamp::MIN, Timestamp::MAX, 10);
        let utc: Vec<String> = all.iter().map(|o| o.start.timestamp().to_string()).collect();
        assert_eq!(
            utc,
            ["2027-03-15T09:00:00Z", "2027-03-22T09:00:00Z", "2027-03-29T08:00:00Z"]
        );
        assert!(all.iter().all(|o| o.start.hour() == 10));
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months_and_counts_real_ones() {
        let start: DateTime = "2027-01-31T09:00:00".parse().expect("start");
        let series = Series {
            start,
            end: start.checked_add(Span::new().hours(1)).expect("end"),
            all_day: false,
            rule: Rule {
                freq: Recurrence::Monthly,
                every: 1,
                until: None,
                count: Some(3),
            },
            exceptions: BTreeSet::new(),
            zone: paris(),
        };
        let dates: Vec<String> = series
            .occurrences(Timestamp::MIN, Timestamp::MAX, 10)
            .iter()
            .map(|o| o.date.to_string())
            .collect();
        assert_eq!(dates, ["2027-01-31", "2027-03-31", "2027-05-31"]);
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        let form = EventForm {
            title: "Réunion".into(),
            start_date: "2027-03-22".into(),
            start_time: "10:00".into(),
            end_date: "2027-03-22".into(),
            end_time: "09:00".into(),
            ..EventForm::default()
        };
        let Err(AppError::Invalid(errors)) = check(&form) else {
            panic!("accepted");
        };
        assert_eq!(errors[0].key, "calendar-error-end-before-start");
    }
}
