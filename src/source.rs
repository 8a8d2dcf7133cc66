//! Input text with its name and format, and the mapping from a place in the
//! data (a key path) back to a line and column in the text.

use std::fmt;
use std::io::Read as _;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error};
use crate::limits;

/// The syntax of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// The format a file name implies: `.json` is JSON, anything else TOML.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }

    /// The format text looks like: JSON when it starts with `{`.
    pub fn sniff(text: &str) -> Format {
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            Format::Json
        } else {
            Format::Toml
        }
    }
}

/// One step in a path to a value inside a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Seg {
        Seg::Key(key.to_string())
    }
}

impl From<String> for Seg {
    fn from(key: String) -> Seg {
        Seg::Key(key)
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Seg {
        Seg::Index(index)
    }
}

/// Builds a key path: `path!["answers", id]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {
        [$($crate::source::Seg::from($seg)),*]
    };
}

/// The text of one input, where it came from, and its syntax.
#[derive(Debug)]
pub struct Source {
    /// The name shown in messages: the path as the user gave it, `<stdin>`,
    /// or `built-in:<file>`.
    pub name: String,
    pub text: String,
    pub format: Format,
    /// Where each key and value of a TOML text is, read once when the first
    /// problem needs its place.
    spans: OnceLock<Option<Spans>>,
}

/// The places of a TOML document's keys and values, owned, so that any
/// number of problems are placed with one parse of the text.
#[derive(Debug)]
enum Spans {
    /// Keys with the span of the key and the value under it.
    Table(Vec<(String, Range<usize>, Spanned)>),
    Array(Vec<Spanned>),
    Scalar,
}

type Spanned = (Range<usize>, Spans);

