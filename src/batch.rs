//! Batches: many inputs (answers files, folders of them, survey exports)
//! read in parallel, scored one by one or tallied into a team. A bad input
//! never stops the batch; it is reported with its error.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::model::{Answers, Instrument, Response, Vision};
use crate::score::AssessmentInfo;
use crate::source::Source;
use crate::survey::{Comment, ExportInfo, Row, Survey, SurveyOptions};
use crate::team::Tally;

/// One input to a batch.
#[derive(Debug, Clone)]
pub enum Input {
    /// An answers file (TOML or JSON); `found` when it came from a folder,
    /// where files of another kind are passed over.
    Answers { path: PathBuf, found: bool },
    /// Answers already read, from standard input.
    Text(Source),
    /// A survey export file.
    Csv(PathBuf),
    /// A survey export already read, from standard input.
    CsvText { name: String, bytes: Vec<u8> },
}

impl Input {
    /// The name shown in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Answers { path, .. } | Input::Csv(path) => path.display().to_string(),
            Input::Text(src) => src.name.clone(),
            Input::CsvText { name, .. } => name.clone(),
        }
    }
}

/// An input, or part of one, that could not be used.
#[derive(Debug)]
pub struct Failure {
    pub source: String,
    pub error: Error,
}

/// Reports progress: one call per respondent read.
pub trait Progress: Sync {
    fn advance(&self, respondents: u64);
}

impl Progress for () {
    fn advance(&self, _: u64) {}
}

/// How many problems one survey export reports before counting the rest.
const MAX_ROW_PROBLEMS: usize = limits::MAX_PROBLEMS;

/// What a list of paths expands to.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    /// Paths that could not be read (a folder without permission, say).
    pub failures: Vec<Failure>,
    /// What a folder walk passed over on purpose, and why.
    pub skipped: Vec<Skipped>,
}

/// A folder entry the walk passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub why: String,
}

/// Expands paths: a folder stands for every `.toml` and `.json` file in it
/// and below, in sorted order; a `.csv`, `.tsv` or `.xlsx` file is a
/// survey export.
///
/// A folder is walked so that each respondent counts once: symbolic links
/// to folders are not followed (a link to `.` would loop), hidden folders
/// and files are passed over, a file reached twice (a hard link, a link to
/// a file) counts once, and only regular files are read (a named pipe would
/// block the batch). Each entry that cannot be read is a failure of its
/// own; the walk goes on with the others.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for path in paths {
        if path.is_dir() {
            let mut walk = Walk::default();
            walk.folder(path);
            let before = out.failures.len();
            out.failures.append(&mut walk.failures);
            if walk.found.is_empty() && out.failures.len() == before {
                out.failures.push(Failure {
                    source: path.display().to_string(),
                    error: Diagnostic::new(
                        path.display().to_string(),
                        "holds no .toml or .json answers files",
                    )
                    .into(),
                });
            }
            walk.found.sort();
            let mut seen = rustc_hash::FxHashMap::default();
            for (path, id) in walk.found {
                match seen.get(&id) {
                    Some(first) => out.skipped.push(Skipped {
                        path: path.display().to_string(),
                        why: format!("the same file as {first}, counted once"),
                    }),
                    None => {
                        seen.insert(id, path.display().to_string());
                        out.inputs.push(Input::Answers { path, found: true });
                    }
                }
            }
            out.skipped.append(&mut walk.skipped);
        } else if ["csv", "tsv", "xlsx"]
            .iter()
            .any(|ext| has_extension(path, ext))
        {
            out.inputs.push(Input::Csv(path.clone()));
        } else {
            out.inputs.push(Input::Answers {
                path: path.clone(),
                found: false,
            });
        }
    }
    out
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// A folder walk in progress: the answers files found (with their device
/// and inode), what failed and what was passed over.
#[derive(Default)]
struct Walk {
    found: Vec<(PathBuf, (u64, u64))>,
    failures: Vec<Failure>,
    skipped: Vec<Skipped>,
    /// The folders entered, by device and inode: a bind mount that leads
    /// back is entered once.
    entered: rustc_hash::FxHashSet<(u64, u64)>,
}

impl Walk {
    fn fail(&mut self, path: &Path, e: std::io::Error) {
        let name = path.display().to_string();
        self.failures.push(Failure {
            source: name.clone(),
            error: Error::read(name, e),
        });
    }

    fn skip(&mut self, path: &Path, why: impl Into<String>) {
        self.skipped.push(Skipped {
            path: path.display().to_string(),
            why: why.into(),
        });
    }

