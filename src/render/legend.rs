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
            "A band is the floor of a score: a score takes the band of the highest lower bound it has reached{}: {}.",
            band_example(r),
            bands.join(", ")
        ),
        rules: [
            "Gap: target minus current; shortfall: the gap where it is above 0. An area's shortfall is the weighted mean of its questions' shortfalls, so a question above its target cannot offset one below it.".into(),
            "Percent to target: 100 × (1 − shortfall ÷ target); 100% when every target is met.".into(),
            format!(
                "Critical: a shortfall of {} levels or more. Quick win: a shortfall of at most {} on a question of {} effort or less.",
                fmt_num(r.gap.critical),
                fmt_num(r.gap.quick_win_max_gap),
                r.gap.quick_win_max_effort.0.as_str()
            ),
            "Priority: shortfall × question weight × area weight. The priority list puts every critical shortfall first, then the others, each by priority, highest first, ties in questionnaire order.".into(),
        ]
        .into_iter()
        .chain(weights(instrument))
        .collect(),
    }
}

/// `(a mean of 2.9 is Repeatable)`, from the rubric's own bands.
fn band_example(r: &crate::model::Rubric) -> String {
    match r.band.get(1..3) {
        Some([below, above]) if above.min - below.min > 0.1 => format!(
            " (a mean of {} is {})",
            fmt_num(above.min - 0.1),
            below.name
        ),
        _ => String::new(),
    }
}

/// Every weight other than 1, and the default target, with the rubric's
/// reason for it where it gives one.
fn weights(instrument: &Instrument) -> Vec<String> {
    let r = &instrument.rubric;
    let why = |id: &str| {
        r.weights
            .reasons
            .get(id)
            .map(|w| format!(" {}", w.trim()))
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (id, w) in &r.weights.areas {
        let title = instrument
            .area(id)
            .map_or(id.as_str(), |a| a.title.as_str());
        out.push(format!(
            "Weight of the area {title}: {}.{}",
            fmt_num(*w),
            why(id)
        ));
    }
    for (id, w) in &r.weights.questions {
        let title = instrument
            .question(id)
            .map_or(id.as_str(), |(_, q)| q.title.as_str());
        out.push(format!("Weight of {title}: {}.{}", fmt_num(*w), why(id)));
    }
    if let Some(t) = r.targets.default {
        out.push(format!("Default target: {}.{}", fmt_num(t), why("default")));
    }
    out
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

    #[test]
    fn each_weight_comes_with_the_rubrics_reason_and_a_band_is_a_floor() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let l = legend(&i);
        let r = &i.rubric;
        let reason = &r.weights.reasons["management.leadership"];
        let line = format!(
            "Weight of {}: {}. {reason}",
            i.question("management.leadership").unwrap().1.title,
            fmt_num(r.weights.questions["management.leadership"])
        );
        assert!(l.rules.contains(&line), "{:#?}", l.rules);
        // One line per weight given and the default target.
        let weights = r.weights.areas.len() + r.weights.questions.len() + 1;
        assert_eq!(l.rules.len(), 4 + weights);
        assert!(
            l.bands.contains(&format!(
                "(a mean of {} is {})",
                fmt_num(r.band[2].min - 0.1),
                r.band[1].name
            )),
            "{}",
            l.bands
        );
        // Every weight of the built-in rubric says why.
        for id in r.weights.areas.keys().chain(r.weights.questions.keys()) {
            assert!(r.weights.reasons.contains_key(id), "{id} has no reason");
        }
    }
}
