//! The terminal report: plain text and tables.

use std::fmt::Write;

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets,
};

use crate::model::{Instrument, fmt_num};
use crate::render::{Style, bar, level_name, num};
use crate::score::{QuestionScore, Scope, Scorecard};

/// A table in the house style; styled (bold header, coloured cells) only
/// when colour is on, so plain output never carries escape codes, and as
/// wide as `style.width` allows (unlimited when none is given). The
/// terminal itself is never asked: the caller decides.
pub fn new_table(header: &[&str], style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = style.width {
        t.set_width(width);
    }
    if style.color {
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

/// A list item, `  - text`, wrapped at the terminal's width with the
/// following lines indented under the text.
fn item(out: &mut String, style: &Style, text: &str) {
    out.push_str("  - ");
    let Some(width) = style.width.map(usize::from).filter(|w| *w > 20) else {
        out.push_str(text);
        out.push('\n');
        return;
    };
    let mut column = 4;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if column > 4 && column + 1 + len > width {
            out.push_str("\n    ");
            column = 4;
        } else if column > 4 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out.push('\n');
}

/// Terminal width from which the tables show every column.
const WIDE: u16 = 120;

/// Keeps a column (a bar, a number) on one line however narrow the table.
fn keep_whole(table: &mut Table, column: usize) {
    if let Some(c) = table.column_mut(column) {
        c.set_constraint(ColumnConstraint::ContentWidth);
    }
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
    header(&mut out, card, style);
    let critical = instrument.rubric.gap.critical;
    let o = &card.overall;
    let _ = writeln!(out, "Summary:");
    for sentence in crate::render::executive::sentences(card) {
        item(&mut out, style, &plain(&sentence));
    }
    out.push('\n');
    let (to_target, counts) = crate::render::headline(card);
    let _ = writeln!(out, "Standing: {to_target}\nCounts: {counts}");
    let named = |title: &str, id: &str| format!("{} ({})", plain(title), plain(id));
    for (label, list) in crate::render::rows::not_answered(card, named) {
        let _ = writeln!(out, "{label}:");
        item(&mut out, style, &list);
    }
    let _ = writeln!(
        out,
        "Overall: current {}, target {}, gap {}, band {}\n",
        num(o.current),
        num(o.target),
        num(o.gap),
        o.band.as_deref().unwrap_or("-")
    );

    // Below this width the tables drop their secondary columns and the bar
    // gets shorter, so an 80-column terminal shows them without wrapping.
    let wide = style.width.is_none_or(|w| w >= WIDE);
    let bar_width = if wide { 20 } else { 10 };
    let mut header = vec!["Area"];
    if wide {
        header.push("Weight");
    }
    header.extend(["Current", "Target", "Gap", "Band"]);
    if wide {
        header.push("Answered");
    }
    header.push("Current vs target");
    let mut areas = new_table(&header, style);
    for a in &card.areas {
        let mut row = vec![Cell::new(&a.title)];
        if wide {
            row.push(Cell::new(fmt_num(a.weight)).set_alignment(CellAlignment::Right));
        }
        row.extend([
            num_cell(a.current),
            num_cell(a.target),
            gap_cell(a.gap, critical, style),
            Cell::new(a.band.as_deref().unwrap_or("-")),
        ]);
        if wide {
            row.push(
                Cell::new(format!(
                    "{}/{}",
                    a.answered,
                    a.answered + a.not_applicable + a.unanswered
                ))
                .set_alignment(CellAlignment::Right),
            );
        }
        row.push(Cell::new(bar(instrument, a.current, a.target, bar_width)));
        areas.add_row(row);
    }
    keep_whole(&mut areas, header.len() - 1);
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
        let mut header = vec!["#", "Question"];
        if wide {
            header.push("Area");
        }
        header.extend(["Current", "Target", "Gap", "Priority", "Flags"]);
        let mut gaps = new_table(&header, style);
        for (i, q) in top.iter().enumerate() {
            let mut flags = Vec::new();
            if q.critical {
                flags.push("critical");
            }
            if q.quick_win {
                flags.push("quick win");
            }
            let mut flag_cell = Cell::new(flags.join(",\n"));
            if style.color && q.critical {
                flag_cell = flag_cell.fg(Color::Red);
            }
            let mut row = vec![
                Cell::new(i + 1).set_alignment(CellAlignment::Right),
                Cell::new(format!("{}\n{}", q.title, q.id)),
            ];
            if wide {
                row.push(Cell::new(area_title(card, &q.area)));
            }
            row.extend([
                num_cell(q.current),
                num_cell(q.target),
                gap_cell(q.gap, critical, style),
                num_cell(q.priority),
                flag_cell,
            ]);
            gaps.add_row(row);
        }
        let _ = writeln!(out, "{gaps}\n");
    }

    let _ = writeln!(out, "Quick wins ({}):", card.quick_wins.len());
    if card.quick_wins.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for q in card.quick_wins.iter().filter_map(|id| card.question(id)) {
        item(
            &mut out,
            style,
            &format!("{} ({}): {}", q.title, q.id, step(instrument, q)),
        );
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
        item(
            &mut out,
            style,
            &format!(
                "{} ({}): {} against target {}",
                q.title,
                q.id,
                q.current
                    .map_or_else(|| "-".into(), |c| level_name(instrument, c)),
                q.target.map_or_else(|| "-".into(), fmt_num)
            ),
        );
    }

    let notes: Vec<&QuestionScore> = card.questions.iter().filter(|q| q.note.is_some()).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNotes:");
        for q in notes {
            item(
                &mut out,
                style,
                &format!(
                    "{} ({}): {}",
                    q.title,
                    q.id,
                    q.note.as_deref().unwrap_or_default()
                ),
            );
        }
    }
    if let Some(comments) = card.comments.as_ref().filter(|c| !c.is_empty()) {
        let _ = writeln!(out, "\nRespondents' comments ({}):", comments.len());
        for c in comments {
            item(&mut out, style, &comment_line(c));
        }
    }
    if let Some((sentence, rows)) = crate::render::rows::pulse(card, plain) {
        let _ = writeln!(out, "\nStaff pulse beside the assessment:");
        item(&mut out, style, &sentence);
        let mut t = new_table(&crate::render::rows::PULSE_HEADER, style);
        for row in rows {
            t.add_row(
                row.into_iter()
                    .zip(crate::render::rows::PULSE_RIGHT)
                    .map(|(cell, r)| {
                        let cell = Cell::new(cell);
                        if r {
                            cell.set_alignment(CellAlignment::Right)
                        } else {
                            cell
                        }
                    }),
            );
        }
        let _ = writeln!(out, "{t}");
    }
    let (header, right, rows) = crate::render::rows::appendix(card, plain);
    let mut t = new_table(&header, style);
    for row in rows {
        t.add_row(row.into_iter().zip(&right).map(|(cell, r)| {
            let cell = Cell::new(cell);
            if *r {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    let _ = writeln!(out, "\nAppendix: every question\n{t}");
    let legend = crate::render::legend::legend(instrument);
    let _ = writeln!(out, "\nLegend:");
    for (level, description) in &legend.scale {
        let line = match description {
            Some(d) => format!("{}: {}", plain(level), plain(d)),
            None => plain(level),
        };
        item(&mut out, style, &line);
    }
    item(&mut out, style, &plain(&legend.bands));
    for rule in &legend.rules {
        item(&mut out, style, rule);
    }
    out
}

/// A respondent's comment with who made it, on one line and with no
/// control characters: `Ana (Manager): text`.
pub(crate) fn comment_line(c: &crate::survey::Comment) -> String {
    let who = match (&c.respondent, &c.role) {
        (Some(r), Some(role)) => format!("{r} ({role}): "),
        (Some(r), None) => format!("{r}: "),
        (None, Some(role)) => format!("({role}): "),
        (None, None) => String::new(),
    };
    plain(&format!("{who}{}", c.text))
}

/// The team sections: each role's view, the perception gaps between roles,
/// and the questions the respondents disagree on.
fn team(out: &mut String, card: &Scorecard, style: &Style) {
    if let Some(roles) = card.roles.as_ref().filter(|r| r.len() > 1) {
        let mut header = vec!["Role", "Respondents"];
        header.extend(card.areas.iter().map(|a| a.title.as_str()));
        let mut t = new_table(&header, style);
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
        let mut t = new_table(&["Perception gap", "Highest", "Lowest", "Gap"], style);
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
                item(
                    out,
                    style,
                    &format!(
                        "{} ({}): answers from {} to {}, standard deviation {}, {} respondents",
                        q.title,
                        q.id,
                        num(s.min),
                        num(s.max),
                        num(s.stdev),
                        s.n
                    ),
                );
            }
        }
        let _ = writeln!(out);
    }
}

fn header(out: &mut String, card: &Scorecard, style: &Style) {
    let a = &card.assessment;
    let q = &card.questionnaire;
    // Each is one line: a line break from input would forge a line of the
    // report ("Overall: ... band High").
    let _ = writeln!(
        out,
        "{} ({} {})",
        plain(&q.title),
        plain(&q.id),
        plain(&q.version)
    );
    let mut who = Vec::new();
    if let Some(org) = &a.organization {
        who.push(format!("Organization: {}", plain(org)));
    }
    let (respondent, role) = (
        a.respondent.as_deref().map(plain),
        a.role.as_deref().map(plain),
    );
    match (respondent, role) {
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
        let line = who.join("  |  ");
        // One item a line when the line would not fit the terminal.
        let sep = match style.width {
            Some(w) if line.chars().count() > usize::from(w) => "\n",
            _ => "  |  ",
        };
        let _ = writeln!(out, "{}", who.join(sep));
    }
    if let Some(source) = &a.source {
        let _ = writeln!(out, "Answers: {}", plain(source));
    }
    let _ = writeln!(
        out,
        "Targets: {}",
        a.vision
            .as_deref()
            .map_or("the rubric's defaults".to_string(), |v| format!(
                "vision {}",
                plain(v)
            ))
    );
    for (label, value) in crate::render::context(a) {
        let line = format!("{label}: {}", plain(&value));
        match style.width {
            // Too long for the terminal: the label, then the text wrapped.
            Some(w) if line.chars().count() > usize::from(w) => {
                let _ = writeln!(out, "{label}:");
                item(out, style, &plain(&value));
            }
            _ => {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    let c = &card.coverage;
    let _ = writeln!(
        out,
        "Coverage: {} of {} questions answered, {} not applicable, {} unanswered",
        c.answered, c.questions, c.not_applicable, c.unanswered
    );
    for e in card.exports.iter().flatten() {
        let _ = writeln!(out, "Export: {}: {}", plain(&e.file), plain(&e.coverage()));
    }
    if let Some(h) = &card.hidden_roles {
        let _ = writeln!(out, "Anonymity: {}.", h.sentence());
    }
    out.push('\n');
}

/// Text from an input, safe for a terminal: control characters (escape
/// sequences among them) become spaces.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::Answers;
    use crate::score::{AssessmentInfo, score};
    use crate::source::{Format, Source};

    fn example() -> (Scorecard, Instrument) {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers.toml"
        ))
        .unwrap();
        let answers = Answers::load(&Source::new("a.toml", text, Format::Toml), &i).unwrap();
        (score(&i, &answers, None, AssessmentInfo::default()), i)
    }

    #[test]
    fn an_80_column_terminal_gets_no_line_longer_than_80() {
        let (card, i) = example();
        let style = Style {
            width: Some(80),
            ..Style::default()
        };
        let out = report(&card, &i, &style);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= 80, "a line of {widest} columns:\n{out}");
        assert!(out.contains("Current vs target"));
        let head = out
            .lines()
            .find(|l| l.contains("Current vs target"))
            .unwrap();
        assert!(
            !head.contains("Weight"),
            "narrow tables drop secondary columns"
        );
    }

    #[test]
    fn without_a_width_every_column_shows() {
        let (card, i) = example();
        let out = report(&card, &i, &Style::default());
        assert!(out.contains("Weight") && out.contains("Answered"));
        assert!(out.contains("Organization: Acme Corp  |  Respondent: Dana Lee"));
    }
}
