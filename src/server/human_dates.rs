//! The one formatter of dates and times shown to people: pages, mails and the human parts of
//! feeds, in the reader's language and time zone ("juin 2027", "30 novembre 2026",
//! "30 novembre 2026 à 04 h 37" / "June 2027", "30 November 2026", "30 November 2026 at
//! 04:37"). Machine forms (JSON-LD, Atom `<updated>`, exports, `<time datetime>`) stay ISO.
//! Runs on the server only; pages receive the words in their wire types ([`HumanTime`]).

use super::{clock, feeds::rfc3339, state::AppState};
use crate::{i18n::Locale, ui::time::HumanTime};
use jiff::{civil::Date, tz::TimeZone, Timestamp};

/// Formats for one reader: a language and a time zone.
#[derive(Debug, Clone)]
pub struct HumanDates {
    locale: Locale,
    zone: TimeZone,
}

impl HumanDates {
    pub fn new(locale: Locale, zone: TimeZone) -> HumanDates {
        HumanDates { locale, zone }
    }

    /// For a reader whose stored zone is `stored_zone` ("" or unknown: the city's). For whoever
    /// sent the request being served, `HumanDates::for_reader` (defined in
    /// `accounts::server::preferences`, beside the stored zone it reads).
    pub fn for_account(app: &AppState, locale: Locale, stored_zone: &str) -> HumanDates {
        HumanDates::new(
            locale,
            clock::zone_named(stored_zone).unwrap_or_else(|| app.clock.zone().clone()),
        )
    }

    /// The reader's time zone (the calendar lays its days out in it).
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The reader's language.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// "juin 2027" of "2027-06"; anything unreadable is shown as it is.
    pub fn month(&self, iso: &str) -> HumanTime {
        let text = format!("{iso}-01")
            .parse::<Date>()
            .map(|d| self.month_year(d))
            .unwrap_or_else(|_| iso.to_string());
        HumanTime {
            iso: iso.to_string(),
            text,
        }
    }

    /// "30 novembre 2026" of "2026-11-30"; anything unreadable is shown as it is.
    pub fn date(&self, iso: &str) -> HumanTime {
        let text = iso
            .parse::<Date>()
            .map(|d| self.day(d))
            .unwrap_or_else(|_| iso.to_string());
        HumanTime {
            iso: iso.to_string(),
            text,
        }
    }

    /// "30 novembre 2026 à 04 h 37" of an instant in Unix seconds, in the reader's zone.
    pub fn instant(&self, seconds: i64) -> HumanTime {
        HumanTime {
            iso: rfc3339(seconds),
            text: self.instant_text(seconds),
        }
    }

    /// The words of [`HumanDates::instant`] alone (mails, feeds).
    pub fn instant_text(&self, seconds: i64) -> String {
        let Ok(at) = Timestamp::from_second(seconds) else {
            return rfc3339(seconds);
        };
        let local = at.to_zoned(self.zone.clone());
        let args = [
            ("date", self.day(local.date())),
            ("hour", format!("{:02}", local.hour())),
            ("minute", format!("{:02}", local.minute())),
        ];
        self.locale.t_with("date-instant", &args)
    }

    fn month_name(&self, date: Date) -> String {
        self.locale.t(&format!("date-month-{}", date.month()))
    }

    fn month_year(&self, date: Date) -> String {
        self.locale.t_with(
            "date-month-year",
            &[
                ("month", self.month_name(date)),
                ("year", date.year().to_string()),
            ],
        )
    }

