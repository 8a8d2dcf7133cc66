//! Finding the instrument (questionnaire + rubric) an assessment is scored
//! with: the built-in ones, or the files the user passed.

use crate::builtin::{self, BuiltIn};
use crate::error::{Diagnostic, Error};
use crate::model::{Answers, Instrument, Questionnaire, RawAnswers, Rubric};
use crate::path;
use crate::source::Source;

/// The instruments available to a command.
#[derive(Debug)]
pub struct Catalog {
    /// The instrument made from --questionnaire (and --rubric), if given.
    custom: Option<Instrument>,
    /// The built-in ones (every version, the newest of each id first), and
    /// those found among a batch's inputs.
    builtins: Vec<Instrument>,
}

impl Catalog {
    /// A catalogue of the built-in questionnaires, with the user's files
    /// taking their place where given.
    pub fn new(questionnaire: Option<&Source>, rubric: Option<&Source>) -> Result<Catalog, Error> {
        let mut catalog = Catalog {
            custom: None,
            builtins: Vec::new(),
        };
        match (questionnaire, rubric) {
            (Some(qs), rubric) => {
                let q = Questionnaire::parse(qs)?;
                let (r, rs) = match rubric {
                    Some(rs) => (Rubric::parse(rs)?, rs.clone()),
                    None => match BuiltIn::find(&q.id) {
                        Some(b) => {
                            let rs = b.rubric_source();
                            (Rubric::parse(&rs)?, rs)
                        }
                        None => {
                            return Err(Diagnostic::new(
                                &qs.name,
                                format!("no rubric for questionnaire \"{}\"", q.id),
                            )
                            .help("pass the rubric that scores it with --rubric FILE")
                            .into());
                        }
                    },
                };
                catalog.custom = Some(Instrument::new(q, qs, r, &rs)?);
            }
            (None, Some(rs)) => {
                let r = Rubric::parse(rs)?;
                let Some(b) = BuiltIn::find(&r.questionnaire) else {
                    return Err(rs
                        .diag(
                            &path!["questionnaire"],
                            "questionnaire",
                            format!(
                                "\"{}\" is not a built-in questionnaire ({})",
                                r.questionnaire,
                                known()
                            ),
                        )
                        .help("pass the questionnaire this rubric scores with --questionnaire FILE")
                        .into());
                };
                let qs = b.questionnaire_source();
                let instrument = Instrument::new(Questionnaire::parse(&qs)?, &qs, r, rs)?;
                catalog.builtins.push(instrument);
            }
            (None, None) => {}
        }
        // Every built-in one, ready to share between threads. A --rubric
        // for a built-in questionnaire scores its newest version, and every
        // answers file of that questionnaire with it.
        let given: Vec<String> = catalog
            .builtins
            .iter()
            .map(|i| i.questionnaire.id.clone())
            .collect();
        for b in builtin::ALL {
            if !given.iter().any(|id| id == b.id) {
                catalog.builtins.push(b.instrument()?);
            }
        }
        Ok(catalog)
    }

