//! Table rows the Markdown and HTML reports share: the same cells, each
//! format with its own escaping.

use crate::model::fmt_num;
use crate::render::num;
use crate::score::{QuestionScore, RoleScore, Scope, Scorecard, Status};

/// The columns of the area table.
pub const AREA_HEADER: [&str; 7] = [
    "Area", "Weight", "Current", "Target", "Gap", "Band", "Answered",
];
/// Which of them hold numbers.
pub const AREA_RIGHT: [bool; 7] = [false, true, true, true, true, false, true];

/// A row per area; `text` escapes user text and `gap` shows a gap.
pub fn areas(
    card: &Scorecard,
    text: fn(&str) -> String,
    gap: &dyn Fn(Option<f64>) -> String,
) -> Vec<Vec<String>> {
    card.areas
        .iter()
        .map(|a| {
            vec![
                text(&a.title),
                fmt_num(a.weight),
                num(a.current),
                num(a.target),
                gap(a.gap),
                text(a.band.as_deref().unwrap_or("-")),
                format!(
                    "{}/{}",
                    a.answered,
                    a.answered + a.not_applicable + a.unanswered
                ),
            ]
        })
        .collect()
}

/// The team sections the Markdown and HTML reports share: each role's view,
/// the perception gaps and the disagreements, as header and rows.
pub struct TeamTables {
    pub roles_header: Vec<String>,
    pub roles_right: Vec<bool>,
    pub roles: Vec<Vec<String>>,
    pub perception: Vec<Vec<String>>,
    /// How many perception gaps there are in all (the rows hold the top ones).
    pub perception_total: usize,
    pub disagreement: Vec<Vec<String>>,
    pub disagreement_total: usize,
}

/// The columns of the perception-gap table.
pub const PERCEPTION_HEADER: [&str; 5] = ["Perception gap", "Scope", "Highest", "Lowest", "Gap"];
pub const PERCEPTION_RIGHT: [bool; 5] = [false, false, false, false, true];
/// The columns of the disagreement table.
pub const DISAGREEMENT_HEADER: [&str; 6] =
    ["Question", "Respondents", "Min", "Max", "Spread", "Std dev"];
pub const DISAGREEMENT_RIGHT: [bool; 6] = [false, true, true, true, true, true];

impl TeamTables {
    /// The tables of a team report (none for one respondent), the top `top`
    /// rows of the long lists; `text` escapes user text.
    pub fn of(card: &Scorecard, top: usize, text: fn(&str) -> String) -> Option<TeamTables> {
        card.respondents?;
        let roles = card.roles.as_deref().unwrap_or_default();
        let mut roles_header = vec!["Role".to_string(), "Respondents".to_string()];
        // Headers are plain text: each format's table escapes its own.
        roles_header.extend(card.areas.iter().map(|a| a.title.clone()));
        let mut roles_right = vec![false, true];
        roles_right.extend(card.areas.iter().map(|_| true));
        let role_rows = roles
            .iter()
            .map(|r| {
                let mut row = vec![text(&r.role), r.respondents.to_string()];
                row.extend(card.areas.iter().map(|a| {
                    num(r
                        .areas
                        .iter()
                        .find(|x| x.id == a.id)
                        .and_then(|x| x.current))
                }));
                row
            })
            .collect();
        let gaps = card.perception_gaps.as_deref().unwrap_or_default();
        let perception = gaps
            .iter()
            .take(top)
            .map(|g| {
                vec![
                    text(&g.title),
                    match g.scope {
                        Scope::Area => "area".to_string(),
                        Scope::Question => text(&g.id),
                    },
                    format!("{} {:.2}", text(&g.highest.role), g.highest.current),
                    format!("{} {:.2}", text(&g.lowest.role), g.lowest.current),
                    format!("{:.2}", g.gap),
                ]
            })
            .collect();
        let all = disagreements(card);
        let disagreement = all
            .iter()
            .take(top)
            .filter_map(|q| {
                let s = q.spread?;
                Some(vec![
                    format!("{} ({})", text(&q.title), text(&q.id)),
                    s.n.to_string(),
                    num(s.min),
                    num(s.max),
                    num(s.max.zip(s.min).map(|(hi, lo)| hi - lo)),
                    num(s.stdev),
                ])
            })
            .collect();
        Some(TeamTables {
            roles_header,
            roles_right,
            roles: role_rows,
            perception,
            perception_total: gaps.len(),
            disagreement,
            disagreement_total: all.len(),
        })
    }
}

/// The questions respondents disagree on, widest range first, then the
/// largest standard deviation, then questionnaire order.
pub fn disagreements(card: &Scorecard) -> Vec<&QuestionScore> {
    let mut list: Vec<&QuestionScore> = card
        .questions
        .iter()
        .filter(|q| q.disagreement == Some(true))
        .collect();
    let key = |q: &QuestionScore| {
        q.spread.map_or((0.0, 0.0), |s| {
            (
                s.max.unwrap_or(0.0) - s.min.unwrap_or(0.0),
                s.stdev.unwrap_or(0.0),
            )
        })
    };
    list.sort_by(|a, b| {
        let (ra, sa) = key(a);
        let (rb, sb) = key(b);
        rb.total_cmp(&ra).then(sb.total_cmp(&sa))
    });
    list
}

