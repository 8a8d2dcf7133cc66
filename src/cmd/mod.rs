//! One module per subcommand: glue from arguments to the library to output.

mod compare;
mod completions;
mod init;
mod man;
mod plan;
mod questionnaire;
mod report;
mod run;
mod schema;
mod score;
mod survey;
mod validate;

use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use itsm_assess::batch::{self, Failure, Input, Progress};
use itsm_assess::limits;
use itsm_assess::output::{self, Escape};
use itsm_assess::render::{OutputFormat, ReportFormat};
use itsm_assess::score::AssessmentInfo;
use itsm_assess::survey::{ExportInfo, Mapping, SurveyOptions};
use itsm_assess::team::Aggregate;
use itsm_assess::{Catalog, Diagnostic, Error, Format, Instrument, Scorecard, Source, Vision};

use crate::cli::{
    AggregateArg, Cli, ColorChoice, Command, Global, InputArgs, PlanFormatArg, ReportFormatArg,
};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = &cli.global;
    match cli.command {
        Command::Report(args) => report::run(g, args),
        Command::Plan(args) => plan::run(g, args),
        Command::Compare(args) => compare::run(g, args),
        Command::Score(args) => score::run(g, args),
        Command::Validate(args) => validate::run(g, args),
        Command::Questionnaire(args) => questionnaire::run(g, args),
        Command::Survey(args) => survey::run(g, args),
        Command::Run(args) => run::run(g, args),
        Command::Init(args) => init::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Whether a panic now is one the interview handles (a terminal made too
/// small while a choice list was drawn), not a bug to report.
pub fn quiet_panic() -> bool {
    run::quiet_panic()
}

/// A mistake in how a command was called that clap cannot see: exit code 2,
/// like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// The exit code for an error: 2 for usage, 1 for everything else.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    if e.is::<Usage>() { 2 } else { 1 }
}

/// Prints an error to standard error, one problem per `error:` line.
pub fn print_error(e: &anyhow::Error) {
    match e.downcast_ref::<Error>() {
        Some(own) => print_lib_error(own),
        None => write_stderr(&format!("error: {e:#}\n")),
    }
}

/// Prints one of the library's errors; they already say everything, their
/// cause included.
pub fn print_lib_error(e: &Error) {
    let mut text = String::new();
    match e {
        Error::Invalid(diagnostics) => {
            for d in diagnostics {
                let _ = writeln!(text, "error: {d}");
            }
        }
        other => {
            let _ = writeln!(text, "error: {other}");
        }
    }
    write_stderr(&text);
}

/// Whether standard input was read already.
static STDIN_READ: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Reads all of standard input, up to the size limit for it; once: a
/// second `-` (answers and `--vision -`, say) is refused.
pub(crate) fn read_stdin() -> Result<Vec<u8>, Error> {
    if STDIN_READ.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return Err(
            Diagnostic::new("<stdin>", "standard input (-) can be read only once")
                .help("give all but one of the inputs by their paths")
                .into(),
        );
    }
    // Standard input redirected from a file is an input like any: no
    // output may replace it (`report - --output /dev/stdin < a.toml`).
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned()
            && let Ok(meta) = std::fs::File::from(fd).metadata()
            && meta.is_file()
        {
            output::note_input("<stdin>", &meta);
        }
    }
    let max = limits::MAX_STDIN_BYTES;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::read("<stdin>", e))?;
    if bytes.len() as u64 > max {
        return Err(Diagnostic::new(
            "<stdin>",
            format!(
                "is larger than {0}; the largest standard input read is {0}",
                limits::human_bytes(max)
            ),
        )
        .help("give the file by its path instead of through standard input")
        .into());
    }
    Ok(bytes)
}

/// Whether standard input holds a survey export rather than answers: a
/// first line (comments and blank lines aside) with delimiters and neither
/// `=`, `[` nor `{`.
fn looks_like_csv(bytes: &[u8]) -> bool {
    let first = bytes
        .split(|b| *b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|l| !l.is_empty() && !l.starts_with(b"#"))
        .unwrap_or_default();
    let has = |c: u8| first.contains(&c);
    (has(b',') || has(b';') || has(b'\t')) && !has(b'=') && !has(b'[') && !has(b'{')
}

/// Reads a named input; `-` is standard input, whose format is told from
/// its content.
pub fn read_input(arg: &str) -> Result<Source, Error> {
    read_file(Path::new(arg))
}