    /// Puts the questionnaires among a batch's inputs (`score
    /// examples/*.toml`) to use: each one with a rubric among them that
    /// scores it scores the answers that name it. A questionnaire the
    /// catalogue has already (built in, or passed with --questionnaire)
    /// keeps its place. Returns a note per file, in the order given, that
    /// says what became of it.
    pub fn add_found(&mut self, found: &[Source]) -> Vec<(String, String)> {
        use crate::validate::{Kind, detect};
        let rubrics: Vec<&Source> = found
            .iter()
            .filter(|s| detect(s).ok() == Some(Kind::Rubric))
            .collect();
        let parsed: Vec<(&Source, Rubric)> = rubrics
            .iter()
            .filter_map(|s| Some((*s, Rubric::parse(s).ok()?)))
            .collect();
        let mut used: Vec<(&str, String)> = Vec::new();
        let mut notes = Vec::new();
        for qs in found
            .iter()
            .filter(|s| detect(s).ok() == Some(Kind::Questionnaire))
        {
            let note = match Questionnaire::parse(qs) {
                Err(e) => format!("skipped: a questionnaire, not answers, and not usable: {e}"),
                Ok(q) if self.custom.is_some() || self.known(&q.id) => format!(
                    "skipped: a questionnaire, not answers (\"{}\" is given already)",
                    crate::limits::shown(&q.id)
                ),
                Ok(q) => {
                    let id = q.id.clone();
                    let rubric = parsed.iter().find(|(_, r)| r.questionnaire == id);
                    match rubric {
                        None => format!(
                            "skipped: a questionnaire, not answers (no rubric for \"{}\" among the inputs)",
                            crate::limits::shown(&id)
                        ),
                        Some((rs, r)) => match Instrument::new(q, qs, r.clone(), rs) {
                            Ok(instrument) => {
                                self.builtins.push(instrument);
                                used.push((rs.name.as_str(), qs.name.clone()));
                                format!(
                                    "a questionnaire, not answers: scores the answers for \"{}\", with {}",
                                    crate::limits::shown(&id),
                                    rs.name
                                )
                            }
                            Err(e) => format!(
                                "skipped: a questionnaire, not answers, and not usable with {}: {e}",
                                rs.name
                            ),
                        },
                    }
                }
            };
            notes.push((qs.name.clone(), note));
        }
        for rs in &rubrics {
            let note = match used.iter().find(|(name, _)| *name == rs.name) {
                Some((_, q)) => format!("a rubric, not answers: used with {q}"),
                None => "skipped: a rubric, not answers".to_string(),
            };
            notes.push((rs.name.clone(), note));
        }
        // In the order the files were given.
        notes.sort_by_key(|(name, _)| found.iter().position(|s| &s.name == name));
        notes
    }

    /// Whether a questionnaire id is known, built in or found.
    fn known(&self, id: &str) -> bool {
        self.builtins.iter().any(|i| i.questionnaire.id == id)
    }

    /// The instrument for a questionnaire id (its newest version); with no
    /// id, the user's questionnaire or the default built-in one.
    pub fn instrument(&self, id: Option<&str>) -> Result<&Instrument, Error> {
        if let Some(custom) = &self.custom {
            return Ok(custom);
        }
        let id = id.unwrap_or(builtin::DEFAULT_ID);
        self.builtins
            .iter()
            .find(|i| i.questionnaire.id == id)
            .ok_or_else(|| {
                Diagnostic::new(
                    "questionnaire",
                    format!("\"{id}\" is not a built-in questionnaire ({})", known()),
                )
                .into()
            })
    }

    /// The instrument an answers file names, or an error that points at the
    /// file's `questionnaire` (or `questionnaire_version`) key. Answers of a
    /// built-in questionnaire that name no version are for
    /// [`builtin::UNNAMED_VERSION`] where it is built in.
    pub fn instrument_for(&self, raw: &RawAnswers, src: &Source) -> Result<&Instrument, Error> {
        let id = raw.assessment.questionnaire.as_str();
        if let Some(custom) = &self.custom {
            return Ok(custom);
        }
        if !self.known(id) {
            return Err(src
                .diag(
                    &path!["assessment", "questionnaire"],
                    "assessment.questionnaire",
                    format!("\"{id}\" is not a built-in questionnaire ({})", known()),
                )
                .help("pass the questionnaire and rubric with --questionnaire FILE --rubric FILE")
                .into());
        }
        let named = raw.assessment.questionnaire_version.as_deref();
        if named.is_none()
            && let Some(i) = self.unnamed_version(id, raw)
        {
            return Ok(i);
        }
        let version = named.unwrap_or(builtin::UNNAMED_VERSION);
        if let Some(i) = self.builtins.iter().find(|i| same(i, id, version)) {
            return Ok(i);
        }
        let versions: Vec<&str> = self
            .builtins
            .iter()
            .filter(|i| i.questionnaire.id == id)
            .map(|i| i.questionnaire.version.as_str())
            .collect();
        Err(src
            .diag(
                &path!["assessment", "questionnaire_version"],
                "assessment.questionnaire_version",
                format!(
                    "\"{}\" is not a version of \"{id}\" built in (built in: {})",
                    crate::limits::shown(version),
                    versions.join(", ")
                ),
            )
            .help("pass the questionnaire file of that version with --questionnaire FILE --rubric FILE")
            .into())
    }