    fn day(&self, date: Date) -> String {
        let day = if date.day() == 1 {
            self.locale.t("date-first-day")
        } else {
            date.day().to_string()
        };
        self.locale.t_with(
            "date-day",
            &[
                ("day", day),
                ("month", self.month_name(date)),
                ("year", date.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(locale: Locale, zone: &str) -> HumanDates {
        HumanDates::new(locale, clock::zone_named(zone).expect("zone"))
    }

    fn seconds(utc: &str) -> i64 {
        utc.parse::<Timestamp>().expect("instant").as_second()
    }

    #[test]
    fn months_and_days_in_both_languages() {
        let (fr, en) = (
            dates(Locale::Fr, "Europe/Paris"),
            dates(Locale::En, "Europe/Paris"),
        );
        assert_eq!(
            fr.month("2027-06"),
            HumanTime {
                iso: "2027-06".into(),
                text: "juin 2027".into()
            }
        );
        assert_eq!(en.month("2027-06").text, "June 2027");
        assert_eq!(fr.month("2027-08").text, "août 2027");
        assert_eq!(
            fr.date("2026-11-30"),
            HumanTime {
                iso: "2026-11-30".into(),
                text: "30 novembre 2026".into()
            }
        );
        assert_eq!(en.date("2026-11-30").text, "30 November 2026");
        assert_eq!(fr.date("2027-02-01").text, "1er février 2027");
        assert_eq!(en.date("2027-02-01").text, "1 February 2027");
        assert_eq!(
            fr.date("31/01/2027").text,
            "31/01/2027",
            "unreadable input is shown unchanged"
        );
        assert_eq!(fr.month("2027-13").text, "2027-13");
    }

    #[test]
    fn instants_in_the_readers_zone() {
        let at = seconds("2026-11-30T03:37:00Z");
        let fr = dates(Locale::Fr, "Europe/Paris");
        assert_eq!(
            fr.instant(at),
            HumanTime {
                iso: "2026-11-30T03:37:00Z".into(),
                text: "30 novembre 2026 à 04 h 37".into()
            }
        );
        assert_eq!(
            dates(Locale::En, "Europe/Paris").instant_text(at),
            "30 November 2026 at 04:37"
        );
        assert_eq!(
            dates(Locale::En, "America/Montreal").instant_text(at),
            "29 November 2026 at 22:37"
        );
        assert_eq!(
            dates(Locale::Fr, "Asia/Tokyo").instant_text(at),
            "30 novembre 2026 à 12 h 37"
        );
    }

    #[test]
    fn instants_around_both_midnights_and_both_daylight_saving_changes() {
        let fr = dates(Locale::Fr, "Europe/Paris");
        // UTC midnight is 01:00 in Paris in winter; Paris midnight is 23:00 UTC the day before.
        assert_eq!(
            fr.instant_text(seconds("2026-12-01T00:00:00Z")),
            "1er décembre 2026 à 01 h 00"
        );
        assert_eq!(
            fr.instant_text(seconds("2026-11-30T23:00:00Z")),
            "1er décembre 2026 à 00 h 00"
        );
        assert_eq!(
            fr.instant_text(seconds("2026-11-30T22:59:00Z")),
            "30 novembre 2026 à 23 h 59"
        );
        // 28 March 2027: 01:59 (UTC+1) is followed by 03:00 (UTC+2).
        assert_eq!(
            fr.instant_text(seconds("2027-03-28T00:59:00Z")),
            "28 mars 2027 à 01 h 59"
        );
        assert_eq!(
            fr.instant_text(seconds("2027-03-28T01:00:00Z")),
            "28 mars 2027 à 03 h 00"
        );
        // 25 October 2026: 02:59 (UTC+2) is followed by 02:00 again (UTC+1).
        assert_eq!(
            fr.instant_text(seconds("2026-10-25T00:59:00Z")),
            "25 octobre 2026 à 02 h 59"
        );
        assert_eq!(
            fr.instant_text(seconds("2026-10-25T01:00:00Z")),
            "25 octobre 2026 à 02 h 00"
        );
        assert_eq!(
            fr.instant_text(seconds("2026-10-25T22:59:00Z")),
            "25 octobre 2026 à 23 h 59"
        );
        assert_eq!(
            fr.instant_text(seconds("2026-10-25T23:00:00Z")),
            "26 octobre 2026 à 00 h 00"
        );
    }
}
