//! `itsm-assess run`: the interview in the terminal. The library's
//! `Interview` decides what is asked and saved; this module reads the files,
//! sets up the terminal, and prints the outcome.

mod layout;
mod terminal;
mod text_field;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use console::Term;
use itsm_assess::interview::{self, AnswersFile, Interview, Outcome, Saver, Stop, Tally, file};
use itsm_assess::model::{Answers, Assessment, Date};
use itsm_assess::render::{self, ReportFormat, Style};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::{Diagnostic, Error, Format, Source, Vision, score};

use crate::cli::{Global, RunArgs};
use crate::cmd::{catalog, print_error, use_color, write_stdout};

use terminal::{TerminalGuard, TerminalPrompter};

/// Whether a panic now is one a prompt handles (see `terminal::QUIET_PANIC`).
pub fn quiet_panic() -> bool {
    terminal::QUIET_PANIC.with(std::cell::Cell::get)
}

/// Exit code of an interview stopped with Ctrl-C: 128 + SIGINT.
const INTERRUPTED: u8 = 130;

/// Exit code when there is no terminal to interview in: a usage error.
const NOT_A_TERMINAL: u8 = 2;

pub fn run(g: &Global, args: RunArgs) -> Result<ExitCode> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        let e = Diagnostic::new(
            "itsm-assess run",
            "is an interactive interview and needs a terminal on standard input and output",
        )
        .help("to score answers in a file, use `itsm-assess report FILE` or `itsm-assess score FILE...`");
        print_error(&Error::from(e).into());
        return Ok(ExitCode::from(NOT_A_TERMINAL));
    }

    let catalog = catalog(g)?;
    if let Some(out) = &args.out {
        check_extension(out, false)?;
    }
    if let Some(resume) = &args.resume {
        check_extension(resume, args.out.is_some())?;
    }
    if let Some(out) = &args.out
        && same_file(out, args.from.as_deref())
    {
        return Err(Error::from(
            Diagnostic::new(
                out.display().to_string(),
                "is the last assessment --from reads; a re-assessment never writes over it",
            )
            .help("leave out --out (the new file gets its own name), or give another file"),
        )
        .into());
    }
    // The file resumed in place is held before it is read: no other
    // interview can change it between the reading and the first save.
    let held = match (&args.resume, &args.out) {
        (Some(path), out) if out.as_ref().is_none_or(|o| same_file(o, Some(path))) => {
            Some(file::Held::take(path)?)
        }
        _ => None,
    };
    // A re-assessment: the last answers (any answers file, TOML or JSON)
    // are the defaults; its questionnaire is the one asked again.
    let last = match &args.from {
        Some(path) => {
            let src = Source::read(path)?;
            let (last, instrument) = catalog.load_answers(&src)?;
            Some((last, instrument, path))
        }
        None => None,
    };
    let (mut answers, instrument, text) = match (&args.resume, &last) {
        (None, Some((last, instrument, _))) => {
            let answers = Answers::new(Assessment {
                questionnaire: last.assessment.questionnaire.clone(),
                questionnaire_version: version_of(instrument),
                ..Assessment::default()
            });
            (answers, *instrument, None)
        }
        (Some(path), _) => {
            let src = Source::read(path)?;
            let text = (src.format == Format::Toml).then(|| src.text.to_string());
            let (answers, instrument) = catalog.load_answers(&src)?;
            if let Some((last, from_instrument, from)) = &last
                && !std::ptr::eq(*from_instrument, instrument)
            {
                return Err(Error::from(
                    Diagnostic::new(
                        from.display().to_string(),
                        format!(
                            "answers questionnaire \"{}\", but {} answers \"{}\": \
                             a re-assessment asks the last one's questionnaire again",
                            last.assessment.questionnaire,
                            path.display(),
                            answers.assessment.questionnaire
                        ),
                    )
                    .help("resume with the --from file the interview started with"),
                )
                .into());
            }
            (answers, instrument, text)
        }
        (None, None) => {
            let instrument = catalog.instrument(None)?;
            let answers = Answers::new(Assessment {
                questionnaire: instrument.questionnaire.id.clone(),
                questionnaire_version: version_of(instrument),
                ..Assessment::default()
            });
            (answers, instrument, None)
        }
    };
    check_flags(&args)?;
    let flags_changed = apply_flags(&mut answers.assessment, &args);
    let vision = match &args.vision {
        Some(path) => Some(Vision::load(&crate::cmd::read_file(path)?, instrument)?),
        None => None,
    };
    let areas = interview::select_areas(instrument, &args.areas)?;
    if let Some(out) = &args.out
        && out.exists()
        && !same_file(out, args.resume.as_deref())
    {
        return Err(file::refusal(out).into());
    }

    let color = use_color(g);
    console::set_colors_enabled(color);
    let interrupted = terminal::catch_ctrl_c()?;
    let term = Term::stdout();
    let guard = TerminalGuard::new(&term);
    let farewell = terminal::catch_termination(guard.saved())?;
    set_farewell(&farewell, "Nothing was saved yet.".into(), None);
    let mut prompter = TerminalPrompter::new(term.clone(), color, interrupted);

    let q = &instrument.questionnaire;
    let count: usize = areas.iter().map(|a| a.question.len()).sum();
    let scope = if args.areas.is_empty() {
        format!("{count} questions in {} areas", areas.len())
    } else {
        let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        format!("{count} questions in {}", ids.join(", "))
    };
    say(
        &term,
        &format!("{} ({} {}): {scope}.", q.title, q.id, q.version),
    )?;

    let mut file = match &args.resume {
        None => {
            let before = last.as_ref().map(|(l, _, _)| &l.assessment);
            if let Err(stop) = interview::ask_assessment_from(
                &mut answers.assessment,
                &mut prompter,
                Date::today(),
                before,
            ) {
                return stopped_before_start(stop);
            }
            create_file(&term, &args, instrument, &answers)?
        }
        Some(_) => match held {
            None => create_file(&term, &args, instrument, &answers)?,
            Some(held) => {
                let mut file = AnswersFile::resume(held, instrument, text);
                if flags_changed {
                    file.save(&answers)?;
                }
                file
            }
        },
    };
    for notice in file.notices() {
        say(&term, &format!("Note: {notice}."))?;
    }
    let path = file.path().to_path_buf();
    set_farewell(
        &farewell,
        format!(
            "Every answer given is saved in {}.\nResume with: {}",
            path.display(),
            resume_command(g, &args, &path)
        ),
        Some(file.lock_path()),
    );
    say(
        &term,
        &format!(
            "Answers are saved to {} after every answer.",
            path.display()
        ),
    )?;

    let mut interview = Interview::new(
        instrument,
        vision.as_ref(),
        answers,
        &args.areas,
        args.targets,
    )?;
    if let Some((previous, _, from)) = &last {
        interview = interview.with_previous(previous.clone());
        let t = interview.tally();
        let given = interview
            .areas()
            .iter()
            .flat_map(|a| &a.question)
            .filter(|q| {
                previous
                    .get(&q.id)
                    .is_some_and(|a| a.response != itsm_assess::model::Response::Unanswered)
            })
            .count();
        say(
            &term,
            &format!(
                "Assessing again from {}{}: {given} of {} questions had an answer; Enter keeps each one. {} is not changed.",
                from.display(),
                previous
                    .assessment
                    .date
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                t.questions,
                from.display()
            ),
        )?;
    }
    if args.resume.is_some() {
        let t = interview.tally();
        say(
            &term,
            &format!(
                "{} of {} questions have an answer; continuing at question {}.",
                t.answered + t.not_applicable,
                t.questions,
                interview.position() + 1
            ),
        )?;
    }
    let outcome = interview.run(&mut prompter, &mut file);
    // Every question visited: what was assessed, how and by whom, for the
    // report's header; each optional, saved like every answer.
    let mut answers = interview.answers().clone();
    if let Ok(Outcome::Finished) = outcome {
        let before = last.as_ref().map(|(l, _, _)| &l.assessment);
        match interview::ask_context_from(&mut answers.assessment, &mut prompter, before) {
            Ok(true) => file.save(&answers)?,
            Ok(false) | Err(Stop::Quit | Stop::Interrupt) => {}
            Err(Stop::Failed(e)) => return Err(e.into()),
        }
    }
    // The prompts are over: the terminal is as it was before the outcome.
    drop(guard);
    let resume = resume_command(g, &args, &path);
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(e) => {
            // The save that failed changed nothing: the file holds every
            // answer saved before it.
            print_error(&e.into());
            eprint(&format!(
                "The interview stopped because the last answer could not be saved. \
                 The answers saved before it are kept in {}.\nResume with: {resume}\n",
                path.display()
            ));
            return Ok(ExitCode::from(1));
        }
    };
    let tally = interview.tally();
    match outcome {
        Outcome::Finished => {
            let info = AssessmentInfo {
                source: Some(path.display().to_string()),
                vision: args.vision.as_ref().map(|p| p.display().to_string()),
                ..AssessmentInfo::default()
            };
            let card = score(instrument, &answers, vision.as_ref(), info);
            let style = Style {
                color,
                width: console::Term::stdout().size_checked().map(|(_, w)| w),
                ..Style::default()
            };
            let report = render::report(&card, instrument, ReportFormat::Table, &style);
            let mut text = format!(
                "\nInterview complete:\n  {}.\n\n{report}\nAnswers saved in {}.\n",
                summary(&tally, "skipped"),
                path.display()
            );
            if tally.skipped > 0 {
                text.push_str(&format!("Answer the skipped questions with: {resume}\n"));
            }
            write_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Quit => {
            write_stdout(&format!(
                "\nStopped. Every answer is saved in {}:\n  {}.\nResume with: {resume}\n",
                path.display(),
                summary(&tally, "not answered yet")
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Interrupted => {
            eprint(&format!(
                "\nInterrupted. Every answer is saved in {}:\n  {}.\nResume with: {resume}\n",
                path.display(),
                summary(&tally, "not answered yet")
            ));
            Ok(ExitCode::from(INTERRUPTED))
        }
    }
}

/// The version a new answers file names: the questionnaire's, if it has one.
fn version_of(instrument: &itsm_assess::Instrument) -> Option<String> {
    let v = &instrument.questionnaire.version;
    (!v.trim().is_empty()).then(|| v.clone())
}

/// Puts the organisation, respondent, role and date given as flags into
/// the assessment; says whether that changed it.
fn apply_flags(assessment: &mut Assessment, args: &RunArgs) -> bool {
    let mut changed = false;
    for (flag, field) in [
        (&args.organization, &mut assessment.organization),
        (&args.respondent, &mut assessment.respondent),
        (&args.role, &mut assessment.role),
    ] {
        if let Some(value) = flag.as_deref().map(str::trim).filter(|v| !v.is_empty())
            && field.as_deref() != Some(value)
        {
            *field = Some(value.to_string());
            changed = true;
        }
    }
    if args.date.is_some() && assessment.date != args.date {
        assessment.date = args.date;
        changed = true;
    }
    changed
}

/// The new answers file: --out, or the default name (the next free one if
/// it is taken).
fn create_file<'i>(
    term: &Term,
    args: &RunArgs,
    instrument: &'i itsm_assess::Instrument,
    answers: &Answers,
) -> Result<AnswersFile<'i>> {
    if let Some(out) = &args.out {
        return Ok(AnswersFile::create(out, instrument, answers)?);
    }
    let a = &answers.assessment;
    let name = PathBuf::from(file::default_name(
        a.organization.as_deref(),
        a.date.unwrap_or_else(Date::today),
    ));
    let created = AnswersFile::create_unused(&name, instrument, answers)?;
    if created.path() != name {
        say(
            term,
            &format!(
                "{} exists already (continue it with --resume {}); this interview gets its own file.",
                name.display(),
                name.display()
            ),
        )?;
    }
    Ok(created)
}

/// The interview writes TOML answers: a file named otherwise could not be
/// read back as what its name says. A `.json` file may be resumed into a
/// TOML one (`--out`).
fn check_extension(path: &Path, json_ok: bool) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") => Ok(()),
        Some("json") if json_ok => Ok(()),
        _ => Err(Error::from(
            Diagnostic::new(
                path.display().to_string(),
                "the interview saves answers as TOML and writes them only into a .toml file",
            )
            .help(match ext.as_deref() {
                Some("json") => "continue it into a TOML file: --resume FILE.json --out FILE.toml",
                _ => "name the answers file with .toml, e.g. --out answers.toml",
            }),
        )
        .into()),
    }
}

