//! The mapping file: what cannot be guessed from an export, said once by
//! its user: which question a code-only column answers, what a numeric or
//! coded cell means, what a role code stands for, and whether the sheet is
//! transposed. `survey inspect --write-map` drafts one.

use std::collections::HashMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

use super::text::normal;
use crate::error::Error;
use crate::model::{Instrument, Response};
use crate::path;
use crate::source::Source;

/// A mapping file as written.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "itsm-assess survey mapping")]
pub struct RawMapping {
    /// The questionnaire the columns are mapped to (checked when given).
    #[serde(default)]
    pub questionnaire: Option<String>,
    /// `rows` (one row per respondent, the default) or `transposed` (one row
    /// per question, one column per respondent).
    #[serde(default)]
    pub layout: Option<String>,
    /// Column header (as `survey inspect` shows it) to what the column holds:
    /// a question id, `<question id>:target`, `respondent`, `role`,
    /// `organization`, `date`, `comment`, or `ignore`.
    #[serde(default)]
    pub columns: IndexMap<String, String>,
    /// Cell value to level: a scale value, a level label, or `n/a` /
    /// `unanswered`. Applies to every question column.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, serde_json::Value>")]
    pub values: IndexMap<String, toml::Value>,
    /// Role answer code to role name.
    #[serde(default)]
    pub roles: IndexMap<String, String>,
}

/// What a mapped column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Question(usize),
    Target(usize),
    Respondent,
    Role,
    Organization,
    Date,
    Comment,
    Ignore,
}

/// A checked mapping, ready for reading.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub name: String,
    pub transposed: bool,
    /// Normal header -> what it holds.
    pub columns: HashMap<String, Target>,
    /// Normal cell value -> response.
    pub values: HashMap<String, Response>,
    /// Normal role code -> role name.
    pub roles: HashMap<String, String>,
}

