//! Property tests of the scoring and aggregation invariants.
//!
//! Every case is a random but valid instrument (scale, areas, questions,
//! efforts, weights, targets, bands, gap and plan rules), an optional vision
//! and a team of respondents. All of it is written as TOML text and read
//! through the real loaders, so the loaders are exercised too.
//!
//! Run more cases with `PROPTEST_CASES=10000 cargo test --test properties`.

use itsm_assess::compare::{Order, compare};
use itsm_assess::model::answers::toml_str;
use itsm_assess::model::{
    Answer, Answers, Date, Instrument, Questionnaire, Response, Rubric, Vision,
};
use itsm_assess::plan::plan;
use itsm_assess::render::{self, ReportFormat, Style};
use itsm_assess::score::{AssessmentInfo, Scorecard, Status, figures, score};
use itsm_assess::source::{Format, Source};
use itsm_assess::team::{Aggregate, Tally};
use proptest::prelude::*;
use proptest::sample::Index;

/// The most areas, and questions per area, an instrument has.
const MAX_AREAS: usize = 4;
const MAX_QUESTIONS: usize = 4;
const MAX_TOTAL: usize = MAX_AREAS * MAX_QUESTIONS;

/// Where a scale starts and how far apart its levels are: offsets below
/// zero, fractions, and steps that are not exact in binary (0.1).
const STARTS: [f64; 7] = [-5.0, -1.0, -0.5, 0.0, 0.25, 1.0, 10.0];
const STEPS: [f64; 5] = [0.1, 0.25, 0.5, 1.0, 2.5];

/// Titles that the renderers must escape or quote.
const TITLES: [&str; 6] = [
    "Processes",
    "Tools & <data>",
    "Pipe | in \"quotes\"",
    "=SUM(A1)",
    "*Stars* _and_ `ticks`",
    "Ünïcode — ✓",
];

const ROLES: [&str; 5] = ["Manager", "manager", "Agent", " Ops lead ", ""];
const ORGANIZATIONS: [&str; 2] = ["Acme", "Globex"];
const EFFORTS: [&str; 3] = ["low", "medium", "high"];

/// How far two computations of the same number may drift apart.
fn tolerance(lo: f64, hi: f64) -> f64 {
    1e-9 * lo.abs().max(hi.abs()).max(1.0)
}

/// A target: a level of the scale, or any point of its range (a fraction
/// from the bottom to the top).
#[derive(Debug, Clone)]
enum TargetSpec {
    Level(Index),
    Within(f64),
}

fn target_spec() -> impl Strategy<Value = TargetSpec> {
    prop_oneof![
        any::<Index>().prop_map(TargetSpec::Level),
        (0.0..=1.0f64).prop_map(TargetSpec::Within),
    ]
}

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.5), Just(1.0), Just(3.0), 0.01..100.0f64]
}

#[derive(Debug, Clone)]
struct QuestionSpec {
    effort: &'static str,
    weight: Option<f64>,
    target: Option<TargetSpec>,
    actions: bool,
}

#[derive(Debug, Clone)]
struct AreaSpec {
    title: &'static str,
    weight: Option<f64>,
    target: Option<TargetSpec>,
    questions: Vec<QuestionSpec>,
}

/// Targets for the vision: a default, and one per area and question slot.
#[derive(Debug, Clone)]
struct TargetsSpec {
    default: Option<TargetSpec>,
    areas: Vec<Option<TargetSpec>>,
    questions: Vec<Option<TargetSpec>>,
}

#[derive(Debug, Clone)]
struct InstrumentSpec {
    start: f64,
    steps: Vec<f64>,
    areas: Vec<AreaSpec>,
    default_target: Option<TargetSpec>,
    /// Band starts above the bottom of the scale, as fractions of its range.
    bands: Vec<f64>,
    critical: f64,
    quick_win_max_gap: f64,
    quick_win_max_effort: &'static str,
    disagreement: f64,
    phases: usize,
    phase_days: Vec<u32>,
    max_steps: Option<usize>,
    effort_per_phase: u32,
}

fn question_spec() -> impl Strategy<Value = QuestionSpec> {
    (
        prop::sample::select(&EFFORTS[..]),
        prop::option::weighted(0.3, weight()),
        prop::option::weighted(0.3, target_spec()),
        any::<bool>(),
    )
        .prop_map(|(effort, weight, target, actions)| QuestionSpec {
            effort,
            weight,
            target,
            actions,
        })
}

fn area_spec() -> impl Strategy<Value = AreaSpec> {
    (
        prop::sample::select(&TITLES[..]),
        prop::option::weighted(0.3, weight()),
        prop::option::weighted(0.3, target_spec()),
        prop::collection::vec(question_spec(), 1..=MAX_QUESTIONS),
    )
        .prop_map(|(title, weight, target, questions)| AreaSpec {
            title,
            weight,
            target,
            questions,
        })
}