/// Reads a file named by an option (`--vision`, `--questionnaire`,
/// `--rubric`, `--map`); `-` is standard input.
pub fn read_file(path: &Path) -> Result<Source, Error> {
    if path == Path::new("-") {
        let bytes = read_stdin()?;
        let format = Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)]));
        Source::from_bytes("<stdin>".into(), bytes, format)
    } else {
        Source::read(path)
    }
}

/// The respondents' inputs: files, folders, survey exports and standard
/// input, with the paths that could not be expanded.
pub fn collect_inputs(args: &InputArgs) -> Result<(Vec<Input>, Vec<Failure>), Error> {
    let dashes = args
        .answers
        .iter()
        .chain(&args.csv)
        .filter(|a| *a == "-")
        .count();
    if dashes > 1 {
        return Err(Diagnostic::new("<stdin>", "standard input (-) can be read only once").into());
    }
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for arg in &args.answers {
        if arg == "-" {
            let bytes = read_stdin()?;
            if looks_like_csv(&bytes) {
                inputs.push(Input::CsvText {
                    name: "<stdin>".into(),
                    bytes,
                });
            } else {
                let format = Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)]));
                inputs.push(Input::Text(Source::from_bytes(
                    "<stdin>".into(),
                    bytes,
                    format,
                )?));
            }
        } else {
            let expanded = batch::expand(&[arg.into()]);
            inputs.extend(expanded.inputs);
            failures.extend(expanded.failures);
            let mut notes = String::new();
            for s in &expanded.skipped {
                let _ = writeln!(notes, "note: {}: skipped: {}", s.path, s.why);
            }
            write_stderr(&notes);
        }
    }
    for arg in &args.csv {
        if arg == "-" {
            inputs.push(Input::CsvText {
                name: "<stdin>".into(),
                bytes: read_stdin()?,
            });
        } else {
            inputs.push(Input::Csv(arg.into()));
        }
    }
    Ok((inputs, failures))
}

/// How survey exports are read: the flags, and the mapping file read and
/// checked against the instrument.
pub fn survey_options(args: &InputArgs, instrument: &Instrument) -> Result<SurveyOptions, Error> {
    Ok(SurveyOptions {
        ignore_unknown_columns: args.ignore_unknown_columns,
        role_column: args.role_column.clone(),
        mapping: load_mapping(args.map.as_deref(), instrument)?,
    })
}

/// Reads a mapping file, if one is named.
pub fn load_mapping(
    path: Option<&Path>,
    instrument: &Instrument,
) -> Result<Option<std::sync::Arc<Mapping>>, Error> {
    path.map(|p| {
        let src = read_file(p)?;
        Mapping::load(&src, instrument).map(std::sync::Arc::new)
    })
    .transpose()
}

/// Prints, once per export, what was read with doubt and what was left out.
pub fn print_exports(exports: &[ExportInfo]) {
    let mut err = String::new();
    for e in exports {
        for w in &e.warnings {
            let _ = writeln!(err, "warning: {}: {w}", e.file);
        }
        if !e.ignored_columns.is_empty() {
            let shown: Vec<String> = e
                .ignored_columns
                .iter()
                .map(|c| format!("\"{}\"", limits::clip(c, 60)))
                .collect();
            let _ = writeln!(
                err,
                "note: {}: ignored columns: {}",
                e.file,
                shown.join(", ")
            );
        }
        if !e.not_found.is_empty() && e.respondents > 0 {
            let _ = writeln!(err, "note: {}: {}", e.file, e.coverage());
        }
    }
    write_stderr(&err);
}

pub fn aggregate(args: &InputArgs) -> Aggregate {
    match args.aggregate {
        AggregateArg::Mean => Aggregate::Mean,
        AggregateArg::Median => Aggregate::Median,
    }
}

/// A progress bar on standard error for batches that take a moment, and
/// only when standard error is a terminal.
pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub fn new(inputs: &[Input]) -> Bar {
        let files = inputs
            .iter()
            .filter(|i| matches!(i, Input::Answers { .. }))
            .count() as u64;
        let surveys = inputs
            .iter()
            .any(|i| matches!(i, Input::Csv(_) | Input::CsvText { .. }));
        if !std::io::stderr().is_terminal() || (files < 200 && !surveys) {
            return Bar(None);
        }
        let bar = if surveys {
            indicatif::ProgressBar::new_spinner()
        } else {
            indicatif::ProgressBar::new(files)
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_message("respondents");
        Bar(Some(bar))
    }
}

