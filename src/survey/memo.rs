//! What each distinct cell text of a question column reads as, read once.
//!
//! A survey column holds a handful of distinct texts (`3`, `Defined`,
//! `n/a`, an empty cell) over any number of rows. Reading a cell (decoding,
//! trimming, the mapping, numbers, labels, descriptors) is done the first
//! time a text is met in a column; after that its bytes give the answer.
//! Only cells that read without a problem are kept: a bad cell is read,
//! and reported, every time.

use crate::model::Response;

/// Distinct texts kept per column; a column with more (free text where a
/// level was expected) is read cell by cell past them.
const MAX_TEXTS: usize = 32;

/// Longer cells are not kept: levels are short, descriptors read slowly
/// anyway and are few.
const MAX_BYTES: usize = 64;

/// The texts seen per column and what each reads as.
#[derive(Debug, Default)]
pub struct Memo {
    columns: Vec<Column>,
}

/// One column's texts: those of up to 7 bytes packed into a number (one
/// comparison each), longer ones as bytes.
#[derive(Debug, Default)]
struct Column {
    short: Vec<(u64, Response)>,
    long: Vec<(Box<[u8]>, Response)>,
}

/// Up to 7 bytes and their count as one number: `3`, `n/a`, `Defined`.
fn pack(raw: &[u8]) -> Option<u64> {
    if raw.len() > 7 {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..raw.len()].copy_from_slice(raw);
    bytes[7] = raw.len() as u8;
    Some(u64::from_le_bytes(bytes))
}

impl Memo {
    pub fn new(columns: usize) -> Memo {
        Memo {
            columns: (0..columns).map(|_| Column::default()).collect(),
        }
    }

    /// What `raw` read as in `column` before, if it was kept.
    #[inline]
    pub fn get(&self, column: usize, raw: &[u8]) -> Option<Response> {
        let c = self.columns.get(column)?;
        match pack(raw) {
            Some(key) => c.short.iter().find(|(k, _)| *k == key).map(|(_, r)| *r),
            None => c
                .long
                .iter()
                .find(|(text, _)| **text == *raw)
                .map(|(_, r)| *r),
        }
    }

    /// Keeps what `raw` reads as in `column`.
    pub fn put(&mut self, column: usize, raw: &[u8], response: Response) {
        let Some(c) = self.columns.get_mut(column) else {
            return;
        };
        if c.short.len() + c.long.len() >= MAX_TEXTS {
            return;
        }
        match pack(raw) {
            Some(key) => c.short.push((key, response)),
            None if raw.len() <= MAX_BYTES => c.long.push((raw.into(), response)),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_kept_per_column_and_only_while_there_is_room() {
        let mut memo = Memo::new(2);
        memo.put(0, b"3", Response::Level(3.0));
        assert_eq!(memo.get(0, b"3"), Some(Response::Level(3.0)));
        assert_eq!(memo.get(1, b"3"), None, "another column reads on its own");
        assert_eq!(memo.get(0, b" 3"), None, "bytes, not meaning");
        for i in 0..MAX_TEXTS {
            memo.put(1, i.to_string().as_bytes(), Response::NotApplicable);
        }
        memo.put(1, b"one more", Response::NotApplicable);
        assert_eq!(memo.get(1, b"one more"), None);
        memo.put(0, &[b'x'; MAX_BYTES + 1], Response::NotApplicable);
        assert_eq!(memo.get(0, &[b'x'; MAX_BYTES + 1]), None);
        assert_eq!(memo.get(9, b"3"), None, "no such column");
        // Packed texts keep their length apart: "3" is not "3\0".
        let mut memo = Memo::new(1);
        memo.put(0, b"3", Response::Level(3.0));
        memo.put(0, b"Defined", Response::Level(2.0));
        memo.put(0, b"Repeatable", Response::Level(2.0));
        assert_eq!(memo.get(0, b"3\0"), None);
        assert_eq!(memo.get(0, b"Defined"), Some(Response::Level(2.0)));
        assert_eq!(memo.get(0, b"Repeatable"), Some(Response::Level(2.0)));
        assert_eq!(memo.get(0, b""), None);
    }
}