fn instrument_spec() -> impl Strategy<Value = InstrumentSpec> {
    (
        prop::sample::select(&STARTS[..]),
        prop::collection::vec(prop::sample::select(&STEPS[..]), 1..=5),
        prop::collection::vec(area_spec(), 1..=MAX_AREAS),
        prop::option::weighted(0.5, target_spec()),
        prop::collection::vec(0.01..=1.0f64, 0..=3),
        (
            0.05..5.0f64,
            0.0..3.0f64,
            prop::sample::select(&EFFORTS[..]),
        ),
        0.05..5.0f64,
        (
            1..=5usize,
            prop::collection::vec(prop_oneof![4 => 1..=120u32, 1 => Just(u32::MAX)], 1..=3),
            (prop::option::of(1..=6usize), 1..=12u32),
        ),
    )
        .prop_map(
            |(
                start,
                steps,
                areas,
                default_target,
                bands,
                (critical, quick_win_max_gap, quick_win_max_effort),
                disagreement,
                (phases, phase_days, (max_steps, effort_per_phase)),
            )| InstrumentSpec {
                start,
                steps,
                areas,
                default_target,
                bands,
                critical,
                quick_win_max_gap,
                quick_win_max_effort,
                disagreement,
                phases,
                phase_days,
                max_steps,
                effort_per_phase,
            },
        )
}

fn targets_spec() -> impl Strategy<Value = TargetsSpec> {
    (
        prop::option::weighted(0.5, target_spec()),
        prop::collection::vec(prop::option::weighted(0.3, target_spec()), MAX_AREAS),
        prop::collection::vec(prop::option::weighted(0.3, target_spec()), MAX_TOTAL),
    )
        .prop_map(|(default, areas, questions)| TargetsSpec {
            default,
            areas,
            questions,
        })
}

/// A number as TOML reads it back exactly (Rust prints the shortest
/// decimal that round-trips, without an exponent).
fn num(v: f64) -> String {
    format!("{v}")
}

fn area_id(a: usize) -> String {
    format!("a{a}")
}

fn question_id(a: usize, q: usize) -> String {
    format!("a{a}.q{q}")
}

impl InstrumentSpec {
    fn scale(&self) -> Vec<f64> {
        let mut values = vec![self.start];
        for step in &self.steps {
            values.push(values[values.len() - 1] + step);
        }
        values
    }

    fn range(&self) -> (f64, f64) {
        let scale = self.scale();
        (scale[0], scale[scale.len() - 1])
    }

    fn target(&self, t: &TargetSpec) -> f64 {
        let scale = self.scale();
        let (lo, hi) = self.range();
        match t {
            TargetSpec::Level(i) => scale[i.index(scale.len())],
            TargetSpec::Within(f) => (lo + f * (hi - lo)).clamp(lo, hi),
        }
    }

    /// Question ids, by area.
    fn ids(&self) -> Vec<(String, Vec<String>)> {
        self.areas
            .iter()
            .enumerate()
            .map(|(a, area)| {
                let qs = (0..area.questions.len())
                    .map(|q| question_id(a, q))
                    .collect();
                (area_id(a), qs)
            })
            .collect()
    }

    fn questionnaire_toml(&self) -> String {
        let n = self.scale().len();
        let mut out =
            String::from("id = \"p\"\ntitle = \"Property <q> & co\"\nversion = \"1.0\"\n");
        for (a, area) in self.areas.iter().enumerate() {
            out.push_str(&format!(
                "\n[[area]]\nid = \"{}\"\ntitle = {}\n",
                area_id(a),
                toml_str(area.title)
            ));
            for (q, question) in area.questions.iter().enumerate() {
                let levels: Vec<String> = (0..n)
                    .map(|i| toml_str(&format!("Level {i} of | {}", question_id(a, q))))
                    .collect();
                out.push_str(&format!(
                    "[[area.question]]\nid = \"{}\"\ntitle = {}\ntext = \"How is it?\"\neffort = \"{}\"\nkpi = \"share done\"\nlevels = [{}]\n",
                    question_id(a, q),
                    toml_str(TITLES[(a + q) % TITLES.len()]),
                    question.effort,
                    levels.join(", ")
                ));
                if question.actions {
                    let actions: Vec<String> = (1..n)
                        .map(|i| toml_str(&format!("-step {i}, \"up\"")))
                        .collect();
                    out.push_str(&format!("actions = [{}]\n", actions.join(", ")));
                }
            }
        }
        out
    }

