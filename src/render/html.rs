//! The HTML report: one self-contained page (inline CSS and SVG, no
//! scripts, no external references) that opens offline and prints well.
//! Also the page shell and building blocks the plan and comparison share.
//!
//! The page is a header and a list of [`Section`]s, so more views (a team's
//! spread, for one) are one more section each.

use std::fmt::Write;

use crate::model::{Instrument, fmt_num};
use crate::render::svg::{self, Axis, GapBar, Spoke};
use crate::render::table::step;
use crate::render::{Style, level_name, num, rows};
use crate::score::{AssessmentInfo, QuestionScore, QuestionnaireInfo, Scorecard};

/// Text made safe for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --current: #1f6fb2; --target: #d9822b; --critical: #b3261e; --ok: #2e7d32; --muted: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d1d1f; background: #fff; max-width: 1100px; margin: 0 auto; padding: 24px; line-height: 1.45; }
header h1 { margin: 0 0 2px; font-size: 1.8em; }
header .subtitle { margin: 0 0 12px; font-size: 1.15em; color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
section { margin: 28px 0; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-bottom: 12px; }
h3 { font-size: 1.1em; margin: 16px 0 4px; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px; }
.figure .label { color: var(--muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; }
.figure .value { font-size: 1.6em; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: 0.9em; max-width: 560px; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
.small { color: var(--muted); font-size: 0.85em; }
.gap-critical { color: var(--critical); font-weight: 600; }
.gap-short { color: #8a5a00; }
.gap-met { color: var(--ok); }
.flag { display: inline-block; border: 1px solid; border-radius: 3px; padding: 0 6px; font-size: 0.8em; margin: 0 4px 2px 0; white-space: nowrap; }
.flag.critical { color: var(--critical); }
.flag.quick-win { color: var(--ok); }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist > li { margin: 12px 0; padding-left: 30px; position: relative; break-inside: avoid; }
ul.checklist > li::before { content: "\2610"; position: absolute; left: 0; top: -2px; font-size: 1.3em; }
ul.checklist dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 0; font-size: 0.95em; }
ul.checklist dt { color: var(--muted); }
ul.checklist dd { margin: 0; }
footer { color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--line); margin-top: 32px; padding-top: 8px; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  th { background: none; }
  section, figure, tr, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .charts { gap: 8px; }
}
"#;

/// One part of a page: an anchor id, a heading and its HTML body.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    /// Plain text; escaped when the page is put together.
    pub heading: String,
    /// HTML; user text in it must already be escaped.
    pub body: String,
}

impl Section {
    pub fn new(id: impl Into<String>, heading: impl Into<String>, body: String) -> Section {
        Section {
            id: id.into(),
            heading: heading.into(),
            body,
        }
    }
}

/// A whole page: a header (HTML) and the sections, with inline CSS and a
/// content security policy that allows no scripts and no loads at all.
pub fn page(title: &str, header: &str, sections: &[Section]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n{header}</header>\n<main>\n",
        escape(title)
    );
    for s in sections {
        let _ = write!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n",
            escape(&s.id),
            escape(&s.heading),
            s.body
        );
    }
    out.push_str("</main>\n<footer>Made with itsm-assess.</footer>\n</body>\n</html>\n");
    out
}

/// The header of a page about one assessment: heading, organisation and
/// a list of who, when and against what (`extra` rows are HTML).
pub fn header(
    kind: &str,
    q: &QuestionnaireInfo,
    a: &AssessmentInfo,
    extra: &[(&str, String)],
) -> String {
    let mut out = format!("<h1>{}</h1>\n", escape(kind));
    if let Some(org) = &a.organization {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(org));
    }
    let mut rows: Vec<(&str, String)> = vec![(
        "Questionnaire",
        format!(
            "{} ({} {})",
            escape(&q.title),
            escape(&q.id),
            escape(&q.version)
        ),
    )];
    match (&a.respondent, &a.role) {
        (Some(r), Some(role)) => {
            rows.push(("Respondent", format!("{} ({})", escape(r), escape(role))))
        }
        (Some(r), None) => rows.push(("Respondent", escape(r))),
        (None, Some(role)) => rows.push(("Role", escape(role))),
        (None, None) => {}
    }
    if let Some(date) = a.date {
        rows.push(("Date", date.to_string()));
    }
    if let Some(source) = &a.source {
        rows.push(("Answers", escape(source)));
    }
    rows.push((
        "Targets",
        a.vision
            .as_deref()
            .map_or("the rubric's defaults".to_string(), |v| {
                format!("vision {}", escape(v))
            }),
    ));
    rows.extend(
        crate::render::context(a)
            .into_iter()
            .map(|(label, value)| (label, escape(&value))),
    );
    rows.extend(extra.iter().cloned());
    out.push_str(&meta(&rows));
    out
}

