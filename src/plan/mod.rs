//! The improvement plan: a scorecard's gaps as a phased roadmap of SMART
//! steps, one scale level at a time. Pure computation.
//!
//! The rules:
//! - A question that falls short of its target becomes one step per scale
//!   level, from the highest scale level at or below its current value up to
//!   the first scale level at or above its target. Each step of a question
//!   lies in a later phase than the step before it.
//! - A step costs the points of its effort (the question's `efforts` for
//!   that step, else its `effort`; the rubric's `effort_points`), and a
//!   phase holds at most the rubric's `effort_per_phase` points (and at
//!   most `max_steps_per_phase` steps, where given). A step larger than a
//!   phase gets an empty phase of its own.
//! - Phase 1 holds the first step of every quick win, even beyond its room:
//!   results shown early keep people motivated and win sceptics over, so no
//!   quick win waits. Quick wins count toward phase 1's room, so other steps
//!   only get into phase 1 while it has room left.
//! - A step whose question `requires` another question at a level lies in a
//!   later phase than the step of the plan that brings that question there
//!   (a quick win with an open prerequisite waits like any other step).
//! - Every other step follows priority order (critical shortfalls first,
//!   then by priority; each question's steps in level order) into the
//!   earliest phase that has room and lies after the phase of the question's
//!   previous step and of its prerequisites.
//! - A step that fits in no phase of the rubric's goes to a phase added
//!   after them (of the last phase's length), so every step has a due date:
//!   no undated backlog. A plan has at most [`limits::MAX_PHASES`] phases;
//!   the last takes what is left.
//! - Phase k is due at the start date plus the lengths of phases 1 to k;
//!   its steps are due then, and so is its check: re-assess, compare, act.
//! - Each phase carries the scores projected for when its steps and those
//!   before are done, by the report's own scoring.

pub mod file;
pub mod progress;
mod relevance;

use std::collections::{HashMap, VecDeque};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::limits;
use crate::model::instrument::EPSILON;
use crate::model::{Date, Effort, Instrument, Question, Vision, fmt_num};
use crate::score::{AssessmentInfo, QuestionScore, QuestionnaireInfo, Scorecard};

/// A phased improvement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The version of a plan file's shape (written by `plan --output
    /// FILE.toml`, read by `plan --from`); JSON output carries it first.
    #[serde(default, skip_serializing)]
    #[schemars(skip)]
    pub schema_version: Option<u32>,
    pub questionnaire: QuestionnaireInfo,
    pub assessment: AssessmentInfo,
    /// The day the first phase begins.
    pub start: Date,
    /// The points of effort a phase holds.
    #[serde(default)]
    pub effort_per_phase: u32,
    /// Every step is in a phase: phases are added to the rubric's until
    /// each step has a place and a due date.
    pub phases: Vec<Phase>,
}

/// One phase of the plan: a time box with its steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// 1 for the first phase.
    pub number: usize,
    pub days: u32,
    pub starts: Date,
    pub due: Date,
    /// The points of effort of its steps.
    #[serde(default)]
    pub effort: u64,
    pub steps: Vec<Step>,
    /// The scores if every step of this phase and the ones before is done.
    pub projected: Projected,
    /// The check that ends the phase: re-assess, compare, act.
    pub check: Check,
}

/// The scores the answers would give with every step so far done,
/// computed by the same scoring as the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Projected {
    pub overall: Option<f64>,
    pub percent_to_target: Option<f64>,
    pub areas: Vec<ProjectedArea>,
}

/// One area's projected current level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectedArea {
    pub id: String,
    pub current: Option<f64>,
}

/// The dated check at the end of a phase (plan-do-check-act).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub due: Date,
    /// What to do on that day.
    pub what: String,
}

/// Where a step stands, as its owner records it in the plan file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    /// Not to be done: a `reason` says why (risk accepted, out of scope).
    WontDo,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Planned => "planned",
            StepStatus::InProgress => "in-progress",
            StepStatus::Done => "done",
            StepStatus::WontDo => "wont-do",
        }
    }
}

/// What must be in place before a step: another question at a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// The question required.
    pub question: String,
    pub title: String,
    /// The level it must stand at, and that level's name when it is one
    /// of the scale's.
    pub level: f64,
    pub label: Option<String>,
    /// True when the assessment has it there already.
    pub met: bool,
    /// The plan's step that brings it there (or, when the plan stops below
    /// the level at that question's target, its last step).
    pub step: Option<String>,
    /// The phase of that step.
    pub phase: Option<usize>,
    /// Whether the plan brings the question to the level.
    pub reached: bool,
}

