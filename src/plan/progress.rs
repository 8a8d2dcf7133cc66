//! Plan versus actual: a plan's steps set against a follow-up assessment.
//! Which steps were due by its date, which reached their level, which did
//! not, and which questions moved without a step of the plan.

use schemars::JsonSchema;
use serde::Serialize;

use crate::compare::Comparison;
use crate::error::{Diagnostic, Error};
use crate::model::Date;
use crate::model::instrument::EPSILON;
use crate::plan::{Plan, StepStatus};

/// How the plan went, as of the last assessment compared.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Progress {
    /// The plan file, as named on the command line.
    pub plan: String,
    /// The date of the last assessment: steps due by then should be done.
    pub as_of: Option<Date>,
    pub steps: Vec<StepProgress>,
    /// Questions whose level changed with no step of the plan for them.
    pub moved_without_step: Vec<Moved>,
    pub counts: ProgressCounts,
}

/// How many steps came out each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProgressCounts {
    pub reached: usize,
    pub missed: usize,
    pub early: usize,
    pub not_due: usize,
    pub wont_do: usize,
}

/// What became of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Due by the follow-up, and the level is reached.
    Reached,
    /// Due by the follow-up, and the level is not reached.
    Missed,
    /// Not due yet, and the level is reached already.
    Early,
    /// Not due yet, and not reached.
    NotDue,
    /// Marked wont-do in the plan file.
    WontDo,
}

impl Outcome {
    /// The value the JSON writes, for machine-read formats (CSV).
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::Missed => "missed",
            Outcome::Early => "early",
            Outcome::NotDue => "not-due",
            Outcome::WontDo => "wont-do",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::Missed => "missed",
            Outcome::Early => "reached early",
            Outcome::NotDue => "not due yet",
            Outcome::WontDo => "won't do",
        }
    }
}

/// One step of the plan against the follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StepProgress {
    pub id: String,
    pub question: String,
    pub title: String,
    pub phase: usize,
    pub to: f64,
    pub to_label: String,
    pub due: Option<Date>,
    pub owner: Option<String>,
    /// As the plan file records it.
    pub status: StepStatus,
    pub reason: Option<String>,
    /// The question's level in the first and the last assessment.
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub outcome: Outcome,
}

/// A question that moved with no step of the plan for it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Moved {
    pub question: String,
    pub title: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// Sets a plan against a comparison of the assessment it was made from
/// (or any before it) and a follow-up.
pub fn progress(plan: &Plan, name: &str, cmp: &Comparison) -> Result<Progress, Error> {
    if plan.questionnaire.id != cmp.questionnaire.id {
        return Err(Diagnostic::new(
            name,
            format!(
                "this plan is for questionnaire \"{}\", but the assessments use \"{}\"",
                crate::limits::shown(&plan.questionnaire.id),
                cmp.questionnaire.id
            ),
        )
        .help("use the plan made from these assessments")
        .into());
    }
    let as_of = cmp.assessments.last().and_then(|a| a.date);
    let mut counts = ProgressCounts::default();
    let steps: Vec<StepProgress> = plan
        .steps()
        .map(|(phase, s)| {
            let q = cmp.questions.iter().find(|q| q.id == s.question);
            let (before, after) = q.map_or((None, None), |q| (q.first, q.last));
            let reached = after.is_some_and(|a| a + EPSILON >= s.to);
            // Without a date on the follow-up, every step counts as due.
            let due = match (s.due, as_of) {
                (Some(d), Some(at)) => d <= at,
                _ => true,
            };
            let outcome = match (s.status, due, reached) {
                (StepStatus::WontDo, _, _) => Outcome::WontDo,
                (_, true, true) => Outcome::Reached,
                (_, true, false) => Outcome::Missed,
                (_, false, true) => Outcome::Early,
                (_, false, false) => Outcome::NotDue,
            };
            match outcome {
                Outcome::Reached => counts.reached += 1,
                Outcome::Missed => counts.missed += 1,
                Outcome::Early => counts.early += 1,
                Outcome::NotDue => counts.not_due += 1,
                Outcome::WontDo => counts.wont_do += 1,
            }
            StepProgress {
                id: s.id.clone(),
                question: s.question.clone(),
                title: s.title.clone(),
                phase,
                to: s.to,
                to_label: s.to_label.clone(),
                due: s.due,
                owner: s.owner.clone(),
                status: s.status,
                reason: s.reason.clone(),
                before,
                after,
                outcome,
            }
        })
        .collect();
    let planned: std::collections::HashSet<&str> =
        plan.steps().map(|(_, s)| s.question.as_str()).collect();
    let moved_without_step = cmp
        .questions
        .iter()
        .filter(|q| !planned.contains(q.id.as_str()))
        .filter(|q| match (q.first, q.last) {
            (Some(a), Some(b)) => (a - b).abs() > EPSILON,
            (None, None) => false,
            _ => true,
        })
        .map(|q| Moved {
            question: q.id.clone(),
            title: q.title.clone(),
            before: q.first,
            after: q.last,
        })
        .collect();
    Ok(Progress {
        plan: name.to_string(),
        as_of,
        steps,
        moved_without_step,
        counts,
    })
}
