//! Scoring: answers + instrument + vision -> scorecard. Pure computation.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::instrument::EPSILON;
use crate::model::{Answers, Date, Effort, Instrument, Response, Vision};

/// Which questionnaire a scorecard is for.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub title: String,
    pub version: String,
}

/// Who and what was assessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInfo {
    pub organization: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<String>,
    pub date: Option<Date>,
    /// The answers file, as named on the command line.
    pub source: Option<String>,
    /// The vision file the targets came from, if any.
    pub vision: Option<String>,
    /// The vision's own title, for the headers of documents (the workbook's
    /// Summary); not part of the JSON output.
    #[serde(skip)]
    #[schemars(skip)]
    pub vision_title: Option<String>,
    /// The vision's description, for the headers of reports.
    #[serde(skip)]
    #[schemars(skip)]
    pub vision_description: Option<String>,
    /// What was assessed, how, by whom, and the assessor's summary, from
    /// the answers file's `[assessment]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// Counts of answered, not applicable and unanswered questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Coverage {
    pub questions: usize,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl Coverage {
    /// The coverage of one set of answers, without scoring them.
    pub fn of(instrument: &Instrument, answers: &Answers) -> Coverage {
        let mut c = Coverage::default();
        for (_, q) in instrument.questionnaire.questions() {
            c.add(match answers.get(&q.id).map(|a| a.response) {
                Some(Response::Level(_)) => Status::Answered,
                Some(Response::NotApplicable) => Status::NotApplicable,
                _ => Status::Unanswered,
            });
        }
        c
    }

    /// The refusal of scores with no question answered with a level: a
    /// report of them would say nothing with confidence.
    pub fn nothing_answered(&self, source: &str) -> Option<crate::error::Diagnostic> {
        (self.answered == 0).then(|| {
            crate::error::Diagnostic::new(
                source,
                format!(
                    "no question is answered with a level ({} not applicable, {} unanswered of {}), so there is nothing to score",
                    self.not_applicable, self.unanswered, self.questions
                ),
            )
            .help("answer at least one question (itsm-assess run --resume FILE continues an interview), or check the question ids")
        })
    }

    fn add(&mut self, status: Status) {
        self.questions += 1;
        match status {
            Status::Answered => self.answered += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Unanswered => self.unanswered += 1,
        }
    }
}

/// Whether a question was answered with a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Answered,
    NotApplicable,
    Unanswered,
}

/// Overall current, target, gap and band.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Overall {
    pub current: Option<f64>,
    pub target: Option<f64>,
    /// Target minus current of the weighted means: a question above its
    /// target offsets one below it.
    pub gap: Option<f64>,
    /// The areas' shortfalls, weighted by area: what is missing to reach
    /// the targets, which overachievement cannot offset.
    pub shortfall: Option<f64>,
    /// 100 × (1 − shortfall / target): 100 when every target is met.
    pub percent_to_target: Option<f64>,
    pub band: Option<String>,
}

/// Roles too small to be shown on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct HiddenRoles {
    /// The fewest respondents a role needs to be shown.
    pub min_group: u64,
    pub roles: usize,
    pub respondents: u64,
}

impl HiddenRoles {
    /// The sentence reports show.
    pub fn sentence(&self) -> String {
        format!(
            "{} respondent{} in {} role{} with fewer than {} respondents {} not shown on their own, so no one can be singled out (--min-group); they count in every team figure",
            self.respondents,
            if self.respondents == 1 { "" } else { "s" },
            self.roles,
            if self.roles == 1 { "" } else { "s" },
            self.min_group,
            if self.respondents == 1 { "is" } else { "are" },
        )
    }
}

/// How many questions are of each kind, for a headline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Counts {
    /// Questions whose shortfall is at least the rubric's critical gap.
    pub critical: usize,
    pub quick_wins: usize,
    /// Answered questions at or above their target.
    pub strengths: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

/// One area's scores.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AreaScore {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    /// Σ w·max(target − current, 0) / Σ w over the answered questions.
    pub shortfall: Option<f64>,
    /// 100 × (1 − Σ w·max(target − current, 0) / Σ w·target).
    pub percent_to_target: Option<f64>,
    pub band: Option<String>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

