//! The one place output passes through: text from input made harmless for
//! a terminal, and files written only where they replace no input.
//!
//! Any text an input carries (a name, a note, a cell, a file name, a
//! questionnaire's wording) may hold a terminal's control sequences: OSC 52
//! writes the clipboard, OSC 8 hides links, CSI moves the cursor, CR and BS
//! overwrite what was shown, and bidirectional overrides reorder it. Every
//! text the tool prints goes through [`visible`] (or [`visible_json`]), so
//! such characters are shown as `\u{1b}`, never acted on.

use std::borrow::Cow;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;

use crate::atomic;
use crate::error::{Diagnostic, Error};

/// Whether a character would act on a terminal or reorder text rather than
/// show: C0 controls other than newline and tab, DEL, C1 controls, and the
/// bidirectional embeddings, overrides, isolates and marks.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{61c}')
}

/// Text as it may reach a terminal: every [`is_hidden`] character as
/// `\u{..}`; newlines and tabs kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    replace(text, |c, out| {
        out.push_str(&format!("\\u{{{:x}}}", c as u32))
    })
}

/// JSON as it may reach a terminal: the same characters as `\uXXXX`
/// escapes, which read back as the same strings. They can only stand inside
/// JSON strings, so the document means what it meant.
pub fn visible_json(json: &str) -> Cow<'_, str> {
    replace(json, |c, out| out.push_str(&format!("\\u{:04x}", c as u32)))
}

/// Text with colour: the tool's own colour sequences (`ESC [ digits ; m`)
/// kept and every other [`is_hidden`] character shown as `\u{..}`. The
/// renderers that colour pass input through [`visible`] first, so what is
/// left of an escape there is the tool's.
pub fn visible_colored(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(len) = sgr_len(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of a colour sequence at the start of `s`: `ESC [`, digits and
/// `;`, then `m`.
fn sgr_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\u{1b}[")?;
    let params = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// How a text is made harmless: which escapes it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Text: every hidden character shown as `\u{..}`.
    Text,
    /// JSON: hidden characters as `\uXXXX`, which read back the same.
    Json,
    /// Coloured text: the tool's colour sequences kept.
    Colored,
}

/// `text` made harmless as `how` says.
pub fn escape(text: &str, how: Escape) -> Cow<'_, str> {
    match how {
        Escape::Text => visible(text),
        Escape::Json => visible_json(text),
        Escape::Colored => visible_colored(text),
    }
}

fn replace(text: &str, mut escape: impl FnMut(char, &mut String)) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file this process read: its device and inode, and the name it was
/// read by.
struct ReadFile {
    dev: u64,
    ino: u64,
    name: String,
}

/// Every file read so far, so that no output replaces one.
static READ: Mutex<Vec<ReadFile>> = Mutex::new(Vec::new());

/// Records that the file `name` (with this metadata) was read as input.
pub fn note_input(name: &str, meta: &std::fs::Metadata) {
    if let Ok(mut read) = READ.lock()
        && !read
            .iter()
            .any(|r| r.dev == meta.dev() && r.ino == meta.ino())
    {
        read.push(ReadFile {
            dev: meta.dev(),
            ino: meta.ino(),
            name: name.to_string(),
        });
    }
}

/// The refusal of an output that is a file read as input (the same device
/// and inode, through any path or link), if it is one.
pub fn check_not_input(path: &Path) -> Result<(), Error> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Ok(());
    }
    let read = READ.lock().map_err(|_| {
        Error::write(
            path.display().to_string(),
            std::io::Error::other("lock poisoned"),
        )
    })?;
    match read
        .iter()
        .find(|r| r.dev == meta.dev() && r.ino == meta.ino())
    {
        None => Ok(()),
        Some(r) => {
            let same = if r.name == path.display().to_string() {
                String::new()
            } else {
                format!(" ({})", r.name)
            };
            Err(Diagnostic::new(
                path.display().to_string(),
                format!("is one of this command's inputs{same}; writing the output there would replace it"),
            )
            .help("choose another output file")
            .into())
        }
    }
}

/// Writes an output to `path`: atomically for a regular or new file,
/// directly for a device or a pipe; never over a file this process read.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_not_input(path)?;
    atomic::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_shown_not_acted_on() {
        assert_eq!(
            visible("a\u{1b}]52;c;aGk=\u{7}b\r\u{8}\u{9b}\u{202e}\n\tok"),
            "a\\u{1b}]52;c;aGk=\\u{7}b\\u{d}\\u{8}\\u{9b}\\u{202e}\n\tok"
        );
        assert!(matches!(visible("plain é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_read_back_as_the_same_string() {
        let original = "x\u{7f}\u{85}\u{2066}y";
        let json = serde_json::to_string(original).unwrap();
        let shown = visible_json(&json);
        assert!(!shown.chars().any(is_hidden), "{shown}");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, original);
    }

    #[test]
    fn colour_sequences_stay_and_other_escapes_do_not() {
        assert_eq!(
            visible_colored("\u{1b}[1;31mred\u{1b}[0m \u{1b}]0;title\u{7}"),
            "\u{1b}[1;31mred\u{1b}[0m \\u{1b}]0;title\\u{7}"
        );
        assert_eq!(visible_colored("\u{1b}[2J"), "\\u{1b}[2J");
    }

    #[test]
    fn an_output_that_is_an_input_is_refused_through_any_link() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.json");
        std::fs::write(&input, "{}").unwrap();
        note_input("in.json", &std::fs::metadata(&input).unwrap());
        let link = dir.path().join("link.json");
        std::fs::hard_link(&input, &link).unwrap();
        let err = write_file(&link, b"report").unwrap_err();
        assert!(
            err.to_string()
                .contains("is one of this command's inputs (in.json); writing the output there would replace it"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "{}");
        write_file(&dir.path().join("other.json"), b"report").unwrap();
    }
}
