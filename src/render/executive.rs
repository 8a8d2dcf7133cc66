//! The executive summary every report opens with: a few sentences a CIO
//! reads in a minute, each computed from the scorecard: where the
//! organisation stands, the areas and gaps that matter most and why, the
//! strongest perception gap in a team, the quick wins to start with, and
//! the caveats that weaken the picture.

use crate::model::fmt_num;
use crate::render::{num, percent_of_100};
use crate::score::{Scope, Scorecard};

/// How many areas, gaps and quick wins the summary names.
const NAMED: usize = 3;

/// Below this share of questions answered, coverage is a caveat.
const LOW_COVERAGE: f64 = 0.8;

/// From this share of questions not applicable, n/a is a caveat.
const MANY_NOT_APPLICABLE: f64 = 0.2;

/// The summary's sentences, in reading order; plain text, which each
/// format escapes.
pub fn sentences(card: &Scorecard) -> Vec<String> {
    let mut out = Vec::new();
    let o = &card.overall;
    let who = card
        .assessment
        .organization
        .clone()
        .unwrap_or_else(|| "The organisation".to_string());
    if o.current.is_none() {
        out.push(format!(
            "{who} has no answered question yet, so there is nothing to score."
        ));
        return out;
    }
    out.push(format!(
        "{who} stands at {} overall ({} against a target of {}): {} of the way to its targets, a shortfall of {} levels on average.",
        o.band.as_deref().unwrap_or("no band"),
        num(o.current),
        num(o.target),
        percent_of_100(o.percent_to_target),
        num(o.shortfall)
    ));

    // The areas with the most to do: shortfall weighted by the area's weight.
    let mut areas: Vec<_> = card
        .areas
        .iter()
        .filter(|a| a.shortfall.is_some_and(|s| s > 1e-9))
        .collect();
    areas.sort_by(|a, b| {
        let key = |x: &crate::score::AreaScore| x.shortfall.unwrap_or(0.0) * x.weight;
        key(b).total_cmp(&key(a))
    });
    if !areas.is_empty() {
        let named: Vec<String> = areas
            .iter()
            .take(NAMED)
            .map(|a| {
                let critical = card
                    .questions
                    .iter()
                    .filter(|q| q.area == a.id && q.critical)
                    .count();
                format!(
                    "{} (shortfall {}, weight {}, {} critical)",
                    a.title,
                    num(a.shortfall),
                    fmt_num(a.weight),
                    critical
                )
            })
            .collect();
        out.push(format!("Most to do: {}.", named.join("; ")));
    } else {
        out.push("Every area meets its target.".to_string());
    }

    let gaps: Vec<String> = card
        .priorities
        .iter()
        .filter_map(|id| card.question(id))
        .take(NAMED)
        .map(|q| {
            format!(
                "{} ({} levels short{})",
                q.title,
                num(q.shortfall()),
                if q.critical { ", critical" } else { "" }
            )
        })
        .collect();
    if !gaps.is_empty() {
        out.push(format!("First gaps to close: {}.", gaps.join("; ")));
    }

    if let Some(g) = card.perception_gaps.iter().flatten().next() {
        let what = match g.scope {
            Scope::Area => format!("the {} area", g.title),
            Scope::Question => g.title.clone(),
        };
        out.push(format!(
            "Roles see {what} most differently: {} at {}, {} at {}.",
            g.highest.role,
            num(Some(g.highest.current)),
            g.lowest.role,
            num(Some(g.lowest.current))
        ));
    }

    let wins: Vec<String> = card
        .quick_wins
        .iter()
        .filter_map(|id| card.question(id))
        .take(NAMED)
        .map(|q| q.title.clone())
        .collect();
    if !wins.is_empty() {
        out.push(format!("Quick wins to start with: {}.", wins.join("; ")));
    }

    out.extend(caveats(card));
    out
}

/// What weakens the picture: one respondent, low coverage, many n/a.
fn caveats(card: &Scorecard) -> Vec<String> {
    let mut out = Vec::new();
    let c = &card.coverage;
    if card.respondents.is_none() {
        let role = card
            .assessment
            .role
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        out.push(format!(
            "Caveat: these are one respondent's answers{role}, management included; leadership and culture are better rated by the people they lead, in a team assessment."
        ));
    }
    if c.questions > 0 {
        let answered = c.answered as f64 / c.questions as f64;
        if answered < LOW_COVERAGE {
            out.push(format!(
                "Caveat: only {} of {} questions are answered; the scores rest on those.",
                c.answered, c.questions
            ));
        }
        if c.not_applicable as f64 / c.questions as f64 >= MANY_NOT_APPLICABLE {
            out.push(format!(
                "Caveat: {} of {} questions are marked not applicable; check that they really are.",
                c.not_applicable, c.questions
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::Answers;
    use crate::score::{AssessmentInfo, score};
    use crate::source::{Format, Source};

    fn example() -> Scorecard {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/answers.toml"
        ))
        .unwrap();
        let answers = Answers::load(&Source::new("a.toml", text, Format::Toml), &i).unwrap();
        score(&i, &answers, None, AssessmentInfo::default())
    }

    #[test]
    fn every_sentence_comes_from_the_scorecard() {
        let card = example();
        let s = sentences(&card);
        assert!(s[0].starts_with(&format!(
            "Acme Corp stands at {} overall",
            card.overall.band.as_deref().unwrap()
        )));
        assert!(s[0].contains(&percent_of_100(card.overall.percent_to_target)));
        let first = card.question(&card.priorities[0]).unwrap();
        assert!(
            s.iter()
                .any(|l| l.starts_with("First gaps to close: ") && l.contains(&first.title))
        );
        assert!(s.iter().any(|l| {
            l.starts_with("Caveat: these are one respondent's answers (Service desk lead)")
        }));
        let win = card.question(&card.quick_wins[0]).unwrap();
        assert!(
            s.iter()
                .any(|l| l.starts_with("Quick wins to start with: ") && l.contains(&win.title))
        );
    }

    #[test]
    fn low_coverage_is_a_caveat_and_nothing_answered_says_so() {
        let mut card = example();
        card.coverage.answered = 10;
        assert!(
            sentences(&card)
                .iter()
                .any(|l| l.starts_with(&format!("Caveat: only 10 of {}", card.coverage.questions)))
        );
        card.overall.current = None;
        assert_eq!(
            sentences(&card),
            ["Acme Corp has no answered question yet, so there is nothing to score."]
        );
    }
}
