//! The terminal report: plain text and tables.

use std::fmt::Write;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use crate::model::{Instrument, fmt_num};
use crate::render::{Style, bar, level_name, num};
use crate::score::{QuestionScore, Scope, Scorecard};

/// A table in the house style; styled (bold header, coloured cells) only
/// when `color` is on, so plain output never carries escape codes.
pub fn new_table(header: &[&str], color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling().set_header(
            header
                .iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    } else {
        t.set_header(header.iter().map(Cell::new));
    }
    t
}

/// A right-aligned number cell.
pub fn num_cell(v: Option<f64>) -> Cell {
    Cell::new(num(v)).set_alignment(CellAlignment::Right)
}

/// A cell coloured by the size of a gap, when colour is on.
pub fn gap_cell(gap: Option<f64>, critical: f64, style: &Style) -> Cell {
    let cell = num_cell(gap);
    if !style.color {
        return cell;
    }
    match gap {
        Some(g) if g >= critical - 1e-9 => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Some(g) if g > 1e-9 => cell.fg(Color::Yellow),
        Some(_) => cell.fg(Color::Green),
        None => cell,
    }
}

/// Renders the gap report of one assessment.
pub fn report(card: &Scorecard, instrument: &Instrument, style: &Style) -> String {
    let mut out = String::new();
    header(&mut out, card);
    let critical = instrument.rubric.gap.critical;
    let o = &card.overall;
    let _ = writeln!(
        out,
        "Overall: current {}, target {}, gap {}, band {}\n",
        num(o.current),
        num(o.target),
        num(o.gap),
        o.band.as_deref().unwrap_or("-")
    );

    let mut areas = new_table(
        &[
            "Area",
            "Weight",
            "Current",
            "Target",
            "Gap",
            "Band",
            "Answered",
            "Current vs target",
        ],
        style.color,
    );
    for a in &card.areas {
        areas.add_row(vec![
            Cell::new(&a.title),
            Cell::new(fmt_num(a.weight)).set_alignment(CellAlignment::Right),
            num_cell(a.current),
            num_cell(a.target),
            gap_cell(a.gap, critical, style),
            Cell::new(a.band.as_deref().unwrap_or("-")),
            Cell::new(format!(
                "{}/{}",
                a.answered,
                a.answered + a.not_applicable + a.unanswered
            ))
            .set_alignment(CellAlignment::Right),
            Cell::new(bar(instrument, a.current, a.target, 20)),
        ]);
    }
    let _ = writeln!(out, "{areas}");
    let _ = writeln!(
        out,
        "Bar: # current, | target, on the {} to {} scale.\n",
        fmt_num(instrument.range().0),
        fmt_num(instrument.range().1)
    );
    team(&mut out, card, style);

    let top: Vec<&QuestionScore> = card
        .priorities
        .iter()
        .take(style.top)
        .filter_map(|id| card.question(id))
        .collect();
    if top.is_empty() {
        let _ = writeln!(
            out,
            "Top gaps: none; every answered question meets its target.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "Top gaps by priority ({} of {}):",
            top.len(),
            card.priorities.len()
        );
        let mut gaps = new_table(
            &[
                "#", "Question", "Area", "Current", "Target", "Gap", "Priority", "Flags",
            ],
            style.color,
        );
        for (i, q) in top.iter().enumerate() {
            let mut flags = Vec::new();
            if q.critical {
                flags.push("critical");
            }
            if q.quick_win {
                flags.push("quick win");
            }
            let mut flag_cell = Cell::new(flags.join(", "));
            if style.color && q.critical {
                flag_cell = flag_cell.fg(Color::Red);
            }
            gaps.add_row(vec![
                Cell::new(i + 1).set_alignment(CellAlignment::Right),
                Cell::new(format!("{}\n{}", q.title, q.id)),
                Cell::new(area_title(card, &q.area)),
                num_cell(q.current),
                num_cell(q.target),
                gap_cell(q.gap, critical, style),
                num_cell(q.priority),
                flag_cell,
            ]);
        }
        let _ = writeln!(out, "{gaps}\n");
    }

    let _ = writeln!(out, "Quick wins ({}):", card.quick_wins.len());
    if card.quick_wins.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for q in card.quick_wins.iter().filter_map(|id| card.question(id)) {
        let _ = writeln!(out, "  - {} ({}): {}", q.title, q.id, step(instrument, q));
    }
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "Strengths, at or above target ({}):",
        card.strengths.len()
    );
    if card.strengths.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for q in card.strengths.iter().filter_map(|id| card.question(id)) {
        let _ = writeln!(
            out,
            "  - {} ({}): {} against target {}",
            q.title,
            q.id,
            q.current
                .map_or_else(|| "-".into(), |c| level_name(instrument, c)),
            q.target.map_or_else(|| "-".into(), fmt_num)
        );
    }

    let notes: Vec<&QuestionScore> = card.questions.iter().filter(|q| q.note.is_some()).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNotes:");
        for q in notes {
            let _ = writeln!(
                out,
                "  - {} ({}): {}",
                q.title,
                q.id,
                q.note.as_deref().unwrap_or_default()
            );
        }
    }
    out
}

