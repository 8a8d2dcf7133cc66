//! Laying out a question for a terminal of a given size: the header lines,
//! the choice list with wrapped level descriptors, and how many choices fit
//! on one page so that nothing scrolls off the screen.
//!
//! Line lengths are measured in bytes: a character never takes more columns
//! than bytes, so a line that fits in bytes fits on the screen, and dialoguer
//! (which measures items in bytes when it clears them) erases exactly what
//! it drew.

use itsm_assess::interview::{Choice, Entry, QuestionView};

/// How a header line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Strong,
    Faint,
}

/// One line of text above the choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
}

impl Line {
    fn new(text: impl Into<String>, tone: Tone) -> Line {
        Line {
            text: text.into(),
            tone,
        }
    }
}

/// Columns dialoguer puts before an item: the selection mark and a space.
const ITEM_PREFIX: usize = 2;

/// Descriptors narrower than this go below their label instead of beside it.
const MIN_DETAIL_WIDTH: usize = 24;

/// Cells of the progress bar.
const PROGRESS_CELLS: usize = 12;

/// Splits text into lines of at most `width` bytes, between words where it
/// can and inside a word only when the word alone is too long.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() {
            word.len()
        } else {
            line.len() + 1 + word.len()
        };
        if needed <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while rest.len() > width {
            let mut cut = width;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut == 0 {
                // A single character wider than the line: keep it whole.
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `[#####...............]` filled to `done` of `total`.
pub fn progress_bar(done: usize, total: usize) -> String {
    let filled = (done * PROGRESS_CELLS).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        "#".repeat(filled.min(PROGRESS_CELLS)),
        ".".repeat(PROGRESS_CELLS - filled.min(PROGRESS_CELLS))
    )
}

/// How much of a question's help the header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The respondent's help and the interviewer's guidance.
    Both,
    /// The respondent's help only.
    Help,
    /// Neither: a small terminal.
    Neither,
}

/// Choices a page should hold at least, where the question has that many.
const MIN_CHOICES_PER_PAGE: usize = 3;

/// The header for a terminal of `rows` x `cols`: as much help as leaves
/// room for [`MIN_CHOICES_PER_PAGE`] choices a page under it (a blank
/// line, the header, the prompt line and the line the cursor rests on).
pub fn header_for(view: &QuestionView, rows: usize, cols: usize) -> Vec<Line> {
    let (_, heights) = items(&view.entries, cols);
    let wanted = MIN_CHOICES_PER_PAGE.min(heights.len());
    let mut last = Vec::new();
    for detail in [Detail::Both, Detail::Help, Detail::Neither] {
        let lines = header(view, cols, detail);
        let room = rows.saturating_sub(lines.len() + 3);
        if page_size(&heights, room.max(1)) >= wanted && heights.iter().all(|h| *h <= room) {
            return lines;
        }
        last = lines;
    }
    last
}

/// The lines above the choice list: where the interview is, the question,
/// and as much of its help as `detail` says, all within `width`.
pub fn header(view: &QuestionView, width: usize, detail: Detail) -> Vec<Line> {
    let guidance = detail == Detail::Both;
    let help = detail != Detail::Neither;
    let width = width.saturating_sub(1).max(1);
    let place = format!(
        "Question {} of {} · Area {} of {}: {}",
        view.number, view.total, view.area_number, view.area_count, view.area.title
    );
    let progress = format!(
        "{} {} of {} answered",
        progress_bar(view.answered, view.total),
        view.answered,
        view.total
    );
    let mut lines = Vec::new();
    if place.len() + 3 + progress.len() <= width {
        lines.push(Line::new(format!("{place}   {progress}"), Tone::Faint));
    } else {
        lines.extend(
            wrap(&place, width)
                .into_iter()
                .map(|l| Line::new(l, Tone::Faint)),
        );
        lines.extend(
            wrap(&progress, width)
                .into_iter()
                .map(|l| Line::new(l, Tone::Faint)),
        );
    }
    let q = view.question;
    lines.extend(
        wrap(&q.title, width)
            .into_iter()
            .map(|l| Line::new(l, Tone::Strong)),
    );
    lines.extend(
        wrap(&q.text, width)
            .into_iter()
            .map(|l| Line::new(l, Tone::Plain)),
    );
    // What the respondent thinks about, then what the interviewer checks.
    if help && let Some(h) = q.help.as_deref().filter(|h| !h.trim().is_empty()) {
        lines.extend(
            wrap(h, width)
                .into_iter()
                .map(|l| Line::new(l, Tone::Plain)),
        );
    }
    if guidance && let Some(g) = q.guidance.as_deref().filter(|g| !g.trim().is_empty()) {
        lines.extend(
            wrap(&format!("Guidance: {g}"), width)
                .into_iter()
                .map(|l| Line::new(l, Tone::Faint)),
        );
    }
    // A re-assessment: what the last one answered is selected below, and
    // said here in words.
    if let Some(last) = &view.last_time {
        lines.extend(
            wrap(&last.line(), width)
                .into_iter()
                .map(|l| Line::new(l, Tone::Plain)),
        );
    }
    lines
}

