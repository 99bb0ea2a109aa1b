//! Times as people read them. Stored times are unix seconds (UTC); pages show them as
//! "2026-11-28 16:40 UTC", the same on the server and in the browser (no time-zone guess that
//! would differ between the two and break hydration).

/// "YYYY-MM-DD HH:MM UTC" of `seconds` since the Unix epoch.
pub fn date_time(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", rest / 3600, rest % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_instants() {
        assert_eq!(super::date_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::date_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(super::date_time(1_795_884_000), "2026-11-28 16:40 UTC");
    }
}
