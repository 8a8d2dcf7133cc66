//! Answers: one respondent's assessment, the interchange format.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::limits;
use crate::model::date::Date;
use crate::model::instrument::{EPSILON, Instrument, fmt_num};
use crate::path;
use crate::source::{Format, Source};

/// Who was assessed, by whom, when, and with which questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The id of the questionnaire answered, e.g. "itsm-core".
    pub questionnaire: String,
    /// The version of the questionnaire answered, e.g. "2.0.0"; a built-in
    /// questionnaire's answers that name none are for version 1.0.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_version: Option<String>,
    /// The organisation assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<String>,
    /// The respondent's role; team reports compare roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When the assessment was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// What was assessed: the organisation's part, services or sites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// How: interviews, a workshop, a survey, documents reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Who led the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// The assessor's summary in their own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// What a respondent said about a question's current state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Response {
    /// A value on the scale.
    Level(f64),
    NotApplicable,
    Unanswered,
}

/// One answer: the current level, an optional own target, an optional note.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub response: Response,
    pub target: Option<f64>,
    pub note: Option<String>,
}

impl Answer {
    pub fn level(value: f64) -> Answer {
        Answer {
            response: Response::Level(value),
            target: None,
            note: None,
        }
    }

    pub fn not_applicable() -> Answer {
        Answer {
            response: Response::NotApplicable,
            target: None,
            note: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.response == Response::Unanswered && self.target.is_none() && self.note.is_none()
    }
}

/// Answers by question id, in file order (hashed with a fast hasher: ids
/// are not attacker-chosen keys that could degrade it, and batches look
/// them up millions of times).
pub type AnswerMap = IndexMap<String, Answer, rustc_hash::FxBuildHasher>;

/// A respondent's answers, checked against an instrument.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub assessment: Assessment,
    /// By question id, in file order.
    pub answers: AnswerMap,
}

/// One respondent's assessment: who, when, and an answer per question.
/// The shape of an answers file before its ids and values are checked.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Answers")]
pub struct RawAnswers {
    pub assessment: Assessment,
    /// An answer by question id; a question left out is unanswered.
    #[serde(default, deserialize_with = "unique_keys")]
    #[schemars(schema_with = "crate::schema::answer_map")]
    answers: IndexMap<String, Value>,
    /// Where an editor finds this file's JSON Schema; ignored by the tool.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
}

const DETAIL_KEYS: [&str; 3] = ["current", "target", "note"];

/// The problem with a question answered twice, in any spelling or format.
const ANSWERED_TWICE: &str = "answered twice; keep one answer per question";

fn is_not_applicable(text: &str) -> bool {
    let t = text.trim();
    ["n/a", "na", "not applicable"]
        .iter()
        .any(|v| t.eq_ignore_ascii_case(v))
}

impl RawAnswers {
    /// Reads the shape of an answers file (TOML or JSON).
    pub fn parse(src: &Source) -> Result<RawAnswers, Error> {
        src.parse().map_err(|e| match e {
            Error::Invalid(mut problems) => {
                for d in &mut problems {
                    // A question id given twice in JSON: point at the second.
                    if let Some(rest) = d.message.strip_prefix("answers.")
                        && let Some((key, _)) = rest.split_once(&format!(": {ANSWERED_TWICE}"))
                        && key.starts_with('"')
                    {
                        let at = second_key(&src.text, key).map(|offset| src.position(offset));
                        d.key = Some(format!("answers.{key}"));
                        d.message = ANSWERED_TWICE.into();
                        if let Some((line, column)) = at {
                            (d.line, d.column) = (Some(line), Some(column));
                        }
                    }
                    if d.message.starts_with("missing field `assessment`")
                        || d.message.starts_with("missing field `questionnaire`")
                    {
                        d.help = Some(
                            "an answers file starts with [assessment] and questionnaire = \"<id>\", e.g. \"itsm-core\"".into(),
                        );
                    }
                }
                Error::Invalid(problems)
            }
            other => other,
        })
    }