/// A definition list of label and HTML value pairs.
pub fn meta(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"meta\">\n");
    for (label, value) in rows {
        let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", escape(label));
    }
    out.push_str("</dl>\n");
    out
}

/// A table; cells are HTML, `right` marks number columns.
pub fn table(header: &[&str], right: &[bool], rows: &[Vec<String>]) -> String {
    let class = |i: usize| {
        if right.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        }
    };
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{cell}</td>", class(i));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A boxed key figure: label, value, and a note under it (all HTML).
pub fn figure(label: &str, value: &str, note: &str) -> String {
    format!(
        "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value\">{value}</div><div class=\"small\">{note}</div></div>\n",
        escape(label)
    )
}

/// A gap as HTML, coloured by severity.
pub fn gap(gap: Option<f64>, critical: f64) -> String {
    let class = match gap {
        Some(g) if g >= critical - 1e-9 => "gap-critical",
        Some(g) if g > 1e-9 => "gap-short",
        Some(_) => "gap-met",
        None => return num(None),
    };
    format!("<span class=\"{class}\">{}</span>", num(gap))
}

/// The flags of a question as badges.
pub fn flags(critical: bool, quick_win: bool) -> String {
    let mut out = String::new();
    if critical {
        out.push_str("<span class=\"flag critical\">critical</span>");
    }
    if quick_win {
        out.push_str("<span class=\"flag quick-win\">quick win</span>");
    }
    out
}

/// The value axis of the charts: the instrument's scale.
pub fn axis(instrument: &Instrument) -> Axis {
    let (lo, hi) = instrument.range();
    Axis {
        lo,
        hi,
        ticks: instrument.scale().iter().map(|l| l.value).collect(),
    }
}

/// The few sentences a CIO reads first.
fn executive(card: &Scorecard) -> Section {
    let mut body = String::from("<ul class=\"summary\">\n");
    for sentence in crate::render::executive::sentences(card) {
        body.push_str(&format!("<li>{}</li>\n", escape(&sentence)));
    }
    body.push_str("</ul>\n");
    Section::new("summary", "Executive summary", body)
}

/// Every question with its scores and note, and a team's spread.
fn appendix(card: &Scorecard) -> Section {
    let (header, right, rows) = rows::appendix(card, escape);
    Section::new(
        "appendix",
        "Appendix: every question",
        table(&header, &right, &rows),
    )
}

/// The scale, the bands and the rules the report uses.
fn legend(instrument: &Instrument) -> Section {
    let legend = crate::render::legend::legend(instrument);
    let mut body = String::from("<dl class=\"legend\">\n");
    for (level, description) in &legend.scale {
        body.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(level),
            escape(description.as_deref().unwrap_or(""))
        ));
    }
    body.push_str("</dl>\n<ul>\n");
    body.push_str(&format!("<li>{}</li>\n", escape(&legend.bands)));
    for rule in &legend.rules {
        body.push_str(&format!("<li>{}</li>\n", escape(rule)));
    }
    body.push_str("</ul>\n");
    Section::new("legend", "Legend", body)
}

