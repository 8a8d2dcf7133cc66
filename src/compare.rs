//! Progress over time: two or more scorecards of the same questionnaire,
//! put in date order, and what moved between the first and the last.
//! Scorecards of different versions of a built-in questionnaire are
//! matched question by question: by id, or by the ids a newer question
//! `replaces`; a question only the newer version has is new, one it no
//! longer has is gone. Pure computation.

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::model::Date;
use crate::model::instrument::EPSILON;
use crate::score::{QuestionnaireInfo, Scorecard};

/// The order to compare assessments in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By assessment date, oldest first; every assessment needs a date.
    /// Assessments of the same day keep the order they were given in.
    ByDate,
    /// The order the assessments were given in; dates are not needed.
    AsGiven,
}

/// The progress between assessments.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Comparison {
    pub questionnaire: QuestionnaireInfo,
    /// The assessments, in the order compared.
    pub assessments: Vec<AssessmentRef>,
    pub overall: Change,
    pub areas: Vec<AreaChange>,
    pub questions: Vec<QuestionChange>,
    /// With `--plan`: the plan's steps against the last assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<crate::plan::progress::Progress>,
}

/// One assessment compared.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AssessmentRef {
    pub source: Option<String>,
    /// The version of the questionnaire it was made with.
    pub version: String,
    pub date: Option<Date>,
    pub organization: Option<String>,
    pub respondent: Option<String>,
}

/// How a score moved from the first assessment to the last.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    pub first: Option<f64>,
    pub last: Option<f64>,
    /// last - first.
    pub change: Option<f64>,
    /// The first assessment's target, against which the gap is measured.
    pub target: Option<f64>,
    /// (last - first) / (target - first): the share of the first
    /// assessment's gap closed; none where the first had no gap.
    pub gap_closed: Option<f64>,
    /// The score in every assessment, in order: the trend.
    pub series: Vec<Option<f64>>,
}

/// An area's progress.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AreaChange {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub change: Change,
}

/// Whether a question's level moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Improved,
    Declined,
    Unchanged,
    /// Not answered with a level in the first or the last assessment.
    NotComparable,
    /// Not in the first assessment's version of the questionnaire.
    New,
    /// Not in the last assessment's version of the questionnaire.
    Gone,
}

impl Movement {
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::Improved => "improved",
            Movement::Declined => "declined",
            Movement::Unchanged => "unchanged",
            Movement::NotComparable => "not comparable",
            Movement::New => "new",
            Movement::Gone => "gone",
        }
    }
}

/// A question's progress.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionChange {
    pub id: String,
    pub area: String,
    pub title: String,
    pub first: Option<f64>,
    pub last: Option<f64>,
    pub change: Option<f64>,
    pub status: Movement,
    pub series: Vec<Option<f64>>,
}

impl Comparison {
    /// The questions with this movement, in questionnaire order.
    pub fn questions_with(&self, status: Movement) -> impl Iterator<Item = &QuestionChange> {
        self.questions.iter().filter(move |q| q.status == status)
    }

    /// A short name for each assessment: its date, else its source.
    pub fn labels(&self) -> Vec<String> {
        self.assessments
            .iter()
            .enumerate()
            .map(|(i, a)| match (&a.date, &a.source) {
                (Some(d), _) => d.to_string(),
                (None, Some(s)) => s.clone(),
                (None, None) => format!("#{}", i + 1),
            })
            .collect()
    }
}

