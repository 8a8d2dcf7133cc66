//! The limits on what the tool reads, stated once and enforced with a clear
//! error: files are handed around between people and tools, so any input may
//! be malformed, huge or hostile, and none may crash or hang the tool.
//!
//! Every limit is far above what a real assessment needs (the built-in
//! questionnaire has 4 areas, 45 questions and a 6-level scale).

use crate::error::Diagnostic;
use crate::source::{Seg, Source};

const MIB: u64 = 1024 * 1024;

/// Largest questionnaire, rubric, vision or answers file, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 * MIB;
/// Largest survey export (CSV) file, in bytes; its rows are streamed, so
/// memory does not grow with the file.
pub const MAX_CSV_BYTES: u64 = 1024 * MIB;
/// Largest input on standard input, in bytes (it is held in memory).
pub const MAX_STDIN_BYTES: u64 = 64 * MIB;
/// Most areas in a questionnaire.
pub const MAX_AREAS: usize = 50;
/// Most questions in a questionnaire, across all areas.
pub const MAX_QUESTIONS: usize = 1_000;
/// Most levels in a rubric's scale, and most maturity bands.
pub const MAX_LEVELS: usize = 20;
/// Most prerequisites of one question.
pub const MAX_REQUIRES: usize = 50;
/// Most phases in an improvement plan.
pub const MAX_PHASES: usize = 100;
/// Largest scale value, band minimum or weight, by magnitude: scores are
/// weighted sums, and no real scale comes near it.
pub const MAX_MAGNITUDE: f64 = 1_000_000.0;
/// Longest text (a title, question, descriptor, note, name), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Deepest nesting of arrays and tables the TOML parser reads (its own limit,
/// which keeps the stack safe).
pub const MAX_TOML_NESTING: usize = 80;
/// Deepest nesting of arrays and objects the JSON parser reads (its own limit).
pub const MAX_JSON_NESTING: usize = 127;
/// Most distinct roles in a team (case aside): a role is a group people
/// are compared by, and each costs memory for its counts.
pub const MAX_ROLES: usize = 1_000;
/// Most columns in a survey export: far above any real one (a
/// 45-question assessment with targets and comments has about 100).
pub const MAX_COLUMNS: usize = 10_000;
/// Longest row (record) of a survey export, header rows included, in
/// bytes; a longer one (a quote that never closes) is refused before it is
/// held in memory.
pub const MAX_RECORD_BYTES: u64 = 8 * MIB;
/// Most problems reported for one input; the rest wait for the next run.
pub const MAX_PROBLEMS: usize = 20;

