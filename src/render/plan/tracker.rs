//! What the tracker import layouts share: the plan's steps grouped by
//! area, each step's priority rank and its description.

use crate::model::Instrument;
use crate::plan::{Plan, Step};
use crate::render::plan::{levels, why};

/// One step with the phase it is in (none: the backlog).
pub struct Item<'p> {
    pub phase: Option<usize>,
    pub step: &'p Step,
}

impl Item<'_> {
    /// The step's rank for a tracker's priority, 1 (most urgent) to 4:
    /// phase 1 is 1, phase 2 is 2, phase 3 is 3, later phases and the
    /// backlog are 4. The plan already put the most pressing steps first.
    pub fn rank(&self) -> usize {
        self.phase.map_or(4, |p| p.clamp(1, 4))
    }

    /// Where the step is scheduled, in words: `phase 2` or `backlog`.
    pub fn when(&self) -> String {
        self.phase
            .map_or_else(|| "backlog".to_string(), |p| format!("phase {p}"))
    }

    /// The description's lines: what to do, how it is measured, when it is
    /// done, and the question's context.
    pub fn description(&self, instrument: &Instrument) -> Vec<String> {
        let s = self.step;
        let mut lines = Vec::new();
        if let Some(action) = &s.action {
            lines.push(format!("Action: {action}"));
        }
        if let Some(kpi) = &s.kpi {
            lines.push(format!("KPI: {kpi}"));
        }
        lines.push(format!("Acceptance: {}", s.acceptance));
        lines.push(format!("Serves: {}", s.relevant));
        for r in super::prerequisites(s) {
            lines.push(format!("Requires: {r}"));
        }
        lines.push(String::new());
        lines.push(format!("Question: {} ({})", s.title, s.question));
        if let Some((_, q)) = instrument.question(&s.question) {
            lines.push(format!("Asked: {}", q.text));
        }
        lines.push(format!("Effort: {}", super::effort(s)));
        lines.push(format!("Area: {} ({})", s.area_title, s.area));
        lines.push(format!("Levels: {}", levels(s)));
        lines.push(format!("Why: {}", why(s)));
        let due = s.due.map_or_else(String::new, |d| format!(", due {d}"));
        lines.push(format!("Scheduled: {}{due}", self.when()));
        lines.push(format!("Owner: {}", super::owner(s)));
        lines.push(format!("Status: {}", super::status(s)));
        if s.quick_win {
            lines.push("Quick win".to_string());
        }
        lines
    }
}

/// One area of the plan with its steps, in plan order.
pub struct AreaItems<'p> {
    pub id: &'p str,
    pub title: &'p str,
    pub gap: Option<f64>,
    pub items: Vec<Item<'p>>,
}

impl AreaItems<'_> {
    /// The most urgent rank among the area's steps.
    pub fn rank(&self) -> usize {
        self.items.iter().map(Item::rank).min().unwrap_or(4)
    }
}

/// The plan's steps grouped by area, areas in the order their first step
/// comes in the plan, steps in plan order (the backlog last).
pub fn by_area(plan: &Plan) -> Vec<AreaItems<'_>> {
    let mut areas: Vec<AreaItems<'_>> = Vec::new();
    let all = plan
        .phases
        .iter()
        .flat_map(|p| p.steps.iter().map(move |s| (Some(p.number), s)));
    for (phase, step) in all {
        let item = Item { phase, step };
        match areas.iter_mut().find(|a| a.id == step.area) {
            Some(a) => a.items.push(item),
            None => areas.push(AreaItems {
                id: &step.area,
                title: &step.area_title,
                gap: step.area_gap,
                items: vec![item],
            }),
        }
    }
    areas
}

/// A tracker label or tag: no spaces, commas or semicolons, which the
/// importers split on.
pub fn label(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() || c == ',' || c == ';' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// The area's description: its gap and how many steps it has.
pub fn area_description(area: &AreaItems<'_>) -> String {
    let gap = match area.gap {
        Some(g) if g > 0.0 => format!(
            " falls {} short of its target;",
            crate::render::num(Some(g))
        ),
        _ => String::new(),
    };
    format!(
        "{}{gap} {} improvement steps from the ITSM maturity assessment.",
        area.title,
        area.items.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::plan::tests::sample;

    #[test]
    fn steps_group_by_area_in_plan_order() {
        let p = sample();
        let areas = by_area(&p);
        let ids: Vec<&str> = areas.iter().map(|a| a.id).collect();
        assert_eq!(ids, ["processes", "tools"]);
        assert_eq!(areas[0].items.len(), 2);
        assert_eq!(areas[0].rank(), 1);
        assert_eq!(areas[0].items[1].rank(), 2);
    }

    #[test]
    fn labels_have_no_separators() {
        assert_eq!(label("in progress; done,x"), "in-progress--done-x");
    }
}
