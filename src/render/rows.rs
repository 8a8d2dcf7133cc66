//! Table rows the Markdown and HTML reports share: the same cells, each
//! format with its own escaping.

use crate::model::fmt_num;
use crate::render::num;
use crate::score::Scorecard;

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
