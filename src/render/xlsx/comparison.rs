//! A comparison as a workbook: Summary (the assessments and the overall
//! change), Progress (each area over the assessments, with a line chart per
//! area) and Questions; with a plan (`compare --plan`), Plan (each step
//! against the follow-up) and, when any question moved with no step of
//! the plan, Unplanned.

use rust_xlsxwriter::{Chart, ChartMarker, ChartType, Workbook, Worksheet, XlsxError};

use super::{Formats, date, finish, number, opt_text, table, text, widths, xlsx_error};
use crate::compare::{Change, Comparison};
use crate::error::Error;
use crate::plan::progress::Progress;

/// Renders a comparison as the bytes of an `.xlsx` workbook.
pub fn comparison(cmp: &Comparison) -> Result<Vec<u8>, Error> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    build(&mut wb, &f, cmp).map_err(xlsx_error)?;
    let last = cmp.assessments.iter().filter_map(|a| a.date).max();
    finish(&mut wb, last)
}

fn build(wb: &mut Workbook, f: &Formats, cmp: &Comparison) -> Result<(), XlsxError> {
    summary(wb.add_worksheet().set_name("Summary")?, f, cmp)?;
    progress(wb.add_worksheet().set_name("Progress")?, f, cmp)?;
    questions(wb.add_worksheet().set_name("Questions")?, f, cmp)?;
    if let Some(p) = &cmp.plan {
        plan(wb.add_worksheet().set_name("Plan")?, f, p)?;
        if !p.moved_without_step.is_empty() {
            unplanned(wb.add_worksheet().set_name("Unplanned")?, f, p)?;
        }
    }
    Ok(())
}

/// Plan versus actual: a row per step, its due date a date cell, its
/// levels numbers, its outcome as the comparison's other formats say it.
fn plan(ws: &mut Worksheet, f: &Formats, p: &Progress) -> Result<(), XlsxError> {
    let headers = [
        "Step id",
        "Question id",
        "Question",
        "Phase",
        "To",
        "To level",
        "Due",
        "Owner",
        "Status",
        "Reason",
        "Before",
        "After",
        "Outcome",
    ]
    .map(String::from)
    .to_vec();
    for (i, s) in p.steps.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &s.id)?;
        text(ws, row, 1, &s.question)?;
        text(ws, row, 2, &s.title)?;
        ws.write_number(row, 3, s.phase as f64)?;
        number(ws, row, 4, Some(s.to), &f.score)?;
        text(ws, row, 5, &s.to_label)?;
        if let Some(d) = s.due {
            date(ws, row, 6, d, &f.date)?;
        }
        opt_text(ws, row, 7, s.owner.as_deref())?;
        ws.write_string(row, 8, s.status.as_str())?;
        opt_text(ws, row, 9, s.reason.as_deref())?;
        number(ws, row, 10, s.before, &f.score)?;
        number(ws, row, 11, s.after, &f.score)?;
        ws.write_string(row, 12, s.outcome.as_str())?;
    }
    table(ws, 0, "PlanVersusActual", headers, p.steps.len())?;
    widths(
        ws,
        &[
            24.0, 22.0, 34.0, 8.0, 6.0, 14.0, 12.0, 20.0, 12.0, 24.0, 9.0, 9.0, 14.0,
        ],
    )
}

/// The questions that moved with no step of the plan for them.
fn unplanned(ws: &mut Worksheet, f: &Formats, p: &Progress) -> Result<(), XlsxError> {
    let headers = ["Question id", "Question", "Before", "After"]
        .map(String::from)
        .to_vec();
    for (i, m) in p.moved_without_step.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &m.question)?;
        text(ws, row, 1, &m.title)?;
        number(ws, row, 2, m.before, &f.score)?;
        number(ws, row, 3, m.after, &f.score)?;
    }
    table(
        ws,
        0,
        "MovedWithoutStep",
        headers,
        p.moved_without_step.len(),
    )?;
    widths(ws, &[22.0, 34.0, 9.0, 9.0])
}

fn summary(ws: &mut Worksheet, f: &Formats, cmp: &Comparison) -> Result<(), XlsxError> {
    let q = &cmp.questionnaire;
    text_title(ws, f, &format!("{}: progress", q.title))?;
    ws.write_string_with_format(2, 0, "Questionnaire", &f.label)?;
    let version = crate::render::comparison::version_text(cmp);
    text(ws, 2, 1, &format!("{} {version} ({})", q.title, q.id))?;
    let mut row = 4;
    ws.write_string_with_format(row, 0, "Assessments", &f.heading)?;
    row += 1;
    for (col, h) in ["#", "Label", "Date", "Organisation", "Respondent", "Source"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, col as u16, *h, &f.label)?;
    }
    for ((i, a), label) in cmp.assessments.iter().enumerate().zip(cmp.labels()) {
        row += 1;
        ws.write_number(row, 0, (i + 1) as f64)?;
        text(ws, row, 1, &label)?;
        if let Some(d) = a.date {
            date(ws, row, 2, d, &f.date)?;
        }
        opt_text(ws, row, 3, a.organization.as_deref())?;
        opt_text(ws, row, 4, a.respondent.as_deref())?;
        opt_text(ws, row, 5, a.source.as_deref())?;
    }
    row += 2;
    ws.write_string_with_format(row, 0, "Overall", &f.heading)?;
    row += 1;
    let o = &cmp.overall;
    for (label, v, format) in [
        ("First", o.first, &f.score),
        ("Last", o.last, &f.score),
        ("Change", o.change, &f.score),
        ("Target", o.target, &f.score),
        ("Gap closed", o.gap_closed, &f.percent),
    ] {
        ws.write_string_with_format(row, 0, label, &f.label)?;
        number(ws, row, 1, v, format)?;
        row += 1;
    }
    super::printed(ws, 1);
    widths(ws, &[14.0, 14.0, 12.0, 20.0, 20.0, 30.0])
}