/// Texts given as flags obey the limit the answers file is read with.
fn check_flags(args: &RunArgs) -> Result<()> {
    for (flag, value) in [
        ("--organization", &args.organization),
        ("--respondent", &args.respondent),
        ("--role", &args.role),
    ] {
        if let Some(problem) = value.as_deref().and_then(itsm_assess::limits::too_long) {
            return Err(crate::cmd::Usage(format!(
                "{flag} {problem}; an answers file holding it could not be read back"
            ))
            .into());
        }
    }
    Ok(())
}

fn set_farewell(farewell: &terminal::Farewell, text: String, lock: Option<PathBuf>) {
    if let Ok(mut f) = farewell.lock() {
        *f = (text, lock);
    }
}

/// Stopped while asking who is assessed: no file was made.
fn stopped_before_start(stop: Stop) -> Result<ExitCode> {
    let message = "\nStopped before the first question; nothing was saved.\n";
    match stop {
        Stop::Quit => {
            write_stdout(message)?;
            Ok(ExitCode::SUCCESS)
        }
        Stop::Interrupt => {
            eprint(message);
            Ok(ExitCode::from(INTERRUPTED))
        }
        Stop::Failed(e) => Err(e.into()),
    }
}

fn summary(t: &Tally, unanswered: &str) -> String {
    format!(
        "{} answered, {} not applicable, {} {unanswered} (of {} questions)",
        t.answered, t.not_applicable, t.skipped, t.questions
    )
}

