//! Which tool wrote an export, how many header rows it has, and what each
//! column's header says once those rows are put together.

use super::text::normal;

/// The survey tools whose exports are recognised by their own columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    GoogleForms,
    MicrosoftForms,
    SurveyMonkey,
    Qualtrics,
    LimeSurvey,
    /// Anything else: a spreadsheet, or this tool's own CSV.
    Sheet,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::GoogleForms => "Google Forms",
            Tool::MicrosoftForms => "Microsoft Forms",
            Tool::SurveyMonkey => "SurveyMonkey",
            Tool::Qualtrics => "Qualtrics",
            Tool::LimeSurvey => "LimeSurvey",
            Tool::Sheet => "spreadsheet",
        }
    }

    /// Whether the tool writes `a/b/year` dates month first.
    pub fn month_first(self) -> bool {
        matches!(self, Tool::MicrosoftForms | Tool::SurveyMonkey)
    }
}

/// The header of an export: the tool, the rows the header takes, and per
/// column the texts to match, most telling first.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub tool: Tool,
    pub header_rows: usize,
    /// What the column is called in messages and mapping files.
    pub names: Vec<String>,
    /// The texts the column may be matched by, in order.
    pub candidates: Vec<Vec<String>>,
}

fn has(row: &[String], name: &str) -> bool {
    row.iter().any(|h| normal(h) == name)
}

/// Tells the shape from the first rows (up to three) of the export.
pub fn detect(rows: &[Vec<String>]) -> Shape {
    let Some(first) = rows.first() else {
        return Shape {
            tool: Tool::Sheet,
            header_rows: 1,
            names: Vec::new(),
            candidates: Vec::new(),
        };
    };
    let second = rows.get(1);
    let third = rows.get(2);
    let tool = if has(first, "responseid") || (has(first, "startdate") && has(first, "status")) {
        Tool::Qualtrics
    } else if has(first, "respondent id") && has(first, "collector id") {
        Tool::SurveyMonkey
    } else if first.first().is_some_and(|h| normal(h) == "timestamp") {
        Tool::GoogleForms
    } else if has(first, "id") && has(first, "start time") && has(first, "completion time") {
        Tool::MicrosoftForms
    } else if (has(first, "response id") || has(first, "id"))
        && [
            "date submitted",
            "submitdate",
            "last page",
            "lastpage",
            "start language",
            "startlanguage",
            "seed",
        ]
        .iter()
        .any(|n| has(first, n))
    {
        Tool::LimeSurvey
    } else {
        Tool::Sheet
    };
    let width = first.len();
    let cell = |row: Option<&Vec<String>>, i: usize| -> String {
        row.and_then(|r| r.get(i))
            .map_or(String::new(), |c| c.trim().to_string())
    };
    match tool {
        Tool::Qualtrics => {
            let import_ids = third.is_some_and(|r| {
                r.iter()
                    .any(|c| c.trim_start().starts_with("{\"ImportId\""))
            });
            let texts = second.is_some_and(|r| {
                first
                    .iter()
                    .zip(r)
                    .any(|(h, t)| normal(h) == "startdate" && normal(t) == "start date")
            });
            let header_rows = if import_ids {
                3
            } else if texts {
                2
            } else {
                1
            };
            let mut names = Vec::with_capacity(width);
            let mut candidates = Vec::with_capacity(width);
            for i in 0..width {
                let tag = cell(Some(first), i);
                let text = if header_rows >= 2 {
                    cell(second, i)
                } else {
                    String::new()
                };
                names.push(tag.clone());
                candidates.push([text, tag].into_iter().filter(|t| !t.is_empty()).collect());
            }
            Shape {
                tool,
                header_rows,
                names,
                candidates,
            }
        }
        Tool::SurveyMonkey
            if second.is_some_and(|r| {
                r.iter().any(|c| {
                    let n = normal(c);
                    n == "response" || n == "open-ended response"
                })
            }) =>
        {
            let mut names = Vec::with_capacity(width);
            let mut candidates = Vec::with_capacity(width);
            let mut above = String::new();
            for i in 0..width {
                let top = cell(Some(first), i);
                let sub = cell(second, i);
                if !top.is_empty() {
                    above = top.clone();
                }
                let plain = {
                    let n = normal(&sub);
                    sub.is_empty() || n == "response" || n == "open-ended response"
                };
                if plain {
                    names.push(above.clone());
                    candidates.push(vec![above.clone()]);
                } else {
                    names.push(format!("{above} [{sub}]"));
                    candidates.push(vec![format!("{above} [{sub}]"), sub]);
                }
            }
            Shape {
                tool,
                header_rows: 2,
                names,
                candidates,
            }
        }
        _ => Shape {
            tool,
            header_rows: 1,
            names: (0..width).map(|i| cell(Some(first), i)).collect(),
            candidates: (0..width).map(|i| vec![cell(Some(first), i)]).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn surveymonkey_matrix_texts_carry_over_to_their_rows() {
        let shape = detect(&rows(&[
            &["Respondent ID", "Collector ID", "Processes", "", "Comments"],
            &[
                "",
                "",
                "Incident management",
                "Change management",
                "Open-Ended Response",
            ],
            &["1", "2", "3", "4", "x"],
        ]));
        assert_eq!(shape.tool, Tool::SurveyMonkey);
        assert_eq!(shape.header_rows, 2);
        assert_eq!(shape.names[3], "Processes [Change management]");
        assert_eq!(shape.candidates[3][1], "Change management");
        assert_eq!(shape.names[4], "Comments");
    }

    #[test]
    fn qualtrics_takes_three_header_rows_and_matches_on_the_text_first() {
        let shape = detect(&rows(&[
            &["StartDate", "Status", "ResponseId", "Q1_1"],
            &[
                "Start Date",
                "Response Type",
                "Response ID",
                "Processes - Incident management",
            ],
            &[
                "{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}",
                "{\"ImportId\":\"status\"}",
                "{\"ImportId\":\"_recordId\"}",
                "{\"ImportId\":\"QID1_1\"}",
            ],
        ]));
        assert_eq!((shape.tool, shape.header_rows), (Tool::Qualtrics, 3));
        assert_eq!(shape.names[3], "Q1_1");
        assert_eq!(
            shape.candidates[3],
            ["Processes - Incident management", "Q1_1"]
        );
    }

    #[test]
    fn the_other_tools_are_told_by_their_first_columns() {
        let tool = |h: &[&str]| detect(&rows(&[h])).tool;
        assert_eq!(tool(&["Timestamp", "Email Address"]), Tool::GoogleForms);
        assert_eq!(
            tool(&["ID", "Start time", "Completion time", "Email"]),
            Tool::MicrosoftForms
        );
        assert_eq!(
            tool(&["Response ID", "Date submitted", "Last page"]),
            Tool::LimeSurvey
        );
        assert_eq!(tool(&["id", "submitdate", "lastpage"]), Tool::LimeSurvey);
        assert_eq!(tool(&["Name", "Role"]), Tool::Sheet);
    }
}
