//! What time it is and which day it is in the city.
//!
//! Every date rule (an offer's last day, the earliest deadline an offer may be given, the
//! latest start year of a fiche, the dashboard's week, the saved searches' "since") reads the
//! [`Clock`] in the application state, so that tests can set "now" instead of waiting for it.
//! Days are the city's (`city.time_zone` in the configuration), never UTC: an offer whose last
//! day is D takes applications until 23:59:59 on D in the city, and not a second longer.

use jiff::{
    civil::Date,
    tz::{self, TimeZone},
    Timestamp, ToSpan,
};
use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

/// Marks a clock that follows the system time.
const REAL_TIME: i64 = i64::MIN;

/// The time zone called `name` in the compiled-in IANA database ("Europe/Paris"), if it exists.
pub fn zone_named(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    tz::db().get(name).ok()
}

/// Every IANA zone name of the compiled-in database that names a place ("Europe/Paris"), sorted:
/// what an account may choose.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The day `at` falls on in `zone`.
pub fn day_in(at: Timestamp, zone: &TimeZone) -> Date {
    at.to_zoned(zone.clone()).date()
}

/// The last second of `day` in `zone` (23:59:59, whatever daylight-saving change that day holds).
pub fn last_second_of(day: Date, zone: &TimeZone) -> Option<Timestamp> {
    let next_day = day.tomorrow().ok()?;
    let start = next_day.to_zoned(zone.clone()).ok()?.timestamp();
    start.checked_sub(1.second()).ok()
}

/// Whether a deadline ("YYYY-MM-DD", the last day to apply) is still open at `at` in `zone`.
/// An unreadable deadline is closed.
pub fn deadline_open(deadline: &str, at: Timestamp, zone: &TimeZone) -> bool {
    deadline
        .parse::<Date>()
        .is_ok_and(|last| day_in(at, zone) <= last)
}

/// The application's clock: system time, or a time a test has set; and the city's zone.
#[derive(Clone, Debug)]
pub struct Clock {
    zone: TimeZone,
    fixed: Arc<AtomicI64>,
}

impl Clock {
    /// A clock on system time for the city of `zone`.
    pub fn new(zone: TimeZone) -> Clock {
        Clock {
            zone,
            fixed: Arc::new(AtomicI64::new(REAL_TIME)),
        }
    }

    /// Stops the clock at `at` (tests; every copy of this clock follows).
    pub fn set(&self, at: Timestamp) {
        self.fixed.store(at.as_second(), Ordering::SeqCst);
    }

    /// Back to system time.
    pub fn resume(&self) {
        self.fixed.store(REAL_TIME, Ordering::SeqCst);
    }

    /// Now.
    pub fn now(&self) -> Timestamp {
        match self.fixed.load(Ordering::SeqCst) {
            REAL_TIME => Timestamp::now(),
            seconds => Timestamp::from_second(seconds).unwrap_or_else(|_| Timestamp::now()),
        }
    }

    /// Now in Unix seconds, the form times are stored in.
    pub fn now_seconds(&self) -> i64 {
        self.now().as_second()
    }

    /// The city's time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// Today in the city.
    pub fn today(&self) -> Date {
        day_in(self.now(), &self.zone)
    }

    /// Today in the city as "YYYY-MM-DD", the form offer deadlines are stored and compared in.
    pub fn today_iso(&self) -> String {
        self.today().to_string()
    }

    /// The city's day `days` after today, "YYYY-MM-DD".
    pub fn in_days_iso(&self, days: i64) -> String {
        let today = self.today();
        today.checked_add(days.days()).unwrap_or(today).to_string()
    }