/// The gap report of one assessment as a page.
pub fn report(card: &Scorecard, instrument: &Instrument, style: &Style) -> String {
    let team = rows::TeamTables::of(card, style.top, escape);
    let sections: Vec<Section> = [
        Some(executive(card)),
        Some(overall(card, instrument)),
        Some(charts(card, instrument, style)),
        Some(areas(card, instrument)),
        team.as_ref().and_then(|t| roles(card, instrument, t)),
        team.as_ref().and_then(perception),
        team.as_ref().map(disagreement),
        Some(top_gaps(card, instrument, style)),
        Some(quick_wins(card, instrument)),
        Some(strengths(card, instrument)),
        notes(card),
        exports(card),
        comments(card),
        pulse(card),
        Some(appendix(card)),
        Some(legend(instrument)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let title = match &card.assessment.organization {
        Some(org) => format!("{}: {org}", card.questionnaire.title),
        None => card.questionnaire.title.clone(),
    };
    page(
        &title,
        &header(
            &card.questionnaire.title,
            &card.questionnaire,
            &card.assessment,
            &card
                .respondents
                .map(|n| ("Respondents", n.to_string()))
                .into_iter()
                .chain(
                    card.hidden_roles
                        .map(|h| ("Anonymity", format!("{}.", h.sentence()))),
                )
                .collect::<Vec<_>>(),
        ),
        &sections,
    )
}

/// Each role's view of the areas: a line per role across the areas, and
/// the table.
fn roles(card: &Scorecard, instrument: &Instrument, t: &rows::TeamTables) -> Option<Section> {
    let roles = card.roles.as_deref().filter(|r| r.len() > 1)?;
    let points: Vec<Vec<Option<f64>>> = roles
        .iter()
        .map(|r| {
            card.areas
                .iter()
                .map(|a| {
                    r.areas
                        .iter()
                        .find(|x| x.id == a.id)
                        .and_then(|x| x.current)
                })
                .collect()
        })
        .collect();
    let lines: Vec<svg::Line> = roles
        .iter()
        .zip(&points)
        .map(|(r, p)| svg::Line {
            label: &r.role,
            points: p,
            bold: false,
        })
        .collect();
    let areas: Vec<String> = card.areas.iter().map(|a| a.title.clone()).collect();
    let header: Vec<&str> = t.roles_header.iter().map(String::as_str).collect();
    let body = format!(
        "<figure>{}<figcaption>Current level per area, as each role sees it.</figcaption></figure>\n{}",
        svg::trend(
            "Current level per area by role",
            &lines,
            &areas,
            &axis(instrument)
        ),
        table(&header, &t.roles_right, &t.roles)
    );
    Some(Section::new("roles", "By role", body))
}

fn pulse(card: &Scorecard) -> Option<Section> {
    let (sentence, rows) = rows::pulse(card, escape)?;
    let body = format!(
        "<p>{sentence}</p>\n{}",
        table(&rows::PULSE_HEADER, &rows::PULSE_RIGHT, &rows)
    );
    Some(Section::new(
        "pulse",
        "Staff pulse beside the assessment",
        body,
    ))
}

fn perception(t: &rows::TeamTables) -> Option<Section> {
    if t.perception.is_empty() {
        return None;
    }
    let body = format!(
        "<p>Where roles see things differently: the highest role mean minus the lowest, largest first ({} of {}).</p>\n{}",
        t.perception.len(),
        t.perception_total,
        table(
            &rows::PERCEPTION_HEADER,
            &rows::PERCEPTION_RIGHT,
            &t.perception
        )
    );
    Some(Section::new("perception-gaps", "Perception gaps", body))
}

fn disagreement(t: &rows::TeamTables) -> Section {
    let body = if t.disagreement.is_empty() {
        "<p>None: the respondents' answers to each question lie close together.</p>\n".to_string()
    } else {
        format!(
            "<p>Questions where the answers spread widest ({} of {}).</p>\n{}",
            t.disagreement.len(),
            t.disagreement_total,
            table(
                &rows::DISAGREEMENT_HEADER,
                &rows::DISAGREEMENT_RIGHT,
                &t.disagreement
            )
        )
    };
    Section::new("disagreement", "Disagreement", body)
}

fn overall(card: &Scorecard, instrument: &Instrument) -> Section {
    let o = &card.overall;
    let c = &card.coverage;
    let critical = instrument.rubric.gap.critical;
    let n = &card.counts;
    let mut body = String::from("<div class=\"figures\">\n");
    body.push_str(&figure(
        "To target",
        &crate::render::percent_of_100(o.percent_to_target),
        &format!(
            "shortfall {} levels; {} critical, {} quick wins, {} strengths",
            num(o.shortfall),
            n.critical,
            n.quick_wins,
            n.strengths
        ),
    ));
    body.push_str(&figure(
        "Current",
        &num(o.current),
        &format!("band {}", escape(o.band.as_deref().unwrap_or("-"))),
    ));
    let from = if card.assessment.vision.is_some() {
        "from the vision"
    } else {
        "the rubric's defaults"
    };
    body.push_str(&figure("Target", &num(o.target), from));
    body.push_str(&figure(
        "Gap",
        &gap(o.gap, critical),
        &format!(
            "{} questions short, {} critical",
            card.priorities.len(),
            card.questions.iter().filter(|q| q.critical).count()
        ),
    ));
    body.push_str(&figure(
        "Coverage",
        &format!("{}/{}", c.answered, c.questions),
        &format!(
            "answered; {} not applicable, {} unanswered",
            c.not_applicable, c.unanswered
        ),
    ));
    body.push_str("</div>\n");
    let named = |title: &str, id: &str| format!("{} (<code>{}</code>)", escape(title), escape(id));
    for (label, list) in rows::not_answered(card, named) {
        body.push_str(&format!("<p class=\"small\">{label}: {list}.</p>\n"));
    }
    Section::new("overall", "Overall", body)
}

fn charts(card: &Scorecard, instrument: &Instrument, style: &Style) -> Section {
    let axis = axis(instrument);
    let mut body = String::from("<div class=\"charts\">\n");
    if card.areas.len() >= 3 {
        let spokes: Vec<Spoke> = card
            .areas
            .iter()
            .map(|a| Spoke {
                label: &a.title,
                current: a.current,
                target: a.target,
            })
            .collect();
        let _ = writeln!(
            body,
            "<figure>{}<figcaption>Current level against target per area, on the {} to {} scale.</figcaption></figure>",
            svg::radar("Current against target per area", &spokes, &axis),
            fmt_num(axis.lo),
            fmt_num(axis.hi)
        );
    }
    let bars: Vec<GapBar> = card
        .priorities
        .iter()
        .take(style.top)
        .filter_map(|id| card.question(id))
        .filter_map(|q| {
            Some(GapBar {
                label: &q.title,
                gap: q.gap?,
                critical: q.critical,
            })
        })
        .collect();
    if bars.is_empty() {
        body.push_str("<p>No gaps: every answered question meets its target.</p>\n");
    } else {
        let _ = writeln!(
            body,
            "<figure>{}<figcaption>The {} largest gaps by priority, in levels.</figcaption></figure>",
            svg::gap_bars("Largest gaps by priority", &bars, &axis),
            bars.len()
        );
    }
    body.push_str("</div>\n");
    Section::new("charts", "Current state against the vision", body)
}

fn areas(card: &Scorecard, instrument: &Instrument) -> Section {
    let critical = instrument.rubric.gap.critical;
    let rows = rows::areas(card, escape, &|g| gap(g, critical));
    Section::new(
        "areas",
        "Areas",
        table(&rows::AREA_HEADER, &rows::AREA_RIGHT, &rows),
    )
}

fn top_gaps(card: &Scorecard, instrument: &Instrument, style: &Style) -> Section {
    let critical = instrument.rubric.gap.critical;
    let top: Vec<&QuestionScore> = card
        .priorities
        .iter()
        .take(style.top)
        .filter_map(|id| card.question(id))
        .collect();
    if top.is_empty() {
        return Section::new(
            "gaps",
            "Top gaps",
            "<p>None: every answered question meets its target.</p>\n".into(),
        );
    }
    let rows: Vec<Vec<String>> = top
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let text = instrument
                .question(&q.id)
                .map_or(String::new(), |(_, question)| escape(&question.text));
            vec![
                (i + 1).to_string(),
                format!(
                    "<strong>{}</strong> <span class=\"small\">{}</span><br><span class=\"small\">{text}</span><br>Next: {}",
                    escape(&q.title),
                    escape(&q.id),
                    escape(&step(instrument, q))
                ),
                escape(card.area(&q.area).map_or(q.area.as_str(), |a| &a.title)),
                num(q.current),
                num(q.target),
                gap(q.gap, critical),
                num(q.priority),
                flags(q.critical, q.quick_win),
            ]
        })
        .collect();
    let mut body = format!(
        "<p>By priority (gap times weights), {} of {}.</p>\n",
        top.len(),
        card.priorities.len()
    );
    body.push_str(&table(
        &[
            "#", "Question", "Area", "Current", "Target", "Gap", "Priority", "Flags",
        ],
        &[true, false, false, true, true, true, true, false],
        &rows,
    ));
    Section::new("gaps", "Top gaps", body)
}

