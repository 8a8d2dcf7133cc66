//! Renderers: each turns a computed result into text and never prints.

pub mod comparison;
pub mod csv;
pub mod executive;
pub mod html;
pub mod json;
pub mod legend;
pub mod markdown;
pub mod plan;
pub mod questionnaire;
pub mod rows;
pub mod summary;
pub mod svg;
pub mod table;
pub mod xlsx;

use crate::error::{Diagnostic, Error};
use crate::model::Instrument;
use crate::model::fmt_num;
use crate::score::Scorecard;

/// The JSON documents' schema version; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Output formats of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
    Csv,
    Html,
}

impl ReportFormat {
    /// The file extensions that name a format, for messages.
    pub const EXTENSIONS: &str = ".md, .markdown, .csv, .html, .htm, .json, .txt";

    /// The format a file extension names (without the dot, any case):
    /// `md`/`markdown`, `csv`, `html`/`htm`, `json`, and `txt` for the table.
    pub fn from_extension(ext: &str) -> Option<ReportFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "csv" => Some(ReportFormat::Csv),
            "html" | "htm" => Some(ReportFormat::Html),
            "json" => Some(ReportFormat::Json),
            "txt" => Some(ReportFormat::Table),
            _ => None,
        }
    }
}

/// Every format a report, plan or comparison is written in: the text
/// formats, the Excel workbook, and the plan's tracker import layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text(ReportFormat),
    /// An Excel workbook (`.xlsx`): binary, never for a terminal.
    Xlsx,
    /// The plan as a Jira CSV import.
    JiraCsv,
    /// The plan as an Azure DevOps CSV import.
    AzureDevOpsCsv,
    /// The plan file (`.toml`) its owners keep up to date.
    PlanToml,
}

impl OutputFormat {
    /// The file extensions that name a format, for messages.
    pub const EXTENSIONS: &str =
        ".md, .markdown, .csv, .html, .htm, .json, .txt, .xlsx, .toml (a plan file)";

    /// The format a file extension names (without the dot, any case): the
    /// text formats' and `xlsx`.
    pub fn from_extension(ext: &str) -> Option<OutputFormat> {
        if ext.eq_ignore_ascii_case("xlsx") {
            return Some(OutputFormat::Xlsx);
        }
        if ext.eq_ignore_ascii_case("toml") {
            return Some(OutputFormat::PlanToml);
        }
        ReportFormat::from_extension(ext).map(OutputFormat::Text)
    }

    /// Whether the output is binary, not text to show in a terminal.
    pub fn is_binary(self) -> bool {
        self == OutputFormat::Xlsx
    }

    /// The name `--format` gives the format, for messages.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text(ReportFormat::Table) => "table",
            OutputFormat::Text(ReportFormat::Json) => "json",
            OutputFormat::Text(ReportFormat::Markdown) => "markdown",
            OutputFormat::Text(ReportFormat::Csv) => "csv",
            OutputFormat::Text(ReportFormat::Html) => "html",
            OutputFormat::Xlsx => "xlsx",
            OutputFormat::JiraCsv => "jira-csv",
            OutputFormat::AzureDevOpsCsv => "azure-devops-csv",
            OutputFormat::PlanToml => "toml",
        }
    }

    /// The error for a plan-only format asked of something else.
    fn plan_only(self, what: &str) -> Error {
        Diagnostic::new(
            "--format",
            format!(
                "{} is a layout of the improvement plan, not of {what}",
                self.name()
            ),
        )
        .help("use it with `itsm-assess plan`")
        .into()
    }
}

impl From<ReportFormat> for OutputFormat {
    fn from(f: ReportFormat) -> OutputFormat {
        OutputFormat::Text(f)
    }
}

/// Presentation choices the caller makes once.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colour gap severity (the caller has checked the terminal and NO_COLOR).
    pub color: bool,
    /// How many of the top gaps to list.
    pub top: usize,
    /// The terminal's width in columns, to fit tables to; none for files
    /// and pipes, where lines are not wrapped.
    pub width: Option<u16>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            top: 10,
            width: None,
        }
    }
}

/// Renders a gap report in a format.
pub fn report(
    card: &Scorecard,
    instrument: &Instrument,
    format: ReportFormat,
    style: &Style,
) -> String {
    match format {
        ReportFormat::Table => table::report(card, instrument, style),
        ReportFormat::Json => json::report(card),
        ReportFormat::Markdown => markdown::report(card, instrument, style),
        ReportFormat::Csv => csv::report(card),
        ReportFormat::Html => html::report(card, instrument, style),
    }
}

/// Renders a gap report in any format, the workbook included, as the
/// bytes of the file.
pub fn report_file(
    card: &Scorecard,
    instrument: &Instrument,
    format: OutputFormat,
    style: &Style,
) -> Result<Vec<u8>, Error> {
    match format {
        OutputFormat::Text(f) => Ok(report(card, instrument, f, style).into_bytes()),
        OutputFormat::Xlsx => xlsx::report(card, instrument, style),
        OutputFormat::JiraCsv | OutputFormat::AzureDevOpsCsv | OutputFormat::PlanToml => {
            Err(format.plan_only("a report"))
        }
    }
}

