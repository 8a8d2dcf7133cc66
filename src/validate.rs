//! `validate`: checks files of every kind, each on its own and against the
//! files it refers to.

use std::collections::HashMap;
use std::fmt;

use crate::builtin::BuiltIn;
use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::model::{Instrument, Questionnaire, RawAnswers, Rubric, Vision, answers::Response};
use crate::path;
use crate::source::{Format, Source};

/// The kinds of file the tool reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Questionnaire,
    Rubric,
    Answers,
    Vision,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Questionnaire => "questionnaire",
            Kind::Rubric => "rubric",
            Kind::Answers => "answers",
            Kind::Vision => "vision",
        })
    }
}

/// The outcome for one file: its kind and a one-line summary, or its problems.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    pub kind: Option<Kind>,
    pub result: Result<String, Error>,
}

/// Tells a file's kind from its top-level keys.
pub fn detect(src: &Source) -> Result<Kind, Error> {
    if src.text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Diagnostic::new(&src.name, "the file is empty")
            .help("a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]")
            .into());
    }
    let keys: Vec<String> = match src.format {
        Format::Toml => src.parse::<toml::Table>()?.keys().cloned().collect(),
        Format::Json => match src.parse::<serde_json::Value>()? {
            serde_json::Value::Object(o) => o.keys().cloned().collect(),
            other => {
                let found = match other {
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "a boolean",
                    _ => "null",
                };
                return Err(Diagnostic::new(
                    &src.name,
                    format!("expected an object {{ ... }} at the top, found {found}"),
                )
                .help("every file holds one object, e.g. {\"assessment\": {\"questionnaire\": \"itsm-core\"}, \"answers\": {}}")
                .into());
            }
        },
    };
    let has = |k: &str| keys.iter().any(|key| key == k);
    if has("area") {
        Ok(Kind::Questionnaire)
    } else if has("level") || has("band") || has("weights") || has("gap") {
        Ok(Kind::Rubric)
    } else if has("assessment") || has("answers") {
        Ok(Kind::Answers)
    } else if has("targets") {
        Ok(Kind::Vision)
    } else {
        Err(Diagnostic::new(&src.name, "cannot tell what kind of file this is")
            .help("a questionnaire has [[area]], a rubric [[level]], answers [assessment] and a vision [targets]; or name the kind with --kind")
            .into())
    }
}