fn quick_wins(card: &Scorecard, instrument: &Instrument) -> Section {
    let mut body = String::new();
    if card.quick_wins.is_empty() {
        body.push_str("<p>None.</p>\n");
    } else {
        body.push_str(
            "<p>Small gaps on low-effort questions: start here to show results early.</p>\n<ul>\n",
        );
        for q in card.quick_wins.iter().filter_map(|id| card.question(id)) {
            let _ = writeln!(
                body,
                "<li><strong>{}</strong> <span class=\"small\">{}</span>: {}</li>",
                escape(&q.title),
                escape(&q.id),
                escape(&step(instrument, q))
            );
        }
        body.push_str("</ul>\n");
    }
    Section::new("quick-wins", "Quick wins", body)
}

fn strengths(card: &Scorecard, instrument: &Instrument) -> Section {
    let mut body = String::new();
    if card.strengths.is_empty() {
        body.push_str("<p>None at or above target yet.</p>\n");
    } else {
        body.push_str("<ul>\n");
        for q in card.strengths.iter().filter_map(|id| card.question(id)) {
            let _ = writeln!(
                body,
                "<li><strong>{}</strong> <span class=\"small\">{}</span>: {} against target {}</li>",
                escape(&q.title),
                escape(&q.id),
                q.current
                    .map_or_else(|| "-".into(), |c| escape(&level_name(instrument, c))),
                q.target.map_or_else(|| "-".into(), fmt_num)
            );
        }
        body.push_str("</ul>\n");
    }
    Section::new("strengths", "Strengths", body)
}

