//! The library's errors: what went wrong, in which file, where, and what to try.

use std::fmt;

/// One problem in one input: file, line and column where known, the key it
/// concerns, what is wrong, and what to try.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub key: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Diagnostic {
        let key = key.into();
        self.key = (!key.is_empty()).then_some(key);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(self, help: Option<String>) -> Diagnostic {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// One or more problems in the input, each with its place.
    #[error("{}", join(.0))]
    Invalid(Vec<Diagnostic>),
}

impl Error {
    /// Invalid input, the problems in file order and then line order; past
    /// [`MAX_PROBLEMS`](crate::limits::MAX_PROBLEMS), one line says there are
    /// more (checks may stop counting there, so it gives no number).
    pub fn invalid(mut problems: Vec<Diagnostic>) -> Error {
        problems.sort_by(|a, b| {
            let place = |d: &Diagnostic| (d.line.unwrap_or(usize::MAX), d.column.unwrap_or(0));
            (&a.file, place(a)).cmp(&(&b.file, place(b)))
        });
        let max = crate::limits::MAX_PROBLEMS;
        if problems.len() > max {
            problems.truncate(max);
            let file = problems[0].file.clone();
            problems.push(Diagnostic::new(
                file,
                format!("more problems follow; fix these {max} and run again"),
            ));
        }
        Error::Invalid(problems)
    }

    pub fn read(path: impl Into<String>, source: std::io::Error) -> Error {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    pub fn write(path: impl Into<String>, source: std::io::Error) -> Error {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    /// The problems, for an invalid-input error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(d) => d,
            _ => &[],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Error {
        Error::Invalid(vec![d])
    }
}

fn join(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The known name closest to `unknown`, when one is close enough to be a typo.
///
/// Comparing costs the product of the lengths, so a name longer than any
/// real id gets no suggestion.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if unknown.len() > crate::limits::MAX_SHOWN_CHARS {
        return None;
    }
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_shows_file_line_column_key_and_help() {
        let d = Diagnostic::new("a.toml", "unknown question id")
            .at(3, 5)
            .key("answers.\"x\"")
            .help("did you mean \"y\"?");
        assert_eq!(
            d.to_string(),
            "a.toml:3:5: answers.\"x\": unknown question id\n  help: did you mean \"y\"?"
        );
    }

    #[test]
    fn diagnostic_without_position_shows_file_only() {
        assert_eq!(
            Diagnostic::new("a.toml", "empty").to_string(),
            "a.toml: empty"
        );
    }

    #[test]
    fn past_the_limit_one_line_counts_the_problems_left_out() {
        let max = crate::limits::MAX_PROBLEMS;
        let problems = (1..=max + 3)
            .map(|i| Diagnostic::new("a.toml", format!("problem {i}")).at(i, 1))
            .collect();
        let shown = Error::invalid(problems);
        let shown = shown.diagnostics();
        assert_eq!(shown.len(), max + 1);
        assert_eq!(shown[max - 1].line, Some(max));
        assert_eq!(
            shown[max].to_string(),
            format!("a.toml: more problems follow; fix these {max} and run again")
        );
    }

    #[test]
    fn closest_suggests_typos_only() {
        let known = ["processes.incident", "processes.change"];
        assert_eq!(
            closest("processes.incidnt", known),
            Some("processes.incident")
        );
        assert_eq!(closest("zzz", known), None);
        let long = format!("processes.incident{}", "x".repeat(200));
        assert_eq!(closest(&long, known), None);
    }
}