/// One question's scores and flags.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionScore {
    pub id: String,
    pub area: String,
    pub title: String,
    pub status: Status,
    pub current: Option<f64>,
    /// Null for a question that does not apply.
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub weight: f64,
    pub effort: Effort,
    pub priority: Option<f64>,
    pub critical: bool,
    pub quick_win: bool,
    pub note: Option<String>,
    /// Team reports: how the respondents' answers spread.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Spread")]
    pub spread: Option<Spread>,
    /// Team reports: whether max - min reaches the rubric's disagreement threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "bool")]
    pub disagreement: Option<bool>,
}

/// The spread of the respondents' levels on one question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Spread {
    /// Respondents who answered with a level.
    pub n: u64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Population standard deviation.
    pub stdev: Option<f64>,
}

/// One role's view of the areas, in a team report.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleScore {
    pub role: String,
    pub respondents: u64,
    pub areas: Vec<RoleArea>,
    /// The role's mean level per question, in questionnaire order; null
    /// where no respondent of the role gave a level.
    pub questions: Vec<RoleQuestion>,
}

/// One role's current level for one question.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleQuestion {
    pub id: String,
    pub current: Option<f64>,
}

/// One role's current level for one area.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleArea {
    pub id: String,
    pub current: Option<f64>,
}

/// Whether a perception gap is about an area or a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Area,
    Question,
}

/// A role and its mean.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RoleValue {
    pub role: String,
    pub current: f64,
}

/// How differently roles see an area or a question: the highest role mean
/// minus the lowest.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PerceptionGap {
    pub scope: Scope,
    pub id: String,
    pub title: String,
    pub gap: f64,
    pub highest: RoleValue,
    pub lowest: RoleValue,
}

impl QuestionScore {
    /// The shortfall to target, when the question falls short.
    pub fn shortfall(&self) -> Option<f64> {
        self.gap.filter(|g| *g > EPSILON)
    }
}

/// The scored assessment: what every report renders.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Scorecard {
    pub questionnaire: QuestionnaireInfo,
    pub assessment: AssessmentInfo,
    pub coverage: Coverage,
    pub overall: Overall,
    /// The headline counts: critical gaps, quick wins, strengths, n/a,
    /// unanswered.
    pub counts: Counts,
    pub areas: Vec<AreaScore>,
    pub questions: Vec<QuestionScore>,
    /// Ids of every question that falls short, highest priority first.
    pub priorities: Vec<String>,
    /// Ids of the quick wins, in priority order.
    pub quick_wins: Vec<String>,
    /// Ids of the answered questions at or above target.
    pub strengths: Vec<String>,
    /// Team reports: how many respondents were aggregated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64")]
    pub respondents: Option<u64>,
    /// Team reports: each role's view of the areas.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<RoleScore>")]
    pub roles: Option<Vec<RoleScore>>,
    /// Team reports: the roles left out of the role view for anonymity
    /// (fewer respondents than `min_group`); their respondents still count
    /// in every team figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "HiddenRoles")]
    pub hidden_roles: Option<HiddenRoles>,
    /// Team reports: where roles see things differently, largest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<PerceptionGap>")]
    pub perception_gaps: Option<Vec<PerceptionGap>>,
    /// Team reports from survey exports: how each export was read, and how
    /// many of the questions it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<crate::survey::ExportInfo>")]
    pub exports: Option<Vec<crate::survey::ExportInfo>>,
    /// Team reports: the respondents' free-text comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<crate::survey::Comment>")]
    pub comments: Option<Vec<crate::survey::Comment>>,
    /// With `report --pulse`: a staff pulse survey beside the questions its
    /// statements inform.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "crate::pulse::PulseView")]
    pub pulse: Option<crate::pulse::PulseView>,
}

impl Scorecard {
    pub fn question(&self, id: &str) -> Option<&QuestionScore> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.id == id)
    }
}

/// The target of a question, most specific first: the answer's own target,
/// then the vision's question, area and default targets, then the rubric's
/// in the same order, and last the top of the scale.
pub fn target_for(
    instrument: &Instrument,
    vision: Option<&Vision>,
    area: &str,
    question: &str,
    own: Option<f64>,
) -> f64 {
    own.or_else(|| vision.and_then(|v| v.targets.for_question(question, area)))
        .unwrap_or_else(|| instrument.default_target(question))
}

