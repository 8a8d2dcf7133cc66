//! The plan file: a plan written as TOML for its owners to keep up to date
//! (owner, due date, `status`, `reason`), read back by `plan --from` and
//! `compare --plan`.

use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::path;
use crate::plan::{Plan, StepStatus};
use crate::render::SCHEMA_VERSION;
use crate::render::json::Versioned;
use crate::source::Source;

/// What a plan file says at its top: what to edit and how to use it.
const HEADER: &str = "\
# An itsm-assess plan file. Keep it up to date as the work goes on: per step
# (under [[phases.steps]]) edit owner, due, status (planned, in-progress,
# done or wont-do) and reason (required with wont-do: why, e.g. risk
# accepted). Then:
#   itsm-assess plan --from THIS.toml --format html     the plan with its state
#   itsm-assess compare BEFORE.toml AFTER.toml --plan THIS.toml   plan versus actual
";

/// The plan as the text of a plan file.
pub fn write(plan: &Plan) -> String {
    let doc = Versioned {
        schema_version: SCHEMA_VERSION,
        body: plan,
    };
    // A plan is plain data: numbers, texts, dates and lists of tables.
    let body = toml::to_string(&doc).unwrap_or_default();
    format!("{HEADER}\n{body}")
}

/// Reads a plan file (or a plan's JSON output) and checks what its owners
/// may have edited.
pub fn read(src: &Source) -> Result<Plan, Error> {
    let plan: Plan = src.parse()?;
    let mut problems = Vec::new();
    match plan.schema_version {
        Some(SCHEMA_VERSION) => {}
        Some(v) => problems.push(src.diag(
            &path!["schema_version"],
            "schema_version",
            format!(
                "this plan file has version {v}; this itsm-assess reads version {SCHEMA_VERSION}"
            ),
        )),
        None => problems.push(
            Diagnostic::new(&src.name, "is not a plan file: it has no schema_version")
                .help("write a plan file with `itsm-assess plan ANSWERS --output plan.toml`"),
        ),
    }
    let mut seen = std::collections::HashSet::new();
    for (pi, phase) in plan.phases.iter().enumerate() {
        for (si, s) in phase.steps.iter().enumerate() {
            let at = |field: &str| path!["phases", pi, "steps", si, field];
            let key = |field: &str| format!("step \"{}\".{field}", limits::shown(&s.id));
            if !seen.insert(s.id.as_str()) {
                problems.push(src.diag(
                    &at("id"),
                    key("id"),
                    "a step of this id is listed before; each step once",
                ));
            }
            if s.due.is_none() {
                problems.push(
                    src.diag(
                        &at("id"),
                        key("due"),
                        "has no due date; every step of a plan is dated",
                    )
                    .help("add due = YYYY-MM-DD to the step"),
                );
            }
            if s.status == StepStatus::WontDo
                && s.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                problems.push(
                    src.diag(
                        &at("status"),
                        key("reason"),
                        "a step that will not be done needs a reason",
                    )
                    .help("add reason = \"...\" (e.g. risk accepted by the CIO, out of scope)"),
                );
            }
            for (field, value) in [
                ("owner", s.owner.as_deref()),
                ("reason", s.reason.as_deref()),
            ] {
                if let Some(v) = value {
                    limits::check_text(&mut problems, src, &at(field), || key(field), v);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(Error::invalid(problems))
    }
}