/// A size in bytes as people read it: `16 MiB`, `1 GiB`.
pub fn human_bytes(bytes: u64) -> String {
    if bytes >= 1024 * MIB && bytes.is_multiple_of(1024 * MIB) {
        format!("{} GiB", bytes / (1024 * MIB))
    } else if bytes >= MIB {
        format!("{:.0} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// The problem with a file of `len` bytes when the most allowed is `max`.
pub fn too_large(name: &str, len: u64, max: u64) -> Diagnostic {
    Diagnostic::new(
        name,
        format!(
            "is {} ({len} bytes); the largest input read is {}",
            human_bytes(len),
            human_bytes(max)
        ),
    )
    .help("split the input, or check that this is the file you meant")
}

/// Adds the problem with a text longer than [`MAX_TEXT_CHARS`], if it is,
/// unless [`MAX_PROBLEMS`] are already listed; `key` names it.
pub fn check_text(
    problems: &mut Vec<Diagnostic>,
    src: &Source,
    path: &[Seg],
    key: impl FnOnce() -> String,
    text: &str,
) {
    if problems.len() <= MAX_PROBLEMS
        && let Some(d) = text_problem(src, path, key, text)
    {
        problems.push(d);
    }
}

/// The problem with a text longer than [`MAX_TEXT_CHARS`], if it is.
pub fn text_problem(
    src: &Source,
    path: &[Seg],
    key: impl FnOnce() -> String,
    text: &str,
) -> Option<Diagnostic> {
    too_long(text).map(|message| {
        src.diag(path, key(), message)
            .help("shorten it, or move the detail to a document and refer to it")
    })
}

/// What is wrong with a text longer than [`MAX_TEXT_CHARS`], if it is.
pub fn too_long(text: &str) -> Option<String> {
    // A character is at least one byte: short texts need no counting.
    if text.len() <= MAX_TEXT_CHARS {
        return None;
    }
    let chars = text.chars().count();
    (chars > MAX_TEXT_CHARS).then(|| {
        format!("is {chars} characters long; the longest text allowed is {MAX_TEXT_CHARS}")
    })
}

/// The problem with `count` items where at most `max` are allowed, shown at
/// the first item too many.
pub fn check_count(
    src: &Source,
    first_excess: &[Seg],
    key: &str,
    what: &str,
    count: usize,
    max: usize,
) -> Option<Diagnostic> {
    (count > max).then(|| {
        src.diag(
            first_excess,
            key,
            format!("there are {count} {what}; the most allowed is {max}"),
        )
    })
}

/// Longest piece of input (an id, a cell) repeated in a message, in characters.
pub const MAX_SHOWN_CHARS: usize = 100;

/// A piece of input as a message repeats it: at most [`MAX_SHOWN_CHARS`].
pub fn shown(text: &str) -> String {
    clip(text, MAX_SHOWN_CHARS)
}

/// A text shortened for a message: at most `max` characters, with `…`;
/// control characters (a terminal's escape sequences among them) shown as
/// `\u{1b}`, so input repeated in a message never acts on the terminal.
pub fn clip(text: &str, max: usize) -> String {
    let cut = match text.char_indices().nth(max) {
        Some((cut, _)) => cut,
        None => text.len(),
    };
    let mut out = String::with_capacity(cut + 4);
    for c in text[..cut].chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    if cut < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path;
    use crate::source::Format;

    #[test]
    fn clipped_input_carries_no_control_characters() {
        assert_eq!(clip("a\u{1b}[31mb\n", 10), "a\\u{1b}[31mb\\u{a}");
        assert_eq!(clip("abcdef", 3), "abc…");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(MAX_FILE_BYTES), "16 MiB");
        assert_eq!(human_bytes(MAX_CSV_BYTES), "1 GiB");
        assert_eq!(human_bytes(50 * MIB + 1), "50 MiB");
        assert_eq!(human_bytes(900), "900 bytes");
    }

    #[test]
    fn a_text_at_the_limit_passes_and_one_more_character_does_not() {
        let src = Source::new("q.toml", "title = \"x\"\n", Format::Toml);
        let at_limit = "é".repeat(MAX_TEXT_CHARS);
        let key = || "title".to_string();
        assert!(text_problem(&src, &path!["title"], key, &at_limit).is_none());
        let over = format!("{at_limit}e");
        let d = text_problem(&src, &path!["title"], key, &over).expect("too long");
        assert_eq!(
            d.to_string(),
            "q.toml:1:1: title: is 10001 characters long; the longest text allowed is 10000\n  \
             help: shorten it, or move the detail to a document and refer to it"
        );
    }

    #[test]
    fn counts_over_the_limit_are_reported_once() {
        let src = Source::new("q.toml", "", Format::Toml);
        assert!(check_count(&src, &[], "area", "areas", MAX_AREAS, MAX_AREAS).is_none());
        let d = check_count(&src, &[], "area", "areas", MAX_AREAS + 1, MAX_AREAS).expect("over");
        assert_eq!(
            d.message,
            format!(
                "there are {} areas; the most allowed is {MAX_AREAS}",
                MAX_AREAS + 1
            )
        );
    }

    #[test]
    fn clipped_texts_keep_whole_characters() {
        assert_eq!(clip("ééé", 2), "éé…");
        assert_eq!(clip("ab", 2), "ab");
    }
}