/// Weighted mean of (value, weight) pairs; none when there are none.
fn weighted_mean(pairs: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = pairs.fold((0.0, 0.0), |(s, w), (v, wt)| (s + v * wt, w + wt));
    (weights > 0.0).then(|| sum / weights)
}

/// The numbers of one question, before names are attached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuestionFigures {
    pub status: Status,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub weight: f64,
    pub priority: Option<f64>,
    pub critical: bool,
    pub quick_win: bool,
}

/// The numbers of one area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaFigures {
    pub weight: f64,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub shortfall: Option<f64>,
    pub percent_to_target: Option<f64>,
    pub coverage: Coverage,
}

/// 100 × (1 − shortfall / target), within 0 to 100; 100 when the target is
/// nothing to reach.
pub fn percent_to_target(shortfall: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (s, t) = (shortfall?, target?);
    Some(if t.abs() <= EPSILON {
        100.0
    } else {
        (100.0 * (1.0 - s / t)).clamp(0.0, 100.0)
    })
}

/// Every number of a scorecard, computed without copying a single name:
/// what batches need, and what [`score`] dresses up.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// In questionnaire order.
    pub questions: Vec<QuestionFigures>,
    /// In questionnaire order.
    pub areas: Vec<AreaFigures>,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub shortfall: Option<f64>,
    pub percent_to_target: Option<f64>,
    pub coverage: Coverage,
}

/// Applies the scoring rules to one set of answers.
pub fn figures(instrument: &Instrument, answers: &Answers, vision: Option<&Vision>) -> Figures {
    let rules = &instrument.rubric.gap;
    let q = &instrument.questionnaire;
    let mut questions = Vec::with_capacity(instrument.question_count());
    let mut areas = Vec::with_capacity(q.area.len());
    let mut coverage = Coverage::default();
    for (area_index, area) in q.area.iter().enumerate() {
        let area_weight = instrument.weights_at(0, area_index).1;
        let mut area_coverage = Coverage::default();
        let first = questions.len();
        for question in &area.question {
            let answer = answers.get(&question.id);
            let response = answer.map_or(Response::Unanswered, |a| a.response);
            let (status, current) = match response {
                Response::Level(v) => (Status::Answered, Some(v)),
                Response::NotApplicable => (Status::NotApplicable, None),
                Response::Unanswered => (Status::Unanswered, None),
            };
            let target = (status != Status::NotApplicable).then(|| {
                target_for(
                    instrument,
                    vision,
                    &area.id,
                    &question.id,
                    answer.and_then(|a| a.target),
                )
            });
            let gap = current.zip(target).map(|(c, t)| t - c);
            let weight = instrument.weights_at(questions.len(), area_index).0;
            let shortfall = gap.filter(|g| *g > EPSILON);
            let priority = gap.map(|g| g.max(0.0) * weight * area_weight);
            let critical = shortfall.is_some_and(|s| s + EPSILON >= rules.critical);
            let quick_win = shortfall.is_some_and(|s| {
                s <= rules.quick_win_max_gap + EPSILON
                    && question.effort <= rules.quick_win_max_effort.0
            });
            area_coverage.add(status);
            coverage.add(status);
            questions.push(QuestionFigures {
                status,
                current,
                target,
                gap,
                weight,
                priority,
                critical,
                quick_win,
            });
        }
        let answered = || {
            questions[first..]
                .iter()
                .filter(|s: &&QuestionFigures| s.status == Status::Answered)
        };
        let current = weighted_mean(answered().filter_map(|s| Some((s.current?, s.weight))));
        let target = weighted_mean(answered().filter_map(|s| Some((s.target?, s.weight))));
        let shortfall = weighted_mean(answered().filter_map(|s| Some((s.gap?.max(0.0), s.weight))));
        areas.push(AreaFigures {
            weight: area_weight,
            current,
            target,
            gap: current.zip(target).map(|(c, t)| t - c),
            shortfall,
            percent_to_target: percent_to_target(shortfall, target),
            coverage: area_coverage,
        });
    }
    let scored = || areas.iter().filter(|a| a.coverage.answered > 0);
    let current = weighted_mean(scored().filter_map(|a| Some((a.current?, a.weight))));
    let target = weighted_mean(scored().filter_map(|a| Some((a.target?, a.weight))));
    let shortfall = weighted_mean(scored().filter_map(|a| Some((a.shortfall?, a.weight))));
    Figures {
        questions,
        areas,
        current,
        target,
        gap: current.zip(target).map(|(c, t)| t - c),
        shortfall,
        percent_to_target: percent_to_target(shortfall, target),
        coverage,
    }
}

