//! Bytes to text: the encoding of an export, its field delimiter, where its
//! lines are, and the normal form in which headers and cells are compared.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// The text encoding an export was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// What Excel writes in western European locales when UTF-8 is not chosen.
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Tells the encoding from the beginning of the input: UTF-8 (with or
/// without a byte order mark) when it is valid UTF-8, else Windows-1252.
/// A character cut off at the end of the sample does not count against it.
pub fn sniff_encoding(sample: &[u8]) -> Encoding {
    match std::str::from_utf8(sample) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Windows1252,
    }
}

/// A cell's text: UTF-8 as it is, anything else read as Windows-1252 (which
/// maps every byte to a character, so no cell is ever unreadable). The flag
/// says whether the fallback was needed.
pub fn decode(raw: &[u8], encoding: Encoding) -> (Cow<'_, str>, bool) {
    if encoding == Encoding::Utf8
        && let Ok(text) = std::str::from_utf8(raw)
    {
        return (Cow::Borrowed(text), false);
    }
    if raw.is_ascii() {
        // ASCII reads the same in both.
        return (
            Cow::Borrowed(std::str::from_utf8(raw).unwrap_or_default()),
            false,
        );
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
    (text, true)
}

/// The field delimiter: `,`, `;` or a tab, whichever splits the first
/// records (outside quotes) into the same number of fields as the header,
/// most often and into the most fields. A comma inside a quoted text never
/// counts, and neither does one in an unquoted text of a semicolon file.
pub fn sniff_delimiter(sample: &[u8]) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t'] {
        let counts = field_counts(sample, delimiter, 30);
        let Some(&header) = counts.first() else {
            continue;
        };
        let agreeing = counts.iter().filter(|c| **c == header).count();
        // A delimiter that never splits the header is no delimiter.
        if header < 2 {
            continue;
        }
        if (agreeing, header) > (best.1, best.2) {
            best = (delimiter, agreeing, header);
        }
    }
    best.0
}

/// The number of fields of each of the first `max` records, quotes honoured.
fn field_counts(sample: &[u8], delimiter: u8, max: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut fields = 1;
    let mut quoted = false;
    let mut any = false;
    let mut iter = sample.iter().peekable();
    while let Some(&b) = iter.next() {
        if counts.len() >= max {
            break;
        }
        match b {
            b'"' => {
                quoted = !quoted;
                any = true;
            }
            b'\r' | b'\n' if !quoted => {
                if b == b'\r' && iter.peek() == Some(&&b'\n') {
                    iter.next();
                }
                if any || fields > 1 {
                    counts.push(fields);
                }
                fields = 1;
                any = false;
            }
            _ if b == delimiter && !quoted => {
                fields += 1;
            }
            _ => any = true,
        }
    }
    counts
}

/// Headers, labels and cells in the form they are compared in: lower case,
/// typographic quotes and dashes as plain ones, single spaces, no trailing
/// required mark (`*`).
pub fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    while out.ends_with('*') || out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A header without its numbering: `1. `, `1) `, `Q3 `, `Q3. `, `3 - `.
pub fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let rest = t
        .strip_prefix('q')
        .or_else(|| t.strip_prefix('Q'))
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(t);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return text;
    }
    let after = &rest[digits..];
    let stripped = after
        .strip_prefix(". ")
        .or_else(|| after.strip_prefix(") "))
        .or_else(|| after.strip_prefix(": "))
        .or_else(|| after.strip_prefix(" - "))
        .or_else(|| {
            // "Q3 How ..." but not "3 How": a bare number needs its mark.
            (rest.len() != t.len())
                .then(|| after.strip_prefix(' '))
                .flatten()
        });
    match stripped {
        Some(s) if !s.trim().is_empty() => s.trim_start(),
        _ => text,
    }
}

/// Where each line of the input begins, learnt as the bytes pass on their
/// way to the CSV reader, so a record's byte offset gives its line (the
/// CSV reader's own line count is wrong for CRLF files). Offsets behind the
/// current record are dropped, so memory stays small.
#[derive(Debug, Default)]
pub struct Lines {
    /// Byte offsets of the newlines not yet passed.
    newlines: VecDeque<u64>,
    /// Newlines passed so far.
    passed: u64,
    /// Bytes seen so far.
    seen: u64,
    /// Where the record being read began (the end of the last one).
    record_start: u64,
}

