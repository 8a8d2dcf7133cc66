//! Asking who is assessed, by whom and when, for what the command line left out.

use super::{Prompter, Stop};
use crate::model::{Assessment, Date};

/// A request for one line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRequest {
    /// What is asked, e.g. "Organisation".
    pub label: &'static str,
    /// What an empty answer stands for, shown with the prompt.
    pub default: Option<String>,
    /// What was wrong with the previous answer, when it is asked again.
    pub problem: Option<String>,
}

/// Asks for the organisation, respondent, role and date the assessment
/// does not have yet. Names left empty stay unknown; the date defaults to
/// `today` and is asked again until it is a date.
pub fn ask_assessment(
    assessment: &mut Assessment,
    prompter: &mut dyn Prompter,
    today: Date,
) -> Result<(), Stop> {
    ask_assessment_from(assessment, prompter, today, None)
}

/// As [`ask_assessment`], for a re-assessment: the organisation, respondent
/// and role of the `last` assessment are each offered as the default (an
/// empty answer keeps it). The date still defaults to `today`: a new
/// assessment is made now.
pub fn ask_assessment_from(
    assessment: &mut Assessment,
    prompter: &mut dyn Prompter,
    today: Date,
    last: Option<&Assessment>,
) -> Result<(), Stop> {
    for (label, field, before) in [
        (
            "Organisation",
            &mut assessment.organization,
            last.and_then(|l| l.organization.clone()),
        ),
        (
            "Respondent",
            &mut assessment.respondent,
            last.and_then(|l| l.respondent.clone()),
        ),
        (
            "Role",
            &mut assessment.role,
            last.and_then(|l| l.role.clone()),
        ),
    ] {
        if field.is_none() {
            *field = ask_line(prompter, label, before)?;
        }
    }
    if assessment.date.is_none() {
        let mut request = TextRequest {
            label: "Date",
            default: Some(today.to_string()),
            problem: None,
        };
        loop {
            let text = prompter.ask_text(&request)?;
            let text = text.trim();
            if text.is_empty() {
                assessment.date = Some(today);
                break;
            }
            match Date::parse(text) {
                Some(date) => {
                    assessment.date = Some(date);
                    break;
                }
                None => {
                    request.problem = Some(format!(
                        "\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. {today}"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// After the last question: what was assessed, how, by whom, and the
/// assessor's summary, for the report's header; each optional (an empty
/// answer leaves it out) and asked only when not given yet. Says whether
/// anything was added.
pub fn ask_context(assessment: &mut Assessment, prompter: &mut dyn Prompter) -> Result<bool, Stop> {
    ask_context_from(assessment, prompter, None)
}

/// As [`ask_context`], for a re-assessment: the `last` assessment's scope,
/// method and assessor are offered as defaults (an empty answer keeps
/// them); its summary is not, since it spoke of the last state.
pub fn ask_context_from(
    assessment: &mut Assessment,
    prompter: &mut dyn Prompter,
    last: Option<&Assessment>,
) -> Result<bool, Stop> {
    let mut changed = false;
    for (label, field, before) in [
        (
            "Scope of the assessment (optional, Enter skips)",
            &mut assessment.scope,
            last.and_then(|l| l.scope.clone()),
        ),
        (
            "Method, e.g. interview, workshop (optional)",
            &mut assessment.method,
            last.and_then(|l| l.method.clone()),
        ),
        (
            "Assessor (optional)",
            &mut assessment.assessor,
            last.and_then(|l| l.assessor.clone()),
        ),
        (
            "Your summary in a sentence (optional)",
            &mut assessment.summary,
            None,
        ),
    ] {
        if field.is_some() {
            continue;
        }
        *field = ask_line(prompter, label, before)?;
        changed |= field.is_some();
    }
    Ok(changed)
}

/// One line of optional text, asked again while it is longer than an
/// answers file may hold (the limit it is read back with); `default` (or
/// `None`) when left empty.
fn ask_line(
    prompter: &mut dyn Prompter,
    label: &'static str,
    default: Option<String>,
) -> Result<Option<String>, Stop> {
    let mut request = TextRequest {
        label,
        default,
        problem: None,
    };
    loop {
        let text = prompter.ask_text(&request)?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(request.default);
        }
        match crate::limits::too_long(text) {
            None => return Ok(Some(text.to_string())),
            Some(problem) => request.problem = Some(format!("This text {problem}; shorten it.")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::tests::{Script, Step};

    fn today() -> Date {
        Date::parse("2026-11-20").unwrap()
    }

    #[test]
    fn asks_only_for_what_is_missing() {
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme".into()),
            ..Assessment::default()
        };
        let mut script = Script::new(vec![
            Step::Text("  Dana Lee "),
            Step::Text(""),
            Step::Text("2026-12-01"),
        ]);
        ask_assessment(&mut a, &mut script, today()).unwrap();
        assert_eq!(a.organization.as_deref(), Some("Acme"));
        assert_eq!(a.respondent.as_deref(), Some("Dana Lee"));
        assert_eq!(a.role, None);
        assert_eq!(a.date, Date::parse("2026-12-01"));
        let requests = script.text_requests();
        let labels: Vec<_> = requests.iter().map(|r| r.label).collect();
        assert_eq!(labels, ["Respondent", "Role", "Date"]);
        assert_eq!(requests[2].default.as_deref(), Some("2026-11-20"));
    }

    #[test]
    fn a_reassessment_offers_the_last_names_and_enter_keeps_them() {
        let last = Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme".into()),
            respondent: Some("Dana Lee".into()),
            role: Some("Lead".into()),
            date: Date::parse("2026-05-01"),
            ..Assessment::default()
        };
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            ..Assessment::default()
        };
        let mut script = Script::new(vec![
            Step::Text(""),
            Step::Text("Sam Ortiz"),
            Step::Text(" "),
            Step::Text(""),
        ]);
        ask_assessment_from(&mut a, &mut script, today(), Some(&last)).unwrap();
        assert_eq!(a.organization.as_deref(), Some("Acme"));
        assert_eq!(a.respondent.as_deref(), Some("Sam Ortiz"));
        assert_eq!(a.role.as_deref(), Some("Lead"));
        // The new assessment is dated today, not when the last one was.
        assert_eq!(a.date, Some(today()));
        let defaults: Vec<_> = script
            .text_requests()
            .into_iter()
            .map(|r| r.default)
            .collect();
        assert_eq!(
            defaults,
            [
                Some("Acme".into()),
                Some("Dana Lee".into()),
                Some("Lead".into()),
                Some("2026-11-20".into())
            ]
        );
    }

    #[test]
    fn date_defaults_to_today_and_is_asked_again_until_valid() {
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme".into()),
            respondent: Some("Dana".into()),
            role: Some("Lead".into()),
            date: None,
            ..Assessment::default()
        };
        let mut script = Script::new(vec![
            Step::Text("2026-02-30"),
            Step::Text("tomorrow"),
            Step::Text(""),
        ]);
        ask_assessment(&mut a, &mut script, today()).unwrap();
        assert_eq!(a.date, Some(today()));
        let problems: Vec<_> = script
            .text_requests()
            .into_iter()
            .map(|r| r.problem)
            .collect();
        assert_eq!(
            problems,
            [
                None,
                Some(
                    "\"2026-02-30\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20".into()
                ),
                Some("\"tomorrow\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20".into()),
            ]
        );
    }

    #[test]
    fn stopping_leaves_the_rest_unasked() {
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            ..Assessment::default()
        };
        let mut script = Script::new(vec![Step::Text("Acme"), Step::Stop(Stop::Interrupt)]);
        let stop = ask_assessment(&mut a, &mut script, today()).unwrap_err();
        assert!(matches!(stop, Stop::Interrupt), "{stop:?}");
        assert_eq!(a.organization.as_deref(), Some("Acme"));
        assert_eq!(a.respondent, None);
    }

    #[test]
    fn the_context_is_asked_once_at_the_end_and_empty_answers_leave_it_out() {
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            method: Some("Workshop".into()),
            ..Assessment::default()
        };
        let mut script = Script::new(vec![
            Step::Text(" Service desk "),
            Step::Text("J. Berger"),
            Step::Text(""),
        ]);
        assert!(matches!(ask_context(&mut a, &mut script), Ok(true)));
        assert!(script.is_done(), "method was given: not asked");
        assert_eq!(a.scope.as_deref(), Some("Service desk"));
        assert_eq!(a.method.as_deref(), Some("Workshop"));
        assert_eq!(a.assessor.as_deref(), Some("J. Berger"));
        assert_eq!(a.summary, None);
    }
}
