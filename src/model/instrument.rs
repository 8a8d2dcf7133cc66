//! A questionnaire together with the rubric that scores it, checked against
//! each other.

use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, Error, closest};
use crate::limits;
use crate::model::questionnaire::{Area, Question, Questionnaire, Requirement};
use crate::model::rubric::{Band, Level, Rubric, Targets};
use crate::path;
use crate::source::{Seg, Source};

/// Whether a scale value or band minimum is within the limits.
fn within_bounds(v: f64) -> bool {
    v.is_finite() && v.abs() <= limits::MAX_MAGNITUDE
}

fn bounds_message(v: f64) -> String {
    let max = fmt_num(limits::MAX_MAGNITUDE);
    if v.is_finite() {
        format!(
            "must be a number from -{max} to {max}, found {}",
            fmt_num(v)
        )
    } else {
        format!("must be a number from -{max} to {max}, not nan or inf")
    }
}

/// Whether a weight is above 0 and within the limits.
fn valid_weight(w: f64) -> bool {
    w.is_finite() && w > 0.0 && w <= limits::MAX_MAGNITUDE
}

fn weight_message(w: f64) -> String {
    format!(
        "weight must be above 0 and at most {}, found {}",
        fmt_num(limits::MAX_MAGNITUDE),
        fmt_num(w)
    )
}

/// Tolerance for comparing scale values written in decimal.
pub const EPSILON: f64 = 1e-9;

/// The smallest step between two levels of a scale: more than twice the
/// tolerance, so no answer can match two levels.
const LEVEL_STEP: f64 = 2.0 * EPSILON;

/// A questionnaire and its rubric, validated together.
#[derive(Debug, Clone)]
pub struct Instrument {
    pub questionnaire: Questionnaire,
    pub rubric: Rubric,
    /// Question id -> (area index, index in area, index in questionnaire order).
    index: FxHashMap<String, (usize, usize, usize)>,
    /// Question weights by position, and area weights by area index.
    question_weights: Vec<f64>,
    area_weights: Vec<f64>,
    /// The rubric's target of each question by position (the top of the
    /// scale where the rubric gives none).
    default_targets: Vec<f64>,
}

impl Instrument {
    /// Puts a questionnaire and a rubric together, reporting every mismatch.
    pub fn new(
        questionnaire: Questionnaire,
        q_src: &Source,
        rubric: Rubric,
        r_src: &Source,
    ) -> Result<Instrument, Error> {
        let mut index = FxHashMap::default();
        for (ai, area) in questionnaire.area.iter().enumerate() {
            for (qi, q) in area.question.iter().enumerate() {
                let flat = index.len();
                index.entry(q.id.clone()).or_insert((ai, qi, flat));
            }
        }
        let question_weights = questionnaire
            .questions()
            .map(|(_, q)| rubric.weights.questions.get(&q.id).copied().unwrap_or(1.0))
            .collect();
        let area_weights = questionnaire
            .area
            .iter()
            .map(|a| rubric.weights.areas.get(&a.id).copied().unwrap_or(1.0))
            .collect();
        let top = rubric.range().1;
        let default_targets = questionnaire
            .questions()
            .map(|(a, q)| rubric.targets.for_question(&q.id, &a.id).unwrap_or(top))
            .collect();
        let instrument = Instrument {
            questionnaire,
            rubric,
            index,
            question_weights,
            area_weights,
            default_targets,
        };
        let mut problems = instrument.check_rubric(r_src);
        if instrument.rubric.level.len() >= 2 {
            problems.extend(instrument.check_descriptors(q_src, r_src));
        }
        if problems.is_empty() {
            Ok(instrument)
        } else {
            Err(Error::invalid(problems))
        }
    }

    /// The scale, ascending.
    pub fn scale(&self) -> &[Level] {
        &self.rubric.level
    }

    /// Lowest and highest scale values.
    pub fn range(&self) -> (f64, f64) {
        self.rubric.range()
    }

    /// The question with this id and its area.
    pub fn question(&self, id: &str) -> Option<(&Area, &Question)> {
        let (ai, qi, _) = *self.index.get(id)?;
        let area = &self.questionnaire.area[ai];
        Some((area, &area.question[qi]))
    }

