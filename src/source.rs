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

/// Opens a named input for reading: a regular file (through any links),
/// recorded so that no output replaces it. A folder, a named pipe, a device
/// or a socket is refused before it is opened, so a read never blocks on
/// a pipe nobody writes to.
pub fn open_input(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), Error> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::read(&name, e))?;
    if !meta.is_file() {
        return Err(not_regular(&name, &meta).into());
    }
    let file = std::fs::File::open(path).map_err(|e| Error::read(&name, e))?;
    let meta = file.metadata().map_err(|e| Error::read(&name, e))?;
    if !meta.is_file() {
        return Err(not_regular(&name, &meta).into());
    }
    crate::output::note_input(&name, &meta);
    Ok((file, meta))
}

/// The refusal of an input that is not a regular file.
pub fn not_regular(name: &str, meta: &std::fs::Metadata) -> Diagnostic {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    let what = if t.is_dir() {
        return Diagnostic::new(name, "is a folder, expected a file");
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Diagnostic::new(name, format!("is {what}, not a regular file"))
        .help("name a file, or pass - and redirect the input to standard input")
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
        let (file, meta) = open_input(path)?;
        if meta.len() > limits::MAX_FILE_BYTES {
            return Err(limits::too_large(&name, meta.len(), limits::MAX_FILE_BYTES).into());
        }
        // The length may change while reading: read one byte past the limit
        // rather than trust it.
        let mut bytes = Vec::with_capacity(meta.len().min(limits::MAX_FILE_BYTES) as usize + 1);
        std::io::Read::take(file, limits::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
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
            Ok(text) => match text.find('\0') {
                // No text format allows a NUL byte; the parsers would only
                // say something puzzling about it.
                Some(offset) => {
                    let (line, column) = position_in(&text, offset);
                    Err(Error::Invalid(vec![
                        Diagnostic::new(
                            &name,
                            "holds a NUL byte, which text never does (a binary file?)",
                        )
                        .at(line, column)
                        .help("save the file as UTF-8 text"),
                    ]))
                }
                None => Ok(Source::new(name, text, format)),
            },
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
        if text.trim().is_empty() {
            return Err(Diagnostic::new(&self.name, "the file is empty").into());
        }
        match self.format {
            Format::Toml => toml::from_str(text).map_err(|e| {
                let mut message = tidy_message(e.message(), self.format);
                let mut d = Diagnostic::new(&self.name, "");
                if let Some(span) = e.span() {
                    let (line, column) = self.position(span.start + self.bom_len());
                    d = d.at(line, column);
                    if message == "duplicate key"
                        && let Some(key) = text.get(span).map(str::trim)
                        && !key.is_empty()
                    {
                        let key = limits::shown(key.trim_matches(['"', '\'']));
                        message = format!("duplicate key `{key}`");
                        d = d.help("a key may be set only once in a table; keep one of them");
                    }
                } else if message.contains("levels deep")
                    && let Some(line) = deep_dotted_key(text)
                {
                    // Too deep a dotted key is found after parsing, with no
                    // place: it is the first key with that many dots.
                    d = d.at(line, 1);
                }
                d.message = message;
                Error::Invalid(vec![with_suggestion(d)])
            }),
            Format::Json => serde_json::from_str(text).map_err(|e| {
                let full = e.to_string();
                let message = match full.rfind(" at line ") {
                    Some(i) => full[..i].to_string(),
                    None => full,
                };
                let mut d = Diagnostic::new(&self.name, tidy_message(&message, self.format));
                if e.line() > 0 {
                    let (line, column) = if e.column() == 0 && e.line() == 1 {
                        // Nothing read yet: an empty text.
                        (1, 1)
                    } else if e.column() == 0 {
                        // serde_json puts an error at a line break in column
                        // 0 of the next line: show it at the end of its line.
                        let previous = text.split('\n').nth(e.line() - 2).unwrap_or("");
                        let previous = previous.strip_suffix('\r').unwrap_or(previous);
                        if message.starts_with("control character") {
                            d.message =
                                "the string is not closed before the end of the line".into();
                            d = d.help(
                                "close it with \", and write a line break inside a string as \\n",
                            );
                        }
                        (e.line() - 1, previous.chars().count() + 1)
                    } else {
                        (e.line(), e.column())
                    };
                    d = d.at(line, column);
                }
                Error::Invalid(vec![with_suggestion(d)])
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
            Format::Json => {
                let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
                locate_json(text, path).map(|offset| self.position(offset + self.bom_len()))
            }
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
    // A byte order mark is not a column an editor shows.
    let line_text = &before[line_start..];
    let line_text = line_text.strip_prefix('\u{feff}').unwrap_or(line_text);
    let column = line_text.chars().count() + 1;
    (line, column)
}

/// The line (from 1) of the first key whose dotted parts nest deeper than
/// the TOML parser reads, if one does.
fn deep_dotted_key(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let key = line.split('=').next().unwrap_or_default();
            key.matches('.').count() >= limits::MAX_TOML_NESTING
        })
        .map(|i| i + 1)
}

/// Longest message taken over from a parser, in characters.
const MAX_MESSAGE_CHARS: usize = 1_000;

/// Serde's messages speak of Rust types (`f64`, `struct Assessment`,
/// `invalid type: map, expected a sequence`): say the same in the words of
/// the file's format, and drop a trailing newline or period so they read
/// well after a colon.
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
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "expected {}, found {}",
                expected_in_words(expected, format),
                found_in_words(found, format)
            );
        }
    }
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        let what = match what {
            "a list" => "an array",
            "an object" => "an object",
            "a string" => "a string",
            _ => "a value",
        };
        return format!("the file ends in the middle of {what}; is it cut short?");
    }
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((unknown, known)) = rest.split_once('`')
        {
            return format!("{prefix}{}`{known}", limits::shown(unknown));
        }
    }
    match message {
        "expected value" => {
            "expected a value: a number, \"text\", true, false, null, an object or an array".into()
        }
        // The parsers quote what they found, which may be a whole file.
        _ => limits::clip(message, MAX_MESSAGE_CHARS),
    }
}