/// The questions not applicable and those unanswered, each list named
/// (`Not applicable`, `Unanswered`) and joined with `, `; a list only when
/// it holds a question. `show` renders one question from its title and id,
/// with the format's escaping.
pub fn not_answered(
    card: &Scorecard,
    show: impl Fn(&str, &str) -> String,
) -> Vec<(&'static str, String)> {
    [
        ("Not applicable", Status::NotApplicable),
        ("Unanswered", Status::Unanswered),
    ]
    .into_iter()
    .filter_map(|(label, status)| {
        let named: Vec<String> = card
            .questions
            .iter()
            .filter(|q| q.status == status)
            .map(|q| show(&q.title, &q.id))
            .collect();
        (!named.is_empty()).then(|| (label, named.join(", ")))
    })
    .collect()
}

/// Each role's mean for a question, "Leaders 3.00; Staff 2.00", in the
/// order of the role view; "-" for a role with no level for it.
pub fn role_means(roles: &[RoleScore], question: &str, text: fn(&str) -> String) -> String {
    roles
        .iter()
        .map(|r| {
            let mean = r
                .questions
                .iter()
                .find(|rq| rq.id == question)
                .and_then(|rq| rq.current);
            format!("{} {}", text(&r.role), num(mean))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The appendix: every question with its scores and note; a team's adds
/// how many answered, the spread and (with more than one role shown) each
/// role's mean. Header, which columns hold numbers, and the rows; `text`
/// escapes user text.
pub fn appendix(
    card: &Scorecard,
    text: fn(&str) -> String,
) -> (Vec<&'static str>, Vec<bool>, Vec<Vec<String>>) {
    let team = card.respondents.is_some();
    let mut header = vec!["Question", "Area", "Current", "Target", "Gap"];
    let mut right = vec![false, false, true, true, true];
    if team {
        header.extend(["n", "Min", "Max", "Std dev"]);
        right.extend([true, true, true, true]);
    }
    let roles = card.roles.as_deref().filter(|r| r.len() > 1);
    if roles.is_some() {
        header.push("Role means");
        right.push(false);
    }
    header.push("Note");
    right.push(false);
    let rows = card
        .questions
        .iter()
        .map(|q| {
            let current = match q.status {
                Status::NotApplicable => "n/a".to_string(),
                Status::Unanswered => "unanswered".to_string(),
                Status::Answered => num(q.current),
            };
            let area = card
                .area(&q.area)
                .map_or(q.area.as_str(), |a| a.title.as_str());
            let mut row = vec![
                format!("{} ({})", text(&q.title), text(&q.id)),
                text(area),
                current,
                num(q.target),
                num(q.gap),
            ];
            if team {
                let s = q.spread.as_ref();
                row.extend([
                    s.map_or_else(|| "-".to_string(), |s| s.n.to_string()),
                    num(s.and_then(|s| s.min)),
                    num(s.and_then(|s| s.max)),
                    num(s.and_then(|s| s.stdev)),
                ]);
            }
            if let Some(roles) = roles {
                row.push(role_means(roles, &q.id, text));
            }
            row.push(text(q.note.as_deref().unwrap_or_default()));
            row
        })
        .collect();
    (header, right, rows)
}

/// The columns of the pulse table, and which hold numbers.
pub const PULSE_HEADER: [&str; 5] = ["Question", "Assessed", "Staff", "Difference", "Statements"];
pub const PULSE_RIGHT: [bool; 5] = [false, true, true, true, false];

/// The staff pulse beside the assessment: a sentence, then a row per
/// question it informs; `text` escapes user text.
pub fn pulse(card: &Scorecard, text: fn(&str) -> String) -> Option<(String, Vec<Vec<String>>)> {
    let p = card.pulse.as_ref()?;
    let apart = p.disagreements().count();
    let staff = match p.respondents {
        Some(1) => "1 member of staff".to_string(),
        Some(n) => format!("{n} members of staff"),
        None => "staff".to_string(),
    };
    let sentence = format!(
        "{staff} answered the pulse survey {} ({}); beside the {} questions its statements inform, staff and the assessment are {} levels or more apart on {apart}. Staff is the mean of the statements' answers, on the assessment's range.",
        text(&p.questionnaire),
        text(p.source.as_deref().unwrap_or("-")),
        p.rows.len(),
        crate::model::fmt_num(p.threshold),
    );
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let mut title = format!("{} ({})", text(&r.title), text(&r.question));
            if r.disagree {
                title.push_str(" - disagree");
            }
            vec![
                title,
                num(r.assessed),
                num(r.staff),
                r.difference
                    .map_or_else(|| "-".to_string(), |d| format!("{d:+.2}")),
                text(&r.statements.join(", ")),
            ]
        })
        .collect();
    Some((sentence, rows))
}
