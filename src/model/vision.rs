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
    /// Who owns the improvement steps, by area id or question id (a
    /// question's owner before its area's): `processes = "Head of Service
    /// Operations"`. Plans name them; a step without one says "owner to be
    /// named".
    #[serde(default, skip_serializing_if = "indexmap::IndexMap::is_empty")]
    pub owners: indexmap::IndexMap<String, String>,
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
        for (id, owner) in &vision.owners {
            if instrument.area(id).is_none() && instrument.question(id).is_none() {
                let mut d = src.diag(
                    &path!["owners", id.as_str()],
                    format!("owners.{}", limits::shown(id)),
                    format!(
                        "\"{}\" is neither an area nor a question id",
                        limits::shown(id)
                    ),
                );
                if let Some(help) = instrument
                    .suggest_area(id)
                    .or_else(|| instrument.suggest_question(id))
                {
                    d = d.help(help);
                }
                problems.push(d);
            }
            let key = || format!("owners.{}", limits::shown(id));
            limits::check_text(
                &mut problems,
                src,
                &path!["owners", id.as_str()],
                key,
                owner,
            );
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