/// Validates every source. `extra` holds questionnaires and rubrics given
/// with --questionnaire and --rubric, used for cross-references only.
pub fn validate(sources: &[Source], kind: Option<Kind>, extra: &[Source]) -> Vec<Outcome> {
    let kinds: Vec<Result<Kind, Error>> = sources
        .iter()
        .map(|s| kind.map_or_else(|| detect(s), Ok))
        .collect();

    // Questionnaires and rubrics first: answers and visions refer to them.
    let mut questionnaires: Vec<(usize, Questionnaire)> = Vec::new();
    let mut rubrics: Vec<(usize, Rubric)> = Vec::new();
    let mut own: HashMap<usize, Result<String, Error>> = HashMap::new();
    let all: Vec<&Source> = sources.iter().chain(extra.iter()).collect();
    let extra_kinds: Vec<Result<Kind, Error>> = extra.iter().map(detect).collect();
    let mut broken_questionnaires = 0;
    for (i, src) in all.iter().enumerate() {
        let k = if i < sources.len() {
            kinds[i].as_ref().ok().copied()
        } else {
            extra_kinds[i - sources.len()].as_ref().ok().copied()
        };
        match k {
            Some(Kind::Questionnaire) => match Questionnaire::parse(src) {
                Ok(q) => questionnaires.push((i, q)),
                Err(e) => {
                    broken_questionnaires += 1;
                    own.insert(i, Err(e));
                }
            },
            Some(Kind::Rubric) => match Rubric::parse(src) {
                Ok(r) => rubrics.push((i, r)),
                Err(e) => {
                    own.insert(i, Err(e));
                }
            },
            _ => {}
        }
    }

    // Pair them up into instruments, reporting each problem on its file.
    let mut instruments: HashMap<String, Instrument> = HashMap::new();
    let mut problems: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    let mut paired_rubrics = Vec::new();
    for (qi, q) in &questionnaires {
        let qs = all[*qi];
        let given = rubrics.iter().find(|(_, r)| r.questionnaire == q.id);
        let builtin = BuiltIn::find(&q.id).map(|b| b.rubric_source());
        let pair = match (given, &builtin) {
            (Some((ri, r)), _) => {
                paired_rubrics.push(*ri);
                Some((r.clone(), all[*ri].clone()))
            }
            (None, Some(rs)) => Rubric::parse(rs).ok().map(|r| (r, rs.clone())),
            (None, None) => None,
        };
        match pair {
            Some((r, rs)) => match Instrument::new(q.clone(), qs, r, &rs) {
                Ok(inst) => {
                    own.insert(*qi, Ok(summary_questionnaire(&inst, Some(&rs.name))));
                    instruments.insert(q.id.clone(), inst);
                }
                Err(e) => file_problems(&mut problems, e, &qs.name, sources),
            },
            None => {
                own.insert(
                    *qi,
                    Ok(format!(
                        "questionnaire \"{}\" {}, {} areas, {} questions (no rubric given, so level counts were not checked against a scale)",
                        q.id,
                        q.version,
                        q.area.len(),
                        q.questions().count()
                    )),
                );
            }
        }
    }
    for (ri, r) in &rubrics {
        if paired_rubrics.contains(ri) {
            continue;
        }
        let rs = all[*ri];
        match BuiltIn::find(&r.questionnaire) {
            Some(b) => {
                let qs = b.questionnaire_source();
                let built =
                    Questionnaire::parse(&qs).and_then(|q| Instrument::new(q, &qs, r.clone(), rs));
                match built {
                    Ok(inst) => {
                        if !instruments.contains_key(&r.questionnaire) {
                            instruments.insert(r.questionnaire.clone(), inst);
                        }
                    }
                    Err(e) => file_problems(&mut problems, e, &rs.name, sources),
                }
            }
            None => {
                let d = if broken_questionnaires > 0 {
                    // Its questionnaire was most likely given, with errors.
                    rs.diag(
                        &path!["questionnaire"],
                        "questionnaire",
                        format!(
                            "questionnaire \"{}\" is not built in, and no valid questionnaire of that id was given",
                            limits::shown(&r.questionnaire)
                        ),
                    )
                    .help("fix the questionnaire's errors shown here, then validate the two again")
                } else {
                    rs.diag(
                        &path!["questionnaire"],
                        "questionnaire",
                        format!(
                            "questionnaire \"{}\" is neither given nor built in",
                            limits::shown(&r.questionnaire)
                        ),
                    )
                    .help("validate the rubric together with its questionnaire: itsm-assess validate QUESTIONNAIRE RUBRIC")
                };
                own.insert(*ri, Err(d.into()));
            }
        }
    }
    for (ri, r) in &rubrics {
        own.entry(*ri).or_insert_with(|| {
            Ok(format!(
                "rubric \"{}\" for \"{}\", {} levels, {} bands",
                r.id,
                r.questionnaire,
                r.level.len(),
                r.band.len()
            ))
        });
    }

    sources
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let kind = kinds[i].as_ref().ok().copied();
            let result = match &kinds[i] {
                Err(e) => Err(clone_error(e)),
                Ok(Kind::Questionnaire | Kind::Rubric) => match problems.remove(&src.name) {
                    Some(d) => Err(Error::invalid(d)),
                    None => own.remove(&i).unwrap_or_else(|| Ok(String::new())),
                },
                Ok(Kind::Answers) => check_answers(src, &mut instruments),
                Ok(Kind::Vision) => check_vision(src, &mut instruments),
            };
            Outcome {
                name: src.name.clone(),
                kind,
                result,
            }
        })
        .collect()
}

/// Files each problem to the file it names; problems in a file that is not
/// being validated (a built-in rubric that does not fit a questionnaire, say)
/// are filed to `owner`, the file that brought them about.
fn file_problems(
    problems: &mut HashMap<String, Vec<Diagnostic>>,
    e: Error,
    owner: &str,
    sources: &[Source],
) {
    for d in e.diagnostics() {
        let file = if sources.iter().any(|s| s.name == d.file) {
            d.file.clone()
        } else {
            owner.to_string()
        };
        problems.entry(file).or_default().push(d.clone());
    }
}

fn clone_error(e: &Error) -> Error {
    match e {
        Error::Invalid(d) => Error::Invalid(d.clone()),
        other => Error::Invalid(vec![Diagnostic::new("", other.to_string())]),
    }
}