/// A table in TOML is an object in JSON.
fn table(format: Format) -> &'static str {
    match format {
        Format::Toml => "a table",
        Format::Json => "an object",
    }
}

fn expected_in_words(expected: &str, format: Format) -> String {
    match expected {
        "f64" | "f32" => "a number".into(),
        "usize" | "u8" | "u16" | "u32" | "u64" => "a whole number, 0 or more".into(),
        "isize" | "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "a sequence" => "an array".into(),
        "a map" => table(format).into(),
        "a borrowed string" => "a string".into(),
        e if e.starts_with("struct ") => table(format).into(),
        e => e.to_string(),
    }
}

fn found_in_words(found: &str, format: Format) -> String {
    let quoted = |kind: &str| {
        found
            .strip_prefix(kind)
            .map(|v| v.trim().trim_matches('`').to_string())
    };
    if let Some(v) = quoted("integer").or_else(|| quoted("floating point")) {
        format!("the number {v}")
    } else if let Some(v) = quoted("boolean") {
        v
    } else if let Some(v) = found.strip_prefix("string ") {
        let inner = v.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        match inner {
            Some(inner) => format!("the string \"{}\"", limits::shown(inner)),
            None => format!("the string {}", limits::shown(v)),
        }
    } else {
        match found {
            "map" => table(format).into(),
            "sequence" => "an array".into(),
            "unit value" | "Option value" => "null".into(),
            other => other.to_string(),
        }
    }
}

/// `unknown field `txt`, expected one of `id`, `text`, ...`: add which known
/// name the unknown one is likely a typo of.
fn with_suggestion(d: Diagnostic) -> Diagnostic {
    let Some(rest) = d
        .message
        .strip_prefix("unknown field `")
        .or_else(|| d.message.strip_prefix("unknown variant `"))
    else {
        return d;
    };
    let Some((unknown, known)) = rest.split_once('`') else {
        return d;
    };
    let known: Vec<&str> = known.split('`').skip(1).step_by(2).collect();
    match crate::error::closest(unknown, known) {
        Some(k) => {
            let help = format!("did you mean `{k}`?");
            d.help(help)
        }
        None => d,
    }
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

/// The byte offset of the value at `path` in a JSON text: of its key where
/// the path ends in a key, of the item where it ends in an index, and of the
/// last key or item found on the way where the rest is missing (as for TOML).
fn locate_json(text: &str, path: &[Seg]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    let mut found = None;
    for (depth, seg) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        let member = match seg {
            Seg::Key(key) => json_member(bytes, at, key),
            Seg::Index(index) => json_item(bytes, at, *index).map(|item| (item, item)),
        };
        let Some((place, value)) = member else {
            return found;
        };
        if last {
            return Some(place);
        }
        found = Some(place);
        at = value;
    }
    found
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end of the string starting at `at` (just past its closing quote).
fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match bytes.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
}