    fn folder(&mut self, dir: &Path) {
        use std::os::unix::fs::MetadataExt;
        match std::fs::metadata(dir) {
            Ok(m) if !self.entered.insert((m.dev(), m.ino())) => {
                return self.skip(dir, "a folder already read, read once");
            }
            Ok(_) => {}
            Err(e) => return self.fail(dir, e),
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.fail(dir, e),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.fail(dir, e);
                    continue;
                }
            };
            let path = entry.path();
            let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
            let Ok(kind) = entry.file_type() else {
                self.skip(&path, "its type cannot be read");
                continue;
            };
            // `.toml` alone is a hidden file with no extension to the
            // standard library; it is still an answers file passed over.
            let bare = entry.file_name();
            let answers = has_extension(&path, "toml")
                || has_extension(&path, "json")
                || bare.eq_ignore_ascii_case(".toml")
                || bare.eq_ignore_ascii_case(".json");
            if kind.is_dir() {
                if hidden {
                    self.skip(&path, "a hidden folder, not read");
                } else {
                    self.folder(&path);
                }
                continue;
            }
            if kind.is_symlink() && path.is_dir() {
                self.skip(&path, "a link to a folder, not followed");
                continue;
            }
            if !answers {
                continue;
            }
            if hidden {
                self.skip(&path, "a hidden file, not read");
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => self.found.push((path, (m.dev(), m.ino()))),
                Ok(m) => {
                    let why = crate::source::not_regular("", &m).message;
                    let why = why.trim_start_matches("is ").to_string();
                    self.skip(&path, format!("{why}, not read"));
                }
                Err(e) => self.fail(&path, e),
            }
        }
    }
}

/// What every respondent of a batch is read with.
pub struct Batch<'a> {
    pub catalog: &'a Catalog,
    /// The vision, already checked against the catalogue's default instrument.
    pub vision: Option<(&'a Vision, String)>,
    pub survey: SurveyOptions,
    pub progress: &'a dyn Progress,
}

/// One input's outcome: scorecards or tally, and failures.
enum Loaded<T> {
    Skipped,
    Done(T),
}

