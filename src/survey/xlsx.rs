//! Excel workbooks (`.xlsx`), as Microsoft Forms downloads them: the first
//! worksheet, read with calamine, each cell as the text a CSV would hold.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::{Diagnostic, Error};

/// Whether the bytes begin like a zip archive, which an .xlsx file is.
pub fn is_workbook(sample: &[u8]) -> bool {
    sample.starts_with(b"PK\x03\x04")
}

/// The rows of the first worksheet, each with its row number (from 1) as
/// Excel shows it.
pub fn rows(name: &str, bytes: Vec<u8>) -> Result<Vec<(u64, Vec<String>)>, Error> {
    let unreadable = |e: &dyn std::fmt::Display| -> Error {
        Diagnostic::new(name, format!("cannot be read as an Excel workbook: {e}"))
            .help("save it from Excel again as .xlsx, or as CSV UTF-8")
            .into()
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Some(range) = book.worksheet_range_at(0) else {
        return Err(Diagnostic::new(name, "is a workbook with no worksheet").into());
    };
    let range = range.map_err(|e| unreadable(&e))?;
    let first_row = range.start().map_or(0, |(r, _)| r as u64);
    let first_column = range.start().map_or(0, |(_, c)| c as usize);
    let mut out = Vec::with_capacity(range.height());
    for (i, row) in range.rows().enumerate() {
        // Columns left of the used range are empty, as in a CSV export.
        let mut cells = vec![String::new(); first_column];
        cells.extend(row.iter().map(text));
        out.push((first_row + i as u64 + 1, cells));
    }
    Ok(out)
}

/// A cell as text: numbers as written (`3`, not `3.0`), dates as ISO.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if d.is_datetime() {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            } else {
                d.as_f64().to_string()
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_workbook_says_so() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook(b"Name,Role"));
        let err = rows("forms.xlsx", b"PK\x03\x04 not really".to_vec())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("forms.xlsx: cannot be read as an Excel workbook"),
            "{err}"
        );
    }
}