/// A score for people: two decimals, or a dash where there is none.
pub fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

/// A percentage (0 to 100) for people: one decimal, or a dash: `66.7%`.
pub fn percent_of_100(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}%"))
}

/// The headline every report format opens its figures with: how far the
/// organisation is to its targets and what is missing (the shortfall,
/// which overachievement elsewhere cannot offset), then the counts.
pub fn headline(card: &crate::score::Scorecard) -> (String, String) {
    let o = &card.overall;
    let n = &card.counts;
    let plural =
        |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    (
        format!(
            "{} to target (shortfall {} levels)",
            percent_of_100(o.percent_to_target),
            num(o.shortfall)
        ),
        format!(
            "{}, {}, {}, {} n/a, {} unanswered",
            plural(n.critical, "critical gap", "critical gaps"),
            plural(n.quick_wins, "quick win", "quick wins"),
            plural(n.strengths, "strength", "strengths"),
            n.not_applicable,
            n.unanswered
        ),
    )
}

/// The assessment in words, for report headers: the vision's title and
/// description, the scope, method and assessor, and the assessor's summary
/// (plain text; each format escapes it).
pub fn context(a: &crate::score::AssessmentInfo) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match (&a.vision_title, &a.vision_description) {
        (Some(t), Some(d)) => out.push(("Vision", format!("{t}: {d}"))),
        (Some(t), None) => out.push(("Vision", t.clone())),
        (None, Some(d)) => out.push(("Vision", d.clone())),
        (None, None) => {}
    }
    for (label, value) in [
        ("Scope", &a.scope),
        ("Method", &a.method),
        ("Assessor", &a.assessor),
        ("Assessor's summary", &a.summary),
    ] {
        if let Some(v) = value {
            out.push((label, v.clone()));
        }
    }
    out
}

/// A change for people: signed, two decimals, or a dash: `+0.50`.
pub fn signed(v: Option<f64>) -> String {
    match v {
        // Keep a change that rounds to nothing from showing as -0.00.
        Some(v) if v.abs() < 0.005 => "0.00".to_string(),
        Some(v) => format!("{v:+.2}"),
        None => "-".to_string(),
    }
}

/// A share for people: whole percent, or a dash: `38%`.
pub fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// The label of the scale level at or below a value: `2 Repeatable`.
pub fn level_name(instrument: &Instrument, value: f64) -> String {
    match instrument
        .scale()
        .iter()
        .rev()
        .find(|l| l.value <= value + crate::model::instrument::EPSILON)
    {
        Some(l) if (l.value - value).abs() < 1e-9 => format!("{} {}", fmt_num(value), l.label),
        Some(_) | None => fmt_num(value),
    }
}

/// A text bar of `width` cells filled to `current`, with a mark at `target`.
pub fn bar(
    instrument: &Instrument,
    current: Option<f64>,
    target: Option<f64>,
    width: usize,
) -> String {
    let (lo, hi) = instrument.range();
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let cells = |v: f64| {
        (((v - lo) / span) * width as f64)
            .round()
            .clamp(0.0, width as f64) as usize
    };
    let filled = current.map_or(0, cells);
    let mark = target.map(|t| cells(t).min(width.saturating_sub(1)));
    (0..width)
        .map(|i| {
            if Some(i) == mark {
                '|'
            } else if i < filled {
                '#'
            } else {
                '.'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    #[test]
    fn bar_fills_to_current_and_marks_target() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        assert_eq!(bar(&i, Some(2.0), Some(3.0), 10), "####..|...");
        assert_eq!(bar(&i, Some(5.0), Some(5.0), 10), "#########|");
        assert_eq!(bar(&i, None, None, 4), "....");
    }

    #[test]
    fn level_names_show_labels_for_scale_values_only() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        assert_eq!(level_name(&i, 3.0), "3 Defined");
        assert_eq!(level_name(&i, 2.5), "2.5");
        assert_eq!(num(Some(2.0 / 3.0)), "0.67");
        assert_eq!(num(None), "-");
    }

    #[test]
    fn changes_are_signed_and_shares_are_percent() {
        assert_eq!(signed(Some(0.5)), "+0.50");
        assert_eq!(signed(Some(-1.0)), "-1.00");
        assert_eq!(signed(Some(-0.001)), "0.00");
        assert_eq!(signed(None), "-");
        assert_eq!(percent(Some(1.0 / 3.0)), "33%");
        assert_eq!(percent(None), "-");
    }

    #[test]
    fn the_output_extension_names_the_format() {
        assert_eq!(
            ReportFormat::from_extension("MD"),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(
            ReportFormat::from_extension("markdown"),
            Some(ReportFormat::Markdown)
        );
        assert_eq!(
            ReportFormat::from_extension("htm"),
            Some(ReportFormat::Html)
        );
        assert_eq!(ReportFormat::from_extension("csv"), Some(ReportFormat::Csv));
        assert_eq!(
            ReportFormat::from_extension("json"),
            Some(ReportFormat::Json)
        );
        assert_eq!(
            ReportFormat::from_extension("txt"),
            Some(ReportFormat::Table)
        );
        assert_eq!(ReportFormat::from_extension("pdf"), None);
    }
}