impl Batch<'_> {
    /// Scores every respondent on their own, in input order: one result per
    /// answers file and per survey row, each handed to `sink` as soon as it
    /// is ready, so memory does not grow with the number of respondents.
    /// `score` is called with the instrument, the answers, the vision and
    /// the metadata, and returns what the caller keeps: a full scorecard,
    /// or a summary for a large batch. Answers files are scored in parallel,
    /// a few hundred at a time; a survey export row by row as it is read.
    pub fn score_each<T: Send>(
        &self,
        inputs: &[Input],
        score: impl Fn(&Instrument, &Answers, Option<&Vision>, AssessmentInfo) -> T + Sync,
        sink: &mut dyn FnMut(Result<T, Failure>),
    ) -> Vec<ExportInfo> {
        /// Answers files scored together before their results are handed on.
        const CHUNK: usize = 512;
        let is_survey = |i: &Input| matches!(i, Input::Csv(_) | Input::CsvText { .. });
        let mut exports = Vec::new();
        let mut at = 0;
        while at < inputs.len() {
            let input = &inputs[at];
            if is_survey(input) {
                let (info, result) = self.survey_rows(input, |instrument, row| {
                    self.progress.advance(1);
                    let info = AssessmentInfo {
                        source: Some(format!("{}:{}", input.name(), row.line)),
                        vision: self.vision.as_ref().map(|(_, n)| n.clone()),
                        ..AssessmentInfo::default()
                    };
                    sink(Ok(score(
                        instrument,
                        &row.to_answers(instrument),
                        self.vision_for(instrument),
                        info,
                    )));
                });
                exports.extend(info);
                for f in result.err().into_iter().flatten() {
                    sink(Err(f));
                }
                at += 1;
                continue;
            }
            let end = inputs[at..]
                .iter()
                .take(CHUNK)
                .position(is_survey)
                .map_or((at + CHUNK).min(inputs.len()), |n| at + n);
            let results: Vec<Option<Result<T, Failure>>> = inputs[at..end]
                .par_iter()
                .map(|input| match self.answers(input) {
                    Ok(Loaded::Skipped) => None,
                    Ok(Loaded::Done((answers, instrument, name))) => {
                        self.progress.advance(1);
                        let info = AssessmentInfo {
                            source: Some(name),
                            vision: self.vision.as_ref().map(|(_, n)| n.clone()),
                            ..AssessmentInfo::default()
                        };
                        Some(Ok(score(
                            instrument,
                            &answers,
                            self.vision_for(instrument),
                            info,
                        )))
                    }
                    Err(f) => Some(Err(f)),
                })
                .collect();
            for r in results.into_iter().flatten() {
                sink(r);
            }
            at = end;
        }
        exports.sort_by(|a, b| a.file.cmp(&b.file));
        exports
    }

    /// Tallies every respondent into one team. Failures come back in input
    /// order.
    pub fn tally(&self, inputs: &[Input], instrument: &Instrument) -> (Tally, Vec<Failure>) {
        let (tally, mut failures) = inputs
            .par_iter()
            .enumerate()
            .fold(
                || (Tally::new(instrument), Vec::new()),
                |(mut tally, mut failures), (index, input)| {
                    match input {
                        Input::Csv(_) | Input::CsvText { .. } => {
                            let (info, result) = self.survey_rows(input, |inst, row| {
                                tally.add_responses(
                                    inst,
                                    row.role.as_deref(),
                                    row.organization.as_deref(),
                                    row.date,
                                    row.replies.iter().copied(),
                                );
                                if let Some(text) = &row.comment {
                                    tally.add_comment(Comment {
                                        respondent: row.respondent.clone(),
                                        role: row.role.clone(),
                                        text: text.clone(),
                                    });
                                }
                            });
                            if let Some(info) = info {
                                tally.add_export(info);
                            }
                            failures.extend(result.err().into_iter().flatten().map(|f| (index, f)));
                        }
                        _ => match self.answers(input) {
                            Ok(Loaded::Skipped) => {}
                            Ok(Loaded::Done((answers, inst, name))) => {
                                let nothing = crate::score::Coverage::of(inst, &answers)
                                    .nothing_answered(&name);
                                if let Some(d) = nothing {
                                    // Counted, it would be a respondent who said nothing.
                                    failures.push((
                                        index,
                                        Failure {
                                            source: name,
                                            error: d.into(),
                                        },
                                    ));
                                } else if inst.questionnaire.id == instrument.questionnaire.id {
                                    tally.add(instrument, &answers);
                                    self.progress.advance(1);
                                } else {
                                    failures.push((
                                        index,
                                        Failure {
                                            source: name.clone(),
                                            error: Diagnostic::new(
                                                name,
                                                format!(
                                                    "answers for questionnaire \"{}\" cannot be put together with \"{}\"",
                                                    inst.questionnaire.id, instrument.questionnaire.id
                                                ),
                                            )
                                            .into(),
                                        },
                                    ));
                                }
                            }
                            Err(f) => failures.push((index, f)),
                        },
                    }
                    (tally, failures)
                },
            )
            .reduce(
                || (Tally::new(instrument), Vec::new()),
                |(mut a, mut fa), (b, fb)| {
                    a.merge(&b);
                    fa.extend(fb);
                    (a, fa)
                },
            );
        failures.sort_by_key(|(index, _)| *index);
        (tally, failures.into_iter().map(|(_, f)| f).collect())
    }

    fn vision_for(&self, instrument: &Instrument) -> Option<&Vision> {
        self.vision
            .as_ref()
            .map(|(v, _)| *v)
            .filter(|v| v.questionnaire == instrument.questionnaire.id)
    }

    /// Reads and checks one answers input.
    #[allow(clippy::type_complexity)]
    fn answers(
        &self,
        input: &Input,
    ) -> Result<Loaded<(crate::model::Answers, &Instrument, String)>, Failure> {
        let fail = |error| Failure {
            source: input.name(),
            error,
        };
        let (src, found) = match input {
            Input::Answers { path, found } => (Source::read(path).map_err(fail)?, *found),
            Input::Text(src) => (src.clone(), false),
            _ => return Ok(Loaded::Skipped),
        };
        match self.catalog.load_answers(&src) {
            Ok((answers, instrument)) => Ok(Loaded::Done((answers, instrument, src.name.clone()))),
            Err(error) => {
                // In a folder, a questionnaire, rubric or vision lying next
                // to the answers is not an answers file: pass it over.
                if found
                    && let Ok(kind) = crate::validate::detect(&src)
                    && kind != crate::validate::Kind::Answers
                {
                    return Ok(Loaded::Skipped);
                }
                Err(fail(error))
            }
        }
    }

    /// Streams the rows of a survey export, scored with the catalogue's
    /// default instrument; bad rows are collected, up to a limit. What was
    /// found in the export comes back when its header could be read.
    fn survey_rows(
        &self,
        input: &Input,
        each: impl FnMut(&Instrument, &Row),
    ) -> (Option<ExportInfo>, Result<(), Vec<Failure>>) {
        let mut info = None;
        let result = self.survey_rows_into(input, each, &mut info);
        (info, result)
    }

    fn survey_rows_into(
        &self,
        input: &Input,
        mut each: impl FnMut(&Instrument, &Row),
        info: &mut Option<ExportInfo>,
    ) -> Result<(), Vec<Failure>> {
        let name = input.name();
        let fail = |error| {
            vec![Failure {
                source: name.clone(),
                error,
            }]
        };
        let instrument = self.catalog.instrument(None).map_err(fail)?;
        let reader: Box<dyn Read + Send + '_> = match input {
            Input::Csv(path) => {
                let (file, meta) = crate::source::open_input(path).map_err(fail)?;
                let len = meta.len();
                if len > limits::MAX_CSV_BYTES {
                    return Err(fail(
                        limits::too_large(&name, len, limits::MAX_CSV_BYTES).into(),
                    ));
                }
                Box::new(std::io::BufReader::with_capacity(1 << 16, file))
            }
            Input::CsvText { bytes, .. } => Box::new(bytes.as_slice()),
            _ => return Ok(()),
        };
        let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
        let first = {
            use std::io::BufRead;
            reader
                .fill_buf()
                .map_err(|e| fail(Error::read(&name, e)))?
                .to_vec()
        };
        let mut survey =
            Survey::open(&name, &first, reader, instrument, &self.survey).map_err(fail)?;
        let mut row = Row::default();
        let mut problems: Vec<Diagnostic> = Vec::new();
        let mut bad_rows = 0u64;
        let mut pending = 0u64;
        // Rows that answer no question with a level (a survey started and
        // left): counted, they would be respondents who said nothing.
        let mut silent: Vec<u64> = Vec::new();
        let mut silent_rows = 0u64;
        while let Some(result) = survey.next_row(&mut row) {
            match result {
                Ok(())
                    if !row
                        .replies
                        .iter()
                        .any(|r| matches!(r.response, Response::Level(_))) =>
                {
                    silent_rows += 1;
                    if silent.len() < 5 {
                        silent.push(row.line);
                    }
                }
                Ok(()) => {
                    each(instrument, &row);
                    pending += 1;
                    if pending == 1024 {
                        self.progress.advance(pending);
                        pending = 0;
                    }
                }
                Err(e) => {
                    bad_rows += 1;
                    if problems.len() < MAX_ROW_PROBLEMS {
                        problems.extend(e.diagnostics().iter().cloned());
                    }
                }
            }
        }
        self.progress.advance(pending);
        let (mut found, mut unread) = survey.finish();
        if silent_rows > 0 {
            found.respondents = found.respondents.saturating_sub(silent_rows);
            let lines: Vec<String> = silent.iter().map(u64::to_string).collect();
            let more = if silent_rows > silent.len() as u64 {
                ", ..."
            } else {
                ""
            };
            found.warnings.push(format!(
                "{silent_rows} {} no question with a level (line {}{more}); left out of the respondents",
                if silent_rows == 1 { "row answers" } else { "rows answer" },
                lines.join(", ")
            ));
        }
        *info = Some(found);
        if problems.is_empty() && unread.is_empty() {
            return Ok(());
        }
        unread.truncate(MAX_ROW_PROBLEMS.saturating_sub(problems.len()).max(1));
        problems.truncate(MAX_ROW_PROBLEMS);
        let shown_rows = problems
            .iter()
            .filter_map(|d| d.line)
            .collect::<std::collections::BTreeSet<_>>()
            .len() as u64;
        if bad_rows > shown_rows {
            problems.push(Diagnostic::new(
                &name,
                format!(
                    "{} more rows have problems; they were left out",
                    bad_rows - shown_rows
                ),
            ));
        }
        problems.extend(unread);
        Err(fail(Error::Invalid(problems)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_sorted_answers_files_and_csv_is_a_survey() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.toml", "a.json", "sub/c.TOML", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let Expanded {
            inputs, failures, ..
        } = expand(&[dir.path().to_path_buf(), PathBuf::from("team.csv")]);
        assert!(failures.is_empty());
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                let n = i.name();
                n.strip_prefix(&dir.path().display().to_string())
                    .map(str::to_string)
                    .unwrap_or(n)
            })
            .collect();
        assert_eq!(names, ["/a.json", "/b.toml", "/sub/c.TOML", "team.csv"]);
        assert!(matches!(inputs[3], Input::Csv(_)));
    }

    #[test]
    fn an_empty_folder_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let Expanded {
            inputs, failures, ..
        } = expand(&[dir.path().to_path_buf()]);
        assert!(inputs.is_empty());
        assert!(
            failures[0]
                .error
                .to_string()
                .ends_with("holds no .toml or .json answers files")
        );
    }
}
