//! What was found in an export and how it was read: the record every report
//! carries, so nobody takes a report of half a survey for the whole.

use schemars::JsonSchema;
use serde::Serialize;

/// How one survey export was read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct ExportInfo {
    /// The file, as given.
    pub file: String,
    /// The tool that wrote it, told from its columns ("spreadsheet" when none).
    pub tool: String,
    /// `UTF-8` or `Windows-1252`.
    pub encoding: String,
    /// Header rows above the first respondent.
    pub header_rows: usize,
    /// Respondents read (rows with at least one answer or name).
    pub respondents: u64,
    /// Rows with nothing in them, passed over.
    pub empty_rows: u64,
    /// Questions of the questionnaire.
    pub questions: usize,
    /// Questions that have a column in the export.
    pub found: usize,
    /// Ids of the questions with no column in the export.
    pub not_found: Vec<String>,
    /// Columns that name no question and hold free text or the tool's own
    /// data: left out.
    pub ignored_columns: Vec<String>,
    /// Columns that name no question but hold levels: a question the header
    /// did not name, to be mapped with --map.
    pub unknown_columns: Vec<String>,
    /// Free-text columns read as the respondents' comments.
    pub comment_columns: Vec<String>,
    /// What was read with doubt: dates, encoding.
    pub warnings: Vec<String>,
}

impl ExportInfo {
    /// One line: "32 of 45 questions found in the export; not found: ...".
    pub fn coverage(&self) -> String {
        if self.not_found.is_empty() {
            format!(
                "all {} questions found in the export ({}, {})",
                self.questions, self.tool, self.encoding
            )
        } else {
            let shown: Vec<&str> = self.not_found.iter().map(String::as_str).take(5).collect();
            let more = match self.not_found.len().saturating_sub(5) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!(
                "{} of {} questions found in the export; not found: {}{more}",
                self.found,
                self.questions,
                shown.join(", ")
            )
        }
    }
}

/// A respondent's free-text comment, from a comment column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Comment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub text: String,
}