    /// The version of answers that name none: [`builtin::UNNAMED_VERSION`]
    /// (answers files named no version before there were two), unless they
    /// answer a question it does not have; then the oldest version that has
    /// every question they answer, else the newest (whose error then names
    /// the unknown ids).
    fn unnamed_version(&self, id: &str, raw: &RawAnswers) -> Option<&Instrument> {
        let versions: Vec<&Instrument> = self
            .builtins
            .iter()
            .filter(|i| i.questionnaire.id == id)
            .collect();
        let ids = raw.ids();
        let fits = |i: &&Instrument| ids.iter().all(|q| i.question(q).is_some());
        let unnamed = versions
            .iter()
            .find(|i| i.questionnaire.version == builtin::UNNAMED_VERSION);
        if let Some(i) = unnamed.filter(|i| fits(i)) {
            return Some(i);
        }
        // Oldest first: the list holds the newest first.
        versions
            .iter()
            .rev()
            .find(|i| fits(i))
            .or(versions.first())
            .copied()
    }

    /// Reads an answers file and checks it against its instrument.
    pub fn load_answers(&self, src: &Source) -> Result<(Answers, &Instrument), Error> {
        let raw = match RawAnswers::parse(src) {
            Ok(raw) => raw,
            Err(error) => return Err(not_answers(src).unwrap_or(error)),
        };
        let instrument = self.instrument_for(&raw, src)?;
        let answers = raw.resolve(src, instrument)?;
        Ok((answers, instrument))
    }
}

/// The error for a questionnaire, rubric or vision given where answers
/// are read, if the file is one: clearer than its unknown fields.
fn not_answers(src: &Source) -> Option<Error> {
    use crate::validate::{Kind, detect};
    let kind = detect(src).ok().filter(|k| *k != Kind::Answers)?;
    let flag = match kind {
        Kind::Questionnaire => "--questionnaire",
        Kind::Rubric => "--rubric",
        _ => "--vision",
    };
    Some(
        Diagnostic::new(&src.name, format!("is a {kind}, not answers"))
            .help(format!(
                "pass it with {flag} {}, and answers files (with [assessment] and [answers]) as the inputs",
                src.name
            ))
            .into(),
    )
}

/// Whether an instrument is this version of this questionnaire.
fn same(i: &Instrument, id: &str, version: &str) -> bool {
    i.questionnaire.id == id && i.questionnaire.version == version
}

fn known() -> String {
    let mut ids: Vec<&str> = builtin::ALL.iter().map(|b| b.id).collect();
    ids.dedup();
    format!("built-in: {}", ids.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn example(name: &str, text: &'static str) -> Source {
        Source::new(name, text, Format::Toml)
    }

    const Q: &str = include_str!("../examples/questionnaire.toml");
    const R: &str = include_str!("../examples/rubric.toml");

    #[test]
    fn a_found_questionnaire_with_its_rubric_scores_the_answers_that_name_it() {
        let mut catalog = Catalog::new(None, None).unwrap();
        assert!(catalog.instrument(Some("desk-check")).is_err());
        let notes = catalog.add_found(&[example("r.toml", R), example("q.toml", Q)]);
        assert_eq!(
            notes,
            [
                ("r.toml".to_string(), "a rubric, not answers: used with q.toml".to_string()),
                (
                    "q.toml".to_string(),
                    "a questionnaire, not answers: scores the answers for \"desk-check\", with r.toml"
                        .to_string()
                ),
            ]
        );
        let i = catalog.instrument(Some("desk-check")).unwrap();
        assert_eq!(i.questionnaire.id, "desk-check");
        // The built-in ones are still there.
        assert!(catalog.instrument(Some("itsm-core")).is_ok());
    }

    #[test]
    fn a_rubric_for_another_questionnaire_is_not_paired() {
        let mut catalog = Catalog::new(None, None).unwrap();
        let other = include_str!("../questionnaires/itsm-core-rubric.toml");
        let notes = catalog.add_found(&[example("q.toml", Q), example("core.toml", other)]);
        assert_eq!(
            notes[0].1,
            "skipped: a questionnaire, not answers (no rubric for \"desk-check\" among the inputs)"
        );
        assert_eq!(notes[1].1, "skipped: a rubric, not answers");
        assert!(catalog.instrument(Some("desk-check")).is_err());
    }
}