/// One SMART objective: raise one question by one scale level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step's id in the plan: the question id and the level reached,
    /// `processes.incident:3`.
    pub id: String,
    /// The question id.
    pub question: String,
    /// The area id.
    pub area: String,
    pub area_title: String,
    /// The area's gap to its target: why the step matters.
    pub area_gap: Option<f64>,
    /// The question title: what changes.
    pub title: String,
    /// Scale values one level apart.
    pub from: f64,
    pub to: f64,
    pub from_label: String,
    pub to_label: String,
    /// The questionnaire's action for this step up, if it has one.
    pub action: Option<String>,
    /// How the step is measured.
    pub kpi: Option<String>,
    /// What is in place once the level is reached: the acceptance
    /// criterion (the questionnaire's `accepted` text, else the level's
    /// descriptor).
    pub acceptance: String,
    /// The vision item or target the step serves, in words.
    pub relevant: String,
    /// The effort of this step up, and its points of a phase's room.
    pub effort: Effort,
    pub points: u32,
    /// What must be in place first.
    pub requires: Vec<Prerequisite>,
    pub priority: f64,
    pub critical: bool,
    pub quick_win: bool,
    /// The due date of the step's phase (a plan file may move it).
    pub due: Option<Date>,
    /// Who owns the step (the vision's `owners`); none until one is named.
    pub owner: Option<String>,
    /// Where the step stands; a new plan's steps are all planned.
    #[serde(default)]
    pub status: StepStatus,
    /// Why a step will not be done (required with `wont-do`), or any note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Plan {
    /// Names each step's owner from the vision's `owners`: the question's,
    /// else its area's.
    pub fn assign_owners(&mut self, owners: &indexmap::IndexMap<String, String>) {
        for s in self.steps_mut() {
            s.owner = owners
                .get(&s.question)
                .or_else(|| owners.get(&s.area))
                .cloned();
        }
    }

    /// Number of steps in all phases.
    pub fn scheduled(&self) -> usize {
        self.phases.iter().map(|p| p.steps.len()).sum()
    }

    /// Every step with its phase number, in plan order.
    pub fn steps(&self) -> impl Iterator<Item = (usize, &Step)> {
        self.phases
            .iter()
            .flat_map(|p| p.steps.iter().map(move |s| (p.number, s)))
    }

    fn steps_mut(&mut self) -> impl Iterator<Item = &mut Step> {
        self.phases.iter_mut().flat_map(|p| p.steps.iter_mut())
    }
}

/// A level as people read it: `3 Defined`, or `3.5` between levels.
pub fn level_text(instrument: &Instrument, value: f64) -> String {
    match instrument.level_index(value) {
        Some(i) => format!("{} {}", fmt_num(value), instrument.scale()[i].label),
        None => fmt_num(value),
    }
}

/// Builds the plan for a scorecard, starting on `start`, without a vision
/// to name in the steps' relevance.
pub fn plan(card: &Scorecard, instrument: &Instrument, start: Date) -> Plan {
    plan_for(card, instrument, None, start)
}

/// Builds the plan for a scorecard scored against `vision`, starting on
/// `start`.
pub fn plan_for(
    card: &Scorecard,
    instrument: &Instrument,
    vision: Option<&Vision>,
    start: Date,
) -> Plan {
    let rules = &instrument.rubric.plan;

    // Each falling-short question's steps, in priority order.
    let mut chains: Vec<(bool, VecDeque<Step>)> = card
        .priorities
        .iter()
        .filter_map(|id| card.question(id))
        .filter_map(|q| {
            let (_, question) = instrument.question(&q.id)?;
            let relevant = relevance::text(card, instrument, vision, q);
            Some((q.quick_win, steps(instrument, card, q, question, &relevant)))
        })
        .filter(|(_, steps)| !steps.is_empty())
        .map(|(quick_win, steps)| (quick_win, VecDeque::from(steps)))
        .collect();
    prerequisites(card, instrument, &mut chains);

    let mut order = Order::new(rules, chains);
    // Quick wins first: into phase 1 whatever its room, unless a
    // prerequisite is still to be reached.
    for i in 0..order.chains.len() {
        let (quick_win, steps) = &order.chains[i];
        if *quick_win && steps.front().is_some_and(|s| waits_on(s).next().is_none()) {
            order.place_next(i, Some(0));
        }
    }
    // Then in priority order, each question's steps in turn; a step's
    // prerequisites are placed before it, at its priority.
    for i in 0..order.chains.len() {
        order.place_chain(i, None, &mut Vec::new());
    }
    let (placed, phases) = (order.placed, order.schedule);

    let mut ends = start;
    // The level each question reaches once the phases so far are done.
    let mut reached: HashMap<String, f64> = HashMap::new();
    let phases = phases
        .phases
        .into_iter()
        .enumerate()
        .map(|(i, (effort, mut steps))| {
            let number = i + 1;
            let days = rules.days(number);
            let starts = ends;
            ends = starts.plus_days(u64::from(days));
            for s in &mut steps {
                s.due = Some(ends);
                let level = reached.entry(s.question.clone()).or_insert(s.to);
                *level = level.max(s.to);
                for r in &mut s.requires {
                    r.phase = r.step.as_ref().and_then(|id| placed.get(id)).map(|p| p + 1);
                }
            }
            Phase {
                number,
                days,
                starts,
                due: ends,
                effort,
                steps,
                projected: project(card, instrument, &reached),
                check: Check {
                    due: ends,
                    what: format!(
                        "Check on {ends}: re-assess (itsm-assess run --from the last answers file, or the same survey again), compare with the assessment before (itsm-assess compare BEFORE AFTER --plan PLAN.toml), and act on the steps that did not reach their level before phase {} starts.",
                        number + 1
                    ),
                },
            }
        })
        .collect();

    Plan {
        schema_version: None,
        questionnaire: card.questionnaire.clone(),
        assessment: card.assessment.clone(),
        start,
        effort_per_phase: rules.effort_per_phase,
        phases,
    }
}