fn say(term: &Term, text: &str) -> Result<()> {
    term.write_line(&itsm_assess::output::visible(text))
        .map_err(|e| Error::write("<terminal>", e).into())
}

fn eprint(text: &str) {
    crate::cmd::write_stderr(text);
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: Option<&Path>) -> bool {
    match (b, std::fs::canonicalize(a)) {
        (Some(b), Ok(a)) => std::fs::canonicalize(b).is_ok_and(|b| a == b),
        _ => false,
    }
}

/// The command that continues this interview.
fn resume_command(g: &Global, args: &RunArgs, path: &Path) -> String {
    let mut words: Vec<String> = vec!["itsm-assess".into(), "run".into()];
    let mut add = |flag: &str, value: Option<&Path>| {
        words.push(flag.to_string());
        if let Some(v) = value {
            words.push(shell_word(&v.display().to_string()));
        }
    };
    add("--resume", Some(path));
    if let Some(last) = &args.from {
        add("--from", Some(last));
    }
    if let Some(q) = &g.questionnaire {
        add("--questionnaire", Some(q));
    }
    if let Some(r) = &g.rubric {
        add("--rubric", Some(r));
    }
    if let Some(v) = &args.vision {
        add("--vision", Some(v));
    }
    if args.targets {
        add("--targets", None);
    }
    for area in &args.areas {
        add("--area", Some(Path::new(area)));
    }
    words.join(" ")
}

