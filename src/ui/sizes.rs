//! A number of bytes in words, in the page's language: "12,3 Mo" in French, "12.3 MB" in
//! English (decimal units, as file managers and the quota messages use).

use crate::i18n::Locale;

/// `bytes` with one decimal past the first unit (`0 o`, `950 o`, `1,2 ko`, `48,0 Mo`, `3,5 Go`).
pub fn byte_size(locale: Locale, bytes: i64) -> String {
    let units: [&str; 4] = match locale {
        Locale::Fr => ["o", "ko", "Mo", "Go"],
        Locale::En => ["B", "kB", "MB", "GB"],
    };
    let mut value = bytes.max(0) as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let number = if unit == 0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    let number = match locale {
        Locale::Fr => number.replace('.', ","),
        Locale::En => number,
    };
    format!("{number}\u{a0}{}", units[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_each_language() {
        assert_eq!(byte_size(Locale::Fr, 0), "0\u{a0}o");
        assert_eq!(byte_size(Locale::Fr, 950), "950\u{a0}o");
        assert_eq!(byte_size(Locale::Fr, 1_234), "1,2\u{a0}ko");
        assert_eq!(byte_size(Locale::En, 48_000_000), "48.0\u{a0}MB");
        assert_eq!(byte_size(Locale::En, 3_500_000_000), "3.5\u{a0}GB");
        assert_eq!(byte_size(Locale::En, -5), "0\u{a0}B");
    }
}