impl Progress for Bar {
    fn advance(&self, respondents: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(respondents);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Prints each failure of a batch.
pub fn print_failures(failures: &[Failure]) {
    for f in failures {
        print_lib_error(&f.error);
    }
}

/// The catalogue of instruments, with the user's questionnaire and rubric.
pub fn catalog(g: &Global) -> Result<Catalog, Error> {
    // --questionnaire names a file, or a built-in one by ID@VERSION (such
    // as itsm-core@1.0.0, to read a survey export made with it).
    let (q, r) = match g.questionnaire.as_deref() {
        Some(path) if !path.exists() && path.to_str().is_some_and(|s| s.contains('@')) => {
            let b = builtin_named(&path.display().to_string(), "--questionnaire")?;
            let r = match g.rubric.as_deref() {
                Some(r) => read_file(r)?,
                None => b.rubric_source(),
            };
            (Some(b.questionnaire_source()), Some(r))
        }
        Some(path) => (
            Some(read_file(path)?),
            g.rubric.as_deref().map(read_file).transpose()?,
        ),
        None => (None, g.rubric.as_deref().map(read_file).transpose()?),
    };
    Catalog::new(q.as_ref(), r.as_ref())
}

/// Whether to colour what goes to standard output.
pub fn use_color(g: &Global) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match g.color {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
    }
}

/// How to present what goes to standard output: colour and the terminal's
/// width when it is a terminal; plain and unwrapped for a file or a pipe.
pub fn style(g: &Global, output: Option<&Path>, top: usize) -> itsm_assess::render::Style {
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    itsm_assess::render::Style {
        color: output.is_none() && use_color(g),
        top,
        width: to_terminal
            .then(|| console::Term::stdout().size_checked().map(|(_, w)| w))
            .flatten(),
    }
}

/// Writes the result to a file (atomically, never over an input) or to
/// standard output (no file, or `-`), with what came from input made
/// harmless for a terminal.
pub fn emit(text: &str, output: Option<&Path>, how: Escape) -> Result<(), Error> {
    let text = output::escape(text, how);
    emit_bytes(text.as_bytes(), output)
}

/// Writes what a renderer made in `format`: text made harmless as
/// [`emit`] does, a workbook's bytes as they are.
pub fn emit_file(
    bytes: Vec<u8>,
    output: Option<&Path>,
    format: OutputFormat,
    style: &itsm_assess::render::Style,
) -> Result<(), Error> {
    if format.is_binary() {
        return emit_bytes(&bytes, output);
    }
    emit(
        &String::from_utf8_lossy(&bytes),
        output,
        escape_for(format, style),
    )
}

/// Writes bytes to a file (atomically, never over an input) or to standard
/// output (no file, or `-`).
fn emit_bytes(bytes: &[u8], output: Option<&Path>) -> Result<(), Error> {
    match output {
        Some(path) if path != Path::new("-") => output::write_file(path, bytes),
        _ => write_raw(bytes),
    }
}

/// How a report format is made harmless: JSON keeps its escapes, coloured
/// tables their colours.
pub fn escape_for(format: OutputFormat, style: &itsm_assess::render::Style) -> Escape {
    match format {
        OutputFormat::Text(ReportFormat::Json) => Escape::Json,
        OutputFormat::Text(ReportFormat::Table) if style.color => Escape::Colored,
        _ => Escape::Text,
    }
}

/// Writes text to standard output, with what came from input made harmless.
pub fn write_stdout(text: &str) -> Result<(), Error> {
    write_raw(output::visible(text).as_bytes())
}

/// Writes JSON to standard output, with what came from input made harmless.
pub fn write_json(text: &str) -> Result<(), Error> {
    write_raw(output::visible_json(text).as_bytes())
}

fn write_raw(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::write("<stdout>", e)),
        _ => Ok(()),
    }
}

/// Writes a message to standard error, with what came from input made
/// harmless: every message of the tool goes through here.
pub fn write_stderr(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(output::visible(text).as_bytes());
}