    /// The city's current year.
    pub fn year(&self) -> i64 {
        i64::from(self.today().year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        zone_named("Europe/Paris").expect("Paris is in the bundled database")
    }

    fn at(utc: &str) -> Timestamp {
        utc.parse().expect("RFC 3339 instant")
    }

    fn clock_at(utc: &str) -> Clock {
        let clock = Clock::new(paris());
        clock.set(at(utc));
        clock
    }

    #[test]
    fn the_day_changes_at_paris_midnight_not_utc_midnight() {
        // Winter: Paris is UTC+1. 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
        assert_eq!(clock_at("2026-11-30T23:30:00Z").today_iso(), "2026-12-01");
        assert_eq!(clock_at("2026-11-30T22:59:59Z").today_iso(), "2026-11-30");
        assert_eq!(clock_at("2026-11-30T23:00:00Z").today_iso(), "2026-12-01");
        // 00:30 UTC is already the same day in UTC and in Paris.
        assert_eq!(clock_at("2026-12-01T00:30:00Z").today_iso(), "2026-12-01");
        // Summer: UTC+2, the day starts at 22:00 UTC.
        assert_eq!(clock_at("2027-06-14T21:59:59Z").today_iso(), "2027-06-14");
        assert_eq!(clock_at("2027-06-14T22:00:00Z").today_iso(), "2027-06-15");
    }

    #[test]
    fn a_deadline_closes_at_23_59_59_paris_time() {
        let zone = paris();
        // Winter.
        assert!(deadline_open(
            "2026-11-30",
            at("2026-11-30T22:59:59Z"),
            &zone
        ));
        assert!(!deadline_open(
            "2026-11-30",
            at("2026-11-30T23:00:00Z"),
            &zone
        ));
        // Just after UTC midnight the UTC date is still D+1... and Paris has long moved on.
        assert!(!deadline_open(
            "2026-11-30",
            at("2026-12-01T00:30:00Z"),
            &zone
        ));
        // Summer.
        assert!(deadline_open(
            "2027-06-14",
            at("2027-06-14T21:59:59Z"),
            &zone
        ));
        assert!(!deadline_open(
            "2027-06-14",
            at("2027-06-14T22:00:00Z"),
            &zone
        ));
        assert_eq!(
            last_second_of("2026-11-30".parse().expect("date"), &zone),
            Some(at("2026-11-30T22:59:59Z"))
        );
        assert_eq!(
            last_second_of("2027-06-14".parse().expect("date"), &zone),
            Some(at("2027-06-14T21:59:59Z"))
        );
        assert!(
            !deadline_open("31/01/2027", at("2026-01-01T00:00:00Z"), &zone),
            "an unreadable deadline is closed"
        );
    }

    #[test]
    fn daylight_saving_days_end_at_their_own_midnight() {
        let zone = paris();
        // Last Sunday of March 2027 (28th): 02:00 becomes 03:00; the day starts at UTC+1 and ends at UTC+2.
        assert_eq!(
            last_second_of("2027-03-28".parse().expect("date"), &zone),
            Some(at("2027-03-28T21:59:59Z"))
        );
        assert!(deadline_open(
            "2027-03-28",
            at("2027-03-28T21:59:59Z"),
            &zone
        ));
        assert!(!deadline_open(
            "2027-03-28",
            at("2027-03-28T22:00:00Z"),
            &zone
        ));
        assert_eq!(
            clock_at("2027-03-27T23:00:00Z").today_iso(),
            "2027-03-28",
            "the Sunday starts at 23:00 UTC"
        );
        assert_eq!(clock_at("2027-03-27T22:59:59Z").today_iso(), "2027-03-27");
        // Last Sunday of October 2026 (25th): 03:00 becomes 02:00; the day starts at UTC+2 and ends at UTC+1.
        assert_eq!(
            last_second_of("2026-10-25".parse().expect("date"), &zone),
            Some(at("2026-10-25T22:59:59Z"))
        );
        assert!(deadline_open(
            "2026-10-25",
            at("2026-10-25T22:59:59Z"),
            &zone
        ));
        assert!(!deadline_open(
            "2026-10-25",
            at("2026-10-25T23:00:00Z"),
            &zone
        ));
        assert_eq!(
            clock_at("2026-10-24T22:00:00Z").today_iso(),
            "2026-10-25",
            "the Sunday starts at 22:00 UTC"
        );
        assert_eq!(clock_at("2026-10-24T21:59:59Z").today_iso(), "2026-10-24");
    }

    #[test]
    fn the_week_ahead_and_the_year_are_the_citys() {
        let clock = clock_at("2026-12-31T23:30:00Z");
        assert_eq!(clock.year(), 2027, "already 2027 in Paris");
        assert_eq!(clock.in_days_iso(7), "2027-01-08");
        clock.resume();
        assert!(clock.now_seconds() > 1_795_000_000, "back to system time");
    }

    #[test]
    fn zones_are_checked_against_the_database() {
        assert!(zone_named("Europe/Paris").is_some());
        assert!(zone_named("America/Montreal").is_some());
        assert!(zone_named("Europe/Lutece").is_none());
        assert!(zone_named("").is_none());
        let names = zone_names();
        assert!(
            names.iter().any(|n| n == "Europe/Paris") && names.iter().any(|n| n == "Asia/Tokyo"),
            "{} names",
            names.len()
        );
    }
}