/// The plan's steps that a step waits for.
fn waits_on(step: &Step) -> impl Iterator<Item = &str> {
    step.requires.iter().filter_map(|r| r.step.as_deref())
}

/// The steps being put in order: each question's steps still to place,
/// where each placed step went, and the phases.
struct Order<'r> {
    chains: Vec<(bool, VecDeque<Step>)>,
    /// The phase (index) of each question's last placed step.
    after: Vec<Option<usize>>,
    /// Step id -> its phase (index).
    placed: HashMap<String, usize>,
    /// Step id -> the question (chain) it belongs to.
    chain_of: HashMap<String, usize>,
    schedule: Schedule<'r>,
}

impl<'r> Order<'r> {
    fn new(rules: &'r crate::model::PlanRules, chains: Vec<(bool, VecDeque<Step>)>) -> Self {
        let chain_of = chains
            .iter()
            .enumerate()
            .flat_map(|(i, (_, c))| c.iter().map(move |s| (s.id.clone(), i)))
            .collect();
        Order {
            after: vec![None; chains.len()],
            chains,
            placed: HashMap::new(),
            chain_of,
            schedule: Schedule::new(rules),
        }
    }

    /// Places chain `i`'s steps in level order, up to and including the
    /// step `until` (or all of them); each step's prerequisites first.
    /// `open` holds the chains being placed further up, so that a circle
    /// the questionnaire check missed cannot recurse for ever.
    fn place_chain(&mut self, i: usize, until: Option<&str>, open: &mut Vec<usize>) {
        open.push(i);
        while let Some(step) = self.chains[i].1.front() {
            let id = step.id.clone();
            let waiting: Vec<String> = waits_on(step)
                .filter(|d| !self.placed.contains_key(*d))
                .map(str::to_string)
                .collect();
            for d in waiting {
                if let Some(&k) = self.chain_of.get(&d)
                    && !open.contains(&k)
                {
                    self.place_chain(k, Some(&d), open);
                }
            }
            self.place_next(i, None);
            if until == Some(id.as_str()) {
                break;
            }
        }
        open.pop();
    }

    /// Places chain `i`'s next step: in phase `at`, or the earliest phase
    /// with room after its question's previous step and its prerequisites.
    fn place_next(&mut self, i: usize, at: Option<usize>) {
        let Some(step) = self.chains[i].1.pop_front() else {
            return;
        };
        let p = at.unwrap_or_else(|| {
            let mut from = self.after[i].map_or(0, |p| p + 1);
            for d in waits_on(&step) {
                if let Some(&p) = self.placed.get(d) {
                    from = from.max(p + 1);
                }
            }
            self.schedule.place(from, &step)
        });
        self.placed.insert(step.id.clone(), p);
        self.after[i] = Some(p);
        self.schedule.put(p, step);
    }
}

/// The phases being filled: each with the points of its steps.
struct Schedule<'r> {
    rules: &'r crate::model::PlanRules,
    phases: Vec<(u64, Vec<Step>)>,
}

impl<'r> Schedule<'r> {
    fn new(rules: &'r crate::model::PlanRules) -> Self {
        Schedule {
            rules,
            phases: vec![(0, Vec::new()); rules.phases.clamp(1, limits::MAX_PHASES)],
        }
    }

    /// Whether phase `p` has room for a step: an empty phase always has.
    fn fits(&self, p: usize, step: &Step) -> bool {
        let (points, steps) = &self.phases[p];
        steps.is_empty()
            || (points + u64::from(step.points) <= u64::from(self.rules.effort_per_phase)
                && self
                    .rules
                    .max_steps_per_phase
                    .is_none_or(|m| steps.len() < m))
    }

    /// The earliest phase from `from` with room for the step, adding phases
    /// as needed up to the most a plan may have, whose last takes the rest.
    fn place(&mut self, from: usize, step: &Step) -> usize {
        while self.phases.len() <= from && self.phases.len() < limits::MAX_PHASES {
            self.phases.push((0, Vec::new()));
        }
        let from = from.min(self.phases.len() - 1);
        if let Some(p) = (from..self.phases.len()).find(|&p| self.fits(p, step)) {
            return p;
        }
        if self.phases.len() < limits::MAX_PHASES {
            self.phases.push((0, Vec::new()));
        }
        self.phases.len() - 1
    }

    fn put(&mut self, p: usize, step: Step) {
        self.phases[p].0 += u64::from(step.points);
        self.phases[p].1.push(step);
    }
}