impl From<ReportFormatArg> for OutputFormat {
    fn from(arg: ReportFormatArg) -> OutputFormat {
        match arg {
            ReportFormatArg::Table => OutputFormat::Text(ReportFormat::Table),
            ReportFormatArg::Json => OutputFormat::Text(ReportFormat::Json),
            ReportFormatArg::Markdown => OutputFormat::Text(ReportFormat::Markdown),
            ReportFormatArg::Csv => OutputFormat::Text(ReportFormat::Csv),
            ReportFormatArg::Html => OutputFormat::Text(ReportFormat::Html),
            ReportFormatArg::Xlsx => OutputFormat::Xlsx,
        }
    }
}

impl From<PlanFormatArg> for OutputFormat {
    fn from(arg: PlanFormatArg) -> OutputFormat {
        match arg {
            PlanFormatArg::Table => OutputFormat::Text(ReportFormat::Table),
            PlanFormatArg::Json => OutputFormat::Text(ReportFormat::Json),
            PlanFormatArg::Markdown => OutputFormat::Text(ReportFormat::Markdown),
            PlanFormatArg::Csv => OutputFormat::Text(ReportFormat::Csv),
            PlanFormatArg::Html => OutputFormat::Text(ReportFormat::Html),
            PlanFormatArg::Xlsx => OutputFormat::Xlsx,
            PlanFormatArg::JiraCsv => OutputFormat::JiraCsv,
            PlanFormatArg::AzureDevopsCsv => OutputFormat::AzureDevOpsCsv,
            PlanFormatArg::Toml => OutputFormat::PlanToml,
        }
    }
}

/// The output format: `--format` when given, else the one the output
/// file's extension names, else (no file, no extension, or `-`) the table.
/// A binary format (xlsx) bound for a terminal is refused unless asked for
/// by name with `--output -`: it needs a file or a pipe.
pub fn output_format(
    explicit: Option<impl Into<OutputFormat>>,
    output: Option<&Path>,
) -> Result<OutputFormat, Usage> {
    let format = match (explicit, output.and_then(|p| Some((p, p.extension()?)))) {
        (Some(format), _) => format.into(),
        (None, None) => OutputFormat::Text(ReportFormat::Table),
        (None, Some((path, ext))) => ext
            .to_str()
            .and_then(OutputFormat::from_extension)
            .ok_or_else(|| {
                Usage(format!(
                    "cannot tell the output format from the extension of {}; use one of {} or pass --format",
                    path.display(),
                    OutputFormat::EXTENSIONS
                ))
            })?,
    };
    if format.is_binary() && output.is_none() && std::io::stdout().is_terminal() {
        return Err(Usage(format!(
            "the {} format is a binary file, not for the terminal; write it with --output FILE.{} or redirect standard output to a file",
            format.name(),
            format.name()
        )));
    }
    Ok(format)
}

/// Reads, checks and scores one answers file, against the vision if given.
pub fn score_input<'c>(
    catalog: &'c Catalog,
    input: &str,
    vision: Option<&Source>,
) -> Result<(Scorecard, &'c Instrument), Error> {
    score_source(catalog, &read_input(input)?, vision)
}

/// The scorecard of what `report` and `plan` were given: one answers file
/// gives that respondent's; several, a folder or a survey export, the team's.
pub struct Assessed<'c> {
    pub card: Scorecard,
    pub instrument: &'c Instrument,
    /// Some inputs could not be used (they were reported on standard error).
    pub incomplete: bool,
    /// The vision the targets came from, if one was given.
    pub vision: Option<Vision>,
}

