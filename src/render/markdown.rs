//! The Markdown report: readable as plain text and as rendered Markdown,
//! with tables for areas and gaps. Also the Markdown building blocks the
//! plan and comparison renderers share.

use std::fmt::Write;

use crate::model::{Instrument, fmt_num};
use crate::render::table::step;
use crate::render::{Style, level_name, num, rows};
use crate::score::{AssessmentInfo, QuestionScore, QuestionnaireInfo, Scorecard};

/// User text made safe to put inline, after a list marker or in a table
/// cell: Markdown's inline markup characters are backslash-escaped (so a
/// note cannot open a link, inline HTML or a table cell) and line breaks
/// become spaces. `>` is left alone: it only means something at the start
/// of a line, where user text never stands.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A table padded so its columns line up in plain text too. Cells are
/// Markdown already (user text passed through [`text`]); `right` marks the
/// columns to align right.
pub fn table(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h).max(3)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let is_right = |i: usize| right.get(i).copied().unwrap_or(false);
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::from("|");
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(width(cell)));
            if is_right(i) {
                let _ = write!(l, " {pad}{cell} |");
            } else {
                let _ = write!(l, " {cell}{pad} |");
            }
        }
        l.push('\n');
        l
    };
    let mut out = line(&mut header.iter().copied());
    out.push('|');
    for (i, w) in widths.iter().enumerate() {
        if is_right(i) {
            let _ = write!(out, " {}: |", "-".repeat(w - 1));
        } else {
            let _ = write!(out, " {} |", "-".repeat(*w));
        }
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// The heading and the list of who, when and against what.
pub fn header(
    out: &mut String,
    kind: &str,
    q: &QuestionnaireInfo,
    a: &AssessmentInfo,
    extra: &[(&str, String)],
) {
    // `kind` may be a questionnaire's title: input, escaped like any.
    let kind = text(kind);
    match &a.organization {
        Some(org) => {
            let _ = writeln!(out, "# {kind}: {}\n", text(org));
        }
        None => {
            let _ = writeln!(out, "# {kind}\n");
        }
    }
    let _ = writeln!(
        out,
        "- Questionnaire: {} ({} {})",
        text(&q.title),
        text(&q.id),
        text(&q.version)
    );
    match (&a.respondent, &a.role) {
        (Some(r), Some(role)) => {
            let _ = writeln!(out, "- Respondent: {} ({})", text(r), text(role));
        }
        (Some(r), None) => {
            let _ = writeln!(out, "- Respondent: {}", text(r));
        }
        (None, Some(role)) => {
            let _ = writeln!(out, "- Role: {}", text(role));
        }
        (None, None) => {}
    }
    if let Some(date) = a.date {
        let _ = writeln!(out, "- Date: {date}");
    }
    if let Some(source) = &a.source {
        let _ = writeln!(out, "- Answers: {}", text(source));
    }
    let _ = writeln!(
        out,
        "- Targets: {}",
        a.vision
            .as_deref()
            .map_or("the rubric's defaults".to_string(), |v| format!(
                "vision {}",
                text(v)
            ))
    );
    for (label, value) in crate::render::context(a) {
        let _ = writeln!(out, "- {label}: {}", text(&value));
    }
    for (label, value) in extra {
        let _ = writeln!(out, "- {label}: {value}");
    }
    out.push('\n');
}

/// The team sections: by role, perception gaps, disagreement.
fn team(out: &mut String, t: &rows::TeamTables) {
    if t.roles.len() > 1 {
        let header: Vec<String> = t.roles_header.iter().map(|h| text(h)).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "## By role\n\nCurrent level per area, as each role sees it:\n"
        );
        out.push_str(&table(&header, &t.roles_right, &t.roles));
        out.push('\n');
    }
    if !t.perception.is_empty() {
        let _ = writeln!(
            out,
            "## Perception gaps\n\nThe highest role mean minus the lowest, largest first ({} of {}):\n",
            t.perception.len(),
            t.perception_total
        );
        out.push_str(&table(
            &rows::PERCEPTION_HEADER,
            &rows::PERCEPTION_RIGHT,
            &t.perception,
        ));
        out.push('\n');
    }
    let _ = writeln!(out, "## Disagreement\n");
    if t.disagreement.is_empty() {
        let _ = writeln!(
            out,
            "None: the respondents' answers to each question lie close together.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "Questions where the answers spread widest ({} of {}):\n",
            t.disagreement.len(),
            t.disagreement_total
        );
        out.push_str(&table(
            &rows::DISAGREEMENT_HEADER,
            &rows::DISAGREEMENT_RIGHT,
            &t.disagreement,
        ));
        out.push('\n');
    }
}