/// Fills each step's prerequisites: the level each required question must
/// stand at, and the step of the plan that brings it there.
fn prerequisites(card: &Scorecard, instrument: &Instrument, chains: &mut [(bool, VecDeque<Step>)]) {
    // Each question's planned steps: (level reached, step id), in order.
    let mut planned: HashMap<String, Vec<(f64, String)>> = HashMap::new();
    for s in chains.iter().flat_map(|(_, c)| c.iter()) {
        planned
            .entry(s.question.clone())
            .or_default()
            .push((s.to, s.id.clone()));
    }
    for s in chains.iter_mut().flat_map(|(_, c)| c.iter_mut()) {
        let Some((_, question)) = instrument.question(&s.question) else {
            continue;
        };
        for r in &question.requires {
            let id = r.question();
            let level = r.level_for(s.to);
            let title = instrument
                .question(id)
                .map_or_else(|| id.to_string(), |(_, q)| q.title.clone());
            let current = card.question(id).and_then(|q| q.current);
            let met = current.is_some_and(|c| c + EPSILON >= level);
            let steps = planned.get(id).map(Vec::as_slice).unwrap_or_default();
            let (step, reached) = if met {
                (None, true)
            } else if let Some((_, sid)) = steps.iter().find(|(to, _)| *to + EPSILON >= level) {
                (Some(sid.clone()), true)
            } else {
                (steps.last().map(|(_, sid)| sid.clone()), false)
            };
            s.requires.push(Prerequisite {
                question: id.to_string(),
                title,
                level,
                label: instrument
                    .level_index(level)
                    .map(|i| instrument.scale()[i].label.clone()),
                met,
                step,
                phase: None,
                reached,
            });
        }
    }
}

/// The scores of the card's answers with each question in `reached` raised
/// to its level there, by the report's own scoring: targets as they were.
fn project(card: &Scorecard, instrument: &Instrument, reached: &HashMap<String, f64>) -> Projected {
    use crate::model::{Answer, Answers, Assessment, Response};
    use crate::score::Status;
    let mut answers = Answers::new(Assessment {
        questionnaire: instrument.questionnaire.id.clone(),
        ..Assessment::default()
    });
    for q in &card.questions {
        let response = match (q.status, q.current) {
            (Status::Answered, Some(c)) => {
                Response::Level(reached.get(&q.id).map_or(c, |r| r.max(c)))
            }
            (Status::NotApplicable, _) => Response::NotApplicable,
            _ => continue,
        };
        answers.set(
            &q.id,
            Answer {
                response,
                target: q.target,
                note: None,
            },
        );
    }
    let f = crate::score::figures(instrument, &answers, None);
    Projected {
        overall: f.current,
        percent_to_target: f.percent_to_target,
        areas: instrument
            .questionnaire
            .area
            .iter()
            .zip(&f.areas)
            .map(|(a, n)| ProjectedArea {
                id: a.id.clone(),
                current: n.current,
            })
            .collect(),
    }
}

