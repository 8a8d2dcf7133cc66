//! The rubric: the answer scale, weights, maturity bands, default targets
//! and the rules that flag gaps.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::model::questionnaire::Effort;
use crate::path;
use crate::source::Source;

/// How answers are scored: the answer scale, weights, maturity bands,
/// default targets and the rules that flag gaps.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |s: &mut schemars::Schema| crate::schema::require(s, &["level", "band"]))]
pub struct Rubric {
    /// The rubric's own id.
    #[schemars(length(min = 1))]
    pub id: String,
    /// The id of the questionnaire this rubric scores.
    pub questionnaire: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The answer scale, ascending, at least two levels.
    #[serde(default)]
    #[schemars(length(min = 2))]
    pub level: Vec<Level>,
    /// Area and question weights; anything not listed weighs 1.
    #[serde(default)]
    pub weights: Weights,
    /// Maturity names, sorted by `min` ascending; the first `min` must be at
    /// or below the lowest scale value.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub band: Vec<Band>,
    /// The default vision: target levels when neither the answers nor a vision give one.
    #[serde(default)]
    pub targets: Targets,
    #[serde(default)]
    pub gap: GapRules,
    #[serde(default)]
    pub plan: PlanRules,
    /// Where an editor finds this file's JSON Schema; ignored by the tool.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
}

/// One step of the answer scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The score of this level; any number, ascending through the scale.
    pub value: f64,
    /// Unique (case-insensitive); answers may give the label instead of the value.
    #[schemars(length(min = 1))]
    pub label: String,
    /// What the level means, shown with the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Area and question weights; anything not listed weighs 1.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Weight by area id, greater than 0.
    #[serde(default)]
    #[schemars(extend("additionalProperties" = {"type": "number", "exclusiveMinimum": 0}))]
    pub areas: IndexMap<String, f64>,
    /// Weight by question id, greater than 0.
    #[serde(default)]
    #[schemars(extend("additionalProperties" = {"type": "number", "exclusiveMinimum": 0}))]
    pub questions: IndexMap<String, f64>,
    /// Why a weight or target is what it is, by area or question id (or
    /// `default` for the default target): shown in the report's legend.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub reasons: IndexMap<String, String>,
}

/// A maturity name for every score from `min` up to the next band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The lowest score in this band.
    pub min: f64,
    /// The band's name, shown in reports.
    pub name: String,
}

/// Target levels: a default, per area, per question (most specific wins).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// The target of every question that has none more specific.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<f64>,
    /// Target by area id, for the area's questions.
    #[serde(default)]
    pub areas: IndexMap<String, f64>,
    /// Target by question id.
    #[serde(default)]
    pub questions: IndexMap<String, f64>,
}

impl Targets {
    /// The most specific target these targets give a question, if any.
    pub fn for_question(&self, question: &str, area: &str) -> Option<f64> {
        self.questions
            .get(question)
            .or_else(|| self.areas.get(area))
            .or(self.default.as_ref())
            .copied()
    }
}

/// When a gap is critical, a quick win, or a disagreement between respondents.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapRules {
    /// A question shortfall of at least this much is critical.
    #[serde(default = "GapRules::default_critical")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub critical: f64,
    /// A shortfall of at most this much, on a question of at most
    /// `quick_win_max_effort`, is a quick win.
    #[serde(default = "GapRules::default_quick_win_max_gap")]
    #[schemars(range(min = 0))]
    pub quick_win_max_gap: f64,
    /// The highest effort of a quick win.
    #[serde(default)]
    pub quick_win_max_effort: QuickWinEffort,
    /// Respondents disagree on a question when max - min is at least this.
    #[serde(default = "GapRules::default_disagreement")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub disagreement: f64,
}

/// Wrapper so the quick-win effort defaults to low rather than medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "low, medium or high; low by default.")]
#[serde(transparent)]
pub struct QuickWinEffort(pub Effort);

impl Default for QuickWinEffort {
    fn default() -> Self {
        QuickWinEffort(Effort::Low)
    }
}

impl GapRules {
    fn default_critical() -> f64 {
        2.0
    }
    fn default_quick_win_max_gap() -> f64 {
        1.0
    }
    fn default_disagreement() -> f64 {
        2.0
    }
}