    /// Position of a question in questionnaire order, from 0.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&(_, _, flat)| flat)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.questionnaire.area.iter().find(|a| a.id == id)
    }

    /// Number of questions in all areas.
    pub fn question_count(&self) -> usize {
        self.index.len()
    }

    /// Position of a value on the scale, if it is one of the scale's values.
    pub fn level_index(&self, value: f64) -> Option<usize> {
        self.scale()
            .iter()
            .position(|l| (l.value - value).abs() <= EPSILON)
    }

    /// The scale level whose label matches, ignoring case.
    pub fn level_by_label(&self, label: &str) -> Option<&Level> {
        let label = label.trim();
        self.scale()
            .iter()
            .find(|l| l.label.eq_ignore_ascii_case(label))
    }

    /// The scale values, for messages: `0 (Non-existent), 1 (Initial), ...`.
    pub fn scale_list(&self) -> String {
        self.scale()
            .iter()
            .map(|l| format!("{} ({})", fmt_num(l.value), l.label))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The band of a score: the one with the greatest `min` <= score.
    pub fn band(&self, score: f64) -> Option<&Band> {
        self.rubric
            .band
            .iter()
            .rev()
            .find(|b| b.min <= score + EPSILON)
    }

    pub fn question_weight(&self, id: &str) -> f64 {
        self.position(id).map_or(1.0, |p| self.question_weights[p])
    }

    pub fn area_weight(&self, id: &str) -> f64 {
        self.questionnaire
            .area
            .iter()
            .position(|a| a.id == id)
            .map_or(1.0, |i| self.area_weights[i])
    }

    /// The rubric's target for a question: its question, area or default
    /// target, or the top of the scale.
    pub fn default_target(&self, id: &str) -> f64 {
        self.position(id)
            .map_or(self.range().1, |p| self.default_targets[p])
    }

    /// Weights by position: of the question at `position` in questionnaire
    /// order, and of the area at `area_index`.
    pub fn weights_at(&self, position: usize, area_index: usize) -> (f64, f64) {
        (
            self.question_weights[position],
            self.area_weights[area_index],
        )
    }

    /// A hint naming the known question id closest to an unknown one.
    pub fn suggest_question(&self, unknown: &str) -> Option<String> {
        closest(unknown, self.index.keys().map(String::as_str))
            .map(|k| format!("did you mean \"{k}\"?"))
    }

    pub(crate) fn suggest_area(&self, unknown: &str) -> Option<String> {
        closest(
            unknown,
            self.questionnaire.area.iter().map(|a| a.id.as_str()),
        )
        .map(|k| format!("did you mean \"{k}\"?"))
    }

    fn check_rubric(&self, src: &Source) -> Vec<Diagnostic> {
        let r = &self.rubric;
        let mut problems = Vec::new();
        if r.questionnaire != self.questionnaire.id {
            problems.push(
                src.diag(
                    &path!["questionnaire"],
                    "questionnaire",
                    format!(
                        "this rubric is for questionnaire \"{}\", not \"{}\"",
                        limits::shown(&r.questionnaire),
                        self.questionnaire.id
                    ),
                )
                .help("pass the rubric written for this questionnaire with --rubric"),
            );
        }
        if r.level.len() < 2 {
            problems.push(
                src.diag(
                    &path!["level"],
                    "level",
                    "the scale needs at least two [[level]] entries",
                )
                .help("list the answer scale ascending, e.g. value = 0, label = \"Non-existent\""),
            );
        }
        for (i, level) in r.level.iter().enumerate() {
            let at = path!["level", i, "value"];
            if !within_bounds(level.value) {
                problems.push(src.diag(&at, "level.value", bounds_message(level.value)));
            } else if i > 0 && level.value <= r.level[i - 1].value + LEVEL_STEP {
                // Answers match a level within EPSILON, so levels closer than
                // that could not be told apart.
                problems.push(src.diag(
                    &at,
                    "level.value",
                    format!(
                        "{} is not above the previous level's {}; list the scale ascending",
                        fmt_num(level.value),
                        fmt_num(r.level[i - 1].value)
                    ),
                ));
            }
            if level.label.trim().is_empty() {
                problems.push(src.diag(
                    &path!["level", i, "label"],
                    "level.label",
                    "must not be empty",
                ));
            } else if r.level[..i]
                .iter()
                .any(|l| l.label.eq_ignore_ascii_case(&level.label))
            {
                problems.push(src.diag(
                    &path!["level", i, "label"],
                    "level.label",
                    format!("duplicate label \"{}\"", level.label),
                ));
            }
        }
        let (lo, hi) = r.range();
        self.check_weights(src, &mut problems);
        if r.band.is_empty() {
            problems.push(
                src.diag(
                    &path!["band"],
                    "band",
                    "the rubric needs at least one [[band]]",
                )
                .help("add [[band]] entries with min and name, ascending by min"),
            );
        }
        for (i, band) in r.band.iter().enumerate() {
            let at = path!["band", i, "min"];
            if !within_bounds(band.min) {
                problems.push(src.diag(&at, "band.min", bounds_message(band.min)));
            } else if i > 0 && band.min <= r.band[i - 1].min {
                problems.push(src.diag(
                    &at,
                    "band.min",
                    format!(
                        "bands must be sorted by min, ascending: {} follows {}",
                        fmt_num(band.min),
                        fmt_num(r.band[i - 1].min)
                    ),
                ));
            }
        }
        if let Some(first) = r.band.first()
            && r.level.len() >= 2
            && first.min > lo + EPSILON
        {
            problems.push(
                src.diag(
                    &path!["band", 0usize, "min"],
                    "band.min",
                    format!(
                        "the first band starts at {}, above the lowest scale value {}, so low scores would have no band",
                        fmt_num(first.min),
                        fmt_num(lo)
                    ),
                )
                .help(format!("set the first band's min to {}", fmt_num(lo))),
            );
        }
        if r.level.len() >= 2 {
            problems.extend(self.check_targets(&r.targets, src, &["targets"]));
        }
        let g = &r.gap;
        if !(g.critical.is_finite() && g.critical > 0.0) {
            problems.push(src.diag(
                &path!["gap", "critical"],
                "gap.critical",
                "must be a number above 0",
            ));
        }
        if !(g.quick_win_max_gap.is_finite() && g.quick_win_max_gap >= 0.0) {
            problems.push(src.diag(
                &path!["gap", "quick_win_max_gap"],
                "gap.quick_win_max_gap",
                "must be a number of at least 0",
            ));
        }
        if !(g.disagreement.is_finite() && g.disagreement > 0.0) {
            problems.push(src.diag(
                &path!["gap", "disagreement"],
                "gap.disagreement",
                "must be a number above 0",
            ));
        }
        let p = &r.plan;
        if p.phases == 0 {
            problems.push(src.diag(
                &path!["plan", "phases"],
                "plan.phases",
                "must be at least 1",
            ));
        }
        if p.max_steps_per_phase == Some(0) {
            problems.push(src.diag(
                &path!["plan", "max_steps_per_phase"],
                "plan.max_steps_per_phase",
                "must be at least 1",
            ));
        }
        if p.effort_per_phase == 0 {
            problems.push(src.diag(
                &path!["plan", "effort_per_phase"],
                "plan.effort_per_phase",
                "must be at least 1 point",
            ));
        }
        let points = &p.effort_points;
        for (key, v) in [
            ("low", points.low),
            ("medium", points.medium),
            ("high", points.high),
        ] {
            if v == 0 {
                problems.push(src.diag(
                    &path!["plan", "effort_points", key],
                    format!("plan.effort_points.{key}"),
                    "must be at least 1 point",
                ));
            }
        }
        if p.phase_days.is_empty() || p.phase_days.contains(&0) {
            problems.push(src.diag(
                &path!["plan", "phase_days"],
                "plan.phase_days",
                "must list at least one phase length, each at least 1 day",
            ));
        }
        let _ = hi;
        problems
    }

    fn check_weights(&self, src: &Source, problems: &mut Vec<Diagnostic>) {
        let w = &self.rubric.weights;
        for (id, weight) in &w.areas {
            if problems.len() > limits::MAX_PROBLEMS {
                return;
            }
            let at = path!["weights", "areas", id.as_str()];
            let key = format!("weights.areas.{}", limits::shown(id));
            if self.area(id).is_none() {
                problems.push(
                    src.diag(&at, &key, format!("unknown area \"{}\"", limits::shown(id)))
                        .maybe_help(self.suggest_area(id)),
                );
            }
            if !valid_weight(*weight) {
                problems.push(src.diag(&at, &key, weight_message(*weight)));
            }
        }
        for (id, weight) in &w.questions {
            if problems.len() > limits::MAX_PROBLEMS {
                return;
            }
            let at = path!["weights", "questions", id.as_str()];
            let key = format!("weights.questions.\"{}\"", limits::shown(id));
            if self.question(id).is_none() {
                problems.push(
                    src.diag(
                        &at,
                        &key,
                        format!("unknown question id \"{}\"", limits::shown(id)),
                    )
                    .maybe_help(self.suggest_question(id)),
                );
            }
            if !valid_weight(*weight) {
                problems.push(src.diag(&at, &key, weight_message(*weight)));
            }
        }
        for (id, reason) in &w.reasons {
            let at = path!["weights", "reasons", id.as_str()];
            let key = format!("weights.reasons.\"{}\"", limits::shown(id));
            // An unknown id that is also a weight's is reported there already.
            let weighed = w.areas.contains_key(id) || w.questions.contains_key(id);
            if id != "default" && !weighed && self.area(id).is_none() && self.question(id).is_none()
            {
                problems.push(
                    src.diag(
                        &at,
                        &key,
                        format!(
                            "\"{}\" is neither an area nor a question; a reason explains the weight or target of one",
                            limits::shown(id)
                        ),
                    )
                    .maybe_help(self.suggest_question(id).or_else(|| self.suggest_area(id))),
                );
            }
            limits::check_text(problems, src, &at, || key.clone(), reason);
        }
    }

    /// Checks that targets name known areas and questions and stay on the scale.
    pub fn check_targets(
        &self,
        targets: &Targets,
        src: &Source,
        prefix: &[&str],
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let (lo, hi) = self.range();
        let base: Vec<Seg> = prefix.iter().map(|s| Seg::from(*s)).collect();
        let dotted = prefix.join(".");
        let in_range = |v: f64| v.is_finite() && v >= lo - EPSILON && v <= hi + EPSILON;
        let range_msg = |v: f64| {
            format!(
                "target {} is outside the scale, which runs from {} to {}",
                fmt_num(v),
                fmt_num(lo),
                fmt_num(hi)
            )
        };
        if let Some(v) = targets.default
            && !in_range(v)
        {
            let mut at = base.clone();
            at.push("default".into());
            problems.push(src.diag(&at, format!("{dotted}.default"), range_msg(v)));
        }
        for (id, v) in &targets.areas {
            if problems.len() > limits::MAX_PROBLEMS {
                break;
            }
            let mut at = base.clone();
            at.extend(["areas".into(), Seg::from(id.as_str())]);
            let key = format!("{dotted}.areas.{}", limits::shown(id));
            if self.area(id).is_none() {
                problems.push(
                    src.diag(&at, &key, format!("unknown area \"{}\"", limits::shown(id)))
                        .maybe_help(self.suggest_area(id)),
                );
            } else if !in_range(*v) {
                problems.push(src.diag(&at, &key, range_msg(*v)));
            }
        }
        for (id, v) in &targets.questions {
            if problems.len() > limits::MAX_PROBLEMS {
                break;
            }
            let mut at = base.clone();
            at.extend(["questions".into(), Seg::from(id.as_str())]);
            let key = format!("{dotted}.questions.\"{}\"", limits::shown(id));
            if self.question(id).is_none() {
                problems.push(
                    src.diag(
                        &at,
                        &key,
                        format!("unknown question id \"{}\"", limits::shown(id)),
                    )
                    .maybe_help(self.suggest_question(id)),
                );
            } else if !in_range(*v) {
                problems.push(src.diag(&at, &key, range_msg(*v)));
            }
        }
        problems
    }

    fn check_descriptors(&self, src: &Source, r_src: &Source) -> Vec<Diagnostic> {
        let n = self.scale().len();
        // When no question fits the scale, the scale is what is wrong.
        let counts: Vec<usize> = self
            .questionnaire
            .questions()
            .map(|(_, q)| q.levels.len())
            .collect();
        if let Some(&m) = counts.first()
            && m != n
            && counts.len() > 1
            && counts.iter().all(|&c| c == m)
        {
            return vec![
                r_src
                    .diag(
                        &path!["level"],
                        "level",
                        format!(
                            "the scale has {n} levels, but every question of questionnaire \"{}\" has {m} level descriptors",
                            self.questionnaire.id
                        ),
                    )
                    .help(format!(
                        "give the rubric {m} [[level]] entries, or use it with the questionnaire written for a {n}-level scale"
                    )),
            ];
        }
        let mut levels = Vec::new();
        let mut actions = Vec::new();
        for (ai, area) in self.questionnaire.area.iter().enumerate() {
            for (qi, q) in area.question.iter().enumerate() {
                if q.levels.len() != n {
                    levels.push(
                        src.diag(
                            &path!["area", ai, "question", qi, "levels"],
                            format!("question \"{}\".levels", q.id),
                            format!(
                                "has {} descriptors but the scale has {n} levels",
                                q.levels.len()
                            ),
                        )
                        .help(format!(
                            "write one descriptor per level, in scale order: {}",
                            self.scale_list()
                        )),
                    );
                }
                for (field, count, what) in [
                    ("actions", q.actions.len(), "actions"),
                    ("accepted", q.accepted.len(), "acceptance criteria"),
                    ("efforts", q.efforts.len(), "efforts"),
                ] {
                    if count != 0 && count != n - 1 {
                        actions.push(src.diag(
                            &path!["area", ai, "question", qi, field],
                            format!("question \"{}\".{field}", q.id),
                            format!(
                                "has {count} {what} but a {n}-level scale has {} steps up; give one per step or none",
                                n - 1
                            ),
                        ));
                    }
                }
                let (lo, hi) = self.range();
                for (ri, r) in q.requires.iter().enumerate() {
                    if let Requirement::Level {
                        level: Some(level), ..
                    } = r
                        && !(level.is_finite() && *level >= lo - EPSILON && *level <= hi + EPSILON)
                    {
                        actions.push(src.diag(
                            &path!["area", ai, "question", qi, "requires", ri, "level"],
                            format!("question \"{}\".requires[{}].level", q.id, ri + 1),
                            format!(
                                "level {} is outside the scale, which runs from {} to {}",
                                fmt_num(*level),
                                fmt_num(lo),
                                fmt_num(hi)
                            ),
                        ));
                    }
                }
            }
        }
        // When the scale itself is what does not fit, every question says
        // so: show the first few and count the rest.
        let mut problems = Vec::new();
        for (mut list, what) in [(levels, "descriptor counts"), (actions, "action counts")] {
            if list.len() > MAX_REPEATED {
                let more = list.len() - MAX_REPEATED;
                list.truncate(MAX_REPEATED);
                list.push(
                    Diagnostic::new(
                        &src.name,
                        format!(
                            "{more} more questions have {what} that do not fit the {n}-level scale"
                        ),
                    )
                    .help("check that the questionnaire and the rubric belong together"),
                );
            }
            problems.extend(list);
        }
        problems
    }
}

