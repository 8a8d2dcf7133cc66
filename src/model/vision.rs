//! The vision: the organisation's target profile for one engagement.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limits;
use crate::model::instrument::Instrument;
use crate::model::rubric::Targets;
use crate::path;
use crate::source::Source;

/// Target levels the organisation aims for, overriding the rubric's defaults.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vision {
    /// The id of the questionnaire the targets are for; must match the answers'.
    pub questionnaire: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The organisation whose vision this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Target levels, most specific first: per question, per area, default;
    /// each within the scale's range.
    #[serde(default)]
    pub targets: Targets,
    /// Where an editor finds this file's JSON Schema; ignored by the tool.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
}

impl Vision {
    /// Reads a vision and checks it against the instrument it targets.
    pub fn load(src: &Source, instrument: &Instrument) -> Result<Vision, Error> {
        let vision: Vision = src.parse()?;
        let mut problems = Vec::new();
        if vision.questionnaire != instrument.questionnaire.id {
            problems.push(
                src.diag(
                    &path!["questionnaire"],
                    "questionnaire",
                    format!(
                        "this vision is for questionnaire \"{}\", but the assessment uses \"{}\"",
                        limits::shown(&vision.questionnaire),
                        instrument.questionnaire.id
                    ),
                )
                .help("use a vision written for the same questionnaire as the answers"),
            );
        } else {
            problems.extend(instrument.check_targets(&vision.targets, src, &["targets"]));
        }
        for (field, value) in [
            ("title", &vision.title),
            ("organization", &vision.organization),
            ("description", &vision.description),
        ] {
            if let Some(value) = value {
                let key = || field.to_string();
                limits::check_text(&mut problems, src, &path![field], key, value);
            }
        }
        if problems.is_empty() {
            Ok(vision)
        } else {
            Err(Error::invalid(problems))
        }
    }
}
