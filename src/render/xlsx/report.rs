//! The gap report as a workbook: Summary (with a radar chart of the areas
//! and a bar chart of the top gaps), Areas, Questions, and for a team
//! Roles and Perception gaps.

use rust_xlsxwriter::{
    ChartType, ConditionalFormatFormula, Workbook, Worksheet, XlsxError,
    utility::column_number_to_name,
};

use super::{Formats, chart, finish, header, number, opt_text, table, text, widths, xlsx_error};
use crate::error::Error;
use crate::model::Instrument;
use crate::render::Style;
use crate::score::{QuestionScore, Scope, Scorecard, Status};

/// The width of the Questions sheet's Note column, in characters.
const NOTE_WIDTH: f64 = 40.0;

/// Renders a gap report as the bytes of an `.xlsx` workbook.
pub fn report(card: &Scorecard, instrument: &Instrument, style: &Style) -> Result<Vec<u8>, Error> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    build(&mut wb, &f, card, instrument, style).map_err(xlsx_error)?;
    finish(&mut wb, card.assessment.date)
}

fn build(
    wb: &mut Workbook,
    f: &Formats,
    card: &Scorecard,
    instrument: &Instrument,
    style: &Style,
) -> Result<(), XlsxError> {
    summary(
        wb.add_worksheet().set_name("Summary")?,
        f,
        card,
        instrument,
        style,
    )?;
    areas(wb.add_worksheet().set_name("Areas")?, f, card)?;
    questions(wb.add_worksheet().set_name("Questions")?, f, card)?;
    if card.roles.is_some() {
        roles(wb.add_worksheet().set_name("Roles")?, f, card)?;
    }
    if card.perception_gaps.is_some() {
        perception_gaps(wb.add_worksheet().set_name("Perception gaps")?, f, card)?;
    }
    Ok(())
}

/// The status of a question in words.
pub(crate) fn status(s: Status) -> &'static str {
    match s {
        Status::Answered => "answered",
        Status::NotApplicable => "not applicable",
        Status::Unanswered => "unanswered",
    }
}

/// The area title of a question.
fn area_title<'c>(card: &'c Scorecard, q: &'c QuestionScore) -> &'c str {
    card.area(&q.area)
        .map_or(q.area.as_str(), |a| a.title.as_str())
}

/// Header, headline figures, the area and top-gap tables the charts draw,
/// and the two charts.
fn summary(
    ws: &mut Worksheet,
    f: &Formats,
    card: &Scorecard,
    instrument: &Instrument,
    style: &Style,
) -> Result<(), XlsxError> {
    let kind = format!("{}: gap report", card.questionnaire.title);
    let mut row = header(ws, f, &kind, &card.questionnaire, &card.assessment)?;
    if let Some(n) = card.respondents {
        ws.write_string_with_format(row, 0, "Respondents", &f.label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.whole)?;
        row += 1;
    }

    row += 1;
    ws.write_string_with_format(row, 0, "Headline", &f.heading)?;
    row += 1;
    let o = &card.overall;
    for (label, v) in [
        ("Current", o.current),
        ("Target", o.target),
        ("Gap", o.gap),
        ("Shortfall", o.shortfall),
    ] {
        ws.write_string_with_format(row, 0, label, &f.label)?;
        number(ws, row, 1, v, &f.score)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "To target", &f.label)?;
    number(
        ws,
        row,
        1,
        o.percent_to_target.map(|p| p / 100.0),
        &f.percent,
    )?;
    row += 1;
    ws.write_string_with_format(row, 0, "Band", &f.label)?;
    opt_text(ws, row, 1, o.band.as_deref())?;
    row += 1;
    let k = &card.counts;
    for (label, n) in [
        ("Critical", k.critical),
        ("Quick wins", k.quick_wins),
        ("Strengths", k.strengths),
    ] {
        ws.write_string_with_format(row, 0, label, &f.label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.whole)?;
        row += 1;
    }
    let c = &card.coverage;
    ws.write_string_with_format(row, 0, "Coverage", &f.label)?;
    let share = (c.questions > 0).then(|| c.answered as f64 / c.questions as f64);
    number(ws, row, 1, share, &f.percent)?;
    row += 1;
    for (label, n) in [
        ("Questions", c.questions),
        ("Answered", c.answered),
        ("Not applicable", c.not_applicable),
        ("Unanswered", c.unanswered),
    ] {
        ws.write_string_with_format(row, 0, label, &f.label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.whole)?;
        row += 1;
    }
    row += 1;

    // The areas, as the radar chart draws them.
    ws.write_string_with_format(row, 0, "Areas", &f.heading)?;
    row += 1;
    for (col, h) in ["Area", "Current", "Target", "Gap"].iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.label)?;
    }
    let first_area = row + 1;
    for a in &card.areas {
        row += 1;
        text(ws, row, 0, &a.title)?;
        number(ws, row, 1, a.current, &f.score)?;
        number(ws, row, 2, a.target, &f.score)?;
        number(ws, row, 3, a.gap, &f.score)?;
    }
    let last_area = row;
    row += 2;

    // The top gaps, as the bar chart draws them.
    let top: Vec<&QuestionScore> = card
        .priorities
        .iter()
        .filter_map(|id| card.question(id))
        .take(style.top)
        .collect();
    ws.write_string_with_format(row, 0, "Top gaps", &f.heading)?;
    row += 1;
    for (col, h) in ["Question", "Area", "Gap", "Priority"].iter().enumerate() {
        ws.write_string_with_format(row, col as u16, *h, &f.label)?;
    }
    let first_gap = row + 1;
    for q in &top {
        row += 1;
        text(ws, row, 0, &q.title)?;
        text(ws, row, 1, area_title(card, q))?;
        number(ws, row, 2, q.gap, &f.score)?;
        number(ws, row, 3, q.priority, &f.score)?;
    }
    let last_gap = row;
    widths(ws, &[28.0, 16.0, 12.0, 12.0])?;

    let (lo, hi) = instrument.range();
    if !card.areas.is_empty() {
        let mut radar = chart(
            ChartType::RadarWithMarkers,
            "Current against target per area",
        );
        for (col, name) in [(1, "Current"), (2, "Target")] {
            radar
                .add_series()
                .set_name(name)
                .set_categories(("Summary", first_area, 0, last_area, 0))
                .set_values(("Summary", first_area, col, last_area, col));
        }
        radar.y_axis().set_min(lo).set_max(hi);
        ws.insert_chart(2, 5, &radar)?;
    }
    if !top.is_empty() {
        let mut bars = chart(ChartType::Bar, "Top gaps");
        bars.add_series()
            .set_name("Gap")
            .set_categories(("Summary", first_gap, 0, last_gap, 0))
            .set_values(("Summary", first_gap, 2, last_gap, 2));
        // Largest gap on top, as in the list.
        bars.y_axis().set_reverse();
        bars.x_axis().set_min(0.0);
        bars.legend().set_hidden();
        ws.insert_chart(21, 5, &bars)?;
    }
    super::printed(ws, 1);
    Ok(())
}