    /// The question ids the answers name.
    pub fn ids(&self) -> Vec<String> {
        let mut out = Vec::new();
        ids_of("", &self.answers, &mut out);
        out
    }

    /// Checks ids and values against the instrument.
    pub fn resolve(self, src: &Source, instrument: &Instrument) -> Result<Answers, Error> {
        let mut problems = Vec::new();
        if self.assessment.questionnaire != instrument.questionnaire.id {
            problems.push(
                src.diag(
                    &path!["assessment", "questionnaire"],
                    "assessment.questionnaire",
                    format!(
                        "these answers are for questionnaire \"{}\", not \"{}\"",
                        limits::shown(&self.assessment.questionnaire),
                        instrument.questionnaire.id
                    ),
                )
                .help("pass the questionnaire the answers were given with: --questionnaire FILE"),
            );
            return Err(Error::invalid(problems));
        }
        let who = &self.assessment;
        if let Some(v) = &who.questionnaire_version
            && !instrument.questionnaire.version.is_empty()
            && *v != instrument.questionnaire.version
        {
            let versions = crate::builtin::BuiltIn::versions(&instrument.questionnaire.id);
            let help = if versions.contains(&v.as_str()) {
                format!(
                    "version {} is built in: leave out --questionnaire to use it",
                    limits::shown(v)
                )
            } else {
                "pass the questionnaire file of that version: --questionnaire FILE".to_string()
            };
            problems.push(
                src.diag(
                    &path!["assessment", "questionnaire_version"],
                    "assessment.questionnaire_version",
                    format!(
                        "these answers are for version \"{}\" of \"{}\", not version \"{}\"",
                        limits::shown(v),
                        instrument.questionnaire.id,
                        instrument.questionnaire.version
                    ),
                )
                .help(help),
            );
            return Err(Error::invalid(problems));
        }
        for (field, value) in [
            ("questionnaire_version", &who.questionnaire_version),
            ("organization", &who.organization),
            ("respondent", &who.respondent),
            ("role", &who.role),
            ("scope", &who.scope),
            ("method", &who.method),
            ("assessor", &who.assessor),
            ("summary", &who.summary),
        ] {
            if let Some(value) = value {
                let at = path!["assessment", field];
                let key = || format!("assessment.{field}");
                limits::check_text(&mut problems, src, &at, key, value);
            }
        }
        let mut flat = Vec::new();
        flatten(String::new(), self.answers, &mut flat);
        let mut answers = AnswerMap::default();
        for (id, value) in flat {
            if problems.len() > limits::MAX_PROBLEMS {
                break;
            }
            // Where and how to name the answer, built only when it is wrong.
            let at = || path!["answers", id.as_str()];
            let key = || format!("answers.\"{}\"", limits::shown(&id));
            if instrument.question(&id).is_none() {
                problems.push(
                    src.diag(
                        &at(),
                        key(),
                        format!("unknown question id \"{}\"", limits::shown(&id)),
                    )
                        .maybe_help(instrument.suggest_question(&id).or_else(|| {
                            Some(format!(
                                "the questionnaire \"{}\" has no such question; `itsm-assess questionnaire show` lists the ids",
                                instrument.questionnaire.id
                            ))
                        })),
                );
                continue;
            }
            match answer_of(&value, instrument, src.format) {
                Ok(answer) => {
                    if let Some(note) = &answer.note {
                        let mut at = at().to_vec();
                        at.push("note".into());
                        let key = || format!("{}.note", key());
                        limits::check_text(&mut problems, src, &at, key, note);
                    }
                    if answers.contains_key(&id) {
                        problems.push(src.diag(&at(), key(), ANSWERED_TWICE));
                    } else {
                        answers.insert(id, answer);
                    }
                }
                Err((message, help)) => {
                    problems.push(src.diag(&at(), key(), message).maybe_help(help));
                }
            }
        }
        if problems.is_empty() {
            Ok(Answers {
                assessment: self.assessment,
                answers,
            })
        } else {
            Err(Error::invalid(problems))
        }
    }
}

