//! The questionnaires and rubrics shipped inside the binary.

use crate::error::Error;
use crate::model::{Instrument, Questionnaire, Rubric};
use crate::source::{Format, Source};

/// A questionnaire and its rubric, embedded at build time.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    pub id: &'static str,
    /// The questionnaire's `version`; a test checks it is the file's.
    pub version: &'static str,
    /// What it is for and how long it takes, for `questionnaire list`.
    pub purpose: &'static str,
    pub questionnaire_file: &'static str,
    pub questionnaire: &'static str,
    pub rubric_file: &'static str,
    pub rubric: &'static str,
}

/// Every built-in questionnaire, the newest version of each first.
pub const ALL: &[BuiltIn] = &[
    BuiltIn {
        id: "itsm-core",
        version: "2.0.0",
        purpose: "the full maturity assessment, for an interview or a workshop: 57 questions, about 90 minutes",
        questionnaire_file: "itsm-core.toml",
        questionnaire: include_str!("../questionnaires/itsm-core.toml"),
        rubric_file: "itsm-core-rubric.toml",
        rubric: include_str!("../questionnaires/itsm-core-rubric.toml"),
    },
    BuiltIn {
        id: "itsm-core",
        version: "1.0.0",
        purpose: "the earlier version, kept to read, score and compare assessments made with it: 45 questions",
        questionnaire_file: "itsm-core-1.0.0.toml",
        questionnaire: include_str!("../questionnaires/itsm-core-1.0.0.toml"),
        rubric_file: "itsm-core-1.0.0-rubric.toml",
        rubric: include_str!("../questionnaires/itsm-core-1.0.0-rubric.toml"),
    },
    BuiltIn {
        id: "itsm-pulse",
        version: "1.0.0",
        purpose: "a staff pulse survey every member of staff answers, e.g. each quarter: 12 statements, under 10 minutes",
        questionnaire_file: "itsm-pulse.toml",
        questionnaire: include_str!("../questionnaires/itsm-pulse.toml"),
        rubric_file: "itsm-pulse-rubric.toml",
        rubric: include_str!("../questionnaires/itsm-pulse-rubric.toml"),
    },
];

/// The version an answers file that names none was made with: answers
/// files named no version before 2.0.0 of the core questionnaire came.
pub const UNNAMED_VERSION: &str = "1.0.0";

/// The questionnaire used when none is named.
pub const DEFAULT_ID: &str = "itsm-core";

/// The built-in questionnaire used when none is named.
pub fn default() -> &'static BuiltIn {
    // ALL holds DEFAULT_ID; a test checks it.
    BuiltIn::find(DEFAULT_ID).unwrap_or(&ALL[0])
}

impl BuiltIn {
    /// The newest version of a built-in questionnaire.
    pub fn find(id: &str) -> Option<&'static BuiltIn> {
        ALL.iter().find(|b| b.id == id)
    }

    /// One version of a built-in questionnaire.
    pub fn find_version(id: &str, version: &str) -> Option<&'static BuiltIn> {
        ALL.iter().find(|b| b.id == id && b.version == version)
    }

    /// The versions built in for an id, newest first.
    pub fn versions(id: &str) -> Vec<&'static str> {
        ALL.iter()
            .filter(|b| b.id == id)
            .map(|b| b.version)
            .collect()
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

    /// Every built-in questionnaire, parsed once for the process.
    pub fn parsed() -> &'static [(&'static BuiltIn, Questionnaire)] {
        static PARSED: std::sync::OnceLock<Vec<(&'static BuiltIn, Questionnaire)>> =
            std::sync::OnceLock::new();
        PARSED.get_or_init(|| {
            ALL.iter()
                .filter_map(|b| Some((b, Questionnaire::parse(&b.questionnaire_source()).ok()?)))
                .collect()
        })
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
    fn every_builtin_is_valid_and_its_version_is_the_files() {
        for b in ALL {
            let i = b.instrument().unwrap_or_else(|e| panic!("{}: {e}", b.id));
            assert_eq!(i.questionnaire.id, b.id);
            assert_eq!(i.questionnaire.version, b.version, "{}", b.id);
            assert_eq!(b.questionnaire_version(), b.version);
        }
        assert_eq!(BuiltIn::versions("itsm-core"), ["2.0.0", "1.0.0"]);
        assert_eq!(BuiltIn::find("itsm-core").unwrap().version, "2.0.0");
        assert_eq!(
            BuiltIn::find_version("itsm-core", UNNAMED_VERSION)
                .unwrap()
                .questionnaire_file,
            "itsm-core-1.0.0.toml"
        );
    }

    #[test]
    fn every_1_0_0_question_is_in_2_0_0_or_replaced() {
        let old = BuiltIn::find_version("itsm-core", "1.0.0")
            .unwrap()
            .instrument()
            .unwrap();
        let new = BuiltIn::find_version("itsm-core", "2.0.0")
            .unwrap()
            .instrument()
            .unwrap();
        for (_, q) in old.questionnaire.questions() {
            let kept = new.question(&q.id).is_some();
            let replaced = new
                .questionnaire
                .questions()
                .any(|(_, n)| n.replaces.contains(&q.id));
            assert!(
                kept || replaced,
                "{} is gone from 2.0.0 without a replacement",
                q.id
            );
        }
        // Every question speaks to a respondent on their own, too.
        for (_, q) in new.questionnaire.questions() {
            assert!(
                q.help.as_deref().is_some_and(|h| !h.trim().is_empty()),
                "{}",
                q.id
            );
            assert!(
                !q.help.as_deref().unwrap_or_default().starts_with("Ask"),
                "{}",
                q.id
            );
        }
    }

    #[test]
    fn the_pulse_survey_informs_questions_of_the_core_one() {
        let core = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let pulse = BuiltIn::find("itsm-pulse").unwrap().instrument().unwrap();
        let statements: Vec<_> = pulse.questionnaire.questions().collect();
        assert!(
            (10..=15).contains(&statements.len()),
            "{}",
            statements.len()
        );
        for (_, s) in statements {
            assert!(!s.informs.is_empty(), "{} informs nothing", s.id);
            for id in &s.informs {
                assert!(core.question(id).is_some(), "{}: unknown {id}", s.id);
            }
            assert!(s.help.is_some(), "{}", s.id);
        }
        // The core's own KPIs assume a pulse survey on these.
        for id in ["management.resistance", "management.communication-plan"] {
            assert!(
                pulse
                    .questionnaire
                    .questions()
                    .any(|(_, s)| s.informs.iter().any(|i| i == id)),
                "no statement informs {id}"
            );
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
