//! The R of a SMART step: the vision item or target it serves, in words.

use crate::model::instrument::EPSILON;
use crate::model::{Instrument, Targets, Vision};
use crate::plan::level_text;
use crate::render::num;
use crate::score::{QuestionScore, Scorecard};

/// Where a question's target was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    Question,
    Area,
    Default,
}

/// Which of `targets` gives the question its target `t`, most specific first.
fn set_by(targets: &Targets, q: &QuestionScore, t: f64) -> Option<Set> {
    let same = |v: Option<&f64>| v.is_some_and(|v| (v - t).abs() <= EPSILON);
    if targets.questions.contains_key(&q.id) {
        return same(targets.questions.get(&q.id)).then_some(Set::Question);
    }
    if targets.areas.contains_key(&q.area) {
        return same(targets.areas.get(&q.area)).then_some(Set::Area);
    }
    same(targets.default.as_ref()).then_some(Set::Default)
}

/// What the steps of a question serve: its target and who set it, and its
/// area's shortfall.
pub fn text(
    card: &Scorecard,
    instrument: &Instrument,
    vision: Option<&Vision>,
    q: &QuestionScore,
) -> String {
    let Some(t) = q.target else {
        return String::new();
    };
    let area = card.area(&q.area);
    let area_title = area.map_or(q.area.as_str(), |a| a.title.as_str());
    let goal = format!("{} at {}", q.title, level_text(instrument, t));
    let named = match vision.and_then(|v| v.title.as_deref()) {
        Some(title) => format!("the vision \"{title}\""),
        None => "the vision".to_string(),
    };
    let from_vision = vision.and_then(|v| set_by(&v.targets, q, t));
    let from_rubric = set_by(&instrument.rubric.targets, q, t);
    let whose = match (from_vision, from_rubric) {
        (Some(Set::Question), _) => format!("the target {named} sets for this question"),
        (Some(Set::Area), _) => format!("the target {named} sets for the {area_title} area"),
        (Some(Set::Default), _) => format!("the target {named} sets for every question"),
        (None, _)
            if vision.is_some_and(|v| {
                v.targets.questions.contains_key(&q.id)
                    || v.targets.areas.contains_key(&q.area)
                    || v.targets.default.is_some()
            }) =>
        {
            "the target given in the answers".to_string()
        }
        (None, Some(Set::Question)) => "the rubric's target for this question".to_string(),
        (None, Some(Set::Area)) => format!("the rubric's target for the {area_title} area"),
        (None, Some(Set::Default)) => "the rubric's default target".to_string(),
        (None, None) if (t - instrument.range().1).abs() <= EPSILON => {
            "the top of the scale (no target is set)".to_string()
        }
        (None, None) => "the target given in the answers".to_string(),
    };
    let mut out = format!("{goal}: {whose}");
    if let Some(a) = area
        && let (Some(short), Some(target)) = (a.shortfall, a.target)
        && short > EPSILON
    {
        out.push_str(&format!(
            "; {area_title} falls {} short of its target of {} on average",
            num(Some(short)),
            num(Some(target))
        ));
    }
    out.push('.');
    out
}
