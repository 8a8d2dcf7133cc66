//! JSON Schemas of the files the tool reads and of every JSON document it
//! writes, generated from the Rust types (`docs/schema/*.json` holds them).
//!
//! Input schemas follow what the tool accepts (the deserialize side of the
//! types), output schemas what it emits (the serialize side). Where a
//! value's shape is custom (answers, dates), the schema is written by hand
//! beside the type.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::compare::Comparison;
use crate::model::{Questionnaire, RawAnswers, Rubric, Vision};
use crate::plan::Plan;
use crate::render::json::Versioned;
use crate::render::questionnaire::{ListDocument, ShowDocument};
use crate::render::summary::ScoreDocument;
use crate::score::Scorecard;

/// Whether a schema describes a file the tool reads or a document it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Input,
    Output,
}

/// One of the schemas the tool publishes.
#[derive(Debug, Clone, Copy)]
pub struct Named {
    /// The name `itsm-assess schema NAME` takes.
    pub name: &'static str,
    pub direction: Direction,
    /// What the schema describes, for `schema list` and the schema's `description`.
    pub about: &'static str,
    generate: fn(SchemaGenerator) -> Schema,
}

impl Named {
    /// The file name under `docs/schema/`.
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The schema's `$id`.
    pub fn id(&self) -> String {
        format!("urn:itsm-assess:schema:{}", self.name)
    }

    /// The schema itself, with `$schema`, `$id`, `title` and `description`.
    pub fn schema(&self) -> Schema {
        let settings = match self.direction {
            Direction::Input => SchemaSettings::draft2020_12().for_deserialize(),
            Direction::Output => SchemaSettings::draft2020_12().for_serialize(),
        };
        let mut schema = (self.generate)(settings.into_generator());
        let object = schema.ensure_object();
        object.values_mut().for_each(unwrap_descriptions);
        object.insert("$id".into(), self.id().into());
        object.insert("title".into(), format!("itsm-assess {}", self.name).into());
        object.insert("description".into(), self.about.into());
        schema
    }

    /// The schema as pretty JSON text ending in a newline, as in `docs/schema/`.
    pub fn text(&self) -> String {
        to_text(&self.schema())
    }
}

/// Doc comments wrap lines; a description is read as one paragraph.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" => {
                        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    _ => unwrap_descriptions(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

fn to_text(schema: &Schema) -> String {
    // Serializing a JSON value to a string cannot fail.
    let mut text = serde_json::to_string_pretty(schema.as_value()).unwrap_or_default();
    text.push('\n');
    text
}

fn root<T: JsonSchema>(generator: SchemaGenerator) -> Schema {
    generator.into_root_schema_for::<T>()
}

/// Every schema, inputs first.
pub const ALL: &[Named] = &[
    Named {
        name: "questionnaire",
        direction: Direction::Input,
        about: "A questionnaire file: what is asked, area by area, with a descriptor per scale level.",
        generate: root::<Questionnaire>,
    },
    Named {
        name: "rubric",
        direction: Direction::Input,
        about: "A rubric file: the answer scale, weights, maturity bands, default targets, gap and plan rules.",
        generate: root::<Rubric>,
    },
    Named {
        name: "answers",
        direction: Direction::Input,
        about: "An answers file (TOML or JSON): one respondent's assessment, with an answer per question.",
        generate: root::<RawAnswers>,
    },
    Named {
        name: "vision",
        direction: Direction::Input,
        about: "A vision file: the organisation's target levels for one engagement.",
        generate: root::<Vision>,
    },
    Named {
        name: "survey-map",
        direction: Direction::Input,
        about: "A survey mapping file (--map): which question a survey export's column answers, what coded cell values and role codes mean, and the sheet's layout.",
        generate: root::<crate::survey::mapping::RawMapping>,
    },
    Named {
        name: "report",
        direction: Direction::Output,
        about: "The output of `itsm-assess report --format json`, of one respondent or of a team (team reports add respondents, spread, disagreement, roles and perception_gaps; from survey exports, exports and comments).",
        generate: root::<Versioned<'static, Scorecard>>,
    },
    Named {
        name: "score",
        direction: Direction::Output,
        about: "The output of `itsm-assess score --format json`: a summary per respondent, the inputs that failed, and with --summary the team's summary.",
        generate: root::<Versioned<'static, ScoreDocument<'static>>>,
    },
    Named {
        name: "plan",
        direction: Direction::Output,
        about: "The output of `itsm-assess plan --format json`: a phased improvement plan.",
        generate: root::<Versioned<'static, Plan>>,
    },
    Named {
        name: "compare",
        direction: Direction::Output,
        about: "The output of `itsm-assess compare --format json`: progress from the first assessment to the last.",
        generate: root::<Versioned<'static, Comparison>>,
    },
    Named {
        name: "questionnaire-list",
        direction: Direction::Output,
        about: "The output of `itsm-assess questionnaire list --format json`: the built-in questionnaires.",
        generate: root::<Versioned<'static, ListDocument<'static>>>,
    },
    Named {
        name: "questionnaire-show",
        direction: Direction::Output,
        about: "The output of `itsm-assess questionnaire show --format json`: the effective questionnaire with its rubric.",
        generate: root::<Versioned<'static, ShowDocument<'static>>>,
    },
];

/// The schema of this name.
pub fn find(name: &str) -> Option<&'static Named> {
    ALL.iter().find(|n| n.name == name)
}