impl Lines {
    /// The line (from 1) of a byte offset at or after the last one asked. A
    /// newline at the offset itself counts: in CRLF files the CSV reader puts
    /// a record's start at the `\n` of the line before.
    pub fn line_of(&mut self, offset: u64) -> u64 {
        while self.newlines.front().is_some_and(|n| *n <= offset) {
            self.newlines.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// A reader that tells [`Lines`] where the newlines are.
pub struct Counting<R> {
    inner: R,
    lines: Arc<Mutex<Lines>>,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> (Counting<R>, Arc<Mutex<Lines>>) {
        let lines = Arc::new(Mutex::new(Lines::default()));
        (
            Counting {
                inner,
                lines: Arc::clone(&lines),
            },
            lines,
        )
    }
}

/// The message of a record longer than [`limits::MAX_RECORD_BYTES`].
pub fn record_too_long() -> String {
    format!(
        "a row is longer than {}, the longest row read (a quote that is never closed?); nothing past it was read",
        crate::limits::human_bytes(crate::limits::MAX_RECORD_BYTES)
    )
}

impl Lines {
    /// The record being read now begins at `offset`.
    pub fn record_starts(&mut self, offset: u64) {
        self.record_start = offset;
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // A record that never ends (a cell of 150 MB, a quote never closed)
        // is refused before the CSV reader holds it all in memory.
        if let Ok(lines) = self.lines.lock()
            && lines.seen - lines.record_start > crate::limits::MAX_RECORD_BYTES
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                record_too_long(),
            ));
        }
        let n = self.inner.read(buf)?;
        if let Ok(mut lines) = self.lines.lock() {
            let base = lines.seen;
            for i in memchr::memchr_iter(b'\n', &buf[..n]) {
                lines.newlines.push_back(base + i as u64);
            }
            lines.seen += n as u64;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_told_from_windows_1252_and_a_cut_character_is_not_held_against_it() {
        assert_eq!(sniff_encoding("Café".as_bytes()), Encoding::Utf8);
        assert_eq!(sniff_encoding(&"é".as_bytes()[..1]), Encoding::Utf8);
        assert_eq!(sniff_encoding(b"Caf\xe9;x"), Encoding::Windows1252);
        let (text, fell_back) = decode(b"Caf\xe9 \x92s", Encoding::Windows1252);
        assert_eq!((text.as_ref(), fell_back), ("Café ’s", true));
        let (text, fell_back) = decode("Café".as_bytes(), Encoding::Utf8);
        assert_eq!((text.as_ref(), fell_back), ("Café", false));
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_rows_like_the_header() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n"), b'\t');
        // Commas inside quotes do not count.
        assert_eq!(
            sniff_delimiter(b"\"Name, full\";\"Q, one, two\"\r\n\"A, B\";3\r\n"),
            b';'
        );
        // Commas in unquoted texts of a semicolon file: the semicolon keeps
        // every row at the header's width.
        assert_eq!(
            sniff_delimiter(
                b"Name;How are changes assessed, approved?;Notes\nAna;3;fine, thanks\nBo;2;ok\n"
            ),
            b';'
        );
    }

    #[test]
    fn normal_forms_fold_case_spaces_quotes_dashes_and_the_required_mark() {
        assert_eq!(normal("  Don\u{2019}t  know *"), "don't know");
        assert_eq!(normal("Change \u{2013} Row"), "change - row");
        assert_eq!(normal("\u{201c}A\u{201d}\u{a0}b"), "\"a\" b");
    }

    #[test]
    fn numbering_is_stripped_but_not_a_leading_number_of_the_text() {
        assert_eq!(strip_numbering("1. How are"), "How are");
        assert_eq!(strip_numbering("Q3 How are"), "How are");
        assert_eq!(strip_numbering("q12. How"), "How");
        assert_eq!(strip_numbering("12) How"), "How");
        assert_eq!(strip_numbering("3 levels of"), "3 levels of");
        assert_eq!(strip_numbering("Q1_3"), "Q1_3");
        assert_eq!(strip_numbering("2026"), "2026");
    }

    #[test]
    fn lines_are_counted_from_byte_offsets_with_crlf_too() {
        let data = b"h1,h2\r\n1,2\r\n\"a\r\nb\",3\r\n4,5\r\n";
        let (mut reader, lines) = Counting::new(&data[..]);
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).unwrap();
        let mut lines = lines.lock().unwrap();
        assert_eq!(lines.line_of(0), 1);
        assert_eq!(lines.line_of(7), 2);
        assert_eq!(lines.line_of(12), 3);
        assert_eq!(lines.line_of(23), 5);
    }
}