impl Default for GapRules {
    fn default() -> Self {
        GapRules {
            critical: Self::default_critical(),
            quick_win_max_gap: Self::default_quick_win_max_gap(),
            quick_win_max_effort: QuickWinEffort::default(),
            disagreement: Self::default_disagreement(),
        }
    }
}

/// The shape of an improvement plan: how many phases, how long, how full.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRules {
    /// The number of phases in an improvement plan.
    #[serde(default = "PlanRules::default_phases")]
    #[schemars(range(min = 1))]
    pub phases: usize,
    /// The length of each phase in days; the last length repeats.
    #[serde(default = "PlanRules::default_phase_days")]
    #[schemars(length(min = 1), extend("items" = {"type": "integer", "minimum": 1, "maximum": u32::MAX}))]
    pub phase_days: Vec<u32>,
    /// The effort a phase holds, in points (a step's effort in points is
    /// given by `effort_points`); quick wins may exceed it in phase 1, and a
    /// step larger than it gets a phase of its own.
    #[serde(default = "PlanRules::default_effort_per_phase")]
    #[schemars(range(min = 1))]
    pub effort_per_phase: u32,
    /// What a step of each effort costs in points.
    #[serde(default)]
    pub effort_points: EffortPoints,
    /// The most steps a phase holds, whatever their effort (quick wins may
    /// exceed it in phase 1); no limit when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_steps_per_phase: Option<usize>,
}

/// The points a step of each effort takes of a phase's `effort_per_phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffortPoints {
    #[serde(default = "EffortPoints::default_low")]
    #[schemars(range(min = 1))]
    pub low: u32,
    #[serde(default = "EffortPoints::default_medium")]
    #[schemars(range(min = 1))]
    pub medium: u32,
    #[serde(default = "EffortPoints::default_high")]
    #[schemars(range(min = 1))]
    pub high: u32,
}

impl EffortPoints {
    fn default_low() -> u32 {
        1
    }
    fn default_medium() -> u32 {
        2
    }
    fn default_high() -> u32 {
        4
    }

    /// The points of a step of this effort.
    pub fn of(&self, effort: crate::model::Effort) -> u32 {
        match effort {
            crate::model::Effort::Low => self.low,
            crate::model::Effort::Medium => self.medium,
            crate::model::Effort::High => self.high,
        }
    }
}

impl Default for EffortPoints {
    fn default() -> Self {
        EffortPoints {
            low: Self::default_low(),
            medium: Self::default_medium(),
            high: Self::default_high(),
        }
    }
}

impl PlanRules {
    fn default_phases() -> usize {
        4
    }
    fn default_phase_days() -> Vec<u32> {
        vec![90]
    }
    fn default_effort_per_phase() -> u32 {
        16
    }

    /// Length in days of phase `k` (from 1); the last listed length repeats.
    pub fn days(&self, k: usize) -> u32 {
        self.phase_days
            .get(k.saturating_sub(1))
            .or(self.phase_days.last())
            .copied()
            .unwrap_or(90)
    }
}

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            phases: Self::default_phases(),
            phase_days: Self::default_phase_days(),
            effort_per_phase: Self::default_effort_per_phase(),
            effort_points: EffortPoints::default(),
            max_steps_per_phase: None,
        }
    }
}

impl Rubric {
    /// Reads a rubric; its checks against a questionnaire happen when the two
    /// are put together into an [`Instrument`](crate::Instrument).
    pub fn parse(src: &Source) -> Result<Rubric, Error> {
        let rubric: Rubric = src.parse()?;
        let over = rubric.check_limits(src);
        if over.is_empty() {
            Ok(rubric)
        } else {
            Err(Error::invalid(over))
        }
    }