/// How many problems of one repeated kind are shown before they are counted.
const MAX_REPEATED: usize = 3;

/// A number as people write it: `3`, `2.5`, `0.25`.
pub fn fmt_num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.is_finite() && v.abs() >= 1e15 {
        // 1e308 in full is 309 digits: no message quotes that.
        format!("{v:e}")
    } else {
        let s = format!("{v:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    #[test]
    fn huge_numbers_are_shown_short() {
        assert_eq!(fmt_num(1e308), "1e308");
        assert_eq!(fmt_num(-1e300), "-1e300");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(2.5), "2.5");
        assert!(fmt_num(f64::MAX).len() <= 100);
    }

    const Q: &str = r#"
id = "q"
title = "Q"
[[area]]
id = "a"
title = "A"
[[area.question]]
id = "a.one"
title = "One"
text = "?"
levels = ["no", "some", "yes"]
"#;

    const R: &str = r#"
id = "r"
questionnaire = "q"
[[level]]
value = 0
label = "None"
[[level]]
value = 0.5
label = "Half"
[[level]]
value = 1
label = "Full"
[[band]]
min = 0
name = "Low"
[[band]]
min = 0.5
name = "High"
[targets]
default = 1
"#;

    fn build(q: &str, r: &str) -> Result<Instrument, Error> {
        let qs = Source::new("q.toml", q, Format::Toml);
        let rs = Source::new("r.toml", r, Format::Toml);
        Instrument::new(Questionnaire::parse(&qs)?, &qs, Rubric::parse(&rs)?, &rs)
    }

    #[test]
    fn fractional_scales_are_valid() {
        let i = build(Q, R).unwrap();
        assert_eq!(i.level_index(0.5), Some(1));
        assert_eq!(i.level_index(0.4), None);
        assert_eq!(i.level_by_label("FULL").map(|l| l.value), Some(1.0));
    }

    #[test]
    fn levels_too_close_to_tell_apart_are_an_error() {
        let r = R.replacen("value = 0.5\n", "value = 0.000000000001\n", 1);
        assert_ne!(r, R, "the rubric has a level of value 0.5");
        let err = build(Q, &r).unwrap_err().to_string();
        assert!(
            err.contains("level.value: 0 is not above the previous level's 0"),
            "{err}"
        );
    }

    #[test]
    fn band_is_the_greatest_min_at_or_below_the_score() {
        let i = build(Q, R).unwrap();
        assert_eq!(i.band(0.0).unwrap().name, "Low");
        assert_eq!(i.band(0.49).unwrap().name, "Low");
        assert_eq!(i.band(0.5).unwrap().name, "High");
        assert_eq!(i.band(1.0).unwrap().name, "High");
    }

    #[test]
    fn descriptor_count_must_match_the_scale() {
        let err = build(&Q.replace("\"no\", ", ""), R)
            .unwrap_err()
            .to_string();
        assert!(err.contains("q.toml:11:1: question \"a.one\".levels: has 2 descriptors but the scale has 3 levels"), "{err}");
    }

    #[test]
    fn unsorted_or_empty_bands_are_errors() {
        let unsorted = R.replace("min = 0.5", "min = 0");
        let err = build(Q, &unsorted).unwrap_err().to_string();
        assert!(
            err.contains("bands must be sorted by min, ascending: 0 follows 0"),
            "{err}"
        );
        let none = R.replace(
            "[[band]]\nmin = 0\nname = \"Low\"\n[[band]]\nmin = 0.5\nname = \"High\"\n",
            "",
        );
        let err = build(Q, &none).unwrap_err().to_string();
        assert!(
            err.contains("the rubric needs at least one [[band]]"),
            "{err}"
        );
    }

    #[test]
    fn a_reason_names_an_area_a_question_or_the_default() {
        let r = format!(
            "{R}\n[weights.reasons]\na = \"why\"\n\"a.one\" = \"why\"\ndefault = \"why\"\n\"a.onr\" = \"why\"\n"
        );
        let e = build(Q, &r).unwrap_err().to_string();
        assert!(
            e.contains("weights.reasons.\"a.onr\": \"a.onr\" is neither an area nor a question; a reason explains the weight or target of one"),
            "{e}"
        );
        assert!(e.contains("did you mean \"a.one\"?"), "{e}");
        assert_eq!(e.matches("weights.reasons").count(), 1, "{e}");
    }

    #[test]
    fn weights_must_be_positive_and_known() {
        let r = format!("{R}\n[weights.questions]\n\"a.one\" = 0\n\"a.onr\" = 1\n");
        let err = build(Q, &r).unwrap_err().to_string();
        assert!(
            err.contains(
                "weights.questions.\"a.one\": weight must be above 0 and at most 1000000, found 0"
            ),
            "{err}"
        );
        assert!(
            err.contains("unknown question id \"a.onr\"\n  help: did you mean \"a.one\"?"),
            "{err}"
        );
    }

    #[test]
    fn rubric_for_another_questionnaire_is_an_error() {
        let err = build(
            Q,
            &R.replace("questionnaire = \"q\"", "questionnaire = \"other\""),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("this rubric is for questionnaire \"other\", not \"q\""),
            "{err}"
        );
    }

    #[test]
    fn targets_outside_the_scale_are_errors() {
        let err = build(Q, &R.replace("default = 1", "default = 3"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("target 3 is outside the scale, which runs from 0 to 1"),
            "{err}"
        );
    }

    #[test]
    fn numbers_print_as_people_write_them() {
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(0.25), "0.25");
        assert_eq!(fmt_num(2.333333), "2.33");
    }
}