/// The names, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|n| n.name)
}

/// Adds `keys` to a schema's `required`: for fields that have a serde
/// default only so that the tool can explain what is missing.
pub fn require(schema: &mut Schema, keys: &[&str]) {
    let object = schema.ensure_object();
    let required = object
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        for key in keys {
            if !list.iter().any(|k| k == key) {
                list.push(Value::from(*key));
            }
        }
    }
}

/// The `[answers]` table: by question id, a scale value, a level label,
/// "n/a", or a table with `current`, `target` and `note`. A table of none of
/// those keys holds further answers (TOML's dotted keys `processes.incident
/// = 2` and `[answers.processes]` sub-tables).
pub fn answer_map(generator: &mut SchemaGenerator) -> Schema {
    let defs = generator.definitions_mut();
    let at = |name: &str| format!("#/$defs/{name}");
    defs.insert(
        "Response".into(),
        json_schema!({
            "description": "A scale value (a number on the rubric's scale), a level label (any case), or \"n/a\", \"na\" or \"not applicable\" (any case) when the question does not apply.",
            "type": ["number", "string"],
        })
        .to_value(),
    );
    defs.insert(
        "AnswerTable".into(),
        json_schema!({
            "description": "An answer with an own target or a note; without `current` the question is unanswered, but the target and note are kept.",
            "type": "object",
            "properties": {
                "current": {"$ref": at("Response")},
                "target": {
                    "description": "This respondent's target: a number within the scale's range or a level label.",
                    "type": ["number", "string"],
                },
                "note": {"description": "Evidence or context, shown in reports.", "type": "string"},
            },
            "additionalProperties": false,
        })
        .to_value(),
    );
    defs.insert(
        "AnswerGroup".into(),
        json_schema!({
            "description": "Answers whose question ids start with this key and a dot (TOML dotted keys and sub-tables).",
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"not": {"enum": ["current", "target", "note"]}},
            "additionalProperties": {"$ref": at("Answer")},
        })
        .to_value(),
    );
    defs.insert(
        "Answer".into(),
        json_schema!({
            "anyOf": [
                {"$ref": at("Response")},
                {"$ref": at("AnswerTable")},
                {"$ref": at("AnswerGroup")},
            ],
        })
        .to_value(),
    );
    json_schema!({
        "description": "An answer by question id; a question left out is unanswered.",
        "type": "object",
        "additionalProperties": {"$ref": at("Answer")},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_schema_has_its_id_and_meta_schema() {
        let mut seen = std::collections::HashSet::new();
        for n in ALL {
            assert!(seen.insert(n.name), "{} twice", n.name);
            let s = n.schema();
            assert_eq!(
                s.get("$schema").and_then(Value::as_str),
                Some("https://json-schema.org/draft/2020-12/schema"),
                "{}",
                n.name
            );
            assert_eq!(s.get("$id").and_then(Value::as_str), Some(n.id().as_str()));
        }
        assert_eq!(find("rubric").map(|n| n.name), Some("rubric"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn descriptions_are_one_paragraph() {
        let s = find("compare").unwrap().schema();
        let text = s
            .pointer("/$defs/Change/properties/gap_closed/description")
            .and_then(Value::as_str)
            .unwrap();
        assert!(
            text.contains("the share of the first assessment's gap"),
            "{text}"
        );
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn required_keys_are_added_once() {
        let mut s = json_schema!({"type": "object", "required": ["id"]});
        require(&mut s, &["id", "area"]);
        assert_eq!(s.get("required"), Some(&serde_json::json!(["id", "area"])));
    }

    #[test]
    fn output_schemas_pin_the_schema_version() {
        for n in ALL.iter().filter(|n| n.direction == Direction::Output) {
            let s = n.schema();
            assert_eq!(
                s.pointer("/properties/schema_version/const"),
                Some(&Value::from(crate::render::SCHEMA_VERSION)),
                "{}",
                n.name
            );
        }
    }
}