impl Clone for Source {
    fn clone(&self) -> Source {
        Source::new(self.name.clone(), self.text.clone(), self.format)
    }
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>, format: Format) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            format,
            spans: OnceLock::new(),
        }
    }

    /// Reads a file; its extension decides the format.
    pub fn read(path: &Path) -> Result<Source, Error> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::read(&name, e))?;
        if meta.is_dir() {
            return Err(Error::Invalid(vec![Diagnostic::new(
                &name,
                "is a folder, expected a file",
            )]));
        }
        if meta.len() > limits::MAX_FILE_BYTES {
            return Err(limits::too_large(&name, meta.len(), limits::MAX_FILE_BYTES).into());
        }
        // A pipe or device reports no length: read one byte past the limit
        // rather than trust it.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::take(f, limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
            })
            .map_err(|e| Error::read(&name, e))?;
        Source::from_bytes(name, bytes, Format::from_path(path))
    }

    /// Makes a source of raw bytes, which must be UTF-8.
    /// It may be at most [`limits::MAX_FILE_BYTES`] long.
    pub fn from_bytes(name: String, bytes: Vec<u8>, format: Format) -> Result<Source, Error> {
        if bytes.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(
                limits::too_large(&name, bytes.len() as u64, limits::MAX_FILE_BYTES).into(),
            );
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text, format)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
                let (line, column) = position_in(&valid, offset);
                Err(Error::Invalid(vec![
                    Diagnostic::new(&name, "is not UTF-8 text (a binary file?)")
                        .at(line, column)
                        .help("save the file as UTF-8 text"),
                ]))
            }
        }
    }

    /// Line and column (both from 1, column counted in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        position_in(&self.text, offset)
    }

    /// Deserializes the whole document, turning a syntax or shape error into
    /// a diagnostic with its line and column.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        match self.format {
            Format::Toml => toml::from_str(text).map_err(|e| {
                let mut d = Diagnostic::new(&self.name, tidy_message(e.message(), Format::Toml));
                if let Some(span) = e.span() {
                    let (line, column) = self.position(span.start + self.bom_len());
                    d = d.at(line, column);
                }
                Error::Invalid(vec![d])
            }),
            Format::Json => serde_json::from_str(text).map_err(|e| {
                let full = e.to_string();
                let message = match full.rfind(" at line ") {
                    Some(i) => full[..i].to_string(),
                    None => full,
                };
                let mut d = Diagnostic::new(&self.name, tidy_message(&message, Format::Json));
                if e.line() > 0 {
                    d = d.at(e.line(), e.column());
                }
                Error::Invalid(vec![d])
            }),
        }
    }

    fn bom_len(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        }
    }

    /// Line and column of the value at `path`, where the text can show it.
    pub fn locate(&self, path: &[Seg]) -> Option<(usize, usize)> {
        match self.format {
            Format::Toml => {
                let spans = self.spans.get_or_init(|| {
                    let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
                    let doc = toml::de::DeTable::parse(text).ok()?;
                    Some(table_spans(doc.get_ref()))
                });
                let span = locate_toml(spans.as_ref()?, path)?;
                Some(self.position(span.start + self.bom_len()))
            }
            Format::Json => locate_json(&self.text, path).map(|offset| self.position(offset)),
        }
    }

    /// A diagnostic about the value at `path`, shown as `key`.
    pub fn diag(
        &self,
        path: &[Seg],
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut d = Diagnostic::new(&self.name, message).key(key);
        if let Some((line, column)) = self.locate(path) {
            d = d.at(line, column);
        }
        d
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

fn position_in(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Serde's messages end in a period or say "invalid type"; keep them as they
/// are but drop a trailing newline or period so they read well after a colon.
fn tidy_message(message: &str, format: Format) -> String {
    let message = message.trim().trim_end_matches('.');
    // The parsers stop at a depth that keeps the stack safe; say so plainly.
    if message.contains("recursion") || message.contains("recurse further") {
        let most = match format {
            Format::Toml => limits::MAX_TOML_NESTING,
            Format::Json => limits::MAX_JSON_NESTING,
        };
        return format!("arrays and tables are nested more than {most} levels deep");
    }
    message.to_string()
}

fn table_spans(table: &toml::de::DeTable<'_>) -> Spans {
    Spans::Table(
        table
            .iter()
            .map(|(k, v)| (k.get_ref().to_string(), k.span(), value_spans(v)))
            .collect(),
    )
}

fn value_spans(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Spanned {
    let inner = match value.get_ref() {
        toml::de::DeValue::Table(table) => table_spans(table),
        toml::de::DeValue::Array(items) => Spans::Array(items.iter().map(value_spans).collect()),
        _ => Spans::Scalar,
    };
    (value.span(), inner)
}

fn locate_toml(table: &Spans, path: &[Seg]) -> Option<Range<usize>> {
    let (first, rest) = path.split_first()?;
    let (Spans::Table(entries), Seg::Key(key)) = (table, first) else {
        return None;
    };
    let (_, key_span, value) = entries.iter().find(|(k, _, _)| k == key)?;
    if rest.is_empty() {
        return Some(key_span.clone());
    }
    locate_toml_value(value, rest).or_else(|| Some(key_span.clone()))
}

fn locate_toml_value(value: &Spanned, path: &[Seg]) -> Option<Range<usize>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(value.0.clone());
    };
    match (&value.1, first) {
        (Spans::Table(_), Seg::Key(_)) => locate_toml(&value.1, path),
        (Spans::Array(items), Seg::Index(i)) => {
            let item = items.get(*i)?;
            locate_toml_value(item, rest).or_else(|| Some(item.0.clone()))
        }
        _ => None,
    }
}

fn locate_json(text: &str, path: &[Seg]) -> Option<usize> {
    let key = path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k),
        Seg::Index(_) => None,
    })?;
    let quoted = serde_json::to_string(key).ok()?;
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let at = from + i;
        let after = text[at + quoted.len()..].trim_start();
        if after.starts_with(':') {
            return Some(at);
        }
        from = at + quoted.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let s = Source::new("x", "a = 1\nbé = 2\n", Format::Toml);
        assert_eq!(s.position(0), (1, 1));
        assert_eq!(s.position(6), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(s.position(9), (2, 3));
    }

    #[test]
    fn locates_toml_keys_in_nested_tables_and_arrays() {
        let text = "[answers]\n\"a.b\" = 2\n\n[[area]]\nid = \"x\"\n[[area]]\nid = \"y\"\n";
        let s = Source::new("f.toml", text, Format::Toml);
        assert_eq!(s.locate(&path!["answers", "a.b"]), Some((2, 1)));
        assert_eq!(s.locate(&path!["area", 1usize, "id"]), Some((7, 1)));
        assert_eq!(s.locate(&path!["nope"]), None);
    }

    #[test]
    fn locates_json_keys() {
        let text = "{\n  \"answers\": {\n    \"a.b\": 2\n  }\n}";
        let s = Source::new("f.json", text, Format::Json);
        assert_eq!(s.locate(&path!["answers", "a.b"]), Some((3, 5)));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let s = Source::new("f.toml", "a = 1\nb = \n", Format::Toml);
        let err = s.parse::<toml::Table>().unwrap_err();
        let Error::Invalid(d) = err else {
            panic!("expected invalid input")
        };
        assert_eq!(d[0].line, Some(2));
    }

    #[test]
    fn format_follows_extension_and_content() {
        assert_eq!(Format::from_path(Path::new("a.JSON")), Format::Json);
        assert_eq!(Format::from_path(Path::new("a.toml")), Format::Toml);
        assert_eq!(Format::sniff("  {\"a\":1}"), Format::Json);
        assert_eq!(Format::sniff("[answers]"), Format::Toml);
    }

    #[test]
    fn non_utf8_is_reported_with_position() {
        let err =
            Source::from_bytes("b.toml".into(), b"a = 1\n\xff".to_vec(), Format::Toml).unwrap_err();
        assert!(
            err.to_string().contains("b.toml:2:1: is not UTF-8"),
            "{err}"
        );
    }
}
