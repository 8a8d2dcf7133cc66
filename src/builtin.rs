//! The questionnaires and rubrics shipped inside the binary.

use crate::error::Error;
use crate::model::{Instrument, Questionnaire, Rubric};
use crate::source::{Format, Source};

/// A questionnaire and its rubric, embedded at build time.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    pub id: &'static str,
    pub questionnaire_file: &'static str,
    pub questionnaire: &'static str,
    pub rubric_file: &'static str,
    pub rubric: &'static str,
}

/// Every built-in questionnaire.
pub const ALL: &[BuiltIn] = &[BuiltIn {
    id: "itsm-core",
    questionnaire_file: "itsm-core.toml",
    questionnaire: include_str!("../questionnaires/itsm-core.toml"),
    rubric_file: "itsm-core-rubric.toml",
    rubric: include_str!("../questionnaires/itsm-core-rubric.toml"),
}];

/// The questionnaire used when none is named.
pub const DEFAULT_ID: &str = "itsm-core";

/// The built-in questionnaire used when none is named.
pub fn default() -> &'static BuiltIn {
    // ALL holds DEFAULT_ID; a test checks it.
    BuiltIn::find(DEFAULT_ID).unwrap_or(&ALL[0])
}

impl BuiltIn {
    pub fn find(id: &str) -> Option<&'static BuiltIn> {
        ALL.iter().find(|b| b.id == id)
    }

    /// The questionnaire's `version`, read from the file without checking
    /// the rest of it (a test checks that it is valid).
    pub fn questionnaire_version(&self) -> String {
        #[derive(serde::Deserialize)]
        struct Header {
            #[serde(default)]
            version: String,
        }
        toml::from_str::<Header>(self.questionnaire)
            .map(|h| h.version)
            .unwrap_or_default()
    }

    pub fn questionnaire_source(&self) -> Source {
        Source::new(
            format!("built-in:{}", self.questionnaire_file),
            self.questionnaire,
            Format::Toml,
        )
    }

    pub fn rubric_source(&self) -> Source {
        Source::new(
            format!("built-in:{}", self.rubric_file),
            self.rubric,
            Format::Toml,
        )
    }

    /// The questionnaire with its rubric.
    pub fn instrument(&self) -> Result<Instrument, Error> {
        let qs = self.questionnaire_source();
        let rs = self.rubric_source();
        Instrument::new(Questionnaire::parse(&qs)?, &qs, Rubric::parse(&rs)?, &rs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_valid() {
        for b in ALL {
            let i = b.instrument().unwrap_or_else(|e| panic!("{}: {e}", b.id));
            assert_eq!(i.questionnaire.id, b.id);
        }
    }

    #[test]
    fn the_default_is_the_core_questionnaire_and_its_version_is_read() {
        let d = default();
        assert_eq!(d.id, DEFAULT_ID);
        let i = d.instrument().unwrap();
        assert!(!i.questionnaire.version.is_empty());
        assert_eq!(d.questionnaire_version(), i.questionnaire.version);
    }

    #[test]
    fn core_questionnaire_covers_four_areas_in_depth() {
        let i = BuiltIn::find(DEFAULT_ID).unwrap().instrument().unwrap();
        let areas: Vec<&str> = i.questionnaire.area.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(areas, ["processes", "tools", "training", "management"]);
        for area in &i.questionnaire.area {
            assert!(
                area.question.len() >= 10,
                "{} has {}",
                area.id,
                area.question.len()
            );
            for q in &area.question {
                assert!(q.kpi.is_some(), "{} has no kpi", q.id);
                assert_eq!(q.actions.len(), i.scale().len() - 1, "{} actions", q.id);
                assert!(q.id.starts_with(&format!("{}.", area.id)), "{}", q.id);
            }
        }
        let labels: Vec<&str> = i.scale().iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Non-existent",
                "Initial",
                "Repeatable",
                "Defined",
                "Managed",
                "Optimizing"
            ]
        );
    }
}
