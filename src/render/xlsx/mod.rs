//! Excel workbooks, one file per workbook: the report, the plan and the
//! comparison. They return the bytes of the `.xlsx` file and never print.
//!
//! Every piece of user text (organisation, notes, titles, actions, role
//! names) is written with [`text`], which stores it as a string cell: a note
//! that begins with `=`, `+`, `-` or `@` stays text and is never a formula.
//! The only formulas in a workbook are the tool's own conditional-format
//! rules. Numbers are number cells with the scores' two decimals, dates are
//! date cells.

pub mod comparison;
pub mod plan;
pub mod report;

use std::borrow::Cow;

use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Table, TableColumn, TableStyle, Workbook, Worksheet, XlsxError,
};

use crate::error::Error;
use crate::model::Date;
use crate::score::{AssessmentInfo, QuestionnaireInfo};

pub use comparison::comparison;
pub use plan::plan;
pub use report::report;

/// The most characters Excel keeps in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// The number format of scores: the two decimals every report shows.
const SCORE_FORMAT: &str = "0.00";

/// The number format of dates: ISO, as in every other output.
const DATE_FORMAT: &str = "yyyy-mm-dd";

/// The formats a workbook's cells share.
pub(crate) struct Formats {
    pub title: Format,
    pub label: Format,
    pub heading: Format,
    pub score: Format,
    pub whole: Format,
    pub percent: Format,
    pub date: Format,
    /// Long text: wrapped in its column, from the top.
    pub wrap: Format,
    /// Flags: TRUE or FALSE, in every spreadsheet program.
    pub flag: Format,
    /// What the conditional formats paint critical gaps with.
    pub critical: Format,
}

impl Formats {
    pub fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            label: Format::new().set_bold(),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_border_bottom(FormatBorder::Thin),
            score: Format::new().set_num_format(SCORE_FORMAT),
            whole: Format::new().set_num_format("0"),
            percent: Format::new().set_num_format("0%"),
            date: Format::new()
                .set_num_format(DATE_FORMAT)
                .set_align(FormatAlign::Left),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            flag: Format::new()
                .set_num_format(r#""TRUE";"TRUE";"FALSE""#)
                .set_align(FormatAlign::Center),
            critical: Format::new()
                .set_background_color(Color::RGB(0xF4_C7_C3))
                .set_font_color(Color::RGB(0x9C_00_06)),
        }
    }
}

/// User text as a string cell, never a formula, clipped to what a cell holds.
pub(crate) fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    ws.write_string(row, col, clip(s))?;
    Ok(())
}

/// User text as a string cell in a format.
pub(crate) fn text_with(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, clip(s), format)?;
    Ok(())
}

/// Optional user text in a format; the cell stays empty when there is none.
pub(crate) fn opt_text_with(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: Option<&str>,
    format: &Format,
) -> Result<(), XlsxError> {
    match s {
        Some(s) => text_with(ws, row, col, s, format),
        None => Ok(()),
    }
}

/// Optional user text; the cell stays empty when there is none.
pub(crate) fn opt_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: Option<&str>,
) -> Result<(), XlsxError> {
    match s {
        Some(s) => text(ws, row, col, s),
        None => Ok(()),
    }
}

/// A number cell in a format; empty when there is no number.
pub(crate) fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

/// A date cell: a real Excel date in ISO format; outside Excel's dates
/// (1900 to 9999), the ISO text.
pub(crate) fn date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Date,
    format: &Format,
) -> Result<(), XlsxError> {
    match excel_date(d) {
        Ok(day) => ws.write_datetime_with_format(row, col, day, format)?,
        Err(_) => ws.write_string(row, col, d.to_string())?,
    };
    Ok(())
}

/// A date as Excel keeps it; Excel has no dates before 1900.
fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let (y, m, day) = (d.0.year(), d.0.month(), d.0.day());
    let year = u16::try_from(y).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    // Month and day come from a valid date: 1-12 and 1-31.
    ExcelDateTime::from_ymd(year, m as u8, day as u8)
}

/// Text that fits one cell: Excel refuses longer strings, so the end is cut.
fn clip(s: &str) -> Cow<'_, str> {
    // Excel counts UTF-16 units; chars are never more than that.
    if s.encode_utf16().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_CHARS - 1 {
            break;
        }
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

