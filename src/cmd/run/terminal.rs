//! The interview in a terminal: dialoguer choice lists and a text field
//! behind the library's `Prompter` trait.
//!
//! Ctrl-C: console reads each key in raw mode, where Ctrl-C arrives as a
//! byte; console then restores the terminal mode, raises SIGINT itself and
//! returns an `Interrupted` error, which becomes `Stop::Interrupt`. Between
//! two keys (while a list is drawn or a file saved) the terminal is back in
//! its normal mode, where Ctrl-C would be a signal that no prompt sees, so
//! `TerminalGuard` turns signal keys off for the whole interview: a Ctrl-C
//! typed then waits as a byte and stops the next prompt. The handler from
//! `catch_ctrl_c` keeps console's own SIGINT from ending the process and
//! records it, so the interview always ends through its normal path, where
//! the guard shows the cursor and restores the terminal's settings.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Style, Term};
use dialoguer::Select;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use itsm_assess::Error;
use itsm_assess::interview::{
    Choice, Entry, Prompter, QuestionView, Stop, TargetView, TextRequest,
};
use itsm_assess::model::{Question, fmt_num};
use itsm_assess::output::visible;

use super::layout::{self, Line, Tone};
use super::text_field;

/// The smallest terminal the interview is drawn in.
const MIN_ROWS: usize = 8;
const MIN_COLS: usize = 20;

thread_local! {
    /// Set while a prompt runs that may give up on a terminal made too
    /// small: that is handled, not a bug to report.
    pub static QUIET_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For the length of the interview: Ctrl-C is a key, not a signal. When
/// dropped, whatever way the interview ended: the cursor is shown and the
/// terminal's settings are as they were.
pub struct TerminalGuard {
    term: Term,
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl TerminalGuard {
    /// Takes over the terminal on standard input (the one console reads keys
    /// from when standard input is a terminal, as `run` checks first).
    pub fn new(term: &Term) -> TerminalGuard {
        TerminalGuard {
            term: term.clone(),
            #[cfg(unix)]
            saved: signal_keys_off(),
        }
    }
}

/// Turns off the keys that send signals; returns the settings before.
#[cfg(unix)]
fn signal_keys_off() -> Option<libc::termios> {
    change_terminal(|t| t.c_lflag &= !libc::ISIG)
}

/// Changes the settings of the terminal on standard input; returns the
/// settings before, or none when they could not be read or changed.
#[cfg(unix)]
fn change_terminal(change: impl FnOnce(&mut libc::termios)) -> Option<libc::termios> {
    let mut saved = std::mem::MaybeUninit::<libc::termios>::uninit();
    // SAFETY: tcgetattr fills the termios it is given when it returns 0,
    // and only then is it read.
    let saved = unsafe {
        if libc::tcgetattr(libc::STDIN_FILENO, saved.as_mut_ptr()) != 0 {
            return None;
        }
        saved.assume_init()
    };
    let mut changed = saved;
    change(&mut changed);
    // SAFETY: a valid termios for the terminal it was read from.
    if unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &changed) } != 0 {
        return None;
    }
    Some(saved)
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
        let _ = self.term.flush();
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            // SAFETY: the settings read from this terminal when the guard
            // was made.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
            }
        }
    }
}

impl TerminalGuard {
    /// The terminal's settings before the interview, to restore.
    #[cfg(unix)]
    pub fn saved(&self) -> Option<libc::termios> {
        self.saved
    }
}

/// What to say when a signal ends the interview, and the lock file to
/// remove: set as it goes.
pub type Farewell = Arc<std::sync::Mutex<(String, Option<std::path::PathBuf>)>>;

/// On SIGTERM, SIGHUP or SIGQUIT (a closed terminal window, `kill`, a
/// shutdown), restores the terminal (settings and cursor), prints the
/// farewell (where the answers are and how to resume) and exits with 128 +
/// the signal. Every answer is saved when given, so nothing is lost; a save
/// cut off leaves at most a temporary file, removed at the next resume.
pub fn catch_termination(saved: Option<libc::termios>) -> anyhow::Result<Farewell> {
    use signal_hook::consts::{SIGHUP, SIGQUIT, SIGTERM};
    let farewell: Farewell = Arc::new(std::sync::Mutex::new((String::new(), None)));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT])
        .map_err(|e| anyhow::anyhow!("cannot catch termination signals: {e}"))?;
    let said = Arc::clone(&farewell);
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            if let Some(saved) = &saved {
                // SAFETY: the settings read from this terminal at the start.
                unsafe {
                    libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
                }
            }
            // Written straight to the descriptors: the interview may hold
            // the standard output's lock in the middle of drawing a list.
            raw_write(libc::STDOUT_FILENO, b"\x1b[?25h");
            let name = match signal {
                SIGTERM => "SIGTERM",
                SIGHUP => "SIGHUP",
                _ => "SIGQUIT",
            };
            let (text, lock) = said.lock().map(|t| t.clone()).unwrap_or_default();
            if let Some(lock) = lock {
                let _ = std::fs::remove_file(lock);
            }
            let message = format!("\nStopped by {name}. {text}\n");
            raw_write(
                libc::STDERR_FILENO,
                itsm_assess::output::visible(&message).as_bytes(),
            );
            std::process::exit(128 + signal);
        }
    });
    Ok(farewell)
}

