//! A one-line text field that, unlike dialoguer's `Input`, lets Esc stop the
//! interview. Text longer than the line scrolls sideways instead of
//! wrapping, so redrawing never leaves pieces of it behind.
//!
//! Keys: characters insert at the cursor; Backspace and Delete erase;
//! Left, Right, Home (Ctrl-A) and End (Ctrl-E) move; Ctrl-U empties the
//! field; Enter accepts; Esc returns `None`. Ctrl-C comes back as an
//! `Interrupted` error from `read_key`.

use std::io;

use console::{Key, Term, measure_text_width};
use itsm_assess::output;

/// Ctrl-U: erase the whole field.
const ERASE_LINE: char = '\u{15}';

/// The field's content and cursor, apart from the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    chars: Vec<char>,
    cursor: usize,
}

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Accept,
    Escape,
}

impl Field {
    pub fn new(initial: &str) -> Field {
        let chars: Vec<char> = initial.chars().collect();
        Field {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn key(&mut self, key: Key) -> Edit {
        match key {
            Key::Enter => return Edit::Accept,
            Key::Escape => return Edit::Escape,
            Key::Char(ERASE_LINE) => {
                self.chars.clear();
                self.cursor = 0;
            }
            Key::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Del if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::ArrowLeft => self.cursor = self.cursor.saturating_sub(1),
            Key::ArrowRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            _ => {}
        }
        Edit::Changed
    }

    /// The part of the text to show in `width` columns so the cursor is in
    /// view, and how many columns the cursor sits left of its end.
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let w = |c: &char| measure_text_width(c.encode_utf8(&mut [0; 4]));
        // Start as far right as keeps the cursor (one column) in view.
        let mut start = self.cursor;
        let mut used = 1;
        while start > 0 && used + w(&self.chars[start - 1]) <= width {
            start -= 1;
            used += w(&self.chars[start]);
        }
        // Then show as much after the cursor as fits.
        let mut end = start;
        let mut shown = 0;
        while end < self.chars.len()
            && shown + w(&self.chars[end]) <= width.saturating_sub(1).max(1)
        {
            shown += w(&self.chars[end]);
            end += 1;
        }
        let visible: String = self.chars[start..end].iter().collect();
        let back = self.chars[self.cursor.min(end)..end].iter().map(w).sum();
        (visible, back)
    }
}

/// Reads one line after `prompt`, starting with `initial`. `None` is Esc.
pub fn read_line(term: &Term, prompt: &str, initial: &str) -> io::Result<Option<String>> {
    let mut field = Field::new(initial);
    let width = usize::from(term.size().1);
    let room = width.saturating_sub(measure_text_width(prompt) + 1).max(8);
    loop {
        let (visible, back) = field.window(room);
        term.clear_line()?;
        term.write_str(&output::visible(prompt))?;
        term.write_str(&output::visible(&visible))?;
        if back > 0 {
            term.move_cursor_left(back)?;
        }
        term.flush()?;
        match field.key(term.read_key()?) {
            Edit::Changed => {}
            Edit::Accept => {
                term.write_line("")?;
                return Ok(Some(field.text()));
            }
            Edit::Escape => {
                term.write_line("")?;
                return Ok(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(initial: &str, keys: &[Key]) -> (Field, Edit) {
        let mut f = Field::new(initial);
        let mut last = Edit::Changed;
        for k in keys {
            last = f.key(k.clone());
        }
        (f, last)
    }

    #[test]
    fn edits_at_the_cursor() {
        let (f, last) = typed(
            "note",
            &[
                Key::Home,
                Key::Char('a'),
                Key::Char(' '),
                Key::End,
                Key::Backspace,
                Key::ArrowLeft,
                Key::Del,
                Key::Enter,
            ],
        );
        assert_eq!(f.text(), "a no");
        assert_eq!(last, Edit::Accept);
        let (f, last) = typed("old", &[Key::Char(ERASE_LINE), Key::Char('x'), Key::Escape]);
        assert_eq!(f.text(), "x");
        assert_eq!(last, Edit::Escape);
        let (f, _) = typed("", &[Key::Backspace, Key::Del, Key::Char('\u{7}')]);
        assert_eq!(f.text(), "", "nothing to erase, control characters ignored");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_in_view() {
        let f = Field::new("abcdefghij");
        assert_eq!(f.window(5), ("ghij".to_string(), 0));
        let (f, _) = typed("abcdefghij", &[Key::Home]);
        assert_eq!(f.window(5), ("abcd".to_string(), 4));
        let f = Field::new("abc");
        assert_eq!(f.window(10), ("abc".to_string(), 0));
    }
}