fn instrument<'a>(
    id: &str,
    src: &Source,
    key: &[&str],
    instruments: &'a mut HashMap<String, Instrument>,
) -> Result<&'a Instrument, Error> {
    if !instruments.contains_key(id) {
        match BuiltIn::find(id) {
            Some(b) => {
                instruments.insert(id.to_string(), b.instrument()?);
            }
            None => {
                let path: Vec<crate::source::Seg> = key.iter().map(|k| (*k).into()).collect();
                return Err(src
                    .diag(&path, key.join("."), format!("questionnaire \"{id}\" is neither given nor built in"))
                    .help("validate the file together with its questionnaire and rubric: itsm-assess validate Q.toml R.toml FILE")
                    .into());
            }
        }
    }
    Ok(&instruments[id])
}

fn check_answers(
    src: &Source,
    instruments: &mut HashMap<String, Instrument>,
) -> Result<String, Error> {
    let raw = RawAnswers::parse(src)?;
    let id = raw.assessment.questionnaire.clone();
    // Not given among the files: the built-in version the answers are for,
    // as every other command reads them.
    let catalog;
    let inst = if !instruments.contains_key(&id) && BuiltIn::find(&id).is_some() {
        catalog = crate::Catalog::new(None, None)?;
        catalog.instrument_for(&raw, src)?
    } else {
        instrument(&id, src, &["assessment", "questionnaire"], instruments)?
    };
    let answers = raw.resolve(src, inst)?;
    let (mut answered, mut na) = (0, 0);
    for a in answers.answers.values() {
        match a.response {
            Response::Level(_) => answered += 1,
            Response::NotApplicable => na += 1,
            Response::Unanswered => {}
        }
    }
    Ok(format!(
        "answers for \"{id}\": {answered} answered, {na} not applicable, {} unanswered",
        inst.question_count() - answered - na
    ))
}

fn check_vision(
    src: &Source,
    instruments: &mut HashMap<String, Instrument>,
) -> Result<String, Error> {
    let id = src.parse::<Vision>()?.questionnaire;
    let inst = instrument(&id, src, &["questionnaire"], instruments)?;
    let v = Vision::load(src, inst)?;
    let t = &v.targets;
    Ok(format!(
        "vision for \"{id}\": {} default, {} area and {} question targets",
        if t.default.is_some() { "a" } else { "no" },
        t.areas.len(),
        t.questions.len()
    ))
}

fn summary_questionnaire(inst: &Instrument, rubric: Option<&str>) -> String {
    let q = &inst.questionnaire;
    format!(
        "questionnaire \"{}\" {}, {} areas, {} questions, checked against rubric {}",
        q.id,
        q.version,
        q.area.len(),
        inst.question_count(),
        rubric.unwrap_or("-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_file_must_hold_an_object() {
        let src = Source::new("a.json", "[]", Format::Json);
        let err = detect(&src).unwrap_err().to_string();
        assert!(
            err.starts_with("a.json: expected an object { ... } at the top, found an array"),
            "{err}"
        );
    }

    #[test]
    fn a_rubric_for_an_unknown_questionnaire_names_the_line() {
        let src = Source::new(
            "r.toml",
            "id = \"r\"\nquestionnaire = \"nope\"\n[[level]]\nvalue = 0\nlabel = \"a\"\n[[level]]\nvalue = 1\nlabel = \"b\"\n[[band]]\nmin = 0\nname = \"x\"\n",
            Format::Toml,
        );
        let outcome = validate(&[src], None, &[]);
        let err = outcome[0].result.as_ref().unwrap_err().to_string();
        assert!(
            err.starts_with(
                "r.toml:2:1: questionnaire: questionnaire \"nope\" is neither given nor built in"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_rubric_whose_questionnaire_has_errors_says_so() {
        let rubric = "id = \"r\"\nquestionnaire = \"q\"\n[[level]]\nvalue = 0\nlabel = \"a\"\n[[level]]\nvalue = 1\nlabel = \"b\"\n[[band]]\nmin = 0\nname = \"x\"\n";
        let broken = "id = \"q\"\ntitle = \"Q\"\n[[area]]\nid = \"a\"\ntitle = \"A\"\n";
        let outcome = validate(
            &[
                Source::new("q.toml", broken, Format::Toml),
                Source::new("r.toml", rubric, Format::Toml),
            ],
            None,
            &[],
        );
        assert!(outcome[0].result.is_err());
        let err = outcome[1].result.as_ref().unwrap_err().to_string();
        assert_eq!(
            err,
            "r.toml:2:1: questionnaire: questionnaire \"q\" is not built in, and no valid questionnaire of that id was given\n  \
             help: fix the questionnaire's errors shown here, then validate the two again"
        );
    }
}