    fn rubric_toml(&self) -> String {
        let (lo, hi) = self.range();
        let mut out = String::from("id = \"r\"\nquestionnaire = \"p\"\n");
        for (i, v) in self.scale().iter().enumerate() {
            out.push_str(&format!(
                "[[level]]\nvalue = {}\nlabel = \"L{i}\"\n",
                num(*v)
            ));
        }
        let mut mins = vec![lo];
        let mut fractions = self.bands.clone();
        fractions.sort_by(f64::total_cmp);
        for f in fractions {
            let min = lo + f * (hi - lo);
            if min > mins[mins.len() - 1] {
                mins.push(min);
            }
        }
        for (i, min) in mins.iter().enumerate() {
            out.push_str(&format!(
                "[[band]]\nmin = {}\nname = \"Band {i}\"\n",
                num(*min)
            ));
        }
        out.push_str("[weights.areas]\n");
        for (a, area) in self.areas.iter().enumerate() {
            if let Some(w) = area.weight {
                out.push_str(&format!("{} = {}\n", area_id(a), num(w)));
            }
        }
        out.push_str("[weights.questions]\n");
        for (a, area) in self.areas.iter().enumerate() {
            for (q, question) in area.questions.iter().enumerate() {
                if let Some(w) = question.weight {
                    out.push_str(&format!("\"{}\" = {}\n", question_id(a, q), num(w)));
                }
            }
        }
        out.push_str("[targets]\n");
        if let Some(t) = &self.default_target {
            out.push_str(&format!("default = {}\n", num(self.target(t))));
        }
        out.push_str("[targets.areas]\n");
        for (a, area) in self.areas.iter().enumerate() {
            if let Some(t) = &area.target {
                out.push_str(&format!("{} = {}\n", area_id(a), num(self.target(t))));
            }
        }
        out.push_str("[targets.questions]\n");
        for (a, area) in self.areas.iter().enumerate() {
            for (q, question) in area.questions.iter().enumerate() {
                if let Some(t) = &question.target {
                    let v = num(self.target(t));
                    out.push_str(&format!("\"{}\" = {v}\n", question_id(a, q)));
                }
            }
        }
        out.push_str(&format!(
            "[gap]\ncritical = {}\nquick_win_max_gap = {}\nquick_win_max_effort = \"{}\"\ndisagreement = {}\n",
            num(self.critical),
            num(self.quick_win_max_gap),
            self.quick_win_max_effort,
            num(self.disagreement)
        ));
        let days: Vec<String> = self.phase_days.iter().map(u32::to_string).collect();
        out.push_str(&format!(
            "[plan]\nphases = {}\nphase_days = [{}]\neffort_per_phase = {}\n{}",
            self.phases,
            days.join(", "),
            self.effort_per_phase,
            self.max_steps
                .map(|m| format!("max_steps_per_phase = {m}\n"))
                .unwrap_or_default()
        ));
        out
    }

    fn vision_toml(&self, t: &TargetsSpec) -> String {
        let mut out = String::from("questionnaire = \"p\"\ntitle = \"Where we go\"\n[targets]\n");
        if let Some(d) = &t.default {
            out.push_str(&format!("default = {}\n", num(self.target(d))));
        }
        out.push_str("[targets.areas]\n");
        for (a, spec) in self.areas.iter().zip(&t.areas).enumerate() {
            if let (_, Some(target)) = spec {
                out.push_str(&format!("{} = {}\n", area_id(a), num(self.target(target))));
            }
        }
        out.push_str("[targets.questions]\n");
        let ids = self.ids().into_iter().flat_map(|(_, qs)| qs);
        for (id, target) in ids.zip(&t.questions) {
            if let Some(target) = target {
                out.push_str(&format!("\"{id}\" = {}\n", num(self.target(target))));
            }
        }
        out
    }
}

/// What one respondent says about one question.
#[derive(Debug, Clone)]
enum ResponseSpec {
    Level(Index),
    NotApplicable,
    Unanswered,
}

#[derive(Debug, Clone)]
struct AnswerSpec {
    response: ResponseSpec,
    /// Write the level's label instead of its value.
    by_label: bool,
    target: Option<TargetSpec>,
    note: Option<String>,
}

#[derive(Debug, Clone)]
struct RespondentSpec {
    role: Option<&'static str>,
    organization: Option<&'static str>,
    /// Days after 2024-01-01.
    date: Option<u16>,
    /// One per question slot; the questions an instrument has take theirs
    /// in questionnaire order.
    answers: Vec<AnswerSpec>,
}

fn answer_spec() -> impl Strategy<Value = AnswerSpec> {
    (
        prop_oneof![
            6 => any::<Index>().prop_map(ResponseSpec::Level),
            1 => Just(ResponseSpec::NotApplicable),
            1 => Just(ResponseSpec::Unanswered),
        ],
        any::<bool>(),
        prop::option::weighted(0.2, target_spec()),
        prop::option::weighted(0.2, "[a-z0-9 ,;|<>&*_#'\"\\n=+-]{0,16}"),
    )
        .prop_map(|(response, by_label, target, note)| AnswerSpec {
            response,
            by_label,
            target,
            note,
        })
}