/// The choice list as dialoguer items: a level's label, then its descriptor
/// wrapped beside it (or below it, in a narrow terminal), continuation lines
/// aligned under the descriptor. Returns the items and their heights.
pub fn items(entries: &[Entry], width: usize) -> (Vec<String>, Vec<usize>) {
    let usable = width.saturating_sub(1).max(ITEM_PREFIX + 1);
    let label_width = entries
        .iter()
        .filter(|e| e.detail.is_some())
        .map(|e| e.label.len())
        .max()
        .unwrap_or(0);
    let beside = usable.saturating_sub(ITEM_PREFIX + label_width + 2);
    let mut items = Vec::with_capacity(entries.len());
    let mut heights = Vec::with_capacity(entries.len());
    for entry in entries {
        let detail = entry.detail.as_deref().filter(|d| !d.trim().is_empty());
        let lines: Vec<String> = match detail {
            None => wrap(&entry.label, usable - ITEM_PREFIX),
            Some(detail) if beside >= MIN_DETAIL_WIDTH => {
                let indent = " ".repeat(ITEM_PREFIX + label_width + 2);
                let pad = " ".repeat(label_width - entry.label.len() + 2);
                wrap(detail, beside)
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i == 0 {
                            format!("{}{pad}{l}", entry.label)
                        } else {
                            format!("{indent}{l}")
                        }
                    })
                    .collect()
            }
            Some(detail) => {
                let indent = " ".repeat(ITEM_PREFIX + 2);
                let mut lines = wrap(&entry.label, usable - ITEM_PREFIX);
                lines.extend(
                    wrap(detail, usable.saturating_sub(ITEM_PREFIX + 2))
                        .into_iter()
                        .map(|l| format!("{indent}{l}")),
                );
                lines
            }
        };
        heights.push(lines.len());
        items.push(lines.join("\n"));
    }
    (items, heights)
}

/// The most items per page such that every page (dialoguer pages are
/// consecutive runs of that many items) fits in `rows` lines; at least one.
pub fn page_size(heights: &[usize], rows: usize) -> usize {
    (1..=heights.len())
        .rev()
        .find(|&n| {
            heights
                .chunks(n)
                .all(|page| page.iter().sum::<usize>() <= rows)
        })
        .unwrap_or(1)
}