    /// The limits on its size: levels, bands, phases, and every text.
    fn check_limits(&self, src: &Source) -> Vec<Diagnostic> {
        let mut p = Vec::new();
        let max = limits::MAX_LEVELS;
        for (key, what, n) in [
            ("level", "scale levels", self.level.len()),
            ("band", "bands", self.band.len()),
        ] {
            p.extend(limits::check_count(
                src,
                &path![key, max],
                key,
                what,
                n,
                max,
            ));
        }
        let most = limits::MAX_PHASES;
        if self.plan.phases > most {
            p.push(src.diag(
                &path!["plan", "phases"],
                "plan.phases",
                format!("is {}; a plan has at most {most} phases", self.plan.phases),
            ));
        }
        let days = self.plan.phase_days.len();
        if days > most {
            p.push(src.diag(
                &path!["plan", "phase_days"],
                "plan.phase_days",
                format!("lists {days} lengths; a plan has at most {most} phases"),
            ));
        }
        if !p.is_empty() {
            return p;
        }
        limits::check_text(&mut p, src, &path!["id"], || "id".into(), &self.id);
        let at = path!["questionnaire"];
        limits::check_text(
            &mut p,
            src,
            &at,
            || "questionnaire".into(),
            &self.questionnaire,
        );
        let at = path!["description"];
        limits::check_text(&mut p, src, &at, || "description".into(), &self.description);
        for (i, level) in self.level.iter().enumerate() {
            let at = path!["level", i, "label"];
            limits::check_text(&mut p, src, &at, || "level.label".into(), &level.label);
            if let Some(text) = &level.description {
                let at = path!["level", i, "description"];
                limits::check_text(&mut p, src, &at, || "level.description".into(), text);
            }
        }
        for (i, band) in self.band.iter().enumerate() {
            let at = path!["band", i, "name"];
            limits::check_text(&mut p, src, &at, || "band.name".into(), &band.name);
        }
        p
    }

    /// The lowest and highest scale values.
    pub fn range(&self) -> (f64, f64) {
        let lo = self.level.first().map(|l| l.value).unwrap_or(0.0);
        let hi = self.level.last().map(|l| l.value).unwrap_or(0.0);
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_specific_target_wins() {
        let t = Targets {
            default: Some(3.0),
            areas: [("training".to_string(), 4.0)].into_iter().collect(),
            questions: [("training.plan".to_string(), 5.0)].into_iter().collect(),
        };
        assert_eq!(t.for_question("training.plan", "training"), Some(5.0));
        assert_eq!(t.for_question("training.other", "training"), Some(4.0));
        assert_eq!(t.for_question("tools.cmdb", "tools"), Some(3.0));
        assert_eq!(Targets::default().for_question("x", "y"), None);
    }

    #[test]
    fn gap_rules_have_documented_defaults() {
        let g = GapRules::default();
        assert_eq!(
            (g.critical, g.quick_win_max_gap, g.disagreement),
            (2.0, 1.0, 2.0)
        );
        assert_eq!(g.quick_win_max_effort.0, Effort::Low);
    }

    #[test]
    fn phase_length_repeats_the_last_given() {
        let p = PlanRules {
            phase_days: vec![30, 60],
            ..PlanRules::default()
        };
        assert_eq!((p.days(1), p.days(2), p.days(3)), (30, 60, 60));
    }

    fn parse(text: &str) -> Result<Rubric, Error> {
        Rubric::parse(&Source::new("r.toml", text, crate::source::Format::Toml))
    }

    fn levels(n: usize) -> String {
        (0..n)
            .map(|i| format!("[[level]]\nvalue = {i}\nlabel = \"L{i}\"\n"))
            .collect()
    }

    #[test]
    fn the_most_levels_pass_and_one_more_is_shown_at_its_line() {
        let head = "id = \"r\"\nquestionnaire = \"q\"\n";
        assert!(parse(&format!("{head}{}", levels(limits::MAX_LEVELS))).is_ok());
        let err = parse(&format!("{head}{}", levels(limits::MAX_LEVELS + 1)))
            .unwrap_err()
            .to_string();
        let line = 3 + 3 * limits::MAX_LEVELS;
        assert_eq!(
            err,
            format!(
                "r.toml:{line}:1: level: there are {} scale levels; the most allowed is {}",
                limits::MAX_LEVELS + 1,
                limits::MAX_LEVELS
            )
        );
    }

    #[test]
    fn a_plan_of_more_phases_than_the_limit_is_refused_before_it_is_made() {
        let err = parse("id = \"r\"\nquestionnaire = \"q\"\n[plan]\nphases = 1000000000000\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "r.toml:4:1: plan.phases: is 1000000000000; a plan has at most {} phases",
                limits::MAX_PHASES
            )
        );
    }
}