/// The keyboard while the interview is paused: read a key at a time without
/// waiting, nothing echoed; when dropped, what was typed and not read is
/// thrown away and the settings are as before.
struct PausedInput {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl PausedInput {
    fn start() -> PausedInput {
        PausedInput {
            saved: change_terminal(|t| {
                t.c_lflag &= !(libc::ICANON | libc::ECHO);
                t.c_cc[libc::VMIN] = 0;
                t.c_cc[libc::VTIME] = 0;
            }),
        }
    }

    /// The key pressed alone since the last look, if any: a lone byte (an
    /// arrow key's sequence is not one key here).
    fn key(&self) -> Option<u8> {
        let mut buf = [0u8; 16];
        // SAFETY: reads at most the buffer's length into it; with VMIN and
        // VTIME at 0 the read returns at once.
        let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        let read = usize::try_from(n).ok().filter(|n| *n > 0)?;
        if buf[..read].contains(&0x03) {
            return Some(0x03);
        }
        (read == 1).then_some(buf[0])
    }
}

impl Drop for PausedInput {
    fn drop(&mut self) {
        // SAFETY: the settings read from this terminal at the start.
        unsafe {
            libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
            if let Some(saved) = &self.saved {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
            }
        }
    }
}

/// Writes all of `bytes` to a file descriptor, taking no lock.
fn raw_write(fd: libc::c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writes from a live buffer of the given length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match usize::try_from(n) {
            Ok(n) if n > 0 => bytes = &bytes[n..],
            _ => return,
        }
    }
}

/// Records Ctrl-C instead of ending the process, so the interview can stop
/// through its normal path.
pub fn catch_ctrl_c() -> anyhow::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&flag);
    ctrlc::set_handler(move || seen.store(true, Ordering::SeqCst))
        .map_err(|e| anyhow::anyhow!("cannot catch Ctrl-C: {e}"))?;
    Ok(flag)
}

/// Asks the interview's questions in a terminal.
pub struct TerminalPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
    interrupted: Arc<AtomicBool>,
}

impl TerminalPrompter {
    pub fn new(term: Term, color: bool, interrupted: Arc<AtomicBool>) -> TerminalPrompter {
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter {
            term,
            theme,
            color,
            interrupted,
        }
    }

    /// Rows and columns of the terminal.
    fn size(&self) -> (usize, usize) {
        let (rows, cols) = self.term.size();
        (
            usize::from(rows).max(MIN_ROWS),
            usize::from(cols).max(MIN_COLS),
        )
    }

    /// Waits, with a message, while the terminal is too small to show a
    /// question and its choices (a choice list cannot be drawn in fewer
    /// than a few rows); Ctrl-C still stops.
    fn wait_for_room(&self) -> Result<(), Stop> {
        let mut paused: Option<PausedInput> = None;
        loop {
            self.check_interrupt()?;
            let (rows, cols) = self.term.size();
            if usize::from(rows) >= MIN_ROWS && usize::from(cols) >= MIN_COLS {
                // Keys typed blind while paused are dropped with the pause.
                drop(paused);
                return Ok(());
            }
            let input = match &paused {
                Some(input) => input,
                None => {
                    self.term
                        .write_line(&format!(
                            "Terminal too small ({cols}x{rows}): make it at least {MIN_COLS}x{MIN_ROWS} to go on (Esc saves and quits, Ctrl-C stops)."
                        ))
                        .map_err(terminal_failed)?;
                    paused.insert(PausedInput::start())
                }
            };
            match input.key() {
                Some(0x03) => return Err(Stop::Interrupt),
                Some(0x1b) | Some(b'q') => return Err(Stop::Quit),
                _ => std::thread::sleep(std::time::Duration::from_millis(100)),
            }
        }
    }