/// The end of the value starting at `at`, with no recursion however deep.
fn skip_value(bytes: &[u8], mut at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => return skip_string(bytes, at),
        b'{' | b'[' => {}
        _ => {
            // A number, true, false or null runs to the next delimiter.
            while let Some(b) = bytes.get(at) {
                if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                    break;
                }
                at += 1;
            }
            return Some(at);
        }
    }
    let mut depth = 0usize;
    loop {
        match bytes.get(at)? {
            b'"' => {
                at = skip_string(bytes, at)?;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// In the object starting at `at`: where `key` is, and where its value starts.
fn json_member(bytes: &[u8], at: usize, key: &str) -> Option<(usize, usize)> {
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut at = skip_ws(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let end = skip_string(bytes, at)?;
        let name: Option<String> = serde_json::from_slice(&bytes[at..end]).ok();
        let colon = skip_ws(bytes, end);
        if bytes.get(colon) != Some(&b':') {
            return None;
        }
        let value = skip_ws(bytes, colon + 1);
        if name.as_deref() == Some(key) {
            return Some((at, value));
        }
        at = skip_ws(bytes, skip_value(bytes, value)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_ws(bytes, at + 1);
    }
    None
}

/// In the array starting at `at`: where item `index` starts.
fn json_item(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_ws(bytes, at + 1);
    for _ in 0..index {
        at = skip_ws(bytes, skip_value(bytes, at)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_ws(bytes, at + 1);
    }
    (!matches!(bytes.get(at), None | Some(b']'))).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_blank_text_is_said_to_be_empty() {
        #[derive(Debug, serde::Deserialize)]
        struct Doc {}
        for format in [Format::Json, Format::Toml] {
            for text in ["", "\n", "\u{feff}\n\n  "] {
                let err = Source::new("a", text, format).parse::<Doc>().unwrap_err();
                assert_eq!(err.to_string(), "a: the file is empty", "{text:?}");
            }
        }
    }

    #[test]
    fn a_json_error_in_column_zero_of_line_one_is_placed_at_its_start() {
        #[derive(Debug, serde::Deserialize)]
        struct Doc {}
        // serde_json reports a NUL-free control character at line 1, column 0
        // only before anything is read; whatever it reports, no position is 0.
        for text in ["\u{1}", "{\n\"a\": \"b\n\"}", "x"] {
            let err = Source::new("a.json", text, Format::Json)
                .parse::<Doc>()
                .unwrap_err();
            let d = &err.diagnostics()[0];
            assert!(d.line.is_none_or(|l| l >= 1), "{text:?}: {d}");
            assert!(d.column.is_none_or(|c| c >= 1), "{text:?}: {d}");
        }
    }

    #[test]
    fn a_dotted_key_too_deep_for_the_parser_is_placed_on_its_line() {
        let deep = vec!["a"; limits::MAX_TOML_NESTING + 1].join(".");
        let text = format!("[answers]\n\"x.y\" = 1\n{deep} = 1\n");
        assert_eq!(deep_dotted_key(&text), Some(3));
        assert_eq!(deep_dotted_key("[answers]\n\"x.y\" = 1\n"), None);
        let err = Source::new("a.toml", text, Format::Toml)
            .parse::<toml::Table>()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "a.toml:3:1: arrays and tables are nested more than {} levels deep",
                limits::MAX_TOML_NESTING
            )
        );
    }

    #[test]
    fn what_a_parser_quotes_from_the_file_is_clipped() {
        let long = "y".repeat(5_000);
        let err = Source::new("a.toml", format!("{long} = 1\n"), Format::Toml)
            .parse::<crate::model::Vision>()
            .unwrap_err()
            .to_string();
        let shown = format!("{}…", "y".repeat(limits::MAX_SHOWN_CHARS));
        assert!(
            err.starts_with(&format!(
                "a.toml:1:1: unknown field `{shown}`, expected one of `questionnaire`"
            )),
            "{err}"
        );
        let err = Source::new(
            "a.json",
            format!("{{\"questionnaire\": \"q\", \"targets\": {{\"default\": \"{long}\"}}}}"),
            Format::Json,
        )
        .parse::<crate::model::Vision>()
        .unwrap_err()
        .to_string();
        assert!(
            err.ends_with(&format!(
                ": expected a number, found the string \"{shown}\""
            )),
            "{err}"
        );
    }

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
    fn locates_json_keys_by_their_path_not_by_their_name() {
        let text = "{\"id\": \"q\", \"note\": \"a \\\"}\\\" b\", \"area\": [\n  {\"id\": \"a\", \"question\": [{\"id\": \"a.one\", \"levels\": [[1, {\"id\": 0}], \"x\"]}]},\n  {\"id\": \"b\", \"question\": [\n    {\"id\": \"b.one\"},\n    {\"title\": \"T\", \"id\": \"b.two\"}]}\n]}";
        let s = Source::new("q.json", text, Format::Json);
        assert_eq!(s.locate(&path!["id"]), Some((1, 2)));
        assert_eq!(s.locate(&path!["area", 1usize, "id"]), Some((3, 4)));
        assert_eq!(
            s.locate(&path!["area", 1usize, "question", 1usize, "id"]),
            Some((5, 20))
        );
        assert_eq!(
            s.locate(&path!["area", 0usize, "question", 0usize, "levels", 1usize]),
            Some((2, 71))
        );
        // A missing key is placed at the last key or item found on the way.
        assert_eq!(s.locate(&path!["area", 1usize, "nope"]), Some((3, 3)));
        assert_eq!(s.locate(&path!["area", 9usize, "id"]), Some((1, 34)));
        assert_eq!(s.locate(&path!["nope", "id"]), None);
        let bom = Source::new("q.json", format!("\u{feff}{text}"), Format::Json);
        assert_eq!(bom.locate(&path!["area", 1usize, "id"]), Some((3, 4)));
        assert_eq!(
            s.locate(&path!["area", 0usize, "question", 0usize, "kpi"]),
            Some((2, 28))
        );
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

    fn first_error(s: &Source) -> Diagnostic {
        let Err(Error::Invalid(d)) = s.parse::<crate::model::RawAnswers>() else {
            panic!("expected invalid input")
        };
        d[0].clone()
    }

    #[test]
    fn type_errors_speak_of_the_format_not_of_rust_types() {
        let cases = [
            (
                "invalid type: string \"zero\", expected f64",
                Format::Toml,
                "expected a number, found the string \"zero\"",
            ),
            (
                "invalid value: integer `-2`, expected usize",
                Format::Toml,
                "expected a whole number, 0 or more, found the number -2",
            ),
            (
                "invalid type: map, expected a sequence",
                Format::Toml,
                "expected an array, found a table",
            ),
            (
                "invalid type: sequence, expected a map",
                Format::Json,
                "expected an object, found an array",
            ),
            (
                "invalid type: string \"x\", expected struct Assessment",
                Format::Json,
                "expected an object, found the string \"x\"",
            ),
            (
                "invalid type: boolean `true`, expected a string",
                Format::Toml,
                "expected a string, found true",
            ),
            (
                "EOF while parsing a list",
                Format::Json,
                "the file ends in the middle of an array; is it cut short?",
            ),
            ("trailing comma.", Format::Json, "trailing comma"),
        ];
        for (serde, format, ours) in cases {
            assert_eq!(tidy_message(serde, format), ours);
        }
    }

    #[test]
    fn unknown_keys_suggest_the_known_one() {
        let s = Source::new(
            "a.toml",
            "[assessment]\nquestionnaire = \"q\"\norg = \"x\"\n",
            Format::Toml,
        );
        let d = first_error(&s);
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.help.as_deref(), Some("did you mean `organization`?"));
    }

    #[test]
    fn a_duplicate_toml_key_is_named() {
        let s = Source::new(
            "a.toml",
            "[answers]\n\"a.b\" = 1\n\"a.b\" = 2\n",
            Format::Toml,
        );
        let d = first_error(&s);
        assert_eq!(d.message, "duplicate key `a.b`");
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn an_unclosed_json_string_is_shown_at_the_end_of_its_line() {
        let s = Source::new("a.json", "{\n  \"assessment\": \"abc\n}\n", Format::Json);
        let d = first_error(&s);
        assert_eq!((d.line, d.column), (Some(2), Some(21)));
        assert_eq!(
            d.message,
            "the string is not closed before the end of the line"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let s = Source::new("a.toml", "\u{feff}id = 5\n", Format::Toml);
        assert_eq!(s.position("\u{feff}id = ".len()), (1, 6));
    }

    #[test]
    fn nul_bytes_are_reported_as_binary_with_position() {
        let err = Source::from_bytes("b.toml".into(), b"a = 1\nb = 2\0".to_vec(), Format::Toml)
            .unwrap_err();
        assert!(
            err.to_string().starts_with("b.toml:2:6: holds a NUL byte"),
            "{err}"
        );
    }
}