/// Where a quoted key followed by a colon appears for the second time.
fn second_key(text: &str, quoted: &str) -> Option<usize> {
    let mut seen = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find(quoted) {
        let at = from + i;
        from = at + quoted.len();
        if text[from..].trim_start().starts_with(':') {
            seen += 1;
            if seen == 2 {
                return Some(at);
            }
        }
    }
    None
}

/// The answers map, refusing a question id given twice: JSON allows it
/// and would keep the last silently (TOML refuses it itself).
fn unique_keys<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<IndexMap<String, Value>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = IndexMap<String, Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            // One hash per key: this runs for every answer of every file.
            let mut out = IndexMap::with_capacity(map.size_hint().unwrap_or(0).min(1024));
            while let Some((key, value)) = map.next_entry::<String, Value>()? {
                match out.entry(key) {
                    indexmap::map::Entry::Vacant(slot) => {
                        slot.insert(value);
                    }
                    indexmap::map::Entry::Occupied(taken) => {
                        return Err(serde::de::Error::custom(format!(
                            "answers.\"{}\": {ANSWERED_TWICE}",
                            limits::shown(taken.key())
                        )));
                    }
                }
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

/// Bare dotted keys in TOML (`processes.incident = 2`) nest tables; flatten
/// them back into question ids so either spelling works.
/// The question ids a raw answer map names, as [`flatten`] reads them.
fn ids_of(prefix: &str, map: &IndexMap<String, Value>, out: &mut Vec<String>) {
    for (key, value) in map {
        let id = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(obj)
                if !obj.is_empty()
                    && !obj
                        .keys()
                        .any(|k| DETAIL_KEYS.contains(&k.as_str()) || k.starts_with("$__")) =>
            {
                let inner: IndexMap<String, Value> =
                    obj.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                ids_of(&id, &inner, out);
            }
            _ => out.push(id),
        }
    }
}

fn flatten(prefix: String, map: IndexMap<String, Value>, out: &mut Vec<(String, Value)>) {
    for (key, value) in map {
        let id = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(obj)
                if !obj.is_empty()
                    && !obj
                        .keys()
                        .any(|k| DETAIL_KEYS.contains(&k.as_str()) || k.starts_with("$__")) =>
            {
                flatten(id, obj.into_iter().collect(), out);
            }
            other => out.push((id, other)),
        }
    }
}

type Problem = (String, Option<String>);