/// The team sections: each role's view, the perception gaps between roles,
/// and the questions the respondents disagree on.
fn team(out: &mut String, card: &Scorecard, style: &Style) {
    if let Some(roles) = card.roles.as_ref().filter(|r| r.len() > 1) {
        let mut header = vec!["Role", "Respondents"];
        header.extend(card.areas.iter().map(|a| a.title.as_str()));
        let mut t = new_table(&header, style.color);
        for role in roles {
            let mut row = vec![
                Cell::new(&role.role),
                Cell::new(role.respondents).set_alignment(CellAlignment::Right),
            ];
            for area in &card.areas {
                row.push(num_cell(
                    role.areas
                        .iter()
                        .find(|a| a.id == area.id)
                        .and_then(|a| a.current),
                ));
            }
            t.add_row(row);
        }
        let _ = writeln!(out, "By role (current):\n{t}\n");
    }
    if let Some(gaps) = card.perception_gaps.as_ref().filter(|g| !g.is_empty()) {
        let mut t = new_table(&["Perception gap", "Highest", "Lowest", "Gap"], style.color);
        for g in gaps.iter().take(style.top) {
            let what = match g.scope {
                Scope::Area => format!("{} (area)", g.title),
                Scope::Question => format!("{}\n{}", g.title, g.id),
            };
            t.add_row(vec![
                Cell::new(what),
                Cell::new(format!("{} {:.2}", g.highest.role, g.highest.current)),
                Cell::new(format!("{} {:.2}", g.lowest.role, g.lowest.current)),
                num_cell(Some(g.gap)),
            ]);
        }
        let _ = writeln!(
            out,
            "Perception gaps between roles, largest first ({} of {}):\n{t}\n",
            gaps.len().min(style.top),
            gaps.len()
        );
    }
    if card.respondents.is_some() {
        let disagreements = crate::render::rows::disagreements(card);
        let _ = writeln!(
            out,
            "Respondents disagree, widest spread first ({} of {}):",
            disagreements.len().min(style.top),
            disagreements.len()
        );
        if disagreements.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for q in disagreements.into_iter().take(style.top) {
            if let Some(s) = q.spread {
                let _ = writeln!(
                    out,
                    "  - {} ({}): answers from {} to {}, standard deviation {}, {} respondents",
                    q.title,
                    q.id,
                    num(s.min),
                    num(s.max),
                    num(s.stdev),
                    s.n
                );
            }
        }
        let _ = writeln!(out);
    }
}

fn header(out: &mut String, card: &Scorecard) {
    let a = &card.assessment;
    let q = &card.questionnaire;
    let _ = writeln!(out, "{} ({} {})", q.title, q.id, q.version);
    let mut who = Vec::new();
    if let Some(org) = &a.organization {
        who.push(format!("Organization: {org}"));
    }
    match (&a.respondent, &a.role) {
        (Some(r), Some(role)) => who.push(format!("Respondent: {r} ({role})")),
        (Some(r), None) => who.push(format!("Respondent: {r}")),
        (None, Some(role)) => who.push(format!("Role: {role}")),
        (None, None) => {}
    }
    if let Some(n) = card.respondents {
        who.push(format!("Respondents: {n}"));
    }
    if let Some(date) = a.date {
        who.push(format!("Date: {date}"));
    }
    if !who.is_empty() {
        let _ = writeln!(out, "{}", who.join("  |  "));
    }
    if let Some(source) = &a.source {
        let _ = writeln!(out, "Answers: {source}");
    }
    let _ = writeln!(
        out,
        "Targets: {}",
        a.vision
            .as_deref()
            .map_or("the rubric's defaults".to_string(), |v| format!(
                "vision {v}"
            ))
    );
    let c = &card.coverage;
    let _ = writeln!(
        out,
        "Coverage: {} of {} questions answered, {} not applicable, {} unanswered\n",
        c.answered, c.questions, c.not_applicable, c.unanswered
    );
}

fn area_title<'a>(card: &'a Scorecard, id: &'a str) -> &'a str {
    card.area(id).map_or(id, |a| a.title.as_str())
}

/// The next step up for a question: `2 Repeatable -> 3 Defined: <action>`.
pub(crate) fn step(instrument: &Instrument, q: &QuestionScore) -> String {
    let Some(current) = q.current else {
        return String::new();
    };
    let scale = instrument.scale();
    let next = scale.iter().position(|l| l.value > current + 1e-9);
    let mut text = match next {
        Some(i) => format!(
            "{} -> {}",
            level_name(instrument, current),
            level_name(instrument, scale[i].value)
        ),
        None => level_name(instrument, current),
    };
    if let (Some(i), Some((_, question))) = (next, instrument.question(&q.id))
        && let Some(action) = i.checked_sub(1).and_then(|k| question.actions.get(k))
    {
        text.push_str(": ");
        text.push_str(action);
    }
    text
}
