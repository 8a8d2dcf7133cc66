//! The improvement plan: a scorecard's gaps as a phased roadmap of SMART
//! steps, one scale level at a time. Pure computation.
//!
//! The rules:
//! - A question that falls short of its target becomes one step per scale
//!   level, from the highest scale level at or below its current value up to
//!   the first scale level at or above its target. Each step of a question
//!   lies in a later phase than the step before it.
//! - Phase 1 holds the first step of every quick win, even beyond the
//!   rubric's `max_steps_per_phase`: results shown early keep people
//!   motivated and win sceptics over, so no quick win waits. Quick wins
//!   count toward phase 1's room, so other steps only get into phase 1
//!   while it has room left.
//! - Every other step follows priority order (questions by priority, each
//!   question's steps in level order) into the earliest phase that has room
//!   and lies after the phase of the question's previous step.
//! - A step that fits in no phase of the rubric's goes to a phase added
//!   after them (of the last phase's length), so every step has a due date:
//!   no undated backlog. A plan has at most [`limits::MAX_PHASES`] phases;
//!   the last takes what is left.
//! - Phase k is due at the start date plus the lengths of phases 1 to k;
//!   its steps are due then, and so is its check: re-assess, compare, act.
//! - Each phase carries the scores projected for when its steps and those
//!   before are done, by the report's own scoring.

use schemars::JsonSchema;
use serde::Serialize;

use crate::limits;
use crate::model::instrument::EPSILON;
use crate::model::{Date, Instrument, Question};
use crate::score::{AssessmentInfo, QuestionScore, QuestionnaireInfo, Scorecard};

/// A phased improvement plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Plan {
    pub questionnaire: QuestionnaireInfo,
    pub assessment: AssessmentInfo,
    /// The day the first phase begins.
    pub start: Date,
    /// Every step is in a phase: phases are added to the rubric's until
    /// each step has a place and a due date.
    pub phases: Vec<Phase>,
}

/// One phase of the plan: a time box with its steps.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Phase {
    /// 1 for the first phase.
    pub number: usize,
    pub days: u32,
    pub starts: Date,
    pub due: Date,
    pub steps: Vec<Step>,
    /// The scores if every step of this phase and the ones before is done.
    pub projected: Projected,
    /// The check that ends the phase: re-assess, compare, act.
    pub check: Check,
}

/// The scores the answers would give with every step so far done,
/// computed by the same scoring as the report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Projected {
    pub overall: Option<f64>,
    pub percent_to_target: Option<f64>,
    pub areas: Vec<ProjectedArea>,
}

/// One area's projected current level.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ProjectedArea {
    pub id: String,
    pub current: Option<f64>,
}

/// The dated check at the end of a phase (plan-do-check-act).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Check {
    pub due: Date,
    /// What to do on that day.
    pub what: String,
}

/// One SMART objective: raise one question by one scale level.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Step {
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
    /// The question's descriptor of the level reached: the acceptance criterion.
    pub acceptance: String,
    pub priority: f64,
    pub quick_win: bool,
    /// The due date of the step's phase.
    pub due: Option<Date>,
    /// Who owns the step (the vision's `owners`); none until one is named.
    pub owner: Option<String>,
}