/// Compares scorecards of one questionnaire. Fails, naming the file, when
/// there are fewer than two, when they are of different questionnaires, or
/// (in date order) when one has no date.
pub fn compare(mut cards: Vec<Scorecard>, order: Order) -> Result<Comparison, Error> {
    let name = |c: &Scorecard| {
        c.assessment
            .source
            .clone()
            .unwrap_or_else(|| "<input>".into())
    };
    if cards.len() < 2 {
        return Err(Diagnostic::new(
            cards.first().map_or_else(|| "compare".into(), name),
            "a comparison needs at least two assessments",
        )
        .help("pass the earlier and the later answers files: itsm-assess compare BEFORE AFTER")
        .into());
    }
    let mut problems = Vec::new();
    let questionnaire = cards[0].questionnaire.id.clone();
    for c in &cards[1..] {
        if c.questionnaire.id != questionnaire {
            problems.push(
                Diagnostic::new(
                    name(c),
                    format!(
                        "is an assessment of questionnaire \"{}\", but {} is of \"{questionnaire}\"",
                        c.questionnaire.id,
                        name(&cards[0])
                    ),
                )
                .key("assessment.questionnaire")
                .help("compare only assessments made with the same questionnaire"),
            );
        }
    }
    if order == Order::ByDate {
        for c in &cards {
            if c.assessment.date.is_none() {
                problems.push(
                    Diagnostic::new(
                        name(c),
                        "has no assessment date, so the assessments cannot be put in date order",
                    )
                    .key("assessment.date")
                    .help("add date = YYYY-MM-DD under [assessment], or pass --keep-order to compare in the order given"),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if order == Order::ByDate {
        // Stable: assessments of the same day keep the order given.
        cards.sort_by_key(|c| c.assessment.date);
    }

    let (first, last) = (&cards[0], &cards[cards.len() - 1]);
    let overall = change(
        first.overall.current,
        first.overall.target,
        last.overall.current,
        cards.iter().map(|c| c.overall.current).collect(),
    );
    // The newest version's areas and questions, then what only an older
    // one had.
    let mut area_list: Vec<(&str, &str)> = Vec::new();
    for c in cards.iter().rev() {
        for a in &c.areas {
            if !area_list.iter().any(|(id, _)| *id == a.id) {
                area_list.push((&a.id, &a.title));
            }
        }
    }
    let in_order: Vec<&str> = last.areas.iter().map(|a| a.id.as_str()).collect();
    area_list.sort_by_key(|(id, _)| in_order.iter().position(|x| x == id).unwrap_or(usize::MAX));
    let areas = area_list
        .iter()
        .map(|(id, title)| {
            let series: Vec<Option<f64>> = cards
                .iter()
                .map(|c| c.area(id).and_then(|x| x.current))
                .collect();
            let first_area = first.area(id);
            AreaChange {
                id: id.to_string(),
                title: title.to_string(),
                change: change(
                    first_area.and_then(|a| a.current),
                    first_area.and_then(|a| a.target),
                    series[series.len() - 1],
                    series,
                ),
            }
        })
        .collect();
    let replaces = replacements(&last.questionnaire);
    let find = |c, id| find_question(c, id, &replaces);
    let mut matched: Vec<&str> = Vec::new();
    let mut questions: Vec<QuestionChange> = last
        .questions
        .iter()
        .map(|q| {
            matched.push(&q.id);
            let series: Vec<Option<f64>> = cards
                .iter()
                .map(|c| find(c, &q.id).and_then(|x| x.current))
                .collect();
            let before = find(first, &q.id);
            let start = before.and_then(|b| b.current);
            let end = series[series.len() - 1];
            let delta = start.zip(end).map(|(f, l)| l - f);
            let status = match (before, delta) {
                (None, _) => Movement::New,
                (Some(_), None) => Movement::NotComparable,
                (Some(_), Some(d)) if d > EPSILON => Movement::Improved,
                (Some(_), Some(d)) if d < -EPSILON => Movement::Declined,
                (Some(_), Some(_)) => Movement::Unchanged,
            };
            QuestionChange {
                id: q.id.clone(),
                area: q.area.clone(),
                title: q.title.clone(),
                first: start,
                last: end,
                change: delta,
                status,
                series,
            }
        })
        .collect();
    for c in &cards {
        for q in &c.questions {
            let replaced = replaces.iter().any(|(_, old)| *old == q.id);
            if matched.contains(&q.id.as_str()) || replaced {
                continue;
            }
            matched.push(&q.id);
            let series: Vec<Option<f64>> = cards
                .iter()
                .map(|c| c.question(&q.id).and_then(|x| x.current))
                .collect();
            questions.push(QuestionChange {
                id: q.id.clone(),
                area: q.area.clone(),
                title: q.title.clone(),
                first: series[0],
                last: None,
                change: None,
                status: Movement::Gone,
                series,
            });
        }
    }

    Ok(Comparison {
        plan: None,
        questionnaire: last.questionnaire.clone(),
        assessments: cards
            .iter()
            .map(|c| AssessmentRef {
                source: c.assessment.source.clone(),
                version: c.questionnaire.version.clone(),
                date: c.assessment.date,
                organization: c.assessment.organization.clone(),
                respondent: c.assessment.respondent.clone(),
            })
            .collect(),
        overall,
        areas,
        questions,
    })
}

/// A question of a scorecard: by id, or by an id it replaces.
fn find_question<'c>(
    c: &'c Scorecard,
    id: &str,
    replaces: &[(String, String)],
) -> Option<&'c crate::score::QuestionScore> {
    c.question(id).or_else(|| {
        replaces
            .iter()
            .filter(|(new, _)| new == id)
            .find_map(|(_, old)| c.question(old))
    })
}

/// (new id, old id) for every old question a question of this built-in
/// questionnaire's version replaces; none for a questionnaire of one's own.
fn replacements(q: &QuestionnaireInfo) -> Vec<(String, String)> {
    crate::builtin::BuiltIn::parsed()
        .iter()
        .filter(|(b, _)| b.id == q.id && b.version == q.version)
        .flat_map(|(_, parsed)| {
            parsed.questions().flat_map(|(_, n)| {
                n.replaces
                    .iter()
                    .map(move |old| (n.id.clone(), old.clone()))
            })
        })
        .collect()
}

fn change(
    first: Option<f64>,
    target: Option<f64>,
    last: Option<f64>,
    series: Vec<Option<f64>>,
) -> Change {
    Change {
        first,
        last,
        change: first.zip(last).map(|(f, l)| l - f),
        target,
        gap_closed: gap_closed(first, target, last),
        series,
    }
}

/// (last - first) / (target - first), or none where the first had no gap.
pub fn gap_closed(first: Option<f64>, target: Option<f64>, last: Option<f64>) -> Option<f64> {
    let (first, target, last) = (first?, target?, last?);
    let gap = target - first;
    (gap > EPSILON).then(|| (last - first) / gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Answers, Assessment, Instrument};
    use crate::score::{AssessmentInfo, score};

    fn instrument() -> Instrument {
        BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
    }

    fn card(
        i: &Instrument,
        source: &str,
        date: Option<&str>,
        answers: &[(&str, f64)],
    ) -> Scorecard {
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            date: date.map(|d| Date::parse(d).unwrap()),
            ..Assessment::default()
        });
        for (id, v) in answers {
            a.set(id, Answer::level(*v));
        }
        let info = AssessmentInfo {
            source: Some(source.into()),
            ..AssessmentInfo::default()
        };
        score(i, &a, None, info)
    }

    #[test]
    fn versions_are_matched_by_id_and_by_what_a_question_replaces() {
        let old = BuiltIn::find_version("itsm-core", "1.0.0")
            .unwrap()
            .instrument()
            .unwrap();
        let new = BuiltIn::find_version("itsm-core", "2.0.0")
            .unwrap()
            .instrument()
            .unwrap();
        let before = card(
            &old,
            "old.toml",
            Some("2026-01-01"),
            &[("processes.incident", 2.0)],
        );
        let after = card(
            &new,
            "new.toml",
            Some("2026-07-01"),
            &[("processes.incident", 3.0), ("processes.supplier", 2.0)],
        );
        let cmp = compare(vec![before.clone(), after.clone()], Order::ByDate).unwrap();
        let q = |id: &str| cmp.questions.iter().find(|q| q.id == id).unwrap();
        assert_eq!(q("processes.incident").status, Movement::Improved);
        assert_eq!(q("processes.supplier").status, Movement::New);
        assert_eq!(q("processes.supplier").series, [None, Some(2.0)]);
        let new_ones = cmp.questions_with(Movement::New).count();
        assert_eq!(new_ones, new.question_count() - old.question_count());
        assert_eq!(cmp.questionnaire.version, "2.0.0");
        let versions: Vec<&str> = cmp.assessments.iter().map(|a| a.version.as_str()).collect();
        assert_eq!(versions, ["1.0.0", "2.0.0"]);
        // Compared the other way round, the new questions are gone.
        let back = compare(vec![after, before.clone()], Order::AsGiven).unwrap();
        assert_eq!(
            back.questions_with(Movement::Gone).count(),
            new_ones,
            "what the last version lacks"
        );
        // A question that replaces an old one is matched with its answer.
        let replaces = [(
            "processes.new-incident".to_string(),
            "processes.incident".to_string(),
        )];
        let found = find_question(&before, "processes.new-incident", &replaces).unwrap();
        assert_eq!(found.current, Some(2.0));
        assert!(find_question(&before, "processes.nothing", &replaces).is_none());
    }

    #[test]
    fn gap_closed_is_the_share_of_the_first_gap() {
        assert_eq!(gap_closed(Some(1.0), Some(3.0), Some(2.0)), Some(0.5));
        assert_eq!(gap_closed(Some(1.0), Some(3.0), Some(3.5)), Some(1.25));
        assert_eq!(gap_closed(Some(2.0), Some(3.0), Some(1.0)), Some(-1.0));
        // No gap at first (at or above target), or a missing score: none.
        assert_eq!(gap_closed(Some(3.0), Some(3.0), Some(4.0)), None);
        assert_eq!(gap_closed(Some(4.0), Some(3.0), Some(4.0)), None);
        assert_eq!(gap_closed(None, Some(3.0), Some(4.0)), None);
        assert_eq!(gap_closed(Some(1.0), Some(3.0), None), None);
    }

    #[test]
    fn assessments_are_put_in_date_order_and_questions_classified() {
        let i = instrument();
        let later = card(
            &i,
            "after.toml",
            Some("2027-06-01"),
            &[
                ("processes.incident", 3.0),
                ("processes.request", 1.0),
                ("processes.problem", 2.0),
            ],
        );
        let earlier = card(
            &i,
            "before.toml",
            Some("2026-06-01"),
            &[
                ("processes.incident", 1.0),
                ("processes.request", 2.0),
                ("processes.problem", 2.0),
                ("processes.change", 1.0),
            ],
        );
        let cmp = compare(vec![later, earlier], Order::ByDate).unwrap();
        assert_eq!(cmp.labels(), ["2026-06-01", "2027-06-01"]);
        assert_eq!(cmp.assessments[0].source.as_deref(), Some("before.toml"));
        let q = |id: &str| cmp.questions.iter().find(|q| q.id == id).unwrap();
        assert_eq!(
            (
                q("processes.incident").status,
                q("processes.incident").change
            ),
            (Movement::Improved, Some(2.0))
        );
        assert_eq!(q("processes.request").status, Movement::Declined);
        assert_eq!(q("processes.problem").status, Movement::Unchanged);
        // Answered before, not after: nothing to compare.
        assert_eq!(
            (q("processes.change").status, q("processes.change").change),
            (Movement::NotComparable, None)
        );
        assert_eq!(
            cmp.questions_with(Movement::Improved)
                .map(|q| q.id.as_str())
                .collect::<Vec<_>>(),
            ["processes.incident"]
        );
        // Area "processes": mean 1.5 before (4 answers: 1,2,2,1), 2 after (3,1,2).
        let processes = &cmp.areas[0].change;
        assert_eq!((processes.first, processes.last), (Some(1.5), Some(2.0)));
        assert_eq!(processes.change, Some(0.5));
        // Built-in target 3 (processes.improvement weighs 1.5 but is unanswered).
        assert_eq!(processes.target, Some(3.0));
        assert_eq!(processes.gap_closed, Some(0.5 / 1.5));
        assert_eq!(processes.series, [Some(1.5), Some(2.0)]);
        // Areas without answers in the first have nothing to compare.
        let tools = &cmp.areas[1].change;
        assert_eq!(
            (tools.first, tools.change, tools.gap_closed),
            (None, None, None)
        );
        assert_eq!(cmp.overall.first, processes.first);
        assert_eq!(cmp.overall.gap_closed, processes.gap_closed);
    }

    #[test]
    fn more_than_two_give_a_series_first_to_last() {
        let i = instrument();
        let cards = vec![
            card(&i, "b.toml", Some("2026-03-01"), &[("tools.cmdb", 2.0)]),
            card(&i, "c.toml", Some("2026-09-01"), &[("tools.cmdb", 1.0)]),
            card(&i, "a.toml", Some("2025-09-01"), &[("tools.cmdb", 0.0)]),
        ];
        let cmp = compare(cards, Order::ByDate).unwrap();
        let tools = cmp.areas.iter().find(|a| a.id == "tools").unwrap();
        assert_eq!(tools.change.series, [Some(0.0), Some(2.0), Some(1.0)]);
        assert_eq!(
            (tools.change.first, tools.change.last),
            (Some(0.0), Some(1.0))
        );
        assert_eq!(tools.change.gap_closed, Some(1.0 / 3.0));
        let cmdb = cmp.questions.iter().find(|q| q.id == "tools.cmdb").unwrap();
        assert_eq!(cmdb.series, [Some(0.0), Some(2.0), Some(1.0)]);
        assert_eq!(cmdb.status, Movement::Improved);
    }

    #[test]
    fn missing_dates_are_an_error_naming_the_file_unless_the_order_is_kept() {
        let i = instrument();
        let cards = vec![
            card(
                &i,
                "before.toml",
                Some("2026-06-01"),
                &[("tools.cmdb", 2.0)],
            ),
            card(&i, "after.toml", None, &[("tools.cmdb", 1.0)]),
        ];
        let err = compare(cards.clone(), Order::ByDate).unwrap_err();
        assert_eq!(
            err.to_string(),
            "after.toml: assessment.date: has no assessment date, so the assessments cannot be put in date order\n  \
             help: add date = YYYY-MM-DD under [assessment], or pass --keep-order to compare in the order given"
        );
        let cmp = compare(cards, Order::AsGiven).unwrap();
        assert_eq!(cmp.labels(), ["2026-06-01", "after.toml"]);
        assert_eq!(
            cmp.questions
                .iter()
                .find(|q| q.id == "tools.cmdb")
                .unwrap()
                .status,
            Movement::Declined
        );
    }

    #[test]
    fn assessments_of_another_questionnaire_are_refused() {
        let i = instrument();
        let mut other = card(&i, "other.toml", Some("2026-07-01"), &[]);
        other.questionnaire.id = "other".into();
        let cards = vec![card(&i, "mine.toml", Some("2026-06-01"), &[]), other];
        let err = compare(cards, Order::ByDate).unwrap_err();
        assert_eq!(
            err.to_string(),
            "other.toml: assessment.questionnaire: is an assessment of questionnaire \"other\", but mine.toml is of \"itsm-core\"\n  \
             help: compare only assessments made with the same questionnaire"
        );
    }

    #[test]
    fn same_day_keeps_the_order_given_and_one_assessment_is_refused() {
        let i = instrument();
        let cards = vec![
            card(&i, "x.toml", Some("2026-06-01"), &[]),
            card(&i, "y.toml", Some("2026-06-01"), &[]),
        ];
        let cmp = compare(cards, Order::ByDate).unwrap();
        assert_eq!(cmp.labels(), ["2026-06-01", "2026-06-01"]);
        assert_eq!(cmp.assessments[1].source.as_deref(), Some("y.toml"));
        let one = vec![card(&i, "x.toml", Some("2026-06-01"), &[])];
        let err = compare(one, Order::ByDate).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.toml: a comparison needs at least two assessments"),
            "{err}"
        );
    }
}