/// The assessment's metadata, filled in from the answers where the caller
/// left it open.
pub fn describe(answers: &Answers, mut info: AssessmentInfo) -> AssessmentInfo {
    let meta = &answers.assessment;
    info.organization = info.organization.or_else(|| meta.organization.clone());
    info.respondent = info.respondent.or_else(|| meta.respondent.clone());
    info.role = info.role.or_else(|| meta.role.clone());
    info.date = info.date.or(meta.date);
    info.scope = info.scope.or_else(|| meta.scope.clone());
    info.method = info.method.or_else(|| meta.method.clone());
    info.assessor = info.assessor.or_else(|| meta.assessor.clone());
    info.summary = info.summary.or_else(|| meta.summary.clone());
    info
}

/// Scores one set of answers.
pub fn score(
    instrument: &Instrument,
    answers: &Answers,
    vision: Option<&Vision>,
    info: AssessmentInfo,
) -> Scorecard {
    let f = figures(instrument, answers, vision);
    let band = |v: Option<f64>| v.and_then(|c| instrument.band(c)).map(|b| b.name.clone());
    let q = &instrument.questionnaire;
    let questions: Vec<QuestionScore> = q
        .questions()
        .zip(&f.questions)
        .map(|((area, question), n)| QuestionScore {
            id: question.id.clone(),
            area: area.id.clone(),
            title: question.title.clone(),
            status: n.status,
            current: n.current,
            target: n.target,
            gap: n.gap,
            weight: n.weight,
            effort: question.effort,
            priority: n.priority,
            critical: n.critical,
            quick_win: n.quick_win,
            note: answers.get(&question.id).and_then(|a| a.note.clone()),
            spread: None,
            disagreement: None,
        })
        .collect();
    let areas = q
        .area
        .iter()
        .zip(&f.areas)
        .map(|(area, n)| AreaScore {
            id: area.id.clone(),
            title: area.title.clone(),
            weight: n.weight,
            current: n.current,
            target: n.target,
            gap: n.gap,
            shortfall: n.shortfall,
            percent_to_target: n.percent_to_target,
            band: band(n.current),
            answered: n.coverage.answered,
            not_applicable: n.coverage.not_applicable,
            unanswered: n.coverage.unanswered,
        })
        .collect();
    let overall = Overall {
        current: f.current,
        target: f.target,
        gap: f.gap,
        shortfall: f.shortfall,
        percent_to_target: f.percent_to_target,
        band: band(f.current),
    };

    let mut short: Vec<&QuestionScore> = questions
        .iter()
        .filter(|s| s.shortfall().is_some())
        .collect();
    // Critical shortfalls first, then by priority; a stable sort keeps
    // questionnaire order among equals.
    short.sort_by(|a, b| {
        b.critical.cmp(&a.critical).then(
            b.priority
                .unwrap_or(0.0)
                .total_cmp(&a.priority.unwrap_or(0.0)),
        )
    });
    let priorities: Vec<String> = short.iter().map(|s| s.id.clone()).collect();
    let quick_wins: Vec<String> = short
        .iter()
        .filter(|s| s.quick_win)
        .map(|s| s.id.clone())
        .collect();
    let strengths: Vec<String> = questions
        .iter()
        .filter(|s| s.status == Status::Answered && s.gap.is_some_and(|g| g <= EPSILON))
        .map(|s| s.id.clone())
        .collect();

    let counts = Counts {
        critical: questions.iter().filter(|q| q.critical).count(),
        quick_wins: quick_wins.len(),
        strengths: strengths.len(),
        not_applicable: f.coverage.not_applicable,
        unanswered: f.coverage.unanswered,
    };
    Scorecard {
        questionnaire: QuestionnaireInfo {
            id: q.id.clone(),
            title: q.title.clone(),
            version: q.version.clone(),
        },
        assessment: describe(answers, info),
        coverage: f.coverage,
        overall,
        counts,
        areas,
        questions,
        priorities,
        quick_wins,
        strengths,
        respondents: None,
        roles: None,
        hidden_roles: None,
        perception_gaps: None,
        exports: None,
        comments: None,
        pulse: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Assessment, Questionnaire, Rubric, Targets};
    use crate::source::{Format, Source};

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
effort = "low"
levels = ["0", "1", "2", "3", "4"]
[[area.question]]
id = "a.two"
title = "Two"
text = "?"
effort = "high"
levels = ["0", "1", "2", "3", "4"]
[[area.question]]
id = "a.three"
title = "Three"
text = "?"
levels = ["0", "1", "2", "3", "4"]
[[area]]
id = "b"
title = "B"
[[area.question]]
id = "b.one"
title = "B one"
text = "?"
effort = "low"
levels = ["0", "1", "2", "3", "4"]
[[area.question]]
id = "b.two"
title = "B two"
text = "?"
levels = ["0", "1", "2", "3", "4"]
"#;

    fn rubric(extra: &str) -> String {
        let mut r = String::from("id = \"r\"\nquestionnaire = \"q\"\n");
        for (v, l) in ["Zero", "One", "Two", "Three", "Four"].iter().enumerate() {
            r.push_str(&format!("[[level]]\nvalue = {v}\nlabel = \"{l}\"\n"));
        }
        r.push_str("[[band]]\nmin = 0\nname = \"Low\"\n[[band]]\nmin = 2\nname = \"Mid\"\n[[band]]\nmin = 3.5\nname = \"High\"\n");
        r.push_str(extra);
        r
    }

    fn instrument(extra: &str) -> Instrument {
        let qs = Source::new("q.toml", Q, Format::Toml);
        let rs = Source::new("r.toml", rubric(extra), Format::Toml);
        Instrument::new(
            Questionnaire::parse(&qs).unwrap(),
            &qs,
            Rubric::parse(&rs).unwrap(),
            &rs,
        )
        .unwrap()
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        let mut a = Answers::new(Assessment {
            questionnaire: "q".into(),
            ..Assessment::default()
        });
        for (id, answer) in pairs {
            a.set(id, answer.clone());
        }
        a
    }

    fn with_target(current: f64, target: f64) -> Answer {
        Answer {
            target: Some(target),
            ..Answer::level(current)
        }
    }

    fn vision(t: Targets) -> Vision {
        Vision {
            questionnaire: "q".into(),
            targets: t,
            ..Vision::default()
        }
    }

    #[test]
    fn overachievement_cannot_hide_a_shortfall() {
        // Area a: 4 and 1 against target 3, a.three unanswered: the signed
        // gap is 0, the shortfall (0 + 2) / 2 = 1, 100 × (1 − 2 / 6) to target.
        // Area b (weight 2): 3 and 2 against 3: shortfall 0.5, 100 × (1 − 1 / 6).
        let i = instrument("[targets]\ndefault = 3\n[weights.areas]\nb = 2\n[gap]\ncritical = 2\n");
        let a = answers(&[
            ("a.one", Answer::level(4.0)),
            ("a.two", Answer::level(1.0)),
            ("b.one", Answer::level(3.0)),
            ("b.two", Answer::level(2.0)),
        ]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        let area_a = card.area("a").unwrap();
        assert_eq!(area_a.gap, Some(0.5));
        assert_eq!(area_a.shortfall, Some(1.0));
        let pct = area_a.percent_to_target.unwrap();
        assert!((pct - 100.0 * (1.0 - 2.0 / 6.0)).abs() < 1e-9, "{pct}");
        let area_b = card.area("b").unwrap();
        assert_eq!(area_b.shortfall, Some(0.5));
        // Overall: (1 × 1 + 2 × 0.5) / 3 against the overall target 3.
        let overall = (1.0 + 2.0 * 0.5) / 3.0;
        assert!((card.overall.shortfall.unwrap() - overall).abs() < 1e-9);
        let pct = card.overall.percent_to_target.unwrap();
        assert!((pct - 100.0 * (1.0 - overall / 3.0)).abs() < 1e-9, "{pct}");
        assert_eq!(
            card.counts,
            Counts {
                critical: 1,
                quick_wins: card.quick_wins.len(),
                strengths: 2,
                not_applicable: 0,
                unanswered: 1,
            }
        );
        // The critical shortfall leads the priorities.
        assert_eq!(card.priorities[0], "a.two");
    }

    #[test]
    fn every_target_met_is_100_percent() {
        let i = instrument("[targets]\ndefault = 2\n");
        let a = answers(&[("a.one", Answer::level(4.0)), ("b.one", Answer::level(2.0))]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        assert_eq!(card.overall.shortfall, Some(0.0));
        assert_eq!(card.overall.percent_to_target, Some(100.0));
    }

    #[test]
    fn target_precedence_runs_from_answer_to_vision_to_rubric() {
        let i = instrument(
            "[targets]\ndefault = 1\n[targets.areas]\nb = 1.5\n[targets.questions]\n\"a.two\" = 2\n",
        );
        // Rubric only: question, then area, then default.
        assert_eq!(target_for(&i, None, "a", "a.two", None), 2.0);
        assert_eq!(target_for(&i, None, "b", "b.one", None), 1.5);
        assert_eq!(target_for(&i, None, "a", "a.one", None), 1.0);
        // A vision's default beats every rubric target.
        let v = vision(Targets {
            default: Some(3.0),
            ..Targets::default()
        });
        assert_eq!(target_for(&i, Some(&v), "a", "a.two", None), 3.0);
        // Vision question beats vision area beats vision default.
        let v = vision(Targets {
            default: Some(3.0),
            areas: [("a".to_string(), 3.5)].into_iter().collect(),
            questions: [("a.one".to_string(), 4.0)].into_iter().collect(),
        });
        assert_eq!(target_for(&i, Some(&v), "a", "a.one", None), 4.0);
        assert_eq!(target_for(&i, Some(&v), "a", "a.two", None), 3.5);
        assert_eq!(target_for(&i, Some(&v), "b", "b.one", None), 3.0);
        // The answer's own target beats everything.
        assert_eq!(target_for(&i, Some(&v), "a", "a.one", Some(0.5)), 0.5);
        // With no target anywhere, the top of the scale.
        let bare = instrument("");
        assert_eq!(target_for(&bare, None, "a", "a.one", None), 4.0);
    }

    #[test]
    fn area_scores_are_weighted_means_over_answered_questions_only() {
        let i = instrument("[targets]\ndefault = 3\n[weights.questions]\n\"a.one\" = 3\n");
        let a = answers(&[
            ("a.one", Answer::level(1.0)),
            ("a.two", with_target(3.0, 4.0)),
            ("a.three", Answer::not_applicable()),
        ]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        let area = card.area("a").unwrap();
        // (3*1 + 1*3) / 4 and (3*3 + 1*4) / 4
        assert_eq!(area.current, Some(1.5));
        assert_eq!(area.target, Some(3.25));
        assert_eq!(area.gap, Some(1.75));
        assert_eq!(
            (area.answered, area.not_applicable, area.unanswered),
            (2, 1, 0)
        );
        let b = card.area("b").unwrap();
        assert_eq!((b.current, b.target, b.band.clone()), (None, None, None));
        assert_eq!(b.unanswered, 2);
    }

    #[test]
    fn overall_is_the_area_weighted_mean_over_areas_with_answers() {
        let i = instrument("[targets]\ndefault = 3\n[weights.areas]\nb = 3\n");
        let a = answers(&[("a.one", Answer::level(1.0)), ("b.one", Answer::level(3.0))]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        assert_eq!(card.overall.current, Some((1.0 + 3.0 * 3.0) / 4.0));
        assert_eq!(card.overall.target, Some(3.0));
        assert_eq!(card.overall.gap, Some(3.0 - 2.5));
        assert_eq!(card.overall.band.as_deref(), Some("Mid"));
        // Areas without answers do not pull the overall down.
        let only_a = answers(&[("a.one", Answer::level(1.0))]);
        let card = score(&i, &only_a, None, AssessmentInfo::default());
        assert_eq!(card.overall.current, Some(1.0));
        let none = score(&i, &answers(&[]), None, AssessmentInfo::default());
        assert_eq!((none.overall.current, none.overall.band), (None, None));
    }

    #[test]
    fn priority_is_critical_first_then_shortfall_times_weights_ties_in_order() {
        let i = instrument(
            "[targets]\ndefault = 3\n[weights.areas]\nb = 2\n[weights.questions]\n\"a.two\" = 2\n",
        );
        let a = answers(&[
            ("a.one", Answer::level(2.0)),   // 1 * 1 * 1 = 1
            ("a.two", Answer::level(2.0)),   // 1 * 2 * 1 = 2
            ("a.three", Answer::level(1.0)), // 2 * 1 * 1 = 2
            ("b.one", Answer::level(4.0)),   // no shortfall
            ("b.two", Answer::level(3.0)),   // gap 0
        ]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        assert_eq!(card.question("a.two").unwrap().priority, Some(2.0));
        assert_eq!(card.question("b.one").unwrap().gap, Some(-1.0));
        assert_eq!(card.question("b.one").unwrap().priority, Some(0.0));
        // a.three's shortfall of 2 is critical: it leads, though a.two has
        // the same priority and comes first in the questionnaire.
        assert!(card.question("a.three").unwrap().critical);
        assert_eq!(card.priorities, ["a.three", "a.two", "a.one"]);
        assert_eq!(card.strengths, ["b.one", "b.two"]);
    }

    #[test]
    fn critical_and_quick_win_flags_follow_the_gap_rules() {
        let i = instrument(
            "[targets]\ndefault = 3\n[gap]\ncritical = 2\nquick_win_max_gap = 1\nquick_win_max_effort = \"low\"\n",
        );
        let a = answers(&[
            ("a.one", Answer::level(2.0)),   // gap 1, low effort: quick win
            ("a.two", Answer::level(2.0)),   // gap 1, high effort: not
            ("a.three", Answer::level(1.0)), // gap 2: critical
            ("b.one", Answer::level(0.0)),   // gap 3, low effort: critical, too big for a quick win
        ]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        let q = |id| card.question(id).unwrap();
        assert!(q("a.one").quick_win && !q("a.one").critical);
        assert!(!q("a.two").quick_win);
        assert!(q("a.three").critical && !q("a.three").quick_win);
        assert!(q("b.one").critical && !q("b.one").quick_win);
        assert_eq!(card.quick_wins, ["a.one"]);
        // Raising the effort limit makes the high-effort question a quick win too.
        let i = instrument("[targets]\ndefault = 3\n[gap]\nquick_win_max_effort = \"high\"\n");
        let card = score(&i, &a, None, AssessmentInfo::default());
        assert_eq!(card.quick_wins, ["a.one", "a.two"]);
    }

    #[test]
    fn unanswered_and_not_applicable_have_no_gap() {
        let i = instrument("[targets]\ndefault = 3\n");
        let a = answers(&[("a.one", Answer::not_applicable())]);
        let card = score(&i, &a, None, AssessmentInfo::default());
        let na = card.question("a.one").unwrap();
        assert_eq!(
            (na.status, na.target, na.gap, na.priority),
            (Status::NotApplicable, None, None, None)
        );
        let un = card.question("a.two").unwrap();
        assert_eq!(
            (un.status, un.target, un.gap),
            (Status::Unanswered, Some(3.0), None)
        );
        assert_eq!(
            card.coverage,
            Coverage {
                questions: 5,
                answered: 0,
                not_applicable: 1,
                unanswered: 4
            }
        );
    }

    #[test]
    fn fractional_gaps_are_compared_with_tolerance() {
        // 0.1 + 0.2 style rounding must not lose a quick win or a strength.
        let i = instrument("[targets]\ndefault = 0.3\n[gap]\nquick_win_max_gap = 0.2\n");
        let a = answers(&[("a.one", Answer::level(0.0)), ("b.one", Answer::level(1.0))]);
        let mut a = a;
        a.set("a.one", with_target(0.1, 0.30000000000000004));
        let card = score(&i, &a, None, AssessmentInfo::default());
        assert!(card.question("a.one").unwrap().quick_win);
    }
}