fn text_title(ws: &mut Worksheet, f: &Formats, title: &str) -> Result<(), XlsxError> {
    super::text_with(ws, 0, 0, title, &f.title)
}

/// The overall score and each area, a column per assessment, then a line
/// chart per area drawing its row.
fn progress(ws: &mut Worksheet, f: &Formats, cmp: &Comparison) -> Result<(), XlsxError> {
    let labels = cmp.labels();
    let n = labels.len() as u16;
    let mut headers = vec!["Area id".to_string(), "Area".to_string()];
    headers.extend(labels.iter().cloned());
    headers.extend(["Target", "Change", "Gap closed"].map(String::from));
    let rows: Vec<(&str, &str, &Change)> = std::iter::once(("", "Overall", &cmp.overall))
        .chain(
            cmp.areas
                .iter()
                .map(|a| (a.id.as_str(), a.title.as_str(), &a.change)),
        )
        .collect();
    for (i, (id, title, c)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, id)?;
        text(ws, row, 1, title)?;
        for (j, v) in c.series.iter().enumerate() {
            number(ws, row, 2 + j as u16, *v, &f.score)?;
        }
        number(ws, row, 2 + n, c.target, &f.score)?;
        number(ws, row, 3 + n, c.change, &f.score)?;
        number(ws, row, 4 + n, c.gap_closed, &f.percent)?;
    }
    table(ws, 0, "Progress", headers, rows.len())?;
    let mut w = vec![14.0, 24.0];
    w.extend(labels.iter().map(|_| 12.0));
    w.extend([9.0, 9.0, 11.0]);
    widths(ws, &w)?;

    // A line chart per area (the overall score first), two a row below the table.
    let top = rows.len() as u32 + 3;
    for (i, (_, _, c)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let mut line = Chart::new(ChartType::Line);
        // The title is the area's cell: user text never becomes a formula.
        line.title().set_name(("Progress", row, 1));
        line.set_width(480).set_height(288);
        line.add_series()
            .set_name(("Progress", row, 1))
            .set_categories(("Progress", 0, 2, 0, 1 + n))
            .set_values(("Progress", row, 2, row, 1 + n))
            .set_marker(ChartMarker::new().set_automatic());
        line.legend().set_hidden();
        // From zero to the target or the best score, so a small step looks small.
        let values = c.series.iter().flatten().chain(c.target.iter());
        let best = values.clone().fold(0.0_f64, |a, v| a.max(*v)).ceil();
        if values.clone().all(|v| *v >= 0.0) && best > 0.0 {
            line.y_axis().set_min(0.0).set_max(best);
        }
        let place = top + (i as u32 / 2) * 16;
        ws.insert_chart(place, (i as u16 % 2) * 7, &line)?;
    }
    Ok(())
}

/// Each question, a column per assessment, its change and movement.
fn questions(ws: &mut Worksheet, f: &Formats, cmp: &Comparison) -> Result<(), XlsxError> {
    let labels = cmp.labels();
    let n = labels.len() as u16;
    let mut headers = vec![
        "Question id".to_string(),
        "Question".to_string(),
        "Area".to_string(),
    ];
    headers.extend(labels.iter().cloned());
    headers.extend(["Change", "Movement"].map(String::from));
    for (i, q) in cmp.questions.iter().enumerate() {
        let row = i as u32 + 1;
        text(ws, row, 0, &q.id)?;
        text(ws, row, 1, &q.title)?;
        let area = cmp
            .areas
            .iter()
            .find(|a| a.id == q.area)
            .map_or(q.area.as_str(), |a| a.title.as_str());
        text(ws, row, 2, area)?;
        for (j, v) in q.series.iter().enumerate() {
            number(ws, row, 3 + j as u16, *v, &f.score)?;
        }
        number(ws, row, 3 + n, q.change, &f.score)?;
        ws.write_string(row, 4 + n, q.status.as_str())?;
    }
    table(ws, 0, "QuestionChanges", headers, cmp.questions.len())?;
    let mut w = vec![22.0, 34.0, 16.0];
    w.extend(labels.iter().map(|_| 12.0));
    w.extend([9.0, 15.0]);
    widths(ws, &w)
}