/// Column headers made unique (Excel tables need that, case aside): a
/// repeated header gets ` (2)`, ` (3)`, ...
pub(crate) fn unique_headers(headers: Vec<String>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::with_capacity(headers.len());
    let mut out = Vec::with_capacity(headers.len());
    for h in headers {
        let h = if h.trim().is_empty() {
            "(blank)".to_string()
        } else {
            clip(&h).into_owned()
        };
        let mut candidate = h.clone();
        let mut n = 2;
        while seen.contains(&candidate.to_lowercase()) {
            candidate = format!("{h} ({n})");
            n += 1;
        }
        seen.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

/// An Excel table over `rows` data rows below a header row at `first_row`:
/// autofilter, banded rows, the header row frozen when it is the sheet's
/// first.
pub(crate) fn table(
    ws: &mut Worksheet,
    first_row: u32,
    name: &str,
    headers: Vec<String>,
    rows: usize,
) -> Result<(), XlsxError> {
    let headers = unique_headers(headers);
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(h))
        .collect();
    let last_col = u16::try_from(headers.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    // A table holds at least one data row, empty if need be.
    let rows = u32::try_from(rows.max(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    let t = Table::new()
        .set_name(name)
        .set_style(TableStyle::Medium2)
        .set_autofilter(true)
        .set_columns(&columns);
    ws.add_table(first_row, 0, first_row + rows, last_col, &t)?;
    if first_row == 0 {
        ws.set_freeze_panes(1, 0)?;
    }
    printed(ws, 0);
    Ok(())
}

/// How a sheet prints: landscape, as wide as one page; `pages` tall, or as
/// many pages as it takes (0).
pub(crate) fn printed(ws: &mut Worksheet, pages: u16) {
    ws.set_landscape().set_print_fit_to_pages(1, pages);
}

/// Makes a row tall enough for its wrapped cells: each text with the width
/// of its column in characters. Spreadsheets do not all grow rows by
/// themselves when a file opens.
pub(crate) fn fit_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let lines = wrapped_lines(cells);
    if lines > 1 {
        ws.set_row_height(row, 15.0 * lines as f64)?;
    }
    Ok(())
}

/// The lines the tallest of these cells wraps to (at most 30), each text
/// with its column's width in characters.
fn wrapped_lines(cells: &[(&str, f64)]) -> usize {
    cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.1).max(1.0) as usize;
            text.lines()
                .map(|l| l.chars().count().div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .clamp(1, 30)
}

/// Sets column widths, in characters, from the first column on.
pub(crate) fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (col, w) in widths.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
        ws.set_column_width(col, *w)?;
    }
    Ok(())
}

/// The who, when and against what at the top of a Summary sheet, from
/// `row` on; returns the next free row.
pub(crate) fn header(
    ws: &mut Worksheet,
    f: &Formats,
    kind: &str,
    q: &QuestionnaireInfo,
    a: &AssessmentInfo,
) -> Result<u32, XlsxError> {
    text_with(ws, 0, 0, kind, &f.title)?;
    let mut row = 2;
    let mut line = |ws: &mut Worksheet, label: &str| -> Result<u32, XlsxError> {
        ws.write_string_with_format(row, 0, label, &f.label)?;
        row += 1;
        Ok(row - 1)
    };
    let r = line(ws, "Organisation")?;
    opt_text(ws, r, 1, a.organization.as_deref())?;
    let r = line(ws, "Date")?;
    if let Some(d) = a.date {
        date(ws, r, 1, d, &f.date)?;
    }
    if let Some(who) = &a.respondent {
        let r = line(ws, "Respondent")?;
        text(ws, r, 1, who)?;
    }
    if let Some(role) = &a.role {
        let r = line(ws, "Role")?;
        text(ws, r, 1, role)?;
    }
    let r = line(ws, "Questionnaire")?;
    text(ws, r, 1, &format!("{} {} ({})", q.title, q.version, q.id))?;
    let r = line(ws, "Vision")?;
    match (&a.vision_title, &a.vision) {
        (Some(title), _) => text(ws, r, 1, title)?,
        (None, Some(file)) => text(ws, r, 1, file)?,
        (None, None) => text(ws, r, 1, "none: the rubric's targets")?,
    }
    if let (Some(_), Some(file)) = (&a.vision_title, &a.vision) {
        let r = line(ws, "Vision file")?;
        text(ws, r, 1, file)?;
    }
    if let Some(source) = &a.source {
        let r = line(ws, "Source")?;
        text(ws, r, 1, source)?;
    }
    Ok(row)
}

/// A chart of `kind` sized for a Summary sheet.
pub(crate) fn chart(kind: ChartType, title: &str) -> Chart {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title);
    chart.set_width(560).set_height(360);
    chart
}

/// The workbook's bytes. The creation date is the given day's (the
/// assessment's), so the same inputs make the same file.
pub(crate) fn finish(wb: &mut Workbook, created: Option<Date>) -> Result<Vec<u8>, Error> {
    let mut props = DocProperties::new().set_author("itsm-assess");
    if let Some(day) = created.and_then(|d| excel_date(d).ok()) {
        props = props.set_creation_datetime(&day);
    }
    wb.set_properties(&props);
    wb.save_to_buffer().map_err(xlsx_error)
}

/// A workbook that could not be made: reported like a file that could not
/// be written.
pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    Error::write("<workbook>", std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_clipped_to_what_a_cell_holds() {
        let long = "é".repeat(MAX_CELL_CHARS + 10);
        let c = clip(&long);
        assert_eq!(c.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(c.ends_with('…'));
        assert!(matches!(clip("short"), Cow::Borrowed("short")));
    }

    #[test]
    fn rows_grow_with_the_longest_wrapped_cell() {
        assert_eq!(wrapped_lines(&[]), 1);
        assert_eq!(wrapped_lines(&[("short", 10.0)]), 1);
        assert_eq!(
            wrapped_lines(&[("x".repeat(23).as_str(), 10.0), ("a\nb\nc", 40.0)]),
            3
        );
        assert_eq!(wrapped_lines(&[("x".repeat(10_000).as_str(), 10.0)]), 30);
    }

    #[test]
    fn repeated_headers_are_numbered() {
        let h = unique_headers(vec![
            "Area".into(),
            "area".into(),
            "Area".into(),
            " ".into(),
        ]);
        assert_eq!(h, ["Area", "area (2)", "Area (3)", "(blank)"]);
    }

    #[test]
    fn dates_before_excel_began_are_errors_not_panics() {
        let d = Date::parse("1800-01-01").unwrap();
        assert!(excel_date(d).is_err());
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        date(ws, 0, 0, d, &Formats::new().date).unwrap();
        assert!(excel_date(Date::parse("2026-11-20").unwrap()).is_ok());
    }
}
