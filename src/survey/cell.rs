//! What a question's cell says: a level by value, label, `N - Label` or the
//! question's own level descriptor; n/a; or nothing.

use std::collections::HashMap;

use super::text::normal;
use crate::limits;
use crate::model::{Instrument, Response};

/// Spellings of "not applicable".
const NOT_APPLICABLE: [&str; 6] = [
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "not applicable",
    "not-applicable",
];

/// Spellings of "no answer": the respondent did not say, so the question is
/// unanswered, which is not the same as not applicable.
const NO_ANSWER: [&str; 8] = [
    "don't know",
    "dont know",
    "do not know",
    "no answer",
    "no opinion",
    "prefer not to say",
    "unknown",
    "not sure",
];

/// The levels of one instrument, ready for reading cells.
pub struct Levels {
    values: Vec<f64>,
    /// Normal label -> scale index.
    labels: HashMap<String, usize>,
    /// Per question position: normal descriptor -> scale index.
    descriptors: Vec<HashMap<String, usize>>,
    scale_list: String,
}

/// How a cell was read, for `survey inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Empty,
    Value,
    Label,
    NumberedLabel,
    Descriptor,
    NotApplicable,
    NoAnswer,
    Mapped,
}

impl How {
    pub fn describe(self) -> &'static str {
        match self {
            How::Empty => "empty",
            How::Value => "by value",
            How::Label => "by label",
            How::NumberedLabel => "by number and label",
            How::Descriptor => "by the question's level descriptor",
            How::NotApplicable => "not applicable",
            How::NoAnswer => "no answer (unanswered)",
            How::Mapped => "by the mapping file",
        }
    }
}