fn respondent_spec() -> impl Strategy<Value = RespondentSpec> {
    (
        prop::option::weighted(0.8, prop::sample::select(&ROLES[..])),
        prop::option::weighted(0.5, prop::sample::select(&ORGANIZATIONS[..])),
        prop::option::weighted(0.7, 0..1500u16),
        prop::collection::vec(answer_spec(), MAX_TOTAL),
    )
        .prop_map(|(role, organization, date, answers)| RespondentSpec {
            role,
            organization,
            date,
            answers,
        })
}

fn date(days: u16) -> Date {
    Date::parse("2024-01-01")
        .expect("a valid date")
        .plus_days(u64::from(days))
}

impl RespondentSpec {
    fn answers_toml(&self, spec: &InstrumentSpec, name: usize) -> String {
        let scale = spec.scale();
        let mut out =
            format!("[assessment]\nquestionnaire = \"p\"\nrespondent = \"Person {name}\"\n");
        if let Some(role) = self.role {
            out.push_str(&format!("role = {}\n", toml_str(role)));
        }
        if let Some(org) = self.organization {
            out.push_str(&format!("organization = {}\n", toml_str(org)));
        }
        if let Some(days) = self.date {
            out.push_str(&format!("date = {}\n", date(days)));
        }
        out.push_str("[answers]\n");
        let ids = spec.ids().into_iter().flat_map(|(_, qs)| qs);
        for (id, answer) in ids.zip(&self.answers) {
            let current = match &answer.response {
                ResponseSpec::Level(i) => {
                    let i = i.index(scale.len());
                    Some(if answer.by_label {
                        format!("\"l{i}\"")
                    } else {
                        num(scale[i])
                    })
                }
                ResponseSpec::NotApplicable => Some("\"N/A\"".to_string()),
                ResponseSpec::Unanswered => None,
            };
            let mut fields = Vec::new();
            if let Some(c) = current {
                fields.push(format!("current = {c}"));
            }
            if let Some(t) = &answer.target {
                fields.push(format!("target = {}", num(spec.target(t))));
            }
            if let Some(note) = &answer.note {
                fields.push(format!("note = {}", toml_str(note)));
            }
            if !fields.is_empty() {
                out.push_str(&format!("\"{id}\" = {{ {} }}\n", fields.join(", ")));
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
struct CaseSpec {
    instrument: InstrumentSpec,
    vision: Option<TargetsSpec>,
    people: Vec<RespondentSpec>,
}

fn case_spec() -> impl Strategy<Value = CaseSpec> {
    (
        instrument_spec(),
        prop::option::weighted(0.4, targets_spec()),
        prop::collection::vec(respondent_spec(), 1..=6),
    )
        .prop_map(|(instrument, vision, people)| CaseSpec {
            instrument,
            vision,
            people,
        })
}

/// A case read through the loaders.
struct Case {
    instrument: Instrument,
    vision: Option<Vision>,
    people: Vec<Answers>,
    lo: f64,
    hi: f64,
}

impl CaseSpec {
    fn load(&self) -> Case {
        let spec = &self.instrument;
        let qs = Source::new("q.toml", spec.questionnaire_toml(), Format::Toml);
        let rs = Source::new("r.toml", spec.rubric_toml(), Format::Toml);
        let questionnaire = Questionnaire::parse(&qs)
            .unwrap_or_else(|e| panic!("questionnaire refused: {e}\n{}", qs.text));
        let rubric =
            Rubric::parse(&rs).unwrap_or_else(|e| panic!("rubric refused: {e}\n{}", rs.text));
        let instrument = Instrument::new(questionnaire, &qs, rubric, &rs)
            .unwrap_or_else(|e| panic!("instrument refused: {e}\n{}\n{}", qs.text, rs.text));
        let vision = self.vision.as_ref().map(|t| {
            let vs = Source::new("v.toml", spec.vision_toml(t), Format::Toml);
            Vision::load(&vs, &instrument)
                .unwrap_or_else(|e| panic!("vision refused: {e}\n{}", vs.text))
        });
        let people = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let text = p.answers_toml(spec, i);
                Answers::from_text("a.toml", &text, Format::Toml, &instrument)
                    .unwrap_or_else(|e| panic!("answers refused: {e}\n{text}"))
            })
            .collect();
        let (lo, hi) = spec.range();
        Case {
            instrument,
            vision,
            people,
            lo,
            hi,
        }
    }
}

impl Case {
    fn card(&self, answers: &Answers) -> Scorecard {
        score(
            &self.instrument,
            answers,
            self.vision.as_ref(),
            AssessmentInfo::default(),
        )
    }

    fn tally(&self, people: &[Answers]) -> Tally {
        let mut t = Tally::new(&self.instrument);
        for p in people {
            t.add(&self.instrument, p);
        }
        t
    }

    fn team(&self, people: &[Answers], how: Aggregate) -> Scorecard {
        self.tally(people).finish(
            &self.instrument,
            self.vision.as_ref(),
            how,
            AssessmentInfo::default(),
        )
    }

    fn question_ids(&self) -> Vec<String> {
        self.instrument
            .questionnaire
            .questions()
            .map(|(_, q)| q.id.clone())
            .collect()
    }

    fn level(&self, i: usize) -> f64 {
        self.instrument.scale()[i].value
    }

    /// `answers` with one question's response replaced, keeping its own
    /// target and note.
    fn with_response(&self, answers: &Answers, id: &str, response: Response) -> Answers {
        let mut changed = answers.clone();
        let old = answers.get(id).cloned();
        changed.set(
            id,
            Answer {
                response,
                target: old.as_ref().and_then(|a| a.target),
                note: old.and_then(|a| a.note),
            },
        );
        changed
    }
}

fn within(what: &str, v: Option<f64>, lo: f64, hi: f64) -> Result<(), TestCaseError> {
    let tol = tolerance(lo, hi);
    if let Some(v) = v {
        prop_assert!(
            v.is_finite() && v >= lo - tol && v <= hi + tol,
            "{what} = {v} is outside the scale [{lo}, {hi}]"
        );
    }
    Ok(())
}

/// A gap is a target minus a current, both on the scale, so it is at most
/// the scale's span either way.
fn gap_within(what: &str, v: Option<f64>, lo: f64, hi: f64) -> Result<(), TestCaseError> {
    let tol = tolerance(lo, hi);
    if let Some(v) = v {
        prop_assert!(
            v.is_finite() && v.abs() <= hi - lo + tol,
            "{what} = {v} is larger than the scale's span {}",
            hi - lo
        );
    }
    Ok(())
}

fn card_within(card: &Scorecard, lo: f64, hi: f64) -> Result<(), TestCaseError> {
    for q in &card.questions {
        within(&format!("question {} current", q.id), q.current, lo, hi)?;
        within(&format!("question {} target", q.id), q.target, lo, hi)?;
        gap_within(&format!("question {} gap", q.id), q.gap, lo, hi)?;
        if let Some(s) = q.spread {
            within(&format!("question {} spread min", q.id), s.min, lo, hi)?;
            within(&format!("question {} spread max", q.id), s.max, lo, hi)?;
            if let Some(sd) = s.stdev {
                prop_assert!(sd >= 0.0 && sd <= (hi - lo) / 2.0 + tolerance(lo, hi));
            }
        }
    }
    for a in &card.areas {
        within(&format!("area {} current", a.id), a.current, lo, hi)?;
        within(&format!("area {} target", a.id), a.target, lo, hi)?;
        gap_within(&format!("area {} gap", a.id), a.gap, lo, hi)?;
        // The first band starts at the bottom of the scale: every score has one.
        prop_assert_eq!(a.current.is_some(), a.band.is_some());
    }
    let o = &card.overall;
    within("overall current", o.current, lo, hi)?;
    within("overall target", o.target, lo, hi)?;
    gap_within("overall gap", o.gap, lo, hi)?;
    prop_assert_eq!(o.current.is_some(), o.band.is_some());
    for role in card.roles.iter().flatten() {
        for a in &role.areas {
            within(
                &format!("role {} area {}", role.role, a.id),
                a.current,
                lo,
                hi,
            )?;
        }
    }
    for g in card.perception_gaps.iter().flatten() {
        within("perception gap highest", Some(g.highest.current), lo, hi)?;
        within("perception gap lowest", Some(g.lowest.current), lo, hi)?;
        prop_assert!(g.gap > 0.0 && g.gap <= hi - lo + tolerance(lo, hi));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every score stays on the scale: question, area and overall currents
    /// and targets lie within [min, max] and gaps within the scale's span,
    /// for each respondent and for the team by mean and by median (with a
    /// tolerance of a few float rounding steps).
    #[test]
    fn scores_stay_within_the_scale(case in case_spec()) {
        let c = case.load();
        for person in &c.people {
            card_within(&c.card(person), c.lo, c.hi)?;
        }
        for how in [Aggregate::Mean, Aggregate::Median] {
            card_within(&c.team(&c.people, how), c.lo, c.hi)?;
        }
    }

    /// Raising one answer to a higher scale level never lowers its area's
    /// current nor the overall current: not for the respondent, and not for
    /// the team by mean or by median.
    #[test]
    fn raising_one_answer_never_lowers_its_area_or_the_overall(
        case in case_spec(),
        who in any::<Index>(),
        which in any::<Index>(),
        from in any::<Index>(),
        up in any::<Index>(),
    ) {
        let c = case.load();
        let ids = c.question_ids();
        let id = &ids[which.index(ids.len())];
        let (area, _) = c.instrument.question(id).expect("a known question");
        let n = c.instrument.scale().len();
        let low = from.index(n - 1);
        let high = low + 1 + up.index(n - 1 - low);
        let p = who.index(c.people.len());
        let before = c.with_response(&c.people[p], id, Response::Level(c.level(low)));
        let after = c.with_response(&c.people[p], id, Response::Level(c.level(high)));
        let tol = tolerance(c.lo, c.hi);

        let mut pairs = vec![(c.card(&before), c.card(&after))];
        for how in [Aggregate::Mean, Aggregate::Median] {
            let mut team_before = c.people.clone();
            team_before[p] = before.clone();
            let mut team_after = c.people.clone();
            team_after[p] = after.clone();
            pairs.push((c.team(&team_before, how), c.team(&team_after, how)));
        }
        for (b, a) in pairs {
            let area_before = b.area(&area.id).and_then(|s| s.current).expect("answered");
            let area_after = a.area(&area.id).and_then(|s| s.current).expect("answered");
            prop_assert!(
                area_after >= area_before - tol,
                "area {} fell from {} to {}", area.id, area_before, area_after
            );
            let overall_before = b.overall.current.expect("answered");
            let overall_after = a.overall.current.expect("answered");
            prop_assert!(
                overall_after >= overall_before - tol,
                "overall fell from {} to {}", overall_before, overall_after
            );
        }
    }

    /// The order in which respondents arrive never changes a team result.
    /// The tally keeps counts per scale level and sums them in scale order,
    /// so even the mean is the same to the last bit: both aggregations are
    /// compared exactly.
    #[test]
    fn order_of_respondents_never_changes_a_team_result(
        (case, order) in case_spec().prop_flat_map(|case| {
            let order: Vec<usize> = (0..case.people.len()).collect();
            (Just(case), Just(order).prop_shuffle())
        }),
    ) {
        let c = case.load();
        let shuffled: Vec<Answers> = order.iter().map(|&i| c.people[i].clone()).collect();
        for how in [Aggregate::Mean, Aggregate::Median] {
            prop_assert_eq!(c.team(&c.people, how), c.team(&shuffled, how));
        }
    }

    /// A team's median and mean of a question lie between the lowest and
    /// the highest level respondents gave it, and the spread's n, min and
    /// max are those of the respondents' levels.
    #[test]
    fn team_median_and_mean_lie_between_min_and_max(case in case_spec()) {
        let c = case.load();
        let tol = tolerance(c.lo, c.hi);
        let mean = c.team(&c.people, Aggregate::Mean);
        let median = c.team(&c.people, Aggregate::Median);
        for id in c.question_ids() {
            let levels: Vec<f64> = c
                .people
                .iter()
                .filter_map(|p| match p.get(&id)?.response {
                    Response::Level(v) => Some(v),
                    _ => None,
                })
                .collect();
            let lowest = levels.iter().copied().reduce(f64::min);
            let highest = levels.iter().copied().reduce(f64::max);
            for card in [&mean, &median] {
                let q = card.question(&id).expect("every question is scored");
                let spread = q.spread.expect("team questions have a spread");
                prop_assert_eq!(spread.n, levels.len() as u64);
                prop_assert_eq!(spread.min, lowest);
                prop_assert_eq!(spread.max, highest);
                match (q.current, lowest, highest) {
                    (Some(v), Some(lo), Some(hi)) => prop_assert!(
                        v >= lo - tol && v <= hi + tol,
                        "{}: {} is not between {} and {}", id, v, lo, hi
                    ),
                    (None, None, None) => {}
                    other => prop_assert!(false, "{}: current and levels disagree: {:?}", id, other),
                }
            }
        }
    }

    /// Marking one question n/a never changes the figures of any other
    /// question, for a respondent and for the team.
    #[test]
    fn not_applicable_on_one_question_leaves_the_others_alone(
        case in case_spec(),
        who in any::<Index>(),
        which in any::<Index>(),
    ) {
        let c = case.load();
        let ids = c.question_ids();
        let k = which.index(ids.len());
        let p = who.index(c.people.len());
        let person = &c.people[p];
        let na = c.with_response(person, &ids[k], Response::NotApplicable);

        let before = figures(&c.instrument, person, c.vision.as_ref());
        let after = figures(&c.instrument, &na, c.vision.as_ref());
        prop_assert_eq!(after.questions[k].status, Status::NotApplicable);
        for (j, (b, a)) in before.questions.iter().zip(&after.questions).enumerate() {
            if j != k {
                prop_assert_eq!(b, a, "question {} changed", &ids[j]);
            }
        }

        let mut team = c.people.clone();
        team[p] = na;
        for how in [Aggregate::Mean, Aggregate::Median] {
            let before = c.team(&c.people, how);
            let after = c.team(&team, how);
            for (j, (b, a)) in before.questions.iter().zip(&after.questions).enumerate() {
                if j != k {
                    prop_assert_eq!(b, a, "team question {} changed", &ids[j]);
                }
            }
        }
    }

    /// Merging the tallies of two groups of respondents gives the same tally
    /// as adding everyone to one.
    #[test]
    fn merging_tallies_equals_tallying_everyone(case in case_spec(), split in any::<Index>()) {
        let c = case.load();
        let at = split.index(c.people.len() + 1);
        let mut merged = c.tally(&c.people[..at]);
        merged.merge(&c.tally(&c.people[at..]));
        prop_assert_eq!(merged, c.tally(&c.people));
    }

    /// Every plan, of a respondent or of the team, follows the plan rules.
    #[test]
    fn plans_follow_their_rules(case in case_spec(), start in 0..3000u16) {
        let c = case.load();
        for person in &c.people {
            plan_follows_its_rules(&c, &c.card(person), date(start))?;
        }
        for how in [Aggregate::Mean, Aggregate::Median] {
            plan_follows_its_rules(&c, &c.team(&c.people, how), date(start))?;
        }
    }

    /// Answers written as TOML by the tool read back as the same answers.
    #[test]
    fn answers_written_as_toml_read_back_the_same(case in case_spec()) {
        let c = case.load();
        for person in &c.people {
            let text = person.to_toml(&c.instrument);
            let back = Answers::from_text("back.toml", &text, Format::Toml, &c.instrument)
                .unwrap_or_else(|e| panic!("written answers refused: {e}\n{text}"));
            prop_assert_eq!(&back.assessment, &person.assessment);
            for id in c.question_ids() {
                prop_assert_eq!(back.get(&id), person.get(&id), "{}", id);
            }
        }
    }
}

/// Checks a plan against its rules: each step climbs one scale level; a
/// question's steps run from the level at or below its current to the first
/// at or above its target, each in a later phase than the one before,
/// every step dated; no phase holds more steps or points of effort than the
/// rubric allows (a step larger than a phase alone in one), except that
/// phase 1 takes the first step of every quick win.
fn plan_follows_its_rules(c: &Case, card: &Scorecard, start: Date) -> Result<(), TestCaseError> {
    let p = plan(card, &c.instrument, start);
    let rules = &c.instrument.rubric.plan;
    let scale: Vec<f64> = c.instrument.scale().iter().map(|l| l.value).collect();
    let eps = 1e-9;
    // The rubric's phases, and more only when a step had no room in them
    // (up to the most phases a plan may have).
    prop_assert!(p.phases.len() >= rules.phases);
    prop_assert!(p.phases.len() <= itsm_assess::limits::MAX_PHASES.max(rules.phases));
    let quick_win_steps: Vec<&itsm_assess::plan::Step> =
        p.phases[0].steps.iter().filter(|s| s.quick_win).collect();
    let quick_win_points: u64 = quick_win_steps.iter().map(|s| u64::from(s.points)).sum();
    for phase in &p.phases {
        let (steps, points) = if phase.number == 1 {
            (
                rules
                    .max_steps_per_phase
                    .map(|m| m.max(quick_win_steps.len())),
                u64::from(rules.effort_per_phase).max(quick_win_points),
            )
        } else {
            (rules.max_steps_per_phase, u64::from(rules.effort_per_phase))
        };
        prop_assert!(
            phase.steps.iter().all(|s| s.due == Some(phase.due)),
            "phase {}: a step without its due date",
            phase.number
        );
        let last = phase.number == itsm_assess::limits::MAX_PHASES;
        prop_assert!(
            steps.is_none_or(|m| phase.steps.len() <= m) || last,
            "phase {} holds {} steps",
            phase.number,
            phase.steps.len()
        );
        prop_assert_eq!(
            phase.effort,
            phase.steps.iter().map(|s| u64::from(s.points)).sum::<u64>()
        );
        prop_assert!(
            phase.effort <= points || phase.steps.len() == 1 || last,
            "phase {} holds {} points of {}",
            phase.number,
            phase.effort,
            points
        );
        prop_assert!(phase.due >= phase.starts);
    }
    for q in &card.questions {
        // Phases of this question's steps, in order; every step is dated.
        let placed: Vec<(usize, f64, f64)> = p
            .phases
            .iter()
            .flat_map(|ph| ph.steps.iter().map(move |s| (ph.number, s)))
            .filter(|(_, s)| s.question == q.id)
            .map(|(n, s)| (n, s.from, s.to))
            .collect();
        let expected = match (q.current, q.target) {
            (Some(cur), Some(t)) if t - cur > eps => {
                let low = scale.iter().rposition(|v| *v <= cur + eps).unwrap_or(0);
                let high = scale
                    .iter()
                    .position(|v| *v >= t - eps)
                    .unwrap_or(scale.len() - 1);
                high - low
            }
            _ => 0,
        };
        prop_assert_eq!(placed.len(), expected, "steps of {}", &q.id);
        for (k, (_, from, to)) in placed.iter().enumerate() {
            let i = scale.iter().position(|v| v == from);
            prop_assert!(
                i.is_some_and(|i| scale.get(i + 1) == Some(to)),
                "{}: {} -> {} is not one level",
                &q.id,
                from,
                to
            );
            if k > 0 {
                prop_assert_eq!(*from, placed[k - 1].2, "{}: steps do not follow on", &q.id);
            }
        }
        for w in placed.windows(2) {
            prop_assert!(
                w[0].0 < w[1].0 || w[0].0 == p.phases.len(),
                "{}: steps share or reverse phases",
                &q.id
            );
        }
    }
    Ok(())
}

const FORMATS: [ReportFormat; 5] = [
    ReportFormat::Table,
    ReportFormat::Json,
    ReportFormat::Markdown,
    ReportFormat::Csv,
    ReportFormat::Html,
];

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), 0..15usize, prop::option::of(10..200u16))
        .prop_map(|(color, top, width)| Style { color, top, width })
}