fn answer_of(value: &Value, instrument: &Instrument, format: Format) -> Result<Answer, Problem> {
    match value {
        Value::Object(obj) if !obj.keys().any(|k| k.starts_with("$__")) => {
            if let Some(unknown) = obj.keys().find(|k| !DETAIL_KEYS.contains(&k.as_str())) {
                return Err((
                    format!("unknown key `{}` in an answer", limits::shown(unknown)),
                    Some("an answer table holds `current`, `target` and `note`".into()),
                ));
            }
            let response = match obj.get("current") {
                None => Response::Unanswered,
                Some(v) => response_of(v, instrument, format)?,
            };
            let target = match obj.get("target") {
                None => None,
                Some(v) => Some(target_of(v, instrument, format)?),
            };
            let note = match obj.get("note") {
                None => None,
                Some(Value::String(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
                Some(other) => {
                    return Err((format!("`note` must be text, found {}", kind(other)), None));
                }
            };
            Ok(Answer {
                response,
                target,
                note,
            })
        }
        other => Ok(Answer {
            response: response_of(other, instrument, format)?,
            target: None,
            note: None,
        }),
    }
}

fn scale_help(instrument: &Instrument) -> Option<String> {
    Some(format!(
        "valid values: {}, or \"n/a\" when the question does not apply",
        instrument.scale_list()
    ))
}

fn response_of(
    value: &Value,
    instrument: &Instrument,
    format: Format,
) -> Result<Response, Problem> {
    match value {
        // TOML has no null: a null read from TOML was a nan or inf.
        Value::Null if format == Format::Toml => Err((
            "nan and inf are not on the scale".into(),
            scale_help(instrument),
        )),
        Value::Null => Err((
            "null is not an answer".into(),
            Some(format!(
                "leave the question out to leave it unanswered; valid values: {}, or \"n/a\" when the question does not apply",
                instrument.scale_list()
            )),
        )),
        Value::Number(n) => {
            let v = n.as_f64().unwrap_or(f64::NAN);
            match instrument.level_index(v) {
                Some(i) => Ok(Response::Level(instrument.scale()[i].value)),
                None => Err((
                    format!("{} is not on the scale", fmt_num(v)),
                    scale_help(instrument),
                )),
            }
        }
        Value::String(s) if is_not_applicable(s) => Ok(Response::NotApplicable),
        Value::String(s) => match instrument.level_by_label(s) {
            Some(level) => Ok(Response::Level(level.value)),
            None => Err((
                format!("\"{}\" is not a level of the scale", limits::shown(s)),
                scale_help(instrument),
            )),
        },
        other => Err((
            format!(
                "expected a scale value, a level label or \"n/a\", found {}",
                kind(other)
            ),
            scale_help(instrument),
        )),
    }
}

fn target_of(value: &Value, instrument: &Instrument, format: Format) -> Result<f64, Problem> {
    let (lo, hi) = instrument.range();
    let v = match value {
        Value::Null if format == Format::Toml => f64::NAN,
        Value::Null => {
            return Err((
                "`target` must be a number, found null".into(),
                Some("leave `target` out to use the vision's or the rubric's target".into()),
            ));
        }
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => match instrument.level_by_label(s) {
            Some(level) => level.value,
            None => {
                return Err((
                    format!("target \"{s}\" is not a level of the scale"),
                    scale_help(instrument),
                ));
            }
        },
        other => {
            return Err((
                format!("`target` must be a number, found {}", kind(other)),
                None,
            ));
        }
    };
    if v.is_finite() && v >= lo - EPSILON && v <= hi + EPSILON {
        Ok(v)
    } else {
        let shown = if value.is_null() {
            "nan or inf".to_string()
        } else {
            fmt_num(v)
        };
        Err((
            format!(
                "target {} is outside the scale, which runs from {} to {}",
                shown,
                fmt_num(lo),
                fmt_num(hi)
            ),
            None,
        ))
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(o) if o.keys().any(|k| k.starts_with("$__")) => "a date",
        Value::Object(_) => "a table",
    }
}

impl Answers {
    /// Reads and checks an answers file against an instrument.
    pub fn load(src: &Source, instrument: &Instrument) -> Result<Answers, Error> {
        RawAnswers::parse(src)?.resolve(src, instrument)
    }

    /// Answers for a questionnaire, with nothing answered yet.
    pub fn new(assessment: Assessment) -> Answers {
        Answers {
            assessment,
            answers: AnswerMap::default(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.answers.get(id)
    }

    /// Sets an answer; an answer with nothing in it removes the entry.
    pub fn set(&mut self, id: &str, answer: Answer) {
        if answer.is_empty() {
            self.answers.shift_remove(id);
        } else {
            self.answers.insert(id.to_string(), answer);
        }
    }

    /// Writes the answers as TOML, in questionnaire order, readable and
    /// editable by hand.
    pub fn to_toml(&self, instrument: &Instrument) -> String {
        let mut out = String::from("[assessment]\n");
        let a = &self.assessment;
        out.push_str(&format!("questionnaire = {}\n", toml_str(&a.questionnaire)));
        if let Some(v) = &a.questionnaire_version {
            out.push_str(&format!("questionnaire_version = {}\n", toml_str(v)));
        }
        for (key, value) in [
            ("organization", &a.organization),
            ("respondent", &a.respondent),
            ("role", &a.role),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{key} = {}\n", toml_str(v)));
            }
        }
        if let Some(date) = a.date {
            out.push_str(&format!("date = {date}\n"));
        }
        for (key, value) in [
            ("scope", &a.scope),
            ("method", &a.method),
            ("assessor", &a.assessor),
            ("summary", &a.summary),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{key} = {}\n", toml_str(v)));
            }
        }
        out.push_str("\n[answers]\n");
        let ordered = instrument
            .questionnaire
            .questions()
            .filter_map(|(_, q)| self.answers.get_key_value(&q.id));
        for (id, answer) in ordered {
            let current = match answer.response {
                Response::Level(v) => Some(toml_num(v)),
                Response::NotApplicable => Some("\"n/a\"".to_string()),
                Response::Unanswered => None,
            };
            let value = match (&current, answer.target, &answer.note) {
                (Some(c), None, None) => c.clone(),
                _ => {
                    let mut parts = Vec::new();
                    if let Some(c) = current {
                        parts.push(format!("current = {c}"));
                    }
                    if let Some(t) = answer.target {
                        parts.push(format!("target = {}", toml_num(t)));
                    }
                    if let Some(n) = &answer.note {
                        parts.push(format!("note = {}", toml_str(n)));
                    }
                    format!("{{ {} }}", parts.join(", "))
                }
            };
            out.push_str(&format!("{} = {value}\n", toml_str(id)));
        }
        out
    }

    /// Reads answers back from text the tool wrote or a person edited.
    pub fn from_text(
        name: &str,
        text: &str,
        format: Format,
        instrument: &Instrument,
    ) -> Result<Answers, Error> {
        Answers::load(&Source::new(name, text, format), instrument)
    }

    /// Problems that are not errors: questions left unanswered.
    pub fn unanswered<'a>(&self, instrument: &'a Instrument) -> Vec<&'a str> {
        instrument
            .questionnaire
            .questions()
            .filter(|(_, q)| {
                self.answers
                    .get(&q.id)
                    .is_none_or(|a| a.response == Response::Unanswered)
            })
            .map(|(_, q)| q.id.as_str())
            .collect()
    }
}

