//! Hostile inputs kept as test data (`tests/data/`), shared by every test that needs them:
//! `hostile-text.txt` (script and XML breakouts, spreadsheet formulas, right-to-left text and
//! emoji) and `open_redirects.txt` (redirect-target bypasses). Each new surface is tested
//! against the same lists.

/// Every string of the list, in order.
pub fn strings() -> Vec<&'static str> {
    include_str!("../data/hostile-text.txt")
        .lines()
        .filter(|line| !line.starts_with("# "))
        .collect()
}

/// The characters XML 1.0 forbids (and the C1 controls Parvis refuses too), as written
/// straight into the database, where no form lets them in.
pub const CONTROL_CHARACTERS: &str = "\u{1}\u{8}\u{B}\u{C}\u{1D}\u{1F}\u{7F}\u{85}\u{FFFE}";

/// Parses `xml` strictly (roxmltree refuses anything not well-formed, control characters
/// included), panicking with the document when it is not.
pub fn parse_xml(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{xml}"))
}

/// The cells of a CSV body that a spreadsheet would evaluate as a formula.
pub fn formula_cells(body: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{body}")))
        .flat_map(|record| record.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect()
}

/// The redirect targets of `tests/data/open_redirects.txt`, unescaped (see the file's header).
pub fn open_redirects() -> Vec<String> {
    let text = include_str!("../data/open_redirects.txt");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(unescape)
        .collect()
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
                let code: String = chars
                    .by_ref()
                    .skip_while(|c| *c == '{')
                    .take_while(|c| *c != '}')
                    .collect();
                out.push(
                    u32::from_str_radix(&code, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or_else(|| panic!("bad \\u escape in {line:?}")),
                );
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
    let plain = location.starts_with('/')
        && !location.starts_with("//")
        && !location.contains('\\')
        && !location.chars().any(char::is_control);
    plain
        && base
            .join(location)
            .is_ok_and(|target| target.origin() == base.origin())
}