/// A word as a POSIX shell reads it back: as is when it is plain, else in
/// single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(line: &[&str]) -> (Global, RunArgs) {
        let cli = Cli::try_parse_from(line).unwrap();
        match cli.command {
            Command::Run(args) => (cli.global, args),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(
            shell_word("assessment-acme-2026-11-20.toml"),
            "assessment-acme-2026-11-20.toml"
        );
        assert_eq!(shell_word("my answers.toml"), "'my answers.toml'");
        assert_eq!(shell_word("it's.toml"), r"'it'\''s.toml'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn the_resume_command_repeats_what_shapes_the_interview() {
        let (g, args) = parse(&[
            "itsm-assess",
            "run",
            "--questionnaire",
            "q.toml",
            "--vision",
            "my vision.toml",
            "--targets",
            "--area",
            "tools",
            "--organization",
            "Acme",
        ]);
        assert_eq!(
            resume_command(&g, &args, Path::new("a.toml")),
            "itsm-assess run --resume a.toml --questionnaire q.toml --vision 'my vision.toml' --targets --area tools"
        );
        let (g, args) = parse(&["itsm-assess", "run"]);
        assert_eq!(
            resume_command(&g, &args, Path::new("a.toml")),
            "itsm-assess run --resume a.toml"
        );
    }

    #[test]
    fn flags_fill_and_override_the_assessment() {
        let (_, args) = parse(&[
            "itsm-assess",
            "run",
            "--organization",
            " Acme ",
            "--date",
            "2026-11-20",
        ]);
        let mut a = Assessment {
            questionnaire: "itsm-core".into(),
            organization: Some("Old".into()),
            respondent: Some("Dana".into()),
            ..Assessment::default()
        };
        assert!(apply_flags(&mut a, &args));
        assert_eq!(a.organization.as_deref(), Some("Acme"));
        assert_eq!(a.respondent.as_deref(), Some("Dana"));
        assert_eq!(a.date, Date::parse("2026-11-20"));
        assert!(!apply_flags(&mut a, &args), "nothing new the second time");
    }

    #[test]
    fn a_bad_date_flag_is_a_usage_error() {
        let err = Cli::try_parse_from(["itsm-assess", "run", "--date", "20.11.2026"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string()
                .contains("expected a date as YYYY-MM-DD, e.g. 2026-11-20"),
            "{err}"
        );
    }

    #[test]
    fn summaries_count_every_kind_of_answer() {
        let t = Tally {
            questions: 6,
            answered: 3,
            not_applicable: 1,
            skipped: 2,
        };
        assert_eq!(
            summary(&t, "skipped"),
            "3 answered, 1 not applicable, 2 skipped (of 6 questions)"
        );
    }
}