/// What a choice is called in the transcript line after it.
pub fn chosen(entry: &Entry) -> Option<String> {
    match entry.choice {
        Choice::Level(_) => Some(format!("Current level: {}", entry.label)),
        Choice::NotApplicable => Some("Not applicable".to_string()),
        Choice::Skip => Some("Skipped for now".to_string()),
        Choice::Back | Choice::SaveAndQuit => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use itsm_assess::interview::Interview;
    use itsm_assess::model::{Answers, Assessment};

    #[test]
    fn wrap_breaks_between_words_within_the_width() {
        assert_eq!(
            wrap("one two three four five", 9),
            ["one two", "three", "four five"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Bytes, not characters: "é" is two bytes and never split.
        assert_eq!(wrap("éééé", 5), ["éé", "éé"]);
        for line in wrap(&"lorem ipsum dolor ".repeat(30), 33) {
            assert!(line.len() <= 33, "{line:?}");
        }
    }

    #[test]
    fn progress_bar_fills_in_proportion() {
        assert_eq!(progress_bar(0, 45), "[............]");
        assert_eq!(progress_bar(9, 18), "[######......]");
        assert_eq!(progress_bar(44, 45), "[###########.]");
        assert_eq!(progress_bar(45, 45), "[############]");
        assert_eq!(progress_bar(0, 0), "[............]");
    }

    fn builtin() -> itsm_assess::Instrument {
        itsm_assess::builtin::BuiltIn::find("itsm-core")
            .unwrap()
            .instrument()
            .unwrap()
    }

    fn first_view(i: &itsm_assess::Instrument) -> QuestionView<'_> {
        let answers = Answers::new(Assessment {
            questionnaire: i.questionnaire.id.clone(),
            ..Assessment::default()
        });
        Interview::new(i, None, answers, &[], false)
            .unwrap()
            .view()
            .unwrap()
    }

    #[test]
    fn every_line_fits_an_80_column_terminal() {
        let i = builtin();
        let view = first_view(&i);
        let header = header(&view, 80, Detail::Both);
        assert!(header.iter().all(|l| l.text.len() < 80), "{header:#?}");
        let n = i.question_count();
        assert_eq!(
            header[0].text,
            format!(
                "Question 1 of {n} · Area 1 of 4: Processes   [............] 0 of {n} answered"
            )
        );
        assert!(header.iter().any(|l| l.text.starts_with("Guidance: ")));
        // The respondent's help is shown, apart from the interviewer's guidance.
        let help = view.question.help.as_deref().unwrap();
        assert!(
            header.iter().any(|l| help.starts_with(&l.text)),
            "{header:#?}"
        );
        let short = super::header(&view, 80, Detail::Help);
        assert!(!short.iter().any(|l| l.text.starts_with("Guidance: ")));
        assert_eq!(
            super::header(&view, 80, Detail::Neither).len(),
            3,
            "place, title, text"
        );
        let (items, heights) = items(&view.entries, 80);
        assert_eq!(items.len(), view.entries.len());
        for (item, height) in items.iter().zip(&heights) {
            let lines: Vec<&str> = item.split('\n').collect();
            assert_eq!(lines.len(), *height);
            // dialoguer puts its mark before the first line only.
            assert!(ITEM_PREFIX + lines[0].len() < 80, "{:?}", lines[0]);
            for line in &lines[1..] {
                assert!(line.len() < 80, "{line:?}");
            }
        }
        // Descriptors start in one column, after the widest label.
        assert!(
            items[0].starts_with("0 Non-existent  Interruptions"),
            "{}",
            items[0]
        );
        assert!(
            items[5].starts_with("5 Optimizing    Incident trends"),
            "{}",
            items[5]
        );
        assert_eq!(items[6], "Not applicable");
    }

    #[test]
    fn narrow_terminals_put_descriptors_below_the_labels() {
        let i = builtin();
        let view = first_view(&i);
        let (items, _) = items(&view.entries, 40);
        let lines: Vec<&str> = items[0].split('\n').collect();
        assert_eq!(lines[0], "0 Non-existent");
        // Below the label, two columns further in.
        assert!(lines[1].starts_with("    Interruptions"), "{lines:?}");
        assert!(lines.len() > 2);
        assert!(ITEM_PREFIX + lines[0].len() < 40);
        assert!(lines[1..].iter().all(|l| l.len() < 40), "{lines:?}");
    }

    #[test]
    fn pages_fit_the_rows_left_under_the_header() {
        assert_eq!(page_size(&[3, 3, 3, 1, 1], 20), 5);
        assert_eq!(page_size(&[3, 3, 3, 1, 1], 9), 3);
        assert_eq!(page_size(&[4, 4, 4, 4, 1, 1], 10), 2);
        assert_eq!(page_size(&[12, 1], 10), 1, "at least one item per page");
        // Every question of the built-in questionnaire in 80x24: at least
        // three levels per page, and every page fits the rows left.
        let i = builtin();
        for (_, question) in i.questionnaire.questions() {
            let mut answers = Answers::new(Assessment {
                questionnaire: "itsm-core".into(),
                ..Assessment::default()
            });
            for (_, q) in i.questionnaire.questions() {
                if q.id != question.id {
                    answers.set(&q.id, itsm_assess::model::Answer::level(1.0));
                }
            }
            let interview = Interview::new(&i, None, answers, &[], false).unwrap();
            let view = interview.view().unwrap();
            assert_eq!(view.question.id, question.id);
            let rows = 24 - header_for(&view, 24, 80).len() - 3;
            let (_, heights) = items(&view.entries, 80);
            let n = page_size(&heights, rows);
            let id = &question.id;
            assert!(n >= 3, "{id}: {n} items per page");
            for page in heights.chunks(n) {
                assert!(
                    page.iter().sum::<usize>() <= rows,
                    "{id}: {heights:?} / {rows}"
                );
            }
        }
    }

    #[test]
    fn transcript_names_levels_and_moves() {
        let i = builtin();
        let view = first_view(&i);
        assert_eq!(
            chosen(&view.entries[3]).as_deref(),
            Some("Current level: 3 Defined")
        );
        let na = view
            .entries
            .iter()
            .find(|e| e.choice == Choice::NotApplicable)
            .unwrap();
        assert_eq!(chosen(na).as_deref(), Some("Not applicable"));
    }
}