/// One row per area; a team adds each role's view of it.
fn areas(ws: &mut Worksheet, f: &Formats, card: &Scorecard) -> Result<(), XlsxError> {
    let roles = card.roles.as_deref().unwrap_or_default();
    let mut headers: Vec<String> = [
        "Area id",
        "Area",
        "Weight",
        "Current",
        "Target",
        "Gap",
        "Shortfall",
        "To target",
        "Band",
        "Answered",
        "Not applicable",
        "Unanswered",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(roles.iter().map(|r| r.role.clone()));
    for (i, a) in card.areas.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &a.id)?;
        text(ws, row, 1, &a.title)?;
        number(ws, row, 2, Some(a.weight), &f.score)?;
        number(ws, row, 3, a.current, &f.score)?;
        number(ws, row, 4, a.target, &f.score)?;
        number(ws, row, 5, a.gap, &f.score)?;
        number(ws, row, 6, a.shortfall, &f.score)?;
        let to_target = a.percent_to_target.map(|p| p / 100.0);
        number(ws, row, 7, to_target, &f.percent)?;
        opt_text(ws, row, 8, a.band.as_deref())?;
        ws.write_number(row, 9, a.answered as f64)?;
        ws.write_number(row, 10, a.not_applicable as f64)?;
        ws.write_number(row, 11, a.unanswered as f64)?;
        for (j, r) in roles.iter().enumerate() {
            let v = r
                .areas
                .iter()
                .find(|ra| ra.id == a.id)
                .and_then(|ra| ra.current);
            number(ws, row, 12 + j as u16, v, &f.score)?;
        }
    }
    table(ws, 0, "Areas", headers, card.areas.len())?;
    let mut w = vec![
        14.0, 24.0, 9.0, 9.0, 9.0, 9.0, 10.0, 10.0, 14.0, 11.0, 15.0, 12.0,
    ];
    w.extend(roles.iter().map(|_| 14.0));
    widths(ws, &w)
}