/// Checks a rendered document: not empty, no NaN shown, and JSON and CSV
/// that their parsers read.
fn well_formed(what: &str, format: ReportFormat, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!text.trim().is_empty(), "{} in {:?} is empty", what, format);
    prop_assert!(
        !text.contains("NaN"),
        "{} in {:?} shows NaN:\n{}",
        what,
        format,
        text
    );
    match format {
        ReportFormat::Json => {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(text);
            prop_assert!(
                parsed.is_ok(),
                "{} JSON does not parse: {:?}\n{}",
                what,
                parsed.err(),
                text
            );
        }
        ReportFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            for record in reader.records() {
                prop_assert!(
                    record.is_ok(),
                    "{} CSV does not parse: {:?}\n{}",
                    what,
                    record.err(),
                    text
                );
            }
        }
        _ => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Every valid report renders in every format, never panics and is
    /// never empty: each respondent's report, the team's by mean and by
    /// median, the plans of both, and a comparison of the respondents'
    /// assessments.
    #[test]
    fn every_report_renders_in_every_format(
        case in case_spec(),
        style in style(),
        start in 0..3000u16,
    ) {
        let c = case.load();
        let start = date(start);
        let mut cards: Vec<(String, Scorecard)> = c
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("respondent {i}"), c.card(p)))
            .collect();
        let individual: Vec<Scorecard> = cards.iter().map(|(_, card)| card.clone()).collect();
        cards.push(("team by mean".into(), c.team(&c.people, Aggregate::Mean)));
        cards.push(("team by median".into(), c.team(&c.people, Aggregate::Median)));

        let mut comparisons = Vec::new();
        let mut twice = individual.clone();
        if twice.len() < 2 {
            twice.push(twice[0].clone());
        }
        comparisons.push(compare(twice.clone(), Order::AsGiven).expect("two cards of one questionnaire"));
        if twice.iter().all(|card| card.assessment.date.is_some()) {
            comparisons.push(compare(twice, Order::ByDate).expect("dated cards"));
        }

        for format in FORMATS {
            for (name, card) in &cards {
                well_formed(name, format, &render::report(card, &c.instrument, format, &style))?;
                let p = plan(card, &c.instrument, start);
                well_formed(
                    &format!("plan of {name}"),
                    format,
                    &render::plan::render(&p, format, &style),
                )?;
            }
            for cmp in &comparisons {
                well_formed("comparison", format, &render::comparison::render(cmp, format, &style))?;
            }
        }

        // The workbooks are made for every one of them, and the tracker
        // imports are CSV with every row as long as the header.
        let workbook = |what: &str, book: Result<Vec<u8>, itsm_assess::Error>| {
            match book {
                Ok(bytes) if bytes.starts_with(b"PK") => Ok(()),
                other => Err(TestCaseError::fail(format!("{what}: no workbook: {:?}", other.err()))),
            }
        };
        for (name, card) in &cards {
            workbook(name, render::xlsx::report(card, &c.instrument, &style))?;
            let p = plan(card, &c.instrument, start);
            workbook(&format!("plan of {name}"), render::xlsx::plan(&p))?;
            for csv in [
                render::plan::jira::plan(&p, &c.instrument),
                render::plan::azure_devops::plan(&p, &c.instrument),
            ] {
                well_formed(&format!("tracker plan of {name}"), ReportFormat::Csv, &csv)?;
            }
        }
        for cmp in &comparisons {
            workbook("comparison", render::xlsx::comparison(cmp))?;
        }
    }
}