/// One step per scale level from the highest level at or below the current
/// value to the first level at or above the target.
fn steps(
    instrument: &Instrument,
    card: &Scorecard,
    q: &QuestionScore,
    question: &Question,
    relevant: &str,
) -> Vec<Step> {
    let (Some(current), Some(target)) = (q.current, q.target) else {
        return Vec::new();
    };
    if target - current <= EPSILON {
        return Vec::new();
    }
    let scale = instrument.scale();
    let low = scale
        .iter()
        .rposition(|l| l.value <= current + EPSILON)
        .unwrap_or(0);
    let high = scale
        .iter()
        .position(|l| l.value >= target - EPSILON)
        .unwrap_or(scale.len().saturating_sub(1));
    let area = card.area(&q.area);
    let points = &instrument.rubric.plan.effort_points;
    (low..high)
        .map(|k| {
            let effort = question.effort_of_step(k);
            Step {
                id: format!("{}:{}", q.id, fmt_num(scale[k + 1].value)),
                question: q.id.clone(),
                area: q.area.clone(),
                area_title: area.map_or_else(|| q.area.clone(), |a| a.title.clone()),
                area_gap: area.and_then(|a| a.gap),
                title: q.title.clone(),
                from: scale[k].value,
                to: scale[k + 1].value,
                from_label: scale[k].label.clone(),
                to_label: scale[k + 1].label.clone(),
                action: question.actions.get(k).cloned(),
                kpi: question.kpi.clone(),
                acceptance: question
                    .accepted
                    .get(k)
                    .or_else(|| question.levels.get(k + 1))
                    .cloned()
                    .unwrap_or_default(),
                relevant: relevant.to_string(),
                effort,
                points: points.of(effort),
                requires: Vec::new(),
                priority: q.priority.unwrap_or(0.0),
                critical: q.critical,
                quick_win: q.quick_win,
                due: None,
                owner: None,
                status: StepStatus::Planned,
                reason: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Answers, Assessment, Questionnaire, Rubric};
    use crate::score::{AssessmentInfo, score};
    use crate::source::{Format, Source};

    /// Five questions on a 0-4 scale; "low" effort ones can be quick wins;
    /// with extra lines for some questions (`requires = ...`).
    fn questionnaire_with(extra: &[(&str, &str)]) -> String {
        let mut q = String::from("id = \"q\"\ntitle = \"Q\"\n");
        for (area, ids) in [
            ("a", ["a.one", "a.two", "a.three"].as_slice()),
            ("b", &["b.one", "b.two"]),
        ] {
            q.push_str(&format!(
                "[[area]]\nid = \"{area}\"\ntitle = \"Area {area}\"\n"
            ));
            for id in ids {
                let effort = if id.ends_with("one") { "low" } else { "high" };
                q.push_str(&format!(
                    "[[area.question]]\nid = \"{id}\"\ntitle = \"T {id}\"\ntext = \"?\"\neffort = \"{effort}\"\nkpi = \"K {id}\"\n\
                     levels = [\"{id} L0\", \"{id} L1\", \"{id} L2\", \"{id} L3\", \"{id} L4\"]\n\
                     actions = [\"{id} A0\", \"{id} A1\", \"{id} A2\", \"{id} A3\"]\n"
                ));
                for (_, line) in extra.iter().filter(|(q, _)| q == id) {
                    q.push_str(line);
                    q.push('\n');
                }
            }
        }
        q
    }

    fn instrument(plan_rules: &str) -> Instrument {
        instrument_with(plan_rules, &[])
    }

    fn instrument_with(plan_rules: &str, extra: &[(&str, &str)]) -> Instrument {
        let mut r = String::from("id = \"r\"\nquestionnaire = \"q\"\n");
        for (v, l) in ["Zero", "One", "Two", "Three", "Four"].iter().enumerate() {
            r.push_str(&format!("[[level]]\nvalue = {v}\nlabel = \"{l}\"\n"));
        }
        r.push_str("[[band]]\nmin = 0\nname = \"Low\"\n[targets]\ndefault = 4\n");
        r.push_str(plan_rules);
        let qs = Source::new("q.toml", questionnaire_with(extra), Format::Toml);
        let rs = Source::new("r.toml", r, Format::Toml);
        Instrument::new(
            Questionnaire::parse(&qs).unwrap(),
            &qs,
            Rubric::parse(&rs).unwrap(),
            &rs,
        )
        .unwrap()
    }

    fn card(i: &Instrument, answers: &[(&str, Answer)]) -> Scorecard {
        let mut a = Answers::new(Assessment {
            questionnaire: "q".into(),
            ..Assessment::default()
        });
        for (id, answer) in answers {
            a.set(id, answer.clone());
        }
        score(i, &a, None, AssessmentInfo::default())
    }

    fn target(current: f64, target: f64) -> Answer {
        Answer {
            target: Some(target),
            ..Answer::level(current)
        }
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// (question, from, to) of each step of a phase.
    fn ids(steps: &[Step]) -> Vec<(&str, f64, f64)> {
        steps
            .iter()
            .map(|s| (s.question.as_str(), s.from, s.to))
            .collect()
    }

    #[test]
    fn a_gap_of_several_levels_becomes_one_step_per_level_in_later_phases() {
        let i = instrument("");
        let c = card(&i, &[("a.two", Answer::level(1.0))]);
        let p = plan(&c, &i, day("2026-01-01"));
        let steps: Vec<(usize, &Step)> = p
            .phases
            .iter()
            .flat_map(|ph| ph.steps.iter().map(move |s| (ph.number, s)))
            .collect();
        assert_eq!(
            steps
                .iter()
                .map(|(n, s)| (*n, s.from, s.to))
                .collect::<Vec<_>>(),
            [(1, 1.0, 2.0), (2, 2.0, 3.0), (3, 3.0, 4.0)]
        );
        let (_, first) = steps[0];
        assert_eq!(
            (first.from_label.as_str(), first.to_label.as_str()),
            ("One", "Two")
        );
        // The action for a step up from level k is the question's k-th action,
        // and the acceptance criterion is the descriptor of the level reached.
        assert_eq!(first.action.as_deref(), Some("a.two A1"));
        assert_eq!(first.acceptance, "a.two L2");
        assert_eq!(first.kpi.as_deref(), Some("K a.two"));
        assert_eq!(
            (first.area.as_str(), first.area_title.as_str()),
            ("a", "Area a")
        );
        assert_eq!(first.area_gap, c.area("a").unwrap().gap);
        assert!(
            p.phases
                .iter()
                .flat_map(|ph| &ph.steps)
                .all(|s| s.due.is_some())
        );
    }

    #[test]
    fn fractional_values_run_from_the_level_below_to_the_level_above() {
        let i = instrument("");
        // 1.5 -> 2.5: from level 1 (at or below 1.5) to level 3 (first at or above 2.5).
        let c = card(&i, &[("a.two", target(1.5, 2.5))]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(ids(&p.phases[0].steps), [("a.two", 1.0, 2.0)]);
        assert_eq!(ids(&p.phases[1].steps), [("a.two", 2.0, 3.0)]);
        assert_eq!(p.scheduled(), 2);
        // A target exactly on a level stops there.
        let c = card(&i, &[("a.two", target(2.0, 3.0))]);
        assert_eq!(plan(&c, &i, day("2026-01-01")).scheduled(), 1);
        // No shortfall, no steps.
        let c = card(
            &i,
            &[("a.two", target(3.0, 3.0)), ("a.three", target(4.0, 2.0))],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(p.scheduled(), 0);
    }

    #[test]
    fn quick_wins_go_first_into_phase_one_even_beyond_its_room() {
        // Room for one step per phase; two quick wins (low effort, gap 1).
        let i = instrument("[plan]\nphases = 3\nmax_steps_per_phase = 1\n");
        let c = card(
            &i,
            &[
                ("a.two", Answer::level(2.0)), // gap 2, high effort: priority 2
                ("a.one", Answer::level(3.0)), // quick win, priority 1
                ("b.one", Answer::level(3.0)), // quick win, priority 1
            ],
        );
        assert_eq!(c.quick_wins, ["a.one", "b.one"]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(
            ids(&p.phases[0].steps),
            [("a.one", 3.0, 4.0), ("b.one", 3.0, 4.0)]
        );
        assert!(p.phases[0].steps.iter().all(|s| s.quick_win));
        // The higher-priority question found phase 1 full and starts in phase 2.
        assert_eq!(ids(&p.phases[1].steps), [("a.two", 2.0, 3.0)]);
        assert_eq!(ids(&p.phases[2].steps), [("a.two", 3.0, 4.0)]);
    }

    #[test]
    fn other_steps_take_the_earliest_phase_with_room_in_priority_order() {
        let i = instrument("[plan]\nphases = 3\nmax_steps_per_phase = 2\n");
        let c = card(
            &i,
            &[
                ("a.two", Answer::level(1.0)),   // gap 3: priority 3
                ("a.three", Answer::level(2.0)), // gap 2: priority 2
                ("b.two", Answer::level(2.0)),   // gap 2: priority 2, later in order
            ],
        );
        assert_eq!(c.priorities, ["a.two", "a.three", "b.two"]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(
            ids(&p.phases[0].steps),
            [("a.two", 1.0, 2.0), ("a.three", 2.0, 3.0)]
        );
        assert_eq!(
            ids(&p.phases[1].steps),
            [("a.two", 2.0, 3.0), ("a.three", 3.0, 4.0)]
        );
        // b.two finds phases 1 and 2 full; its second step has no later
        // phase of the rubric's, so a fourth is added for it.
        assert_eq!(
            ids(&p.phases[2].steps),
            [("a.two", 3.0, 4.0), ("b.two", 2.0, 3.0)]
        );
        assert_eq!(ids(&p.phases[3].steps), [("b.two", 3.0, 4.0)]);
        assert!(p.phases.iter().all(|ph| ph.steps.len() <= 2));
    }

    #[test]
    fn phases_are_added_until_every_step_has_a_due_date() {
        let i = instrument("[plan]\nphases = 2\nmax_steps_per_phase = 1\nphase_days = [30, 60]\n");
        let c = card(
            &i,
            &[
                ("a.two", Answer::level(2.0)), // priority 2: 2->3, 3->4
                ("b.two", Answer::level(1.0)), // priority 3: 1->2, 2->3, 3->4
            ],
        );
        assert_eq!(c.priorities, ["b.two", "a.two"]);
        let p = plan(&c, &i, day("2026-01-01"));
        let placed: Vec<Vec<(&str, f64, f64)>> = p.phases.iter().map(|ph| ids(&ph.steps)).collect();
        assert_eq!(
            placed,
            [
                vec![("b.two", 1.0, 2.0)],
                vec![("b.two", 2.0, 3.0)],
                vec![("b.two", 3.0, 4.0)],
                vec![("a.two", 2.0, 3.0)],
                vec![("a.two", 3.0, 4.0)],
            ]
        );
        // Added phases take the last phase's length; every step is dated.
        assert!(p.phases[2..].iter().all(|ph| ph.days == 60));
        assert!(
            p.phases
                .iter()
                .all(|ph| ph.steps.iter().all(|s| s.due == Some(ph.due)))
        );
        assert_eq!(p.phases[4].due.to_string(), "2026-09-28");
    }

    #[test]
    fn each_phase_projects_the_scores_of_its_steps_done_and_checks_at_its_end() {
        let i = instrument("[plan]\nphases = 2\nmax_steps_per_phase = 1\n");
        let c = card(
            &i,
            &[("a.two", Answer::level(2.0)), ("b.two", Answer::level(3.0))],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        // What scoring the raised answers gives, phase by phase.
        let mut raised: Vec<(&str, f64)> = vec![("a.two", 2.0), ("b.two", 3.0)];
        for ph in &p.phases {
            for s in &ph.steps {
                let r = raised.iter_mut().find(|(id, _)| *id == s.question).unwrap();
                r.1 = r.1.max(s.to);
            }
            let answers: Vec<(&str, Answer)> = raised
                .iter()
                .map(|(id, v)| (*id, Answer::level(*v)))
                .collect();
            let expected = card(&i, &answers);
            assert_eq!(
                ph.projected.overall, expected.overall.current,
                "phase {}",
                ph.number
            );
            assert_eq!(ph.check.due, ph.due);
            assert!(
                ph.check
                    .what
                    .starts_with(&format!("Check on {}: re-assess", ph.due))
            );
        }
        let last = p.phases.last().unwrap();
        assert_eq!(
            last.projected.percent_to_target,
            Some(100.0),
            "every target met"
        );
        assert!(p.phases[0].projected.overall < last.projected.overall);
    }

    #[test]
    fn phase_k_is_due_at_the_start_plus_the_lengths_of_phases_one_to_k() {
        let i = instrument("[plan]\nphases = 3\nphase_days = [30, 60]\n");
        let c = card(&i, &[("a.two", Answer::level(1.0))]);
        let p = plan(&c, &i, day("2026-01-01"));
        let dates: Vec<(u32, String, String)> = p
            .phases
            .iter()
            .map(|ph| (ph.days, ph.starts.to_string(), ph.due.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                (30, "2026-01-01".into(), "2026-01-31".into()),
                (60, "2026-01-31".into(), "2026-04-01".into()),
                (60, "2026-04-01".into(), "2026-05-31".into()),
            ]
        );
        for ph in &p.phases {
            assert!(ph.steps.iter().all(|s| s.due == Some(ph.due)), "{ph:?}");
        }
        assert_eq!(p.start, day("2026-01-01"));
    }

    /// (phase, step id) of every step.
    fn placed(p: &Plan) -> Vec<(usize, String)> {
        p.steps().map(|(n, s)| (n, s.id.clone())).collect()
    }

    fn phase_of(p: &Plan, id: &str) -> usize {
        p.steps()
            .find(|(_, s)| s.id == id)
            .map(|(n, _)| n)
            .unwrap_or_else(|| panic!("no step {id}"))
    }

    #[test]
    fn phases_hold_at_most_their_points_of_effort() {
        // Low = 1 point, high = 3; a phase holds 4 points.
        let i = instrument(
            "[plan]\nphases = 2\neffort_per_phase = 4\n[plan.effort_points]\nlow = 1\nmedium = 2\nhigh = 3\n",
        );
        let c = card(
            &i,
            &[
                ("a.two", target(0.0, 1.0)),   // high: 3 points, priority 1
                ("a.three", target(0.0, 1.0)), // high: 3 points, priority 1
                ("b.one", target(2.0, 3.0)),   // low, gap 1: a quick win
            ],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        // The quick win (1) and one high step (3) fill phase 1; the other
        // high step has no room there.
        assert_eq!(
            placed(&p),
            [
                (1, "b.one:3".to_string()),
                (1, "a.two:1".to_string()),
                (2, "a.three:1".to_string())
            ]
        );
        let points: Vec<u64> = p.phases.iter().map(|ph| ph.effort).collect();
        assert_eq!(points, [4, 3]);
        assert_eq!(p.effort_per_phase, 4);
        for ph in &p.phases {
            assert_eq!(
                ph.effort,
                ph.steps.iter().map(|s| u64::from(s.points)).sum::<u64>()
            );
        }
    }

    #[test]
    fn a_step_larger_than_a_phase_gets_a_phase_of_its_own() {
        let i = instrument("[plan]\nphases = 1\neffort_per_phase = 2\n");
        // High effort is 4 points by default, more than a phase holds.
        let c = card(&i, &[("a.two", target(0.0, 2.0))]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(placed(&p), [(1, "a.two:1".into()), (2, "a.two:2".into())]);
        assert!(
            p.phases
                .iter()
                .all(|ph| ph.steps.len() == 1 && ph.effort == 4)
        );
    }

    #[test]
    fn each_step_takes_its_own_effort_where_the_question_gives_efforts() {
        let i = instrument_with(
            "",
            &[(
                "a.two",
                "efforts = [\"low\", \"medium\", \"high\", \"high\"]",
            )],
        );
        let c = card(&i, &[("a.two", target(0.0, 3.0))]);
        let p = plan(&c, &i, day("2026-01-01"));
        let efforts: Vec<(Effort, u32)> = p.steps().map(|(_, s)| (s.effort, s.points)).collect();
        assert_eq!(
            efforts,
            [(Effort::Low, 1), (Effort::Medium, 2), (Effort::High, 4)]
        );
    }

    #[test]
    fn a_step_comes_after_the_step_that_brings_its_prerequisite_there() {
        // b.two needs a.three at the level each of its steps reaches: with
        // a.three first in priority order, and with a.three after it (its
        // steps are then placed before b.two's, at b.two's priority).
        let i = instrument_with("", &[("b.two", "requires = [\"a.three\"]")]);
        let c = card(
            &i,
            &[("b.two", target(0.0, 2.0)), ("a.three", target(0.0, 2.0))],
        );
        let c2 = card(
            &i,
            &[("b.two", target(0.0, 3.0)), ("a.three", target(1.0, 3.0))],
        );
        for c in [c, c2] {
            let p = plan(&c, &i, day("2026-01-01"));
            for (n, s) in p.steps().filter(|(_, s)| s.question == "b.two") {
                let r = &s.requires[0];
                assert_eq!((r.question.as_str(), r.level), ("a.three", s.to));
                if r.met {
                    assert_eq!(r.step, None);
                    continue;
                }
                let need = r.step.as_deref().unwrap();
                assert_eq!(need, format!("a.three:{}", fmt_num(s.to)));
                assert!(phase_of(&p, need) < n, "{:?}", placed(&p));
                assert_eq!(r.phase, Some(phase_of(&p, need)));
                assert!(r.reached);
            }
        }
    }

    #[test]
    fn a_prerequisite_at_a_level_holds_every_step_and_says_when_the_plan_stops_short() {
        let i = instrument_with(
            "",
            &[(
                "b.two",
                "requires = [{ question = \"a.three\", level = 3 }]",
            )],
        );
        // a.three's target is 2: the plan stops it below the level needed,
        // so b.two waits for a.three's last step and says it is not reached.
        let c = card(
            &i,
            &[("b.two", target(1.0, 3.0)), ("a.three", target(1.0, 2.0))],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        let last = phase_of(&p, "a.three:2");
        for (n, s) in p.steps().filter(|(_, s)| s.question == "b.two") {
            let r = &s.requires[0];
            assert_eq!(r.level, 3.0);
            assert_eq!(r.step.as_deref(), Some("a.three:2"));
            assert!(!r.reached && !r.met);
            assert!(n > last);
        }
        // Already at the level: met, and nothing to wait for.
        let c = card(
            &i,
            &[("b.two", target(1.0, 2.0)), ("a.three", target(3.0, 3.0))],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        let (n, s) = p.steps().next().unwrap();
        assert_eq!(
            (n, s.requires[0].met, s.requires[0].step.as_deref()),
            (1, true, None)
        );
    }

    #[test]
    fn a_quick_win_with_an_open_prerequisite_waits_for_it() {
        let i = instrument_with("", &[("a.one", "requires = [\"b.two\"]")]);
        let c = card(
            &i,
            &[("a.one", target(2.0, 3.0)), ("b.two", target(1.0, 3.0))],
        );
        assert_eq!(c.quick_wins, ["a.one"]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert!(
            phase_of(&p, "a.one:3") > phase_of(&p, "b.two:3"),
            "{:?}",
            placed(&p)
        );
    }

    #[test]
    fn acceptance_is_the_accepted_text_where_the_questionnaire_gives_one() {
        let i = instrument_with(
            "",
            &[(
                "a.two",
                "accepted = [\"reached one\", \"reached two\", \"reached three\", \"reached four\"]",
            )],
        );
        let c = card(
            &i,
            &[("a.two", target(1.0, 3.0)), ("a.three", target(1.0, 2.0))],
        );
        let p = plan(&c, &i, day("2026-01-01"));
        let accepted: Vec<(&str, &str)> = p
            .steps()
            .map(|(_, s)| (s.id.as_str(), s.acceptance.as_str()))
            .collect();
        assert!(accepted.contains(&("a.two:2", "reached two")));
        assert!(accepted.contains(&("a.two:3", "reached three")));
        // Without `accepted`, the descriptor of the level reached.
        assert!(accepted.contains(&("a.three:2", "a.three L2")));
    }

    #[test]
    fn every_step_says_which_target_it_serves_and_who_set_it() {
        let i = instrument("");
        let c = card(&i, &[("a.two", Answer::level(3.0))]);
        let p = plan(&c, &i, day("2026-01-01"));
        let s = p.steps().next().unwrap().1;
        assert_eq!(
            s.relevant,
            "T a.two at 4 Four: the rubric's default target; Area a falls 1.00 short of its target of 4.00 on average."
        );
        let vs = Source::new(
            "v.toml",
            "questionnaire = \"q\"\ntitle = \"North star\"\n[targets.areas]\nb = 3\n[targets.questions]\n\"a.two\" = 4\n",
            Format::Toml,
        );
        let v = crate::model::Vision::load(&vs, &i).unwrap();
        let a = |id: &str, x: f64| (id.to_string(), Answer::level(x));
        let mut answers = Answers::new(Assessment {
            questionnaire: "q".into(),
            ..Assessment::default()
        });
        for (id, ans) in [a("a.two", 3.0), a("b.one", 2.0)] {
            answers.set(&id, ans);
        }
        answers.set("a.three", target(1.0, 2.0));
        let c = score(&i, &answers, Some(&v), AssessmentInfo::default());
        let p = plan_for(&c, &i, Some(&v), day("2026-01-01"));
        let of = |q: &str| {
            p.steps()
                .find(|(_, s)| s.question == q)
                .map(|(_, s)| s.relevant.split(';').next().unwrap_or_default().to_string())
                .unwrap()
        };
        assert_eq!(
            of("a.two"),
            "T a.two at 4 Four: the target the vision \"North star\" sets for this question"
        );
        assert_eq!(
            of("b.one"),
            "T b.one at 3 Three: the target the vision \"North star\" sets for the Area b area"
        );
        assert_eq!(
            of("a.three"),
            "T a.three at 2 Two: the target given in the answers"
        );
    }

    #[test]
    fn step_ids_name_the_question_and_the_level_reached() {
        let i = instrument("");
        let c = card(&i, &[("a.two", target(1.5, 2.5))]);
        let p = plan(&c, &i, day("2026-01-01"));
        assert_eq!(placed(&p), [(1, "a.two:2".into()), (2, "a.two:3".into())]);
        assert!(
            p.steps()
                .all(|(_, s)| s.status == StepStatus::Planned && s.reason.is_none())
        );
    }
}