    /// Runs a prompt, again after the terminal has grown if it became too
    /// small while the prompt was drawn (the choice list cannot be drawn in
    /// too few rows and gives up).
    fn with_room<T>(&self, mut prompt: impl FnMut() -> Result<T, Stop>) -> Result<T, Stop> {
        loop {
            self.wait_for_room()?;
            QUIET_PANIC.with(|q| q.set(true));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&mut prompt));
            QUIET_PANIC.with(|q| q.set(false));
            match outcome {
                Ok(result) => return result,
                Err(_) => {
                    let _ = self.term.show_cursor();
                }
            }
        }
    }

    fn check_interrupt(&self) -> Result<(), Stop> {
        if self.interrupted.load(Ordering::SeqCst) {
            Err(Stop::Interrupt)
        } else {
            Ok(())
        }
    }

    fn write_line(&self, line: &Line) -> Result<(), Stop> {
        let style = match (self.color, line.tone) {
            (false, _) | (true, Tone::Plain) => Style::new(),
            (true, Tone::Strong) => Style::new().bold(),
            (true, Tone::Faint) => Style::new().dim(),
        };
        // A custom questionnaire's texts are input: shown, never acted on.
        let text = visible(&line.text);
        self.term
            .write_line(&style.apply_to(text.as_ref()).to_string())
            .map_err(terminal_failed)
    }

    fn say(&self, text: &str, tone: Tone) -> Result<(), Stop> {
        self.write_line(&Line {
            text: text.to_string(),
            tone,
        })
    }

    /// A choice list that fits in `rows` lines, paged if it must be.
    fn select(
        &self,
        prompt: &str,
        entries: &[Entry],
        default: usize,
        rows: usize,
    ) -> Result<usize, Stop> {
        let (_, cols) = self.size();
        let (items, heights) = layout::items(entries, cols);
        let items: Vec<String> = items.iter().map(|i| visible(i).into_owned()).collect();
        let prompt = visible(prompt);
        let per_page = layout::page_size(&heights, rows);
        let picked = Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt.as_ref())
            .items(&items)
            .default(default)
            .max_length(per_page)
            .report(false)
            .interact_on_opt(&self.term);
        self.check_interrupt()?;
        match picked {
            Ok(Some(i)) => Ok(i),
            Ok(None) => Err(Stop::Quit),
            Err(dialoguer::Error::IO(e)) => Err(stop_of(e)),
        }
    }

    fn read_line(&self, prompt: &str, initial: &str) -> Result<String, Stop> {
        self.check_interrupt()?;
        let line = text_field::read_line(&self.term, prompt, initial).map_err(stop_of);
        self.check_interrupt()?;
        line?.ok_or(Stop::Quit)
    }
}

/// The error of a failed terminal, or Ctrl-C.
fn stop_of(e: io::Error) -> Stop {
    if e.kind() == io::ErrorKind::Interrupted {
        Stop::Interrupt
    } else {
        terminal_failed(e)
    }
}

fn terminal_failed(e: io::Error) -> Stop {
    Stop::Failed(Error::read("<terminal>", e))
}

impl Prompter for TerminalPrompter {
    fn choose_level(&mut self, view: &QuestionView) -> Result<Choice, Stop> {
        self.with_room(|| self.level_prompt(view))
    }

    fn choose_target(&mut self, view: &TargetView) -> Result<f64, Stop> {
        self.with_room(|| self.target_prompt(view))
    }

    fn confirmed(&mut self, view: &QuestionView, choice: Choice) -> Result<(), Stop> {
        // Called once the choice is on disk, never before.
        let entry = view.entries.iter().find(|e| e.choice == choice);
        if let Some(text) = entry.and_then(layout::chosen) {
            self.say(&format!("  {text}"), Tone::Faint)?;
        }
        Ok(())
    }

    fn refused(&mut self, problem: &str) -> Result<(), Stop> {
        self.say(&format!("  {problem}"), Tone::Strong)
    }

    fn ask_note(&mut self, _question: &Question, note: Option<&str>) -> Result<String, Stop> {
        self.read_line("Note (optional, Enter to go on): ", note.unwrap_or(""))
    }

    fn ask_text(&mut self, request: &TextRequest) -> Result<String, Stop> {
        if let Some(problem) = &request.problem {
            self.say(&format!("  {problem}"), Tone::Strong)?;
        }
        let prompt = match &request.default {
            Some(d) => format!("{} [{d}]: ", request.label),
            None => format!("{}: ", request.label),
        };
        self.read_line(&prompt, "")
    }
}

impl TerminalPrompter {
    fn level_prompt(&self, view: &QuestionView) -> Result<Choice, Stop> {
        self.check_interrupt()?;
        let (rows, cols) = self.size();
        // A blank line, the header, the prompt line, and the line the
        // cursor rests on; the header keeps as much help as leaves room.
        let room = |header: &[Line]| rows.saturating_sub(header.len() + 3);
        let header = layout::header_for(view, rows, cols);
        self.term.write_line("").map_err(terminal_failed)?;
        for line in &header {
            self.write_line(line)?;
        }
        let prompt = if cols >= 72 {
            "Current level (Enter chooses, Esc saves and quits)"
        } else {
            "Current level"
        };
        let i = self.select(prompt, &view.entries, view.default, room(&header).max(1))?;
        Ok(view.entries[i].choice)
    }

    fn target_prompt(&self, view: &TargetView) -> Result<f64, Stop> {
        self.check_interrupt()?;
        let (rows, _) = self.size();
        let default_label = view
            .entries
            .iter()
            .find(|e| e.choice == Choice::Level(view.inherited))
            .map_or_else(|| fmt_num(view.inherited), |e| e.label.clone());
        let prompt = format!(
            "Target level (the {} says {default_label})",
            view.inherited_from
        );
        let i = self.select(
            &prompt,
            &view.entries,
            view.default,
            rows.saturating_sub(3).max(1),
        )?;
        let entry = &view.entries[i];
        self.say(&format!("  Target level: {}", entry.label), Tone::Faint)?;
        match entry.choice {
            Choice::Level(v) => Ok(v),
            // The library offers levels only; treat anything else as the
            // inherited target rather than fail mid-interview.
            _ => Ok(view.inherited),
        }
    }
}
