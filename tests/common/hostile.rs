//! Hostile inputs kept as test data (`tests/data/`), shared by every test that needs them.

/// The redirect targets of `tests/data/open_redirects.txt`, unescaped (see the file's header).
pub fn open_redirects() -> Vec<String> {
    let text = include_str!("../data/open_redirects.txt");
    text.lines().filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#')).map(unescape).collect()
}

/// Reads `\t \n \r \0 \\ \u{XXXX}` in a line of a test-data file.
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let code: String = chars.by_ref().skip_while(|c| *c == '{').take_while(|c| *c != '}').collect();
                out.push(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32).unwrap_or_else(|| panic!("bad \\u escape in {line:?}")));
            }
            other => panic!("unknown escape \\{other:?} in {line:?}"),
        }
    }
    out
}

/// True when `location` (a redirect's Location header) keeps the browser on `base`'s origin:
/// resolved the way a browser does, it has the same scheme, host and port, and it is a plain
/// path ("/…", never "//…", no backslash, no control character).
pub fn stays_on(base: &str, location: &str) -> bool {
    let base = url::Url::parse(base).expect("base URL");
    let plain = location.starts_with('/') && !location.starts_with("//") && !location.contains('\\') && !location.chars().any(char::is_control);
    plain && base.join(location).is_ok_and(|target| target.origin() == base.origin())
}