impl Mapping {
    /// Reads and checks a mapping file against the instrument.
    pub fn load(src: &Source, instrument: &Instrument) -> Result<Mapping, Error> {
        let raw: RawMapping = src.parse()?;
        let mut problems = Vec::new();
        if let Some(q) = &raw.questionnaire
            && q != &instrument.questionnaire.id
        {
            problems.push(
                src.diag(&path!["questionnaire"], "questionnaire", format!(
                    "the mapping is for questionnaire \"{q}\", but the export is read with \"{}\"",
                    instrument.questionnaire.id
                ))
                .help("pass the questionnaire the mapping was written for with --questionnaire, or draft a new mapping with `survey inspect --write-map`"),
            );
        }
        let transposed = match raw.layout.as_deref() {
            None | Some("rows") => false,
            Some("transposed") => true,
            Some(other) => {
                problems.push(
                    src.diag(
                        &path!["layout"],
                        "layout",
                        format!("unknown layout \"{}\"", crate::limits::shown(other)),
                    )
                    .help("layout is \"rows\" (one row per respondent) or \"transposed\" (one row per question)"),
                );
                false
            }
        };
        let mut columns = HashMap::new();
        for (header, what) in &raw.columns {
            let target = match what.trim() {
                "respondent" => Some(Target::Respondent),
                "role" => Some(Target::Role),
                "organization" | "organisation" => Some(Target::Organization),
                "date" => Some(Target::Date),
                "comment" => Some(Target::Comment),
                "ignore" => Some(Target::Ignore),
                "?" => None,
                id => match id.strip_suffix(":target") {
                    Some(id) => instrument.position(id.trim()).map(Target::Target),
                    None => instrument.position(id).map(Target::Question),
                },
            };
            match target {
                Some(t) => {
                    columns.insert(normal(header), t);
                }
                None if what.trim() == "?" => problems.push(
                    src.diag(
                        &path!["columns", header.as_str()],
                        format!("columns.\"{}\"", crate::limits::shown(header)),
                        "is still \"?\" as the draft wrote it",
                    )
                    .help("say which question this column answers (a question id), or \"ignore\""),
                ),
                None => {
                    let suggestion = crate::error::closest(
                        what,
                        instrument
                            .questionnaire
                            .questions()
                            .map(|(_, q)| q.id.as_str()),
                    );
                    problems.push(
                        src.diag(
                            &path!["columns", header.as_str()],
                            format!("columns.\"{}\"", crate::limits::shown(header)),
                            format!("\"{}\" is not a question of \"{}\"", crate::limits::shown(what), instrument.questionnaire.id),
                        )
                        .help(match suggestion {
                            Some(id) => format!("did you mean \"{id}\"? `itsm-assess questionnaire show` lists the question ids"),
                            None => "a column maps to a question id, \"<question id>:target\", respondent, role, organization, date, comment or ignore".into(),
                        }),
                    );
                }
            }
        }
        let mut values = HashMap::new();
        for (cell, level) in &raw.values {
            let key = format!("values.\"{}\"", crate::limits::shown(cell));
            let response = match level {
                toml::Value::Integer(v) => level_value(instrument, *v as f64),
                toml::Value::Float(v) => level_value(instrument, *v),
                toml::Value::String(s) if s.trim() == "?" => {
                    problems.push(
                        src.diag(
                            &path!["values", cell.as_str()],
                            key,
                            "is still \"?\" as the draft wrote it",
                        )
                        .help(format!(
                            "say which level this value means: {}, \"n/a\" or \"unanswered\"",
                            instrument.scale_list()
                        )),
                    );
                    continue;
                }
                toml::Value::String(s) => match normal(s).as_str() {
                    "n/a" | "na" | "not applicable" => Some(Response::NotApplicable),
                    "unanswered" | "" => Some(Response::Unanswered),
                    label => instrument
                        .level_by_label(label)
                        .map(|l| Response::Level(l.value)),
                },
                _ => None,
            };
            match response {
                Some(r) => {
                    values.insert(normal(cell), r);
                }
                None => problems.push(
                    src.diag(
                        &path!["values", cell.as_str()],
                        key,
                        format!("{level} is not a level of the scale"),
                    )
                    .help(format!(
                        "a value maps to {}, \"n/a\" or \"unanswered\"",
                        instrument.scale_list()
                    )),
                ),
            }
        }
        let mut roles = HashMap::new();
        for (code, role) in &raw.roles {
            if role.trim() == "?" || role.trim().is_empty() {
                problems.push(
                    src.diag(
                        &path!["roles", code.as_str()],
                        format!("roles.\"{}\"", crate::limits::shown(code)),
                        "is still \"?\" as the draft wrote it",
                    )
                    .help("write the name of the role this code stands for"),
                );
            } else {
                roles.insert(normal(code), role.trim().to_string());
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(Mapping {
            name: src.name.clone(),
            transposed,
            columns,
            values,
            roles,
        })
    }

    /// What the mapping says a column with these header texts holds.
    pub fn column(&self, texts: &[String]) -> Option<Target> {
        texts
            .iter()
            .find_map(|t| self.columns.get(&normal(t)).copied())
    }
}

fn level_value(instrument: &Instrument, v: f64) -> Option<Response> {
    instrument
        .level_index(v)
        .map(|i| Response::Level(instrument.scale()[i].value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::source::Format;

    fn load(text: &str) -> Result<Mapping, Error> {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        Mapping::load(&Source::new("map.toml", text, Format::Toml), &i)
    }

    #[test]
    fn a_mapping_maps_columns_values_and_roles() {
        let m = load(
            "layout = \"transposed\"\n[columns]\n\"PROC[SQ001]\" = \"processes.incident\"\n\"id\" = \"ignore\"\n\"T1\" = \"processes.incident:target\"\n[values]\nA1 = 0\nA4 = \"Defined\"\nA7 = \"n/a\"\n[roles]\n\"1\" = \"Manager\"\n",
        )
        .unwrap();
        assert!(m.transposed);
        assert_eq!(m.column(&["proc[sq001]".into()]), Some(Target::Question(0)));
        assert_eq!(m.column(&["T1".into()]), Some(Target::Target(0)));
        assert_eq!(m.values["a4"], Response::Level(3.0));
        assert_eq!(m.values["a7"], Response::NotApplicable);
        assert_eq!(m.roles["1"], "Manager");
    }

    #[test]
    fn mistakes_are_placed_on_their_line_and_column() {
        let err = load("[columns]\nQ1 = \"processes.incidnt\"\nQ2 = \"?\"\n[values]\nA9 = 9\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("map.toml:2:1: columns.\"Q1\": \"processes.incidnt\" is not a question of \"itsm-core\"\n  help: did you mean \"processes.incident\"?"), "{err}");
        assert!(
            err.contains("map.toml:3:1: columns.\"Q2\": is still \"?\" as the draft wrote it"),
            "{err}"
        );
        assert!(
            err.contains("map.toml:5:1: values.\"A9\": 9 is not a level of the scale"),
            "{err}"
        );
        let err = load("colums = {}\n").unwrap_err().to_string();
        assert!(
            err.starts_with("map.toml:1:1: unknown field `colums`"),
            "{err}"
        );
    }
}
