//! The improvement plan as a workbook: Summary (who, when, the phases) and
//! Plan, one row per step with the columns a team fills in: Owner, Status
//! (a drop-down list) and Comment.

use rust_xlsxwriter::{DataValidation, Workbook, Worksheet, XlsxError};

use super::{
    Formats, date, finish, header, number, opt_text_with, table, text, text_with, widths,
    xlsx_error,
};
use crate::error::Error;
use crate::plan::{Plan, Step};
use crate::render::plan::{levels, summary as plan_summary};

/// The values of the Status drop-down; every step starts as the first.
pub const STATUSES: [&str; 4] = ["planned", "in progress", "done", "won't do"];

/// The columns of the Plan sheet.
pub const COLUMNS: [&str; 22] = [
    "Phase",
    "Due",
    "Question id",
    "Question",
    "Area",
    "From",
    "To",
    "From level",
    "To level",
    "Action",
    "KPI",
    "Acceptance",
    "Effort",
    "Priority",
    "Quick win",
    "Owner",
    "Status",
    "Comment",
    "Why",
    "Serves",
    "Requires",
    "Step id",
];

/// The widths of the Plan sheet's columns, in characters.
const WIDTHS: [f64; 22] = [
    8.0, 11.0, 20.0, 26.0, 16.0, 6.0, 6.0, 12.0, 12.0, 36.0, 28.0, 36.0, 8.0, 9.0, 10.0, 16.0,
    13.0, 24.0, 36.0, 36.0, 30.0, 22.0,
];

/// The drop-down's value for a step's status.
fn status_value(s: &Step) -> &'static str {
    use crate::plan::StepStatus;
    match s.status {
        StepStatus::Planned => STATUSES[0],
        StepStatus::InProgress => STATUSES[1],
        StepStatus::Done => STATUSES[2],
        StepStatus::WontDo => STATUSES[3],
    }
}

/// Renders a plan as the bytes of an `.xlsx` workbook.
pub fn plan(plan: &Plan) -> Result<Vec<u8>, Error> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    build(&mut wb, &f, plan).map_err(xlsx_error)?;
    finish(&mut wb, plan.assessment.date.or(Some(plan.start)))
}

fn build(wb: &mut Workbook, f: &Formats, plan: &Plan) -> Result<(), XlsxError> {
    summary(wb.add_worksheet().set_name("Summary")?, f, plan)?;
    steps(wb.add_worksheet().set_name("Plan")?, f, plan)?;
    Ok(())
}

fn summary(ws: &mut Worksheet, f: &Formats, plan: &Plan) -> Result<(), XlsxError> {
    let kind = format!("{}: improvement plan", plan.questionnaire.title);
    let mut row = header(ws, f, &kind, &plan.questionnaire, &plan.assessment)?;
    ws.write_string_with_format(row, 0, "Starts", &f.label)?;
    date(ws, row, 1, plan.start, &f.date)?;
    row += 1;
    ws.write_string_with_format(row, 0, "Plan", &f.label)?;
    text(ws, row, 1, &plan_summary(plan))?;
    row += 2;
    ws.write_string_with_format(row, 0, "Phases", &f.heading)?;
    row += 1;
    for (col, h) in ["Phase", "Starts", "Due", "Days", "Steps"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, col as u16, *h, &f.label)?;
    }
    for p in &plan.phases {
        row += 1;
        ws.write_number(row, 0, p.number as f64)?;
        date(ws, row, 1, p.starts, &f.date)?;
        date(ws, row, 2, p.due, &f.date)?;
        ws.write_number(row, 3, f64::from(p.days))?;
        ws.write_number(row, 4, p.steps.len() as f64)?;
    }
    super::printed(ws, 1);
    widths(ws, &[16.0, 14.0, 14.0, 8.0, 8.0])
}

/// One row per step, the backlog last.
fn steps(ws: &mut Worksheet, f: &Formats, plan: &Plan) -> Result<(), XlsxError> {
    let all: Vec<(Option<usize>, &Step)> = plan
        .phases
        .iter()
        .flat_map(|p| p.steps.iter().map(move |s| (Some(p.number), s)))
        .collect();
    for (i, (phase, s)) in all.iter().enumerate() {
        let row = i as u32 + 1;
        match phase {
            Some(n) => ws.write_number(row, 0, *n as f64)?,
            None => ws.write_string(row, 0, "backlog")?,
        };
        if let Some(due) = s.due {
            date(ws, row, 1, due, &f.date)?;
        }
        text(ws, row, 2, &s.question)?;
        text(ws, row, 3, &s.title)?;
        text(ws, row, 4, &s.area_title)?;
        number(ws, row, 5, Some(s.from), &f.score)?;
        number(ws, row, 6, Some(s.to), &f.score)?;
        text(ws, row, 7, &s.from_label)?;
        text(ws, row, 8, &s.to_label)?;
        opt_text_with(ws, row, 9, s.action.as_deref(), &f.wrap)?;
        opt_text_with(ws, row, 10, s.kpi.as_deref(), &f.wrap)?;
        text_with(ws, row, 11, &s.acceptance, &f.wrap)?;
        ws.write_string(row, 12, s.effort.as_str())?;
        number(ws, row, 13, Some(s.priority), &f.score)?;
        ws.write_boolean_with_format(row, 14, s.quick_win, &f.flag)?;
        // The owner the vision names, else for the team to fill in, as
        // the Comment (17) is.
        if let Some(owner) = &s.owner {
            ws.write_string(row, 15, owner)?;
        }
        ws.write_string(row, 16, status_value(s))?;
        if let Some(reason) = &s.reason {
            text_with(ws, row, 17, reason, &f.wrap)?;
        }
        let why = format!("{}: {}", levels(s), crate::render::plan::why(s));
        text_with(ws, row, 18, &why, &f.wrap)?;
        text_with(ws, row, 19, &s.relevant, &f.wrap)?;
        let requires = crate::render::plan::prerequisites(s).join("\n");
        if !requires.is_empty() {
            text_with(ws, row, 20, &requires, &f.wrap)?;
        }
        text(ws, row, 21, &s.id)?;
        let wrapped = [
            (s.action.as_deref().unwrap_or_default(), WIDTHS[9]),
            (s.kpi.as_deref().unwrap_or_default(), WIDTHS[10]),
            (s.acceptance.as_str(), WIDTHS[11]),
            (why.as_str(), WIDTHS[18]),
            (s.relevant.as_str(), WIDTHS[19]),
            (requires.as_str(), WIDTHS[20]),
        ];
        super::fit_row(ws, row, &wrapped)?;
    }
    let n = all.len();
    table(ws, 0, "Plan", COLUMNS.map(String::from).to_vec(), n)?;
    let status = DataValidation::new()
        .allow_list_strings(&STATUSES)?
        .set_error_title("Status")?
        .set_error_message("Choose one of: planned, in progress, done, won't do.")?;
    ws.add_data_validation(1, 16, n.max(1) as u32, 16, &status)?;
    widths(ws, &WIDTHS)
}
