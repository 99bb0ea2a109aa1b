//! What every retention rule shares (the rules themselves live with the tables they delete
//! from: `accounts/server/retention.rs`, `stages/server/retention.rs`,
//! `innovation/server/retention.rs`, and the finished jobs in `jobs/housekeeping.rs`): the
//! moment before which a period has run out, read on the application's clock in the city's
//! calendar, and the one log line per rule (a count, never a content).

use super::{clock::Clock, config::PeriodUnit, jobs::Round};
use jiff::{Timestamp, ToSpan};
use std::time::Duration;

/// How often the daily retention rounds run (Stages and Innovation; accounts' rules, in hours,
/// run hourly).
pub const DAILY: Duration = Duration::from_secs(86_400);

/// Unix seconds `amount` `unit`s before `at`. Months are calendar months in `clock`'s city
/// ("24 months before 31 March" is 31 March two years earlier; 31 May minus one month is 30
/// April); hours and days are exact lengths (24 hours a day, whatever the clocks do).
pub fn before_at(at: Timestamp, clock: &Clock, amount: u32, unit: PeriodUnit) -> i64 {
    let amount = i64::from(amount);
    let earlier = match unit {
        PeriodUnit::Hours => at.checked_sub(amount.hours()).ok(),
        PeriodUnit::Days => at.checked_sub((amount * 24).hours()).ok(),
        PeriodUnit::Months => at
            .to_zoned(clock.zone().clone())
            .checked_sub(amount.months())
            .ok()
            .map(|z| z.timestamp()),
    };
    earlier.map_or(i64::MIN / 2, Timestamp::as_second)
}

/// Unix seconds `amount` `unit`s before now (the start of everything still kept: what began
/// before it is past its period).
pub fn before(clock: &Clock, amount: u32, unit: PeriodUnit) -> i64 {
    before_at(clock.now(), clock, amount, unit)
}

/// Unix seconds `amount` `unit`s after `seconds` (the reverse of [`before_at`]).
pub fn after(seconds: i64, clock: &Clock, amount: u32, unit: PeriodUnit) -> i64 {
    let Ok(at) = Timestamp::from_second(seconds) else {
        return seconds;
    };
    let amount = i64::from(amount);
    let later = match unit {
        PeriodUnit::Hours => at.checked_add(amount.hours()).ok(),
        PeriodUnit::Days => at.checked_add((amount * 24).hours()).ok(),
        PeriodUnit::Months => at
            .to_zoned(clock.zone().clone())
            .checked_add(amount.months())
            .ok()
            .map(|z| z.timestamp()),
    };
    later.map_or(i64::MAX / 2, Timestamp::as_second)
}

/// Logs what rule `rule` (its `[retention]` key, or a name of its own for what follows from
/// one) removed: `count` rows or files, and `detail`'s named counts beside it.
pub fn log(rule: &str, count: u64, detail: &[(&str, u64)]) {
    let detail = detail
        .iter()
        .map(|(name, n)| format!("{name}={n}"))
        .collect::<Vec<_>>()
        .join(" ");
    tracing::info!(rule, count, detail, "retention");
}

/// A retention round named `name`, run every `every` across all processes, at once on a fresh
/// database.
pub fn round(
    name: &'static str,
    every: Duration,
    run: fn(super::state::AppState) -> super::jobs::JobFuture,
) -> Round {
    Round {
        name,
        every,
        first_at_once: true,
        run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock::new(super::super::clock::zone_named("Europe/Paris").expect("Paris"))
    }

    fn at(utc: &str) -> Timestamp {
        utc.parse().expect("RFC 3339 instant")
    }

    #[test]
    fn months_are_the_citys_calendar_months() {
        let clock = clock();
        // 15 April 2027, noon in Paris (summer time, UTC+2): three months earlier is 15 January
        // 2027, noon in Paris (winter time, UTC+1).
        assert_eq!(
            before_at(at("2027-04-15T10:00:00Z"), &clock, 3, PeriodUnit::Months),
            at("2027-01-15T11:00:00Z").as_second()
        );
        // 31 May minus one month is 30 April.
        assert_eq!(
            before_at(at("2027-05-31T10:00:00Z"), &clock, 1, PeriodUnit::Months),
            at("2027-04-30T10:00:00Z").as_second()
        );
        assert_eq!(
            before_at(at("2027-05-31T10:00:00Z"), &clock, 2, PeriodUnit::Days),
            at("2027-05-29T10:00:00Z").as_second()
        );
        assert_eq!(
            before_at(at("2027-05-31T10:00:00Z"), &clock, 5, PeriodUnit::Hours),
            at("2027-05-31T05:00:00Z").as_second()
        );
        let start = at("2027-01-15T11:00:00Z").as_second();
        assert_eq!(
            after(start, &clock, 3, PeriodUnit::Months),
            at("2027-04-15T10:00:00Z").as_second()
        );
    }
}
