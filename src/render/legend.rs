//! The legend every report ends with: what the scale's levels mean, what
//! a band is, how the priority order is made, and what critical and quick
//! win mean, all read from the rubric in use.

use crate::model::{Instrument, fmt_num};

/// The legend as plain sentences; each format escapes and lays them out.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// Each level: `2 Repeatable` and its description, if the rubric has one.
    pub scale: Vec<(String, Option<String>)>,
    /// What a band is, and the bands.
    pub bands: String,
    /// How the order of the priorities is made, what critical, quick win,
    /// shortfall and percent to target mean.
    pub rules: Vec<String>,
}

pub fn legend(instrument: &Instrument) -> Legend {
    let r = &instrument.rubric;
    let bands: Vec<String> = r
        .band
        .iter()
        .map(|b| format!("{} from {}", b.name, fmt_num(b.min)))
        .collect();
    Legend {
        scale: r
            .level
            .iter()
            .map(|l| (format!("{} {}", fmt_num(l.value), l.label), l.description.clone()))
            .collect(),
        bands: format!(
            "A band names the range a score falls in: {}.",
            bands.join(", ")
        ),
        rules: vec![
            "Gap: target minus current; shortfall: the gap where it is above 0. An area's shortfall is the weighted mean of its questions' shortfalls, so a question above its target cannot offset one below it.".into(),
            "Percent to target: 100 × (1 − shortfall ÷ target); 100% when every target is met.".into(),
            format!(
                "Critical: a shortfall of {} levels or more. Quick win: a shortfall of at most {} on a question of {} effort or less.",
                fmt_num(r.gap.critical),
                fmt_num(r.gap.quick_win_max_gap),
                r.gap.quick_win_max_effort.0.as_str()
            ),
            "Priority: shortfall × question weight × area weight. The priority list puts every critical shortfall first, then the others, each by priority, highest first, ties in questionnaire order.".into(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    #[test]
    fn the_legend_reads_the_rubric_in_use() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let l = legend(&i);
        assert_eq!(l.scale.len(), i.scale().len());
        assert_eq!(l.scale[0].0, format!("0 {}", i.scale()[0].label));
        assert!(l.bands.contains(&i.rubric.band[0].name));
        assert!(l.rules[2].contains(&fmt_num(i.rubric.gap.critical)));
    }
}