impl Plan {
    /// Names each step's owner from the vision's `owners`: the question's,
    /// else its area's.
    pub fn assign_owners(&mut self, owners: &indexmap::IndexMap<String, String>) {
        for s in self.phases.iter_mut().flat_map(|p| p.steps.iter_mut()) {
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
}

/// Builds the plan for a scorecard, starting on `start`.
pub fn plan(card: &Scorecard, instrument: &Instrument, start: Date) -> Plan {
    let rules = &instrument.rubric.plan;
    let count = rules.phases.max(1);
    let room = rules.max_steps_per_phase.max(1);

    // Each falling-short question's steps, in priority order.
    let chains: Vec<(bool, Vec<Step>)> = card
        .priorities
        .iter()
        .filter_map(|id| card.question(id))
        .filter_map(|q| {
            let (_, question) = instrument.question(&q.id)?;
            Some((q.quick_win, steps(instrument, card, q, question)))
        })
        .filter(|(_, steps)| !steps.is_empty())
        .collect();

    let mut phases: Vec<Vec<Step>> = vec![Vec::new(); count];
    // The phase (index) of each chain's last placed step.
    let mut placed: Vec<Option<usize>> = vec![None; chains.len()];
    let mut rest: Vec<std::vec::IntoIter<Step>> = Vec::with_capacity(chains.len());
    for (i, (quick_win, steps)) in chains.into_iter().enumerate() {
        let mut steps = steps.into_iter();
        if quick_win && let Some(first) = steps.next() {
            phases[0].push(first);
            placed[i] = Some(0);
        }
        rest.push(steps);
    }
    for (mut after, steps) in placed.into_iter().zip(rest) {
        for step in steps {
            let from = after.map_or(0, |p| p + 1);
            // The earliest phase with room after the step before; phases
            // are added until every step has a place (and a due date), up to
            // the most phases a plan may have, whose last takes the rest.
            let p = match (from..phases.len()).find(|&p| phases[p].len() < room) {
                Some(p) => p,
                None if phases.len() < limits::MAX_PHASES => {
                    phases.push(Vec::new());
                    phases.len() - 1
                }
                None => phases.len() - 1,
            };
            phases[p].push(step);
            after = Some(p);
        }
    }

    let mut ends = start;
    // The level each question reaches once the phases so far are done.
    let mut reached: std::collections::HashMap<String, f64> = std::collections::HashMap::new();
    let phases = phases
        .into_iter()
        .enumerate()
        .map(|(i, mut steps)| {
            let number = i + 1;
            let days = rules.days(number);
            let starts = ends;
            ends = starts.plus_days(u64::from(days));
            for s in &mut steps {
                s.due = Some(ends);
                let level = reached.entry(s.question.clone()).or_insert(s.to);
                *level = level.max(s.to);
            }
            Phase {
                number,
                days,
                starts,
                due: ends,
                steps,
                projected: project(card, instrument, &reached),
                check: Check {
                    due: ends,
                    what: format!(
                        "Check on {ends}: re-assess (itsm-assess run, or the same survey again), compare with the assessment before (itsm-assess compare BEFORE AFTER), and act on the steps that did not reach their level before phase {} starts.",
                        number + 1
                    ),
                },
            }
        })
        .collect();

    Plan {
        questionnaire: card.questionnaire.clone(),
        assessment: card.assessment.clone(),
        start,
        phases,
    }
}

/// The scores of the card's answers with each question in `reached` raised
/// to its level there, by the report's own scoring: targets as they were.
fn project(
    card: &Scorecard,
    instrument: &Instrument,
    reached: &std::collections::HashMap<String, f64>,
) -> Projected {
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
    (low..high)
        .map(|k| Step {
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
            acceptance: question.levels.get(k + 1).cloned().unwrap_or_default(),
            priority: q.priority.unwrap_or(0.0),
            quick_win: q.quick_win,
            due: None,
            owner: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Answers, Assessment, Questionnaire, Rubric};
    use crate::score::{AssessmentInfo, score};
    use crate::source::{Format, Source};

    /// Five questions on a 0-4 scale; "low" effort ones can be quick wins.
    fn questionnaire() -> String {
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
            }
        }
        q
    }

    fn instrument(plan_rules: &str) -> Instrument {
        let mut r = String::from("id = \"r\"\nquestionnaire = \"q\"\n");
        for (v, l) in ["Zero", "One", "Two", "Three", "Four"].iter().enumerate() {
            r.push_str(&format!("[[level]]\nvalue = {v}\nlabel = \"{l}\"\n"));
        }
        r.push_str("[[band]]\nmin = 0\nname = \"Low\"\n[targets]\ndefault = 4\n");
        r.push_str(plan_rules);
        let qs = Source::new("q.toml", questionnaire(), Format::Toml);
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
}