/// One row per question with its figures and flags; a team adds the
/// spread. Critical gaps are painted.
fn questions(ws: &mut Worksheet, f: &Formats, card: &Scorecard) -> Result<(), XlsxError> {
    let team = card.respondents.is_some();
    let mut headers: Vec<String> = [
        "Question id",
        "Question",
        "Area",
        "Status",
        "Current",
        "Target",
        "Gap",
        "Weight",
        "Effort",
        "Priority",
        "Critical",
        "Quick win",
        "Note",
    ]
    .map(String::from)
    .to_vec();
    let roles = card.roles.as_deref().unwrap_or_default();
    if team {
        headers.extend(["Respondents", "Min", "Max", "Spread", "Disagreement"].map(String::from));
        // Each role's mean for the question, a column per role shown.
        headers.extend(roles.iter().map(|r| r.role.clone()));
    }
    for (i, q) in card.questions.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &q.id)?;
        text(ws, row, 1, &q.title)?;
        text(ws, row, 2, area_title(card, q))?;
        ws.write_string(row, 3, status(q.status))?;
        number(ws, row, 4, q.current, &f.score)?;
        number(ws, row, 5, q.target, &f.score)?;
        number(ws, row, 6, q.gap, &f.score)?;
        number(ws, row, 7, Some(q.weight), &f.score)?;
        ws.write_string(row, 8, q.effort.as_str())?;
        number(ws, row, 9, q.priority, &f.score)?;
        ws.write_boolean_with_format(row, 10, q.critical, &f.flag)?;
        ws.write_boolean_with_format(row, 11, q.quick_win, &f.flag)?;
        super::opt_text_with(ws, row, 12, q.note.as_deref(), &f.wrap)?;
        if let Some(note) = &q.note {
            super::fit_row(ws, row, &[(note, NOTE_WIDTH)])?;
        }
        if team {
            if let Some(s) = q.spread {
                ws.write_number(row, 13, s.n as f64)?;
                number(ws, row, 14, s.min, &f.score)?;
                number(ws, row, 15, s.max, &f.score)?;
                number(ws, row, 16, s.stdev, &f.score)?;
            }
            if let Some(d) = q.disagreement {
                ws.write_boolean_with_format(row, 17, d, &f.flag)?;
            }
            for (j, r) in roles.iter().enumerate() {
                let v = r
                    .questions
                    .iter()
                    .find(|rq| rq.id == q.id)
                    .and_then(|rq| rq.current);
                number(ws, row, 18 + j as u16, v, &f.score)?;
            }
        }
    }
    let n = card.questions.len();
    table(ws, 0, "Questions", headers, n)?;
    if n > 0 {
        // The gap and the flag of every critical question, by its Critical column.
        let critical = column_number_to_name(10);
        let rule = ConditionalFormatFormula::new()
            .set_rule(format!("=${critical}2=TRUE").as_str())
            .set_format(&f.critical);
        ws.add_conditional_format(1, 6, n as u32, 6, &rule)?;
        ws.add_conditional_format(1, 10, n as u32, 10, &rule)?;
    }
    let mut w = vec![
        22.0, 34.0, 16.0, 14.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 10.0, NOTE_WIDTH,
    ];
    if team {
        w.extend([13.0, 8.0, 8.0, 9.0, 14.0]);
        w.extend(roles.iter().map(|_| 14.0));
    }
    widths(ws, &w)
}

/// Each role's respondents and view of each area.
fn roles(ws: &mut Worksheet, f: &Formats, card: &Scorecard) -> Result<(), XlsxError> {
    let roles = card.roles.as_deref().unwrap_or_default();
    let mut headers = vec!["Role".to_string(), "Respondents".to_string()];
    headers.extend(card.areas.iter().map(|a| a.title.clone()));
    for (i, r) in roles.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &r.role)?;
        ws.write_number(row, 1, r.respondents as f64)?;
        for (j, a) in card.areas.iter().enumerate() {
            let v = r
                .areas
                .iter()
                .find(|ra| ra.id == a.id)
                .and_then(|ra| ra.current);
            number(ws, row, 2 + j as u16, v, &f.score)?;
        }
    }
    table(ws, 0, "Roles", headers, roles.len())?;
    let mut w = vec![20.0, 13.0];
    w.extend(card.areas.iter().map(|_| 24.0));
    widths(ws, &w)
}

/// Where roles see an area or a question differently, largest first.
fn perception_gaps(ws: &mut Worksheet, f: &Formats, card: &Scorecard) -> Result<(), XlsxError> {
    let gaps = card.perception_gaps.as_deref().unwrap_or_default();
    let headers = [
        "Scope",
        "Id",
        "Title",
        "Gap",
        "Highest role",
        "Highest",
        "Lowest role",
        "Lowest",
    ]
    .map(String::from)
    .to_vec();
    for (i, g) in gaps.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(
            row,
            0,
            match g.scope {
                Scope::Area => "area",
                Scope::Question => "question",
            },
        )?;
        text(ws, row, 1, &g.id)?;
        text(ws, row, 2, &g.title)?;
        number(ws, row, 3, Some(g.gap), &f.score)?;
        text(ws, row, 4, &g.highest.role)?;
        number(ws, row, 5, Some(g.highest.current), &f.score)?;
        text(ws, row, 6, &g.lowest.role)?;
        number(ws, row, 7, Some(g.lowest.current), &f.score)?;
    }
    table(ws, 0, "PerceptionGaps", headers, gaps.len())?;
    widths(ws, &[10.0, 22.0, 34.0, 8.0, 16.0, 9.0, 16.0, 9.0])
}
