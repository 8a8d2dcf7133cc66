//! The command line: clap definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use itsm_assess::model::Date;

const EXAMPLES: &str = "\
Examples:
  itsm-assess report examples/answers.toml
  itsm-assess report examples/answers.toml --vision examples/vision.toml --format json
  itsm-assess report examples/answers.toml --output report.html
  itsm-assess plan examples/answers.toml --vision examples/vision.toml --output plan.md
  itsm-assess compare examples/answers.toml examples/answers-followup.toml
  itsm-assess score examples/*.toml --format json
  itsm-assess validate questionnaires/itsm-core.toml examples/answers.toml
  itsm-assess questionnaire show
  itsm-assess run --organization \"Acme Corp\"
  itsm-assess run --resume assessment-acme-corp-2026-11-20.toml
  itsm-assess init my-questionnaire
  itsm-assess schema answers > answers.schema.json";

/// The program's name, as in its help, completions and manual.
pub const NAME: &str = "itsm-assess";

/// The command line with its version: the program's and the built-in
/// questionnaire's, e.g. `0.1.0 (built-in questionnaire itsm-core 1.0.0)`.
pub fn command() -> clap::Command {
    let builtin = itsm_assess::builtin::default();
    let version = format!(
        "{} (built-in questionnaire {} {})",
        env!("CARGO_PKG_VERSION"),
        builtin.id,
        builtin.questionnaire_version()
    );
    <Cli as clap::CommandFactory>::command()
        .version(version.clone())
        .long_version(version)
}

/// ITSM maturity assessments: processes, tools, training and management,
/// scored against a rubric and compared with the organisation's vision.
#[derive(Debug, Parser)]
#[command(name = NAME, version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Questionnaire file to use instead of the built-in one, or a built-in
    /// one by ID@VERSION (e.g. itsm-core@1.0.0).
    #[arg(long, global = true, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
    /// Rubric file to use instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// When to colour the output (NO_COLOR in the environment means never).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The gap report of one assessment, or of a team: current state against the vision.
    #[command(after_help = "\
One answers file gives the report of that respondent; several files, a
folder or a survey export give the team report: answers aggregated per
question, their spread, each role's view and the perception gaps.

Examples:
  itsm-assess report examples/answers.toml
  itsm-assess report examples/answers.toml --vision examples/vision.toml --top 5
  itsm-assess report examples/answers.json --format json > report.json
  itsm-assess report examples/answers.toml --output report.html
  itsm-assess report examples/answers.toml --output report.xlsx
  itsm-assess report examples/answers.toml --format csv > gaps.csv
  itsm-assess report examples/team.csv --aggregate median
  itsm-assess report answers/ --format json
  itsm-assess report - < answers.toml")]
    Report(ReportArgs),
    /// A phased improvement plan: one step per level, quick wins first.
    #[command(after_help = "\
Each gap becomes one step per scale level, each in a later phase than the
one before. Phase 1 holds every quick win; other steps follow priority into
the earliest phase with room; phases are added until every step has a
place, so every step is dated. The rubric's [plan] sets the number of
phases, their days and the steps per phase.
Several answers files, a folder or a survey export plan for the team.

Examples:
  itsm-assess plan examples/answers.toml
  itsm-assess plan examples/team.csv --output team-plan.md
  itsm-assess plan examples/answers.toml --vision examples/vision.toml --start 2027-01-04
  itsm-assess plan examples/answers.toml --output plan.html
  itsm-assess plan examples/answers.toml --output plan.xlsx
  itsm-assess plan examples/answers.toml --format jira-csv > jira.csv
  itsm-assess plan examples/answers.toml --format azure-devops-csv > azure-devops.csv
  itsm-assess plan examples/answers.toml --format json")]
    Plan(PlanArgs),
    /// Progress over time: two or more assessments, first to last.
    #[command(after_help = "\
The assessments are put in date order ([assessment] date); with
--keep-order they are compared in the order given and need no date.

Examples:
  itsm-assess compare examples/answers.toml examples/answers-followup.toml
  itsm-assess compare before.toml after.toml --vision examples/vision.toml --output progress.html
  itsm-assess compare q1.toml q2.toml q3.toml --format csv > trend.csv
  itsm-assess compare q1.toml q2.toml --output progress.xlsx")]
    Compare(CompareArgs),
    /// One summary line per respondent: overall, band, areas, coverage.
    #[command(after_help = "\
Every input is read even when some are bad; bad ones are reported on
standard error and make the exit code 1. Questionnaires, rubrics and visions
among the inputs are not answers: a questionnaire with the rubric that
scores it scores the answers that name it, and each gets a note.

Examples:
  itsm-assess score examples/*.toml --format json
  itsm-assess score examples/answers.toml examples/answers.json
  itsm-assess score answers/ --format json
  itsm-assess score examples/team.csv --summary")]
    Score(ScoreArgs),
    /// Check questionnaires, rubrics, answers and visions, and how they fit together.
    #[command(after_help = "\
Examples:
  itsm-assess validate examples/answers.toml examples/vision.toml
  itsm-assess validate my-questionnaire.toml my-rubric.toml my-answers.toml
  itsm-assess validate --kind answers export.json")]
    Validate(ValidateArgs),
    /// List the built-in questionnaires or show the effective one with its rubric.
    #[command(
        subcommand,
        after_help = "\
Examples:
  itsm-assess questionnaire list
  itsm-assess questionnaire show --format toml > my-questionnaire-and-rubric.toml"
    )]
    Questionnaire(QuestionnaireCommand),
    /// How a survey export is read, and a draft mapping for it.
    #[command(
        subcommand,
        after_help = "\
Examples:
  itsm-assess survey inspect examples/team.csv
  itsm-assess survey inspect export.csv --write-map map.toml"
    )]
    Survey(SurveyCommand),
    /// Interview a respondent in the terminal, saving after every answer.
    #[command(after_help = RUN_HELP)]
    Run(RunArgs),
    /// Write a starter questionnaire, rubric and vision to edit into your own.
    #[command(after_help = "\
Writes questionnaire.toml, rubric.toml and vision.toml: copies of the built-in
questionnaire and rubric with the id my-itsm, and a vision for it, each with
comments explaining every field. They validate as written. Existing files are
never overwritten unless --force is given.

Examples:
  itsm-assess init
  itsm-assess init acme-assessment
  itsm-assess init acme-assessment --force")]
    Init(InitArgs),
    /// Print the JSON Schema of a file format or of a JSON output.
    #[command(after_help = "\
Input schemas (questionnaire, rubric, answers, vision) let editors complete
and check the files; output schemas describe what --format json writes.
The same schemas are in docs/schema/ in the source repository.

Examples:
  itsm-assess schema list
  itsm-assess schema answers > answers.schema.json")]
    Schema(SchemaArgs),
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  itsm-assess completions bash > ~/.local/share/bash-completion/completions/itsm-assess
  itsm-assess completions zsh > ~/.zfunc/_itsm-assess
  itsm-assess completions fish > ~/.config/fish/completions/itsm-assess.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command to a folder.
    #[command(after_help = "\
Examples:
  itsm-assess man | man -l -
  itsm-assess man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write the files to; created if missing.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema to print, or `list` for the names.
    #[arg(value_name = "NAME", value_parser = schema_names())]
    pub name: String,
}

/// The names `schema` takes: `list` and every schema.
fn schema_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        std::iter::once("list").chain(itsm_assess::schema::names()),
    )
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write itsm-assess.1 and a page per command (itsm-assess-report.1, ...)
    /// to this folder instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Where respondents come from, for `report` and `score`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Answers files (TOML, or JSON by the .json extension), folders of them
    /// (searched recursively), survey exports (.csv); - reads standard input.
    #[arg(value_name = "ANSWERS", required_unless_present = "csv")]
    pub answers: Vec<String>,
    /// A survey export: one row per respondent, one column per question; - reads standard input.
    #[arg(long, value_name = "FILE")]
    pub csv: Vec<String>,
    /// Leave out survey columns that hold levels but name no question,
    /// instead of failing (free-text and the tools' own columns are always left out).
    #[arg(long)]
    pub ignore_unknown_columns: bool,
    /// A mapping file for a survey export: which question a code-only column
    /// answers, what coded values mean (draft one with `survey inspect --write-map`).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// The header of the survey column that holds the respondent's role,
    /// when its header does not say "role" (e.g. "Which team are you in?").
    #[arg(long, value_name = "HEADER")]
    pub role_column: Option<String>,
    /// How the respondents' levels on a question are combined.
    #[arg(long, value_enum, default_value_t = AggregateArg::Mean)]
    pub aggregate: AggregateArg,
    /// Anonymity: a role with fewer respondents than this is not shown on
    /// its own (its respondents still count in the team's figures); 1 shows
    /// every role.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..))]
    pub min_group: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AggregateArg {
    Mean,
    Median,
}

const RUN_HELP: &str = "\
Each question shows its level descriptors; pick the one that matches reality.
Keys: Up/Down move, Enter chooses, Left/Right turn pages. Esc (or q in a list)
or \"Save and quit\" stops with exit code 0, Ctrl-C with 130; either way every
answer given is already saved, and --resume FILE continues at the first
unanswered question.

The answers are saved, after every answer, to assessment-<organization>-<date>.toml
in the current folder, or to --out FILE. A new interview never overwrites a
file: when the default name is taken, it saves to the next free name (-2, -3,
...), and an existing --out FILE is refused. Needs a terminal; to score
answers in a file, use `itsm-assess report` or `itsm-assess score`.

To assess again later (plan-do-check-act), --from LAST.toml starts a new
assessment on the last one's questionnaire: each question shows \"last time:
2 Repeatable (note)\" with that answer selected, so Enter keeps it. The new
answers go to a new file; LAST.toml is only read.

Examples:
  itsm-assess run
  itsm-assess run --organization \"Acme Corp\" --respondent \"Dana Lee\" --targets
  itsm-assess run --area processes --area tools --vision examples/vision.toml
  itsm-assess run --resume assessment-acme-corp-2026-11-20.toml
  itsm-assess run --from assessment-acme-corp-2026-11-20.toml --date 2027-05-20
  itsm-assess run --questionnaire mine.toml --rubric mine-rubric.toml --out answers.toml";

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Vision file: the organisation's target profile.
    #[arg(long, value_name = "FILE")]
    pub vision: Option<PathBuf>,
    /// Output format [default: from the --output extension (.md, .csv, .html,
    /// .json, .txt, .xlsx), else table].
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormatArg>,
    /// How many of the top gaps to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Write the report to this file (atomically) instead of standard output;
    /// - is standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A staff pulse survey (the built-in itsm-pulse): its export, answers
    /// files or a folder of them, set beside the questions its statements
    /// inform, to show where staff and the assessment disagree.
    #[arg(long, value_name = "FILE")]
    pub pulse: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Continue the interview saved in FILE at its first unanswered question.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// Assess again: a new assessment offering LAST's answers (Enter keeps
    /// each); LAST is not changed. With --resume, continues such a one.
    #[arg(long, value_name = "LAST")]
    pub from: Option<PathBuf>,
    /// Save the answers to FILE (default: assessment-<organization>-<date>.toml).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Vision file: its targets are the defaults with --targets and in the report.
    #[arg(long, value_name = "FILE")]
    pub vision: Option<PathBuf>,
    /// Also ask for the target level of each question.
    #[arg(long)]
    pub targets: bool,
    /// Ask only the questions of this area; repeat for more areas.
    #[arg(long = "area", value_name = "ID")]
    pub areas: Vec<String>,
    /// The organisation assessed (asked for when not given).
    #[arg(long, value_name = "NAME")]
    pub organization: Option<String>,
    /// Who answers (asked for when not given).
    #[arg(long, value_name = "NAME")]
    pub respondent: Option<String>,
    /// The respondent's role (asked for when not given).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The date of the assessment, YYYY-MM-DD (asked for, today by default).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    Table,
    Json,
    #[value(alias = "md")]
    Markdown,
    Csv,
    Html,
    /// An Excel workbook: to a file (--output) or a pipe, not a terminal.
    Xlsx,
}

/// The plan's formats: the report's, and the trackers' CSV imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormatArg {
    Table,
    Json,
    #[value(alias = "md")]
    Markdown,
    Csv,
    Html,
    /// An Excel workbook: to a file (--output) or a pipe, not a terminal.
    Xlsx,
    /// Jira's CSV import: an Epic per area, a Task per step.
    JiraCsv,
    /// Azure DevOps' CSV import: an Epic per area, a Feature per step.
    AzureDevopsCsv,
    /// The plan file its owners keep up to date (status, owner, due,
    /// reason), read back by `plan --from` and `compare --plan`.
    Toml,
}

#[derive(Debug, Args)]
#[command(mut_arg("answers", |a| a.required_unless_present_any(["csv", "from"])))]
pub struct PlanArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Render a plan file (written with --output plan.toml, then kept up to
    /// date by its owners) instead of planning from answers.
    #[arg(long, value_name = "PLAN.toml", conflicts_with_all = ["answers", "csv", "vision", "start"])]
    pub from: Option<PathBuf>,
    /// Vision file: the organisation's target profile.
    #[arg(long, value_name = "FILE")]
    pub vision: Option<PathBuf>,
    /// First day of phase 1 [default: the assessment date, else today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub start: Option<Date>,
    /// Output format [default: from the --output extension, else table].
    #[arg(long, short, value_enum)]
    pub format: Option<PlanFormatArg>,
    /// Write the plan to this file (atomically) instead of standard output;
    /// - is standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Answers files of the same questionnaire, at least two; - reads
    /// standard input (once).
    #[arg(value_name = "ANSWERS", required = true, num_args = 2..)]
    pub answers: Vec<String>,
    /// Vision file: the targets every assessment is measured against.
    #[arg(long, value_name = "FILE")]
    pub vision: Option<PathBuf>,
    /// Compare in the order given instead of by assessment date.
    #[arg(long)]
    pub keep_order: bool,
    /// A plan file (`plan --output plan.toml`): report plan versus actual,
    /// each step due by the last assessment's date reached or missed.
    #[arg(long, value_name = "PLAN.toml")]
    pub plan: Option<PathBuf>,
    /// Output format [default: from the --output extension, else table].
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormatArg>,
    /// Write the comparison to this file (atomically) instead of standard
    /// output; - is standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A `YYYY-MM-DD` date on the command line.
fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| "expected a date as YYYY-MM-DD, e.g. 2026-11-20".to_string())
}

/// Formats of the one-line-per-file summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormatArg {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Add a line for all respondents together.
    #[arg(long)]
    pub summary: bool,
    /// Vision file: the organisation's target profile.
    #[arg(long, value_name = "FILE")]
    pub vision: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SummaryFormatArg::Table)]
    pub format: SummaryFormatArg,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check; - reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// The kind of every file, instead of telling it from the content.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Questionnaire,
    Rubric,
    Answers,
    Vision,
}

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// How every column of an export was taken and how every value reads.
    #[command(after_help = "\
Shows the tool the export came from, its encoding and header rows, and for
every column what it was taken as (a question and how its header named it,
the tool's metadata, a comment, ignored, unknown) and how each distinct
value of the question columns reads. --write-map drafts a mapping file:
replace its \"?\" entries and pass it to report, score or plan with --map.

Examples:
  itsm-assess survey inspect examples/team.csv
  itsm-assess survey inspect responses.xlsx
  itsm-assess survey inspect export.csv --write-map map.toml
  itsm-assess report export.csv --map map.toml")]
    Inspect(InspectArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The survey export (.csv, .tsv or .xlsx); - reads standard input.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Write a draft mapping file here (never over an existing file).
    #[arg(long, value_name = "FILE")]
    pub write_map: Option<PathBuf>,
    /// Read with this mapping file, to check it.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// The header of the column that holds the role.
    #[arg(long, value_name = "HEADER")]
    pub role_column: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// The built-in questionnaires.
    #[command(after_help = "\
Examples:
  itsm-assess questionnaire list
  itsm-assess questionnaire list --format json")]
    List {
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
    /// The effective questionnaire (built-in or --questionnaire) with its rubric.
    #[command(after_help = "\
Examples:
  itsm-assess questionnaire show
  itsm-assess questionnaire show --format json
  itsm-assess questionnaire show --questionnaire mine.toml --rubric mine-rubric.toml
  itsm-assess questionnaire show itsm-pulse
  itsm-assess questionnaire show itsm-core@1.0.0")]
    Show {
        /// A built-in questionnaire, ID or ID@VERSION [default: itsm-core,
        /// its newest version; or --questionnaire FILE].
        #[arg(value_name = "ID")]
        id: Option<String>,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
        format: ShowFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
    Toml,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    /// Every command and subcommand, with its path, e.g. "questionnaire show".
    fn all_commands() -> Vec<(String, clap::Command)> {
        fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let path = format!("{prefix} {}", sub.get_name()).trim().to_string();
                out.push((path.clone(), sub.clone()));
                walk(&path, sub, out);
            }
        }
        let root = command();
        let mut out = vec![(String::new(), root.clone())];
        walk("", &root, &mut out);
        out
    }

    #[test]
    fn every_command_has_examples_of_itself_in_its_help() {
        let commands = all_commands();
        // The new commands are among them, nested ones too.
        for name in ["init", "schema", "completions", "man", "questionnaire list"] {
            assert!(commands.iter().any(|(p, _)| p == name), "{name}");
        }
        for (path, mut cmd) in commands {
            let help = cmd.render_long_help().to_string();
            let examples = help
                .split("\nExamples:\n")
                .nth(1)
                .unwrap_or_else(|| panic!("`itsm-assess {path} --help` has no Examples: section"));
            let lines: Vec<&str> = examples
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .collect();
            assert!(!lines.is_empty(), "`{path}`: empty Examples: section");
            let own = format!("itsm-assess {path}");
            for line in &lines {
                assert!(
                    line.starts_with("  itsm-assess "),
                    "`{path}`: example does not start with itsm-assess: {line}"
                );
            }
            assert!(
                lines.iter().any(|l| l.trim_start().starts_with(own.trim())),
                "`{path}`: no example runs `{own}`"
            );
        }
    }
}
