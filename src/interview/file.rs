//! The answers file of an interview: its default name, creating it without
//! overwriting another, and saving it atomically after every answer.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::Saver;
use crate::atomic;
use crate::error::{Diagnostic, Error};
use crate::model::{Answers, Date, Instrument};

/// The longest organisation part of a default file name, in characters.
const MAX_NAME_PART: usize = 60;

/// How many numbered alternatives to a taken default name are tried.
const MAX_ALTERNATIVES: usize = 999;

/// An answers file, rewritten in full (atomically) on every save.
#[derive(Debug)]
pub struct AnswersFile<'a> {
    path: PathBuf,
    instrument: &'a Instrument,
}

impl<'a> AnswersFile<'a> {
    /// An existing answers file, such as the one an interview resumes.
    pub fn open(path: impl Into<PathBuf>, instrument: &'a Instrument) -> AnswersFile<'a> {
        AnswersFile {
            path: path.into(),
            instrument,
        }
    }

    /// Creates the file with the answers; fails if it exists already.
    pub fn create(
        path: impl Into<PathBuf>,
        instrument: &'a Instrument,
        answers: &Answers,
    ) -> Result<AnswersFile<'a>, Error> {
        let path = path.into();
        reserve(&path).map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => refusal(&path),
            _ => Error::write(path.display().to_string(), e),
        })?;
        let mut file = AnswersFile::open(path, instrument);
        file.save(answers)?;
        Ok(file)
    }

    /// Creates a file at `path` or, if that is taken, at the first free
    /// numbered alternative: `name-2.toml`, `name-3.toml`, ...
    pub fn create_unused(
        path: &Path,
        instrument: &'a Instrument,
        answers: &Answers,
    ) -> Result<AnswersFile<'a>, Error> {
        for candidate in alternatives(path).take(MAX_ALTERNATIVES) {
            match reserve(&candidate) {
                Ok(()) => {
                    let mut file = AnswersFile::open(candidate, instrument);
                    file.save(answers)?;
                    return Ok(file);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::write(candidate.display().to_string(), e)),
            }
        }
        Err(Diagnostic::new(
            path.display().to_string(),
            format!("this name and {MAX_ALTERNATIVES} numbered alternatives are taken"),
        )
        .help("choose the file with --out FILE")
        .into())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Saver for AnswersFile<'_> {
    fn save(&mut self, answers: &Answers) -> Result<(), Error> {
        atomic::write(&self.path, answers.to_toml(self.instrument).as_bytes())
    }
}

/// Creates an empty file, failing if something is there already.
fn reserve(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(drop)
}

/// `path`, then `path` with `-2`, `-3`, ... before its extension.
fn alternatives(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    std::iter::once(path.to_path_buf())
        .chain((2..).map(move |n| path.with_file_name(format!("{stem}-{n}{ext}"))))
}

/// The error for an answers file that exists when a new interview starts.
pub fn refusal(path: &Path) -> Error {
    let name = path.display().to_string();
    Diagnostic::new(
        &name,
        "already exists; a new interview does not overwrite answers",
    )
    .help(format!(
        "continue that interview with --resume {name}, or save this one elsewhere with --out FILE"
    ))
    .into()
}

/// The default answers file name: `assessment-<organization>-<date>.toml`,
/// with the organisation lower-cased and anything but letters and digits
/// turned into `-`.
pub fn default_name(organization: Option<&str>, date: Date) -> String {
    let part = organization.map(name_part).unwrap_or_default();
    if part.is_empty() {
        format!("assessment-{date}.toml")
    } else {
        format!("assessment-{part}-{date}.toml")
    }
}

/// Text as a safe part of a file name: lower case letters and digits, runs
/// of anything else as one `-`, none at either end.
pub fn name_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= MAX_NAME_PART {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;
    use crate::model::{Answer, Assessment};
    use crate::source::Format;

    fn date() -> Date {
        Date::parse("2026-11-20").unwrap()
    }

    #[test]
    fn default_names_are_safe_file_names() {
        assert_eq!(
            default_name(Some("Acme Corp"), date()),
            "assessment-acme-corp-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some("  ../R&D / IT: Ops!  "), date()),
            "assessment-r-d-it-ops-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some("Müller GmbH"), date()),
            "assessment-müller-gmbh-2026-11-20.toml"
        );
        assert_eq!(
            default_name(Some(" -- "), date()),
            "assessment-2026-11-20.toml"
        );
        assert_eq!(default_name(None, date()), "assessment-2026-11-20.toml");
        let long = "x".repeat(200);
        assert_eq!(name_part(&long).len(), MAX_NAME_PART);
    }

    fn answers() -> Answers {
        let mut a = Answers::new(Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Acme".into()),
            ..Assessment::default()
        });
        a.set("processes.incident", Answer::level(3.0));
        a
    }

    #[test]
    fn create_refuses_an_existing_file_and_leaves_it_alone() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "keep me").unwrap();
        let err = AnswersFile::create(&path, &i, &answers()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("already exists; a new interview does not overwrite answers"),
            "{text}"
        );
        let Error::Invalid(d) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                format!(
                    "continue that interview with --resume {}, or save this one elsewhere with --out FILE",
                    path.display()
                )
                .as_str()
            )
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    }

    #[test]
    fn create_unused_takes_the_next_free_number_and_saves_readable_answers() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessment-acme-2026-11-20.toml");
        std::fs::write(&path, "taken").unwrap();
        std::fs::write(
            dir.path().join("assessment-acme-2026-11-20-2.toml"),
            "taken",
        )
        .unwrap();
        let file = AnswersFile::create_unused(&path, &i, &answers()).unwrap();
        assert_eq!(
            file.path(),
            dir.path().join("assessment-acme-2026-11-20-3.toml")
        );
        let text = std::fs::read_to_string(file.path()).unwrap();
        let back = Answers::from_text("x", &text, Format::Toml, &i).unwrap();
        assert_eq!(back, answers());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "taken");
    }

    #[test]
    fn saving_rewrites_the_whole_file() {
        let i = BuiltIn::find("itsm-core").unwrap().instrument().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let mut file = AnswersFile::create(&path, &i, &answers()).unwrap();
        let mut more = answers();
        more.set("processes.request", Answer::not_applicable());
        file.save(&more).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            Answers::from_text("a.toml", &text, Format::Toml, &i).unwrap(),
            more
        );
    }
}
