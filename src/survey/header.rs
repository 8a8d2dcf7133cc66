//! What each column of an export holds: a question (and how its header
//! named it), a respondent's target, the tools' own metadata, a comment,
//! or nothing this tool knows.

use std::collections::HashMap;

use super::mapping::{Mapping, Target};
use super::shape::Shape;
use super::text::{normal, strip_numbering};
use crate::error::{Diagnostic, Error};
use crate::limits;
use crate::model::Instrument;

/// How a header named its question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Id,
    Text,
    Title,
    /// The row part of `Grid [Row]` or `Matrix - Row`.
    GridRow,
    Mapped,
}

impl Named {
    pub fn describe(self) -> &'static str {
        match self {
            Named::Id => "by id",
            Named::Text => "by text",
            Named::Title => "by title",
            Named::GridRow => "by grid row",
            Named::Mapped => "by the mapping file",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Question(usize, Named),
    Target(usize),
    Respondent,
    FirstName,
    LastName,
    Email,
    Role,
    Organization,
    Date,
    /// Free text that becomes the respondent's note.
    Comment,
    /// A survey tool's own column, of no use to an assessment.
    Metadata,
    /// Left out by the mapping file.
    Ignore,
    /// Names no question: its cells tell whether it is free text (ignored)
    /// or a question the header did not name (unknown).
    Unmatched,
}

impl Column {
    pub fn position(self) -> Option<usize> {
        match self {
            Column::Question(p, _) | Column::Target(p) => Some(p),
            _ => None,
        }
    }
}

/// The tools' metadata columns, by normal header; `Date` ones with their
/// rank (lower wins: the moment the answers were completed).
fn metadata(n: &str) -> Option<(Column, u8)> {
    let column = match n {
        "respondent" | "name" | "full name" | "your name" | "respondent name" => Column::Respondent,
        "first name" | "recipientfirstname" | "firstname" => Column::FirstName,
        "last name" | "recipientlastname" | "lastname" => Column::LastName,
        "email" | "email address" | "e-mail" | "e-mail address" | "recipientemail" => Column::Email,
        "organization" | "organisation" | "company" | "organization name" => Column::Organization,
        "date" => return Some((Column::Date, 0)),
        "recordeddate" | "completion time" | "end date" | "enddate" | "date submitted"
        | "submitdate" | "submitted" | "timestamp" | "submission date" => {
            return Some((Column::Date, 1));
        }
        "datestamp" | "date last action" => return Some((Column::Date, 2)),
        "start time" | "start date" | "startdate" | "date started" => {
            return Some((Column::Date, 3));
        }
        "id"
        | "response id"
        | "respondent id"
        | "collector id"
        | "ip address"
        | "ipaddress"
        | "status"
        | "progress"
        | "duration (in seconds)"
        | "duration"
        | "finished"
        | "responseid"
        | "externalreference"
        | "externaldatareference"
        | "distributionchannel"
        | "userlanguage"
        | "last modified time"
        | "last page"
        | "lastpage"
        | "start language"
        | "startlanguage"
        | "seed"
        | "token"
        | "refurl"
        | "referrer url"
        | "interviewtime"
        | "total time"
        | "total points"
        | "quiz feedback"
        | "points"
        | "feedback points"
        | "response type"
        | "recorded date"
        | "location latitude"
        | "location longitude"
        | "distribution channel"
        | "user language"
        | "external data reference"
        | "language" => Column::Metadata,
        _ if n.starts_with("custom data")
            || n.starts_with("recipient")
            || n.starts_with("location")
            || n.starts_with("q_")
            || n.starts_with("grouptime") =>
        {
            Column::Metadata
        }
        _ => return None,
    };
    Some((column, 0))
}

/// Whether a header says it holds the respondent's role: the word "role".
fn names_role(n: &str) -> bool {
    n.split(|c: char| !c.is_alphanumeric()).any(|w| w == "role")
}

/// Whether a header is a free-text comment question.
fn names_comment(n: &str) -> bool {
    [
        "comment",
        "remark",
        "anything else",
        "any other",
        "notes",
        "feedback",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// The questions' ids, texts and titles in normal form.
pub struct Questions {
    known: HashMap<String, (usize, Named)>,
}

impl Questions {
    pub fn new(instrument: &Instrument) -> Questions {
        let mut known = HashMap::new();
        let mut add = |key: String, value: (usize, Named)| {
            let bare = key.trim_end_matches(['?', ':', '.']).trim_end().to_string();
            known.entry(bare).or_insert(value);
            known.insert(key, value);
        };
        // Later kinds win: the id over a title or text that reads the same.
        for (p, (_, q)) in instrument.questionnaire.questions().enumerate() {
            add(normal(&q.text), (p, Named::Text));
        }
        for (p, (_, q)) in instrument.questionnaire.questions().enumerate() {
            add(normal(&q.title), (p, Named::Title));
        }
        for (p, (_, q)) in instrument.questionnaire.questions().enumerate() {
            known.insert(normal(&q.id), (p, Named::Id));
        }
        // An export built from another built-in version of the questionnaire
        // names a question by its words there, or by an id it replaced.
        let q = &instrument.questionnaire;
        let position = |id: &str| {
            instrument.position(id).or_else(|| {
                q.questions()
                    .position(|(_, n)| n.replaces.iter().any(|r| r == id))
            })
        };
        for (b, other) in crate::builtin::BuiltIn::parsed() {
            if b.id != q.id || b.version == q.version {
                continue;
            }
            for (_, old) in other.questions() {
                let Some(p) = position(&old.id) else {
                    continue;
                };
                for (text, how) in [(&old.text, Named::Text), (&old.title, Named::Title)] {
                    let key = normal(text);
                    let bare = key.trim_end_matches(['?', ':', '.']).trim_end().to_string();
                    known.entry(bare).or_insert((p, how));
                    known.entry(key).or_insert((p, how));
                }
                if !q.questions().any(|(_, n)| n.id == old.id) {
                    known.entry(normal(&old.id)).or_insert((p, Named::Id));
                }
            }
        }
        Questions { known }
    }

    fn exact(&self, text: &str) -> Option<(usize, Named)> {
        let n = normal(strip_numbering(text));
        self.known
            .get(&n)
            .or_else(|| {
                self.known
                    .get(n.trim_end_matches(['?', ':', '.']).trim_end())
            })
            .copied()
    }

    /// The question a header names: by id, text or title, or by the row
    /// part of `Grid [Row]` or `Matrix - Row`.
    pub fn find(&self, text: &str) -> Option<(usize, Named)> {
        if let Some(found) = self.exact(text) {
            return Some(found);
        }
        let t = text.trim();
        if let Some(open) = t.rfind('[')
            && t.ends_with(']')
            && let Some((p, _)) = self.exact(&t[open + 1..t.len() - 1])
        {
            return Some((p, Named::GridRow));
        }
        let dashed = t.replace(['\u{2013}', '\u{2014}'], "-");
        for (i, _) in dashed.match_indices(" - ") {
            if let Some((p, _)) = self.exact(&dashed[i + 3..]) {
                return Some((p, Named::GridRow));
            }
        }
        None
    }

    /// The question of a `<question>:target` header.
    fn target(&self, text: &str) -> Option<usize> {
        let n = normal(text);
        let id = n.strip_suffix(":target")?;
        self.find(id.trim()).map(|(p, _)| p)
    }
}

/// Classifies every column of the header. Repeated questions, targets or
/// roles are errors, at most [`limits::MAX_PROBLEMS`] of them.
pub fn classify(
    name: &str,
    shape: &Shape,
    instrument: &Instrument,
    mapping: Option<&Mapping>,
    role_column: Option<&str>,
) -> Result<Vec<Column>, Error> {
    let questions = Questions::new(instrument);
    let mut columns = Vec::with_capacity(shape.names.len());
    let mut date_rank: Option<(usize, u8)> = None;
    for (i, texts) in shape.candidates.iter().enumerate() {
        let mapped = mapping.and_then(|m| {
            m.column(texts)
                .or_else(|| m.column(std::slice::from_ref(&shape.names[i])))
        });
        let column = if let Some(target) = mapped {
            match target {
                Target::Question(p) => Column::Question(p, Named::Mapped),
                Target::Target(p) => Column::Target(p),
                Target::Respondent => Column::Respondent,
                Target::Role => Column::Role,
                Target::Organization => Column::Organization,
                Target::Date => Column::Date,
                Target::Comment => Column::Comment,
                Target::Ignore => Column::Ignore,
            }
        } else if role_column.is_some_and(|r| texts.iter().any(|t| normal(t) == normal(r))) {
            Column::Role
        } else if let Some((p, how)) = texts.iter().find_map(|t| questions.find(t)) {
            Column::Question(p, how)
        } else if let Some(p) = texts.iter().find_map(|t| questions.target(t)) {
            Column::Target(p)
        } else if let Some((column, rank)) = texts.iter().find_map(|t| metadata(&normal(t))) {
            if column == Column::Date {
                match date_rank {
                    Some((_, best)) if best <= rank => Column::Metadata,
                    previous => {
                        if let Some((j, _)) = previous {
                            columns[j] = Column::Metadata;
                        }
                        date_rank = Some((i, rank));
                        Column::Date
                    }
                }
            } else {
                column
            }
        } else if role_column.is_none() && texts.iter().any(|t| names_role(&normal(t))) {
            Column::Role
        } else if texts.iter().any(|t| names_comment(&normal(t))) {
            Column::Comment
        } else {
            Column::Unmatched
        };
        columns.push(column);
    }
    let mut problems = Vec::new();
    // A role column asked for by name must be there: otherwise the roles
    // would be lost without a word.
    if let Some(r) = role_column
        && !columns.contains(&Column::Role)
    {
        problems.push(
            Diagnostic::new(
                name,
                format!("--role-column \"{}\": no column has this header", limits::shown(r)),
            )
            .help(format!(
                "give the header as it stands in the file's first row; `itsm-assess survey inspect {name}` lists the columns"
            )),
        );
    }
    let mut seen: HashMap<Column, usize> = HashMap::new();
    for (i, column) in columns.iter_mut().enumerate() {
        let key = match *column {
            Column::Question(p, _) => Column::Question(p, Named::Id),
            c @ (Column::Target(_)
            | Column::Respondent
            | Column::Role
            | Column::Organization
            | Column::Email) => c,
            _ => continue,
        };
        let Some(&first) = seen.get(&key) else {
            seen.insert(key, i);
            continue;
        };
        if matches!(key, Column::Question(..) | Column::Target(_)) {
            problems.push(
                Diagnostic::new(
                    name,
                    format!(
                        "column \"{}\" repeats column {} (\"{}\")",
                        limits::shown(&shape.names[i]),
                        first + 1,
                        limits::shown(&shape.names[first])
                    ),
                )
                .at(1, i + 1)
                .key(format!("column {}", i + 1))
                .help("each question may have one column, and one target column; map one of them to \"ignore\" with --map"),
            );
        } else {
            // A second name or role column: the first one counts.
            *column = Column::Metadata;
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        problems.truncate(limits::MAX_PROBLEMS);
        Err(Error::Invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::BuiltIn;

    fn instrument() -> Instrument {
        BuiltIn::find("itsm-core").unwrap().instrument().unwrap()
    }

    #[test]
    fn headers_name_questions_by_id_text_title_numbering_and_grid_rows() {
        let i = instrument();
        let q = Questions::new(&i);
        let (_, incident) = i.question("processes.incident").unwrap();
        let find = |t: &str| q.find(t);
        assert_eq!(find("processes.incident"), Some((0, Named::Id)));
        assert_eq!(find(&incident.text), Some((0, Named::Text)));
        assert_eq!(
            find(&format!("  {} *", incident.text.to_uppercase())),
            Some((0, Named::Text))
        );
        assert_eq!(find("3. Incident Management"), Some((0, Named::Title)));
        assert_eq!(find("Q1 Incident management"), Some((0, Named::Title)));
        assert_eq!(
            find("Processes [Incident management]"),
            Some((0, Named::GridRow))
        );
        assert_eq!(
            find("Processes \u{2013} Incident management"),
            Some((0, Named::GridRow))
        );
        assert_eq!(
            find("Processes - Incident management"),
            Some((0, Named::GridRow))
        );
        let quoted = i
            .questionnaire
            .questions()
            .map(|(_, q)| &q.text)
            .find(|t| t.contains('\''));
        if let Some(text) = quoted {
            assert!(find(&text.replace('\'', "\u{2019}")).is_some());
        }
        assert_eq!(find("Shoe size"), None);
    }

    #[test]
    fn metadata_roles_and_comments_are_told_apart() {
        let i = instrument();
        let shape = super::super::shape::detect(&[[
            "Timestamp",
            "Email Address",
            "What is your role?",
            "Incident management",
            "Any other comments?",
            "Shoe size",
            "Start time",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()]);
        let columns = classify("s.csv", &shape, &i, None, None).unwrap();
        assert_eq!(
            columns,
            [
                Column::Date,
                Column::Email,
                Column::Role,
                Column::Question(0, Named::Title),
                Column::Comment,
                Column::Unmatched,
                Column::Metadata,
            ]
        );
        let named = classify("s.csv", &shape, &i, None, Some("shoe SIZE")).unwrap();
        assert_eq!(named[5], Column::Role);
    }
}