impl Assessed<'_> {
    pub fn exit_code(&self) -> ExitCode {
        if self.incomplete {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

pub fn assess<'c>(
    catalog: &'c Catalog,
    args: &InputArgs,
    vision: Option<&Path>,
) -> Result<Assessed<'c>, Error> {
    let (inputs, mut failures) = collect_inputs(args)?;
    let vision_src = vision.map(read_file).transpose()?;
    if let [one @ (Input::Answers { found: false, .. } | Input::Text(_))] = inputs.as_slice()
        && failures.is_empty()
    {
        let src = match one {
            Input::Text(src) => src.clone(),
            _ => Source::read(Path::new(&one.name()))?,
        };
        let (card, instrument) = score_source(catalog, &src, vision_src.as_ref())?;
        let vision = vision_src
            .as_ref()
            .map(|v| Vision::load(v, instrument))
            .transpose()?;
        return Ok(Assessed {
            card,
            instrument,
            incomplete: false,
            vision,
        });
    }
    let instrument = catalog.instrument(None)?;
    let vision = vision_src
        .as_ref()
        .map(|v| Vision::load(v, instrument))
        .transpose()?;
    let bar = Bar::new(&inputs);
    let batch = batch::Batch {
        catalog,
        vision: None,
        survey: survey_options(args, instrument)?,
        progress: &bar,
    };
    let (mut tally, failed) = batch.tally(&inputs, instrument);
    tally.set_min_group(args.min_group);
    drop(bar);
    print_exports(tally.exports());
    failures.extend(failed);
    print_failures(&failures);
    let source = match inputs.as_slice() {
        [one] => one.name(),
        _ => format!("{} inputs", inputs.len()),
    };
    if tally.roles_refused() > 0 {
        return Err(too_many_roles(&source, tally.roles_refused()).into());
    }
    if tally.respondents() == 0 {
        // With nothing reported above, the inputs were read but held no one:
        // a survey export with a header row and no rows below it.
        let d = if failures.is_empty() {
            Diagnostic::new(source, "holds no respondents")
                .help("a survey export needs one row per respondent below its header row")
        } else {
            Diagnostic::new(source, "no respondent could be read")
                .help("fix the problems above and run again")
        };
        return Err(d.into());
    }
    let info = AssessmentInfo {
        source: Some(source.clone()),
        vision: vision_src.map(|v| v.name),
        vision_title: vision.as_ref().and_then(|v| v.title.clone()),
        vision_description: vision.as_ref().and_then(|v| v.description.clone()),
        ..AssessmentInfo::default()
    };
    let card = tally.finish(instrument, vision.as_ref(), aggregate(args), info);
    if let Some(d) = card.coverage.nothing_answered(&source) {
        return Err(d.into());
    }
    Ok(Assessed {
        card,
        instrument,
        incomplete: !failures.is_empty(),
        vision,
    })
}

/// The error for a team with more distinct roles than are compared.
pub fn too_many_roles(source: &str, refused: u64) -> Diagnostic {
    Diagnostic::new(
        source,
        format!(
            "has more than {} distinct roles ({refused} respondents have a role past them); a role is a group people are compared by",
            limits::MAX_ROLES
        ),
    )
    .help("the role column may hold names or free text: choose the role column with --role-column HEADER, or group the roles in the [roles] table of a --map file")
}

/// Checks and scores answers already read, against the vision if given.
pub fn score_source<'c>(
    catalog: &'c Catalog,
    src: &Source,
    vision: Option<&Source>,
) -> Result<(Scorecard, &'c Instrument), Error> {
    let (answers, instrument) = catalog.load_answers(src)?;
    let targets = match vision {
        Some(vs) => Some(Vision::load(vs, instrument)?),
        None => None,
    };
    let info = AssessmentInfo {
        source: Some(src.name.clone()),
        vision: vision.map(|v| v.name.clone()),
        vision_title: targets.as_ref().and_then(|v| v.title.clone()),
        vision_description: targets.as_ref().and_then(|v| v.description.clone()),
        ..AssessmentInfo::default()
    };
    let card = itsm_assess::score(instrument, &answers, targets.as_ref(), info);
    if let Some(d) = card.coverage.nothing_answered(&src.name) {
        return Err(d.into());
    }
    Ok((card, instrument))
}

/// A built-in questionnaire named `ID` (its newest version) or `ID@VERSION`.
pub fn builtin_named(
    name: &str,
    what: &str,
) -> Result<&'static itsm_assess::builtin::BuiltIn, itsm_assess::Error> {
    use itsm_assess::builtin;
    let (id, version) = match name.split_once('@') {
        Some((id, v)) => (id, Some(v)),
        None => (name, None),
    };
    let found = match version {
        Some(v) => builtin::BuiltIn::find_version(id, v),
        None => builtin::BuiltIn::find(id),
    };
    found.ok_or_else(|| {
        let all: Vec<String> = builtin::ALL
            .iter()
            .map(|b| format!("{}@{}", b.id, b.version))
            .collect();
        itsm_assess::Diagnostic::new(
            what,
            format!(
                "\"{}\" is not a built-in questionnaire",
                itsm_assess::limits::shown(name)
            ),
        )
        .help(format!("the built-in ones are: {}", all.join(", ")))
        .into()
    })
}
