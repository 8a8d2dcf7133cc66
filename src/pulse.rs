//! A staff pulse survey set beside the assessment it informs: for each
//! question of the assessment that a pulse statement `informs`, the level
//! the assessment gives it and the staff's answers to those statements, on
//! the same range, so a report shows where staff and the assessment
//! disagree. Pure computation on two scorecards.

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::model::Questionnaire;
use crate::model::instrument::EPSILON;
use crate::score::Scorecard;

/// The pulse beside the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PulseView {
    /// The pulse survey's input, as named.
    pub source: Option<String>,
    /// The pulse questionnaire, `id version`.
    pub questionnaire: String,
    /// Staff who answered the pulse.
    pub respondents: Option<u64>,
    /// Staff and assessment disagree when they are this far apart (the
    /// assessment rubric's `gap.disagreement`).
    pub threshold: f64,
    /// A row per question of the assessment some statement informs, those
    /// where staff and the assessment disagree first, then by how far
    /// apart they are.
    pub rows: Vec<PulseRow>,
}

/// One question of the assessment and what the staff said about it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PulseRow {
    pub question: String,
    pub title: String,
    /// The level the assessment gives it.
    pub assessed: Option<f64>,
    /// The mean of the staff's answers to the statements that inform it.
    pub staff: Option<f64>,
    /// staff - assessed.
    pub difference: Option<f64>,
    /// The ids of the pulse statements that inform it.
    pub statements: Vec<String>,
    /// Whether the two are at least `threshold` apart.
    pub disagree: bool,
}

impl PulseView {
    /// The rows where staff and the assessment disagree.
    pub fn disagreements(&self) -> impl Iterator<Item = &PulseRow> {
        self.rows.iter().filter(|r| r.disagree)
    }
}

/// Sets the pulse scorecard (`pulse`, of questionnaire `statements`) beside
/// the assessment's (`core`). Fails when no statement informs a question of
/// the assessment: then it is not a pulse survey for it.
pub fn beside(
    core: &Scorecard,
    pulse: &Scorecard,
    statements: &Questionnaire,
    threshold: f64,
) -> Result<PulseView, Error> {
    let source = pulse.assessment.source.clone();
    let mut rows = Vec::new();
    for q in &core.questions {
        let informing: Vec<&str> = statements
            .questions()
            .filter(|(_, s)| s.informs.contains(&q.id))
            .map(|(_, s)| s.id.as_str())
            .collect();
        if informing.is_empty() {
            continue;
        }
        let values: Vec<f64> = informing
            .iter()
            .filter_map(|id| pulse.question(id).and_then(|s| s.current))
            .collect();
        let staff = (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
        let difference = staff.zip(q.current).map(|(s, a)| s - a);
        rows.push(PulseRow {
            question: q.id.clone(),
            title: q.title.clone(),
            assessed: q.current,
            staff,
            difference,
            statements: informing.iter().map(|s| s.to_string()).collect(),
            disagree: difference.is_some_and(|d| d.abs() + EPSILON >= threshold),
        });
    }
    if rows.is_empty() {
        return Err(Diagnostic::new(
            source.unwrap_or_else(|| "the pulse survey".into()),
            format!(
                "no statement of \"{}\" informs a question of \"{}\"",
                statements.id, core.questionnaire.id
            ),
        )
        .help("--pulse takes the answers to a pulse survey whose statements name the assessment's questions in `informs`, e.g. the built-in itsm-pulse")
        .into());
    }
    // Stable: questionnaire order among equals.
    rows.sort_by(|a, b| {
        b.disagree.cmp(&a.disagree).then_with(|| {
            let far = |r: &PulseRow| r.difference.map_or(-1.0, f64::abs);
            far(b).total_cmp(&far(a))
        })
    });
    Ok(PulseView {
        source: pulse.assessment.source.clone(),
        questionnaire: format!("{} {}", pulse.questionnaire.id, pulse.questionnaire.version),
        respondents: pulse.respondents,
        threshold,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Answers, Assessment, Instrument};
    use crate::score::{AssessmentInfo, score};

    fn card(i: &Instrument, answers: &[(&str, f64)]) -> Scorecard {
        let mut a = Answers::new(Assessment {
            questionnaire: i.questionnaire.id.clone(),
            ..Assessment::default()
        });
        for (id, v) in answers {
            a.set(id, Answer::level(*v));
        }
        score(i, &a, None, AssessmentInfo::default())
    }

    #[test]
    fn staff_answers_are_set_beside_the_questions_they_inform() {
        let core = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let pulse = BuiltIn::find("itsm-pulse").unwrap().instrument().unwrap();
        // The statements that inform leadership, and one value for each.
        let informing: Vec<&str> = pulse
            .questionnaire
            .questions()
            .filter(|(_, s)| s.informs.iter().any(|i| i == "management.leadership"))
            .map(|(_, s)| s.id.as_str())
            .collect();
        assert!(!informing.is_empty());
        let scale = pulse.scale();
        let (low, high) = (scale[0].value, scale[scale.len() - 1].value);
        let given: Vec<(&str, f64)> = informing.iter().map(|id| (*id, low)).collect();
        let staff = card(&pulse, &given);
        let assessed = card(&core, &[("management.leadership", 4.0)]);
        let view = beside(&assessed, &staff, &pulse.questionnaire, 2.0).unwrap();
        let row = &view.rows[0];
        assert_eq!(row.question, "management.leadership");
        assert_eq!(row.staff, Some(low));
        assert_eq!(row.difference, Some(low - 4.0));
        assert!(row.disagree, "{row:?}");
        assert_eq!(row.statements, informing);
        assert_eq!(view.disagreements().count(), 1);
        // Agreeing staff: no disagreement.
        let given: Vec<(&str, f64)> = informing.iter().map(|id| (*id, high)).collect();
        let view = beside(&assessed, &card(&pulse, &given), &pulse.questionnaire, 2.0).unwrap();
        let row = view
            .rows
            .iter()
            .find(|r| r.question == "management.leadership")
            .unwrap();
        assert!(!row.disagree);
        // Every question some statement informs has a row, answered or not.
        let informed: std::collections::BTreeSet<&str> = pulse
            .questionnaire
            .questions()
            .flat_map(|(_, s)| s.informs.iter().map(String::as_str))
            .collect();
        assert_eq!(view.rows.len(), informed.len());
    }

    #[test]
    fn a_questionnaire_that_informs_nothing_is_not_a_pulse() {
        let core = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let a = card(&core, &[("processes.incident", 2.0)]);
        let e = beside(&a, &a, &core.questionnaire, 2.0)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no statement of \"itsm-core\" informs a question of \"itsm-core\""),
            "{e}"
        );
    }
}