/// A TOML basic string, escaped.
pub fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    fn instrument() -> Instrument {
        BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
    }

    fn load(text: &str) -> Result<Answers, Error> {
        Answers::load(&Source::new("a.toml", text, Format::Toml), &instrument())
    }

    const HEAD: &str = "[assessment]\nquestionnaire = \"itsm-core\"\n[answers]\n";

    #[test]
    fn values_labels_and_not_applicable_spellings() {
        let a = load(&format!(
            "{HEAD}\"processes.incident\" = 2\n\"processes.request\" = \"defined\"\n\"processes.problem\" = \"N/A\"\n\"processes.change\" = \"na\"\n\"tools.cmdb\" = \"Not applicable\"\n"
        ))
        .unwrap();
        assert_eq!(
            a.get("processes.incident").unwrap().response,
            Response::Level(2.0)
        );
        assert_eq!(
            a.get("processes.request").unwrap().response,
            Response::Level(3.0)
        );
        for id in ["processes.problem", "processes.change", "tools.cmdb"] {
            assert_eq!(a.get(id).unwrap().response, Response::NotApplicable, "{id}");
        }
    }

    #[test]
    fn bare_dotted_keys_and_subtables_are_question_ids_too() {
        let a = load(&format!("{HEAD}processes.incident = 2\n[answers.tools]\ncmdb = {{ current = 1, note = \"x\" }}\n")).unwrap();
        assert_eq!(
            a.get("processes.incident").unwrap().response,
            Response::Level(2.0)
        );
        assert_eq!(a.get("tools.cmdb").unwrap().note.as_deref(), Some("x"));
    }

    #[test]
    fn a_table_without_current_is_unanswered_but_keeps_target_and_note() {
        let a = load(&format!(
            "{HEAD}\"processes.incident\" = {{ target = 4, note = \"ask the desk\" }}\n"
        ))
        .unwrap();
        let answer = a.get("processes.incident").unwrap();
        assert_eq!(answer.response, Response::Unanswered);
        assert_eq!(answer.target, Some(4.0));
    }

    #[test]
    fn off_scale_values_list_the_valid_ones() {
        let err = load(&format!("{HEAD}\"processes.incident\" = 2.5\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a.toml:4:1: answers.\"processes.incident\": 2.5 is not on the scale"),
            "{err}"
        );
        assert!(
            err.contains("valid values: 0 (Non-existent), 1 (Initial)"),
            "{err}"
        );
    }

    #[test]
    fn answers_for_another_questionnaire_are_refused() {
        let err = load("[assessment]\nquestionnaire = \"other\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("these answers are for questionnaire \"other\", not \"itsm-core\""),
            "{err}"
        );
    }

    #[test]
    fn toml_written_by_the_tool_reads_back_the_same() {
        let i = instrument();
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme \"Quoted\" Corp".into()),
            date: Date::parse("2026-11-20"),
            ..Assessment::default()
        });
        a.set("tools.cmdb", Answer::not_applicable());
        a.set("processes.incident", Answer::level(2.0));
        a.set(
            "processes.change",
            Answer {
                response: Response::Level(1.0),
                target: Some(3.5),
                note: Some("line one\nline \"two\"".into()),
            },
        );
        a.set(
            "processes.problem",
            Answer {
                response: Response::Unanswered,
                target: None,
                note: None,
            },
        );
        let text = a.to_toml(&i);
        // Questionnaire order, not insertion order.
        assert!(text.find("processes.incident").unwrap() < text.find("processes.change").unwrap());
        assert!(
            !text.contains("processes.problem"),
            "an empty answer is not written"
        );
        let back = Answers::from_text("x.toml", &text, Format::Toml, &i).unwrap();
        assert_eq!(back.assessment, a.assessment);
        for id in ["tools.cmdb", "processes.incident", "processes.change"] {
            assert_eq!(back.get(id), a.get(id), "{id}");
        }
    }

    #[test]
    fn unanswered_lists_questions_without_a_response() {
        let a = load(&format!("{HEAD}\"processes.incident\" = 2\n")).unwrap();
        let i = instrument();
        let open = a.unanswered(&i);
        assert_eq!(open.len(), i.question_count() - 1);
        assert!(!open.contains(&"processes.incident"));
    }

    #[test]
    fn a_question_answered_twice_in_json_is_an_error_at_the_second() {
        let text = "{\"assessment\": {\"questionnaire\": \"itsm-core\"},\n\"answers\": {\"processes.incident\": 2,\n\"processes.incident\": 3}}";
        let err = Answers::from_text("a.json", text, Format::Json, &instrument())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "a.json:3:1: answers.\"processes.incident\": answered twice; keep one answer per question"
        );
    }

    #[test]
    fn json_null_and_toml_nan_are_named_as_such() {
        let i = instrument();
        let json = "{\"assessment\": {\"questionnaire\": \"itsm-core\"}, \"answers\": {\"processes.incident\": null}}";
        let err = Answers::from_text("a.json", json, Format::Json, &i)
            .unwrap_err()
            .to_string();
        assert!(err.contains("null is not an answer"), "{err}");
        let err = load(&format!(
            "{HEAD}\"processes.incident\" = nan\n\"processes.change\" = {{ target = -inf }}\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("nan and inf are not on the scale"), "{err}");
        assert!(
            err.contains("target nan or inf is outside the scale"),
            "{err}"
        );
    }
}
