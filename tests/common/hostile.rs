//! The shared list of hostile strings (`tests/data/hostile-text.txt`): script and XML
//! breakouts, spreadsheet formulas, right-to-left text and emoji. Each new output surface is
//! tested against the same list.

/// Every string of the list, in order.
pub fn strings() -> Vec<&'static str> {
    include_str!("../data/hostile-text.txt").lines().filter(|line| !line.starts_with("# ")).collect()
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
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{body}")))
        .flat_map(|record| record.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .collect()
}