fn exports(card: &Scorecard) -> Option<Section> {
    let exports = card.exports.as_ref().filter(|e| !e.is_empty())?;
    let mut body = String::from("<ul>\n");
    for e in exports {
        let _ = writeln!(
            body,
            "<li><strong>{}</strong> ({}, {}): {}</li>",
            escape(&e.file),
            escape(&e.tool),
            escape(&e.encoding),
            escape(&e.coverage())
        );
    }
    body.push_str("</ul>\n");
    Some(Section::new("exports", "Survey exports", body))
}

fn comments(card: &Scorecard) -> Option<Section> {
    let comments = card.comments.as_ref().filter(|c| !c.is_empty())?;
    let mut body = String::from("<ul>\n");
    for c in comments {
        let _ = writeln!(body, "<li>{}</li>", escape(&super::table::comment_line(c)));
    }
    body.push_str("</ul>\n");
    Some(Section::new("comments", "Respondents' comments", body))
}

fn notes(card: &Scorecard) -> Option<Section> {
    let notes: Vec<&QuestionScore> = card.questions.iter().filter(|q| q.note.is_some()).collect();
    if notes.is_empty() {
        return None;
    }
    let mut body = String::from("<ul>\n");
    for q in notes {
        let _ = writeln!(
            body,
            "<li><strong>{}</strong> <span class=\"small\">{}</span>: {}</li>",
            escape(&q.title),
            escape(&q.id),
            escape(q.note.as_deref().unwrap_or_default())
        );
    }
    body.push_str("</ul>\n");
    Some(Section::new("notes", "Notes", body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_quotes_and_ampersands() {
        assert_eq!(
            escape("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("R&D's \"best\""), "R&amp;D&#39;s &quot;best&quot;");
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn pages_escape_headings_and_titles_and_load_nothing() {
        let html = page(
            "<T>",
            "<h1>h</h1>",
            &[Section::new("s", "A & B", "<p>body</p>".into())],
        );
        assert!(html.contains("<title>&lt;T&gt;</title>"));
        assert!(html.contains("<section id=\"s\">\n<h2>A &amp; B</h2>\n<p>body</p>"));
        assert!(html.contains("default-src 'none'"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(html.contains("@media print"));
    }
}