impl Levels {
    pub fn new(instrument: &Instrument) -> Levels {
        let scale = instrument.scale();
        let values = scale.iter().map(|l| l.value).collect();
        let labels = scale
            .iter()
            .enumerate()
            .map(|(i, l)| (normal(&l.label), i))
            .collect();
        let descriptors = instrument
            .questionnaire
            .questions()
            .map(|(_, q)| {
                q.levels
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i < scale.len())
                    .map(|(i, d)| (normal(d), i))
                    .collect()
            })
            .collect();
        Levels {
            values,
            labels,
            descriptors,
            scale_list: instrument.scale_list(),
        }
    }

    /// The valid values, for messages.
    pub fn help(&self) -> String {
        format!(
            "valid values: {}, a level as \"N - Label\" or the question's level descriptor, \"n/a\", or an empty cell for unanswered",
            self.scale_list
        )
    }

    fn index_of(&self, value: f64) -> Option<usize> {
        self.values
            .iter()
            .position(|v| (v - value).abs() <= crate::model::instrument::EPSILON)
    }

    fn number(cell: &str, decimal_comma: bool) -> Option<f64> {
        let first = cell.as_bytes().first()?;
        if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
            return None;
        }
        match cell.parse::<f64>() {
            Ok(v) => Some(v),
            Err(_) if decimal_comma && cell.contains(',') => {
                cell.replacen(',', ".", 1).parse().ok()
            }
            Err(_) => None,
        }
    }

    /// Reads the cell of the question at `position` (`None`: any question,
    /// descriptors aside). The error says what the cell holds.
    pub fn read(
        &self,
        position: Option<usize>,
        cell: &str,
        decimal_comma: bool,
    ) -> Result<(Response, How), String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok((Response::Unanswered, How::Empty));
        }
        if let Some(v) = Self::number(cell, decimal_comma) {
            return match self.index_of(v) {
                Some(i) => Ok((Response::Level(self.values[i]), How::Value)),
                None => Err(format!("{} is not on the scale", limits::shown(cell))),
            };
        }
        let n = normal(cell);
        if let Some(&i) = self.labels.get(&n) {
            return Ok((Response::Level(self.values[i]), How::Label));
        }
        if NOT_APPLICABLE.contains(&n.as_str()) {
            return Ok((Response::NotApplicable, How::NotApplicable));
        }
        if NO_ANSWER.contains(&n.as_str()) {
            return Ok((Response::Unanswered, How::NoAnswer));
        }
        let descriptors = position.and_then(|p| self.descriptors.get(p));
        if let Some(&i) = descriptors.and_then(|d| d.get(&n)) {
            return Ok((Response::Level(self.values[i]), How::Descriptor));
        }
        if let Some(read) = self.numbered(&n, descriptors) {
            return read;
        }
        Err(format!(
            "\"{}\" is not a level of the scale",
            limits::shown(cell)
        ))
    }

    /// `3 - Defined`, `3. Defined`, `3: Defined`, `3 (Defined)`, or a number
    /// before the question's descriptor: the number and the words must agree.
    fn numbered(
        &self,
        n: &str,
        descriptors: Option<&HashMap<String, usize>>,
    ) -> Option<Result<(Response, How), String>> {
        let digits = n.len()
            - n.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .len();
        let (number, rest) = n.split_at(digits);
        let number = number.trim_end_matches('.');
        let value: f64 = number.parse().ok()?;
        let rest = rest
            .trim_start()
            .trim_start_matches(['-', ':', '.', '=', ')'])
            .trim();
        let rest = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(rest)
            .trim();
        if rest.is_empty() {
            return None;
        }
        let by_words = self
            .labels
            .get(rest)
            .or_else(|| descriptors.and_then(|d| d.get(rest)))
            .copied()?;
        Some(match self.index_of(value) {
            Some(i) if i == by_words => Ok((Response::Level(self.values[i]), How::NumberedLabel)),
            _ => Err(format!(
                "\"{n}\" gives the number {number} but the words of level {}",
                crate::model::instrument::fmt_num(self.values[by_words])
            )),
        })
    }

    /// Whether a cell of a column that names no question reads as a level:
    /// such a column is a question the header did not name.
    pub fn looks_like_level(&self, cell: &str) -> bool {
        let cell = cell.trim();
        if cell.is_empty() {
            return false;
        }
        if let Some(v) = Self::number(cell, false) {
            return self.index_of(v).is_some();
        }
        let n = normal(cell);
        if self.labels.contains_key(&n) || NOT_APPLICABLE.contains(&n.as_str()) {
            return true;
        }
        matches!(self.numbered(&n, None), Some(Ok(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    fn levels() -> (Instrument, Levels) {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let l = Levels::new(&i);
        (i, l)
    }

    #[test]
    fn levels_are_read_by_value_label_number_and_label_and_descriptor() {
        let (i, l) = levels();
        let level = |cell: &str| l.read(Some(0), cell, false).map(|(r, _)| r);
        assert_eq!(level("3"), Ok(Response::Level(3.0)));
        assert_eq!(level("defined"), Ok(Response::Level(3.0)));
        assert_eq!(level(" 3 - Defined "), Ok(Response::Level(3.0)));
        assert_eq!(level("3. Defined"), Ok(Response::Level(3.0)));
        assert_eq!(level("3 (Defined)"), Ok(Response::Level(3.0)));
        let (_, q) = i.questionnaire.questions().next().unwrap();
        assert_eq!(level(&q.levels[4]), Ok(Response::Level(4.0)));
        assert_eq!(level(&q.levels[4].to_uppercase()), Ok(Response::Level(4.0)));
        // Another question's descriptor is not this question's level.
        let (_, other) = i.questionnaire.questions().nth(1).unwrap();
        assert!(level(&other.levels[4]).is_err());
    }

    #[test]
    fn not_applicable_and_no_answer_are_told_apart() {
        let (_, l) = levels();
        for na in ["n/a", "N/A", "na", "Not applicable", "NOT APPLICABLE"] {
            assert_eq!(
                l.read(Some(0), na, false).unwrap().0,
                Response::NotApplicable,
                "{na}"
            );
        }
        for none in ["Don't know", "Don\u{2019}t know", "", "  "] {
            assert_eq!(
                l.read(Some(0), none, false).unwrap().0,
                Response::Unanswered,
                "{none}"
            );
        }
    }

    #[test]
    fn decimal_commas_count_only_in_semicolon_files_and_a_mismatch_is_named() {
        let (_, l) = levels();
        assert_eq!(
            l.read(Some(0), "3,0", true).unwrap().0,
            Response::Level(3.0)
        );
        assert!(l.read(Some(0), "3,0", false).is_err());
        assert_eq!(
            l.read(Some(0), "2 - Defined", false).unwrap_err(),
            "\"2 - defined\" gives the number 2 but the words of level 3"
        );
        assert_eq!(
            l.read(Some(0), "7", false).unwrap_err(),
            "7 is not on the scale"
        );
        assert!(l.looks_like_level("Defined"));
        assert!(l.looks_like_level("4 - Managed"));
        assert!(!l.looks_like_level("Service desk agent"));
        assert!(!l.looks_like_level("12"));
        assert!(l.looks_like_level("3"));
    }
}