/// Flags of a question as words: `critical, quick win`.
pub fn flags(q: &QuestionScore) -> String {
    let mut flags = Vec::new();
    if q.critical {
        flags.push("critical");
    }
    if q.quick_win {
        flags.push("quick win");
    }
    flags.join(", ")
}

/// The gap report of one assessment in Markdown.
pub fn report(card: &Scorecard, instrument: &Instrument, style: &Style) -> String {
    let mut out = String::new();
    let c = &card.coverage;
    let mut extra = Vec::new();
    if let Some(n) = card.respondents {
        extra.push(("Respondents", n.to_string()));
    }
    if let Some(h) = &card.hidden_roles {
        extra.push(("Anonymity", format!("{}.", h.sentence())));
    }
    extra.push((
        "Coverage",
        format!(
            "{} of {} questions answered, {} not applicable, {} unanswered",
            c.answered, c.questions, c.not_applicable, c.unanswered
        ),
    ));
    for e in card.exports.iter().flatten() {
        extra.push((
            "Export",
            format!("{}: {}", text(&e.file), text(&e.coverage())),
        ));
    }
    header(
        &mut out,
        &card.questionnaire.title,
        &card.questionnaire,
        &card.assessment,
        &extra,
    );
    let _ = writeln!(out, "## Executive summary\n");
    for sentence in crate::render::executive::sentences(card) {
        let _ = writeln!(out, "- {}", text(&sentence));
    }
    out.push('\n');
    let o = &card.overall;
    let _ = writeln!(
        out,
        "## Overall\n\n**{}**: {}.\n\nCurrent **{}**, target **{}**, gap **{}**, band **{}**.\n",
        crate::render::headline(card).0,
        crate::render::headline(card).1,
        num(o.current),
        num(o.target),
        num(o.gap),
        text(o.band.as_deref().unwrap_or("-"))
    );

    let named = |title: &str, id: &str| format!("{} (`{}`)", text(title), id.replace('`', ""));
    for (label, list) in rows::not_answered(card, named) {
        let _ = writeln!(out, "{label}: {list}.\n");
    }

    let _ = writeln!(out, "## Areas\n");
    out.push_str(&table(
        &rows::AREA_HEADER,
        &rows::AREA_RIGHT,
        &rows::areas(card, text, &num),
    ));
    let scale: Vec<String> = instrument
        .scale()
        .iter()
        .map(|l| format!("{} {}", fmt_num(l.value), text(&l.label)))
        .collect();
    let _ = writeln!(out, "\nScale: {}.\n", scale.join(", "));
    if let Some(t) = rows::TeamTables::of(card, style.top, text) {
        team(&mut out, &t);
    }

    let top: Vec<&QuestionScore> = card
        .priorities
        .iter()
        .take(style.top)
        .filter_map(|id| card.question(id))
        .collect();
    let _ = writeln!(out, "## Top gaps\n");
    if top.is_empty() {
        let _ = writeln!(out, "None: every answered question meets its target.\n");
    } else {
        let _ = writeln!(
            out,
            "By priority, {} of {}:\n",
            top.len(),
            card.priorities.len()
        );
        let rows: Vec<Vec<String>> = top
            .iter()
            .enumerate()
            .map(|(i, q)| {
                vec![
                    (i + 1).to_string(),
                    format!("{} ({})", text(&q.title), text(&q.id)),
                    text(card.area(&q.area).map_or(q.area.as_str(), |a| &a.title)),
                    num(q.current),
                    num(q.target),
                    num(q.gap),
                    num(q.priority),
                    flags(q),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "#", "Question", "Area", "Current", "Target", "Gap", "Priority", "Flags",
            ],
            &[true, false, false, true, true, true, true, false],
            &rows,
        ));
        out.push('\n');
    }

    let _ = writeln!(out, "## Quick wins\n");
    if card.quick_wins.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for q in card.quick_wins.iter().filter_map(|id| card.question(id)) {
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            text(&q.title),
            text(&q.id),
            text(&step(instrument, q))
        );
    }

    let _ = writeln!(out, "\n## Strengths\n");
    if card.strengths.is_empty() {
        let _ = writeln!(out, "None at or above target yet.");
    }
    for q in card.strengths.iter().filter_map(|id| card.question(id)) {
        let _ = writeln!(
            out,
            "- **{}** ({}): {} against target {}",
            text(&q.title),
            text(&q.id),
            q.current
                .map_or_else(|| "-".into(), |c| text(&level_name(instrument, c))),
            q.target.map_or_else(|| "-".into(), fmt_num)
        );
    }

    let notes: Vec<&QuestionScore> = card.questions.iter().filter(|q| q.note.is_some()).collect();
    if !notes.is_empty() {
        let _ = writeln!(out, "\n## Notes\n");
        for q in notes {
            let _ = writeln!(
                out,
                "- **{}** ({}): {}",
                text(&q.title),
                text(&q.id),
                text(q.note.as_deref().unwrap_or_default())
            );
        }
    }
    if let Some(comments) = card.comments.as_ref().filter(|c| !c.is_empty()) {
        let _ = writeln!(out, "\n## Respondents' comments\n");
        for c in comments {
            let _ = writeln!(out, "- {}", text(&super::table::comment_line(c)));
        }
    }
    if let Some((sentence, pulse)) = rows::pulse(card, text) {
        let _ = writeln!(
            out,
            "\n## Staff pulse beside the assessment\n\n{sentence}\n"
        );
        out.push_str(&table(&rows::PULSE_HEADER, &rows::PULSE_RIGHT, &pulse));
    }
    let (header, right, rows) = rows::appendix(card, text);
    let _ = writeln!(out, "\n## Appendix: every question\n");
    out.push_str(&table(&header, &right, &rows));
    let legend = crate::render::legend::legend(instrument);
    let _ = writeln!(out, "\n## Legend\n");
    for (level, description) in &legend.scale {
        match description {
            Some(d) => {
                let _ = writeln!(out, "- **{}**: {}", text(level), text(d));
            }
            None => {
                let _ = writeln!(out, "- **{}**", text(level));
            }
        }
    }
    let _ = writeln!(out, "- {}", text(&legend.bands));
    for rule in &legend.rules {
        let _ = writeln!(out, "- {}", text(rule));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_joins_lines() {
        assert_eq!(
            text("a|b *c* <script>x</script>\r\n[l](u) -> 2"),
            "a\\|b \\*c\\* \\<script>x\\</script> \\[l\\](u) -> 2"
        );
        assert_eq!(text("plain text, 3.5"), "plain text, 3.5");
    }

    #[test]
    fn tables_line_up_and_mark_right_aligned_columns() {
        let t = table(
            &["Area", "Gap"],
            &[false, true],
            &[
                vec!["Processes".into(), "1.25".into()],
                vec!["x".into(), "-".into()],
            ],
        );
        assert_eq!(
            t,
            "| Area      |  Gap |\n\
             | --------- | ---: |\n\
             | Processes | 1.25 |\n\
             | x         |    - |\n"
        );
    }
}
